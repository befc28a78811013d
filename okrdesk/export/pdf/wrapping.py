"""Line breaking for mixed Chinese, English and numbers.

Chinese may break between any two characters; English words and numbers stay whole
unless a single word is wider than the line. Punctuation that may not start a line (，。
、） and the like) stays with the character before it, and opening brackets stay with
the character after. reportlab's own CJK wrap can cut an English word in two when the
word sits in the second half of a line, so paragraphs of plain text use this instead.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

NO_LINE_START = set("，。、；：？！）」』】》〉”’,.;:?!)]}%…—·")
NO_LINE_END = set("（「『【《〈“‘([{")


def _wide(char: str) -> bool:
    """A character that is a word by itself (CJK ideographs, kana, fullwidth forms)."""
    return ord(char) >= 0x2E80


def may_break_before(text: str, index: int) -> bool:
    """Whether a line may end just before text[index]."""
    before, after = text[index - 1], text[index]
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    return before.isspace() or after.isspace() or _wide(before) or _wide(after)


@lru_cache(maxsize=65536)
def _width(char: str, font: str, size: float) -> float:
    return stringWidth(char, font, size)


def break_lines(text: str, widths: list[float], font: str, size: float) -> list[str]:
    """The text in lines no wider than widths (the last width repeats)."""
    lines: list[str] = []
    start, used, index = 0, 0.0, 0
    while index < len(text):
        char = text[index]
        if char == "\n":
            lines.append(text[start:index].rstrip())
            start, used, index = index + 1, 0.0, index + 1
            continue
        used += _width(char, font, size)
        limit = widths[min(len(lines), len(widths) - 1)]
        if used > limit + 1e-6 and index > start:
            cut = next((i for i in range(index, start, -1) if may_break_before(text, i)), index)
            lines.append(text[start:cut].rstrip())
            while cut < len(text) and text[cut] == " ":
                cut += 1
            start, used, index = cut, 0.0, cut
            continue
        index += 1
    if start < len(text) or not lines:
        lines.append(text[start:].rstrip())
    return lines


class MixedParagraph(Paragraph):
    """A Paragraph whose plain-text CJK lines break as described above."""

    def breakLinesCJK(self, max_widths: Any) -> Any:  # noqa: N802 (reportlab's name)
        frags = self.frags
        simple = (
            len(frags) == 1
            and hasattr(frags[0], "text")
            and not hasattr(frags[0], "cbDefn")
            and not self.style.endDots
        )
        if not simple:
            return super().breakLinesCJK(max_widths)
        if not isinstance(max_widths, list | tuple):
            max_widths = [max_widths]
        frag = frags[0]
        lines: list[tuple[float, list[str]]] = []
        for line in break_lines(frag.text, list(max_widths), frag.fontName, frag.fontSize):
            width = stringWidth(line, frag.fontName, frag.fontSize)
            room = max_widths[min(len(lines), len(max_widths) - 1)] - width
            lines.append((room, [line]))
        self.height = 0
        return frag.clone(kind=0, lines=lines, ascent=frag.fontSize, descent=-0.2 * frag.fontSize)

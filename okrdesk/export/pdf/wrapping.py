"""Line breaking for mixed Chinese, English and numbers.

Chinese may break between any two characters; English words and numbers stay whole
unless a single word is wider than the line. Punctuation that may not start a line (，。
、） and the like) stays with the character before it, and opening brackets stay with
the character after. reportlab's own CJK wrap can cut an English word in two when the
word sits in the second half of a line, so paragraphs of plain text use this instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, cast

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import FragLine, ParaLines

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


def break_lines(
    text: str,
    widths: list[float],
    font: str,
    size: float,
    face: Callable[[str], str] | None = None,
) -> list[str]:
    """The text in lines no wider than widths (the last width repeats); ``face`` names
    the font of each character when a paragraph mixes two (else ``font`` sets all)."""
    lines: list[str] = []
    start, used, index = 0, 0.0, 0
    while index < len(text):
        char = text[index]
        if char == "\n":
            lines.append(text[start:index].rstrip())
            start, used, index = index + 1, 0.0, index + 1
            continue
        used += _width(char, font if face is None else face(char), size)
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


# A line of text as (font, text) runs.
Runs = tuple[tuple[str, str], ...]


def write_text(
    canvas: Canvas,
    code: list[str],
    placed: Sequence[tuple[float, float, Sequence[tuple[str, str]]]],
    size: float,
    on_face: Callable[[str], str | None] | None = None,
) -> bool:
    """Lines of runs at (x, y), as PDF text operators written straight into a text object's
    code: what PDFTextObject.setTextOrigin, setFont and textOut write for TrueType faces,
    without formatting each number anew or measuring each run again (a page has hundreds
    of runs). ``on_face`` gives an operator to write when the face changes (a text render
    mode). False, with nothing written, when a face is not TrueType (the CID fallback)."""
    doc: Any = canvas._doc  # type: ignore[attr-defined]  # reportlab's, not in its stubs
    fonts: dict[str, TTFont] = {}
    for _x, _y, line in placed:
        for face, _part in line:
            if face not in fonts:
                found = pdfmetrics.getFont(face)
                if not isinstance(found, TTFont):
                    return False
                fonts[face] = found
    write = code.append
    tf = f"{fp_str(size)} Tf"  # the size exactly as reportlab writes it
    subset_name, face_name = "", ""
    for x, y, line in placed:
        write(f"1 0 0 1 {x:.3f} {y:.3f} Tm")  # a thousandth of a point
        for face, part in line:
            if face != face_name and on_face is not None:
                operator = on_face(face)
                if operator:
                    write(operator)
            face_name = face
            truetype = fonts[face]
            for subset, chunk in truetype.splitString(part, doc):
                name = truetype.getSubsetInternalName(subset, doc)
                if name != subset_name:
                    write(f"{name} {tf}")
                    subset_name = name
                write(f"({escapePDF(chunk)}) Tj")
    return True


@lru_cache(maxsize=64)
def _covered(font: str) -> frozenset[int]:
    face = getattr(pdfmetrics.getFont(font), "face", None)
    return frozenset(getattr(face, "charToGlyph", {}))


@lru_cache(maxsize=32)
def face_chooser(cjk: str, latin: str | None, everything: bool) -> Callable[[str], str]:
    """Which font sets a character: the Latin companion for letters, digits and Western
    punctuation it has (``everything``: any character it has, for English documents),
    the CJK face for the rest."""
    if latin is None:
        return lambda _char: cjk
    covered = _covered(latin)

    @lru_cache(maxsize=4096)
    def face(char: str) -> str:
        code = ord(char)
        if code in covered and (everything or code < 0x2000):
            return latin
        return cjk

    return face


def runs(line: str, face: Callable[[str], str]) -> list[tuple[str, str]]:
    """The line cut where its font changes: (font, text) pairs."""
    result: list[tuple[str, str]] = []
    for char in line:
        font = face(char)
        if result and (result[-1][0] == font or char == " "):
            result[-1] = (result[-1][0], result[-1][1] + char)
        else:
            result.append((font, char))
    return result


def synthetic_bold(canvas: Canvas, fonts: frozenset[str], width: float) -> Callable[[], None]:
    """Make canvas text objects stroke the outlines of ``fonts`` (fill and stroke, text
    render mode 2) so a face without a bold still draws heavier; returns the undo."""
    begin = canvas.beginText

    def begin_text(*args: Any, **kwargs: Any) -> PDFTextObject:
        # Its private state (_setFont, _code, _fontname) is not in reportlab's stubs.
        text_object: Any = begin(*args, **kwargs)
        set_font, set_font_leading = text_object._setFont, text_object.setFont
        state = {"mode": 0}

        def mode_for(name: str) -> None:
            mode = 2 if name in fonts else 0
            if mode != state["mode"]:
                text_object._code.append(f"{mode} Tr")
                state["mode"] = mode

        def _set_font(name: str, size: float) -> None:
            set_font(name, size)
            mode_for(name)

        def set_font_with_leading(name: str, size: float, leading: float | None = None) -> None:
            set_font_leading(name, size, leading)
            mode_for(name)

        text_object._setFont = _set_font
        text_object.setFont = set_font_with_leading
        text_object._code.append(f"{width:.3f} w")
        mode_for(text_object._fontname)  # the font it starts with, before any change
        return cast(PDFTextObject, text_object)

    # Undone by the function returned: the canvas draws text objects as usual again.
    canvas.beginText = begin_text  # type: ignore[method-assign]

    def undo() -> None:
        del canvas.beginText

    return undo


@lru_cache(maxsize=256)
def _bounds(fonts: tuple[str, ...], size: float) -> tuple[float, float]:
    """The highest ascent and lowest descent of the fonts at the size."""
    bounds = [getAscentDescent(font, size) for font in fonts]
    return max(up for up, _down in bounds), min(down for _up, down in bounds)


class MixedParagraph(Paragraph):
    """A Paragraph whose plain-text lines break as described above, with Latin runs set in
    the companion font (style attribute ``okrdesk_latin``) and a synthetic bold (style
    attribute ``okrdesk_stroke``: the stroke width as a share of the size) when asked."""

    def _plain(self) -> str | None:
        """The paragraph's text when it is plain (one style; <br/> as a line break, the
        escaped & < > as themselves), else None: reportlab lays out what is not."""
        frags = self.frags
        if not frags or self.style.endDots:
            return None
        first = frags[0]
        look = (first.fontName, first.fontSize, first.textColor)
        parts: list[str] = []
        for frag in frags:
            if (
                not hasattr(frag, "text")
                or hasattr(frag, "cbDefn")
                or (frag.fontName, frag.fontSize, frag.textColor) != look
                or getattr(frag, "rise", False)
                or getattr(frag, "link", None)
                or getattr(frag, "us_lines", None)
            ):
                return None
            parts.append("\n" if getattr(frag, "lineBreak", False) else frag.text)
        return "".join(parts)

    def _simple(self) -> bool:
        return self._plain() is not None

    def breakLines(self, width: Any) -> Any:  # noqa: N802 (reportlab's name)
        if not self._simple():
            return super().breakLines(width)
        return self._mixed(width)

    def breakLinesCJK(self, max_widths: Any) -> Any:  # noqa: N802 (reportlab's name)
        if not self._simple():
            return super().breakLinesCJK(max_widths)
        return self._mixed(max_widths)

    def _mixed(self, max_widths: Any) -> Any:
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara  # the second half of a split: its lines are already made
        if not isinstance(max_widths, list | tuple):
            max_widths = [max_widths]
        # The same widths break the same lines: a paragraph measured more than once (a kept
        # heading, a table's rows, then drawn) breaks them once.
        key = tuple(max_widths)
        made = self.__dict__.get("_okrdesk_lines")
        if made is not None and made[0] == key:
            return made[1]
        frag = self.frags[0]
        text = self._plain() or ""
        style = self.style
        latin = getattr(style, "okrdesk_latin", None)
        face = face_chooser(frag.fontName, latin, style.wordWrap != "CJK")
        size = frag.fontSize
        self.height = 0
        lines: list[FragLine] = []
        for line in break_lines(text, list(max_widths), frag.fontName, size, face):
            parts = runs(line, face) or [(frag.fontName, "")]
            width = sum(stringWidth(part, font, size) for font, part in parts)
            ascent, descent = _bounds(tuple({font for font, _part in parts}), size)
            room = max_widths[min(len(lines), len(max_widths) - 1)]
            # One frag of the whole line (what a split rebuilds the rest from); the runs,
            # each in its font, are what drawPara draws.
            whole = frag.clone(text=line)
            whole.__dict__.pop("lineBreak", None)
            lines.append(
                FragLine(
                    kind=1,
                    extraSpace=room - width,
                    wordCount=max(1, line.count(" ") + 1),
                    words=[whole],
                    fontSize=size,
                    ascent=ascent,
                    descent=descent,
                    maxWidth=room,
                    currentWidth=width,
                    lineBreak=False,
                    okrdesk_runs=parts,
                )
            )
        result = ParaLines(kind=1, lines=lines)
        self._okrdesk_lines = (key, result)
        return result

    def drawPara(self, debug: int = 0) -> None:  # noqa: N802 (reportlab's name)
        stroke: float = getattr(self.style, "okrdesk_stroke", 0.0)
        lines = getattr(getattr(self, "blPara", None), "lines", None)
        if lines and all(hasattr(line, "okrdesk_runs") for line in lines):
            self._draw_runs(lines, stroke)
            return
        if not stroke:
            super().drawPara(debug)
            return
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(self.style.textColor)
        undo = synthetic_bold(
            canvas, frozenset({self.style.fontName}), stroke * self.style.fontSize
        )
        try:
            super().drawPara(debug)
        finally:
            undo()
            canvas.restoreState()

    def _draw_runs(self, lines: list[FragLine], stroke: float) -> None:
        """The lines made by _mixed, run by run in their fonts: one text object, none of
        reportlab's per-fragment machinery (links, underlines, justification) it needs not.
        A synthetic bold strokes the runs in the CJK face (text render mode 2)."""
        style = self.style
        canvas = self.canv
        size = style.fontSize
        regular = style.fontName
        colour = self.frags[0].textColor if self.frags else style.textColor
        canvas.saveState()
        text: Any = canvas.beginText()  # its _code is not in reportlab's stubs
        text.setFillColor(colour)
        if stroke:
            canvas.setStrokeColor(colour)
            text._code.append(f"{stroke * size:.3f} w")
        placed = []
        y = self.height - size
        for line in lines:
            x = style.leftIndent
            if style.alignment == TA_CENTER:
                x += line.extraSpace / 2
            elif style.alignment == TA_RIGHT:
                x += line.extraSpace
            placed.append((x, y, line.okrdesk_runs))
            y -= style.leading
        modes = {"now": 0}

        def mode_for(font: str) -> str | None:
            wanted = 2 if stroke and font == regular else 0
            if wanted == modes["now"]:
                return None
            modes["now"] = wanted
            return f"{wanted} Tr"

        if write_text(canvas, text._code, placed, size, mode_for):
            canvas.drawText(text)
            canvas.restoreState()
            return
        mode, current = 0, ""
        for x, y, runs_of_line in placed:
            text.setTextOrigin(x, y)
            for font, part in runs_of_line:
                if font != current:
                    text.setFont(font, size, style.leading)
                    current = font
                    wanted = 2 if stroke and font == regular else 0
                    if wanted != mode:
                        text._code.append(f"{wanted} Tr")
                        mode = wanted
                text.textOut(part)
        canvas.drawText(text)
        canvas.restoreState()

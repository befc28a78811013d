"""Projector text, the one place it is laid out and drawn: wrapped (never "…"), Chinese
lines balanced, fitted to a rectangle, laid out once and kept, and recorded for tests.

- ``wrap(text, font, width)`` breaks a text into lines: English at spaces, Chinese between
  characters (never a closing mark at a line's start, nor an opening one at its end), a word
  wider than the line between its characters; a Chinese character never stands alone on the
  last line (characters move down from the line before). The result is kept per
  (text, font, width), so a repaint wraps nothing again.
- ``fit_size(texts, font, width, height)`` is the largest pixel size (down to a floor) at
  which every text wraps into its lines and all of them, stacked, fit the height.
- ``draw_text(painter, rect, text, font)`` draws a text wrapped into a rectangle; when a
  ``recording()`` is active every draw is recorded (text, rectangle, size, what it needed,
  whether it had to be cut), so a test can paint every phase and assert nothing was cut.

Every projector text goes through ``draw_text`` (never ``QPainter.drawText``): the
smallest is at least ``floor_px(screen height, screen width)`` (a 22nd of the screen's height,
or of three quarters of its width on a portrait or narrow screen).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QImage,
    QPainter,
    QRawFont,
    QStaticText,
    QTextLayout,
    QTransform,
)

__all__ = [
    "ELLIPSIS",
    "MAX_LINES",
    "NBSP",
    "WORD_JOINER",
    "DrawnText",
    "PageLayout",
    "TextRecorder",
    "Wrapped",
    "draw_text",
    "fit_size",
    "fits",
    "floor_px",
    "largest_size",
    "lay_out_pages",
    "paginate",
    "pixel_size",
    "recording",
    "replay",
    "set_aside",
    "sized",
    "wrap",
]

ELLIPSIS = "…"
MAX_LINES = 3  # a title wraps into at most this many lines
FLOOR_FRACTION = 1 / 22  # the smallest text: a 22nd of the screen height (~24 pt on a slide)

# Never at a line's start (closing marks) / never at a line's end (opening marks).
NO_START = set("，。、；：？！）》」』】〕〉”’·…‥%,.;:?!)]}>—～")
NO_END = set("（《「『【〔〈“‘([{<")
NBSP = "\u00a0"  # a space no line breaks at (between a name's parts)
WORD_JOINER = "\u2060"  # no line break on either side (between a Chinese name's characters)
NO_START.update((WORD_JOINER, NBSP))  # a no-break space binds to what comes before it
NO_END.add(WORD_JOINER)
_CACHE_LIMIT = 20_000
SYNTHETIC_BOLD_LIMIT = 64  # pixels: from here Qt's FreeType engine draws glyphs as paths
_LINE_IMAGE_BYTES = 48 * 1024 * 1024  # the large lines' images kept, at most
_ARGB = QImage.Format.Format_ARGB32_Premultiplied
_BOTTOM = Qt.AlignmentFlag.AlignBottom.value
_V_CENTRE = Qt.AlignmentFlag.AlignVCenter.value
_RIGHT = Qt.AlignmentFlag.AlignRight.value
_H_CENTRE = Qt.AlignmentFlag.AlignHCenter.value


def floor_px(screen_height: float, screen_width: float | None = None) -> int:
    """The smallest text size on a screen this high (and this wide), in pixels: a 22nd of
    the height, or of three quarters of the width when that is less. Every landscape screen
    from 4:3 to 16:9 sizes by its height; a portrait or narrow one by its width, as a 4:3
    screen that wide would (a 22nd of its height would not fit a line across it)."""
    side = screen_height if screen_width is None else min(screen_height, screen_width * 0.75)
    return math.ceil(side * FLOOR_FRACTION)


def sized(font: QFont, pixels: int) -> QFont:
    """A copy of the font at this pixel size."""
    copy = QFont(font)
    copy.setPixelSize(max(1, int(pixels)))
    return copy


def pixel_size(font: QFont) -> int:
    """The font's size in pixels (set in pixels or points)."""
    return font.pixelSize() if font.pixelSize() > 0 else QFontInfo(font).pixelSize()


@dataclass(frozen=True)
class Wrapped:
    """A text broken into lines for a width: every line it needs (possibly more than allowed)."""

    lines: tuple[str, ...]
    widths: tuple[float, ...]  # each line's advance
    width: float  # the width it was wrapped for
    line_spacing: float
    font_height: float  # ascent + descent: what the last line needs

    def height(self, lines: int | None = None) -> float:
        """The height of the first ``lines`` lines (all of them by default)."""
        count = len(self.lines) if lines is None else min(lines, len(self.lines))
        if count == 0:
            return 0.0
        return self.font_height + (count - 1) * self.line_spacing

    def fits(self, max_lines: int = MAX_LINES, height: float | None = None) -> bool:
        """Whether all of it shows in max_lines lines (and in this height)."""
        if len(self.lines) > max_lines:
            return False
        if any(width > self.width + 0.5 for width in self.widths):
            return False
        return height is None or self.height() <= height + 0.5


# Laid-out text, kept: (text, font key, width, balanced) -> Wrapped; (line, font key) -> static.
_wrapped: dict[tuple[str, str, float, bool], Wrapped] = {}
_static: dict[tuple[str, str], QStaticText] = {}
_metrics: dict[str, QFontMetricsF] = {}
_advances: dict[tuple[str, str], float] = {}


def _metrics_of(font: QFont, key: str | None = None) -> QFontMetricsF:
    key = font.key() if key is None else key
    metrics = _metrics.get(key)
    if metrics is None:
        if len(_metrics) > 500:
            _metrics.clear()
        metrics = _metrics[key] = QFontMetricsF(font)
    return metrics


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


@lru_cache(maxsize=_CACHE_LIMIT)
def _tokens(text: str) -> tuple[tuple[str, bool], ...]:
    """The text's unbreakable pieces, each with whether a space comes before it (kept: a text
    is measured at several sizes)."""
    pieces: list[tuple[str, bool]] = []
    word, word_space, space = "", False, False
    for char in text:
        if char.isspace() and char != NBSP:
            if word:
                pieces.append((word, word_space))
                word = ""
            space = True
        elif _is_wide(char) or (char in NO_START and word == "" and bool(pieces)):
            if word:
                pieces.append((word, word_space))
                word = ""
            pieces.append((char, space))
            space = False
        else:
            if not word:
                word_space, space = space, False
            word += char
    if word:
        pieces.append((word, word_space))
    tokens: list[tuple[str, bool]] = []
    for piece, spaced in pieces:
        glued = tokens and not spaced and (piece[0] in NO_START or tokens[-1][0][-1] in NO_END)
        if glued:
            tokens[-1] = (tokens[-1][0] + piece, tokens[-1][1])
        else:
            tokens.append((piece, spaced))
    return tuple(tokens)


def _advance(metrics: QFontMetricsF, key: str, text: str) -> float:
    found = _advances.get((text, key))
    if found is None:
        if len(_advances) > 4 * _CACHE_LIMIT:
            _advances.clear()
        found = _advances[(text, key)] = metrics.horizontalAdvance(text)
    return found


def _join(line: list[tuple[str, bool]]) -> str:
    return "".join((" " if spaced and n else "") + token for n, (token, spaced) in enumerate(line))


def _greedy(
    tokens: Sequence[tuple[str, bool]], metrics: QFontMetricsF, key: str, width: float
) -> list[list[tuple[str, bool]]]:
    """Lines filled one after the other; a piece wider than a line split between characters."""
    space = _advance(metrics, key, " ")
    lines: list[list[tuple[str, bool]]] = []
    line: list[tuple[str, bool]] = []
    used = 0.0
    for token, spaced in tokens:
        advance = _advance(metrics, key, token)
        gap = space if spaced and line else 0.0
        if line and used + gap + advance > width:
            lines.append(line)
            line, used, gap = [], 0.0, 0.0
        if not line and advance > width:
            part = ""
            for char in token:
                if part and _advance(metrics, key, part + char) > width:
                    lines.append([(part, False)])
                    part = ""
                part += char
            line, used = [(part, False)], _advance(metrics, key, part)
            continue
        line.append((token, spaced))
        used += gap + advance
    if line:
        lines.append(line)
    return lines


def _no_lone_character(
    lines: list[list[tuple[str, bool]]], metrics: QFontMetricsF, key: str, width: float
) -> None:
    """A Chinese character alone on the last line takes the one before it along."""
    if len(lines) < 2:
        return
    last, before = lines[-1], lines[-2]
    token = last[0][0] if len(last) == 1 else ""
    alone = bool(token) and _is_wide(token[0]) and len(token.rstrip("".join(NO_START))) <= 1
    if not alone or len(before) < 2:
        return
    moved = before[-1]
    candidate = [(moved[0], moved[1]), (last[0][0], last[0][1])]
    if metrics.horizontalAdvance(_join(candidate)) <= width:
        lines[-2] = before[:-1]
        lines[-1] = candidate


def wrap(
    text: str, font: QFont, width: float, *, balanced: bool = False, key: str | None = None
) -> Wrapped:
    """The text in lines no wider than ``width`` (kept: a second call wraps nothing).

    ``balanced``: lines of even length (as few lines as greedy filling needs), for titles
    that should read as a block rather than a full line and a stub. ``key``: the font's
    ``key()`` when the caller has it (it costs tens of microseconds a call).
    """
    key = font.key() if key is None else key
    cache_key = (text, key, round(width, 2), balanced)
    found = _wrapped.get(cache_key)
    if found is not None:
        return found
    metrics = _metrics_of(font, key)
    tokens = _tokens(text)
    room = max(1.0, width - 1.0)  # a pixel's slack for kerning between pieces
    lines = _greedy(tokens, metrics, key, room)
    if balanced and len(lines) > 1:
        # Never narrower than the widest piece: a word is not split to even the lines out.
        widest = max((_advance(metrics, key, token) for token, _spaced in tokens), default=0.0)
        low, high = max(room / len(lines), min(widest, room)), room
        for _step in range(8):
            middle = (low + high) / 2
            if len(_greedy(tokens, metrics, key, middle)) > len(lines):
                low = middle
            else:
                high = middle
        evened = _greedy(tokens, metrics, key, high)
        if len(evened) == len(lines):  # as many lines: a layout may measure either way
            lines = evened
    _no_lone_character(lines, metrics, key, room)
    texts = tuple(_join(line) for line in lines) or ("",)
    wrapped = Wrapped(
        lines=texts,
        widths=tuple(metrics.horizontalAdvance(line) for line in texts),
        width=width,
        line_spacing=metrics.lineSpacing(),
        font_height=metrics.ascent() + metrics.descent(),
    )
    if len(_wrapped) > _CACHE_LIMIT:
        _wrapped.clear()
    _wrapped[cache_key] = wrapped
    return wrapped


def paginate(
    heights: Sequence[float], room: float, gap: float, first: float | None = None
) -> tuple[tuple[int, int], ...]:
    """Items with these heights in pages (start, end) of this much room, ``gap`` between
    items, filled one after the other; an item taller than the room gets a page to itself.

    ``first``: the first page's room when it has less (a heading above its items); an item
    too tall for it starts on the second page (the first then holds none).
    """
    pages: list[tuple[int, int]] = []
    start, used, limit = 0, 0.0, room if first is None else first
    if heights and first is not None and heights[0] > first + 0.5:
        pages.append((0, 0))
        limit = room
    for index, height in enumerate(heights):
        need = height if index == start else used + gap + height
        if index > start and need > limit + 0.5:
            pages.append((start, index))
            start, used, limit = index, height, room
        else:
            used = need
    pages.append((start, len(heights)))
    return tuple(pages)


def largest_size(ok: Callable[[int], bool], smallest: int, largest: int) -> int | None:
    """The largest pixel size in [smallest, largest] for which ``ok`` holds (taken to hold
    for every size below one it holds for); None when it fails even at ``smallest``."""
    if largest < smallest or not ok(smallest):
        return None
    if ok(largest):
        return largest
    low, high = smallest, largest  # ok(low), not ok(high)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if ok(middle) else (low, middle)
    return low


@dataclass(frozen=True)
class PageLayout:
    """Items laid out in pages: the size their text takes, the pages, each item's height."""

    pixels: int
    pages: tuple[tuple[int, int], ...]  # items [start, end) page by page
    heights: tuple[float, ...]
    gap: float  # between items


def lay_out_pages(
    heights_at: Callable[[int], Sequence[float]],
    room: float,
    *,
    floor: int,
    preferred: int,
    largest: int,
    least: int,
    gap: float,
    first: float | None = None,
) -> PageLayout:
    """The rule for a list of items on the projector: all on one page at the largest size
    that fits (up to ``largest``); when they do not fit at ``preferred``, pages at that size,
    shrinking (never below ``floor``) only to keep ``least`` items a page. ``heights_at``
    gives every item's height at a size; ``gap`` is the space between items as a fraction
    of the size; ``first`` the first page's room when a heading takes some of it."""
    measured: dict[int, Sequence[float]] = {}

    def heights(pixels: int) -> Sequence[float]:
        if pixels not in measured:
            measured[pixels] = heights_at(pixels)
        return measured[pixels]

    count_room = room if first is None else first

    def one_page(pixels: int) -> bool:
        return sum(heights(pixels)) + pixels * gap * (len(heights(pixels)) - 1) <= count_room

    def pages_at(pixels: int) -> tuple[tuple[int, int], ...]:
        return paginate(heights(pixels), room, pixels * gap, first=first)

    def enough(pixels: int) -> bool:
        pages = pages_at(pixels)
        return all(end - start >= min(least, len(heights(pixels))) for start, end in pages[:-1])

    pixels = largest_size(one_page, preferred, largest)
    if pixels is not None:
        pages: tuple[tuple[int, int], ...] = ((0, len(heights(pixels))),)
    else:
        pixels = preferred if enough(preferred) else largest_size(enough, floor, preferred)
        pixels = floor if pixels is None else pixels
        pages = pages_at(pixels)
    return PageLayout(pixels, pages, tuple(heights(pixels)), pixels * gap)


def fits(
    texts: Sequence[str],
    font: QFont,
    width: float,
    height: float | None = None,
    *,
    max_lines: int = MAX_LINES,
    spacing: float = 0.0,
    balanced: bool = False,
) -> bool:
    """Whether each text wraps into max_lines at this width and, stacked with ``spacing``
    between them, they all fit the height (None: any height)."""
    total = 0.0
    for text in texts:
        wrapped = wrap(text, font, width, balanced=balanced)
        if not wrapped.fits(max_lines):
            return False
        total += wrapped.height()
    total += spacing * max(0, len(texts) - 1)
    return height is None or total <= height + 0.5


def fit_size(
    texts: Sequence[str],
    font: QFont,
    width: float,
    height: float | None = None,
    *,
    largest: int,
    smallest: int,
    max_lines: int = MAX_LINES,
    spacing: float = 0.0,
    balanced: bool = False,
) -> int | None:
    """The largest pixel size in [smallest, largest] at which the texts fit (see ``fits``);
    None when they do not fit even at ``smallest`` (then the layout must show fewer)."""

    def ok(pixels: int) -> bool:
        return fits(
            texts,
            sized(font, pixels),
            width,
            height,
            max_lines=max_lines,
            spacing=spacing * pixels,
            balanced=balanced,
        )

    return largest_size(ok, smallest, largest)


# Recording what is drawn (for tests: nothing cut, nothing elided, nothing too small).
@dataclass(frozen=True)
class DrawnText:
    """One text drawn: the rectangle it was given, its size and what it needed."""

    text: str
    rect: tuple[float, float, float, float]  # x, y, width, height
    pixels: int
    lines: tuple[str, ...]  # the lines drawn
    needed: tuple[float, float]  # the width and height all of it needs
    cut: bool  # some of it was not drawn, or overflowed the rectangle
    colour: str = ""  # the pen's, as #rrggbb

    @property
    def elided(self) -> bool:
        return any(ELLIPSIS in line for line in self.lines) and ELLIPSIS not in self.text


@dataclass
class TextRecorder:
    """Collects every text drawn through ``draw_text`` while active."""

    drawn: list[DrawnText] = field(default_factory=list)

    def problems(self, floor: int | None = None) -> list[str]:
        """Each text cut, elided, holding "…" or smaller than ``floor`` pixels, said plainly."""
        found = []
        for item in self.drawn:
            if item.cut:
                found.append(f"cut: {item.text!r} needs {item.needed} in {item.rect}")
            if any(ELLIPSIS in line for line in item.lines):
                found.append(f"ellipsis: {item.text!r}")
            if floor is not None and item.pixels < floor:
                found.append(f"too small ({item.pixels} < {floor} px): {item.text!r}")
        return found

    def texts(self) -> list[str]:
        return [item.text for item in self.drawn]


_recorders: list[TextRecorder] = []


@contextmanager
def recording() -> Iterator[TextRecorder]:
    """Record every projector text drawn inside the ``with``."""
    recorder = TextRecorder()
    _recorders.append(recorder)
    try:
        yield recorder
    finally:
        _recorders.remove(recorder)


@contextmanager
def set_aside() -> Iterator[TextRecorder]:
    """Record the texts drawn inside the ``with`` for later, not into the recordings active
    now: a block painted once into an image tells them its texts each time it is drawn
    (``replay``), as if its lines were drawn again."""
    recorder = TextRecorder()
    active = _recorders[:]
    _recorders[:] = [recorder]
    try:
        yield recorder
    finally:
        _recorders[:] = active


def replay(drawn: Sequence[DrawnText]) -> None:
    """Tell the recordings active now of texts drawn earlier (see ``set_aside``)."""
    for recorder in _recorders:
        recorder.drawn.extend(drawn)


def _moves_only(painter: QPainter) -> bool:
    """Whether the painter draws at the device's own pixels, only moved (no scale, no
    rotation, no high-DPI ratio): a line's image then lands pixel for pixel."""
    moves = QTransform.TransformationType.TxTranslate.value
    return painter.deviceTransform().type().value <= moves


# (font key, glyph, colour, emboldened) -> the glyph's image and where it sits from its origin.
_glyphs: dict[tuple[str, str, int, int, int], tuple[QImage, QPointF]] = {}
# (line, font key, colour) -> the line's image and its margin; the bytes they hold.
_line_images: dict[tuple[str, str, int], tuple[QImage, int]] = {}
_line_bytes = 0


def _glyph_image(
    raw: QRawFont, glyph: int, colour: QColor, embolden: bool
) -> tuple[QImage, QPointF]:
    """One glyph in the colour, made from FreeType's own bitmap (fast; Qt would fill its
    outline at every draw). A face with no bold (WenQuanYi's Chinese) is emboldened by
    drawing the glyph twice, a hair apart, as Qt does not from this size."""
    key = (
        f"{raw.familyName()}|{raw.styleName()}|{raw.pixelSize()}",
        str(raw.weight()),
        glyph,
        colour.rgba(),
        int(embolden),
    )
    found = _glyphs.get(key)
    if found is not None:
        return found
    alpha = raw.alphaMapForGlyph(glyph, QRawFont.AntialiasingType.PixelAntialiasing)
    box = raw.boundingRect(glyph)
    image = QImage(max(1, alpha.width()), max(1, alpha.height()), _ARGB)
    image.fill(colour)
    if alpha.isNull() or alpha.width() == 0:  # a space: nothing to draw
        image.fill(Qt.GlobalColor.transparent)
    else:
        image.setAlphaChannel(alpha)
    if embolden:
        nudge = max(1, round(raw.pixelSize() * 0.045))
        bold = QImage(image.width() + nudge, image.height(), _ARGB)
        bold.fill(Qt.GlobalColor.transparent)
        painter = QPainter(bold)
        painter.drawImage(0, 0, image)
        painter.drawImage(nudge, 0, image)
        painter.end()
        image = bold
    if len(_glyphs) > 4000:
        _glyphs.clear()
    found = _glyphs[key] = (image, QPointF(round(box.x()), round(box.y())))
    return found


@lru_cache(maxsize=_CACHE_LIMIT)
def _has_symbols(line: str) -> bool:
    """Whether the line holds a pictograph (an emoji, perhaps in colour)."""
    return any(ord(char) >= 0x2190 and unicodedata.category(char) == "So" for char in line)


def _line_image(line: str, font: QFont, colour: QColor, font_key: str) -> tuple[QImage, int]:
    """The line drawn into an image (kept), from its glyphs' images, and the image's
    margin around the line's box (the line's top-left is at (margin, margin))."""
    global _line_bytes
    key = (line, font_key, colour.rgba())
    found = _line_images.pop(key, None)
    if found is None:
        layout = QTextLayout(line, font)
        layout.beginLayout()
        laid = layout.createLine()
        laid.setLineWidth(1_000_000.0)
        layout.endLayout()
        margin = pixel_size(font) // 6 + 2  # for glyphs reaching past the line's box
        width = math.ceil(laid.naturalTextWidth()) + 2 * margin
        height = math.ceil(laid.height()) + 2 * margin
        image = QImage(max(1, width), max(1, height), _ARGB)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        for run in laid.glyphRuns():
            raw = run.rawFont()
            # A face with no bold of its own (Qt emboldens it, not FreeType's bitmap).
            style = raw.styleName().lower()
            embolden = font.bold() and not any(w in style for w in ("bold", "black", "heavy"))
            for glyph, at in zip(run.glyphIndexes(), run.positions(), strict=True):
                glyph_image, offset = _glyph_image(raw, glyph, colour, embolden)
                painter.drawImage(
                    QPointF(
                        margin + round(at.x()) + offset.x(), margin + round(at.y()) + offset.y()
                    ),
                    glyph_image,
                )
        painter.end()
        found = (image, margin)
        _line_bytes += image.sizeInBytes()
    while _line_images and _line_bytes > _LINE_IMAGE_BYTES:  # the least recently drawn go
        _old_key, (old, _margin) = next(iter(_line_images.items()))
        del _line_images[_old_key]
        _line_bytes -= old.sizeInBytes()
    _line_images[key] = found  # the most recently drawn last
    return found


def _static_line(line: str, font: QFont, font_key: str) -> QStaticText:
    key = (line, font_key)
    found = _static.get(key)
    if found is None:
        if len(_static) > _CACHE_LIMIT:
            _static.clear()
        found = QStaticText(line)
        found.setTextFormat(Qt.TextFormat.PlainText)
        found.prepare(font=font)
        _static[key] = found
    return found


def draw_text(
    painter: QPainter,
    rect: QRectF,
    text: str,
    font: QFont | None = None,
    *,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
    max_lines: int = MAX_LINES,
    balanced: bool = False,
) -> Wrapped:
    """Draw the text wrapped into the rectangle (at most max_lines lines, never "…").

    Lines that do not fit are left out and the draw is recorded as cut: a layout sizes its
    rectangles with ``wrap``/``fit_size`` first so that this never happens. Returns the
    wrapped text (its height is what the text took).
    """
    if font is not None:
        painter.setFont(font)
    font = painter.font()
    font_key = font.key()
    wrapped = wrap(text, font, rect.width(), balanced=balanced, key=font_key)
    shown = min(len(wrapped.lines), max_lines)
    while shown > 0 and wrapped.height(shown) > rect.height() + 0.5:
        shown -= 1
    height = wrapped.height(shown)
    flags = align.value  # as an int: a Qt flag's operators cost microseconds in Python
    if flags & _BOTTOM:
        top = rect.bottom() - height
    elif flags & _V_CENTRE:
        top = rect.top() + (rect.height() - height) / 2
    else:
        top = rect.top()
    pixels = pixel_size(font)
    # From 64 px Qt fills every glyph's outline at each draw (milliseconds a line): such
    # lines are drawn from images of their glyphs, made once (on a painter that only moves).
    large = pixels >= SYNTHETIC_BOLD_LIMIT and _moves_only(painter)
    colour = painter.pen().color()
    for number in range(shown):
        line, advance = wrapped.lines[number], wrapped.widths[number]
        if flags & _RIGHT:
            x = rect.right() - advance
        elif flags & _H_CENTRE:
            x = rect.left() + (rect.width() - advance) / 2
        else:
            x = rect.left()
        y = top + number * wrapped.line_spacing
        if large and not _has_symbols(line):
            image, offset = _line_image(line, font, colour, font_key)
            painter.drawImage(QPointF(round(x) - offset, round(y) - offset), image)
        else:  # an emoji keeps its colours (glyph images are masks in the pen's colour)
            painter.drawStaticText(QPointF(x, y), _static_line(line, font, font_key))
    if _recorders:
        cut = shown < len(wrapped.lines) or any(
            advance > rect.width() + 0.5 for advance in wrapped.widths[:shown]
        )
        drawn = DrawnText(
            text=text,
            rect=(rect.x(), rect.y(), rect.width(), rect.height()),
            pixels=pixels,
            lines=wrapped.lines[:shown],
            needed=(max(wrapped.widths, default=0.0), wrapped.height()),
            cut=cut,
            colour=painter.pen().color().name(),
        )
        for recorder in _recorders:
            recorder.drawn.append(drawn)
    return wrapped

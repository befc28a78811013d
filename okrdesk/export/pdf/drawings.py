"""Vector pictures for the handout: the dot-vote bar chart and the drawn signature."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Group, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.colors import Color

from okrdesk.engine.signature import Signature
from okrdesk.export.pdf.document import fit
from okrdesk.export.pdf.wrapping import break_lines, face_chooser
from okrdesk.export.report import VoteBar

SELECTED = colors.HexColor("#1d4ed8")  # solid: 6.7:1 on white
OTHER = colors.HexColor("#475569")  # outline and hatching: 7.6:1 on white
LABEL = colors.HexColor("#111827")
AXIS = colors.HexColor("#6b7280")
SIGNATURE_INK = colors.HexColor("#0f2a5f")
BAR = 13.0  # points per one-line bar row
LINE = 9.5  # points per extra label line
LABEL_SIZE = 8.5
HATCH = 3.2  # points between the hatching lines of a bar not selected
ROWS_PER_CHART = 24  # a chart never grows taller than a page; longer votes take several


def luminance(colour: Color) -> float:
    """The relative luminance of a colour (WCAG 2)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in (colour.red, colour.green, colour.blue))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: Color, second: Color = colors.white) -> float:
    """The contrast ratio of two colours (WCAG 2): 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _label_font(title: str, font: str, latin: str | None) -> str:
    """The Latin companion for a label it can set whole, else the CJK face."""
    if latin is None:
        return font
    face = face_chooser(font, latin, True)
    return latin if all(face(char) == latin for char in title) else font


def _label_lines(title: str, font: str, width: float) -> list[str]:
    """The title in at most two lines; only a title longer than that is shortened."""
    lines = break_lines(title, [width], font, LABEL_SIZE)
    if len(lines) <= 2:
        return lines
    return [lines[0], fit(" ".join(lines[1:]), font, LABEL_SIZE, width)]


def _bar(x: float, y: float, length: float, height: float, selected: bool) -> Group:
    """A solid bar for a selected objective, a hatched outline for the others: the two
    stay apart in black-and-white print, and both are dark enough to see."""
    group = Group()
    if selected:
        solid = Rect(x, y, max(length, 0.5), height)
        solid.fillColor, solid.strokeColor = SELECTED, None
        group.add(solid)
        return group
    if length <= 0:
        group.add(Line(x, y, x, y + height, strokeColor=OTHER, strokeWidth=0.8))
        return group
    outline = Rect(x, y, length, height)
    outline.fillColor, outline.strokeColor, outline.strokeWidth = colors.white, OTHER, 0.8
    group.add(outline)
    # Diagonal hatching, clipped to the bar by hand (reportlab graphics has no clip).
    offset = 0.0
    while offset < length + height:
        x0, y0 = x + max(0.0, offset - height), y + min(height, offset)
        x1, y1 = x + min(length, offset), y + max(0.0, offset - length)
        group.add(Line(x0, y0, x1, y1, strokeColor=OTHER, strokeWidth=0.6))
        offset += HATCH
    return group


def _drawing(width: float, height: float, font: str) -> Drawing:
    """A drawing whose rendering starts in the document's font: reportlab's default
    (Helvetica) would be named in the PDF, a font never embedded."""
    drawing = Drawing(width, height)
    # Read by reportlab's renderer (StateTracker), an attribute missing from its stubs.
    drawing.initialFontName = font  # type: ignore[attr-defined]
    return drawing


def vote_charts(
    bars: tuple[VoteBar, ...], width: float, font: str, latin: str | None = None
) -> list[Drawing]:
    """Horizontal bars, most dots first; selected objectives solid, the others hatched."""
    charts: list[Drawing] = []
    most = max((bar.dots for bar in bars), default=0) or 1
    label_width = width * 0.42
    plot = width - label_width - 28
    for start in range(0, len(bars), ROWS_PER_CHART):
        chunk = bars[start : start + ROWS_PER_CHART]
        labels = []
        for bar in chunk:
            label_font = _label_font(bar.title, font, latin)
            labels.append((label_font, _label_lines(bar.title, label_font, label_width - 6)))
        heights = [BAR + LINE * (len(lines) - 1) for _font, lines in labels]
        height = sum(heights) + 4
        drawing = _drawing(width, height, font)
        top = height
        for bar, (label_font, lines), row_height in zip(chunk, labels, heights, strict=True):
            top -= row_height
            y = top + row_height - BAR  # the bar sits on the first line of its label
            for number, line in enumerate(lines):
                drawing.add(
                    String(
                        0,
                        y + 3 - number * LINE,
                        line,
                        fontName=label_font,
                        fontSize=LABEL_SIZE,
                        fillColor=LABEL,
                    )
                )
            length = plot * bar.dots / most
            drawing.add(_bar(label_width, y + 1.5, length, BAR - 4, bar.selected))
            drawing.add(
                String(
                    label_width + length + 4,
                    y + 3,
                    str(bar.dots),
                    fontName=latin or font,
                    fontSize=LABEL_SIZE,
                    fillColor=LABEL,
                )
            )
        drawing.add(Line(label_width, 0, label_width, height, strokeColor=AXIS, strokeWidth=0.5))
        charts.append(drawing)
    return charts


def signature_drawing(signature: Signature, width: float, height: float, font: str) -> Drawing:
    """The strokes scaled into width x height, proportions kept (``font``: the document's,
    the drawing's initial one)."""
    scale = min(width / signature.width, height / signature.height)
    left = (width - signature.width * scale) / 2
    top = (height - signature.height * scale) / 2
    drawing = _drawing(width, height, font)
    for stroke in signature.strokes:
        # PDF y grows upwards; the pad's grows downwards.
        points = [
            coordinate
            for x, y in stroke
            for coordinate in (left + x * scale, height - (top + y * scale))
        ]
        if len(points) == 2:
            points += [points[0] + 0.6, points[1]]
        drawing.add(
            PolyLine(
                points,
                strokeColor=SIGNATURE_INK,
                strokeWidth=1.3,
                strokeLineCap=1,
                strokeLineJoin=1,
            )
        )
    return drawing

"""Vector pictures for the handout: the dot-vote bar chart and the drawn signature."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors

from okrdesk.engine.signature import Signature
from okrdesk.export.pdf.document import fit
from okrdesk.export.report import VoteBar

SELECTED = colors.HexColor("#1d4ed8")
OTHER = colors.HexColor("#bfdbfe")
LABEL = colors.HexColor("#111827")
SIGNATURE_INK = colors.HexColor("#0f2a5f")
BAR = 13.0  # points per bar row
ROWS_PER_CHART = 24  # a chart never grows taller than a page; longer votes take several


def vote_charts(bars: tuple[VoteBar, ...], width: float, font: str) -> list[Drawing]:
    """Horizontal bars, most dots first; selected objectives dark."""
    charts: list[Drawing] = []
    most = max((bar.dots for bar in bars), default=0) or 1
    label_width = width * 0.42
    plot = width - label_width - 28
    for start in range(0, len(bars), ROWS_PER_CHART):
        chunk = bars[start : start + ROWS_PER_CHART]
        height = len(chunk) * BAR + 4
        drawing = Drawing(width, height)
        for row, bar in enumerate(chunk):
            y = height - (row + 1) * BAR
            drawing.add(
                String(
                    0,
                    y + 3,
                    fit(bar.title, font, 8.5, label_width - 6),
                    fontName=font,
                    fontSize=8.5,
                    fillColor=LABEL,
                )
            )
            length = plot * bar.dots / most
            fill = SELECTED if bar.selected else OTHER
            bar_shape = Rect(label_width, y + 1.5, max(length, 0.5), BAR - 4)
            bar_shape.fillColor = fill
            bar_shape.strokeColor = None
            drawing.add(bar_shape)
            drawing.add(
                String(
                    label_width + length + 4,
                    y + 3,
                    str(bar.dots),
                    fontName=font,
                    fontSize=8.5,
                    fillColor=LABEL,
                )
            )
        drawing.add(
            Line(label_width, 0, label_width, height, strokeColor=colors.grey, strokeWidth=0.5)
        )
        charts.append(drawing)
    return charts


def signature_drawing(signature: Signature, width: float, height: float) -> Drawing:
    """The strokes scaled into width x height, proportions kept."""
    scale = min(width / signature.width, height / signature.height)
    left = (width - signature.width * scale) / 2
    top = (height - signature.height * scale) / 2
    drawing = Drawing(width, height)
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

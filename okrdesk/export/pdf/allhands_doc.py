"""The all-hands as a landscape PDF: one page per slide, the same words as the projector.

Each slide is set as large as it fits its page (the title and body shrink together, in
steps); a slide still too long at the smallest size flows on to a next page rather than
being cut (a long why, many aligned objectives). Chinese is set in the embedded CJK face,
Latin in its companion, as in every okrdesk PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from okrdesk import __version__
from okrdesk.engine.allhands_view import AllHandsView
from okrdesk.export.allhands_slides import LineStyle, SlideText, slide_texts
from okrdesk.export.pdf.document import (
    ACCENT,
    INK,
    MARGIN,
    MUTED,
    PAPERS,
    Section,
    canvas_class,
    para,
)
from okrdesk.export.pdf.fonts import SYNTHETIC_STROKE, PdfFont, cjk_font
from okrdesk.messages import translate

# The slide's size steps, largest first: the first at which it fits its page is used.
SCALES = (1.0, 0.85, 0.72, 0.62, 0.54)
INDENT = 9 * mm  # a level in
FIGURE_SHARE = 0.3  # of the width, for a figure beside its line (a score, start -> target)
HEADING_COLOUR = ACCENT
FIGURE_COLOUR = ACCENT
_CELL = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
]


class _Styles:
    """The paragraph styles of one size step (made once per step and level)."""

    def __init__(self, font: PdfFont, language: str, scale: float) -> None:
        self.font, self.language, self.scale = font, language, scale
        self._made: dict[tuple[str, int], ParagraphStyle] = {}
        # The table's own font (reportlab's Helvetica otherwise, named and never embedded).
        self.cell = TableStyle([*_CELL, ("FONTNAME", (0, 0), (-1, -1), font.name)])

    def get(self, kind: str, level: int = 0) -> ParagraphStyle:
        key = (kind, level)
        found = self._made.get(key)
        if found is None:
            found = self._made[key] = self._make(kind, level)
        return found

    def _make(self, kind: str, level: int) -> ParagraphStyle:
        size, colour, bold, before = {
            "kicker": (15.0, MUTED, False, 0.0),
            "title": (30.0, ACCENT, True, 4.0),
            LineStyle.HEADING.value: (17.0, HEADING_COLOUR, True, 9.0),
            LineStyle.BODY.value: (16.0, INK, False, 4.0),
            LineStyle.WHY.value: (18.0, INK, False, 4.0),
            LineStyle.MUTED.value: (13.0, MUTED, False, 1.0),
            "figure": (16.0, FIGURE_COLOUR, True, 4.0),
        }[kind]
        size *= self.scale
        font = self.font
        return ParagraphStyle(
            f"allhands-{kind}-{level}-{self.scale}",
            fontName=font.bold_name if bold else font.name,
            okrdesk_latin=font.latin_bold if bold else font.latin,
            okrdesk_stroke=SYNTHETIC_STROKE if bold and font.synthetic_bold else 0.0,
            fontSize=size,
            leading=size * 1.3,
            textColor=colour,
            wordWrap="CJK" if self.language == "zh_CN" else None,
            alignment=TA_RIGHT if kind == "figure" else 0,
            leftIndent=level * INDENT * self.scale,
            spaceBefore=before * self.scale,
            spaceAfter=(8.0 if kind == "title" else 0.0) * self.scale,
        )


def slide_flowables(slide: SlideText, styles: _Styles, width: float) -> list[Flowable]:
    """The slide's paragraphs at one size step."""
    story: list[Flowable] = [
        para(slide.kicker, styles.get("kicker")),
        para(slide.title, styles.get("title")),
    ]
    for number, line in enumerate(slide.lines):
        style = styles.get(line.style.value, line.level)
        if number == 0:
            style = ParagraphStyle(f"{style.name}-first", parent=style, spaceBefore=0)
        if not line.figure:
            story.append(para(line.text, style))
            continue
        figure_width = width * FIGURE_SHARE
        row = Table(
            [[para(line.text, style), para(line.figure, styles.get("figure"))]],
            colWidths=[width - figure_width, figure_width],
            style=styles.cell,
        )
        story += [Spacer(1, style.spaceBefore), row]
    return story


def _height(flowables: Sequence[Flowable], width: float) -> float:
    total = 0.0
    for flowable in flowables:
        total += flowable.wrap(width, 1e6)[1] + flowable.getSpaceBefore()
        total += flowable.getSpaceAfter()
    return total


def allhands_story(
    texts: Sequence[SlideText],
    font: PdfFont,
    language: str,
    width: float,
    height: float,
    header: str,
    draft: bool,
) -> list[Flowable]:
    """Every slide on a page of its own, each at the largest size step it fits."""
    steps = [_Styles(font, language, scale) for scale in SCALES]
    story: list[Flowable] = [Section(header, draft)]
    for number, slide in enumerate(texts):
        if number:
            story.append(PageBreak())
        for styles in steps:
            flowables = slide_flowables(slide, styles, width)
            if _height(flowables, width) <= height or styles is steps[-1]:
                break  # the smallest step flows on to a next page if it must
        story += flowables
    return story


def write_allhands(
    view: AllHandsView,
    out: Path | BinaryIO,
    *,
    language: str,
    printed: str,
    paper: str = "a4",
    font: PdfFont | None = None,
) -> None:
    """Write the workshop's all-hands as a landscape PDF (``printed``: the date it shows)."""
    font = font or cjk_font()
    size = landscape(PAPERS[paper])
    doc = BaseDocTemplate(
        out if not isinstance(out, Path) else str(out),
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 2 * mm,
        bottomMargin=MARGIN,
        title=f"{view.organisation} — {view.unit} · {view.cycle}",
        author=view.organisation,
        subject=f"OKR {view.cycle}",
        keywords=["OKR"],
        creator=f"okrdesk {__version__}",
        lang="zh-CN" if language == "zh_CN" else "en",
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="slide", frames=[frame])])
    document_title = translate("summary.allhands_document", language)
    header = f"{view.organisation} · {view.unit} · {view.cycle} — {document_title}"
    story = allhands_story(
        slide_texts(view, language),
        font,
        language,
        doc.width,
        doc.height,
        header,
        not view.approved,
    )
    doc.build(
        story,
        canvasmaker=canvas_class(
            language,
            document_title,
            translate("pdf.generated", language, date=printed),
            font,
        ),
    )

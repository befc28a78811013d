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
from reportlab.pdfgen.canvas import Canvas
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
SCALES = (1.5, 1.25, 1.0, 0.85, 0.72, 0.62, 0.54)
INDENT = 9 * mm  # a level in
FIGURE_SHARE = 0.3  # of the width, for a figure beside its line (a score, start -> target)
FIGURE_SHARE_MOST = 0.45  # a wider figure ("4200 → 5500 万元") takes up to this, on one line
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


def figure_width(slide: SlideText, styles: _Styles, width: float) -> float:
    """The width of the slide's column of figures at one size step: its share of the page,
    or the widest figure's own width (up to a limit), so that a figure is not broken in two
    (Chinese breaks between any two characters: "5500 万" above "元")."""
    widest, most = width * FIGURE_SHARE, width * FIGURE_SHARE_MOST
    size = styles.get("figure").fontSize
    for line in slide.lines:
        # (a figure whose characters, counted as _estimate counts them, clearly fit is not
        # laid out: most are "0 → 40 家")
        rough = sum(size if ord(char) >= 0x2E80 else size * 0.6 for char in line.figure)
        if rough > 0.8 * widest and not _one_line(line.figure, styles, widest):
            needed = widest
            # (the Chinese line breaker measures a little wider than the line it sets, so
            # the width is found by trying, not read off the line's width)
            while needed < most and not _one_line(line.figure, styles, needed):
                needed = min(most, needed * 1.04)
            widest = needed
    return widest


def _one_line(figure: str, styles: _Styles, width: float) -> bool:
    style = styles.get("figure")
    return bool(para(figure, style).wrap(width, 1e6)[1] < 1.5 * style.leading)


def slide_flowables(slide: SlideText, styles: _Styles, width: float) -> list[Flowable]:
    """The slide's paragraphs at one size step."""
    figures = figure_width(slide, styles, width)
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
        row = Table(
            [[para(line.text, style), para(line.figure, styles.get("figure"))]],
            colWidths=[width - figures, figures],
            style=styles.cell,
        )
        story += [Spacer(1, style.spaceBefore), row]
    return story


class _Measured(Flowable):
    """A flowable whose size at the width it was measured at is kept: the page's frame asks
    again at that width, and a paragraph would break all its lines again to answer."""

    def __init__(self, inner: Flowable) -> None:
        super().__init__()
        self.inner = inner
        self._size: tuple[float, float, float] | None = None  # width asked, width, height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        kept = self._size
        if kept is not None and kept[0] == availWidth:
            return kept[1], kept[2]
        width, height = self.inner.wrap(availWidth, availHeight)
        self._size = (availWidth, width, height)
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._size = None  # a paragraph that cannot split here forgets its lines: wrap anew
        return list(self.inner.split(availWidth, availHeight))

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802 (reportlab's name)
        return float(self.inner.getSpaceAfter())

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        self.inner.drawOn(canvas, x, y, _sW)  # type: ignore[call-arg]  # (reportlab's stub)


def _estimate(slide: SlideText, styles: _Styles, width: float) -> float:
    """About how tall the slide stands at a step: each text's characters laid end to end
    (a Chinese character a square, a Latin one about half of one), in lines of the width."""

    def tall(value: str, style: ParagraphStyle, room: float) -> float:
        size = style.fontSize
        run = sum(size if ord(char) >= 0x2E80 else size * 0.55 for char in value)
        lines = max(1, -int(-run // max(room, size)))
        return float(style.spaceBefore + lines * style.leading + style.spaceAfter)

    total = tall(slide.kicker, styles.get("kicker"), width)
    total += tall(slide.title, styles.get("title"), width)
    for line in slide.lines:
        style = styles.get(line.style.value, line.level)
        room = width * (1 - FIGURE_SHARE) if line.figure else width
        total += tall(line.text, style, room - style.leftIndent)
    return total


def _measured(flowables: list[Flowable]) -> list[Flowable]:
    return [_Measured(flowable) for flowable in flowables]


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
        # Measuring a slide breaks all its lines: start at the step a rough count of its
        # characters says fits, so that most slides are measured once (and that measure is
        # kept for the page: see _Measured).
        start = next(
            (n for n, styles in enumerate(steps) if _estimate(slide, styles, width) <= height),
            len(steps) - 1,
        )
        for styles in steps[start:]:
            flowables = _measured(slide_flowables(slide, styles, width))
            if _height(flowables, width) <= height:
                break  # (the smallest step flows on to a next page if it must)
        story += flowables
    return story


def allhands_header(view: AllHandsView, document_title: str) -> str:
    """The pages' header: the organisation, the unit (once, when the unit is the company of
    the same name), the cycle, the document."""
    named = " · ".join(dict.fromkeys((view.organisation, view.unit)))
    return f"{named} · {view.cycle} — {document_title}"


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
    header = allhands_header(view, document_title)
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

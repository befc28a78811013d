"""What every okrdesk PDF shares: paper, styles, header and footer, page x of y, DRAFT.

Each section of a document starts with a ``Section`` marker naming its header line and
whether it is a draft; the canvas remembers that per page and, once the page count is
known, draws the header, the footer ("Page x of y") and the watermark on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table
from reportlab.platypus import TableStyle as _TableStyle

from okrdesk import __version__
from okrdesk.export.pdf.fonts import PdfFont
from okrdesk.export.pdf.wrapping import MixedParagraph
from okrdesk.messages import translate

PAPERS = {"a4": A4, "letter": LETTER}
INK = colors.HexColor("#111827")
MUTED = colors.HexColor("#4b5563")
ACCENT = colors.HexColor("#1d4ed8")
RULE = colors.HexColor("#d1d5db")
HEADER_FILL = colors.HexColor("#eef2ff")
GROUP_FILL = colors.HexColor("#f8fafc")
MARGIN = 18 * mm


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    language: str  # "zh_CN" or "en"
    keywords: tuple[str, ...] = ("OKR",)


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    head: ParagraphStyle
    font: str


def make_styles(font: PdfFont, language: str, scale: float = 1.0) -> Styles:
    """Paragraph styles; Chinese wraps between any two characters (CJK word wrap)."""
    wrap = "CJK" if language == "zh_CN" else None

    def style(
        name: str,
        size: float,
        colour: Color = INK,
        *,
        centred: bool = False,
        before: float = 0,
        after: float = 0,
    ) -> ParagraphStyle:
        size *= scale
        return ParagraphStyle(
            name,
            fontName=font.name,
            fontSize=size,
            leading=size * 1.38,
            textColor=colour,
            wordWrap=wrap,
            alignment=TA_CENTER if centred else TA_LEFT,
            spaceBefore=before * scale,
            spaceAfter=after * scale,
        )

    return Styles(
        title=style("title", 28, ACCENT, centred=True, after=10),
        subtitle=style("subtitle", 14, MUTED, centred=True, after=6),
        h1=style("h1", 18, ACCENT, before=4, after=8),
        h2=style("h2", 13.5, INK, before=12, after=6),
        h3=style("h3", 11.5, INK, before=8, after=3),
        body=style("body", 10, after=3),
        small=style("small", 8.5, MUTED, after=2),
        cell=style("cell", 9),
        head=style("head", 9, ACCENT),
        font=font.name,
    )


def fit(value: str, font: str, size: float, width: float) -> str:
    """The text shortened with an ellipsis to fit the width."""
    if stringWidth(value, font, size) <= width:
        return value
    while value and stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value + "…"


def text(value: object) -> str:
    """User text made safe for a Paragraph (which reads a little XML)."""
    return escape(str(value)).replace("\n", "<br/>")


def para(value: object, style: ParagraphStyle) -> Paragraph:
    return MixedParagraph(text(value), style)


def table(
    rows: Sequence[Sequence[object]],
    widths: list[float],
    styles: Styles,
    *,
    header: bool = True,
    extra: list[tuple[Any, ...]] | None = None,
) -> Table:
    """A table of paragraphs that wraps in its cells and repeats its header row on new pages."""
    cells = [
        [
            cell
            if isinstance(cell, Flowable)
            else para(cell, styles.head if header and r == 0 else styles.cell)
            for cell in row
        ]
        for r, row in enumerate(rows)
    ]
    # A row taller than a page (a long comment) splits inside itself instead of failing.
    result = Table(
        cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT", splitInRow=1
    )
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
    result.setStyle(_TableStyle(commands + (extra or [])))
    return result


class Section(Flowable):
    """Marks where a section starts: the header line and whether its pages say DRAFT."""

    def __init__(self, header: str, draft: bool) -> None:
        super().__init__()
        self.header = header
        self.draft = draft
        self.width = self.height = 0

    def wrap(self, _available_width: float, _available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        # The canvas is canvas_class()'s, which carries the section.
        self.canv.okrdesk_section = (self.header, self.draft)  # type: ignore[attr-defined]


def canvas_class(language: str, document_title: str, printed: str, font: str) -> type[Canvas]:
    """A canvas that holds its pages back until it knows how many there are."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.okrdesk_section: tuple[str, bool] = ("", False)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab's own, not in its stubs

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _decorate(self, number: int, total: int) -> None:
            width, height = self._pagesize  # type: ignore[attr-defined]  # as _startPage
            header, draft = self.okrdesk_section
            self.saveState()
            if draft:
                self.setFillColor(colors.Color(0.85, 0.1, 0.1, alpha=0.13))
                self.setFont(font, 110 if language == "zh_CN" else 96)
                self.translate(width / 2, height / 2)
                self.rotate(35)
                self.drawCentredString(0, -30, translate("pdf.draft", language))
                self.rotate(-35)
                self.translate(-width / 2, -height / 2)
            self.setFillColor(MUTED)
            self.setFont(font, 8.5)
            if header:
                title_width = self.stringWidth(document_title, font, 8.5)
                room = width - 2 * MARGIN - title_width - 8 * mm
                self.drawString(MARGIN, height - 12 * mm, fit(header, font, 8.5, room))
                self.drawRightString(width - MARGIN, height - 12 * mm, document_title)
                self.setStrokeColor(RULE)
                self.setLineWidth(0.5)
                self.line(MARGIN, height - 13.5 * mm, width - MARGIN, height - 13.5 * mm)
            page = translate("pdf.page", language, page=number, pages=total)
            self.drawCentredString(width / 2, 10 * mm, page)
            self.drawRightString(width - MARGIN, 10 * mm, printed)
            self.drawString(MARGIN, 10 * mm, f"okrdesk {__version__}")
            self.restoreState()

    return NumberedCanvas


def build_pdf(
    out: Path | BinaryIO,
    story: list[Flowable],
    *,
    paper: str,
    metadata: Metadata,
    document_title: str,
    printed: str,
    font: str,
) -> None:
    """Lay the story out on pages of the paper and write the PDF."""
    size = PAPERS[paper]
    doc = BaseDocTemplate(
        out if not isinstance(out, Path) else str(out),
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 2 * mm,
        bottomMargin=MARGIN,
        title=metadata.title,
        author=metadata.author,
        subject=metadata.subject,
        keywords=list(metadata.keywords),
        creator=f"okrdesk {__version__}",
        lang="zh-CN" if metadata.language == "zh_CN" else "en",
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
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=canvas_class(metadata.language, document_title, printed, font))


def frame_width(paper: str) -> float:
    return PAPERS[paper][0] - 2 * MARGIN

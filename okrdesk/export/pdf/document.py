"""What every okrdesk PDF shares: paper, styles, header and footer, page x of y, DRAFT.

Each section of a document starts with a ``Section`` marker naming its header line and
whether it is a draft; the canvas remembers that per page and, once the page count is
known, draws the header, the footer ("Page x of y") and the watermark on every page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from weakref import WeakKeyDictionary

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
from reportlab.platypus.paragraph import cleanBlockQuotedText

from okrdesk import __version__
from okrdesk.export.pdf.fonts import SYNTHETIC_STROKE, PdfFont
from okrdesk.export.pdf.wrapping import MixedParagraph, face_chooser, runs
from okrdesk.messages import translate

PAPERS = {"a4": A4, "letter": LETTER}
INK = colors.HexColor("#111827")
MUTED = colors.HexColor("#4b5563")
ACCENT = colors.HexColor("#1d4ed8")
RULE = colors.HexColor("#d1d5db")
HEADER_FILL = colors.HexColor("#eef2ff")
GROUP_FILL = colors.HexColor("#f8fafc")
MARGIN = 18 * mm
MIN_ROWS = 3  # a split table never leaves fewer rows than this on a page


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
    bold: str = ""  # the bold face's name (the regular one when bold is synthetic)
    latin: str | None = None  # the Latin companion, regular and bold (None: the CJK face)
    latin_bold: str | None = None
    synthetic_bold: bool = False


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
        bold: bool = False,
    ) -> ParagraphStyle:
        size *= scale
        return ParagraphStyle(
            name,
            fontName=font.bold_name if bold else font.name,
            okrdesk_latin=font.latin_bold if bold else font.latin,
            okrdesk_stroke=SYNTHETIC_STROKE if bold and font.synthetic_bold else 0.0,
            keepWithNext=1 if bold and name != "head" else 0,
            fontSize=size,
            leading=size * 1.38,
            textColor=colour,
            wordWrap=wrap,
            alignment=TA_CENTER if centred else TA_LEFT,
            spaceBefore=before * scale,
            spaceAfter=after * scale,
        )

    return Styles(
        title=style("title", 28, ACCENT, centred=True, after=10, bold=True),
        subtitle=style("subtitle", 14, MUTED, centred=True, after=6),
        h1=style("h1", 18, ACCENT, before=4, after=8, bold=True),
        h2=style("h2", 13.5, INK, before=12, after=6, bold=True),
        h3=style("h3", 11.5, INK, before=8, after=3, bold=True),
        body=style("body", 10, after=3),
        small=style("small", 8.5, MUTED, after=2),
        cell=style("cell", 9),
        head=style("head", 9, ACCENT, bold=True),
        font=font.name,
        bold=font.bold_name,
        latin=font.latin,
        latin_bold=font.latin_bold,
        synthetic_bold=font.synthetic_bold,
    )


def fit(value: str, font: str, size: float, width: float) -> str:
    """The text shortened with an ellipsis to fit the width."""
    if stringWidth(value, font, size) <= width:
        return value
    while value and stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value + "…"


def _escape(value: str) -> str:
    """&, < and > as entities, as xml.sax.saxutils.escape does (which would import the xml
    and urllib packages into every export's start)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text(value: object) -> str:
    """User text made safe for a Paragraph (which reads a little XML)."""
    return _escape(str(value)).replace("\n", "<br/>")


def para(value: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user text. Plain text on one line (most cells) is not parsed as
    markup: its one fragment is a copy of the one the parser makes for the style, with the
    text's white space collapsed as the parser does (a handout has thousands of cells)."""
    words = str(value)
    if "\n" in words or not words.strip():
        return MixedParagraph(text(value), style)
    template = _fragments.get(style)
    if template is None:
        template = _fragments[style] = MixedParagraph("x", style).frags[0]
    return MixedParagraph(words, style, frags=[template.clone(text=cleanBlockQuotedText(words))])


# The fragment the markup parser makes for each style, while the style lives.
_fragments: WeakKeyDictionary[ParagraphStyle, Any] = WeakKeyDictionary()


def table(
    rows: Sequence[Sequence[object]],
    widths: list[float],
    styles: Styles,
    *,
    header: bool = True,
    extra: list[tuple[Any, ...]] | None = None,
    min_rows: int = MIN_ROWS,
) -> Table:
    """A table of paragraphs that wraps in its cells and repeats its header row on new pages;
    split over pages, each page holds at least ``min_rows`` of its rows (see RowTable)."""
    cells = [
        [
            cell
            if isinstance(cell, Flowable | list)  # a flowable, or a list of them
            else para(cell, styles.head if header and r == 0 else styles.cell)
            for cell in row
        ]
        for r, row in enumerate(rows)
    ]
    # A row taller than a page (a long comment) splits inside itself instead of failing.
    result = RowTable(
        cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT", splitInRow=1
    )
    result.min_rows = min_rows
    commands: list[tuple[Any, ...]] = [
        # Cells are flowables, but reportlab sets each cell's font first (Helvetica by
        # default, then named in the PDF and never embedded): the document's own.
        ("FONTNAME", (0, 0), (-1, -1), styles.font),
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


def _at_top(flowable: Flowable) -> bool:
    """Whether the frame laying the flowable out is at the top of its page (or unknown)."""
    frame = getattr(flowable, "_frame", None)
    return frame is None or bool(getattr(frame, "_atTop", 1))


class RowTable(Table):
    """A Table that splits over pages without orphans or widows: each part holds at least
    ``min_rows`` body rows (a table that short moves to the next page whole), and a split
    inside a row (a row taller than a page) happens only at the top of a page.

    At the top of a page nothing better is possible, so reportlab's own split is kept.
    """

    min_rows = MIN_ROWS
    _rowHeights: list[float]  # noqa: N815 (reportlab's, set by wrap; not in its stubs)

    def _getFirstPossibleSplitRowPosition(  # noqa: N802 (reportlab's name)
        self,
        availHeight: float,  # noqa: N803
        ignoreSpans: int = 0,  # noqa: N803
    ) -> int:
        split_at = int(
            super()._getFirstPossibleSplitRowPosition(  # type: ignore[misc]  # not in the stubs
                availHeight, ignoreSpans
            )
        )
        if split_at <= 0 or not self.min_rows:
            return split_at
        head = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        total = len(self._rowHeights) - head
        wanted = min(self.min_rows, total)
        if total - (split_at - head) < wanted:  # leave the next page its rows, not one
            split_at = head + total - wanted
        if split_at - head >= wanted:
            return split_at
        # Too few rows for this page: the next page, unless this one is already fresh.
        return (
            int(
                super()._getFirstPossibleSplitRowPosition(  # type: ignore[misc]  # not in the stubs
                    availHeight, ignoreSpans
                )
            )
            if (_at_top(self))
            else 0
        )

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        if _at_top(self) or not self.min_rows:
            return list(super().split(availWidth, availHeight))
        in_row, self.splitInRow = self.splitInRow, 0
        try:
            return list(super().split(availWidth, availHeight))
        finally:
            self.splitInRow = in_row

    def start_height(self, width: float, rows: int) -> float:
        """The height of the header and the first ``rows`` body rows at this width."""
        _width, height = self.wrap(width, 1e6)
        head = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        return float(sum(self._rowHeights[: head + rows])) if self._rowHeights else height


class ContinuedTable(Flowable):
    """The last rows of a table, set apart to stay with what follows them (the sign-off
    with its OKRs): under the table's header when they start a page, else as the table
    going on (``bare``: the same rows and columns without the header)."""

    def __init__(self, headed: Table, bare: Table) -> None:
        super().__init__()
        self.headed = headed
        self.bare = bare
        self._chosen: Table = bare

    def _choose(self) -> Table:
        # Laid out by a frame at the top of a page: the header comes first. Measured
        # anywhere else (by a KeepTogether), the rows follow the rest of their table.
        frame = getattr(self, "_frame", None)
        self._chosen = self.headed if frame is not None and frame._atTop else self.bare
        return self._chosen

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width, self.height = self._choose().wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return list(self._choose().split(availWidth, availHeight))

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        self._chosen.drawOn(canvas, x, y, _sW)  # type: ignore[call-arg]  # _sW: not in the stubs


class KeepStart(Flowable):
    """Starts a new page unless the flowables that follow (headings) and the first rows of
    the table after them fit on this one: a heading never sits alone at a page foot, nor
    with a single row of its table."""

    def __init__(
        self, flowables: Sequence[Flowable], table: Flowable | None = None, rows: int = MIN_ROWS
    ) -> None:
        super().__init__()
        self.flowables = list(flowables)
        self.table = table
        self.rows = rows
        self.width = self.height = 0

    def needed(self, width: float) -> float:
        height = 0.0
        for flowable in self.flowables:
            height += flowable.wrap(width, 1e6)[1] + flowable.getSpaceBefore()
            height += flowable.getSpaceAfter()
        # A RowTable or a long_tables.LongTable says how tall its start is.
        start_height = getattr(self.table, "start_height", None)
        if start_height is not None:
            height += start_height(width, self.rows)
        elif self.table is not None:
            height += self.table.wrap(width, 1e6)[1]
        return height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if availHeight < self.needed(availWidth):
            frame = getattr(self, "_doctemplateAttr")("frame")  # noqa: B009 (not in stubs)
            if frame:
                from reportlab.platypus.doctemplate import FrameBreak

                frame.add_generated_content(FrameBreak)
        return 0, 0

    def draw(self) -> None:
        pass


class Badge(Flowable):
    """A label ("O1") in a filled rounded box, then a paragraph wrapping beside it: the
    number reads as a name, never as "01"."""

    def __init__(
        self, label: str, paragraph: Paragraph, styles: Styles, fill: Color = ACCENT
    ) -> None:
        super().__init__()
        self.label = label
        self.paragraph = paragraph
        self.fill = fill
        style = paragraph.style
        self.size = style.fontSize * 0.8
        self.font = styles.latin_bold or styles.bold or styles.font
        self.stroke = styles.synthetic_bold and not styles.latin_bold
        self.box_width = stringWidth(label, self.font, self.size) + self.size * 0.9
        self.box_height = self.size * 1.45
        self.gap = style.fontSize * 0.45
        self.leading = style.leading
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self.keepWithNext = style.keepWithNext

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        room = availWidth - self.box_width - self.gap
        _width, height = self.paragraph.wrap(room, availHeight)
        self.width = availWidth
        self.height = max(height, self.box_height)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return []  # a heading moves to the next page whole

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        centre = top - min(self.leading, self.height) / 2
        y = centre - self.box_height / 2
        canvas.saveState()
        canvas.setFillColor(self.fill)
        canvas.roundRect(0, y, self.box_width, self.box_height, self.box_height * 0.22, 0, 1)
        canvas.setFillColor(colors.white)
        canvas.setStrokeColor(colors.white)
        text = canvas.beginText()
        text.setFont(self.font, self.size)
        if self.stroke:
            canvas.setLineWidth(self.size * SYNTHETIC_STROKE)
            text.setTextRenderMode(2)
        text.setTextOrigin(
            self.box_width / 2 - stringWidth(self.label, self.font, self.size) / 2,
            centre - self.size * 0.36,
        )
        text.textOut(self.label)
        canvas.drawText(text)
        canvas.restoreState()
        self.paragraph.drawOn(canvas, self.box_width + self.gap, top - self.paragraph.height)


class SigningLines(Flowable):
    """Ruled lines to sign and date on paper, each with its caption below."""

    def __init__(self, captions: Sequence[str], styles: Styles, height: float = 16 * mm) -> None:
        super().__init__()
        self.captions = list(captions)
        self.font = styles.font
        self.size = styles.small.fontSize
        self.height = height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        canvas = self.canv
        gap = 8 * mm
        shares = (
            [0.62, 0.38]
            if len(self.captions) == 2
            else [1 / len(self.captions)] * len(self.captions)
        )
        usable = self.width - gap * (len(self.captions) - 1)
        x = 0.0
        baseline = self.size * 1.6
        canvas.saveState()
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.8)
        canvas.setFillColor(MUTED)
        canvas.setFont(self.font, self.size)
        for caption, share in zip(self.captions, shares, strict=True):
            length = usable * share
            canvas.line(x, baseline, x + length, baseline)
            canvas.drawString(x, baseline - self.size * 1.4, caption)
            x += length + gap
        canvas.restoreState()


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


def mixed_width(value: str, face: Callable[[str], str], size: float) -> float:
    """The width of a text set in the fonts ``face`` chooses for its characters."""
    return sum(stringWidth(part, font, size) for font, part in runs(value, face))


def draw_mixed(
    canvas: Canvas,
    x: float,
    y: float,
    value: str,
    face: Callable[[str], str],
    size: float,
    anchor: str = "start",
) -> None:
    """One line of text in the fonts ``face`` chooses: "start", "middle" or "end" at x."""
    width = mixed_width(value, face, size)
    x -= {"start": 0.0, "middle": width / 2, "end": width}[anchor]
    for font, part in runs(value, face):
        canvas.setFont(font, size)
        canvas.drawString(x, y, part)
        x += stringWidth(part, font, size)


def canvas_class(
    language: str, document_title: str, printed: str, font: str | PdfFont
) -> type[Canvas]:
    """A canvas that holds its pages back until it knows how many there are; the header,
    the footer and the DRAFT mark are set in the document's faces (Latin in the companion)."""
    fonts = font if isinstance(font, PdfFont) else PdfFont(font, True, font, bold=font)
    face = face_chooser(fonts.name, fonts.latin, language != "zh_CN")
    draft_word = translate("pdf.draft", language)
    draft_latin = fonts.latin_bold is not None and all(
        face(char) == fonts.latin for char in draft_word
    )
    draft_font = fonts.latin_bold if draft_latin and fonts.latin_bold else fonts.bold_name

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Not reportlab's Helvetica: every page would name it, a font never embedded.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or fonts.name
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
                self.setFont(draft_font, 110 if language == "zh_CN" else 96)
                self.translate(width / 2, height / 2)
                self.rotate(35)
                self.drawCentredString(0, -30, draft_word)
                self.rotate(-35)
                self.translate(-width / 2, -height / 2)
            self.setFillColor(MUTED)
            size = 8.5
            if header:
                title_width = mixed_width(document_title, face, size)
                room = width - 2 * MARGIN - title_width - 8 * mm
                shown = header
                while shown != "…" and mixed_width(shown, face, size) > room:
                    shown = shown[:-2] + "…" if len(shown) > 1 else "…"
                draw_mixed(self, MARGIN, height - 12 * mm, shown, face, size)
                draw_mixed(
                    self, width - MARGIN, height - 12 * mm, document_title, face, size, "end"
                )
                self.setStrokeColor(RULE)
                self.setLineWidth(0.5)
                self.line(MARGIN, height - 13.5 * mm, width - MARGIN, height - 13.5 * mm)
            page = translate("pdf.page", language, page=number, pages=total)
            draw_mixed(self, width / 2, 10 * mm, page, face, size, "middle")
            draw_mixed(self, width - MARGIN, 10 * mm, printed, face, size, "end")
            draw_mixed(self, MARGIN, 10 * mm, f"okrdesk {__version__}", face, size)
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
    font: str | PdfFont,
) -> None:
    """Lay the story out on pages of the paper and write the PDF (``font``: the document's
    faces, or the name of its one font)."""
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


def frame_height(paper: str) -> float:
    """The height of the body frame on a page of the paper (as build_pdf lays it out)."""
    return PAPERS[paper][1] - 2 * MARGIN - 2 * mm


def height_of(flowables: Sequence[Flowable], width: float) -> float:
    """How tall the flowables stand one after another at the width (spaces included)."""
    total = 0.0
    for flowable in flowables:
        total += flowable.wrap(width, 1e6)[1] + flowable.getSpaceBefore()
        total += flowable.getSpaceAfter()
    return total

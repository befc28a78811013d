"""Long tables of plain text laid out and drawn in time linear in their length.

reportlab's Table measures every row each time it is split at a page foot, and the rest
of a split table is a new Table that measures every remaining row again: a table of n rows
over p pages costs n x p (a 20,000-idea appendix took 51 s for 570 pages). Even measured a
page at a time, a Table of Paragraphs costs a Paragraph per cell to make, wrap and draw.

A ``TextTable`` holds its cells as plain text instead: each cell is broken into lines once
(wrapping.break_lines, the lines a MixedParagraph of the same text and style would make),
a row's height is its tallest cell's lines times the leading plus the padding, a page split
adds row heights until the page is full, and a page's rows are drawn as one PDF text
object. It looks like document.table (header row filled and repeated on every page, a rule
below each row, the same paddings and styles); a group row spans every column, is filled
lighter and never ends a page.

Pagination rules kept on every split: a page never holds fewer than ``min_rows`` rows of
the table and never leaves fewer than ``min_rows`` for the next page (unless the table is
that short); a group row never ends a page; a row taller than a page splits between its
lines, at the top of a page only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from okrdesk.export.pdf.document import (
    GROUP_FILL,
    HEADER_FILL,
    MIN_ROWS,
    RULE,
    Styles,
    para,
)
from okrdesk.export.pdf.wrapping import Runs, break_lines, face_chooser, runs, write_text

# document.table's paddings and rule.
TOP, BOTTOM, SIDE = 3.0, 4.0, 4.0
RULE_WIDTH = 0.4
# Taller than any page: a part asked how tall it is in more room than this (KeepTogether
# asks in 0xfffffff points) adds rows up to this height only and says "at least this".
TALLER_THAN_A_PAGE = 1500.0


@dataclass(frozen=True)
class TextRow:
    """A body row: its cells' texts; a group row has one text spanning every column."""

    cells: tuple[str, ...]
    group: bool = False


# A laid-out row: each cell's lines, as (font, text) runs per line.
Line = Runs
Cell = tuple[Line, ...]


@dataclass(frozen=True)
class LaidRow:
    cells: tuple[Cell, ...]
    height: float
    group: bool


def plain_text(value: str) -> str:
    """The text as a paragraph shows it: runs of white space as one space, each line
    stripped (document.para reads the same text as markup and collapses it alike)."""
    return "\n".join(" ".join(line.split()) for line in value.split("\n")).strip("\n")


class Layout:
    """The rows of a table broken into lines at one set of column widths, each row once,
    the first time a page needs it; shared by every part of the table."""

    def __init__(
        self, rows: Sequence[TextRow], widths: Sequence[float], style: ParagraphStyle
    ) -> None:
        self.rows = rows
        self.widths = tuple(widths)
        self.style = style
        self.font: str = style.fontName
        self.size: float = style.fontSize
        self.leading: float = style.leading
        latin = getattr(style, "okrdesk_latin", None)
        self.face = face_chooser(self.font, latin, style.wordWrap != "CJK")
        self.laid: list[LaidRow | None] = [None] * len(rows)

    def cell(self, value: str, width: float) -> Cell:
        text = plain_text(value)
        if not text:
            return ()
        if "\n" not in text:  # most cells fit one line: measured whole, not a character at a time
            parts = tuple(runs(text, self.face))
            if sum(stringWidth(part, font, self.size) for font, part in parts) <= width:
                return (parts,)
        lines = break_lines(text, [width], self.font, self.size, self.face)
        return tuple(tuple(runs(line, self.face)) for line in lines)

    def row(self, index: int) -> LaidRow:
        laid = self.laid[index]
        if laid is None:
            row = self.rows[index]
            if row.group:
                cells: tuple[Cell, ...] = (self.cell(row.cells[0], sum(self.widths) - 2 * SIDE),)
            else:
                cells = tuple(
                    self.cell(value, width - 2 * SIDE)
                    for value, width in zip(row.cells, self.widths, strict=True)
                )
            height = max((len(cell) for cell in cells), default=0) * self.leading
            laid = self.laid[index] = LaidRow(cells, height + TOP + BOTTOM, row.group)
        return laid

    def __len__(self) -> int:
        return len(self.rows)


class Header:
    """The header row: Paragraphs in the header style, measured once per width."""

    def __init__(
        self, texts: Sequence[str], widths: Sequence[float], style: ParagraphStyle
    ) -> None:
        self.cells: list[Paragraph] = [para(text, style) for text in texts]
        self.widths = tuple(widths)
        self.heights: list[float] = [
            cell.wrap(width - 2 * SIDE, 1e6)[1]
            for cell, width in zip(self.cells, widths, strict=True)
        ]
        self.height = max(self.heights, default=0.0) + TOP + BOTTOM


class TextTable(Flowable):
    """A part of a table of plain text: the header and body rows ``start`` onwards (see
    the module's docstring). ``first`` replaces the first row's lines when a row taller
    than a page was split and this part holds its rest."""

    def __init__(
        self,
        header: Header,
        layout: Layout,
        *,
        min_rows: int = MIN_ROWS,
        start: int = 0,
        stop: int | None = None,
        first: LaidRow | None = None,
    ) -> None:
        super().__init__()
        self.header = header
        self.layout = layout
        self.min_rows = min_rows
        self.start = start
        self.stop = len(layout) if stop is None else stop
        self.first = first

    @property
    def remaining(self) -> int:
        """How many body rows this part holds."""
        return self.stop - self.start

    def _row(self, index: int) -> LaidRow:
        if index == self.start and self.first is not None:
            return self.first
        return self.layout.row(index)

    def _heights(self, room: float) -> tuple[list[float], float]:
        """The heights of this part's rows while they fit the room (and the first that does
        not), and the height of the header with them."""
        used = self.header.height
        heights: list[float] = []
        for index in range(self.start, self.stop):
            height = self._row(index).height
            heights.append(height)
            used += height
            if used > room + 1e-6:
                break
        return heights, used

    def start_height(self, width: float, rows: int) -> float:
        """The height of the header and the first ``rows`` body rows (what
        document.KeepStart keeps a heading with)."""
        stop = min(self.stop, self.start + rows)
        return self.header.height + sum(self._row(i).height for i in range(self.start, stop))

    # Flowable
    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # A part that does not fit says so with a height of more than the room (so the
        # frame asks it to split): its true height is never needed, and measuring all of
        # it at every page is what made long tables slow.
        _heights, used = self._heights(min(availHeight, TALLER_THAN_A_PAGE))
        self.width, self.height = sum(self.header.widths), used
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        frame = getattr(self, "_frame", None)  # set by the frame while it asks to split
        at_top = frame is not None and bool(frame._atTop)
        heights, used = self._heights(availHeight)
        total = self.remaining
        fitting = len(heights) - (used > availHeight + 1e-6)
        if fitting == total:
            return [self]
        count = fitting
        if total - count < self.min_rows:  # leave the next page a few rows, not one
            count = total - self.min_rows
        while count > 0 and self._row(self.start + count - 1).group:
            count -= 1  # a group row goes over with its first row
        if count < min(self.min_rows, total):
            if not at_top:
                return []  # too little room here: the table goes on with the next page
            # At the top of a page rows this tall are all there is room for.
            count = max(count, fitting)
            if count == 0:  # a row taller than the page splits between its lines
                return self._split_inside(availHeight)
        return [self._part(self.start, self.start + count), self._part(self.start + count)]

    def _part(self, start: int, stop: int | None = None, first: LaidRow | None = None) -> TextTable:
        if first is None and start == self.start:
            first = self.first
        return TextTable(
            self.header, self.layout, min_rows=self.min_rows, start=start, stop=stop, first=first
        )

    def _split_inside(self, room: float) -> list[Flowable]:
        row = self._row(self.start)
        lines = int((room - self.header.height - TOP - BOTTOM) // self.layout.leading)
        if lines <= 0:
            return []
        leading = self.layout.leading
        taken = LaidRow(
            tuple(cell[:lines] for cell in row.cells), lines * leading + TOP + BOTTOM, row.group
        )
        left = max(len(cell) for cell in row.cells) - lines
        rest = LaidRow(
            tuple(cell[lines:] for cell in row.cells), left * leading + TOP + BOTTOM, row.group
        )
        return [
            TextTable(self.header, self.layout, start=self.start, stop=self.start + 1, first=taken),
            self._part(self.start, first=rest),
        ]

    def draw(self) -> None:
        rows = [self._row(index) for index in range(self.start, self.stop)]
        canvas = self.canv
        header, layout = self.header, self.layout
        width = sum(header.widths)
        lefts = [sum(header.widths[:n]) for n in range(len(header.widths))]
        tops = [self.height - header.height]
        for row in rows:
            tops.append(tops[-1] - row.height)
        canvas.saveState()
        # Fills first, then the text over them, then the rules, as reportlab's Table does.
        canvas.setFillColor(HEADER_FILL)
        canvas.rect(0, tops[0], width, header.height, stroke=0, fill=1)
        if any(row.group for row in rows):
            canvas.setFillColor(GROUP_FILL)
            for row, bottom in zip(rows, tops[1:], strict=True):
                if row.group:
                    canvas.rect(0, bottom, width, row.height, stroke=0, fill=1)
        for heading, left, height in zip(header.cells, lefts, header.heights, strict=True):
            heading.drawOn(canvas, left + SIDE, self.height - TOP - height)
        text: Any = canvas.beginText()  # its _code (the operators) is not in the stubs
        text.setFillColor(layout.style.textColor)
        placed = [
            (left + SIDE, top - TOP - layout.size - n * layout.leading, line)
            for row, top in zip(rows, tops[:-1], strict=True)
            for cell, left in zip(row.cells, lefts, strict=False)
            for n, line in enumerate(cell)
        ]
        if not write_text(canvas, text._code, placed, layout.size):
            font = ""
            for x, y, line in placed:
                text.setTextOrigin(x, y)
                for face, part in line:
                    if face != font:
                        text.setFont(face, layout.size, layout.leading)
                        font = face
                    text.textOut(part)
        canvas.drawText(text)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(RULE_WIDTH)
        canvas.lines([(0, y, width, y) for y in tops])
        canvas.restoreState()


def text_table(
    header: Sequence[str],
    rows: Sequence[TextRow],
    widths: Sequence[float],
    styles: Styles,
    *,
    min_rows: int = MIN_ROWS,
) -> TextTable:
    """document.table's look, for a table of plain text of any length: ``header`` the
    header row's texts, ``rows`` the body (group rows span every column)."""
    return TextTable(
        Header(header, widths, styles.head),
        Layout(rows, widths, styles.cell),
        min_rows=min_rows,
    )

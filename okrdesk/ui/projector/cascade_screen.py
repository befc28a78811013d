"""The projector showing the cascade board: the two weeks' count and every unit's row, overdue
units in red (a mixin of the window, shown while the board is open in the window).

Every text fits: the rows are drawn as large as lets all of them show at once, down to the
screen's floor; below that they go in columns side by side on a wide screen, then on pages
the facilitator turns (60 units: two or three pages at 1920x1080, six at 1024x768).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from okrdesk.engine.cascade import CascadeState
from okrdesk.engine.cascade_words import BoardRow, RowMark
from okrdesk.ui.projector.colours import IN, MUTED, OVERTIME, TEXT, TIE
from okrdesk.ui.projector.painting import Painting
from okrdesk.ui.projector.text_fit import Wrapped, draw_text, sized, wrap

OVERDUE_BAND = QColor("#7f1d1d")  # behind an overdue row: white on it is 10:1
OVERDUE_TEXT = QColor("#fecaca")
STATE_COLOURS = {
    CascadeState.APPROVED: IN,
    CascadeState.RETURNED: TIE,
    CascadeState.IN_PROGRESS: TEXT,
    CascadeState.NOT_STARTED: MUTED,
}
MARK_COLOURS = {
    RowMark.NONE: MUTED,
    RowMark.DONE: MUTED,
    RowMark.LATE: OVERTIME,
    RowMark.RUNNING: TEXT,
    RowMark.OVERDUE: OVERDUE_TEXT,
}
ROW_LINES = 6  # a long name wraps on (the row grows); nothing is cut
LARGEST = 1.3  # rows at most this many floors high (a small organisation's board)
HEIGHTS_KEPT = 5000  # rows' heights kept (a few boards' worth at a few sizes)


@dataclass(frozen=True)
class CascadeSlide:
    """What the board shows the room, already in the room's language."""

    title: str  # "Cascade board · 2027-Q1"
    deadline: str  # when the two weeks started and end
    countdown: str  # days left, due today, ended ("" before the company approves)
    totals: str  # units approved, overdue, people's OKRs
    columns: tuple[str, str, str, str]  # unit, state, people, the two weeks
    rows: tuple[BoardRow, ...]
    people: bool  # whether any unit has people beneath it (the people column shows)
    overdue: bool  # some unit is overdue (the countdown is said in red)
    page_words: str  # "page {page} of {pages}" with the placeholders left in
    # Rows of one text and a mark (the organisation's tree): the text takes the whole width,
    # the mark (``time``) at the right of its last line where it fits, else on a line below
    # it; no column of marks, empty on most rows, keeps a third of the screen from the titles.
    # Nesting shows deeper (six levels: company objective to a team's key result).
    stacked: bool = False


def _time(row: BoardRow) -> str:
    """A row's two weeks as the projector says it (short: the window shows the dates)."""
    return row.short_time or row.time


def cascade_lines(slide: CascadeSlide) -> list[str]:
    """Everything the slide says, as plain lines (for accessibility and tests)."""
    said = [slide.title, slide.deadline]
    said += [line for line in (slide.countdown, slide.totals) if line]
    for row in slide.rows:
        cells = [row.name, row.state_text, *([row.people] if slide.people else []), row.time]
        said.append(" · ".join(cells))
    return said


@dataclass(frozen=True)
class _Layout:
    """The board's rows laid out for one screen size: sizes, columns, pages."""

    pixels: int
    blocks: int  # columns of rows side by side
    block_width: float
    cells: tuple[float, ...]  # each cell's width in a row (name, state, [people], time)
    heights: tuple[float, ...]  # each row's height
    pages: tuple[tuple[tuple[int, int], ...], ...]  # per page: each block's rows [start, end)
    tops: tuple[float, float]  # where the rows start: on the first page, on the others
    footer: float  # the page line's height (0 on one page)


def _heading(slide: CascadeSlide, first: bool) -> list[tuple[str, float, bool, QColor]]:
    """The lines above the rows (text, size in floors, bold, colour): on the first page the
    title, when the two weeks began and end, and the count; on the others the title and
    the days alone, so the rows get the room."""
    count = " · ".join(text for text in (slide.countdown, slide.totals) if text)
    alarm = OVERDUE_TEXT if slide.overdue else TEXT
    if not first:
        return [(" · ".join(t for t in (slide.title, slide.countdown) if t), 1.0, True, alarm)]
    lines = [
        (slide.title, LARGEST, True, TEXT),
        (slide.deadline, 1.0, False, MUTED),
        (count, 1.0, False, alarm),
    ]
    return [line for line in lines if line[0]]  # an empty line takes no room


def _strong(row: BoardRow, cell: int, cells: int) -> bool:
    """Bold: a company's or department's name, and an overdue row's count."""
    return (cell == 0 and row.depth <= 1) or (row.mark == RowMark.OVERDUE and cell == cells - 1)


def _columns(
    heights: tuple[float, ...], rooms: tuple[float, float], gap: float, blocks: int
) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Rows filled into columns, ``blocks`` columns a page; a column of the first page has
    ``rooms[0]`` of height, the others ``rooms[1]`` (a row taller than that stands alone)."""
    pages: list[tuple[tuple[int, int], ...]] = []
    page: list[tuple[int, int]] = []
    start, used = 0, 0.0
    for index, height in enumerate(heights):
        room = rooms[0] if not pages else rooms[1]
        need = height if index == start else used + gap + height
        if index > start and need > room + 0.5:
            page.append((start, index))
            if len(page) == blocks:
                pages.append(tuple(page))
                page = []
            start, used = index, height
        else:
            used = need
    page.append((start, len(heights)))
    pages.append(tuple(page))
    return tuple(pages)


class CascadePainting(Painting):
    """The board page: the count on top, then the rows in columns and pages."""

    cascade: CascadeSlide | None = None
    _cascade_kept: tuple[CascadeSlide, int, int, _Layout] | None = None
    # Each row's height by its texts, cells and size: a change re-measures the rows it changed.
    _cascade_heights: dict[tuple[object, ...], float] | None = None

    def _paint_cascade(self, painter: QPainter, slide: CascadeSlide) -> None:
        layout = self._cascade_layout(slide)
        self.pages = len(layout.pages)
        self.page = min(self.page, self.pages - 1)
        unit, floor = self.unit(), self._floor()
        left, y = unit, unit
        width = self.width() - 2 * unit
        for text, scale, strong, colour in _heading(slide, self.page == 0):
            painter.setPen(colour)
            said = sized(self._font(1.0, bold=strong), round(floor * scale))
            area = QRectF(left, y, width, self.height())
            y += draw_text(painter, area, text, said, max_lines=ROW_LINES).height()
            y += floor * 0.25
        top = layout.tops[0 if self.page == 0 else 1]
        gap = layout.pixels * 0.25
        font = sized(self._font(1.0), layout.pixels)
        bold = sized(self._font(1.0, bold=True), layout.pixels)
        for block, (start, end) in enumerate(layout.pages[self.page]):
            x = left + block * (layout.block_width + unit)
            y = top
            for index in range(start, end):
                row, height = slide.rows[index], layout.heights[index]
                self._cascade_row(painter, slide, row, layout, x, y, height, font, bold)
                y += height + gap
        if layout.footer:
            words = slide.page_words.replace("{page}", str(self.page + 1))
            words = words.replace("{pages}", str(self.pages))
            painter.setPen(MUTED)
            rect = QRectF(left, self.height() - unit * 0.5 - layout.footer, width, layout.footer)
            draw_text(painter, rect, words, sized(self._font(1.0), floor))

    def _cascade_row(
        self,
        painter: QPainter,
        slide: CascadeSlide,
        row: BoardRow,
        layout: _Layout,
        x: float,
        y: float,
        height: float,
        font: QFont,
        bold: QFont,
    ) -> None:
        overdue = row.mark == RowMark.OVERDUE
        if overdue:
            pad = layout.pixels * 0.12
            painter.fillRect(
                QRectF(x - pad, y - pad, layout.block_width + 2 * pad, height + 2 * pad),
                OVERDUE_BAND,
            )
        texts = _cells_of(slide, row)
        colours = [
            TEXT,
            STATE_COLOURS[row.state],
            *([TEXT] if slide.people else []),
            MARK_COLOURS[row.mark],
        ]
        if overdue or slide.stacked:
            colours = [TEXT] * len(texts)
        cell_x = x
        for n, (text, colour, cell) in enumerate(zip(texts, colours, layout.cells, strict=True)):
            shift = self._indent(slide, row, layout.pixels) if n == 0 else 0.0
            painter.setPen(colour)
            drawn = draw_text(
                painter,
                QRectF(cell_x + shift, y, cell - shift, height),
                text,
                bold if _strong(row, n, len(texts)) else font,
                max_lines=ROW_LINES,
            )
            cell_x += cell + layout.pixels * 0.6
        mark = _time(row) if slide.stacked else ""
        if not mark:
            return
        painter.setPen(MARK_COLOURS[row.mark])
        shift = self._indent(slide, row, layout.pixels)
        room = layout.cells[0] - shift
        if _beside(drawn, mark, font, layout.pixels, room):  # right of the text's last line
            top = y + (min(len(drawn.lines), ROW_LINES) - 1) * drawn.line_spacing
            draw_text(
                painter,
                QRectF(x + shift, top, room, height - (top - y)),
                mark,
                font,
                align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                max_lines=1,
            )
            return
        shift += self._mark_indent(layout.pixels)
        below = y + drawn.height(ROW_LINES)
        draw_text(
            painter,
            QRectF(x + shift, below, layout.cells[0] - shift, y + height - below),
            mark,
            font,
            max_lines=ROW_LINES,
        )

    @staticmethod
    def _indent(slide: CascadeSlide, row: BoardRow, pixels: int) -> float:
        return min(row.depth, 6 if slide.stacked else 3) * pixels * 0.8

    @staticmethod
    def _mark_indent(pixels: int) -> float:
        """A stacked row's mark, in from its text (the "O " or "KR " before a title)."""
        return pixels * 1.2

    def _cascade_layout(self, slide: CascadeSlide) -> _Layout:
        kept = self._cascade_kept
        if kept is not None and kept[:3] == (slide, self.width(), self.height()):
            return kept[3]
        layout = self._lay_out_cascade(slide)
        self._cascade_kept = (slide, self.width(), self.height(), layout)
        return layout

    def _heading_height(self, slide: CascadeSlide, first: bool, width: float) -> float:
        floor = self._floor()
        total = 0.0
        for text, scale, strong, _colour in _heading(slide, first):
            font = sized(self._font(1.0, bold=strong), round(floor * scale))
            total += wrap(text, font, width).height(ROW_LINES) + floor * 0.25
        return total

    def _lay_out_cascade(self, slide: CascadeSlide) -> _Layout:
        """As large as shows every row on one page; else at the floor, in the number of
        columns side by side that needs the fewest pages."""
        unit, floor = self.unit(), self._floor()
        width = self.width() - 2 * unit
        tops = (
            unit + self._heading_height(slide, True, width) + unit * 0.25,
            unit + self._heading_height(slide, False, width) + unit * 0.25,
        )
        bottom = self.height() - unit * 0.5
        # Columns side by side only where each is still wide enough for a row's cells.
        most = 2 if width >= 36 * floor else 1
        # Every row takes a line at least: when even the floor's lines overflow one page, the
        # larger sizes cannot hold them all (sixty units on any projector): skip them.
        line = wrap("国", sized(self._font(1.0), floor), width).height()
        fewest = len(slide.rows) * line * 1.25 - floor * 0.25
        sizes = range(round(floor * LARGEST), floor, -max(1, floor // 8))
        for pixels in sizes if fewest <= bottom - tops[0] else ():
            layout = self._try_cascade(slide, pixels, 1, width, tops, bottom)
            if len(layout.pages) == 1:
                return layout
        best: _Layout | None = None
        for blocks in range(1, most + 1):
            layout = self._try_cascade(slide, floor, blocks, width, tops, bottom)
            if best is None or len(layout.pages) < len(best.pages):
                best = layout
        assert best is not None
        return best

    def _try_cascade(
        self,
        slide: CascadeSlide,
        pixels: int,
        blocks: int,
        width: float,
        tops: tuple[float, float],
        bottom: float,
    ) -> _Layout:
        """The rows at this size in this many columns, on pages (with a line saying which
        page at the bottom when there is more than one)."""
        unit = self.unit()
        font = sized(self._font(1.0), pixels)
        bold = sized(self._font(1.0, bold=True), pixels)
        block_width = (width - (blocks - 1) * unit) / blocks
        cells = self._cells(slide, font, bold, pixels, block_width)
        heights = tuple(
            self._row_height(slide, row, cells, font, bold, pixels) for row in slide.rows
        )
        gap = pixels * 0.25
        footer = 0.0
        pages = _columns(heights, (bottom - tops[0], bottom - tops[1]), gap, blocks)
        if len(pages) > 1:  # keep a line for "page 2 of 3" at the bottom
            page_font = sized(self._font(1.0), self._floor())
            footer = wrap(slide.page_words, page_font, width).height()
            end = bottom - footer - unit * 0.25
            pages = _columns(heights, (end - tops[0], end - tops[1]), gap, blocks)
        return _Layout(
            pixels=pixels,
            blocks=blocks,
            block_width=block_width,
            cells=cells,
            heights=heights,
            pages=pages,
            tops=tops,
            footer=footer,
        )

    def _cells(
        self, slide: CascadeSlide, font: QFont, bold: QFont, pixels: int, block: float
    ) -> tuple[float, ...]:
        """Each cell's width: the state and people cells as wide as their longest text, the
        two weeks' at most two fifths of what is left (it wraps), the unit's name the rest;
        a stacked slide's one text the whole width."""
        if slide.stacked:
            return (block,)
        gap = pixels * 0.6
        columns = [
            [row.state_text for row in slide.rows],
            *([[row.people for row in slide.rows]] if slide.people else []),
            [_time(row) for row in slide.rows],
        ]
        metrics = QFontMetricsF(bold)
        natural = [
            max((metrics.horizontalAdvance(text) for text in set(texts)), default=0.0) + 1
            for texts in columns
        ]
        room = block - gap * len(columns)
        fixed = sum(natural[:-1])
        natural[-1] = min(natural[-1], (room - fixed) * 0.4)
        return (room - sum(natural), *natural)

    def _row_height(
        self,
        slide: CascadeSlide,
        row: BoardRow,
        cells: tuple[float, ...],
        font: QFont,
        bold: QFont,
        pixels: int,
    ) -> float:
        texts = _cells_of(slide, row)
        mark = _time(row) if slide.stacked else ""
        key = (*texts, mark, row.depth, row.mark == RowMark.OVERDUE, cells, pixels, font.family())
        kept = self._cascade_heights
        if kept is None or len(kept) > HEIGHTS_KEPT:
            kept = self._cascade_heights = {}
        found = kept.get(key)
        if found is not None:
            return found
        tallest = 0.0
        wrapped = None
        for n, (text, cell) in enumerate(zip(texts, cells, strict=True)):
            shift = self._indent(slide, row, pixels) if n == 0 else 0.0
            used = bold if _strong(row, n, len(texts)) else font
            wrapped = wrap(text, used, cell - shift)
            tallest = max(tallest, wrapped.height(ROW_LINES))
        room = cells[0] - self._indent(slide, row, pixels)
        if mark and wrapped is not None and not _beside(wrapped, mark, font, pixels, room):
            shift = self._mark_indent(pixels)
            tallest += wrap(mark, font, room - shift).height(ROW_LINES)
        kept[key] = tallest
        return tallest


def _beside(text: Wrapped, mark: str, font: QFont, pixels: int, room: float) -> bool:
    """Whether a stacked row's mark fits at the right of its text's last line (a gap of a
    letter or two between them)."""
    shown = text.widths[: min(len(text.widths), ROW_LINES)]
    if not shown:
        return False
    said = wrap(mark, font, room)
    return len(said.lines) == 1 and shown[-1] + pixels * 1.5 + said.widths[0] <= room + 0.5


def _cells_of(slide: CascadeSlide, row: BoardRow) -> list[str]:
    if slide.stacked:
        return [row.name]
    return [row.name, row.state_text, *([row.people] if slide.people else []), _time(row)]

"""The projector showing the cascade board: the two weeks' count and every unit's row, overdue
units in red (a mixin of the window, shown while the board is open in the window).

Every text fits: the rows are drawn as large as lets all of them show at once, down to the
screen's floor; below that they go in columns side by side on a wide screen, then on pages
the facilitator turns (60 units: two or three pages at 1920x1080, six at 1024x768).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QPainter

from okrdesk.engine.cascade import CascadeState
from okrdesk.engine.cascade_words import BoardRow, RowMark
from okrdesk.ui.projector.colours import IN, MUTED, OVERTIME, TEXT, TIE
from okrdesk.ui.projector.painting import Painting
from okrdesk.ui.projector.text_fit import draw_text, paginate, sized, wrap

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
    heading: tuple[tuple[str, int, bool], ...]  # (text, pixels, bold)
    heading_height: float
    blocks: int  # columns of rows side by side
    block_width: float
    cells: tuple[float, ...]  # each cell's width in a row (name, state, [people], time)
    heights: tuple[float, ...]  # each row's height
    pages: tuple[tuple[tuple[int, int], ...], ...]  # per page: each block's rows [start, end)
    footer: float  # the page line's height (0 on one page)


class CascadePainting(Painting):
    """The board page: the count on top, then the rows in columns and pages."""

    cascade: CascadeSlide | None = None
    _cascade_kept: tuple[CascadeSlide, int, int, _Layout] | None = None

    def _paint_cascade(self, painter: QPainter, slide: CascadeSlide) -> None:
        layout = self._cascade_layout(slide)
        self.pages = len(layout.pages)
        self.page = min(self.page, self.pages - 1)
        unit = self.unit()
        left, y = unit, unit
        width = self.width() - 2 * unit
        for text, pixels, strong in layout.heading:
            painter.setPen(OVERDUE_TEXT if text == slide.countdown and slide.overdue else TEXT)
            if text in (slide.deadline, slide.totals):
                painter.setPen(MUTED)
            said = sized(self._font(1.0, bold=strong), pixels)
            y += draw_text(painter, QRectF(left, y, width, self.height()), text, said).height()
            y += pixels * 0.25
        top = unit + layout.heading_height
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
            draw_text(painter, rect, words, font)

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
        indent = self._indent(row, layout)
        texts = [row.name, row.state_text, *([row.people] if slide.people else []), row.time]
        colours = [
            TEXT,
            STATE_COLOURS[row.state],
            *([TEXT] if slide.people else []),
            MARK_COLOURS[row.mark],
        ]
        if overdue:
            colours = [TEXT] * len(texts)
        cell_x = x
        gap = layout.pixels * 0.6
        for n, (text, colour, cell) in enumerate(zip(texts, colours, layout.cells, strict=True)):
            shift = indent if n == 0 else 0.0
            painter.setPen(colour)
            strong = (n == 0 and row.depth <= 1) or (overdue and n == len(texts) - 1)
            draw_text(
                painter,
                QRectF(cell_x + shift, y, cell - shift, height),
                text,
                bold if strong else font,
                max_lines=ROW_LINES,
            )
            cell_x += cell + gap

    def _indent(self, row: BoardRow, layout: _Layout) -> float:
        return min(row.depth, 3) * layout.pixels * 0.8

    def _cascade_layout(self, slide: CascadeSlide) -> _Layout:
        kept = self._cascade_kept
        if kept is not None and kept[:3] == (slide, self.width(), self.height()):
            return kept[3]
        layout = self._lay_out_cascade(slide)
        self._cascade_kept = (slide, self.width(), self.height(), layout)
        return layout

    def _lay_out_cascade(self, slide: CascadeSlide) -> _Layout:
        unit, floor = self.unit(), self._floor()
        width = self.width() - 2 * unit
        heading: list[tuple[str, int, bool]] = [(slide.title, round(unit * 1.3), True)]
        heading += [(text, floor, False) for text in (slide.deadline, slide.countdown) if text]
        heading.append((slide.totals, floor, False))
        heading_height = unit * 0.5
        for text, pixels, bold in heading:
            wrapped = wrap(text, sized(self._font(1.0, bold=bold), pixels), width)
            heading_height += wrapped.height() + pixels * 0.25
        room = self.height() - unit - heading_height - unit * 0.5
        # Columns side by side only where each is still wide enough for a row's four cells.
        most = 2 if width >= 36 * floor else 1
        largest = round(floor * LARGEST)
        for pixels in range(largest, floor - 1, -max(1, floor // 8)):
            layout = self._try_cascade(slide, pixels, most, width, room, heading, heading_height)
            if len(layout.pages) == 1:
                return layout
        return self._try_cascade(slide, floor, most, width, room, heading, heading_height)

    def _try_cascade(
        self,
        slide: CascadeSlide,
        pixels: int,
        most: int,
        width: float,
        room: float,
        heading: list[tuple[str, int, bool]],
        heading_height: float,
    ) -> _Layout:
        """The rows at this size: in one column if they fit, else in ``most`` columns, and
        on pages with a line saying which page when even those are full."""
        unit = self.unit()
        font = sized(self._font(1.0), pixels)
        bold = sized(self._font(1.0, bold=True), pixels)
        best: _Layout | None = None
        for blocks in range(1, most + 1):
            block_width = (width - (blocks - 1) * unit) / blocks
            cells = self._cells(slide, font, bold, pixels, block_width)
            heights = tuple(
                self._row_height(slide, row, cells, font, bold, pixels) for row in slide.rows
            )
            gap = pixels * 0.25
            footer = 0.0
            columns = paginate(heights, room, gap)
            if len(columns) > blocks:  # pages: keep a line for "page 2 of 3" at the bottom
                footer = wrap(slide.page_words, font, width).height()
                columns = paginate(heights, room - footer - unit * 0.25, gap)
            pages = tuple(
                tuple(columns[start : start + blocks]) for start in range(0, len(columns), blocks)
            )
            best = _Layout(
                pixels=pixels,
                heading=tuple(heading),
                heading_height=heading_height,
                blocks=blocks,
                block_width=block_width,
                cells=cells,
                heights=heights,
                pages=pages,
                footer=footer,
            )
            if len(pages) == 1:
                return best
        assert best is not None
        return best

    def _cells(
        self, slide: CascadeSlide, font: QFont, bold: QFont, pixels: int, block: float
    ) -> tuple[float, ...]:
        """Each cell's width: the state, people and time cells as wide as their longest text
        (sharing at most three fifths of the row), the unit's name the rest."""
        gap = pixels * 0.6
        columns = [
            [row.state_text for row in slide.rows],
            *([[row.people for row in slide.rows]] if slide.people else []),
            [row.time for row in slide.rows],
        ]
        natural = [
            max((wrap(text, bold, 1e6).widths[0] for text in texts), default=0.0) + 1
            for texts in columns
        ]
        room = block - gap * len(columns)
        share = sum(natural)
        if share > room * 0.6:
            natural = [width * room * 0.6 / share for width in natural]
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
        texts = [row.name, row.state_text, *([row.people] if slide.people else []), row.time]
        tallest = 0.0
        for n, (text, cell) in enumerate(zip(texts, cells, strict=True)):
            shift = pixels * 0.8 * min(row.depth, 3) if n == 0 else 0.0
            wrapped = wrap(text, bold if n in (0, len(texts) - 1) else font, cell - shift)
            tallest = max(tallest, wrapped.height(ROW_LINES))
        return tallest

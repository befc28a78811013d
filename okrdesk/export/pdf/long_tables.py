"""Long tables laid out in time linear in their length.

reportlab's Table measures every row each time it is split at a page foot, and the rest
of a split table is a new Table that measures every remaining row again: a table of n rows
over p pages costs n x p (a 20,000-idea appendix took 51 s for 570 pages). A ``LongTable``
measures only about a page's worth of rows at a time: it builds a Table of the header and
the next chunk of rows, places what fits, and hands the remaining rows on, unmeasured.

Pagination rules kept on every split: the header row repeats at the top of each page; a
page never holds fewer than ``min_rows`` rows of the table and never leaves fewer than
``min_rows`` for the next page (unless the table is that short); a row marked "keep with
next" (a group heading) never ends a page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.paragraph import cleanBlockQuotedText

from okrdesk.export.pdf.document import Styles, para, table

# What a chunk is built from: the header row then body rows (their cells made once, see
# Cells); the table style commands for those rows, in the chunk's own row numbers.
Row = Sequence[object]
Command = tuple[Any, ...]
BuildTable = Callable[[list[Row], list[Command]], Table]
MakeRow = Callable[[Row], Row]

FIRST_CHUNK = 48  # rows measured at first; later chunks follow what the last page held
# Taller than any page: a part asked how tall it is in more room than this (KeepTogether
# asks in 0xfffffff points) measures rows up to this height only and says "at least this".
TALLER_THAN_A_PAGE = 1500.0
MIN_ROWS = 3


def shift_commands(commands: Sequence[Command], start: int, stop: int) -> list[Command]:
    """The commands of body rows start..stop-1 (table rows start+1..stop: row 0 is the
    header), renumbered for a table of the header and those rows.

    A command over every row ((c, 0) to (c, -1)) or over the header alone applies to every
    chunk; one over particular body rows applies where they are, cut to the chunk.
    """
    shifted: list[Command] = []
    for command in commands:
        name, (c0, r0), (c1, r1), *rest = command
        if r1 < 0 or r0 == r1 == 0:  # every row (to the end), or the header
            shifted.append(command)
            continue
        first, last = max(r0, start + 1), min(r1, stop)
        if first > last:
            continue
        shifted.append((name, (c0, first - start), (c1, last - start), *rest))
    return shifted


def size(table: Table) -> tuple[float, float]:
    """The width and height a wrapped Table found (reportlab keeps them private)."""
    found = vars(table)
    return float(found["_width"]), float(found["_height"])


def row_heights(table: Table) -> list[float | None]:
    """A wrapped Table's row heights, header first (None: a row not measured)."""
    return list(vars(table)["_rowHeights"])


class Cells:
    """The body rows' cells, made (e.g. parsed into Paragraphs) the first time a chunk needs
    them, and their heights once measured, shared by every part of the table: each row is
    made once and measured once (at one width) however many chunks it is part of."""

    def __init__(self, rows: Sequence[Row], make: MakeRow | None) -> None:
        self.rows = rows
        self.make = make
        self.made: list[Row | None] = [None] * len(rows) if make is not None else []
        self.width: float | None = None  # the width the heights were measured at
        self.heights: dict[int, float] = {}  # body row index -> height; -1: the header

    def known_heights(self, width: float, start: int, stop: int) -> list[float | None]:
        """The header's and rows start..stop-1's heights where measured (None: not yet)."""
        if width != self.width:
            self.width, self.heights = width, {}
        get = self.heights.get
        return [get(-1), *(get(index) for index in range(start, stop))]

    def remember(self, start: int, heights: Sequence[float | None]) -> None:
        """Heights measured by a chunk's table (header first), for the chunks after it."""
        for index, height in enumerate(heights, start=start - 1):
            if height is not None:
                self.heights[-1 if index == start - 1 else index] = height

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, start: int, stop: int) -> list[Row]:
        if self.make is None:
            return list(self.rows[start:stop])
        made = self.made
        for index in range(start, stop):
            if made[index] is None:
                made[index] = self.make(self.rows[index])
        return [row for row in made[start:stop] if row is not None]


class WrappedOnce(Flowable):
    """A cell that lays its content out once for its width: a row is measured, then drawn,
    at the same width, and a Paragraph would break its lines anew for each."""

    def __init__(self, content: Flowable) -> None:
        super().__init__()
        self.content = content
        self._wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._wrapped is None or self._wrapped[0] != availWidth:
            self._wrapped = (availWidth, self.content.wrap(availWidth, availHeight))
        self.width, self.height = self._wrapped[1]
        return self._wrapped[1]

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        return float(self.content.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802 (reportlab's name)
        return float(self.content.getSpaceAfter())

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return list(self.content.split(availWidth, availHeight))

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        # Drawn as its content, where the table puts it: no state saved twice a cell.
        self.content.drawOn(canvas, x, y)  # a cell is as wide as its column: no shift

    def draw(self) -> None:
        self.content.drawOn(self.canv, 0, 0)


class LongTable(Flowable):
    """A table of many rows, laid out a page at a time (see the module's docstring).

    ``header`` is the row repeated on every page; ``rows`` the body; ``build`` makes a
    reportlab Table of a header and some rows with their style commands (so a long table
    looks exactly like a short one made by the same function); ``commands`` are style
    commands in the whole table's row numbers (header = 0); ``keep_with_next`` the body
    row indices (0-based) that must not end a page; ``make`` turns a row of values into
    its cells (Paragraphs), once, when a chunk first needs it.
    """

    def __init__(
        self,
        header: Row,
        rows: Sequence[Row] | Cells,
        build: BuildTable,
        *,
        make: MakeRow | None = None,
        commands: Sequence[Command] = (),
        keep_with_next: frozenset[int] = frozenset(),
        min_rows: int = MIN_ROWS,
        chunk: int = FIRST_CHUNK,
        _offset: int = 0,
    ) -> None:
        super().__init__()
        self.header = header
        self.cells = rows if isinstance(rows, Cells) else Cells(rows, make)
        self.build = build
        self.commands = tuple(commands)
        self.keep_with_next = keep_with_next
        self.min_rows = min_rows
        self.chunk = max(chunk, 2 * min_rows)
        self._offset = _offset  # this part's first row in the whole table's body
        self._table: Table | None = None
        self._measured: tuple[float, float] | None = None
        self._taken = 0  # rows in self._table
        self.tables_built = 0  # how many reportlab Tables this part measured (for tests)

    @property
    def remaining(self) -> int:
        """How many body rows this part still holds."""
        return len(self.cells) - self._offset

    # What a chunk is
    def _chunk_table(self, count: int, width: float) -> Table:
        """A Table of the header and this part's next count rows; rows measured before (by
        an earlier chunk at this width) keep their height and are not measured again."""
        start = self._offset
        stop = start + count
        self.tables_built += 1
        table = self.build(
            [self.header, *self.cells.get(start, stop)], shift_commands(self.commands, start, stop)
        )
        heights = self.cells.known_heights(width, start, stop)
        vars(table).update(_argH=heights, _rowHeights=heights)  # None: to be measured
        return table

    def _wrapped(self, count: int, width: float, height: float) -> Table:
        table = self._chunk_table(count, width)
        table.wrap(width, height)
        self.cells.remember(self._offset, row_heights(table))
        return table

    def _measure(self, width: float, height: float) -> Table:
        """A Table of the header and enough rows to fill the height (or all of them)."""
        if self._table is not None and self._measured == (width, height):
            return self._table
        count = min(self.remaining, self.chunk)
        room = min(height, TALLER_THAN_A_PAGE)
        while True:
            table = self._wrapped(count, width, room)
            if size(table)[1] > room or count == self.remaining:
                break
            count = min(self.remaining, count * 2)
        self._table, self._measured, self._taken = table, (width, height), count
        return table

    def start_height(self, width: float, rows: int) -> float:
        """The height of the header and the first ``rows`` body rows at this width (what
        document.KeepStart keeps a heading with)."""
        return size(self._wrapped(min(rows, self.remaining), width, TALLER_THAN_A_PAGE))[1]

    def _start_too_tall(self, width: float, height: float) -> float | None:
        """The height of the header and the first rows a page must hold, when they were
        measured before (by the chunk of the page before) and do not fit the height: then
        no table is built to learn that the part goes on with the next page."""
        start = self._offset
        known = self.cells.known_heights(width, start, start + min(self.min_rows, self.remaining))
        if any(height is None for height in known):
            return None
        needed = sum(height or 0.0 for height in known)
        return needed if needed > height + 1e-6 else None

    # Flowable
    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # A part that does not fit says so with the height of its first chunk (more than
        # the height offered), so the frame asks it to split: its true height is never
        # needed, and measuring it is what made long tables slow.
        too_tall = self._start_too_tall(availWidth, availHeight)
        if too_tall is not None:  # at a page foot: at least this tall, more than there is
            self.width, self.height = availWidth, too_tall
            return self.width, self.height
        table = self._measure(availWidth, availHeight)
        self.width, self.height = size(table)
        return self.width, self.height

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        assert self._table is not None and self._taken == self.remaining
        self._table.drawOn(canvas, x, y)  # the table's own alignment (left)

    def draw(self) -> None:  # drawOn draws the chunk; nothing else to draw
        return None

    def _fitting(self, table: Table, height: float) -> int:
        """How many body rows of the measured chunk fit the height under the header."""
        heights = row_heights(table)  # None past the rows measured (longTableOptimize)
        used, count = heights[0] or 0.0, 0
        for row_height in heights[1:]:
            if row_height is None:
                break
            used += row_height
            if used > height + 1e-6:
                break
            count += 1
        return count

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        frame = getattr(self, "_frame", None)  # set by the frame while it asks to split
        at_top = frame is not None and bool(frame._atTop)
        if not at_top and self._start_too_tall(availWidth, availHeight) is not None:
            return []  # too little room here: the table goes on with the next page
        table = self._measure(availWidth, availHeight)
        total = self.remaining
        if self._taken == total and size(table)[1] <= availHeight:
            return [table]
        count = self._fitting(table, availHeight)
        if total - count < self.min_rows:  # leave the next page a few rows, not one
            count = total - self.min_rows
        while count > 0 and (self._offset + count - 1) in self.keep_with_next:
            count -= 1  # a group heading goes over with its first row
        if count < min(self.min_rows, total):
            if not at_top:
                return []  # too little room here: the table goes on with the next page
            # At the top of a page rows this tall are all there is room for.
            count = max(count, self._fitting(table, availHeight))
            if count == 0:  # a row taller than the page splits inside itself
                return self._split_inside(table, availWidth, availHeight)
        # The rows placed here were measured already: their table is not measured again.
        first = self._chunk_table(count, availWidth)
        return [first, self._rest(count, chunk=count + max(8, count // 4))]

    def _rest(self, taken: int, chunk: int) -> LongTable:
        """The rows after the first ``taken``, as a LongTable of their own."""
        rest = LongTable(
            self.header,
            self.cells,
            self.build,
            commands=self.commands,
            keep_with_next=self.keep_with_next,
            min_rows=self.min_rows,
            chunk=chunk,
            _offset=self._offset + taken,
        )
        rest.tables_built = self.tables_built
        return rest

    def _split_inside(self, table: Table, width: float, height: float) -> list[Flowable]:
        # reportlab splits only a row it measures itself (not one of a fixed height).
        start, stop = self._offset, self._offset + self._taken
        table = self.build(
            [self.header, *self.cells.get(start, stop)], shift_commands(self.commands, start, stop)
        )
        table.wrap(width, height)
        parts: list[Flowable] = list(table.split(width, height))
        if not parts or self._taken == self.remaining:
            return parts
        return [*parts, self._rest(self._taken, self.chunk)]


def long_table(
    rows: Sequence[Row],
    widths: list[float],
    styles: Styles,
    *,
    extra: Sequence[Command] = (),
    keep_with_next: frozenset[int] = frozenset(),
) -> LongTable:
    """document.table's look (header row first) for a table of any length.

    ``extra`` style commands use the whole table's row numbers (header = 0);
    ``keep_with_next`` holds body row indices (0-based) that must not end a page.
    """

    def build(chunk: list[Row], commands: list[Command]) -> Table:
        return table(chunk, widths, styles, extra=commands)

    def make(row: Row) -> Row:
        return [
            WrappedOnce(cell if isinstance(cell, Flowable) else plain_para(cell, styles.cell))
            for cell in row
        ]

    header = make_header(rows[0], styles)
    return LongTable(
        header, rows[1:], build, make=make, commands=extra, keep_with_next=keep_with_next
    )


def plain_para(value: object, style: ParagraphStyle) -> Paragraph:
    """document.para's paragraph of plain text, made without parsing it as markup: its
    one fragment is a copy of the style's with the text (whitespace collapsed as the parser
    does). Text with a line break, or none, is made by document.para."""
    words = str(value)
    if "\n" in words or not words.strip():
        return para(value, style)
    known = _templates.get(id(style))
    if known is None or known[0] is not style:
        made = para("x", style)  # the class and the fragment document.para makes for it
        known = _templates[id(style)] = (style, type(made), made.frags[0])
    _style, kind, template = known
    return kind(words, style, frags=[template.clone(text=cleanBlockQuotedText(words))])


# By style (kept alive with them): the paragraph class and the fragment document.para makes.
_templates: dict[int, tuple[ParagraphStyle, type[Paragraph], Any]] = {}


def make_header(row: Row, styles: Styles) -> Row:
    return [cell if isinstance(cell, Flowable) else para(cell, styles.head) for cell in row]

"""The import preview's table: a file's first rows, its header row naming the columns."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

from okrdesk.engine.importer import cell_text
from okrdesk.engine.source_limits import column_letter
from okrdesk.ui.plain_label import plain_tip

PREVIEW_ROWS = 12  # rows below the header
# A survey export's question columns come after the tool's own (Wenjuanxing's are 7th on).
PREVIEW_COLUMNS = 20
CELL_CHARS = 300  # of a cell's text shown in the table (its tooltip holds more)
TOOLTIP_CHARS = 2000
CELL_LINES = 4  # a row grows to show wrapped text up to this many lines, then elides
ROW_PADDING = 8  # pixels above and below a row's text, together
MIN_COLUMN = 72  # pixels
# The chosen columns' backgrounds: ideas (blue), authors (green), departments (amber).
ROLE_TINTS = ("#dbeafe", "#dcfce7", "#fef3c7")
# Once the ideas' column is chosen, the columns not imported (a survey's times, numbers and
# addresses) take at most this width, leaving the room to what is imported.
QUIET_COLUMN = 56  # pixels


def share_width(natural: Sequence[int], available: int, minimum: int) -> list[int]:
    """Column widths that fit the available width: narrow columns keep their natural width,
    the wider ones share what is left equally (never below the minimum)."""
    widths = [max(width, minimum) for width in natural]
    if sum(widths) <= available:
        return widths
    shared = list(widths)
    left, remaining = available, len(widths)
    for column in sorted(range(len(widths)), key=widths.__getitem__):
        share = max(left // remaining, minimum)
        shared[column] = min(widths[column], share)
        left -= shared[column]
        remaining -= 1
    return shared


class PreviewTable(QTableWidget):
    """The file's first row names the columns; the rows below are numbered as in the file.

    Columns share the width (narrow ones keep theirs), long text wraps over a few lines and
    is elided beyond them; a cell's tooltip holds its text.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        bold = header.font()
        bold.setBold(True)
        header.setFont(bold)
        self.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.chosen: tuple[int | None, ...] = ()  # the ideas', authors' and departments' columns

    def show_rows(self, rows: Sequence[Sequence[Any]], header_row: int = 0) -> None:
        """The header row names the columns, the rows below it follow, numbered as in the
        file (a survey's title above the header is not shown)."""
        shown = rows[header_row : header_row + PREVIEW_ROWS + 1]
        count = min(PREVIEW_COLUMNS, max((len(row) for row in shown), default=0))
        names = [cell_text(cell).strip() for cell in (shown[0] if shown else [])]
        body = shown[1:]
        self.clear()
        self.chosen = ()
        self.setColumnCount(count)
        self.setRowCount(len(body))
        for column in range(count):
            letter = column_letter(column + 1)
            name = names[column] if column < len(names) and names[column] else letter
            item = QTableWidgetItem(name)
            item.setToolTip(filled(self.tr("Column %1"), letter))
            self.setHorizontalHeaderItem(column, item)
        first = header_row + 2
        self.setVerticalHeaderLabels([str(number) for number in range(first, len(body) + first)])
        for r, row in enumerate(body):
            for c, value in enumerate(row[:count]):
                text = cell_text(value)
                item = QTableWidgetItem(_shortened(text, CELL_CHARS))
                if text.strip():
                    item.setToolTip(plain_tip(_shortened(text, TOOLTIP_CHARS)))
                self.setItem(r, c, item)
        self.fit()

    def mark_columns(self, *columns: int | None) -> None:
        """Tint the chosen columns (ideas, authors, departments), each in its own colour."""
        tints = [QColor(tint) for tint in ROLE_TINTS]
        self.chosen = columns
        chosen = {column: tints[role] for role, column in enumerate(columns) if column is not None}
        for column in range(self.columnCount()):
            tint = chosen.get(column)
            for row in range(self.rowCount()):
                item = self.item(row, column)
                if item is not None:
                    item.setBackground(tint if tint is not None else QBrush())
        self.fit()
        idea = columns[0] if columns else None
        if idea is not None and idea < self.columnCount() and self.rowCount():
            self.scrollTo(self.model().index(0, idea))  # the ideas in view, past a survey's own

    def column_names(self) -> list[str]:
        headers = (self.horizontalHeaderItem(c) for c in range(self.columnCount()))
        return ["" if header is None else header.text() for header in headers]

    def natural_widths(self) -> list[int]:
        header = self.horizontalHeader()
        return [
            max(self.sizeHintForColumn(c), header.sectionSizeHint(c))
            for c in range(self.columnCount())
        ]

    def quiet_columns(self) -> list[int]:
        """The columns not imported, once the ideas' column is chosen (none while choosing)."""
        if not self.chosen or self.chosen[0] is None:
            return []
        return [column for column in range(self.columnCount()) if column not in self.chosen]

    def fit(self) -> None:
        """Share the width between the columns, then give each row the lines it needs."""
        available = (
            self.width()
            - 2 * self.frameWidth()
            - self.verticalHeader().sizeHint().width()
            - self.verticalScrollBar().sizeHint().width()
        )
        natural = self.natural_widths()
        quiet = self.quiet_columns()
        loud = [column for column in range(len(natural)) if column not in quiet]
        for column in quiet:
            self.setColumnWidth(column, min(natural[column], QUIET_COLUMN))
        left = available - sum(min(natural[column], QUIET_COLUMN) for column in quiet)
        shared = share_width([natural[column] for column in loud], left, MIN_COLUMN)
        for column, width in zip(loud, shared, strict=True):
            self.setColumnWidth(column, width)
        tallest = self.lines_height(CELL_LINES) + ROW_PADDING
        shortest = self.verticalHeader().defaultSectionSize()
        for row in range(self.rowCount()):
            needed = self.sizeHintForRow(row) + ROW_PADDING
            self.setRowHeight(row, max(shortest, min(needed, tallest)))

    def lines_height(self, lines: int) -> int:
        """The height of so many lines of text (Chinese lines are taller than Latin ones)."""
        sample = "\n".join(["Ag中"] * lines)
        area = QRect(0, 0, 10_000, 10_000)
        return self.fontMetrics().boundingRect(area, Qt.TextFlag.TextWordWrap, sample).height() + 2

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()


def filled(template: str, *values: str) -> str:
    """The translated template with %1, %2, … replaced in one pass (a file name may hold "%2")."""
    return re.sub(r"%(\d)", lambda match: values[int(match.group(1)) - 1], template)


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

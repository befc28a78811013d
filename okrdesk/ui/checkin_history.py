"""A key result's check-ins as the progress review lists them: when, the value, the
confidence, the comment, newest first.

The list follows the facilitator from key result to key result, once per check-in, so it is
drawn by hand rather than by an item view: its columns have a fixed width (set from the
font, not measured against every row on each change), its rows one height, and showing
another key result's history repaints the list's own rectangle and nothing else. An item
view under the window's style sheet took several milliseconds to show a dozen rows, a third
of the review's frame.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolTip, QWidget

from okrdesk.ui.plain_label import plain_tip

Row = tuple[str, str, str, str]  # when, the value, the confidence, the comment
# What each fixed column holds whole (a value longer still is elided, and whole in its tip).
WIDEST = ("8888-88-88 88:88", "888888.8 %", "10")
PAD = 6  # pixels either side of a cell's text
DIGITS = "0123456789"  # a font's digits need not be of one width
KEPT_TEXTS = 4096  # laid-out cell texts kept (then laid out afresh)


class CheckInHistory(QAbstractScrollArea):
    """The list of a key result's check-ins in the review's form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self.headers: list[str] = ["", "", "", ""]
        self.widths: list[int] = [0, 0, 0]  # the fixed columns'; the comment takes the rest
        self._usual: list[int] = [0, 0, 0]  # their widths for the usual values
        self.current: int | None = None  # the row the keyboard is on (to copy it)
        self._laid: dict[tuple[str, int, bool], QStaticText] = {}  # by text, room, bold
        # One key result has a screenful of check-ins, the next not: a scroll bar coming and
        # going would change the list's width each time.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Tab reaches it after the form: arrows and pages move through it, Ctrl+C copies a row.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        viewport = self.viewport()
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
        viewport.setAutoFillBackground(True)
        self.name_columns(self.headers)

    # What it shows
    def show_rows(self, rows: Sequence[Row]) -> None:
        """Show ``rows`` (newest first), from the top."""
        rows = list(rows)
        if rows == self.rows:
            return
        self.rows = rows
        self.current = 0 if rows else None
        self._fit_values()
        self._range()
        self.verticalScrollBar().setValue(0)
        self.viewport().update()
        self._describe()

    def _fit_values(self) -> None:
        """The value column as wide as the widest value shown (a number is never cut)."""
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(row[1]) for row in self.rows), default=0)
        self.widths[1] = max(self._usual[1], widest + 2 * PAD + 2)

    def _describe(self) -> None:
        """For a screen reader: each check-in on a line, each value after its column's name."""
        self.setAccessibleDescription(
            "\n".join(
                "; ".join(
                    f"{name}: {text}" for name, text in zip(self.headers, row, strict=True) if text
                )
                for row in self.rows
            )
        )

    def name_columns(self, headers: Sequence[str]) -> None:
        """The columns' names, in the user's language; the fixed columns sized to hold their
        name and their widest usual value."""
        self.headers = list(headers)
        values, titles = self.fontMetrics(), self._header_font_metrics()
        self._usual = [
            max(
                *(values.horizontalAdvance(widest.replace("8", digit)) for digit in DIGITS),
                titles.horizontalAdvance(self.headers[column]),
            )
            + 2 * PAD
            + 2  # a pixel's rounding either side: a text that fits is never elided
            for column, widest in enumerate(WIDEST)
        ]
        self.widths = list(self._usual)
        self._fit_values()
        self._describe()
        self.viewport().update()

    def texts(self) -> list[Row]:
        """What the list shows, row by row."""
        return list(self.rows)

    # Geometry
    def _line(self) -> int:
        return self.fontMetrics().height() + 6

    def _header_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _header_font_metrics(self) -> QFontMetrics:
        return QFontMetrics(self._header_font())

    def _visible(self) -> int:
        """How many rows fit under the header."""
        return max(0, (self.viewport().height() - self._line()) // self._line())

    def _range(self) -> None:
        self.verticalScrollBar().setRange(0, max(0, len(self.rows) - self._visible()))
        self.verticalScrollBar().setPageStep(max(1, self._visible()))

    def _cells(self, top: int) -> list[QRect]:
        """The four cells of a row whose top is ``top`` (from the right in a right-to-left
        language)."""
        x, cells, full = 0, [], self.viewport().width()
        for width in self.widths:
            cells.append(QRect(x, top, width, self._line()))
            x += width
        cells.append(QRect(x, top, max(0, full - x), self._line()))
        if self.isRightToLeft():
            return [
                QRect(full - cell.right() - 1, top, cell.width(), cell.height()) for cell in cells
            ]
        return cells

    def _row_at(self, point: QPoint) -> int | None:
        line = self._line()
        if point.y() < line:
            return None
        row = (point.y() - line) // line + self.verticalScrollBar().value()
        return row if row < len(self.rows) else None

    # Qt
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._range()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._laid.clear()
            self.name_columns(self.headers)
            self._range()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_current()
            return
        moves = {
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_PageUp: -max(1, self._visible()),
            Qt.Key.Key_PageDown: max(1, self._visible()),
            Qt.Key.Key_Home: -len(self.rows),
            Qt.Key.Key_End: len(self.rows),
        }
        by = moves.get(Qt.Key(event.key()))
        if by is None or not self.rows:
            super().keyPressEvent(event)
            return
        self.go_to((self.current or 0) + by)

    def go_to(self, row: int) -> None:
        """The keyboard onto this row (kept within the list), scrolled into sight."""
        if not self.rows:
            return
        self.current = max(0, min(row, len(self.rows) - 1))
        bar = self.verticalScrollBar()
        if self.current < bar.value():
            bar.setValue(self.current)
        elif self.current >= bar.value() + self._visible():
            bar.setValue(self.current - self._visible() + 1)
        self.viewport().update()

    def copy_current(self) -> None:
        """The current check-in to the clipboard, its four values separated by tabs."""
        if self.current is not None and self.current < len(self.rows):
            QApplication.clipboard().setText("\t".join(self.rows[self.current]))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        row = self._row_at(event.position().toPoint())
        if row is None:
            super().mousePressEvent(event)
            return
        self.go_to(row)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()  # the press chose the row

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()  # the current row shows it has the keyboard

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def tip_at(self, point: QPoint) -> str | None:
        """The whole text of the cell at ``point`` of the list, as typed (None: no cell)."""
        row = self._row_at(point)
        if row is None:
            return None
        for cell, text in zip(self._cells(0), self.rows[row], strict=True):
            if cell.left() <= point.x() <= cell.right():
                return plain_tip(text) if text else None
        return None

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            tip = self.tip_at(event.pos())
            if tip is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            return True
        return super().viewportEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        palette = self.palette()
        line = self._line()
        # The header: the columns' names on the window's colour, a rule under them.
        painter.fillRect(QRect(0, 0, self.viewport().width(), line), palette.window())
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, line - 1, self.viewport().width(), line - 1)
        painter.setFont(self._header_font())
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        self._draw_row(painter, self.headers, 0)
        painter.setFont(self.font())
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        first = self.verticalScrollBar().value()
        for shown, row in enumerate(self.rows[first : first + self._visible() + 1]):
            top = line * (shown + 1)
            band = QRect(0, top, self.viewport().width(), line)
            if not event.rect().intersects(band):
                continue
            if self.hasFocus() and first + shown == self.current:
                painter.fillRect(band, palette.highlight())
                painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
                self._draw_row(painter, row, top)
                painter.setPen(palette.color(QPalette.ColorRole.Text))
            else:
                self._draw_row(painter, row, top)
        painter.end()

    def _draw_row(self, painter: QPainter, texts: Sequence[str], top: int) -> None:
        """One row's cells, each text on one line, cut short with "…" where it does not fit
        (its layout kept: the same key results' rows come round again and again)."""
        font = painter.font()
        bold = font.bold()
        metrics = painter.fontMetrics()
        baseline = top + (self._line() - metrics.height()) // 2
        for cell, text in zip(self._cells(top), texts, strict=True):
            room = cell.width() - 2 * PAD
            if not text or room <= 0:
                continue
            key = (text, room, bold)
            laid = self._laid.get(key)
            if laid is None:
                if len(self._laid) > KEPT_TEXTS:
                    self._laid.clear()
                shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
                laid = self._laid[key] = QStaticText(shown)
                laid.setTextFormat(Qt.TextFormat.PlainText)
                laid.prepare(QTransform(), font)
            if self.isRightToLeft():
                x = cell.right() + 1 - PAD - round(laid.size().width())
            else:
                x = cell.left() + PAD
            painter.drawStaticText(x, baseline, laid)

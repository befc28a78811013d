"""Tally mode: the room voted with sticker dots on paper; the facilitator types the counts."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine import ops
from okrdesk.engine.ballot_view import paper_tally_view
from okrdesk.ui.pages.ballot_booth import cell, read_only_item
from okrdesk.ui.plain_label import PlainLabel
from okrdesk.ui.session import PlanSession


class TallyEntry(QWidget):
    """Select a row and type the number (Enter), or press + and −."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.workshop_id: int | None = None
        self.hint = PlainLabel()
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.itemChanged.connect(self._typed)
        for key, step in (("+", 1), ("=", 1), ("-", -1)):
            action = QAction(self.table)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _checked=False, s=step: self.step(s))
            self.table.addAction(action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        self._loading = False
        self._stale = False  # hidden behind the booth's tab: read when shown
        self.retranslate()

    def retranslate(self) -> None:
        self.hint.setText(
            self.tr(
                "Counted sticker dots: select an objective and type the number, or press + and −."
            )
        )
        self.table.setHorizontalHeaderLabels([self.tr("Objective"), self.tr("Paper dots")])
        self.table.setAccessibleName(self.tr("Paper dots per objective"))

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale and not self.session.closed:
            self.load(self.workshop_id)
        super().showEvent(event)

    def load(self, workshop_id: int | None) -> None:
        """Show the open round's paper counts (at once if on screen, else when shown)."""
        self.workshop_id = workshop_id
        self._stale = not self.isVisible()
        if self._stale:
            return
        view = None if workshop_id is None else self.session.view(paper_tally_view, workshop_id)
        rows = [] if view is None else [(r.objective_id, r.title, r.count) for r in view.rows]
        self._loading = True
        try:
            same = [
                cell(self.table, r, 0).data(Qt.ItemDataRole.UserRole)
                for r in range(self.table.rowCount())
            ]
            if same == [oid for oid, _, _ in rows]:
                # Same objectives: change the numbers in place (an editor may be committing).
                for index, (_oid, _title, count) in enumerate(rows):
                    if cell(self.table, index, 1).text() != str(count):
                        cell(self.table, index, 1).setText(str(count))
                return
            current_row = max(self.table.currentRow(), 0)
            self.table.setRowCount(0)
            for index, (oid, title, count) in enumerate(rows):
                self.table.insertRow(index)
                self.table.setItem(index, 0, read_only_item(title, oid))
                number = QTableWidgetItem(str(count))
                number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(index, 1, number)
            self.table.setCurrentCell(min(current_row, max(len(rows) - 1, 0)), 1)
        finally:
            self._loading = False

    def _count(self, row: int) -> int:
        try:
            return int(cell(self.table, row, 1).text())
        except ValueError:
            return -1

    def _set(self, row: int, count: int) -> None:
        if self.workshop_id is None:
            return
        objective = cell(self.table, row, 0).data(Qt.ItemDataRole.UserRole)
        if self.session.run(ops.SetPaperTally(self.workshop_id, objective, count)) is None:
            QTimer.singleShot(0, lambda: self.load(self.workshop_id))

    def _typed(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() != 1:
            return
        text = item.text().strip()
        if not text.isdigit():
            self.session.refused.emit(self.tr("Type a whole number of dots, such as 7."))
            # Put the stored number back once the editor has finished with the cell.
            QTimer.singleShot(0, lambda: self.load(self.workshop_id))
            return
        self._set(item.row(), int(text))

    def step(self, change: int) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self._set(row, max(0, self._count(row) + change))

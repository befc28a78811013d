"""Select: take the vote's result (or decide otherwise) and refine the chosen OKRs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from okrdesk.engine import ops
from okrdesk.engine.objective_tree import selection_rows
from okrdesk.engine.vote_result import seat_words
from okrdesk.ui.pages.ballot_booth import read_only_item
from okrdesk.ui.pages.base import PhasePage
from okrdesk.ui.rationale_field import RationaleField
from okrdesk.ui.session import PlanSession


class SelectPage(PhasePage):
    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.apply_button = QPushButton()
        self.apply_button.setObjectName("primary")
        self.apply_button.clicked.connect(
            lambda: (
                self.workshop_id is not None
                and self.session.run(ops.ApplySelection(self.workshop_id))
            )
        )
        row = QHBoxLayout()
        row.addWidget(self.apply_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.table = QTableWidget(0, 5)
        self.table.verticalHeader().hide()
        # Nothing cut off with "…": the short columns take what their words need (the
        # vote's "TIED at the cut-off" included), the objective the rest, wrapping within it.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setObjectName("selectTable")
        # Room around each word, so the fitted columns do not read as cramped.
        self.table.setStyleSheet(
            "QTableWidget#selectTable::item { padding: 2px 6px; }"
            " QTableWidget#selectTable QHeaderView::section { padding: 2px 6px; }"
        )
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._toggled)
        # Tab leaves the table (to "Select by vote", the next phase); arrows move in it.
        self.table.setTabKeyNavigation(False)
        self.layout_.addWidget(self.table, 1)
        # The why of the objective on the current row, said at the all-hands.
        self.why = RationaleField(session)
        self.layout_.addWidget(self.why)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_why(row))
        self._loading = False
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Select the workshop's OKRs"))
        self.hint.setText(
            self.tr(
                "Take the vote's result, or tick objectives by hand: the room may decide "
                "otherwise and the decision is kept. 3–5 objectives with 2–5 key results each "
                "is the rule of thumb. Refine key results on the Group page."
            )
        )
        self.apply_button.setText(self.tr("Select by vote"))
        self.table.setAccessibleName(self.tr("Candidate objectives; tick the selected ones"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Selected"),
                self.tr("Objective"),
                self.tr("Dots"),
                self.tr("Vote"),
                self.tr("Key results"),
            ]
        )
        # The vote column speaks the language too: read again now, or when next shown.
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def reload(self) -> None:
        if self.workshop_id is None:
            return
        self._loading = True
        row_before = self.table.currentRow()
        rows = self.session.view(selection_rows, self.workshop_id)
        revealed = any(row.dots is not None for row in rows)
        self.table.setRowCount(0)
        for at, objective in enumerate(rows):
            self.table.insertRow(at)
            check = QTableWidgetItem()
            check.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsSelectable
            )
            check.setCheckState(
                Qt.CheckState.Checked if objective.selected else Qt.CheckState.Unchecked
            )
            check.setData(Qt.ItemDataRole.UserRole, objective.id)
            self.table.setItem(at, 0, check)
            self.table.setItem(at, 1, read_only_item(objective.title))
            # A revealed vote shows each objective's dots (none: blank); before it, a dash.
            dots = "–" if not revealed else str(objective.dots or "")
            self.table.setItem(at, 2, read_only_item(dots))
            # Where the vote left it: above the cut-off, won the run-off, chosen by decision...
            seat = (
                "" if objective.seat is None else seat_words(objective.seat, self.session.language)
            )
            self.table.setItem(at, 3, read_only_item(seat))
            self.table.setItem(at, 4, read_only_item(str(objective.key_results)))
        if row_before >= 0 and self.table.rowCount():
            self.table.setCurrentCell(min(row_before, self.table.rowCount() - 1), 0)
        self._loading = False
        self._show_why(self.table.currentRow())

    def _show_why(self, row: int) -> None:
        item = self.table.item(row, 0) if row >= 0 else None
        self.why.set_objective(None if item is None else item.data(Qt.ItemDataRole.UserRole))

    def _toggled(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() != 0:
            return
        selected = item.checkState() == Qt.CheckState.Checked
        if (
            self.session.run(
                ops.SetObjectiveSelected(item.data(Qt.ItemDataRole.UserRole), selected)
            )
            is None
        ):
            self.reload()

    def focus_default(self) -> None:
        self.table.setFocus()

"""The why of an objective, written where the room chooses it (Select) or signs it (Sign-off):
said on the objective's slide at the all-hands."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from okrdesk.engine.allhands_view import ObjectiveWhy, objective_why
from okrdesk.engine.aspects import Aspect
from okrdesk.engine.changes import Change
from okrdesk.engine.rationale_ops import SetRationale
from okrdesk.ui.plain_label import PlainLabel
from okrdesk.ui.session import PlanSession


class RationaleField(QWidget):
    """A box for the why of the objective chosen on the page, saved as an undo step."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.objective_id: int | None = None
        self.shown: ObjectiveWhy | None = None
        self._stale = False  # changed while hidden: read when shown
        self.label = PlainLabel()
        self.label.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(self.text.fontMetrics().lineSpacing() * 5)
        self.save = QPushButton()
        self.save.clicked.connect(self.save_rationale)
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(row)
        session.changed.connect(self._changed)
        self.retranslate()
        self.set_objective(None)

    def set_objective(self, objective_id: int | None) -> None:
        """Show the why of this objective (None: no objective chosen)."""
        self.objective_id = objective_id
        self.read()

    def read(self) -> None:
        if not self.isVisible() and self.objective_id is not None:
            self._stale = True  # a hidden page reads nothing until it is shown
            return
        self._stale = False
        found = None
        if self.objective_id is not None and not self.session.closed:
            found = self.session.view(objective_why, self.objective_id)
        self.shown = found
        self.text.setPlainText("" if found is None else found.rationale)
        self.text.setEnabled(found is not None and found.editable)
        self.save.setEnabled(found is not None and found.editable)
        self._retranslate_label()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.read()

    def _changed(self, change: Change) -> None:
        if self.objective_id is not None and self.objective_id in change.ids(Aspect.OBJECTIVES):
            self.read()

    def save_rationale(self) -> None:
        if self.objective_id is not None:
            self.session.run(SetRationale(self.objective_id, self.text.toPlainText()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.save.setText(self.tr("Save the Why"))
        self.text.setPlaceholderText(
            self.tr("Why the room chose it: said on its slide at the all-hands")
        )
        self._retranslate_label()

    def _retranslate_label(self) -> None:
        if self.shown is None:
            self.label.setText(self.tr("Why this objective: choose an objective above"))
        else:
            self.label.setText(self.tr("Why “%1”:").replace("%1", self.shown.title))

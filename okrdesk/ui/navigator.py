"""The phase navigator: where the room is, and the way to move it on (or back)."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from okrdesk.ui.words import phase_name
from okrdesk.vocabulary import Phase


class PhaseNavigator(QListWidget):
    """One row per phase; done phases are ticked, the current one highlighted.

    It uses nothing of Qt's enum namespace, so the first frame can show it cheaply; the
    working navigator keeps keyboard focus out (PlanView sets that).
    """

    phase_requested = Signal(object)  # Phase

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigator")
        self.setFixedWidth(190)
        self._current: Phase | None = None  # None: no workshop shown yet
        self._sequence: tuple[Phase, ...] = tuple(Phase)
        for _row in Phase:
            self.addItem(QListWidgetItem())  # row n is the nth phase
        self.itemClicked.connect(self._clicked)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Workshop phases"))
        for row, phase in enumerate(Phase):
            item = self.item(row)
            # A person's OKRs skip the wall and the vote: those rows are hidden, not greyed
            # (the phase the workshop is in always shows, even one the form skips).
            listed = phase in self._sequence
            self.setRowHidden(row, not listed and phase != self._current)
            number = self._sequence.index(phase) + 1 if listed else None
            done = self._current is not None and phase.order < self._current.order
            mark = "✓" if done else f"{number or ''}"
            light = self._sequence != tuple(Phase)
            item.setText(f"{mark}  {phase_name(phase, light)}")
            tip = self.tr("Ctrl+%1: go to this phase").replace("%1", str(number))
            item.setToolTip(tip if number else "")
            font = item.font()
            font.setBold(phase == self._current)
            item.setFont(font)

    def set_current(self, phase: Phase, sequence: tuple[Phase, ...] = tuple(Phase)) -> None:
        """Mark where the room is, among the phases this workshop goes through."""
        self._current = phase
        self._sequence = sequence
        with QSignalBlocker(self):
            self.setCurrentRow(phase.order)
        self.retranslate()

    def current(self) -> Phase | None:
        return self._current

    def _clicked(self, item: QListWidgetItem) -> None:
        phase = list(Phase)[self.row(item)]
        # Keep showing where the room is until the move is accepted.
        with QSignalBlocker(self):
            self.setCurrentRow(-1 if self._current is None else self._current.order)
        if phase != self._current:
            self.phase_requested.emit(phase)

"""The phase navigator: where the room is, the page shown, and the phases not open yet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from okrdesk.ui.words import phase_name
from okrdesk.vocabulary import Phase

if TYPE_CHECKING:
    from okrdesk.engine.phase_ops import PhaseMap, PhaseStop


class PhaseNavigator(QListWidget):
    """One row per phase; done phases are ticked, the room's phase is bold, the page shown
    is the current row. A phase the room cannot reach yet looks disabled and says why.

    Clicking a row only asks (phase_requested): the plan view decides whether that shows a
    page (looking back) or moves the room on. It uses nothing of Qt's enum namespace at the
    top, so the first frame can show it cheaply; the working navigator keeps keyboard focus
    out (PlanView sets that).
    """

    phase_requested = Signal(object)  # Phase

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigator")
        self.setFixedWidth(200)
        # A long row (a phase with "· room" beside it) wraps; the column never scrolls sideways.
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A phase not open yet is greyed, not red: it is no error, only not yet.
        self.setStyleSheet("QListWidget#navigator::item:disabled { color: #6b7280; }")
        self._current: Phase | None = None  # the room's phase; None: no workshop shown yet
        self._shown: Phase | None = None  # the page on screen (an earlier one when looking back)
        self._sequence: tuple[Phase, ...] = tuple(Phase)
        self._map: PhaseMap | None = None
        self._language = "en"
        for _row in Phase:
            self.addItem(QListWidgetItem())  # row n is the nth phase
        self.itemClicked.connect(self._clicked)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Workshop phases"))
        stops = {} if self._map is None else {s.phase: s for s in self._map.stops}
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
            room = phase == self._current and self._shown not in (None, self._current)
            # Looking back: the room's row says the room is still there, on a line of its own
            # (beside a bold name it was cut to "Brainstorm · …" in the 200-pixel column).
            where = "\n     " + self.tr("  · room").strip() if room else ""
            item.setText(f"{mark}  {phase_name(phase, light)}{where}")
            item.setToolTip(self._tip(phase, number, stops.get(phase)))
            stop = stops.get(phase)
            self._enable(item, stop is None or stop.reachable or stop.done or stop.room)
            font = item.font()
            font.setBold(phase == self._current)
            item.setFont(font)

    def _tip(self, phase: Phase, number: int | None, stop: PhaseStop | None) -> str:
        if not number:
            return ""
        key = self.tr("Ctrl+%1: go to this phase").replace("%1", str(number))
        if stop is None or self._current is None:
            return key
        room = phase_name(self._current, self._sequence != tuple(Phase))
        if stop.done:
            return (
                self.tr("Ctrl+%1: look back at this page; the room stays at %2")
                .replace("%1", str(number))
                .replace("%2", room)
            )
        if stop.room:
            return self.tr("Ctrl+%1: the room is here (projector and timer)").replace(
                "%1", str(number)
            )
        if not stop.reachable:
            return self.tr("Not yet: %1").replace("%1", stop.why_not(self._language))
        return key

    def _enable(self, item: QListWidgetItem, enabled: bool) -> None:
        from PySide6.QtCore import Qt

        flags = item.flags()
        wanted = (
            flags | Qt.ItemFlag.ItemIsEnabled if enabled else flags & ~Qt.ItemFlag.ItemIsEnabled
        )
        if wanted != flags:
            item.setFlags(wanted)

    def set_current(self, phase: Phase, sequence: tuple[Phase, ...] = tuple(Phase)) -> None:
        """Mark where the room is, among the phases this workshop goes through."""
        self._current = phase
        self._sequence = sequence
        self._map = None
        self.show_page(phase)

    def set_map(self, phases: PhaseMap, shown: Phase, language: str) -> None:
        """The engine's map of the workshop's phases, and the page on screen."""
        self._map = phases
        self._current = phases.room
        self._sequence = phases.sequence
        self._language = language
        self.show_page(shown)

    def show_page(self, phase: Phase) -> None:
        """Mark the page on screen (the room's phase stays as it is)."""
        self._shown = phase
        with QSignalBlocker(self):
            self.setCurrentRow(phase.order)
        self.retranslate()

    def current(self) -> Phase | None:
        """The room's phase."""
        return self._current

    def shown(self) -> Phase | None:
        """The phase whose page is on screen."""
        return self._shown

    def _clicked(self, item: QListWidgetItem) -> None:
        phase = list(Phase)[self.row(item)]
        # Keep marking the page on screen until the plan view has shown another.
        with QSignalBlocker(self):
            self.setCurrentRow(-1 if self._shown is None else self._shown.order)
        from PySide6.QtCore import Qt

        # A phase not open yet only says why (its tooltip); a click asks nothing.
        if phase != self._shown and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.phase_requested.emit(phase)

"""The working area for an open plan: workshop picker, timer, phase navigator and pages."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.changes import Change
from okrdesk.engine.editor import workshop_of
from okrdesk.engine.phases import light_form, next_phase, phases_for, previous_phase
from okrdesk.engine.snapshot import units_in_tree_order
from okrdesk.models import Cycle, Phase, PhasePlan, PhaseVisit, Workshop
from okrdesk.ui.message_bar import MessageBar
from okrdesk.ui.navigator import PhaseNavigator
from okrdesk.ui.pages.base import PhasePage
from okrdesk.ui.pages.brainstorm import BrainstormPage
from okrdesk.ui.pages.export import ExportPage
from okrdesk.ui.pages.group import GroupPage
from okrdesk.ui.pages.select import SelectPage
from okrdesk.ui.pages.setup import SetupPage
from okrdesk.ui.pages.signoff import SignOffPage
from okrdesk.ui.pages.vote import VotePage
from okrdesk.ui.return_banner import ReturnBanner
from okrdesk.ui.session import PlanSession
from okrdesk.ui.timer import PhaseTimer


class PlanView(QWidget):
    """Shows one workshop of the open plan at a time, on the page of its phase."""

    workshop_shown = Signal()  # the workshop or its phase changed: retitle the window
    presentation_changed = Signal()  # the sign-off page put another objective on the projector

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.workshop_id: int | None = None
        self.phase = Phase.SETUP
        self.light = False  # a person's workshop: the light form
        self._timer_key: tuple[int | None, Phase, int | None] | None = None
        self.picker = QComboBox()
        self.picker.setMinimumWidth(360)
        self.picker.activated.connect(lambda _index: self.show_workshop(self.picker.currentData()))
        self.picker_label = QLabel()
        self.new_workshop_button = QPushButton()
        self.new_workshop_button.clicked.connect(self.new_workshop)
        self.timer = PhaseTimer()
        self.timer.add_minutes_requested.connect(self.add_minutes)
        header = QHBoxLayout()
        header.addWidget(self.picker_label)
        header.addWidget(self.picker, 1)
        header.addWidget(self.new_workshop_button)
        header.addSpacing(24)
        header.addWidget(self.timer)

        self.navigator = PhaseNavigator()
        self.navigator.phase_requested.connect(self.go_to_phase)
        self.pages: dict[Phase, PhasePage] = {
            Phase.SETUP: SetupPage(session),
            Phase.BRAINSTORM: BrainstormPage(session),
            Phase.GROUP: GroupPage(session),
            Phase.VOTE: VotePage(session),
            Phase.SELECT: SelectPage(session),
            Phase.SIGNOFF: SignOffPage(session),
            Phase.EXPORT: ExportPage(session),
        }
        self.pages[Phase.SIGNOFF].presentation_changed.connect(self.presentation_changed)  # type: ignore[attr-defined]
        self.stack = QStackedWidget()
        for phase in Phase:
            self.stack.addWidget(self.pages[phase])
        self.messages = MessageBar(self)
        self.messages.placed.connect(self._place_messages)
        self.return_banner = ReturnBanner()
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack.addWidget(self.empty)

        right = QVBoxLayout()
        right.setContentsMargins(10, 8, 10, 8)
        right.addLayout(header)
        right.addWidget(self.return_banner)
        right.addWidget(self.stack, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigator)
        layout.addLayout(right, 1)

        session.changed.connect(self.apply_change)
        session.refused.connect(lambda text: self.messages.show_message(text, "error"))
        session.noticed.connect(lambda text: self.messages.show_message(text, "notice"))
        self.retranslate()

    def _place_messages(self) -> None:
        """The message bar floats over the top of the page area (see MessageBar)."""
        page = self.stack.geometry()
        self.messages.float_over(page.adjusted(8, 4, -8, 0))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_messages()

    def retranslate(self) -> None:
        self.messages.hide()  # it speaks the old language
        self.picker_label.setText(self.tr("Workshop:"))
        self.picker.setAccessibleName(self.tr("Workshop"))
        self.new_workshop_button.setText(self.tr("New workshop…"))
        self.empty.setText(
            self.tr("This plan has no workshop yet. Create one with “New workshop…”.")
        )
        self.navigator.retranslate()
        self.timer.retranslate()
        self.messages.retranslate()
        self.load_workshops()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and not self.session.closed:
            self.retranslate()
        super().changeEvent(event)

    # Workshops
    def load_workshops(self) -> None:
        with self.session.read() as session:
            order = {unit.id: n for n, unit in enumerate(units_in_tree_order(session))}
            workshops = sorted(
                session.scalars(select(Workshop)),
                key=lambda w: (w.cycle.starts_on, order.get(w.unit_id, 0), w.id),
            )
            entries = [(f"{w.cycle.name} · {w.unit.name} · {w.title}", w.id) for w in workshops]
        self.picker.blockSignals(True)
        self.picker.clear()
        for text, workshop_id in entries:
            self.picker.addItem(text, workshop_id)
        self.picker.setCurrentIndex(max(self.picker.findData(self.workshop_id), 0))
        self.picker.blockSignals(False)

    def workshop_ids(self) -> list[int]:
        return [self.picker.itemData(i) for i in range(self.picker.count())]

    def show_workshop(self, workshop_id: int | None) -> None:
        """Show the workshop on the page of the phase it is in."""
        ids = self.workshop_ids()
        if workshop_id not in ids:
            workshop_id = ids[0] if ids else None
        self.workshop_id = workshop_id
        self.picker.setCurrentIndex(max(self.picker.findData(workshop_id), 0))
        for page in self.pages.values():
            page.set_workshop(workshop_id)
        self._sync_phase(focus=True)

    def workshop_title(self) -> str:
        if self.workshop_id is None:
            return ""
        with self.session.read() as session:
            workshop = session.get(Workshop, self.workshop_id)
            return "" if workshop is None else workshop.title

    def _sync_phase(self, *, focus: bool) -> None:
        self.timer.setVisible(self.workshop_id is not None)
        if self.workshop_id is None:
            self.return_banner.hide()
            self.stack.setCurrentWidget(self.empty)
            self.navigator.setEnabled(False)
            self.workshop_shown.emit()
            return
        with self.session.read() as session:
            workshop = session.get(Workshop, self.workshop_id)
            assert workshop is not None
            self.return_banner.load(session, self.workshop_id)
            phase = workshop.phase
            self.light = light_form(workshop.unit.level)
            plan = session.get(PhasePlan, (workshop.id, phase))
            visits = session.scalars(
                select(PhaseVisit).where(
                    PhaseVisit.workshop_id == workshop.id, PhaseVisit.phase == phase
                )
            ).all()
        running = next((v for v in visits if v.ended_at is None), None)
        before = sum(((v.ended_at - v.started_at) for v in visits if v.ended_at), timedelta(0))
        changed = phase != self.phase or self.stack.currentWidget() is not self.pages[phase]
        self.phase = phase
        self.navigator.setEnabled(True)
        self.navigator.set_current(phase, phases_for(self.light))
        planned = plan.planned_minutes if plan else 0
        key = (self.workshop_id, phase, None if running is None else running.id)
        if key == self._timer_key:
            self.timer.set_planned(planned)  # e.g. +5 min: keep counting (and any pause)
        elif running is not None:
            self.timer.reset(planned, before, running.started_at)
        self._timer_key = key
        self.stack.setCurrentWidget(self.pages[phase])
        if changed or focus:
            self.pages[phase].focus_default()
        self.workshop_shown.emit()

    def apply_change(self, change: Change) -> None:
        self.messages.clear_error()
        about = workshop_of(change)
        if about is not None and about != self.workshop_id and about in self.workshop_ids():
            # Undo or redo reached into another workshop: show it, so nothing changes unseen.
            self.show_workshop(about)
            return
        if change.tables() & {"workshop", "cycle", "org_unit"}:
            self.load_workshops()
            created = change.keys("workshop", "insert")
            if created:
                self.show_workshop(max(created))
                return
            if self.workshop_id not in self.workshop_ids():
                self.show_workshop(None)
                return
        for page in self.pages.values():
            page.notify(change)
        if change.tables() & {"workshop", "phase_visit", "phase_plan", "sign_off"}:
            self._sync_phase(focus=False)

    # Phase moves
    def go_to_phase(self, phase: Phase) -> None:
        if self.workshop_id is not None:
            self.session.run(ops.ChangePhase(self.workshop_id, phase))

    def presented_objective(self) -> int | None:
        """The objective the sign-off page puts on the projector on its own, if any."""
        return self.pages[Phase.SIGNOFF].presented()  # type: ignore[attr-defined]

    def step_phase(self, step: int) -> None:
        """One phase on (step 1) or back (step -1) among the phases this workshop has."""
        target = (next_phase if step > 0 else previous_phase)(self.phase, self.light)
        if target is not None:
            self.go_to_phase(target)

    def go_to_step(self, number: int) -> None:
        """Ctrl+number: the workshop's nth phase (a person's OKRs have four)."""
        sequence = phases_for(self.light)
        if 1 <= number <= len(sequence):
            self.go_to_phase(sequence[number - 1])

    def add_minutes(self, minutes: int) -> None:
        if self.workshop_id is None:
            return
        with self.session.read() as session:
            plan = session.get(PhasePlan, (self.workshop_id, self.phase))
            current = plan.planned_minutes if plan else 0
        self.session.run(ops.SetTimebox(self.workshop_id, self.phase, current + minutes))

    def new_workshop(self) -> None:
        from okrdesk.ui.workshop_dialog import NewWorkshopDialog

        with self.session.read() as session:
            cycles = [
                (c.name, c.id) for c in session.scalars(select(Cycle).order_by(Cycle.starts_on))
            ]
            units = [(u.name, u.id, u.level.value) for u in units_in_tree_order(session)]
        dialog = NewWorkshopDialog(self, cycles, units)
        if dialog.exec():
            self.session.run_batch("op.new_workshop", dialog.create)

"""The working area for an open plan: workshop picker, timer, phase navigator and pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine import ops
from okrdesk.engine.alignment_tree import workshop_cycle_tree
from okrdesk.engine.aspects import Actor, Aspect
from okrdesk.engine.changes import Change
from okrdesk.engine.operation import Operation
from okrdesk.engine.phase_ops import MoveRoomBack, PhaseMap, phase_map, phase_map_after
from okrdesk.engine.phases import next_phase, phases_for, previous_phase
from okrdesk.engine.workshop_list import (
    ShownWorkshop,
    WorkshopList,
    shown_workshop,
    workshop_list,
)
from okrdesk.models import Phase
from okrdesk.ui.message_bar import MessageBar
from okrdesk.ui.navigator import PhaseNavigator
from okrdesk.ui.opaque_views import paint_views_opaque
from okrdesk.ui.pages.base import PhasePage
from okrdesk.ui.plain_label import PlainLabel
from okrdesk.ui.return_banner import ReturnBanner
from okrdesk.ui.session import PlanSession
from okrdesk.ui.steady_scroll_bars import steady_scroll_bars
from okrdesk.ui.timer import PhaseTimer
from okrdesk.ui.words import phase_name


def _setup(session: PlanSession) -> PhasePage:
    from okrdesk.ui.pages.setup import SetupPage

    return SetupPage(session)


def _brainstorm(session: PlanSession) -> PhasePage:
    from okrdesk.ui.pages.brainstorm import BrainstormPage

    return BrainstormPage(session)


def _group(session: PlanSession) -> PhasePage:
    from okrdesk.ui.pages.group import GroupPage

    return GroupPage(session)


def _vote(session: PlanSession) -> PhasePage:
    from okrdesk.ui.pages.vote import VotePage

    return VotePage(session)


def _select(session: PlanSession) -> PhasePage:
    from okrdesk.ui.pages.select import SelectPage

    return SelectPage(session)


def _signoff(session: PlanSession) -> PhasePage:
    from okrdesk.ui.pages.signoff import SignOffPage

    return SignOffPage(session)


def _export(session: PlanSession) -> PhasePage:
    from okrdesk.ui.pages.export import ExportPage

    return ExportPage(session)


# Each page's module is imported, and the page built, when it is first needed.
PAGE_FACTORIES: Mapping[Phase, Callable[[PlanSession], PhasePage]] = {
    Phase.SETUP: _setup,
    Phase.BRAINSTORM: _brainstorm,
    Phase.GROUP: _group,
    Phase.VOTE: _vote,
    Phase.SELECT: _select,
    Phase.SIGNOFF: _signoff,
    Phase.EXPORT: _export,
}


class Pages(Mapping[Phase, PhasePage]):
    """The phase pages, each built the first time it is asked for (usually: first shown)."""

    def __init__(self, build: Callable[[Phase], PhasePage]) -> None:
        self._build = build
        self._built: dict[Phase, PhasePage] = {}

    def __getitem__(self, phase: Phase) -> PhasePage:
        if phase not in self._built:
            self._built[phase] = self._build(phase)
        return self._built[phase]

    def __iter__(self) -> Iterator[Phase]:
        return iter(Phase)

    def __len__(self) -> int:
        return len(Phase)

    def built(self) -> list[PhasePage]:
        """The pages built so far (the others have nothing to refresh)."""
        return list(self._built.values())

    def is_built(self, phase: Phase) -> bool:
        return phase in self._built


class LookBackBar(QFrame):
    """Says the page shown is not where the room is, with the two ways on from there."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lookBackBar")
        # A calm, neutral strip: looking back is no error.
        self.setStyleSheet(
            "QFrame#lookBackBar { background: #eef2ff; border: 1px solid #c7d2fe;"
            " border-radius: 6px; }"
        )
        self.label = PlainLabel()
        self.label.setWordWrap(True)
        self.move_button = QPushButton()  # quiet: the exceptional step
        self.return_button = QPushButton()
        self.return_button.setObjectName("primary")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.move_button)
        layout.addWidget(self.return_button)
        self.hide()

    def show_look_back(self, shown: str, room: str) -> None:
        self.label.setText(
            self.tr("Looking back at %1. The room (projector and timer) stays at %2.")
            .replace("%1", shown)
            .replace("%2", room)
        )
        self.move_button.setText(self.tr("Move the room back to %1…").replace("%1", shown))
        self.return_button.setText(self.tr("Back to %1 →").replace("%1", room))
        self.show()


class PlanView(QWidget):
    """Shows one workshop of the open plan at a time, on the page of its phase."""

    workshop_shown = Signal()  # the workshop or its phase changed: retitle the window
    presentation_changed = Signal()  # the sign-off page put another objective on the projector

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.workshop_id: int | None = None
        self.phase = Phase.SETUP  # where the room is (the projector, the timer)
        self.page_phase = Phase.SETUP  # the page on screen: an earlier one when looking back
        self.phases: PhaseMap | None = None
        self.light = False  # a person's workshop: the light form
        self.listed = WorkshopList((), (), ())
        self.shown: ShownWorkshop | None = None
        self._timer_key: tuple[int | None, Phase, int | None] | None = None
        self.picker = QComboBox()
        # Long workshop names are cut in the closed list, not made the window's width: the
        # window fits a 1024-pixel screen (the open list shows them whole).
        self.picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.picker.setMinimumContentsLength(10)
        self.picker.activated.connect(lambda _index: self.show_workshop(self.picker.currentData()))
        self.picker_label = PlainLabel()
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
        self.navigator.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays on the page
        self.navigator.phase_requested.connect(self.go_to_phase)
        self.pages = Pages(self._build_page)
        self.stack = QStackedWidget()
        self.messages = MessageBar()
        self.look_back = LookBackBar()
        self.look_back.move_button.clicked.connect(self.move_room_back)
        self.look_back.return_button.clicked.connect(lambda: self.go_to_phase(self.phase))
        self.return_banner = ReturnBanner()
        self.empty = PlainLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack.addWidget(self.empty)

        right = QVBoxLayout()
        right.setContentsMargins(10, 8, 10, 8)
        right.addLayout(header)
        right.addWidget(self.return_banner)
        # Messages push the page down: they never lie over what they are about.
        right.addWidget(self.messages)
        right.addWidget(self.look_back)
        right.addWidget(self.stack, 1)
        # Every page ends with its way on: "Next: <phase> →" (why not yet, on hover).
        self.next_button = QPushButton()
        self.next_button.setObjectName("nextPhase")
        self.next_button.clicked.connect(lambda: self.step_phase(1))
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(self.next_button)
        right.addLayout(footer)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigator)
        layout.addLayout(right, 1)

        session.changed.connect(self.apply_change)
        session.refused.connect(lambda text: self.messages.show_message(text, "error"))
        session.noticed.connect(lambda text: self.messages.show_message(text, "notice"))
        self.retranslate()

    def _build_page(self, phase: Phase) -> PhasePage:
        page = PAGE_FACTORIES[phase](self.session)
        page.set_workshop(self.workshop_id)
        if phase == Phase.SIGNOFF:
            from okrdesk.ui.pages.signoff import SignOffPage

            assert isinstance(page, SignOffPage)
            page.presentation_changed.connect(self.presentation_changed)
        steady_scroll_bars(page)
        paint_views_opaque(page)
        self.stack.addWidget(page)
        return page

    def retranslate(self) -> None:
        self.messages.hide()  # it speaks the old language
        self.picker_label.setText(self.tr("Workshop:"))
        self.picker.setAccessibleName(self.tr("Workshop"))
        self.new_workshop_button.setText(self.tr("New workshop…"))
        self.empty.setText(
            self.tr("This plan has no workshop yet. Create one with “New workshop…”.")
        )
        if self.phases is not None:  # the reasons a phase is not open yet, in the new language
            self.navigator.set_map(self.phases, self.page_phase, self.session.language)
        else:
            self.navigator.retranslate()
        self._show_look_back()
        self.timer.retranslate()
        self.messages.retranslate()
        self.load_workshops()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and not self.session.closed:
            self.retranslate()
        super().changeEvent(event)

    # Workshops
    def load_workshops(self) -> None:
        self.listed = self.session.view(workshop_list)
        self.picker.blockSignals(True)
        self.picker.clear()
        for w in self.listed.workshops:
            self.picker.addItem(f"{w.cycle.name} · {w.unit.name} · {w.title}", w.id)
        self.picker.setCurrentIndex(max(self.picker.findData(self.workshop_id), 0))
        self.picker.blockSignals(False)

    def workshop_ids(self) -> list[int]:
        return list(self.listed.ids)

    def show_workshop(self, workshop_id: int | None) -> None:
        """Show the workshop on the page of the phase it is in."""
        ids = self.listed.ids
        if workshop_id not in ids:
            workshop_id = ids[0] if ids else None
        self.workshop_id = workshop_id
        self.picker.setCurrentIndex(max(self.picker.findData(workshop_id), 0))
        for page in self.pages.built():
            page.set_workshop(workshop_id)
        self._sync_phase(focus=True)

    def workshop_title(self) -> str:
        return "" if self.shown is None else self.shown.title

    def _sync_phase(self, *, focus: bool) -> None:
        self.timer.setVisible(self.workshop_id is not None)
        shown = (
            None
            if self.workshop_id is None
            else self.session.view(shown_workshop, self.workshop_id)
        )
        self.shown = shown
        if shown is None:
            self.phases = None
            self.look_back.hide()
            self.next_button.hide()
            self.return_banner.hide()
            self.stack.setCurrentWidget(self.empty)
            self.navigator.setEnabled(False)
            self.workshop_shown.emit()
            return
        self.return_banner.show_return(shown.returned, shown.light)
        phase = shown.phase
        self.light = shown.light
        moved = phase != self.phase or focus or self.phases is None
        self.phases = self.session.view(phase_map, shown.id)
        # Looking back stays on its page until the room moves (or another workshop shows).
        sequence = phases_for(self.light)
        if moved or self.page_phase not in sequence or self.page_phase.order > phase.order:
            self.page_phase = phase
        page = self.pages[self.page_phase]
        changed = phase != self.phase or self.stack.currentWidget() is not page
        self.phase = phase
        self.navigator.setEnabled(True)
        if self.phases is not None:
            self.navigator.set_map(self.phases, self.page_phase, self.session.language)
        else:
            self.navigator.set_current(phase, sequence)
        key = (shown.id, phase, shown.visit_id)
        if key == self._timer_key:
            self.timer.set_planned(shown.planned_minutes)  # e.g. +5 min: keep counting
        elif shown.started_at is not None:
            self.timer.reset(shown.planned_minutes, shown.spent_before, shown.started_at)
        self._timer_key = key
        self.timer.set_finished(shown.locked, shown.light)
        if self.stack.currentWidget() is not page:
            self.messages.hide()  # it spoke of the page that was shown
        self.stack.setCurrentWidget(page)
        self._show_look_back()
        if changed or focus:
            page.focus_default()
        self.workshop_shown.emit()

    def _show_next(self) -> None:
        """The way on from the page shown: the room's next phase (the vote page has its
        own "Continue: Select →"; a page looked back at has the look-back bar)."""
        forward = None if self.phases is None else self.phases.forward
        stop = None if self.phases is None or forward is None else self.phases.stop(forward)
        shown = (
            stop is not None
            and self.page_phase == self.phase
            and self.phase != Phase.VOTE
            and self.shown is not None
        )
        self.next_button.setVisible(shown)
        if stop is None or forward is None:
            return
        self.next_button.setText(
            self.tr("Next: %1 →").replace("%1", phase_name(forward, self.light))
        )
        self.next_button.setEnabled(stop.reachable)
        self.next_button.setToolTip(stop.why_not(self.session.language))
        # The way on is the page's primary (blue) button when the page has none of its own.
        page = self.pages[self.page_phase]
        leads = not any(
            button.objectName() == "primary" and button.isVisibleTo(page)
            for button in page.findChildren(QPushButton)
        )
        if self.next_button.property("lead") != leads:
            self.next_button.setProperty("lead", leads)
            self.next_button.style().unpolish(self.next_button)
            self.next_button.style().polish(self.next_button)

    def _show_look_back(self) -> None:
        self._show_next()
        if self.shown is None or self.page_phase == self.phase:
            self.look_back.hide()
            return
        self.look_back.show_look_back(
            phase_name(self.page_phase, self.light), phase_name(self.phase, self.light)
        )
        stop = None if self.phases is None else self.phases.stop(self.page_phase)
        # A signed-off workshop can be looked back at, not moved back (reopen it first).
        locked = self.phases is not None and self.phases.locked
        self.look_back.move_button.setEnabled(stop is not None and not locked)

    def look_at(self, phase: Phase) -> None:
        """Show a phase's page without moving the room (its projector and timer stay)."""
        if self.shown is None or phase not in phases_for(self.light) or phase == self.page_phase:
            return
        if phase.order > self.phase.order:
            return  # ahead of the room: only moving the room on goes there
        self.page_phase = phase
        page = self.pages[phase]
        self.messages.hide()
        self.stack.setCurrentWidget(page)
        if self.phases is not None:
            self.navigator.set_map(self.phases, phase, self.session.language)
        self._show_look_back()
        page.focus_default()
        self.workshop_shown.emit()

    def move_room_back(self) -> None:
        """Move the room to the page looked at: confirmed, recorded, undoable."""
        from okrdesk.ui import dialogs

        if self.workshop_id is None or self.page_phase.order >= self.phase.order:
            return
        question = self.tr(
            "Move the room back to %1? The projector and the timer go back to %1; "
            "the room leaves %2."
        )
        shown, room = phase_name(self.page_phase, self.light), phase_name(self.phase, self.light)
        if dialogs.confirm(self, question.replace("%1", shown).replace("%2", room)):
            self.session.run(MoveRoomBack(self.workshop_id, self.page_phase))

    def apply_change(self, change: Change) -> None:
        # What a message said was about the state before: an undo can make a warning untrue.
        self.messages.clear_error()
        self.messages.clear_notice()
        listing = change.touches(Aspect.WORKSHOPS, Aspect.UNITS, Aspect.CYCLES)
        if listing or change.touches(Aspect.PHASE, Aspect.SIGNOFF):
            # First, so a workshop the change removed (an undone "new workshop") is not
            # shown, and one it renamed is listed by its new name.
            self.load_workshops()  # the list also shows each workshop's phase and sign-off
        others = [w for w in sorted(change.workshops - {self.workshop_id}) if w in self.listed.ids]
        elsewhere = others and self.workshop_id not in change.workshops
        if elsewhere and change.actor == Actor.FACILITATOR:
            # The facilitator's undo or redo reached into another workshop: show it, so
            # nothing changes unseen. (A ballot handed in elsewhere leaves the screen be.)
            self.show_workshop(others[0])
            return
        if listing:
            created = change.ids(Aspect.WORKSHOPS, "insert")
            if created:
                self.show_workshop(max(created))
                return
            if self.workshop_id not in self.listed.ids:
                self.show_workshop(None)
                return
        for page in self.pages.built():
            page.notify(change)
        if change.about(self.workshop_id) and change.touches(
            Aspect.WORKSHOPS, Aspect.PHASE, Aspect.AGENDA, Aspect.SIGNOFF
        ):
            self._sync_phase(focus=False)
        elif change.about(self.workshop_id) and change.touches(*self._guarded_by()):
            after = None if self.phases is None else phase_map_after(self.phases, change)
            if after is None:
                self._refresh_map()
            else:
                self.phases = after  # the same stops: the navigator stays as it is

    def _guarded_by(self) -> tuple[Aspect, ...]:
        """What the next phase's guard reads, from where the room is (the ideas count only
        before Group: a card typed later opens nothing new)."""
        if self.phase.order < Phase.GROUP.order:
            return (Aspect.IDEAS,)
        return (Aspect.OBJECTIVES, Aspect.ROUNDS, Aspect.TIE_DECISION)

    def _refresh_map(self) -> None:
        """The phases the room can go on to, after a change their guards read."""
        if self.workshop_id is None:
            return
        self.phases = self.session.view(phase_map, self.workshop_id)
        if self.phases is not None:
            self.navigator.set_map(self.phases, self.page_phase, self.session.language)
        self._show_next()

    # Phase moves
    def go_to_phase(self, phase: Phase) -> None:
        """Show a phase: looking back (or at the room's own page) shows its page only; a
        phase ahead moves the room on, if the engine's rules allow (else says why)."""
        if self.workshop_id is None:
            return
        if phase.order <= self.phase.order and phase in phases_for(self.light):
            if phase == self.phase:
                self.page_phase = phase
                self.messages.hide()
                self._sync_phase(focus=False)
                self.pages[phase].focus_default()
            else:
                self.look_at(phase)
            return
        self.session.run(ops.ChangePhase(self.workshop_id, phase))

    def presented_objective(self) -> int | None:
        """The objective the sign-off page puts on the projector on its own, if any."""
        if not self.pages.is_built(Phase.SIGNOFF):
            return None
        from okrdesk.ui.pages.signoff import SignOffPage

        page = self.pages[Phase.SIGNOFF]
        assert isinstance(page, SignOffPage)
        return page.presented()

    def step_phase(self, step: int) -> None:
        """One page on (step 1) or back (step -1) among the phases this workshop has.

        Back only looks back; on from a page looked back at goes towards the room; on from
        the room's own page moves the room on (after a return, Group goes on to Select).
        """
        if step < 0:
            target = previous_phase(self.page_phase, self.light)
        elif self.page_phase != self.phase:
            target = next_phase(self.page_phase, self.light)
        elif self.phases is not None:
            target = self.phases.forward
        else:
            target = next_phase(self.phase, self.light)
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
        shown = self.session.view(shown_workshop, self.workshop_id)
        if shown is not None:
            self.session.run(
                ops.SetTimebox(self.workshop_id, shown.phase, shown.planned_minutes + minutes)
            )

    def new_workshop(self) -> None:
        from okrdesk.ui.workshop_dialog import NewWorkshopDialog

        listed = self.session.view(workshop_list)
        today = self.session.clock().astimezone().date()
        dialog = NewWorkshopDialog(self, listed.cycles, listed.units, today)
        if not dialog.exec():
            return
        created: list[int] = []

        def steps(apply: Callable[[Operation], object]) -> None:
            def keep(operation: Operation) -> object:
                result = apply(operation)
                if isinstance(operation, ops.CreateWorkshop) and isinstance(result, int):
                    created.append(result)
                return result

            dialog.build_workshop(keep)

        if self.session.run_batch("op.new_workshop", steps) and created:
            self.offer_carry_over(created[0])

    def offer_carry_over(self, workshop_id: int | None = None, *, asked: bool = False) -> None:
        """What the unit's last cycle left unfinished, offered to a workshop's wall (the one
        just created, or the one on screen)."""
        from okrdesk.ui.carry_over_dialog import offer_carry_over

        workshop = self.workshop_id if workshop_id is None else workshop_id
        if workshop is not None and not self.session.read_only:
            self.carry_over: QDialog | None = offer_carry_over(
                self.session, workshop, self, asked=asked
            )

    def show_alignment(self) -> None:
        """The alignment tree of the shown workshop's cycle, in a window of its own."""
        from okrdesk.ui.alignment_dialog import AlignmentDialog

        if self.workshop_id is None:
            return
        tree = self.session.view(workshop_cycle_tree, self.workshop_id, self.session.editor.clock)
        if tree is not None:
            self.alignment_dialog = AlignmentDialog(tree, self)
            self.alignment_dialog.show()

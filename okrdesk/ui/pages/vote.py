"""Vote: open the dot vote, place each participant's dots, close, reveal, settle ties."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor, Aspect
from okrdesk.engine.ballot_view import booth_of
from okrdesk.engine.changes import Change
from okrdesk.engine.operation import Operation
from okrdesk.engine.queries import round_ballots
from okrdesk.engine.vote_result import (
    RoundState,
    TieState,
    VoteResult,
    VoteState,
    outcome_lines,
    seat_words,
    vote_state,
    vote_state_with,
)
from okrdesk.engine.vote_steps import VoteStep, can_decide, vote_step
from okrdesk.isolated import isolated
from okrdesk.models import Phase, RoundKind
from okrdesk.ui.dialogs import TieDialog
from okrdesk.ui.pages.ballot_booth import BallotBooth, read_only_item
from okrdesk.ui.pages.base import PhasePage
from okrdesk.ui.pages.tally_entry import TallyEntry
from okrdesk.ui.pages.vote_status import StatusLines
from okrdesk.ui.plain_label import PlainLabel
from okrdesk.ui.session import PlanSession

# What a change must touch for the vote page to read the vote again.
VOTE_ASPECTS = (
    Aspect.ROUNDS,
    Aspect.TIE_DECISION,
    Aspect.OBJECTIVES,
    Aspect.PARTICIPANTS,
    Aspect.PHASE,
    Aspect.WORKSHOPS,
)


class VotePage(PhasePage):
    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.status = PlainLabel()
        self.status.setObjectName("sectionTitle")
        self.missing = PlainLabel()
        self.missing.setWordWrap(True)
        # One primary (blue) button, the next step by the vote's state; the others appear
        # only where they apply, as secondary buttons.
        self.open_button = QPushButton()
        self.close_button = QPushButton()
        self.reveal_button = QPushButton()
        self.runoff_button = QPushButton()
        self.decide_button = QPushButton()
        self.continue_button = QPushButton()
        self.step_buttons = {
            VoteStep.OPEN: self.open_button,
            VoteStep.CLOSE: self.close_button,
            VoteStep.REVEAL: self.reveal_button,
            VoteStep.RUNOFF: self.runoff_button,
            VoteStep.CONTINUE: self.continue_button,
        }
        controls = QHBoxLayout()
        for button in (
            self.open_button,
            self.close_button,
            self.reveal_button,
            self.runoff_button,
            self.decide_button,
        ):
            controls.addWidget(button)
        controls.addStretch(1)
        controls.addWidget(self.continue_button)
        self.open_button.clicked.connect(self.open_voting)
        self.close_button.clicked.connect(self.close_voting)
        self.reveal_button.clicked.connect(lambda: self._run(ops.RevealTally))
        self.runoff_button.clicked.connect(lambda: self._run(ops.StartRunoff))
        self.decide_button.clicked.connect(self.decide_tie)
        self.continue_button.clicked.connect(self.continue_to_select)

        self.ballot_box = QGroupBox()
        self.booth = BallotBooth(session)
        self.tally = TallyEntry(session)
        self.modes = QTabWidget()
        self.modes.addTab(self.booth, "")
        self.modes.addTab(self.tally, "")
        QVBoxLayout(self.ballot_box).addWidget(self.modes)

        self.results_box = QGroupBox()
        self.results = QTableWidget(0, 4)
        self.results.verticalHeader().hide()
        header = self.results.horizontalHeader()
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # How the vote stands with a tie: still open, resolved by a run-off, or decided (why).
        self.outcome = PlainLabel()
        self.outcome.setObjectName("voteOutcome")
        self.outcome.setWordWrap(True)
        results_layout = QVBoxLayout(self.results_box)
        results_layout.addWidget(self.results, 1)
        results_layout.addWidget(self.outcome)

        # Laid out by hand: their texts change at every ballot (see vote_status).
        self.status_lines = StatusLines((self.status, self.missing), self.layout_.spacing())
        self.layout_.addWidget(self.status_lines)
        self.layout_.addLayout(controls)
        row = QHBoxLayout()
        row.addWidget(self.ballot_box, 1)
        row.addWidget(self.results_box, 1)
        self.layout_.addLayout(row, 1)
        self.state: VoteState | None = None
        self.retranslate()

    @property
    def _round_open(self) -> bool:
        current = None if self.state is None else self.state.round
        return current is not None and current.open

    def retranslate(self) -> None:
        self.title.setText(self.tr("Dot vote"))
        self.hint.setText(
            self.tr(
                "Open the vote and pass the laptop round: each person picks their name, places "
                "their dots and hands in the ballot; the screen then clears. Sticker dots on "
                "paper go in the paper tally. The room sees only how many ballots are in."
            )
        )
        self.close_button.setText(self.tr("Close voting"))
        self.continue_button.setText(self.tr("Continue: Select →"))
        self.reveal_button.setText(self.tr("Reveal tally"))
        self.runoff_button.setText(self.tr("Start run-off"))
        self.decide_button.setText(self.tr("Decide tie…"))
        self._name_open_button()
        self.ballot_box.setTitle(self.tr("Ballots"))
        self.modes.setTabText(0, self.tr("Ballot booth"))
        self.modes.setTabText(1, self.tr("Paper tally"))
        self.booth.retranslate()
        self.tally.retranslate()
        self.results.setAccessibleName(self.tr("Ranked result"))
        self.results.setHorizontalHeaderLabels(
            [self.tr("Rank"), self.tr("Objective"), self.tr("Dots"), self.tr("Status")]
        )
        self.reload()

    def apply_change(self, change: Change) -> None:
        """Read only what the change can have altered: a dot, the ballots in, or the vote."""
        if self.workshop_id is None or not change.about(self.workshop_id):
            return
        if change.touches(*VOTE_ASPECTS):
            self.reload()
            return
        if change.touches(Aspect.BALLOTS):
            # A ballot came in or was taken back: the count, the names, the booth, from one
            # read of who has voted (the rest of the vote cannot have changed).
            ballots = self.session.view(round_ballots, self.workshop_id)
            state = vote_state_with(self.state, ballots)
            if state is None or ballots is None:
                self.reload()
                return
            self._show_state(state)
            self.booth.refresh(booth_of(self.workshop_id, ballots))
            return
        if change.touches(Aspect.DOTS):
            # Dots move only while a round is open: the ballot on screen, the paper counts
            # (typed in by the facilitator: a booth's or a phone's dot leaves them as they are).
            if self.booth.voter is not None:
                self.booth.refresh()
            if change.actor == Actor.FACILITATOR:
                self.tally.load(self.workshop_id)
            return
        if change.touches(Aspect.KEY_RESULTS):
            self.booth.refresh()  # the ballot lists each objective's key results

    def _run(self, operation: Callable[[int], Operation]) -> None:
        if self.workshop_id is not None:
            self.session.run(operation(self.workshop_id))
            # The step's button is hidden now: the keyboard goes on to the next step (the
            # booth's list once a round opens), not wherever Qt would put it.
            self.focus_default()

    def reload(self) -> None:
        if self.workshop_id is None:
            return
        state = self.session.view(vote_state, self.workshop_id)
        if state is None:
            return
        self._show_state(state)
        self._show_result(state.result)
        self.ballot_box.setEnabled(self._round_open)
        if self.booth.workshop_id == self.workshop_id:
            self.booth.refresh()
        else:
            self.booth.load(self.workshop_id)
        self.tally.load(self.workshop_id)

    def _name_open_button(self) -> None:
        revealed = self.state is not None and self.state.result is not None
        # After a reveal the vote is not opened again by a slip: it asks first.
        self.open_button.setText(self.tr("Vote again…") if revealed else self.tr("Open voting"))

    def _show_state(self, state: VoteState | None) -> None:
        """The round's state line, who is missing, and which buttons apply."""
        self.state = state
        current: RoundState | None = None if state is None else state.round
        result = None if state is None else state.result
        round_open = current is not None and current.open
        step = vote_step(state)
        if current is None:
            self.status.setText(self.tr("Voting has not started."))
            self.missing.setText("")
        elif step == VoteStep.CONTINUE:
            # The vote is over: the heading says so (not the last round's own state).
            self.status.setText(
                self.tr("The vote is settled: every seat is filled. Continue to Select.")
            )
            self.missing.setText("")
        elif step == VoteStep.RUNOFF:
            self.status.setText(
                self.tr("Tie at the cut-off: start a run-off among the tied, or decide.")
            )
            self.missing.setText("")
        else:
            progress = current.ballots
            kind = self.tr("Run-off") if current.kind == RoundKind.RUNOFF else self.tr("Vote")
            state_word = self.tr("open") if round_open else self.tr("closed")
            self.status.setText(
                self.tr("%1 (round %2) is %3: %4 of %5 ballots in")
                .replace("%1", kind)
                .replace("%2", str(current.number))
                .replace("%3", state_word)
                .replace("%4", str(progress.cast))
                .replace("%5", str(progress.expected))
            )
            separator = "、" if self.session.language == "zh_CN" else ", "
            self.missing.setText(
                self.tr("Not voted yet: %1").replace(
                    "%1", separator.join(isolated(name) for name in progress.missing)
                )
                if progress.missing and round_open
                else ""
            )
        self.missing.setVisible(bool(self.missing.text()))  # no empty gap above the buttons
        tie = TieState.NONE if result is None else result.tie
        self.open_button.setEnabled(not round_open)
        self.close_button.setEnabled(round_open)
        self.reveal_button.setEnabled(
            current is not None and not round_open and not current.revealed
        )
        # A run-off needs the tie standing; a decision may also settle it while the run-off
        # is closed but not yet revealed (as the engine allows).
        self.runoff_button.setEnabled(tie == TieState.TIED and not round_open)
        self.decide_button.setEnabled(can_decide(state))
        self.continue_button.setEnabled(step == VoteStep.CONTINUE)
        self._name_open_button()
        self._show_step(step)

    def _show_step(self, step: VoteStep) -> None:
        """The step's button is the primary one; buttons that do not apply are hidden."""
        for at, button in self.step_buttons.items():
            primary = at == step
            if (button.objectName() == "primary") != primary:
                button.setObjectName("primary" if primary else "")
                button.style().unpolish(button)
                button.style().polish(button)
        # Voting again after a reveal stays possible, as a quiet button that asks first.
        self.open_button.setVisible(self.open_button.isEnabled())
        self.close_button.setVisible(step == VoteStep.CLOSE)
        self.reveal_button.setVisible(step == VoteStep.REVEAL)
        self.runoff_button.setVisible(self.runoff_button.isEnabled())
        self.decide_button.setVisible(self.decide_button.isEnabled())
        self.continue_button.setVisible(step == VoteStep.CONTINUE)

    def primary_button(self) -> QPushButton:
        """The page's primary button: the vote's next step."""
        return self.step_buttons[vote_step(self.state)]

    def open_voting(self) -> None:
        from okrdesk.ui import dialogs

        if self.state is not None and self.state.result is not None:
            question = self.tr(
                "The tally is revealed. Vote again? A new round of the main vote starts; "
                "the revealed result is set aside until it is revealed again."
            )
            if not dialogs.confirm(self, question):
                return
        self._run(ops.OpenVoting)

    def close_voting(self) -> None:
        """Close the round; if some have not voted, say who and ask first."""
        from okrdesk.ui import dialogs

        current = None if self.state is None else self.state.round
        missing = () if current is None else current.ballots.missing
        if missing:
            separator = "、" if self.session.language == "zh_CN" else ", "
            question = self.tr("Not voted yet: %1. Close the vote anyway?").replace(
                "%1", separator.join(isolated(name) for name in missing)
            )
            if not dialogs.confirm(self, question):
                return
        self._run(ops.CloseVoting)

    def continue_to_select(self) -> None:
        if self.workshop_id is not None:
            self.session.run(ops.ChangePhase(self.workshop_id, Phase.SELECT))

    def _show_result(self, result: VoteResult | None) -> None:
        self.results.setRowCount(0)
        if result is None:
            self.results_box.setEnabled(False)
            self.results_box.setTitle(self.tr("Result"))
            self.outcome.setText("")
            return
        self.results_box.setEnabled(True)
        # While a tie is open, the round that tied (a run-off's own dots); once settled, the
        # main vote with every objective's seat as it ended (run-off winners, the decision).
        shown = result.main if result.settled else result.latest
        if shown.kind == RoundKind.RUNOFF:
            self.results_box.setTitle(
                self.tr("Result of the run-off (round %1)").replace("%1", str(shown.number))
            )
        else:
            self.results_box.setTitle(self.tr("Result"))
        language = self.session.language
        for row, line in enumerate(shown.rows):
            self.results.insertRow(row)
            self.results.setItem(row, 0, read_only_item(str(line.rank)))
            self.results.setItem(row, 1, read_only_item(line.title, line.objective_id))
            self.results.setItem(row, 2, read_only_item(str(line.dots)))
            self.results.setItem(row, 3, read_only_item(seat_words(line.status, language)))
        self.outcome.setText("\n".join(outcome_lines(result, language)))

    def decide_tie(self) -> None:
        """Ask which tied objectives go through and why; a refusal keeps the dialog open,
        with the choice and the reason as typed, and says why in the dialog."""
        if self.workshop_id is None:
            return
        state = self.session.view(vote_state, self.workshop_id)
        result = None if state is None else state.result
        if result is None or not result.tied:
            return
        titles = {row.objective_id: row.title for row in result.rows}
        dialog = TieDecisionDialog(
            self,
            self.session,
            self.workshop_id,
            [(titles[i], i) for i in result.tied],
            result.open_seats,
        )
        # (A test may answer the dialog without pressing OK: then decide as answered.)
        if dialog.exec() and not dialog.decided:
            self.session.run(ops.DecideTie(self.workshop_id, dialog.chosen(), dialog.reason()))
        self.focus_default()  # "Decide tie…" may be gone: on to the next step

    def focus_default(self) -> None:
        (self.booth.people if self._round_open else self.primary_button()).setFocus()


class TieDecisionDialog(TieDialog):
    """The tie dialog that decides on OK, and stays open, the input kept, when refused."""

    def __init__(
        self,
        parent: QWidget,
        session: PlanSession,
        workshop_id: int,
        tied: list[tuple[str, int]],
        seats: int,
    ) -> None:
        super().__init__(parent, tied, seats)
        self.session = session
        self.workshop_id = workshop_id
        self.decided = False
        self.error = PlainLabel()
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = self.layout()
        if layout is not None:
            layout.addWidget(self.error)

    def accept(self) -> None:
        refusals: list[str] = []
        self.session.refused.connect(refusals.append)
        try:
            done = self.session.run(ops.DecideTie(self.workshop_id, self.chosen(), self.reason()))
        finally:
            self.session.refused.disconnect(refusals.append)
        if done is None:
            self.error.setText("\n".join(refusals))
            self.error.setVisible(bool(refusals))
            return  # stays open: the choice and the reason are kept
        self.decided = True
        super().accept()

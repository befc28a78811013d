"""Vote: open the dot vote, place each participant's dots, close, reveal, settle ties."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.changes import Change
from okrdesk.engine.queries import (
    ballot_progress,
    latest_round,
    round_candidates,
    round_tally,
    settlement,
)
from okrdesk.engine.voting import rank
from okrdesk.models import Objective, RoundKind, RoundStatus, Workshop
from okrdesk.ui.pages.ballot_booth import BallotBooth, read_only_item
from okrdesk.ui.pages.base import PhasePage
from okrdesk.ui.pages.tally_entry import TallyEntry
from okrdesk.ui.session import PlanSession


class VotePage(PhasePage):
    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.status = QLabel()
        self.status.setObjectName("sectionTitle")
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.open_button = QPushButton()
        self.open_button.setObjectName("primary")
        self.close_button = QPushButton()
        self.reveal_button = QPushButton()
        self.runoff_button = QPushButton()
        self.decide_button = QPushButton()
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
        self.open_button.clicked.connect(lambda: self._run(ops.OpenVoting))
        self.close_button.clicked.connect(lambda: self._run(ops.CloseVoting))
        self.reveal_button.clicked.connect(lambda: self._run(ops.RevealTally))
        self.runoff_button.clicked.connect(lambda: self._run(ops.StartRunoff))
        self.decide_button.clicked.connect(self.decide_tie)

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
        self.results.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        QVBoxLayout(self.results_box).addWidget(self.results)

        self.layout_.addWidget(self.status)
        self.layout_.addWidget(self.missing)
        self.layout_.addLayout(controls)
        row = QHBoxLayout()
        row.addWidget(self.ballot_box, 1)
        row.addWidget(self.results_box, 1)
        self.layout_.addLayout(row, 1)
        self._round_open = False
        self._missing: tuple[str, ...] | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Dot vote"))
        self.hint.setText(
            self.tr(
                "Open the vote and pass the laptop round: each person picks their name, places "
                "their dots and hands in the ballot; the screen then clears. Sticker dots on "
                "paper go in the paper tally. The room sees only how many ballots are in."
            )
        )
        self.open_button.setText(self.tr("Open voting"))
        self.close_button.setText(self.tr("Close voting"))
        self.reveal_button.setText(self.tr("Reveal tally"))
        self.runoff_button.setText(self.tr("Start run-off"))
        self.decide_button.setText(self.tr("Decide tie…"))
        self.ballot_box.setTitle(self.tr("Ballots"))
        self.modes.setTabText(0, self.tr("Ballot booth"))
        self.modes.setTabText(1, self.tr("Paper tally"))
        self.booth.retranslate()
        self.tally.retranslate()
        self.results_box.setTitle(self.tr("Result"))
        self.results.setAccessibleName(self.tr("Ranked result"))
        self.results.setHorizontalHeaderLabels(
            [self.tr("Rank"), self.tr("Objective"), self.tr("Dots"), self.tr("Status")]
        )
        self.reload()

    def apply_change(self, change: Change) -> None:
        """Dots alone change only the ballot on screen; paper counts only the tally table."""
        tables = change.tables()
        if tables <= {"dot"}:
            if self.booth.voter is not None:
                self.booth.refresh()
            return
        if tables <= {"paper_tally"}:
            self.tally.load(self.workshop_id)
            return
        if tables <= {"dot", "ballot"} and self.workshop_id is not None:
            # A ballot came in or was taken back: the count, the names, the booth.
            with self.session.read() as session:
                workshop = session.get(Workshop, self.workshop_id)
                if workshop is not None:
                    self._load_status(session, workshop)
            if self.booth.voter is None and self._missing is not None:
                self.booth.show_missing(self._missing)  # no second look at the plan
            else:
                self.booth.refresh()
            return
        self.reload()

    def _run(self, operation: type) -> None:
        if self.workshop_id is not None:
            self.session.run(operation(self.workshop_id))

    def reload(self) -> None:
        if self.workshop_id is None:
            return
        with self.session.read() as session:
            workshop = session.get(Workshop, self.workshop_id)
            if workshop is None:
                return
            current = self._load_status(session, workshop)
            self._load_results(session, workshop, current)
        self.ballot_box.setEnabled(self._round_open)
        self.booth.refresh() if self.booth.workshop_id == self.workshop_id else self.booth.load(
            self.workshop_id
        )
        self.tally.load(self.workshop_id)

    def _load_status(self, session: Any, workshop: Workshop) -> Any:
        """The round's state line, who is missing, and which buttons apply; the round."""
        current = latest_round(session, workshop.id)
        self._missing = None  # who has no ballot in (None: no round)
        self._round_open = current is not None and current.status == RoundStatus.OPEN
        revealed = current is not None and current.revealed
        # A tie can only stand once a round is closed and revealed: skip the work before.
        outcome = settlement(session, workshop) if revealed and not self._round_open else None
        tied = bool(outcome and outcome.tied)
        if current is None:
            self.status.setText(self.tr("Voting has not started."))
            self.missing.setText("")
        else:
            progress = ballot_progress(session, current)
            self._missing = progress.missing
            kind = self.tr("Run-off") if current.kind == RoundKind.RUNOFF else self.tr("Vote")
            state = self.tr("open") if self._round_open else self.tr("closed")
            self.status.setText(
                self.tr("%1 (round %2) is %3: %4 of %5 ballots in")
                .replace("%1", kind)
                .replace("%2", str(current.number))
                .replace("%3", state)
                .replace("%4", str(progress.cast))
                .replace("%5", str(progress.expected))
            )
            separator = "、" if self.session.language == "zh_CN" else ", "
            self.missing.setText(
                self.tr("Not voted yet: %1").replace("%1", separator.join(progress.missing))
                if progress.missing and self._round_open
                else ""
            )
        self.open_button.setEnabled(not self._round_open)
        self.close_button.setEnabled(self._round_open)
        self.reveal_button.setEnabled(current is not None and not self._round_open and not revealed)
        self.runoff_button.setEnabled(tied and not self._round_open)
        self.decide_button.setEnabled(tied and not self._round_open)
        return current

    def _load_results(self, session: Any, workshop: Workshop, current: Any) -> None:
        self.results.setRowCount(0)
        if current is None or not current.revealed:
            self.results_box.setEnabled(False)
            return
        self.results_box.setEnabled(True)
        candidates = round_candidates(session, current)
        seats = current.seats if current.kind == RoundKind.RUNOFF else workshop.selection_size
        ranking = rank(round_tally(session, current.id), candidates, seats)
        titles = dict(
            session.execute(
                select(Objective.id, Objective.title).where(Objective.id.in_(candidates))
            ).all()
        )
        names = {
            "in": self.tr("above the cut-off"),
            "tied": self.tr("TIED at the cut-off"),
            "out": "",
        }
        for row, standing in enumerate(ranking.standings):
            self.results.insertRow(row)
            self.results.setItem(row, 0, read_only_item(str(standing.rank)))
            self.results.setItem(row, 1, read_only_item(titles.get(standing.item, "?")))
            self.results.setItem(row, 2, read_only_item(str(standing.dots)))
            self.results.setItem(row, 3, read_only_item(names[standing.status]))

    def decide_tie(self) -> None:
        from okrdesk.ui.dialogs import TieDialog

        if self.workshop_id is None:
            return
        with self.session.read() as session:
            workshop = session.get(Workshop, self.workshop_id)
            outcome = settlement(session, workshop) if workshop else None
            if outcome is None or not outcome.tied:
                return
            titles = dict(
                session.execute(
                    select(Objective.id, Objective.title).where(Objective.id.in_(outcome.tied))
                ).all()
            )
        dialog = TieDialog(self, [(titles[i], i) for i in outcome.tied], outcome.open_seats)
        if dialog.exec():
            self.session.run(ops.DecideTie(self.workshop_id, dialog.chosen(), dialog.reason()))

    def focus_default(self) -> None:
        (self.booth.people if self._round_open else self.open_button).setFocus()

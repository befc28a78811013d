"""Vote: open the dot vote, place each participant's dots, close, reveal, settle ties."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.queries import (
    ballot_progress,
    latest_round,
    round_candidates,
    round_tally,
    settlement,
)
from okrdesk.engine.voting import rank
from okrdesk.models import Dot, Objective, Participant, RoundKind, RoundStatus, Workshop
from okrdesk.ui.pages.base import PhasePage
from okrdesk.ui.session import PlanSession


def read_only_item(text: str, value: Any = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if value is not None:
        item.setData(Qt.ItemDataRole.UserRole, value)
    return item


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
        self.voter = QComboBox()
        self.voter.currentIndexChanged.connect(lambda _i: self._load_ballot())
        self.left = QLabel()
        self.ballot = QTableWidget(0, 2)
        self.ballot.verticalHeader().hide()
        self.ballot.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.ballot.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ballot.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.plus = QPushButton("+")
        self.minus = QPushButton("−")
        self.plus.clicked.connect(lambda: self.change_dot(+1))
        self.minus.clicked.connect(lambda: self.change_dot(-1))
        who = QHBoxLayout()
        who.addWidget(self.voter, 1)
        who.addWidget(self.left)
        who.addWidget(self.minus)
        who.addWidget(self.plus)
        ballot_layout = QVBoxLayout(self.ballot_box)
        ballot_layout.addLayout(who)
        ballot_layout.addWidget(self.ballot)
        for key, step in (("+", 1), ("=", 1), ("-", -1)):
            action = QAction(self.ballot)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _checked=False, s=step: self.change_dot(s))
            self.ballot.addAction(action)

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
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Dot vote"))
        self.hint.setText(
            self.tr(
                "Open the vote, pick who is voting and place their dots with + and −. The room "
                "sees only how many ballots are in. Close the vote, then reveal the tally."
            )
        )
        self.open_button.setText(self.tr("Open voting"))
        self.close_button.setText(self.tr("Close voting"))
        self.reveal_button.setText(self.tr("Reveal tally"))
        self.runoff_button.setText(self.tr("Start run-off"))
        self.decide_button.setText(self.tr("Decide tie…"))
        self.ballot_box.setTitle(self.tr("Ballot"))
        self.voter.setAccessibleName(self.tr("Participant voting now"))
        self.ballot.setAccessibleName(self.tr("This participant's dots per objective"))
        self.plus.setAccessibleName(self.tr("Add a dot"))
        self.minus.setAccessibleName(self.tr("Take a dot back"))
        self.ballot.setHorizontalHeaderLabels([self.tr("Objective"), self.tr("Dots")])
        self.results_box.setTitle(self.tr("Result"))
        self.results.setAccessibleName(self.tr("Ranked result"))
        self.results.setHorizontalHeaderLabels(
            [self.tr("Rank"), self.tr("Objective"), self.tr("Dots"), self.tr("Status")]
        )
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
            current = latest_round(session, workshop.id)
            self._round_open = current is not None and current.status == RoundStatus.OPEN
            revealed = current is not None and current.revealed
            outcome = settlement(session, workshop)
            tied = bool(outcome and outcome.tied)
            if current is None:
                self.status.setText(self.tr("Voting has not started."))
                self.missing.setText("")
            else:
                progress = ballot_progress(session, current)
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
                self.missing.setText(
                    self.tr("Not voted yet: %1").replace("%1", "、".join(progress.missing))
                    if progress.missing and self._round_open
                    else ""
                )
            self.open_button.setEnabled(not self._round_open)
            self.close_button.setEnabled(self._round_open)
            self.reveal_button.setEnabled(
                current is not None and not self._round_open and not revealed
            )
            self.runoff_button.setEnabled(tied and not self._round_open)
            self.decide_button.setEnabled(tied and not self._round_open)
            self._load_voters(session)
            self._load_results(session, workshop, current)
        self._load_ballot()

    def _load_voters(self, session: Any) -> None:
        chosen = self.voter.currentData()
        self.voter.blockSignals(True)
        self.voter.clear()
        for person in session.scalars(
            select(Participant)
            .where(Participant.workshop_id == self.workshop_id)
            .order_by(Participant.position)
        ):
            self.voter.addItem(person.name, person.id)
        self.voter.setCurrentIndex(max(self.voter.findData(chosen), 0))
        self.voter.blockSignals(False)

    def _load_ballot(self) -> None:
        voter = self.voter.currentData()
        selected_row = self.ballot.currentRow()
        self.ballot.setRowCount(0)
        self.ballot_box.setEnabled(self._round_open and voter is not None)
        if not self._round_open or voter is None or self.workshop_id is None:
            self.left.setText("")
            return
        with self.session.read() as session:
            workshop = session.get(Workshop, self.workshop_id)
            current = latest_round(session, self.workshop_id)
            assert workshop is not None and current is not None
            mine = dict(
                session.execute(
                    select(Dot.objective_id, Dot.count).where(
                        Dot.round_id == current.id, Dot.participant_id == voter
                    )
                ).all()
            )
            budget = current.seats if current.kind == RoundKind.RUNOFF else workshop.dot_budget
            titles = dict(
                session.execute(
                    select(Objective.id, Objective.title).where(
                        Objective.workshop_id == self.workshop_id
                    )
                ).all()
            )
            candidates = round_candidates(session, current)
        for row, objective_id in enumerate(candidates):
            self.ballot.insertRow(row)
            self.ballot.setItem(row, 0, read_only_item(titles[objective_id], objective_id))
            self.ballot.setItem(row, 1, read_only_item("●" * mine.get(objective_id, 0)))
        spent = sum(mine.values())
        self.left.setText(
            self.tr("%1 of %2 dots left")
            .replace("%1", str(budget - spent))
            .replace("%2", str(budget))
        )
        self.ballot.setCurrentCell(max(0, min(selected_row, len(candidates) - 1)), 0)

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
        names = {"in": self.tr("selected"), "tied": self.tr("TIED at the cut-off"), "out": ""}
        for row, standing in enumerate(ranking.standings):
            self.results.insertRow(row)
            self.results.setItem(row, 0, read_only_item(str(standing.rank)))
            self.results.setItem(row, 1, read_only_item(titles.get(standing.item, "?")))
            self.results.setItem(row, 2, read_only_item(str(standing.dots)))
            self.results.setItem(row, 3, read_only_item(names[standing.status]))

    def change_dot(self, step: int) -> None:
        row = self.ballot.currentRow()
        voter = self.voter.currentData()
        if row < 0 or voter is None or self.workshop_id is None:
            return
        objective = self.ballot.item(row, 0).data(Qt.ItemDataRole.UserRole)
        operation = ops.CastDot if step > 0 else ops.WithdrawDot
        self.session.run(operation(self.workshop_id, voter, objective))

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
        (self.ballot if self._round_open else self.open_button).setFocus()

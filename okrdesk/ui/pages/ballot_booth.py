"""The ballot booth: the laptop goes round; each participant votes privately, then it clears."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.queries import latest_round, round_candidates, voters
from okrdesk.models import Dot, Objective, Participant, RoundKind, RoundStatus, Workshop
from okrdesk.ui.session import PlanSession

_NAME_ROLE = Qt.ItemDataRole.UserRole + 1


def _entry(name: str, voted: bool) -> str:
    """A name in the booth's list, ticked once the ballot is in (never what was chosen)."""
    return ("✓  " if voted else "     ") + name


def read_only_item(text: str, value: Any = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if value is not None:
        item.setData(Qt.ItemDataRole.UserRole, value)
    return item


class BallotBooth(QWidget):
    """Step 1: who is voting (names only, ✓ when their ballot is in). Step 2: their ballot."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.workshop_id: int | None = None
        self.voter: int | None = None
        self.dots_left = 0
        self.stack = QStackedWidget()
        # Step 1
        self.pick_label = QLabel()
        self.people = QListWidget()
        self.people.itemActivated.connect(self._start)
        self.start_button = QPushButton()
        self.start_button.setObjectName("primary")
        self.start_button.clicked.connect(lambda: self._start(self.people.currentItem()))
        first = QWidget()
        first_layout = QVBoxLayout(first)
        first_layout.addWidget(self.pick_label)
        first_layout.addWidget(self.people, 1)
        first_layout.addWidget(self.start_button)
        # Step 2
        self.ballot_label = QLabel()
        self.ballot_label.setObjectName("sectionTitle")
        self.left = QLabel()
        self.table = QTableWidget(0, 2)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.plus = QPushButton("+")
        self.minus = QPushButton("−")
        self.plus.clicked.connect(lambda: self.change_dot(+1))
        self.minus.clicked.connect(lambda: self.change_dot(-1))
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("primary")
        self.confirm_button.clicked.connect(self.confirm)
        self.done_button = QPushButton()
        self.done_button.clicked.connect(self.leave)
        for key, step in (("+", 1), ("=", 1), ("-", -1)):
            action = QAction(self.table)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _checked=False, s=step: self.change_dot(s))
            self.table.addAction(action)
        dots = QHBoxLayout()
        dots.addWidget(self.left, 1)
        dots.addWidget(self.minus)
        dots.addWidget(self.plus)
        buttons = QHBoxLayout()
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        second = QWidget()
        second_layout = QVBoxLayout(second)
        second_layout.addWidget(self.ballot_label)
        second_layout.addLayout(dots)
        second_layout.addWidget(self.table, 1)
        second_layout.addLayout(buttons)
        self.stack.addWidget(first)
        self.stack.addWidget(second)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.retranslate()

    def retranslate(self) -> None:
        self.pick_label.setText(self.tr("Hand the laptop to the next person. Who is voting?"))
        self.people.setAccessibleName(self.tr("Participants (✓: ballot is in)"))
        self.start_button.setText(self.tr("Vote now"))
        self.table.setHorizontalHeaderLabels([self.tr("Objective"), self.tr("Your dots")])
        self.table.setAccessibleName(self.tr("Your dots per objective (+ and − to change)"))
        self.plus.setAccessibleName(self.tr("Add a dot"))
        self.minus.setAccessibleName(self.tr("Take a dot back"))
        self.confirm_button.setText(self.tr("Hand in my ballot"))
        self.done_button.setText(self.tr("Back to the list"))

    def load(self, workshop_id: int | None) -> None:
        """Show the list of names again (never anyone's choices)."""
        self.workshop_id = workshop_id
        self.voter = None
        self.table.setRowCount(0)
        self.stack.setCurrentIndex(0)
        self.people.clear()
        if workshop_id is None:
            return
        with self.session.read() as session:
            current = latest_round(session, workshop_id)
            done = set() if current is None else voters(session, current.id)
            for person in session.scalars(
                select(Participant)
                .where(Participant.workshop_id == workshop_id)
                .order_by(Participant.position)
            ):
                item = QListWidgetItem(_entry(person.name, person.id in done))
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                item.setData(_NAME_ROLE, person.name)
                self.people.addItem(item)
        self.people.setCurrentRow(0)

    def refresh(self) -> None:
        """After a change: the current voter's ballot, or the ticks in the list."""
        if self.voter is not None:
            self._show_ballot()
            return
        if self.workshop_id is None or self.people.count() == 0:
            self.load(self.workshop_id)
            return
        with self.session.read() as session:
            current = latest_round(session, self.workshop_id)
            done = set() if current is None else voters(session, current.id)
        self._tick(lambda item: item.data(Qt.ItemDataRole.UserRole) in done)

    def show_missing(self, missing: tuple[str, ...]) -> None:
        """Tick everyone whose ballot is in, given the names still missing one."""
        if self.voter is not None or self.people.count() == 0:
            self.refresh()
            return
        waiting = set(missing)
        self._tick(lambda item: item.data(_NAME_ROLE) not in waiting)

    def _tick(self, voted: Callable[[QListWidgetItem], bool]) -> None:
        for row in range(self.people.count()):
            item = self.people.item(row)
            text = _entry(item.data(_NAME_ROLE), voted(item))
            if item.text() != text:
                item.setText(text)

    def _start(self, item: QListWidgetItem | None) -> None:
        if item is None or self.workshop_id is None:
            return
        voter = int(item.data(Qt.ItemDataRole.UserRole))
        with self.session.read() as session:
            current = latest_round(session, self.workshop_id)
            confirmed = current is not None and voter in voters(session, current.id)
            leftover = current is not None and (
                session.scalar(
                    select(Dot.id).where(Dot.round_id == current.id, Dot.participant_id == voter)
                )
                is not None
            )
        if confirmed:
            from okrdesk.ui.dialogs import confirm

            question = self.tr(
                "Your ballot is in. Take it back and vote again? Your dots are cleared "
                "so nobody else can see them."
            )
            if (
                not confirm(self, question)
                or self.session.run(ops.RedoBallot(self.workshop_id, voter)) is None
            ):
                return
        elif leftover and self.session.run(ops.ClearDots(self.workshop_id, voter)) is None:
            # Dots nobody handed in (someone walked away, or an undo): never shown to the
            # next person at the laptop; the ballot starts empty.
            return
        self.voter = voter
        self._show_ballot()
        self.table.setFocus()

    def _show_ballot(self) -> None:
        assert self.workshop_id is not None and self.voter is not None
        row = max(self.table.currentRow(), 0)
        with self.session.read() as session:
            workshop = session.get(Workshop, self.workshop_id)
            current = latest_round(session, self.workshop_id)
            person = session.get(Participant, self.voter)
            handed_in = current is not None and self.voter in voters(session, current.id)
            if (
                workshop is None
                or current is None
                or person is None
                or current.status != RoundStatus.OPEN
                or handed_in  # never show a handed-in ballot (e.g. after an undo or redo)
            ):
                self.load(self.workshop_id)
                return
            mine = dict(
                session.execute(
                    select(Dot.objective_id, Dot.count).where(
                        Dot.round_id == current.id, Dot.participant_id == self.voter
                    )
                ).all()
            )
            runoff = current.kind == RoundKind.RUNOFF
            budget, cap = (current.seats, 1) if runoff else (workshop.dot_budget, workshop.dot_cap)
            candidates = round_candidates(session, current)
            titles = dict(
                session.execute(
                    select(Objective.id, Objective.title).where(Objective.id.in_(candidates))
                ).all()
            )
        self.ballot_label.setText(self.tr("Ballot of %1").replace("%1", person.name))
        self.table.setRowCount(0)
        for index, objective_id in enumerate(candidates):
            self.table.insertRow(index)
            self.table.setItem(index, 0, read_only_item(titles[objective_id], objective_id))
            self.table.setItem(index, 1, read_only_item("●" * mine.get(objective_id, 0)))
        left = budget - sum(mine.values())
        self.dots_left = left
        self.left.setText(
            self.tr("%1 of %2 dots left · at most %3 per objective")
            .replace("%1", str(left))
            .replace("%2", str(budget))
            .replace("%3", str(cap))
        )
        self.table.setCurrentCell(min(row, max(len(candidates) - 1, 0)), 0)
        self.stack.setCurrentIndex(1)

    def change_dot(self, step: int) -> None:
        row = self.table.currentRow()
        if row < 0 or self.voter is None or self.workshop_id is None:
            return
        objective = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        operation = ops.CastDot if step > 0 else ops.WithdrawDot
        self.session.run(operation(self.workshop_id, self.voter, objective))

    def confirm(self) -> None:
        if self.voter is None or self.workshop_id is None:
            return
        if self.dots_left > 0:
            from okrdesk.ui.dialogs import confirm

            question = self.tr("You still have %1 dots to place. Hand in the ballot anyway?")
            if not confirm(self, question.replace("%1", str(self.dots_left))):
                return
        if self.session.run(ops.ConfirmBallot(self.workshop_id, self.voter)) is not None:
            self.finish()

    def leave(self) -> None:
        """Back to the list without handing in: the unfinished dots are taken back."""
        if self.voter is not None and self.workshop_id is not None:
            self.session.run(ops.ClearDots(self.workshop_id, self.voter))
        self.finish()

    def finish(self) -> None:
        """Clear the screen for the next person: back to names only."""
        self.load(self.workshop_id)
        self.people.setFocus()

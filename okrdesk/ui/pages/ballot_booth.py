"""The ballot booth: the laptop goes round; each participant votes privately, then it clears."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor
from okrdesk.engine.ballot_view import BallotView, BoothView, ballot_view, booth_view
from okrdesk.engine.operation import Operation
from okrdesk.ui.plain_label import PlainLabel, plain_tip
from okrdesk.ui.session import PlanSession

_NAME_ROLE = Qt.ItemDataRole.UserRole + 1


def _entry(name: str, voted: bool) -> str:
    """A name in the booth's list, ticked once the ballot is in (never what was chosen)."""
    return ("✓  " if voted else "     ") + name


def read_only_item(text: str, value: int | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if value is not None:
        item.setData(Qt.ItemDataRole.UserRole, value)
    return item


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """A cell the page itself filled (every row gets all its items when inserted)."""
    item = table.item(row, column)
    assert item is not None
    return item


class BallotBooth(QWidget):
    """Step 1: who is voting (names only, ✓ when their ballot is in). Step 2: their ballot.

    Everything done here is the voter's, not the facilitator's: it runs as the booth
    (Actor.BOOTH), so the facilitator's Undo never takes a person's dots or ballot away.
    """

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.workshop_id: int | None = None
        self.voter: int | None = None
        self.ballot: BallotView | None = None  # the voter's ballot as shown
        self.stack = QStackedWidget()
        # Step 1
        self.pick_label = PlainLabel()
        self.pick_label.setWordWrap(True)
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
        self.ballot_label = PlainLabel()
        self.ballot_label.setObjectName("sectionTitle")
        self.left = PlainLabel()
        self.table = QTableWidget(0, 2)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.currentCellChanged.connect(lambda *_cells: self._update_buttons())
        # Tab leaves the table (to the buttons); arrows move between objectives.
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
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
        # Enter hands the ballot in (it asks first if dots are left).
        hand_in = QAction(self.table)
        hand_in.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        hand_in.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        hand_in.triggered.connect(self.confirm)
        self.table.addAction(hand_in)
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
        # The laptop goes round: whoever holds it sees at once where the keyboard is.
        self.setStyleSheet(
            "QListWidget:focus, QTableWidget:focus { border: 2px solid #2563eb; }"
            " QPushButton:focus { border: 2px solid #1d4ed8; border-radius: 6px; }"
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.pick_label.setText(self.tr("Hand the laptop to the next person. Who is voting?"))
        self.people.setAccessibleName(self.tr("Participants (✓: ballot is in)"))
        # Not "Open voting" (the facilitator's step): this starts one person's ballot.
        self.start_button.setText(self.tr("Start my ballot"))
        self.table.setHorizontalHeaderLabels([self.tr("Objective"), self.tr("Your dots")])
        self.table.setAccessibleName(self.tr("Your dots per objective (+ and − to change)"))
        self.plus.setAccessibleName(self.tr("Add a dot"))
        self.minus.setAccessibleName(self.tr("Take a dot back"))
        self.confirm_button.setText(self.tr("Hand in my ballot"))
        self.done_button.setText(self.tr("Back to the list"))

    @property
    def dots_left(self) -> int:
        return 0 if self.ballot is None else self.ballot.dots_left

    def _run(self, operation: Operation) -> bool:
        """Run one of the voter's own steps (never on the facilitator's undo stack)."""
        return self.session.run(operation, Actor.BOOTH) is not None

    def load(self, workshop_id: int | None) -> None:
        """Show the list of names again (never anyone's choices)."""
        self.workshop_id = workshop_id
        self.voter = None
        self.ballot = None
        self.table.setRowCount(0)
        self.stack.setCurrentIndex(0)
        self.people.clear()
        if workshop_id is None:
            return
        for person in self.session.view(booth_view, workshop_id).people:
            item = QListWidgetItem(_entry(person.name, person.voted))
            item.setData(Qt.ItemDataRole.UserRole, person.participant_id)
            item.setData(_NAME_ROLE, person.name)
            self.people.addItem(item)
        self.people.setCurrentRow(0)
        if self.people.count() and self.people.item(0).text().startswith("✓"):
            self.select_next_voter(0)

    def refresh(self, booth: BoothView | None = None) -> None:
        """After a change: the current voter's ballot, or the ticks in the list (as
        ``booth`` says when the page has read it already)."""
        if self.voter is not None:
            self._show_ballot()
            return
        if self.workshop_id is None:
            return
        if booth is None or booth.workshop_id != self.workshop_id:
            booth = self.session.view(booth_view, self.workshop_id)
        listed = [
            self.people.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.people.count())
        ]
        if listed != [p.participant_id for p in booth.people]:
            self.load(self.workshop_id)  # someone joined or left: the list again
            return
        self._tick(booth)

    def _tick(self, booth: BoothView) -> None:
        for row, person in enumerate(booth.people):
            item = self.people.item(row)
            text = _entry(person.name, person.voted)
            if item.text() != text:
                item.setText(text)
                item.setData(_NAME_ROLE, person.name)

    def _start(self, item: QListWidgetItem | None) -> None:
        if item is None or self.workshop_id is None:
            return
        voter = int(item.data(Qt.ItemDataRole.UserRole))
        ballot = self.session.view(ballot_view, self.workshop_id, voter)
        if ballot is None:
            return
        if ballot.handed_in:
            from okrdesk.ui.dialogs import confirm

            question = self.tr(
                "Your ballot is in. Take it back and vote again? Your dots are cleared "
                "so nobody else can see them."
            )
            if not confirm(self, question) or not self._run(
                ops.RedoBallot(self.workshop_id, voter)
            ):
                return
        elif ballot.placed and not self._run(ops.ClearDots(self.workshop_id, voter)):
            # Dots nobody handed in (someone walked away): never shown to the next person
            # at the laptop; the ballot starts empty.
            return
        self.voter = voter
        self._show_ballot()
        self.table.setFocus()

    def _show_ballot(self) -> None:
        assert self.workshop_id is not None and self.voter is not None
        row = max(self.table.currentRow(), 0)
        ballot = self.session.view(ballot_view, self.workshop_id, self.voter)
        if ballot is None or not ballot.accepting:
            # The round closed, or the ballot is in: never show a handed-in ballot.
            self.load(self.workshop_id)
            return
        self.ballot = ballot
        self.ballot_label.setText(self.tr("Ballot of %1").replace("%1", ballot.name))
        same = [
            cell(self.table, r, 0).data(Qt.ItemDataRole.UserRole)
            for r in range(self.table.rowCount())
        ] == [line.objective_id for line in ballot.lines]
        if not same:
            self.table.setRowCount(0)
        for index, line in enumerate(ballot.lines):
            if not same:
                self.table.insertRow(index)
                self.table.setItem(index, 0, read_only_item(line.title, line.objective_id))
                self.table.setItem(index, 1, read_only_item(""))
            title = cell(self.table, index, 0)
            # People vote on the OKR, not a bare title: its key results under it.
            title.setText("\n".join([line.title, *(f"   · {kr}" for kr in line.key_results)]))
            title.setToolTip(plain_tip("\n".join(line.key_results)))
            cell(self.table, index, 1).setText("●" * line.dots)
        self.left.setText(
            self.tr("%1 of %2 dots left · at most %3 per objective")
            .replace("%1", str(ballot.dots_left))
            .replace("%2", str(ballot.budget))
            .replace("%3", str(ballot.cap))
        )
        self.table.resizeRowsToContents()
        if not same:
            self.table.setCurrentCell(min(row, max(len(ballot.lines) - 1, 0)), 0)
        self._update_buttons()
        self.stack.setCurrentIndex(1)

    def _update_buttons(self) -> None:
        """+ and − as the engine would take them for the objective in focus."""
        row = self.table.currentRow()
        line = None
        if self.ballot is not None and 0 <= row < len(self.ballot.lines):
            line = self.ballot.lines[row]
        self.plus.setEnabled(line is not None and line.can_add)
        self.minus.setEnabled(line is not None and line.can_take_back)

    def change_dot(self, step: int) -> None:
        row = self.table.currentRow()
        if row < 0 or self.voter is None or self.workshop_id is None:
            return
        objective = cell(self.table, row, 0).data(Qt.ItemDataRole.UserRole)
        operation = ops.CastDot if step > 0 else ops.WithdrawDot
        # A key press on a dot the engine refuses still asks it: the refusal says why.
        self._run(operation(self.workshop_id, self.voter, objective))

    def confirm(self) -> None:
        if self.voter is None or self.workshop_id is None:
            return
        if self.dots_left > 0:
            from okrdesk.ui.dialogs import confirm

            question = self.tr("You still have %1 dots to place. Hand in the ballot anyway?")
            if not confirm(self, question.replace("%1", str(self.dots_left))):
                return
        # The voter's row, read now: handing in re-reads the list (on the next name already).
        row = self.people.currentRow()
        if self._run(ops.ConfirmBallot(self.workshop_id, self.voter)):
            self.finish(row)

    def leave(self) -> None:
        """Back to the list without handing in: the unfinished dots are taken back."""
        if self.voter is not None and self.workshop_id is not None:
            self._run(ops.ClearDots(self.workshop_id, self.voter))
        self.finish()

    def finish(self, row: int | None = None) -> None:
        """Clear the screen for the next person: back to names only, on the next name
        (after the one who just voted, at ``row``, round the list) whose ballot is not in yet."""
        last = self.people.currentRow() if row is None else row
        self.load(self.workshop_id)
        self.select_next_voter(max(last, 0))
        self.people.setFocus()

    def select_next_voter(self, after: int) -> None:
        """Put the list on the first person after row `after` who has not voted yet."""
        count = self.people.count()
        for step in range(1, count + 1):
            row = (after + step) % count
            if not self.people.item(row).text().startswith("✓"):
                self.people.setCurrentRow(row)
                return

"""The retrospective: a unit's approved OKRs looked back on by the seed's four questions.

The facilitator starts it, puts the room on one question at a time (the projector shows it),
types the answers like brainstorm cards (Enter adds; an answer may name the objective it is
about), gathers them under group titles (drag, or select and press M), edits and removes
them, and marks which objectives the next cycle is offered. Every change is an undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QDropEvent,
    QFont,
    QHideEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine.aspects import Aspect
from okrdesk.engine.carry_over import CarryMark, MarkToCarry, UnmarkToCarry, carry_marks
from okrdesk.engine.changes import Change
from okrdesk.engine.operation import Operation
from okrdesk.engine.retro_ops import (
    AddRetroAnswer,
    AddRetroGroup,
    DeleteRetroAnswer,
    DeleteRetroGroup,
    EditRetroAnswer,
    MoveRetroAnswer,
    RenameRetroGroup,
    ShowRetroQuestion,
    StartRetrospective,
)
from okrdesk.engine.retro_view import (
    RetroAnswerView,
    RetroQuestionView,
    RetrospectiveView,
    retrospective_view,
)
from okrdesk.engine.scoring import shown
from okrdesk.engine.validation import CARD_LENGTH
from okrdesk.messages import translate
from okrdesk.models import RetroQuestion
from okrdesk.ui.dialogs import CANCELLED, ask_text, choose
from okrdesk.ui.plain_label import PlainLabel, plain_tip
from okrdesk.ui.projector.retro_screen import RetroSlide
from okrdesk.ui.session import PlanSession
from okrdesk.ui.style import DANGER

KIND_ROLE = Qt.ItemDataRole.UserRole  # "group", "loose" or "answer"
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the group's or the answer's id
MARK_ROLE = Qt.ItemDataRole.UserRole + 2  # an objective's id in the carry-over list
GROUP, LOOSE, ANSWER = "group", "loose", "answer"
NEW_GROUP = -1  # "a new group…" among the targets of a move
SHOWN_ASPECTS = (
    Aspect.RETROSPECTIVE,
    Aspect.OBJECTIVES,
    Aspect.WORKSHOPS,
    Aspect.SIGNOFF,  # approved, reopened: whether it may start
    Aspect.PHASE,
    Aspect.CHECK_INS,
    Aspect.SCORES,
    Aspect.KEY_RESULTS,
)
# What can change the scores and marks beside the answers (the rest: the answers alone).
MARK_ASPECTS = (
    Aspect.OBJECTIVES,
    Aspect.KEY_RESULTS,
    Aspect.CHECK_INS,
    Aspect.SCORES,
    Aspect.SIGNOFF,
    Aspect.WORKSHOPS,
)
QUESTIONS = tuple(RetroQuestion)


class WrappingDelegate(QStyledItemDelegate):
    """A row as high as its text wrapped in the width the tree gives it."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        depth = 0 if not index.parent().isValid() else 1
        width = self.tree.columnWidth(0) - self.tree.indentation() * (depth + 1) - 8
        if width <= 0:
            return hint
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        needed = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), flags, text)
        return QSize(hint.width(), max(hint.height(), needed.height() + 4))


class AnswerTree(QTreeWidget):
    """Groups and their answers; a drop asks for a move (the change redraws the tree)."""

    moved = Signal(list, object, object)  # answer ids, group id (None: loose), index or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        # A long answer wraps in the column's width (no "…"): rows as high as they need.
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setItemDelegate(WrappingDelegate(self))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # the rows' heights follow the new width

    def selected_answers(self) -> list[int]:
        return [
            int(item.data(0, ID_ROLE))
            for item in self.selectedItems()
            if item.data(0, KIND_ROLE) == ANSWER
        ]

    def drop_target(
        self, item: QTreeWidgetItem | None, position: QAbstractItemView.DropIndicatorPosition
    ) -> tuple[bool, int | None, int | None]:
        """Where a drop on this item lands: (valid, group id or None, index or None)."""
        if item is None:
            return True, None, None  # below everything: loose, last
        kind = item.data(0, KIND_ROLE)
        if kind in (GROUP, LOOSE):
            group = item.data(0, ID_ROLE) if kind == GROUP else None
            return True, group, None
        parent = item.parent()
        if parent is None:
            return False, None, None
        group = parent.data(0, ID_ROLE) if parent.data(0, KIND_ROLE) == GROUP else None
        index = parent.indexOfChild(item)
        if position == QAbstractItemView.DropIndicatorPosition.BelowItem:
            index += 1
        return True, group, index

    def dropEvent(self, event: QDropEvent) -> None:
        ids = self.selected_answers()
        valid, group, index = self.drop_target(
            self.itemAt(event.position().toPoint()), self.dropIndicatorPosition()
        )
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()  # the tree does not move the rows itself: the change redraws it
        if ids and valid:
            self.moved.emit(ids, group, index)


class RetroDialog(QDialog):
    """One workshop's retrospective: the question, the answers, the groups, the carry-over."""

    def __init__(
        self,
        session: PlanSession,
        workshop_id: int,
        parent: QWidget | None = None,
        projector: Callable[[RetroSlide | None], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.projector = projector  # shows the room the question it is on
        self.setObjectName("retro_dialog")
        self.session = session
        self.workshop_id = workshop_id
        self.view: RetrospectiveView | None = None
        self.marks: tuple[CarryMark, ...] = ()
        self._stale = False  # changed while hidden: read again when shown
        self._marks_stale = False

        self.heading = PlainLabel()
        heading_font = self.heading.font()
        heading_font.setPixelSize(round(heading_font.pixelSize() * 1.3))
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.status = PlainLabel()
        self.status.setWordWrap(True)
        self.start = QPushButton()
        self.start.clicked.connect(self.start_retrospective)

        self.number = PlainLabel()
        self.question = PlainLabel()
        self.question.setWordWrap(True)
        question_font = QFont(heading_font)
        question_font.setPixelSize(round(heading_font.pixelSize() * 1.2))
        self.question.setFont(question_font)
        self.previous = QPushButton()
        self.previous.clicked.connect(lambda: self.step_question(-1))
        self.next = QPushButton()
        self.next.clicked.connect(lambda: self.step_question(1))

        self.answer = QLineEdit()
        self.answer.setMaxLength(CARD_LENGTH)
        self.answer.returnPressed.connect(self.add_answer)
        self.about = QComboBox()
        self.about.setMinimumContentsLength(18)
        self.about.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.add = QPushButton()
        self.add.clicked.connect(self.add_answer)
        self.problem = PlainLabel()  # why the last change was refused, in the user's words
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {DANGER};")
        self.problem.hide()

        self.tree = AnswerTree()
        self.tree.moved.connect(self.move_answers)
        self.tree.itemSelectionChanged.connect(self._enable)
        self.tree.itemDoubleClicked.connect(lambda *_: self.edit_selected())
        self.new_group = QPushButton()
        self.new_group.clicked.connect(self.add_group)
        self.move_to = QPushButton()
        self.move_to.clicked.connect(self.move_selected)
        self.edit = QPushButton()
        self.edit.clicked.connect(self.edit_selected)
        self.concerns = QPushButton()
        self.concerns.clicked.connect(self.set_objective)
        self.remove = QPushButton()
        self.remove.clicked.connect(self.delete_selected)

        self.carry_box = QGroupBox()
        self.carry_hint = PlainLabel()
        self.carry_hint.setWordWrap(True)
        self.carry = QTreeWidget()
        self.carry.setRootIsDecorated(False)
        self.carry.setColumnCount(2)
        self.carry.header().setStretchLastSection(False)
        self.carry.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.carry.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.carry.itemChanged.connect(self._carry_ticked)
        carry_layout = QVBoxLayout(self.carry_box)
        carry_layout.addWidget(self.carry_hint)
        carry_layout.addWidget(self.carry, 1)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.start)
        steps = QHBoxLayout()
        steps.addWidget(self.number, 1)
        steps.addWidget(self.previous)
        steps.addWidget(self.next)
        entry = QHBoxLayout()
        entry.addWidget(self.answer, 3)
        self.about_label = PlainLabel()
        entry.addWidget(self.about_label)
        entry.addWidget(self.about, 2)
        entry.addWidget(self.add)
        buttons = QHBoxLayout()
        for button in (self.new_group, self.move_to, self.edit, self.concerns, self.remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(steps)
        left_layout.addWidget(self.question)
        left_layout.addLayout(entry)
        left_layout.addWidget(self.problem)
        left_layout.addWidget(self.tree, 1)
        left_layout.addLayout(buttons)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.carry_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)

        # The window's keys reach a dialog only through its own shortcuts.
        QShortcut(QKeySequence.StandardKey.Undo, self, session.undo_stack.undo)
        QShortcut(QKeySequence.StandardKey.Redo, self, session.undo_stack.redo)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self.step_question(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self.step_question(-1))
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.add_group)
        on_tree = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in (
            ("M", self.move_selected),
            ("F2", self.edit_selected),
            ("O", self.set_objective),
            (QKeySequence.StandardKey.Delete, self.delete_selected),
        ):
            shortcut = QShortcut(QKeySequence(key), self.tree, slot)
            shortcut.setContext(on_tree)
        session.changed.connect(self._changed)
        session.refused.connect(self._refused)
        self.resize(1200, 720)
        self.retranslate()
        self.refresh()

    # Reading
    def _refused(self, message: str) -> None:
        if self.isActiveWindow():  # a refusal of the retrospective's own entry
            self.problem.setText(message)
            self.problem.show()

    def _changed(self, change: Change) -> None:
        if not change.about(self.workshop_id) or not change.touches(*SHOWN_ASPECTS):
            return
        # The scores and marks are read again only when they may have changed (an answer
        # typed changes neither); a hidden window reads nothing until it is shown again.
        self._marks_stale |= change.touches(*MARK_ASPECTS)
        if self.isVisible():
            self.refresh(marks=self._marks_stale)
        else:
            self._stale = True

    def refresh(self, *, marks: bool = True) -> None:
        if self.session.closed:
            return
        self._stale = False
        self.view = self.session.view(retrospective_view, self.workshop_id)
        if marks:
            self.marks = self.session.view(carry_marks, self.workshop_id)
            self._marks_stale = False
        self._fill_about()
        self._fill_tree()
        self._fill_carry()
        self._retranslate_view()
        self._enable()
        self._project()

    def current_question(self) -> RetroQuestionView | None:
        """The question the room is on (the first, before the start)."""
        view = self.view
        if view is None:
            return None
        return view.on_projector or view.questions[0]

    def _fill_about(self) -> None:
        chosen = self.about.currentData()
        self.about.blockSignals(True)
        self.about.clear()
        self.about.addItem(self.tr("No particular objective"), 0)
        for objective in self.view.objectives if self.view is not None else ():
            if objective.selected:
                self.about.addItem(objective.title, objective.id)
        found = self.about.findData(chosen)
        self.about.setCurrentIndex(max(found, 0))
        self.about.blockSignals(False)

    def _fill_tree(self) -> None:
        question = self.current_question()
        chosen = set(self.tree.selected_answers())
        current = self.tree.currentItem()
        current_key = (
            None if current is None else (current.data(0, KIND_ROLE), current.data(0, ID_ROLE))
        )
        self.tree.clear()
        if question is None:
            return
        bold = QFont(self.tree.font())
        bold.setBold(True)
        restore: QTreeWidgetItem | None = None
        tops: list[tuple[QTreeWidgetItem, Sequence[RetroAnswerView]]] = []
        for group in question.groups:
            item = QTreeWidgetItem([group.title])
            item.setData(0, KIND_ROLE, GROUP)
            item.setData(0, ID_ROLE, group.id)
            item.setFont(0, bold)
            item.setToolTip(0, plain_tip(group.title))
            tops.append((item, group.answers))
        loose = QTreeWidgetItem([self.tr("Not grouped")])
        loose.setData(0, KIND_ROLE, LOOSE)
        loose.setData(0, ID_ROLE, 0)
        tops.append((loose, question.loose))
        for item, answers in tops:
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDropEnabled
            )
            self.tree.addTopLevelItem(item)
            if current_key == (item.data(0, KIND_ROLE), item.data(0, ID_ROLE)):
                restore = item
            for answer in answers:
                child = QTreeWidgetItem(item, [self._answer_text(answer)])
                child.setData(0, KIND_ROLE, ANSWER)
                child.setData(0, ID_ROLE, answer.id)
                child.setToolTip(0, plain_tip(answer.text))
                child.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsDragEnabled
                    | Qt.ItemFlag.ItemNeverHasChildren
                )
                if answer.id in chosen:
                    child.setSelected(True)
                if current_key == (ANSWER, answer.id):
                    restore = child
            item.setExpanded(True)
        if restore is not None:
            self.tree.setCurrentItem(restore, 0, self.tree.selectionCommand(QModelIndex()))

    def _answer_text(self, answer: RetroAnswerView) -> str:
        text = answer.text
        if answer.objective is not None:
            text = self.tr("%1 — about: %2").replace("%1", text).replace("%2", answer.objective)
        if answer.author is not None:  # (a phone's answer, by its person)
            text = self.tr("%1 — %2").replace("%1", text).replace("%2", answer.author)
        return text

    def _fill_carry(self) -> None:
        self.carry.blockSignals(True)
        self.carry.clear()
        editable = self._editable()
        for mark in self.marks:
            score = "—" if mark.score is None else shown(mark.score)
            item = QTreeWidgetItem([mark.title, score])
            item.setData(0, MARK_ROLE, mark.objective_id)
            item.setToolTip(0, plain_tip(mark.title))
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if not mark.unfinished and editable:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(
                0, Qt.CheckState.Checked if mark.offered else Qt.CheckState.Unchecked
            )
            if mark.unfinished:
                item.setToolTip(1, self.tr("Below 0.7 or never scored: offered to the next cycle"))
            self.carry.addTopLevelItem(item)
        self.carry.blockSignals(False)

    def _editable(self) -> bool:
        view = self.view
        return view is not None and not view.imported and not self.session.read_only

    def _enable(self) -> None:
        view = self.view
        started = view is not None and view.started and self._editable()
        self.start.setVisible(view is not None and view.can_start)
        self.start.setEnabled(view is not None and view.can_start and not self.session.read_only)
        for widget in (self.answer, self.about, self.add, self.new_group, self.tree):
            widget.setEnabled(started)
        number = self._number()
        self.previous.setEnabled(started and number > 0)
        self.next.setEnabled(started and number < len(QUESTIONS) - 1)
        picked = self.tree.selectedItems()
        answers = self.tree.selected_answers()
        one = len(picked) == 1 and picked[0].data(0, KIND_ROLE) in (GROUP, ANSWER)
        self.move_to.setEnabled(started and bool(answers))
        self.edit.setEnabled(started and one)
        self.concerns.setEnabled(started and bool(answers))
        self.remove.setEnabled(
            started and bool(picked) and all(p.data(0, KIND_ROLE) != LOOSE for p in picked)
        )

    def _number(self) -> int:
        question = self.current_question()
        return 0 if question is None else QUESTIONS.index(question.question)

    # The projector
    def slide(self) -> RetroSlide | None:
        """The question the room is on, with its answers, as the room sees it."""
        view = self.view
        if view is None or not view.started:
            return None
        question = view.on_projector
        if question is None:
            return None
        words = translate(question.message_id, self.session.language)
        return RetroSlide(f"{view.unit} · {view.cycle}", question, words, len(QUESTIONS))

    def _project(self) -> None:
        if self.projector is not None and self.isVisible():
            self.projector(self.slide())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh(marks=self._marks_stale)
        self.answer.setFocus()
        self._project()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self.projector is not None:
            self.projector(None)  # the room sees the workshop's page again

    # Changes
    def _run(self, operation: Operation) -> bool:
        if self.session.run(operation) is None:
            return False
        self.problem.hide()
        return True

    def start_retrospective(self) -> None:
        if self._run(StartRetrospective(self.workshop_id)):
            self.answer.setFocus()

    def step_question(self, by: int) -> None:
        """On to the next (or back to the previous) question; the room follows."""
        view = self.view
        if view is None or not view.started:
            return
        number = self._number() + by
        if 0 <= number < len(QUESTIONS):
            self._run(ShowRetroQuestion(self.workshop_id, QUESTIONS[number]))
            self.answer.setFocus()

    def add_answer(self) -> None:
        """The typed answer, to the question the room is on (Enter); the line is cleared."""
        question = self.current_question()
        text = self.answer.text().strip()
        if question is None or not text:
            return
        about = self.about.currentData()
        operation = AddRetroAnswer(
            self.workshop_id, question.question, text, objective_id=about or None
        )
        if self._run(operation):
            self.answer.clear()
            self.answer.setFocus()

    def add_group(self, answer_ids: Sequence[int] = ()) -> int | None:
        """A new group for the question, named by the facilitator; the answers go in it."""
        question = self.current_question()
        if question is None or not self._started():
            return None
        title = ask_text(self, self.tr("New Group"), self.tr("The group's title:"))
        if title is None:
            return None
        change = self.session.run(AddRetroGroup(self.workshop_id, question.question, title))
        if change is None:
            return None
        self.problem.hide()
        group_id = int(change.result)
        if answer_ids:
            self.move_answers(list(answer_ids), group_id, None)
        return group_id

    def _started(self) -> bool:
        return self.view is not None and self.view.started and self._editable()

    def move_answers(self, ids: list[int], group_id: int | None, index: int | None) -> None:
        """Answers into a group (None: out of any), at an index (None: last), in one step."""
        if not ids or not self._started():
            return
        steps = [
            MoveRetroAnswer(answer, group_id, None if index is None else index + n)
            for n, answer in enumerate(ids)
        ]
        if len(steps) == 1:
            self._run(steps[0])
            return

        def run(apply: Callable[[Operation], object]) -> None:
            for step in steps:
                apply(step)

        if self.session.run_batch("op.move_retro_answer", run):
            self.problem.hide()

    def move_selected(self) -> None:
        """M: the selected answers into a group chosen from a list (or a new one)."""
        ids = self.tree.selected_answers()
        question = self.current_question()
        if not ids or question is None or not self._started():
            return
        choices: list[tuple[str, int | None]] = [(g.title, g.id) for g in question.groups]
        choices.append((self.tr("Not grouped"), None))
        choices.append((self.tr("A new group…"), NEW_GROUP))
        target = choose(self, self.tr("Move to Group"), self.tr("Move the answers to:"), choices)
        if target is CANCELLED:
            return
        if target == NEW_GROUP:
            self.add_group(ids)
        else:
            self.move_answers(ids, target, None)

    def _answer(self, answer_id: int) -> RetroAnswerView | None:
        question = self.current_question()
        if question is None:
            return None
        every = [*question.loose, *(a for g in question.groups for a in g.answers)]
        return next((a for a in every if a.id == answer_id), None)

    def edit_selected(self) -> None:
        """F2: the selected answer's text, or the selected group's title."""
        picked = self.tree.selectedItems()
        if len(picked) != 1 or not self._started():
            return
        item = picked[0]
        kind, key = item.data(0, KIND_ROLE), int(item.data(0, ID_ROLE))
        if kind == GROUP:
            title = ask_text(
                self, self.tr("Rename Group"), self.tr("The group's title:"), text=item.text(0)
            )
            if title is not None:
                self._run(RenameRetroGroup(key, title))
        elif kind == ANSWER:
            answer = self._answer(key)
            if answer is None:
                return
            text = ask_text(self, self.tr("Edit Answer"), self.tr("The answer:"), text=answer.text)
            if text is not None:
                self._run(EditRetroAnswer(key, text))

    def set_objective(self) -> None:
        """O: which objective the selected answers are about (or none)."""
        ids = self.tree.selected_answers()
        if not ids or self.view is None or not self._started():
            return
        choices: list[tuple[str, int]] = [(self.tr("No particular objective"), 0)]
        choices += [(o.title, o.id) for o in self.view.objectives if o.selected]
        target = choose(
            self, self.tr("About an Objective"), self.tr("The answers are about:"), choices
        )
        if target is CANCELLED:
            return
        steps = []
        for answer_id in ids:
            answer = self._answer(answer_id)
            if answer is not None:
                steps.append(EditRetroAnswer(answer_id, answer.text, objective_id=int(target)))

        def run(apply: Callable[[Operation], object]) -> None:
            for step in steps:
                apply(step)

        if steps and self.session.run_batch("op.edit_retro_answer", run):
            self.problem.hide()

    def delete_selected(self) -> None:
        """Del: the selected answers and groups (a group's answers stay, not grouped)."""
        if not self._started():
            return
        steps: list[Operation] = []
        for item in self.tree.selectedItems():
            kind, key = item.data(0, KIND_ROLE), int(item.data(0, ID_ROLE))
            if kind == ANSWER:
                steps.append(DeleteRetroAnswer(key))
        for item in self.tree.selectedItems():
            if item.data(0, KIND_ROLE) == GROUP:
                steps.append(DeleteRetroGroup(int(item.data(0, ID_ROLE))))
        if not steps:
            return
        if len(steps) == 1:
            self._run(steps[0])
            return

        def run(apply: Callable[[Operation], object]) -> None:
            for step in steps:
                apply(step)

        if self.session.run_batch("op.delete_retro_answer", run):
            self.problem.hide()

    def _carry_ticked(self, item: QTreeWidgetItem, column: int) -> None:
        objective = item.data(0, MARK_ROLE)
        mark = next((m for m in self.marks if m.objective_id == objective), None)
        if mark is None or mark.unfinished:
            return
        ticked = item.checkState(0) == Qt.CheckState.Checked
        if ticked != mark.marked:
            operation = MarkToCarry(objective) if ticked else UnmarkToCarry(objective)
            if not self._run(operation):
                self._fill_carry()

    # Words
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.start.setText(self.tr("Start the Retrospective"))
        self.previous.setText(self.tr("Previous Question (Ctrl+PgUp)"))
        self.next.setText(self.tr("Next Question (Ctrl+PgDown)"))
        self.answer.setPlaceholderText(self.tr("Type an answer and press Enter"))
        self.answer.setAccessibleName(self.tr("Answer"))
        self.about_label.setText(self.tr("About:"))
        self.about.setAccessibleName(self.tr("The objective the answer is about"))
        self.add.setText(self.tr("Add (Enter)"))
        self.new_group.setText(self.tr("New Group…"))
        self.move_to.setText(self.tr("Move to Group… (M)"))
        self.edit.setText(self.tr("Edit… (F2)"))
        self.concerns.setText(self.tr("About an Objective… (O)"))
        self.remove.setText(self.tr("Delete (Del)"))
        self.carry_box.setTitle(self.tr("Carry into the next cycle"))
        self.carry_hint.setText(
            self.tr(
                "Objectives scored below 0.7 (or never scored) are offered to the unit's next "
                "cycle; tick others to offer them too. The answers to questions 2 to 4 go "
                "with them as lessons."
            )
        )
        self.carry.setHeaderLabels([self.tr("Objective"), self.tr("Score")])
        if self.view is not None:
            self._fill_about()
            self._fill_tree()
            self._fill_carry()
        self._retranslate_view()

    def _retranslate_view(self) -> None:
        view = self.view
        if view is None:
            self.setWindowTitle(self.tr("Retrospective"))
            return
        self.setWindowTitle(self.tr("Retrospective — %1").replace("%1", view.title))
        self.heading.setText(f"{view.unit} · {view.cycle}")
        if view.imported:
            status = self.tr(
                "These OKRs were imported from a parent's plan: their retrospective is held "
                "where they live."
            )
        elif not view.approved and not view.started:
            status = self.tr(
                "These OKRs are not approved yet: the retrospective comes after sign-off."
            )
        elif not view.started:
            status = self.tr("Start the retrospective to put the first question on the projector.")
        else:
            status = ""
        self.status.setText(status)
        self.status.setVisible(bool(status))
        question = self.current_question()
        if question is None:
            return
        self.number.setText(
            self.tr("Question %1 of %2 · %3 answers")
            .replace("%1", str(question.number))
            .replace("%2", str(len(QUESTIONS)))
            .replace("%3", str(question.count))
        )
        self.question.setText(translate(question.message_id, self.session.language))

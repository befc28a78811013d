"""Group: cards become objectives or join one; key results go under each objective.

Every move works by drag and drop and by keyboard: select, press M, choose the target.
What a selection turns into is in group_actions. The quality checks show as a badge on the
rows they are about (the objective tree's model); a key result is written in a drawer under
the objectives (Ctrl+K), so the objectives have the room otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine import ops
from okrdesk.engine.alignment import alignment_choices
from okrdesk.engine.aspects import Aspect
from okrdesk.engine.card_rows import CardRow, authors, card_wall, touched_cards
from okrdesk.engine.changes import Change
from okrdesk.engine.key_result_ops import KeyResultFields
from okrdesk.engine.objective_tree import (
    KeyResultRow,
    ObjectiveRow,
    ObjectiveTree,
    find_key_result,
    group_patch,
    objective_tree,
    rereads_whole_tree,
    touched_objectives,
)
from okrdesk.engine.operation import Operation
from okrdesk.models import UnitLevel
from okrdesk.ui.card_delegate import CardStripDelegate
from okrdesk.ui.empty_state import EmptyState
from okrdesk.ui.models.cards import CardModel
from okrdesk.ui.models.objectives import ObjectiveTreeModel
from okrdesk.ui.models.roles import ID_ROLE, KIND_ROLE, OBJECTIVE_ROLE, ItemKind
from okrdesk.ui.pages import group_actions as actions
from okrdesk.ui.pages.base import PhasePage
from okrdesk.ui.pages.group_actions import Selected
from okrdesk.ui.pages.key_result_form import KeyResultForm
from okrdesk.ui.plain_label import PlainLabel
from okrdesk.ui.session import PlanSession
from okrdesk.ui.tree_row_delegate import TreeRowDelegate


class GroupPage(PhasePage):
    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.cards = CardModel(self, loose_only=True)
        self.tree_model = ObjectiveTreeModel(self)
        self._refreshing = False
        self._tree = ObjectiveTree(None, UnitLevel.COMPANY, None, ())
        self.cards.move_requested.connect(
            lambda ids, target: self.move_items(ItemKind.IDEA, ids, target, -1)
        )
        self.tree_model.move_requested.connect(self.move_items)
        self.tree_model.edit_requested.connect(self._rename)
        self.cards.edit_requested.connect(
            lambda card, text: self.session.run(ops.EditIdea(card, text))
        )

        self.loose_label = PlainLabel()
        self.loose_label.setObjectName("sectionTitle")
        self.loose_view = QListView()
        self.loose_view.setModel(self.cards)
        self.loose_view.setWordWrap(True)
        self.loose_view.setSpacing(3)
        # One strip height for every card: a change does not re-measure the whole column.
        self.loose_view.setUniformItemSizes(True)
        self.loose_view.setItemDelegate(CardStripDelegate(self.loose_view))
        self._drag_and_drop(self.loose_view)
        self.loose_empty = EmptyState(self.loose_view)
        left = self.wall = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.loose_label)
        left_layout.addWidget(self.loose_view)

        self.tree_label = PlainLabel()
        self.tree_label.setObjectName("sectionTitle")
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Every row is one line (long titles are elided): a change re-measures no row.
        self.tree.setUniformRowHeights(True)
        self.tree.setItemDelegate(TreeRowDelegate(self.tree))
        self.tree.setAnimated(False)
        self._drag_and_drop(self.tree)
        self.tree_empty = EmptyState(self.tree)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree_model.modelReset.connect(self.tree.expandAll)
        self.tree_model.rowsInserted.connect(self._expand_inserted)
        buttons = QHBoxLayout()
        self.new_button = QPushButton()
        self.merge_button = QPushButton()
        self.split_button = QPushButton()
        self.align_button = QPushButton()
        for button in (self.new_button, self.merge_button, self.split_button, self.align_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.form = KeyResultForm()
        self.form.submitted.connect(self._submit_key_result)
        self.form.closed.connect(self.tree.setFocus)
        self.form.hide()  # opened by Ctrl+K; the objectives have the room otherwise
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.tree_label)
        middle_layout.addLayout(buttons)
        middle_layout.addWidget(self.tree, 1)
        middle_layout.addWidget(self.form)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([320, 960])
        left.setMinimumWidth(240)
        self.layout_.addWidget(splitter, 1)

        self.actions_ = {
            "make": self._action("Ctrl+Return", self.make_objective, (self.loose_view, self.tree)),
            "move": self._action("M", self.move_with_keyboard, (self.loose_view, self.tree)),
            "new": self._action("Ctrl+Shift+N", self.new_objective, (self,)),
            "merge": self._action("Ctrl+M", self.merge_objectives, (self.tree,)),
            "split": self._action("S", self.split_objective, (self.tree,)),
            "add_kr": self._action("Ctrl+K", self.add_key_result, (self,)),
            "align": self._action("Ctrl+L", self.align_objective, (self.tree,)),
            "delete": self._action(
                QKeySequence.StandardKey.Delete, self.delete_selected, (self.loose_view, self.tree)
            ),
        }
        self.new_button.clicked.connect(self.new_objective)
        self.merge_button.clicked.connect(self.merge_objectives)
        self.split_button.clicked.connect(self.split_objective)
        self.align_button.clicked.connect(self.align_objective)
        self.retranslate()

    def _action(
        self,
        key: str | QKeySequence.StandardKey,
        slot: Callable[[], None],
        widgets: tuple[QWidget, ...],
    ) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(key))
        context = (
            Qt.ShortcutContext.WidgetWithChildrenShortcut
            if widgets == (self,)
            else Qt.ShortcutContext.WidgetShortcut
        )
        action.setShortcutContext(context)
        action.triggered.connect(slot)
        for widget in widgets:
            widget.addAction(action)
        return action

    @staticmethod
    def _drag_and_drop(view: QAbstractItemView) -> None:
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setDragEnabled(True)
        view.setAcceptDrops(True)
        view.setDropIndicatorShown(True)
        view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )

    def _expand_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        """A new objective opens (its children show), as does one that gains a child."""
        if parent.isValid():
            self.tree.expand(parent)
            return
        for row in range(first, last + 1):
            self.tree.expand(self.tree_model.index(row, 0))

    def retranslate(self) -> None:
        light = self._tree.light_form
        if light:
            self.title.setText(self.tr("Write the OKRs"))
            self.hint.setText(
                self.tr(
                    "A person's OKRs use the light form: no wall and no vote. Add each "
                    "objective (Ctrl+Shift+N), its key results (Ctrl+K) and align it "
                    "(Ctrl+L); the manager then confirms them 1:1."
                )
            )
        else:
            self.title.setText(self.tr("Group: objectives and their key results"))
            self.hint.setText(
                self.tr(
                    "Drag cards onto objectives, or select and press M to move. Ctrl+Enter "
                    "makes a card an objective, Ctrl+K adds a key result, F2 renames, Ctrl+M "
                    "merges, S splits the selected cards off, Ctrl+L aligns to a parent OKR."
                )
            )
        self.wall.setVisible(not light)
        self.merge_button.setVisible(not light)
        self.split_button.setVisible(not light)
        self.loose_empty.setText(self.tr("Every card is in a group."))
        self.tree_empty.setText(
            self.tr("No objectives yet. Press Ctrl+Shift+N to write the first one.")
            if light
            else self.tr(
                "No objectives yet. Select a card and press Ctrl+Enter to make it an "
                "objective, or press Ctrl+Shift+N to write one."
            )
        )
        self.loose_label.setText(self.tr("Cards not in a group"))
        self.loose_view.setAccessibleName(self.tr("Cards not in a group"))
        self.tree_label.setText(self.tr("Objectives"))
        self.tree.setAccessibleName(self.tr("Objectives with their key results and cards"))
        self.new_button.setText(self.tr("New objective"))
        self.merge_button.setText(self.tr("Merge"))
        self.split_button.setText(self.tr("Split off"))
        self.align_button.setText(self.tr("Align…"))
        names = {
            "make": self.tr("Make objective from card"),
            "move": self.tr("Move to…"),
            "new": self.tr("New objective"),
            "merge": self.tr("Merge objectives"),
            "split": self.tr("Split off into a new objective"),
            "add_kr": self.tr("Add key result"),
            "align": self.tr("Align to a parent objective or key result"),
            "delete": self.tr("Delete"),
        }
        for key, text in names.items():
            self.actions_[key].setText(text)
        self.form.retranslate()
        self.tree_model.set_quality(self._tree.level, self.session.language)

    # Loading
    def reload(self) -> None:
        light = self._tree.light_form
        self._tree = self.session.view(objective_tree, self.workshop_id)
        self.cards.set_wall(self.session.view(card_wall, self.workshop_id, loose_only=True))
        self.tree_model.set_tree(self._tree)
        self.tree_model.set_quality(self._tree.level, self.session.language)
        self._load_owners()
        self.tree.expandAll()
        self.form.clear_for_new(self._tree.default_deadline)
        if self._tree.light_form != light:
            self.retranslate()  # the light form shows less and says so

    def _load_owners(self) -> None:
        if self.workshop_id is not None:
            people = self.session.view(authors, self.workshop_id).people
            self.form.set_owners([person.name for person in people])

    def apply_change(self, change: Change) -> None:
        """Re-read only the cards and objectives the change touched."""
        if self.workshop_id is None or not change.about(self.workshop_id):
            return
        if rereads_whole_tree(change):
            self.reload()  # the unit's level or the cycle's end: what the page shows around
            return
        if change.touches(Aspect.PARTICIPANTS):
            self._load_owners()
            if change.ids(Aspect.PARTICIPANTS) != change.ids(Aspect.PARTICIPANTS, "insert"):
                # Someone renamed (or their rename undone): the loose cards name their author.
                self.cards.set_wall(self.session.view(card_wall, self.workshop_id, loose_only=True))
        current = self.tree.currentIndex()
        keep = (current.data(KIND_ROLE), current.data(ID_ROLE)) if current.isValid() else None
        self._refreshing = True
        try:
            cards, objectives = touched_cards(change), touched_objectives(change)
            if cards or objectives:
                patch = self.session.view(group_patch, self.workshop_id, cards, objectives)
                self.cards.apply_patch(patch.cards)
                self.tree_model.apply_patch(patch.objectives)
        finally:
            self._refreshing = False
        if keep is not None:
            # Stay on the item being worked on (the tree may have moved its rows).
            found = self.tree_model.find(*keep)
            if found.isValid() and found != self.tree.currentIndex():
                self.tree.setCurrentIndex(found)
            elif found.isValid():
                self._current_changed(found, found)

    def focus_default(self) -> None:
        (self.loose_view if self.cards.rowCount() else self.tree).setFocus()

    # Selection helpers
    def _focused_view(self) -> QAbstractItemView:
        return self.loose_view if self.loose_view.hasFocus() else self.tree

    def _selected(self, view: QAbstractItemView, kind: ItemKind | None = None) -> list[Selected]:
        rows = view.selectionModel().selectedIndexes() or (
            [view.currentIndex()] if view.currentIndex().isValid() else []
        )
        items = [
            Selected(ItemKind(i.data(KIND_ROLE)), int(i.data(ID_ROLE)), i.data(OBJECTIVE_ROLE))
            for i in rows
        ]
        return [item for item in items if kind is None or item.kind is kind]

    def _current_objective(self) -> int | None:
        index = self.tree.currentIndex()
        return None if not index.isValid() else index.data(OBJECTIVE_ROLE)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._refreshing or self.form.isHidden():
            return
        item = self.tree_model.shown(current)
        if isinstance(item, KeyResultRow):
            self.form.show_key_result(item)
        elif self.form.editing is not None or isinstance(item, ObjectiveRow):
            self.form.clear_for_new(self._tree.default_deadline)

    # Operations
    def _run_all(self, label_id: str, steps: list[Operation]) -> None:
        if len(steps) == 1:
            self.session.run(steps[0])
        elif steps:

            def apply_all(apply: Callable[[Operation], object]) -> None:
                for step in steps:
                    apply(step)

            self.session.run_batch(label_id, apply_all)

    def move_items(
        self, kind: ItemKind | str, ids: list[int], objective_id: int | None, index: int
    ) -> None:
        self._run_all("op.move_idea", actions.move_steps(ItemKind(kind), ids, objective_id, index))

    def move_with_keyboard(self) -> None:
        from okrdesk.ui.dialogs import CANCELLED, choose

        items = self._selected(self._focused_view())
        kinds = {item.kind for item in items}
        if len(kinds) != 1 or kinds == {ItemKind.OBJECTIVE}:
            return  # objectives are reordered by dragging; mixed selections have no target
        choices: list[tuple[str, int | None]] = [
            (o.title, o.id) for o in self.tree_model.objectives()
        ]
        if kinds == {ItemKind.IDEA} and any(item.objective_id is not None for item in items):
            # Offered last: moving a loose card "back" would do nothing.
            choices.append((self.tr("(back to the cards not in a group)"), None))
        picked = choose(self, self.tr("Move to…"), self.tr("Move the selection to:"), choices)
        if picked is not CANCELLED:
            self.move_items(kinds.pop(), [item.id for item in items], picked, -1)

    def make_objective(self) -> None:
        cards = self._selected(self._focused_view(), ItemKind.IDEA)
        if len(cards) == 1:
            change = self.session.run(ops.MakeObjectiveFromIdea(cards[0].id))
            if change is not None:
                # The new objective becomes current: Ctrl+K adds its first key result.
                self._select_only(self.tree_model.objective_index(change.result))
        elif cards:
            self._run_all(
                "op.make_objective", [ops.MakeObjectiveFromIdea(card.id) for card in cards]
            )

    def new_objective(self) -> None:
        from okrdesk.ui.dialogs import ask_text

        if self.workshop_id is None:
            return
        title = ask_text(self, self.tr("New objective"), self.tr("Objective:"))
        if title is not None:
            change = self.session.run(ops.CreateObjective(self.workshop_id, title))
            if change is not None:
                self._select_only(self.tree_model.objective_index(change.result))

    def _rename(self, kind: ItemKind | str, item_id: int, text: str) -> None:
        if kind == ItemKind.OBJECTIVE:
            self.session.run(ops.RenameObjective(item_id, text))
        elif kind == ItemKind.IDEA:
            self.session.run(ops.EditIdea(item_id, text))
        elif kind == ItemKind.KEY_RESULT:
            row = find_key_result(self.tree_model.objectives(), item_id)
            if row is not None:
                self.session.run(ops.EditKeyResult(item_id, KeyResultFields.of(row, title=text)))

    def merge_objectives(self) -> None:
        operation = actions.merge_operation(self._selected(self.tree), self._current_objective())
        if operation is None:
            self.session.refused.emit(self.tr("Select at least two objectives to merge."))
            return
        self.session.run(operation)

    def split_objective(self) -> None:
        operation = actions.split_operation(self._selected(self.tree))
        if operation is None:
            self.session.refused.emit(
                self.tr("Select cards or key results of one objective to split off.")
            )
            return
        self.session.run(operation)

    def _select_only(self, index: QModelIndex) -> None:
        """Make the row current and the only one selected (a new objective, say)."""
        flags = QItemSelectionModel.SelectionFlag
        self.tree.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)

    def add_key_result(self) -> None:
        """Ctrl+K: the drawer on the current key result, or for a new one under the current
        objective, its title taken from the current card when a card becomes a key result."""
        item = self.tree_model.shown(self.tree.currentIndex())
        if isinstance(item, KeyResultRow):
            self.form.open_key_result(item)
            return
        if self._current_objective() is None:
            self.session.refused.emit(self.tr("Select an objective first."))
            return
        title = item.text if isinstance(item, CardRow) else ""
        self.form.open_new(self._tree.default_deadline, title)

    def _submit_key_result(self, fields: KeyResultFields) -> None:
        if self.form.editing is not None:
            if self.session.run(ops.EditKeyResult(self.form.editing, fields)) is not None:
                self.form.close_drawer()
            return
        objective = self._current_objective()
        if objective is None:
            self.session.refused.emit(self.tr("Select an objective first."))
            return
        if self.session.run(ops.AddKeyResult(objective, fields)) is not None:
            self.form.clear_for_new(self._tree.default_deadline)
            self.form.title_edit.setFocus()

    def align_objective(self) -> None:
        from okrdesk.ui.dialogs import CANCELLED, choose, parent_okr_labels

        objective = self._current_objective()
        if objective is None or self.workshop_id is None:
            self.session.refused.emit(self.tr("Select an objective first."))
            return
        choices = self.session.view(alignment_choices, self.workshop_id)
        if not choices:
            self.session.refused.emit(
                self.tr("There are no OKRs of a parent unit in this cycle to align to.")
            )
            return
        offered = [(self.tr("(not aligned)"), None), *parent_okr_labels(choices)]
        picked = choose(self, self.tr("Align"), self.tr("Align the objective to:"), offered)
        if picked is not CANCELLED:
            self.session.run(actions.align_operation(objective, picked))

    def delete_selected(self) -> None:
        items = self._selected(self._focused_view())
        if len(items) == 1:
            self._run_all("op.generic", actions.delete_steps(items))
        elif items:
            from okrdesk.ui.dialogs import confirm

            if confirm(self, self.tr("Delete %n selected item(s)?", "", len(items))):
                self._run_all("op.generic", actions.delete_steps(items, confirmed=True))

"""Group: cards become objectives or join one; key results go under each objective.

Every move works by drag and drop and by keyboard: select, press M, choose the target.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.changes import Change
from okrdesk.engine.key_result_ops import KeyResultFields
from okrdesk.engine.quality import check_objective
from okrdesk.engine.snapshot import ObjectiveView
from okrdesk.models import Cycle, Participant, Workshop
from okrdesk.ui.models.cards import CardModel
from okrdesk.ui.models.objectives import KeyResultRow, ObjectiveRow, ObjectiveTreeModel
from okrdesk.ui.models.roles import ID_ROLE, KIND_ROLE, OBJECTIVE_ROLE
from okrdesk.ui.pages.base import PhasePage
from okrdesk.ui.pages.key_result_form import KeyResultForm
from okrdesk.ui.session import PlanSession


class GroupPage(PhasePage):
    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.cards = CardModel(self, loose_only=True)
        self.tree_model = ObjectiveTreeModel(self)
        self._refreshing = False
        self._unit_level = "company"
        self.cards.move_requested.connect(
            lambda ids, target: self.move_items("idea", ids, target, -1)
        )
        self.tree_model.move_requested.connect(self.move_items)
        self.tree_model.edit_requested.connect(self._rename)
        self.cards.edit_requested.connect(
            lambda card, text: self.session.run(ops.EditIdea(card, text))
        )

        self.loose_label = QLabel()
        self.loose_label.setObjectName("sectionTitle")
        self.loose_view = QListView()
        self.loose_view.setModel(self.cards)
        self.loose_view.setWordWrap(True)
        self.loose_view.setSpacing(3)
        self._drag_and_drop(self.loose_view)
        left = self.wall = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.loose_label)
        left_layout.addWidget(self.loose_view)

        self.tree_label = QLabel()
        self.tree_label.setObjectName("sectionTitle")
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setUniformRowHeights(False)
        self.tree.setAnimated(False)
        self._drag_and_drop(self.tree)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree_model.modelReset.connect(self.tree.expandAll)
        self.tree_model.rowsInserted.connect(lambda parent, *_: self.tree.expand(parent))
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
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.tree_label)
        middle_layout.addLayout(buttons)
        middle_layout.addWidget(self.tree, 1)
        self.quality = QLabel()
        self.quality.setObjectName("pageHint")
        self.quality.setWordWrap(True)
        middle_layout.addWidget(self.quality)
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

    def _action(self, key: object, slot: object, widgets: tuple[QWidget, ...]) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(key))  # type: ignore[arg-type]
        context = (
            Qt.ShortcutContext.WidgetWithChildrenShortcut
            if widgets == (self,)
            else Qt.ShortcutContext.WidgetShortcut
        )
        action.setShortcutContext(context)
        action.triggered.connect(slot)  # type: ignore[arg-type]
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

    def retranslate(self) -> None:
        light = self._unit_level == "person"
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

    # Loading
    def reload(self) -> None:
        level = self._unit_level
        self._unit_level = "company"
        with self.session.read() as session:
            workshop = None if self.workshop_id is None else session.get(Workshop, self.workshop_id)
            if workshop is not None:
                self._unit_level = workshop.unit.level.value
            self.cards.load(session, self.workshop_id)
            self.tree_model.load(session, self.workshop_id)
            self._load_owners(session)
        self.tree.expandAll()
        self.form.clear_for_new(self._default_deadline())
        if self._unit_level != level and "person" in (level, self._unit_level):
            self.retranslate()  # the light form shows less and says so

    def _load_owners(self, session: object) -> None:
        if self.workshop_id is None:
            return
        names = session.scalars(  # type: ignore[attr-defined]
            select(Participant.name)
            .where(Participant.workshop_id == self.workshop_id)
            .order_by(Participant.position)
        ).all()
        self.form.set_owners(list(names))

    def _default_deadline(self):  # noqa: ANN202 - date | None
        if self.workshop_id is None:
            return None
        with self.session.read() as session:
            workshop = session.get(Workshop, self.workshop_id)
            cycle = None if workshop is None else session.get(Cycle, workshop.cycle_id)
            return None if cycle is None else cycle.ends_on

    def apply_change(self, change: Change) -> None:
        current = self.tree.currentIndex()
        keep = (current.data(KIND_ROLE), current.data(ID_ROLE)) if current.isValid() else None
        self._refreshing = True
        try:
            with self.session.read() as session:
                self.cards.apply_change(session, change)
                self.tree_model.apply_change(session, change)
                if "participant" in change.tables():
                    self._load_owners(session)
        finally:
            self._refreshing = False
        self._show_quality()
        if keep is not None:
            # Stay on the item being worked on (the tree may have rebuilt its rows).
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

    def _selected(
        self, view: QAbstractItemView, kind: str | None = None
    ) -> list[tuple[str, int, int | None]]:
        rows = view.selectionModel().selectedIndexes() or (
            [view.currentIndex()] if view.currentIndex().isValid() else []
        )
        items = [
            (str(i.data(KIND_ROLE)), int(i.data(ID_ROLE)), i.data(OBJECTIVE_ROLE)) for i in rows
        ]
        return [item for item in items if kind is None or item[0] == kind]

    def _current_objective(self) -> int | None:
        index = self.tree.currentIndex()
        return None if not index.isValid() else index.data(OBJECTIVE_ROLE)

    def _show_quality(self) -> None:
        """The quality checks of the objective being worked on, as the facilitator writes."""
        index = self.tree.currentIndex()
        objective_id = index.data(OBJECTIVE_ROLE) if index.isValid() else None
        row = next((o for o in self.tree_model.objectives() if o.id == objective_id), None)
        if row is None or self.workshop_id is None:
            self.quality.setText("")
            return
        view = ObjectiveView(row.id, row.title, row.selected, None, None, tuple(row.key_results))
        findings = check_objective(view, "", self._unit_level, aligned=row.aligned)
        language = self.session.language
        self.quality.setText("\n".join("⚠ " + f.message(language) for f in findings))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._refreshing:
            return
        self._show_quality()
        item = self.tree_model.item(current)
        if isinstance(item, KeyResultRow):
            self.form.show_key_result(item)
        elif self.form.editing is not None or isinstance(item, ObjectiveRow):
            self.form.clear_for_new(self._default_deadline())

    # Operations
    def move_items(self, kind: str, ids: list[int], objective_id: int | None, index: int) -> None:
        position = None if index < 0 else index
        if kind == "key_result":
            if objective_id is None:
                return
            steps = [ops.MoveKeyResult(i, objective_id, position) for i in ids]
        else:
            steps = [ops.MoveIdea(i, objective_id, position) for i in ids]
        if len(steps) == 1:
            self.session.run(steps[0])
        else:
            self.session.run_batch("op.move_idea", lambda apply: [apply(step) for step in steps])

    def move_with_keyboard(self) -> None:
        from okrdesk.ui.dialogs import CANCELLED, choose

        items = self._selected(self._focused_view())
        if not items:
            return
        kinds = {kind for kind, _, _ in items}
        choices: list[tuple[str, object]] = [(o.title, o.id) for o in self.tree_model.objectives()]
        if len(kinds) != 1 or kinds == {"objective"}:
            return  # objectives are reordered by dragging; mixed selections have no target
        if kinds == {"idea"} and any(objective is not None for _, _, objective in items):
            # Offered last: moving a loose card "back" would do nothing.
            choices.append((self.tr("(back to the cards not in a group)"), None))
        picked = choose(self, self.tr("Move to…"), self.tr("Move the selection to:"), choices)
        if picked is not CANCELLED:
            kind = kinds.pop()
            self.move_items(kind, [item_id for _, item_id, _ in items], picked, -1)  # type: ignore[arg-type]

    def make_objective(self) -> None:
        cards = self._selected(self._focused_view(), "idea")
        if len(cards) == 1:
            change = self.session.run(ops.MakeObjectiveFromIdea(cards[0][1]))
            if change is not None:
                # The new objective becomes current: Ctrl+K adds its first key result.
                self.tree.setCurrentIndex(self.tree_model.objective_index(change.result))
        elif cards:
            self.session.run_batch(
                "op.make_objective",
                lambda apply: [apply(ops.MakeObjectiveFromIdea(card)) for _, card, _ in cards],
            )

    def new_objective(self) -> None:
        from okrdesk.ui.dialogs import ask_text

        if self.workshop_id is None:
            return
        title = ask_text(self, self.tr("New objective"), self.tr("Objective:"))
        if title is not None:
            change = self.session.run(ops.CreateObjective(self.workshop_id, title))
            if change is not None:
                self.tree.setCurrentIndex(self.tree_model.objective_index(change.result))

    def _rename(self, kind: str, item_id: int, text: str) -> None:
        if kind == "objective":
            self.session.run(ops.RenameObjective(item_id, text))
        elif kind == "idea":
            self.session.run(ops.EditIdea(item_id, text))
        elif kind == "key_result":
            row = self._find_key_result(item_id)
            if row is not None:
                fields = self._fields_of(row, title=text)
                self.session.run(ops.EditKeyResult(item_id, fields))

    def _find_key_result(self, kr_id: int) -> KeyResultRow | None:
        for objective in self.tree_model.objectives():
            for kr in objective.key_results:
                if kr.id == kr_id:
                    return kr
        return None

    @staticmethod
    def _fields_of(kr: KeyResultRow, title: str) -> KeyResultFields:
        return KeyResultFields(
            title=title,
            kind=kr.kind,  # type: ignore[arg-type]
            start=kr.start,
            target=kr.target,
            unit=kr.unit,
            deadline=kr.deadline,
            owner=kr.owner,
            commitment=kr.commitment,  # type: ignore[arg-type]
        )

    def merge_objectives(self) -> None:
        objectives = [item_id for kind, item_id, _ in self._selected(self.tree, "objective")]
        current = self._current_objective()
        if current in objectives:
            objectives.remove(current)
            objectives.insert(0, current)
        if len(objectives) < 2:
            self.session.refused.emit(self.tr("Select at least two objectives to merge."))
            return
        self.session.run(ops.MergeObjectives(objectives[0], tuple(objectives[1:])))

    def split_objective(self) -> None:
        items = [item for item in self._selected(self.tree) if item[0] != "objective"]
        parents = {objective for _, _, objective in items}
        if not items or len(parents) != 1:
            self.session.refused.emit(
                self.tr("Select cards or key results of one objective to split off.")
            )
            return
        self.session.run(
            ops.SplitObjective(
                parents.pop(),  # type: ignore[arg-type]
                idea_ids=tuple(i for kind, i, _ in items if kind == "idea"),
                key_result_ids=tuple(i for kind, i, _ in items if kind == "key_result"),
            )
        )

    def add_key_result(self) -> None:
        if self._current_objective() is None:
            self.session.refused.emit(self.tr("Select an objective first."))
            return
        self.form.clear_for_new(self._default_deadline())
        self.form.title_edit.setFocus()

    def _submit_key_result(self, fields: KeyResultFields) -> None:
        if self.form.editing is not None:
            self.session.run(ops.EditKeyResult(self.form.editing, fields))
            return
        objective = self._current_objective()
        if objective is None:
            self.session.refused.emit(self.tr("Select an objective first."))
            return
        if self.session.run(ops.AddKeyResult(objective, fields)) is not None:
            self.form.clear_for_new(self._default_deadline())
            self.form.title_edit.setFocus()

    def align_objective(self) -> None:
        from okrdesk.ui.dialogs import CANCELLED, choose, parent_okr_choices

        objective = self._current_objective()
        if objective is None or self.workshop_id is None:
            self.session.refused.emit(self.tr("Select an objective first."))
            return
        with self.session.read() as session:
            choices = parent_okr_choices(session, self.workshop_id)
        if not choices:
            self.session.refused.emit(
                self.tr("There are no OKRs of a parent unit in this cycle to align to.")
            )
            return
        choices.insert(0, (self.tr("(not aligned)"), None))
        picked = choose(self, self.tr("Align"), self.tr("Align the objective to:"), choices)
        if picked is CANCELLED:
            return
        kind, parent = picked if picked is not None else (None, None)  # type: ignore[misc]
        self.session.run(
            ops.AlignObjective(
                objective,
                parent_objective_id=parent if kind == "objective" else None,
                parent_key_result_id=parent if kind == "key_result" else None,
            )
        )

    def delete_selected(self) -> None:
        items = self._selected(self._focused_view())
        if not items:
            return
        steps = []
        for kind, item_id, _ in items:
            if kind == "idea":
                steps.append(ops.DeleteIdea(item_id))
            elif kind == "key_result":
                steps.append(ops.DeleteKeyResult(item_id))
            elif kind == "objective":
                steps.append(ops.DeleteObjective(item_id))
        if len(steps) == 1:
            self.session.run(steps[0])
        else:
            from okrdesk.ui.dialogs import confirm

            if confirm(self, self.tr("Delete %n selected item(s)?", "", len(steps))):
                confirmed = [
                    ops.DeleteObjective(s.objective_id, confirm=True)
                    if isinstance(s, ops.DeleteObjective)
                    else s
                    for s in steps
                ]
                self.session.run_batch(
                    "op.generic", lambda apply: [apply(step) for step in confirmed]
                )

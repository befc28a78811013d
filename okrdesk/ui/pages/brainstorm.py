"""Brainstorm: type, Enter, and the card is on the wall and in the file."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QWidget,
)

from okrdesk.engine import ops
from okrdesk.engine.aspects import Aspect
from okrdesk.engine.card_rows import (
    authors,
    card_patch,
    card_wall,
    rereads_whole_wall,
    touched_cards,
)
from okrdesk.engine.changes import Change
from okrdesk.engine.operation import Operation
from okrdesk.engine.validation import CARD_LENGTH
from okrdesk.ui.card_delegate import CardDelegate
from okrdesk.ui.empty_state import EmptyState
from okrdesk.ui.models.cards import CardModel
from okrdesk.ui.models.roles import ID_ROLE
from okrdesk.ui.pages.base import PhasePage
from okrdesk.ui.plain_label import PlainLabel
from okrdesk.ui.session import PlanSession
from okrdesk.ui.style import DANGER
from okrdesk.ui.undo_keys import pass_undo_when_empty


def selected_ids(view: QAbstractItemView) -> list[int]:
    """Ids of the selected rows, current row first (it is the target of a merge)."""
    rows = view.selectionModel().selectedIndexes()
    current = view.currentIndex()
    ordered = sorted(rows, key=lambda i: (i != current, i.row()))
    return list(dict.fromkeys(int(i.data(ID_ROLE)) for i in ordered))


class BrainstormPage(PhasePage):
    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.entry = QLineEdit()
        self.entry.setObjectName("quickEntry")
        # A card is a candidate objective: it holds what an objective holds, so turning it
        # into one never fails on its length (the same limit for F2, imports and the CLI).
        # The box itself cuts nothing (a longer paste would lose its end unseen): the counter
        # says how much is over, and Enter is refused with the reason, the text kept.
        self.entry.returnPressed.connect(self.add_card)
        self.entry.textChanged.connect(self._count)
        self.counter = PlainLabel()
        self.counter.setObjectName("pageHint")
        self.counter.hide()
        pass_undo_when_empty(self.entry)
        self.author = QComboBox()
        self.author.setMinimumWidth(160)
        self.add_button = QPushButton()
        self.add_button.setObjectName("primary")
        self.add_button.clicked.connect(self.add_card)
        self.template_button = QPushButton()
        self.template_button.clicked.connect(self.insert_template)
        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(self.author)
        row.addWidget(self.add_button)
        row.addWidget(self.template_button)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.counter)

        self.cards = CardModel(self)
        self.cards.edit_requested.connect(self._edit)
        self.wall = QListView()
        self.wall.setModel(self.cards)
        self.wall.setViewMode(QListView.ViewMode.IconMode)
        self.wall.setResizeMode(QListView.ResizeMode.Adjust)
        self.wall.setMovement(QListView.Movement.Static)
        self.wall.setWrapping(True)
        self.wall.setUniformItemSizes(True)
        self.wall.setSpacing(2)
        self.wall.setItemDelegate(CardDelegate(self.wall))
        self.wall.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.wall.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.layout_.addWidget(self.wall, 1)
        # An empty wall says what fills it; gone with the first card, back when the last goes.
        self.wall_empty = EmptyState(self.wall)

        self.delete_action = QAction(self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.merge_action = QAction(self)
        self.merge_action.setShortcut(QKeySequence("Ctrl+M"))
        self.merge_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.merge_action.triggered.connect(self.merge_selected)
        self.wall.addAction(self.delete_action)
        self.addAction(self.merge_action)
        self.retranslate()

    def _count(self, text: str) -> None:
        """Near the limit, say how much room is left (an objective holds at most so much)."""
        limit = CARD_LENGTH
        self.counter.setVisible(len(text) >= limit * 3 // 4)
        over = len(text) > limit
        words = (
            self.tr("%1 / %2 characters: too long for a card; shorten it by %3 to add it.")
            if over
            else self.tr("%1 / %2 characters: a card becomes an objective, which holds at most %2.")
        )
        self.counter.setText(
            words.replace("%1", str(len(text)))
            .replace("%2", str(limit))
            .replace("%3", str(len(text) - limit))
        )
        self.counter.setStyleSheet(f"color: {DANGER};" if over else "")

    def retranslate(self) -> None:
        self._count(self.entry.text())
        self.title.setText(self.tr("Brainstorm: candidate objectives"))
        self.hint.setText(
            self.tr(
                "Type an idea and press Enter. F2 edits a card, Delete removes it, "
                "select duplicates and press Ctrl+M to merge them into the current card."
            )
        )
        self.entry.setPlaceholderText(self.tr("Type an idea and press Enter…"))
        self.entry.setAccessibleName(self.tr("New idea"))
        self.author.setAccessibleName(self.tr("Author of the idea"))
        self.add_button.setText(self.tr("Add"))
        self.template_button.setText(self.tr("From template…"))
        self.template_button.setAccessibleName(
            self.tr("Insert an example OKR from the template library")
        )
        self.wall.setAccessibleName(self.tr("Idea wall"))
        self.wall_empty.setText(
            self.tr(
                "No ideas yet. Type an idea in the box above and press Enter: "
                "each one becomes a card on this wall."
            )
        )
        self.delete_action.setText(self.tr("Delete card"))
        self.merge_action.setText(self.tr("Merge duplicates"))
        if self.author.count():
            self.author.setItemText(0, self.tr("Anonymous"))

    def reload(self) -> None:
        self.cards.set_wall(self.session.view(card_wall, self.workshop_id))
        self._load_authors()

    def _load_authors(self) -> None:
        current = self.author.currentData()
        self.author.clear()
        self.author.addItem(self.tr("Anonymous"), None)
        if self.workshop_id is None:
            return
        found = self.session.view(authors, self.workshop_id)
        for person in found.people:
            self.author.addItem(person.name, person.id)
        self.author.setEnabled(not found.anonymous)
        self.author.setCurrentIndex(max(self.author.findData(current), 0))

    def apply_change(self, change: Change) -> None:
        """Re-read only the cards the change touched (all of them if authors changed)."""
        if self.workshop_id is None or not change.about(self.workshop_id):
            return
        if rereads_whole_wall(change):
            self.reload()
            return
        touched = touched_cards(change)
        if touched:
            self.cards.apply_patch(self.session.view(card_patch, self.workshop_id, touched))
        if change.touches(Aspect.PARTICIPANTS):
            self._load_authors()

    def focus_default(self) -> None:
        self.entry.setFocus()

    def add_card(self) -> None:
        if self.workshop_id is None:
            return
        change = self.session.run(ops.AddIdea(self.workshop_id, self.entry.text(), self._author()))
        if change is not None:
            self.entry.clear()
            row = self.cards.row_of(change.result)
            if row >= 0:
                self.wall.scrollTo(self.cards.index(row, 0))
        self.entry.setFocus()

    def _author(self) -> int | None:
        # An anonymous workshop records no authors, whatever the box last showed.
        return self.author.currentData() if self.author.isEnabled() else None

    def _edit(self, card_id: int, text: str) -> None:
        self.session.run(ops.EditIdea(card_id, text))

    def delete_selected(self) -> None:
        ids = selected_ids(self.wall)
        if len(ids) == 1:
            self.session.run(ops.DeleteIdea(ids[0]))
        elif ids:

            def delete_all(apply: Callable[[Operation], object]) -> None:
                for card_id in ids:
                    apply(ops.DeleteIdea(card_id))

            self.session.run_batch("op.delete_idea", delete_all)

    def merge_selected(self) -> None:
        ids = selected_ids(self.wall)
        if len(ids) < 2:
            self.session.refused.emit(self.tr("Select at least two cards to merge."))
            return
        self.session.run(ops.MergeIdeas(ids[0], tuple(ids[1:])))

    def insert_template(self) -> None:
        from okrdesk.ui.dialogs import TemplateDialog

        if self.workshop_id is None:
            return
        dialog = TemplateDialog(self.session.language, self)
        choice = dialog.choice() if dialog.exec() else None
        if choice is not None:
            role_id, objective_index = choice
            self.session.run(
                ops.InsertTemplate(
                    self.workshop_id, role_id, objective_index, self.session.language
                )
            )

    def current_card(self) -> QModelIndex:
        return self.wall.currentIndex()

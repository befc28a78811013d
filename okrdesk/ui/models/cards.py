"""The idea cards of one workshop, as the wall shows them (merged duplicates folded in)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from okrdesk.engine.changes import Change
from okrdesk.models import Idea, Participant, Workshop
from okrdesk.ui.models.dragging import ITEMS_MIME, MovesItems, dragged_items, items_mime
from okrdesk.ui.models.roles import (
    AUTHOR_ROLE,
    DUPLICATES_ROLE,
    ID_ROLE,
    KIND_ROLE,
    OBJECTIVE_ROLE,
)

Index = QModelIndex | QPersistentModelIndex


@dataclass
class Card:
    id: int
    text: str
    author: str | None
    objective_id: int | None
    duplicates: int


def _card_query(workshop_id: int) -> Any:
    duplicate = aliased(Idea)
    duplicates = (
        select(func.count(duplicate.id))
        .where(duplicate.merged_into_id == Idea.id)
        .correlate(Idea)
        .scalar_subquery()
    )
    return (
        select(Idea.id, Idea.text, Participant.name, Idea.objective_id, duplicates)
        .outerjoin(Participant, Participant.id == Idea.author_id)
        .where(Idea.workshop_id == workshop_id, Idea.merged_into_id.is_(None))
    )


class CardModel(MovesItems, QAbstractListModel):
    """Cards in the order they were written; updated row by row from each change."""

    move_requested = Signal(list, object)  # card ids, objective id (None: back to the wall)
    edit_requested = Signal(int, str)  # card id, new text (the page runs the operation)

    def __init__(self, parent: Any = None, *, loose_only: bool = False) -> None:
        super().__init__(parent)
        # loose_only: just the cards not in any group (the Group page's left column).
        self._loose_only = loose_only
        self._cards: list[Card] = []
        self._ids: list[int] = []
        self._workshop_id: int | None = None
        self._anonymous = False

    def load(self, session: Session, workshop_id: int | None) -> None:
        """Read every card of the workshop afresh."""
        self.beginResetModel()
        self._workshop_id = workshop_id
        self._cards = [] if workshop_id is None else self._read(session)
        self._ids = [card.id for card in self._cards]
        self.endResetModel()

    def _read(self, session: Session, ids: list[int] | None = None) -> list[Card]:
        assert self._workshop_id is not None
        workshop = session.get(Workshop, self._workshop_id)
        self._anonymous = bool(workshop and workshop.anonymous)
        query = _card_query(self._workshop_id)
        if self._loose_only:
            query = query.where(Idea.objective_id.is_(None))
        if ids is not None:
            query = query.where(Idea.id.in_(ids))
        return [Card(*row) for row in session.execute(query.order_by(Idea.id))]

    def apply_change(self, session: Session, change: Change) -> None:
        """Refresh only the cards the change touched (everything if authors may have changed)."""
        if self._workshop_id is None:
            return
        if "participant" in change.tables() or "workshop" in change.tables():
            self.load(session, self._workshop_id)
            return
        touched = change.keys("idea")
        if not touched:
            return
        # A merge changes the duplicate count of the card merged into.
        for row in change.rows:
            if row.table == "idea":
                for image in (row.before, row.after):
                    if image and image.get("merged_into_id"):
                        touched.add(image["merged_into_id"])
        fresh = {card.id: card for card in self._read(session, sorted(touched))}
        for card_id in sorted(touched):
            self._place(card_id, fresh.get(card_id))

    def _place(self, card_id: int, card: Card | None) -> None:
        position = bisect.bisect_left(self._ids, card_id)
        present = position < len(self._ids) and self._ids[position] == card_id
        if card is None and present:
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._cards[position], self._ids[position]
            self.endRemoveRows()
        elif card is not None and present:
            self._cards[position] = card
            index = self.index(position)
            self.dataChanged.emit(index, index)
        elif card is not None:
            self.beginInsertRows(QModelIndex(), position, position)
            self._cards.insert(position, card)
            self._ids.insert(position, card_id)
            self.endInsertRows()

    def card(self, row: int) -> Card:
        return self._cards[row]

    def row_of(self, card_id: int) -> int:
        position = bisect.bisect_left(self._ids, card_id)
        return position if position < len(self._ids) and self._ids[position] == card_id else -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        card = self._cards[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return card.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                card.text if self._anonymous or not card.author else f"{card.text}\n— {card.author}"
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return card.text
        if role == ID_ROLE:
            return card.id
        if role == KIND_ROLE:
            return "idea"
        if role == AUTHOR_ROLE:
            return None if self._anonymous else card.author
        if role == OBJECTIVE_ROLE:
            return card.objective_id
        if role == DUPLICATES_ROLE:
            return card.duplicates
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        card = self._cards[index.row()]
        if str(value) != card.text:
            self.edit_requested.emit(card.id, str(value))
        # The model changes when the operation's change arrives, not here.
        return False

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return (
            base
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # Drag and drop: cards travel as ids; a drop on the wall takes them out of their group.
    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        return items_mime({"idea": [self._cards[i.row()].id for i in indexes if i.isValid()]})

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(ITEMS_MIME)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        ids = dragged_items(data).get("idea", [])
        if ids:
            self.move_requested.emit(ids, None)
        # The move happens through an operation; the model updates from its change.
        return False

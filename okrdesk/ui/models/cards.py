"""The idea cards of one workshop, as the wall shows them (merged duplicates folded in).

A thin adapter over the engine's card wall view: it holds the view's rows in wall order and
turns a patch (the cards a change touched, re-read) into row signals for just those rows.
"""

from __future__ import annotations

import bisect
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from okrdesk.engine.card_rows import CardPatch, CardRow, CardWall
from okrdesk.ui.models.dragging import ITEMS_MIME, MovesItems, dragged_items, items_mime
from okrdesk.ui.models.roles import (
    AUTHOR_ROLE,
    DUPLICATES_ROLE,
    ID_ROLE,
    KIND_ROLE,
    OBJECTIVE_ROLE,
)

Index = QModelIndex | QPersistentModelIndex


class CardModel(MovesItems, QAbstractListModel):
    """Cards in the order they were written; updated row by row from each change."""

    move_requested = Signal(list, object)  # card ids, objective id (None: back to the wall)
    edit_requested = Signal(int, str)  # card id, new text (the page runs the operation)

    def __init__(self, parent: Any = None, *, loose_only: bool = False) -> None:
        super().__init__(parent)
        # loose_only: just the cards not in any group (the Group page's left column).
        self.loose_only = loose_only
        self._cards: list[CardRow] = []
        self._ids: list[int] = []
        self._workshop_id: int | None = None

    @property
    def workshop_id(self) -> int | None:
        return self._workshop_id

    def set_wall(self, wall: CardWall) -> None:
        """Show a whole wall afresh (a workshop opened or switched, authors renamed)."""
        self.beginResetModel()
        self._workshop_id = wall.workshop_id
        self._cards = list(wall.cards)
        self._ids = [card.id for card in self._cards]
        self.endResetModel()

    def apply_patch(self, patch: CardPatch) -> None:
        """Insert, update or remove only the cards the patch names."""
        for card in patch.rows:
            self._place(card.id, card)
        for card_id in sorted(patch.gone):
            self._place(card_id, None)

    def _place(self, card_id: int, card: CardRow | None) -> None:
        position = bisect.bisect_left(self._ids, card_id)
        present = position < len(self._ids) and self._ids[position] == card_id
        if card is None and present:
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._cards[position], self._ids[position]
            self.endRemoveRows()
        elif card is not None and present:
            if self._cards[position] != card:
                self._cards[position] = card
                index = self.index(position)
                self.dataChanged.emit(index, index)
        elif card is not None:
            self.beginInsertRows(QModelIndex(), position, position)
            self._cards.insert(position, card)
            self._ids.insert(position, card_id)
            self.endInsertRows()

    def card(self, row: int) -> CardRow:
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
            return card.text if not card.author else f"{card.text}\n— {card.author}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return card.text
        if role == ID_ROLE:
            return card.id
        if role == KIND_ROLE:
            return "idea"
        if role == AUTHOR_ROLE:
            return card.author  # the view names nobody in an anonymous workshop
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

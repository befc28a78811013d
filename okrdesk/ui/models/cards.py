"""The idea cards of one workshop, as the wall shows them (merged duplicates folded in).

A thin adapter over the engine's card wall view: it holds the view's rows in wall order and
turns a patch (the cards a change touched, re-read) into row signals for just those rows.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel

from okrdesk.engine.card_rows import CardPatch, CardRow, CardWall
from okrdesk.ui.models.dragging import ITEMS_MIME, MovesItems, dragged_items, items_mime
from okrdesk.ui.models.roles import (
    AUTHOR_ROLE,
    CARRIED_ROLE,
    DUPLICATES_ROLE,
    ID_ROLE,
    KIND_ROLE,
    OBJECTIVE_ROLE,
)
from okrdesk.ui.plain_label import plain_tip

Index = QModelIndex | QPersistentModelIndex
# Combined once: views ask for flags on every paint, and combining Qt flags is slow in Python.
_CARD_FLAGS = (
    Qt.ItemFlag.ItemIsDropEnabled
    | Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsEditable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
)

_SHOWN_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        ID_ROLE,
        KIND_ROLE,
        AUTHOR_ROLE,
        OBJECTIVE_ROLE,
        DUPLICATES_ROLE,
        CARRIED_ROLE,
    }
)


def _signed(card: CardRow) -> str:
    """The card's author line: the name, and the department a survey gave ("王丽 · 市场部")."""
    return f"{card.author} · {card.department}" if card.department else str(card.author)


def _row_item(card_id: int) -> QStandardItem:
    item = QStandardItem()
    item.setFlags(_CARD_FLAGS)
    item.setData(card_id, ID_ROLE)
    return item


class CardModel(MovesItems, QStandardItemModel):
    """Cards in the order they were written; updated row by row from each change.

    The rows are Qt's own (QStandardItems holding a card's id): a list view lays out every
    row on each insert or removal, asking the model for its row count and flags row by row,
    which costs nothing in C++ and a Python call each otherwise (20,000 cards: 40,000 calls a
    change). What a row shows comes from the view's card of that id, through ``data``.
    """

    move_requested = Signal(list, object)  # card ids, objective id (None: back to the wall)
    edit_requested = Signal(int, str)  # card id, new text (the page runs the operation)

    def __init__(self, parent: QObject | None = None, *, loose_only: bool = False) -> None:
        super().__init__(parent)
        # loose_only: just the cards not in any group (the Group page's left column).
        self.loose_only = loose_only
        self._cards: dict[int, CardRow] = {}
        self._ids: list[int] = []  # in row order
        self._workshop_id: int | None = None
        self.invisibleRootItem().setFlags(Qt.ItemFlag.ItemIsDropEnabled)

    @property
    def workshop_id(self) -> int | None:
        return self._workshop_id

    def set_wall(self, wall: CardWall) -> None:
        """Show a whole wall afresh (a workshop opened or switched, authors renamed)."""
        self.beginResetModel()
        self._workshop_id = wall.workshop_id
        self._cards = {card.id: card for card in wall.cards}
        self._ids = [card.id for card in wall.cards]
        root = self.invisibleRootItem()
        self.blockSignals(True)  # the reset announces it all
        root.removeRows(0, root.rowCount())
        root.appendRows([_row_item(card_id) for card_id in self._ids])
        self.blockSignals(False)
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
            self.removeRow(position)
            del self._ids[position]
            del self._cards[card_id]
        elif card is not None and present:
            if self._cards[card_id] != card:
                self._cards[card_id] = card
                index = self.index(position, 0)
                self.dataChanged.emit(index, index)
        elif card is not None:
            # Known before its row appears: whoever reads the new row finds the card.
            self._cards[card_id] = card
            self._ids.insert(position, card_id)
            self.insertRow(position, _row_item(card_id))

    def card(self, row: int) -> CardRow:
        return self._cards[self._ids[row]]

    def row_of(self, card_id: int) -> int:
        position = bisect.bisect_left(self._ids, card_id)
        return position if position < len(self._ids) and self._ids[position] == card_id else -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _SHOWN_ROLES:
            return None  # a delegate asks for a dozen roles per row and paint
        card = self._cards.get(super().data(index, ID_ROLE)) if index.isValid() else None
        if card is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return card.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(card.text if not card.author else f"{card.text}\n— {_signed(card)}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return card.text
        if role == ID_ROLE:
            return card.id
        if role == KIND_ROLE:
            return "idea"
        if role == AUTHOR_ROLE:
            # The view names nobody (and no department) in an anonymous workshop.
            return _signed(card) if card.author else None
        if role == OBJECTIVE_ROLE:
            return card.objective_id
        if role == DUPLICATES_ROLE:
            return card.duplicates
        if role == CARRIED_ROLE:
            return None if card.carried is None else card.carried.value
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        card = self.card(index.row())
        if str(value) != card.text:
            self.edit_requested.emit(card.id, str(value))
        # The model changes when the operation's change arrives, not here.
        return False

    # Drag and drop: cards travel as ids; a drop on the wall takes them out of their group.
    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        return items_mime({"idea": [self._ids[i.row()] for i in indexes if i.isValid()]})

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

"""Objectives (groups) with their key results and cards, as a two-level tree.

A thin adapter over the engine's objective tree view: it holds the view's rows, and turns a
patch (the objectives a change touched, re-read) into row signals for just those rows.
"""

from __future__ import annotations

import bisect
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from okrdesk.engine.card_rows import CardRow
from okrdesk.engine.objective_tree import (
    KeyResultRow,
    ObjectivePatch,
    ObjectiveRow,
    ObjectiveTree,
    order_key,
)
from okrdesk.ui.models.dragging import ITEMS_MIME, MovesItems, dragged_items, items_mime
from okrdesk.ui.models.roles import DETAIL_ROLE, ID_ROLE, KIND_ROLE, OBJECTIVE_ROLE
from okrdesk.ui.models.rows import sync_rows

Index = QModelIndex | QPersistentModelIndex
Child = KeyResultRow | CardRow


def _font(*, bold: bool, italic: bool) -> QFont:
    font = QFont()
    font.setBold(bold)
    font.setItalic(italic)
    return font


def _children(objective: ObjectiveRow) -> list[Child]:
    return [*objective.key_results, *objective.cards]


def _child_key(child: Child) -> tuple[str, int]:
    return ("key_result" if isinstance(child, KeyResultRow) else "idea", child.id)


class ObjectiveTreeModel(MovesItems, QAbstractItemModel):
    """Top level: objectives in order. Children: their key results, then their cards."""

    # (kind, ids, objective id, index): a drop asks for a move; the page runs the operation.
    move_requested = Signal(str, list, int, int)
    edit_requested = Signal(str, int, str)  # kind, id, new text

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._objectives: list[ObjectiveRow] = []
        self._children: dict[int, list[Child]] = {}
        self._row_of: dict[int, int] | None = {}
        self._workshop_id: int | None = None
        self._bold, self._italic = _font(bold=True, italic=False), _font(bold=False, italic=True)
        self._plain = _font(bold=False, italic=False)
        self._grey = QColor("#6b7280")

    @property
    def workshop_id(self) -> int | None:
        return self._workshop_id

    def set_tree(self, tree: ObjectiveTree) -> None:
        """Show a whole tree afresh (a workshop opened or switched)."""
        self.beginResetModel()
        self._workshop_id = tree.workshop_id
        self._objectives = list(tree.objectives)
        self._children = {o.id: _children(o) for o in tree.objectives}
        self._row_of = None
        self.endResetModel()

    def apply_patch(self, patch: ObjectivePatch) -> None:
        """Bring the objectives a change touched up to date, row by row."""
        fresh = {row.id: row for row in patch.rows}
        if not fresh and not (patch.gone & self._children.keys()):
            return
        # The order the rows should be in: untouched rows stay, touched ones take their place.
        wanted = [o for o in self._objectives if o.id not in fresh and o.id not in patch.gone]
        for row in patch.rows:
            bisect.insort(wanted, row, key=order_key)
        for row in patch.rows:
            if row.id in self._children:
                self._sync_children(row)
        root = QModelIndex()
        for row in patch.rows:
            self._children.setdefault(row.id, _children(row))
        changed = sync_rows(self, root, self._objectives, wanted, lambda o: o.id, moved=self._moved)
        for gone in patch.gone:
            self._children.pop(gone, None)
        for at in changed:
            index = self.index(at, 0)
            self.dataChanged.emit(index, index)

    def _sync_children(self, row: ObjectiveRow) -> None:
        parent = self.objective_index(row.id)
        children = self._children[row.id]
        for at in sync_rows(self, parent, children, _children(row), _child_key):
            index = self.index(at, 0, parent)
            self.dataChanged.emit(index, index)
        if row.key_results != self._objective(row.id).key_results and row.key_results:
            # Key results are numbered KR1, KR2...: a new or removed one renumbers the others.
            last = len(row.key_results) - 1
            self.dataChanged.emit(self.index(0, 0, parent), self.index(last, 0, parent))

    def _moved(self) -> None:
        self._row_of = None

    def _rows(self) -> dict[int, int]:
        if self._row_of is None:
            self._row_of = {o.id: row for row, o in enumerate(self._objectives)}
        return self._row_of

    def _objective(self, objective_id: int) -> ObjectiveRow:
        return self._objectives[self._rows()[objective_id]]

    # Lookups for the pages.
    def objectives(self) -> list[ObjectiveRow]:
        return list(self._objectives)

    def objective(self, objective_id: int | None) -> ObjectiveRow | None:
        row = None if objective_id is None else self._rows().get(objective_id)
        return None if row is None else self._objectives[row]

    def objective_index(self, objective_id: int) -> QModelIndex:
        row = self._rows().get(objective_id)
        return QModelIndex() if row is None else self.createIndex(row, 0, 0)

    def find(self, kind: str, item_id: int) -> QModelIndex:
        """The index of an objective, key result or card by its id (invalid if gone)."""
        if kind == "objective":
            return self.objective_index(item_id)
        for objective_id, children in self._children.items():
            for row, child in enumerate(children):
                if child.id == item_id and _child_key(child)[0] == kind:
                    return self.index(row, 0, self.objective_index(objective_id))
        return QModelIndex()

    def item(self, index: Index) -> ObjectiveRow | Child | None:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._objectives[index.row()]
        children = self._children.get(index.internalId())
        return None if children is None or index.row() >= len(children) else children[index.row()]

    def key_result_count(self, objective_id: int) -> int:
        return sum(isinstance(c, KeyResultRow) for c in self._children.get(objective_id, ()))

    # QAbstractItemModel
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._objectives) else QModelIndex()
        if parent.internalId() != 0 or parent.row() >= len(self._objectives):
            return QModelIndex()
        objective = self._objectives[parent.row()]
        if row >= len(self._children.get(objective.id, ())):
            return QModelIndex()
        return self.createIndex(row, 0, objective.id)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.objective_index(index.internalId())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._objectives)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self._children.get(self._objectives[parent.row()].id, ()))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index)
        if item is None:
            return None
        if role == Qt.ItemDataRole.FontRole:
            if isinstance(item, ObjectiveRow):
                return self._bold
            return self._italic if isinstance(item, CardRow) else self._plain
        if role == Qt.ItemDataRole.ForegroundRole and isinstance(item, CardRow):
            return self._grey
        if isinstance(item, ObjectiveRow):
            values = {
                Qt.ItemDataRole.DisplayRole: item.title,
                Qt.ItemDataRole.EditRole: item.title,
                Qt.ItemDataRole.AccessibleTextRole: item.title,
                ID_ROLE: item.id,
                KIND_ROLE: "objective",
                OBJECTIVE_ROLE: item.id,
                DETAIL_ROLE: self.key_result_count(item.id),
            }
            return values.get(role)
        objective_id = index.internalId()
        if isinstance(item, KeyResultRow):
            number = index.row() + 1  # key results come first, in order
            summary = item.summary
            values = {
                Qt.ItemDataRole.DisplayRole: f"KR{number}  {item.title}"
                + (f"   ({summary})" if summary else ""),
                Qt.ItemDataRole.ToolTipRole: summary,
                Qt.ItemDataRole.EditRole: item.title,
                Qt.ItemDataRole.AccessibleTextRole: f"KR{number} {item.title}",
                ID_ROLE: item.id,
                KIND_ROLE: "key_result",
                OBJECTIVE_ROLE: objective_id,
                DETAIL_ROLE: summary,
            }
            return values.get(role)
        values = {
            Qt.ItemDataRole.DisplayRole: f"▪ {item.text}",
            Qt.ItemDataRole.EditRole: item.text,
            Qt.ItemDataRole.AccessibleTextRole: item.text,
            ID_ROLE: item.id,
            KIND_ROLE: "idea",
            OBJECTIVE_ROLE: objective_id,
        }
        return values.get(role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if str(value) != self.data(index, Qt.ItemDataRole.EditRole):
            self.edit_requested.emit(
                self.data(index, KIND_ROLE), self.data(index, ID_ROLE), str(value)
            )
        return False

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
            | Qt.ItemFlag.ItemIsEditable
        )
        if index.internalId() != 0:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        payload: dict[str, list[int]] = {"idea": [], "key_result": []}
        for index in indexes:
            kind = self.data(index, KIND_ROLE)
            if kind in payload:
                payload[kind].append(self.data(index, ID_ROLE))
        return items_mime(payload)

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(ITEMS_MIME) and parent.isValid()

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not data.hasFormat(ITEMS_MIME) or not parent.isValid():
            return False
        objective_id = self.data(parent, OBJECTIVE_ROLE)
        if self.objective(objective_id) is None:
            return False
        payload = dragged_items(data)
        # A drop onto a child lands next to it; onto the objective, at the end.
        child_row = row if parent.internalId() == 0 else parent.row()
        key_results = self.key_result_count(objective_id)
        kr_index = -1 if child_row < 0 else min(child_row, key_results)
        card_index = -1 if child_row < 0 else max(0, child_row - key_results)
        if payload.get("key_result"):
            self.move_requested.emit("key_result", payload["key_result"], objective_id, kr_index)
        if payload.get("idea"):
            self.move_requested.emit("idea", payload["idea"], objective_id, card_index)
        return False

"""Objectives (groups) with their key results and cards, as a two-level tree."""

from __future__ import annotations

from dataclasses import dataclass, field
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
from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.engine.changes import Change
from okrdesk.engine.snapshot import KeyResultView, key_result_view, plain_number
from okrdesk.models import Idea, KeyResult, Objective
from okrdesk.ui.models.dragging import ITEMS_MIME, MovesItems, dragged_items, items_mime
from okrdesk.ui.models.roles import DETAIL_ROLE, ID_ROLE, KIND_ROLE, OBJECTIVE_ROLE

Index = QModelIndex | QPersistentModelIndex
_TREE_TABLES = {"objective", "key_result", "idea", "alignment"}


# A key result as the tree shows it: the same plain view the reports use.
KeyResultRow = KeyResultView


@dataclass
class CardRow:
    id: int
    text: str


@dataclass
class ObjectiveRow:
    id: int
    title: str
    selected: bool
    aligned: bool
    key_results: list[KeyResultRow] = field(default_factory=list)
    cards: list[CardRow] = field(default_factory=list)

    def child(self, row: int) -> KeyResultRow | CardRow:
        if row < len(self.key_results):
            return self.key_results[row]
        return self.cards[row - len(self.key_results)]

    @property
    def child_count(self) -> int:
        return len(self.key_results) + len(self.cards)


def _font(*, bold: bool, italic: bool) -> QFont:
    font = QFont()
    font.setBold(bold)
    font.setItalic(italic)
    return font


def key_result_summary(kr: KeyResultRow) -> str:
    """'0 → 150 leads · 2027-03-31 · owner' (the KR's measurable part)."""
    parts: list[str] = []
    if kr.start is not None or kr.target is not None:
        span = f"{plain_number(kr.start) or '?'} → {plain_number(kr.target) or '?'}"
        parts.append(f"{span} {kr.unit}".strip() if kr.unit else span)
    if kr.deadline is not None:
        parts.append(kr.deadline.isoformat())
    if kr.owner:
        parts.append(kr.owner)
    return " · ".join(parts)


class ObjectiveTreeModel(MovesItems, QAbstractItemModel):
    """Top level: objectives in order. Children: their key results, then their cards."""

    # (kind, ids, objective id, index): a drop asks for a move; the page runs the operation.
    move_requested = Signal(str, list, int, int)
    edit_requested = Signal(str, int, str)  # kind, id, new text

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._objectives: list[ObjectiveRow] = []
        self._workshop_id: int | None = None

    def load(self, session: Session, workshop_id: int | None) -> None:
        self.beginResetModel()
        self._workshop_id = workshop_id
        self._objectives = [] if workshop_id is None else self._read(session)
        self.endResetModel()

    def _read(self, session: Session) -> list[ObjectiveRow]:
        assert self._workshop_id is not None
        objectives = {
            o.id: ObjectiveRow(o.id, o.title, o.selected, o.alignment is not None)
            for o in session.scalars(
                select(Objective)
                .where(Objective.workshop_id == self._workshop_id)
                .order_by(Objective.position, Objective.id)
            )
        }
        for kr in session.scalars(
            select(KeyResult)
            .where(KeyResult.objective_id.in_(objectives))
            .order_by(KeyResult.position, KeyResult.id)
        ):
            objectives[kr.objective_id].key_results.append(key_result_view(kr))
        for card_id, text, objective_id in session.execute(
            select(Idea.id, Idea.text, Idea.objective_id)
            .where(Idea.objective_id.in_(objectives), Idea.merged_into_id.is_(None))
            .order_by(Idea.position, Idea.id)
        ):
            objectives[objective_id].cards.append(CardRow(card_id, text))
        return list(objectives.values())

    def apply_change(self, session: Session, change: Change) -> None:
        """Refresh the groups a change touched; reload fully only if the groups changed."""
        if self._workshop_id is None or not (change.tables() & _TREE_TABLES):
            return
        fresh = self._read(session)
        if [o.id for o in fresh] != [o.id for o in self._objectives]:
            self.beginResetModel()
            self._objectives = fresh
            self.endResetModel()
            return
        for row, (old, new) in enumerate(zip(self._objectives, fresh, strict=True)):
            parent = self.index(row, 0)
            if (old.title, old.selected, old.aligned) != (new.title, new.selected, new.aligned):
                old.title, old.selected, old.aligned = new.title, new.selected, new.aligned
                self.dataChanged.emit(parent, parent)
            if (old.key_results, old.cards) == (new.key_results, new.cards):
                continue
            if old.child_count:
                self.beginRemoveRows(parent, 0, old.child_count - 1)
                old.key_results, old.cards = [], []
                self.endRemoveRows()
            if new.child_count:
                self.beginInsertRows(parent, 0, new.child_count - 1)
                old.key_results, old.cards = new.key_results, new.cards
                self.endInsertRows()

    # Lookups for the pages.
    def objectives(self) -> list[ObjectiveRow]:
        return list(self._objectives)

    def objective_index(self, objective_id: int) -> QModelIndex:
        for row, objective in enumerate(self._objectives):
            if objective.id == objective_id:
                return self.index(row, 0)
        return QModelIndex()

    def find(self, kind: str, item_id: int) -> QModelIndex:
        """The index of an objective, key result or card by its id (invalid if gone)."""
        for row, objective in enumerate(self._objectives):
            if kind == "objective" and objective.id == item_id:
                return self.index(row, 0)
            children = objective.key_results if kind == "key_result" else objective.cards
            offset = 0 if kind == "key_result" else len(objective.key_results)
            for child_row, child in enumerate(children):
                if kind != "objective" and child.id == item_id:
                    return self.index(offset + child_row, 0, self.index(row, 0))
        return QModelIndex()

    def item(self, index: Index) -> ObjectiveRow | KeyResultRow | CardRow | None:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._objectives[index.row()]
        parent = self._parent_row(index.internalId())
        return None if parent is None else parent.child(index.row())

    def _parent_row(self, objective_id: int) -> ObjectiveRow | None:
        return next((o for o in self._objectives if o.id == objective_id), None)

    # QAbstractItemModel
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._objectives) else QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        objective = self._objectives[parent.row()]
        if row >= objective.child_count:
            return QModelIndex()
        return self.createIndex(row, 0, objective.id)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        for row, objective in enumerate(self._objectives):
            if objective.id == index.internalId():
                return self.createIndex(row, 0, 0)
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._objectives)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return self._objectives[parent.row()].child_count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index)
        if item is None:
            return None
        if role == Qt.ItemDataRole.FontRole:
            return _font(bold=isinstance(item, ObjectiveRow), italic=isinstance(item, CardRow))
        if role == Qt.ItemDataRole.ForegroundRole and isinstance(item, CardRow):
            return QColor("#6b7280")
        if isinstance(item, ObjectiveRow):
            values = {
                Qt.ItemDataRole.DisplayRole: item.title,
                Qt.ItemDataRole.EditRole: item.title,
                Qt.ItemDataRole.AccessibleTextRole: item.title,
                ID_ROLE: item.id,
                KIND_ROLE: "objective",
                OBJECTIVE_ROLE: item.id,
                DETAIL_ROLE: len(item.key_results),
            }
            return values.get(role)
        objective_id = index.internalId()
        if isinstance(item, KeyResultRow):
            number = self._parent_row(objective_id).key_results.index(item) + 1  # type: ignore[union-attr]
            summary = key_result_summary(item)
            values = {
                Qt.ItemDataRole.DisplayRole: f"KR{number}  {item.title}"
                + (f"   ({summary})" if summary else ""),
                Qt.ItemDataRole.ToolTipRole: summary,
                Qt.ItemDataRole.EditRole: item.title,
                Qt.ItemDataRole.AccessibleTextRole: f"KR{number} {item.title}",
                ID_ROLE: item.id,
                KIND_ROLE: "key_result",
                OBJECTIVE_ROLE: objective_id,
                DETAIL_ROLE: key_result_summary(item),
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
        objective = self._parent_row(objective_id)
        if objective is None:
            return False
        payload = dragged_items(data)
        # A drop onto a child lands next to it; onto the objective, at the end.
        child_row = row if parent.internalId() == 0 else parent.row()
        kr_index = -1 if child_row < 0 else min(child_row, len(objective.key_results))
        card_index = -1 if child_row < 0 else max(0, child_row - len(objective.key_results))
        if payload.get("key_result"):
            self.move_requested.emit("key_result", payload["key_result"], objective_id, kr_index)
        if payload.get("idea"):
            self.move_requested.emit("idea", payload["idea"], objective_id, card_index)
        return False

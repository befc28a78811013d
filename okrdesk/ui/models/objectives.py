"""Objectives (groups) with their key results and cards, as a two-level tree.

A thin adapter over the engine's objective tree view: it holds the view's rows, and turns a
patch (the objectives a change touched, re-read) into row signals for just those rows.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QStyle

from okrdesk.engine.card_rows import CardRow
from okrdesk.engine.objective_tree import (
    KeyResultRow,
    ObjectivePatch,
    ObjectiveRow,
    ObjectiveTree,
    order_key,
)
from okrdesk.engine.quality import check_objective
from okrdesk.models import UnitLevel
from okrdesk.ui.models.dragging import ITEMS_MIME, MovesItems, dragged_items, items_mime
from okrdesk.ui.models.roles import (
    DETAIL_ROLE,
    ID_ROLE,
    KIND_ROLE,
    LOOK_ROLE,
    OBJECTIVE_ROLE,
    ItemKind,
)
from okrdesk.ui.models.rows import sync_rows
from okrdesk.ui.plain_label import plain_tip

Index = QModelIndex | QPersistentModelIndex
Child = KeyResultRow | CardRow


def _font(*, bold: bool, italic: bool) -> QFont:
    font = QFont()
    font.setBold(bold)
    font.setItalic(italic)
    return font


# Combined once: views ask for flags on every paint, and combining Qt flags is slow in Python.
_OBJECTIVE_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemIsDropEnabled
    | Qt.ItemFlag.ItemIsEditable
)
_CHILD_FLAGS = _OBJECTIVE_FLAGS | Qt.ItemFlag.ItemNeverHasChildren


# Each row's item holds (kind, id, objective id) under one role: one look per data() call.
_KEY_ROLE = Qt.ItemDataRole.UserRole + 50
_KEY_ROLES = {KIND_ROLE: 0, ID_ROLE: 1, OBJECTIVE_ROLE: 2}
_SHOWN_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.DecorationRole,
        DETAIL_ROLE,
        LOOK_ROLE,
    }
)


# A row's quality findings, by the row they are about: the objective (None) or a key result.
Findings = dict[int | None, tuple[str, ...]]


def row_findings(objective: ObjectiveRow, level: UnitLevel, language: str) -> Findings:
    """The engine's checks of one objective, as messages on the rows they are about."""
    by_title = {kr.title: kr.id for kr in objective.key_results}
    found: dict[int | None, list[str]] = {}
    for finding in check_objective(objective, "", level, aligned=objective.aligned):
        about = None if finding.key_result is None else by_title.get(finding.key_result)
        found.setdefault(about, []).append(finding.message(language))
    return {row: tuple(messages) for row, messages in found.items()}


@dataclass(frozen=True)
class RowLook:
    """What a tree row paints (LOOK_ROLE): the display text, its font, colour and badge.

    Not a tuple: Qt would hand a tuple back as a list.
    """

    text: str
    font: QFont
    colour: QColor | None  # None: the view's text colour
    icon: QIcon | None


def _children(objective: ObjectiveRow) -> list[Child]:
    return [*objective.key_results, *objective.cards]


def _child_key(child: Child) -> tuple[ItemKind, int]:
    return (ItemKind.KEY_RESULT if isinstance(child, KeyResultRow) else ItemKind.IDEA, child.id)


class ObjectiveTreeModel(MovesItems, QStandardItemModel):
    """Top level: objectives in order. Children: their key results, then their cards.

    The rows are Qt's own (QStandardItems holding an id, a kind and the objective): a tree
    view lays out every expanded row on each insert or removal, asking row counts, indexes
    and flags row by row, which costs nothing in C++ and a Python call each otherwise. What a
    row shows comes from the view's row of that id, through ``data``.
    """

    # (kind, ids, objective id, index): a drop asks for a move; the page runs the operation.
    move_requested = Signal(str, list, int, int)
    edit_requested = Signal(str, int, str)  # kind, id, new text

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._objectives: list[ObjectiveRow] = []  # in row order
        # What rows show is looked up by id: Qt's rows and these lists differ while Qt moves.
        self._by_id: dict[int, ObjectiveRow] = {}
        self._child_rows: dict[int, dict[tuple[str, int], Child]] = {}
        self._items: dict[int, QStandardItem] = {}  # objective id -> its row's item
        self._children: dict[int, list[Child]] = {}  # objective id -> children in row order
        self._child_items: dict[int, dict[tuple[str, int], QStandardItem]] = {}
        self._workshop_id: int | None = None
        self.invisibleRootItem().setFlags(Qt.ItemFlag.ItemIsDropEnabled)
        self._bold, self._italic = _font(bold=True, italic=False), _font(bold=False, italic=True)
        self._plain = _font(bold=False, italic=False)
        self._grey = QColor("#6b7280")
        # Quality findings as a badge on the rows they are about (the message on hover).
        self._level, self._language = UnitLevel.COMPANY, "en"
        self._findings: dict[int, Findings] = {}  # objective id -> its rows' findings
        self._badge: QIcon | None = None

    def set_quality(self, level: UnitLevel, language: str) -> None:
        """Check the rows for this unit's level and say the findings in this language."""
        if (level, language) == (self._level, self._language):
            return
        self._level, self._language = level, language
        self._findings = {row.id: self._checked(row) for row in self._objectives}
        if self._objectives:
            last = self.index(len(self._objectives) - 1, 0)
            self.dataChanged.emit(self.index(0, 0), last)
            for row in self._objectives:
                parent = self._items[row.id].index()
                if row.key_results:
                    self.dataChanged.emit(
                        self.index(0, 0, parent), self.index(len(row.key_results) - 1, 0, parent)
                    )

    def _checked(self, row: ObjectiveRow) -> Findings:
        return row_findings(row, self._level, self._language)

    def findings(self, kind: ItemKind, item_id: int, objective_id: int) -> tuple[str, ...]:
        """The quality findings shown on an objective's or a key result's row."""
        rows = self._findings.get(objective_id, {})
        if kind is ItemKind.OBJECTIVE:
            return rows.get(None, ())
        return rows.get(item_id, ()) if kind is ItemKind.KEY_RESULT else ()

    def _badge_icon(self) -> QIcon:
        if self._badge is None:
            style = QApplication.style()
            self._badge = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._badge

    @property
    def workshop_id(self) -> int | None:
        return self._workshop_id

    def set_tree(self, tree: ObjectiveTree) -> None:
        """Show a whole tree afresh (a workshop opened or switched)."""
        self.beginResetModel()
        self.blockSignals(True)  # the reset announces it all
        root = self.invisibleRootItem()
        root.removeRows(0, root.rowCount())
        self._workshop_id = tree.workshop_id
        self._objectives, self._items, self._children, self._child_items = [], {}, {}, {}
        self._by_id, self._child_rows = {}, {}
        self._level = tree.level
        root.appendRows([self._objective_item(row) for row in tree.objectives])
        self._objectives = list(tree.objectives)
        self.blockSignals(False)
        self.endResetModel()

    def _objective_item(self, row: ObjectiveRow) -> QStandardItem:
        """A new objective's item, its children's items under it (all known to the model)."""
        item = QStandardItem()
        item.setFlags(_OBJECTIVE_FLAGS)
        item.setData((ItemKind.OBJECTIVE, row.id, row.id), _KEY_ROLE)
        self._items[row.id] = item
        self._by_id[row.id] = row
        self._findings[row.id] = self._checked(row)
        children = _children(row)
        self._children[row.id] = children
        self._child_items[row.id] = {}
        self._child_rows[row.id] = {}
        item.appendRows([self._child_item(row.id, child) for child in children])
        return item

    def _child_item(self, objective_id: int, child: Child) -> QStandardItem:
        item = QStandardItem()
        item.setFlags(_CHILD_FLAGS)
        kind, child_id = _child_key(child)
        item.setData((kind, child_id, objective_id), _KEY_ROLE)
        self._child_items[objective_id][(kind, child_id)] = item
        self._child_rows[objective_id][(kind, child_id)] = child
        return item

    def apply_patch(self, patch: ObjectivePatch) -> None:
        """Bring the objectives a change touched up to date, row by row."""
        fresh = {row.id: row for row in patch.rows}
        if not fresh and not (patch.gone & self._items.keys()):
            return
        for row in patch.rows:
            if row.id in self._items:
                self._findings[row.id] = self._checked(row)
                self._sync_children(row)
                self._by_id[row.id] = row
        # The order the rows should be in: untouched rows stay, touched ones take their place.
        wanted = [o for o in self._objectives if o.id not in fresh and o.id not in patch.gone]
        for row in patch.rows:
            bisect.insort(wanted, row, key=order_key)
        root = self.invisibleRootItem()

        def insert(at: int, row: ObjectiveRow) -> None:
            root.insertRow(at, self._objective_item(row))

        def remove(at: int) -> None:
            gone = self._objectives[at].id
            root.removeRow(at)
            del self._items[gone], self._children[gone], self._child_items[gone]
            del self._by_id[gone], self._child_rows[gone], self._findings[gone]

        changed = sync_rows(
            self._objectives,
            wanted,
            lambda o: o.id,
            insert=insert,
            remove=remove,
            move=lambda source, to: root.insertRow(to, root.takeRow(source)),
        )
        for at in changed:
            index = self.index(at, 0)
            self.dataChanged.emit(index, index)

    def _sync_children(self, row: ObjectiveRow) -> None:
        parent = self._items[row.id]
        children = self._children[row.id]
        items = self._child_items[row.id]
        shown = self._child_rows[row.id]
        for child in _children(row):
            if _child_key(child) in shown:
                shown[_child_key(child)] = child
        had_key_results = sum(isinstance(c, KeyResultRow) for c in children)

        def insert(at: int, child: Child) -> None:
            parent.insertRow(at, self._child_item(row.id, child))

        def remove(at: int) -> None:
            key = _child_key(children[at])
            parent.removeRow(at)
            del items[key], shown[key]

        changed = sync_rows(
            children,
            _children(row),
            _child_key,
            insert=insert,
            remove=remove,
            move=lambda source, to: parent.insertRow(to, parent.takeRow(source)),
        )
        parent_index = parent.index()
        for at in changed:
            index = self.index(at, 0, parent_index)
            self.dataChanged.emit(index, index)
        if len(row.key_results) != had_key_results and row.key_results:
            # Key results are numbered KR1, KR2...: a new or removed one renumbers the others.
            last = len(row.key_results) - 1
            self.dataChanged.emit(self.index(0, 0, parent_index), self.index(last, 0, parent_index))

    # Lookups for the pages.
    def objectives(self) -> list[ObjectiveRow]:
        return list(self._objectives)

    def objective(self, objective_id: int | None) -> ObjectiveRow | None:
        return None if objective_id is None else self._by_id.get(objective_id)

    def objective_index(self, objective_id: int) -> QModelIndex:
        item = self._items.get(objective_id)
        return QModelIndex() if item is None else item.index()

    def find(self, kind: ItemKind, item_id: int) -> QModelIndex:
        """The index of an objective, key result or card by its id (invalid if gone)."""
        if kind is ItemKind.OBJECTIVE:
            return self.objective_index(item_id)
        for items in self._child_items.values():
            item = items.get((kind, item_id))
            if item is not None:
                return item.index()
        return QModelIndex()

    def shown(self, index: Index) -> ObjectiveRow | Child | None:
        """The view's row an index shows (None for none)."""
        key = super().data(index, _KEY_ROLE) if index.isValid() else None
        if key is None:
            return None
        kind, item_id, objective_id = key
        if kind == ItemKind.OBJECTIVE:
            return self._by_id.get(item_id)
        return self._child_rows.get(objective_id, {}).get((kind, item_id))

    def key_result_count(self, objective_id: int) -> int:
        return sum(isinstance(c, KeyResultRow) for c in self._children.get(objective_id, ()))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in _KEY_ROLES:
            key = super().data(index, _KEY_ROLE) if index.isValid() else None
            return None if key is None else key[_KEY_ROLES[role]]
        if role not in _SHOWN_ROLES:
            return None  # a delegate asks for a dozen roles per row and paint
        item = self.shown(index)
        if item is None:
            return None
        if role == LOOK_ROLE:  # the row's delegate paints from this one answer
            return self._look(index, item)
        if role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole) and not (
            isinstance(item, CardRow)
        ):
            findings = self._row_findings(item)
            if role == Qt.ItemDataRole.DecorationRole:
                return self._badge_icon() if findings else None
            # On hover: the whole title (the row may cut it) or the KR's figures, then findings.
            about = item.title if isinstance(item, ObjectiveRow) else item.summary
            shown = [about] if about else []
            return plain_tip("\n".join([*shown, *("⚠ " + finding for finding in findings)])) or None
        if role == Qt.ItemDataRole.FontRole:
            return self._font_of(item)
        if role == Qt.ItemDataRole.ForegroundRole and isinstance(item, CardRow):
            return self._grey
        if isinstance(item, ObjectiveRow):
            values = {
                Qt.ItemDataRole.DisplayRole: item.title,
                Qt.ItemDataRole.EditRole: item.title,
                Qt.ItemDataRole.AccessibleTextRole: item.title,
                DETAIL_ROLE: len(item.key_results),
            }
            return values.get(role)
        if isinstance(item, KeyResultRow):
            number = index.row() + 1  # key results come first, in order
            summary = item.summary
            values = {
                Qt.ItemDataRole.DisplayRole: self._display(index, item),
                Qt.ItemDataRole.EditRole: item.title,
                Qt.ItemDataRole.AccessibleTextRole: f"KR{number} {item.title}",
                DETAIL_ROLE: summary,
            }
            return values.get(role)
        values = {
            Qt.ItemDataRole.DisplayRole: self._display(index, item),
            Qt.ItemDataRole.EditRole: item.text,
            Qt.ItemDataRole.AccessibleTextRole: item.text,
        }
        return values.get(role)

    def _row_findings(self, item: ObjectiveRow | KeyResultRow) -> tuple[str, ...]:
        if isinstance(item, ObjectiveRow):
            return self.findings(ItemKind.OBJECTIVE, item.id, item.id)
        return self.findings(ItemKind.KEY_RESULT, item.id, item.objective_id)

    def _font_of(self, item: ObjectiveRow | Child) -> QFont:
        if isinstance(item, ObjectiveRow):
            return self._bold
        return self._italic if isinstance(item, CardRow) else self._plain

    @staticmethod
    def _display(index: Index, item: ObjectiveRow | Child) -> str:
        if isinstance(item, CardRow):
            return f"▪ {item.text}"
        if isinstance(item, ObjectiveRow):
            return item.title
        summary = item.summary  # key results come first, in order: their row is their number
        return f"KR{index.row() + 1}  {item.title}" + (f"   ({summary})" if summary else "")

    def _look(self, index: Index, item: ObjectiveRow | Child) -> RowLook:
        text = self._display(index, item)
        if isinstance(item, CardRow):
            return RowLook(text, self._italic, self._grey, None)
        badge = self._badge_icon() if self._row_findings(item) else None
        return RowLook(text, self._font_of(item), None, badge)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if str(value) != self.data(index, Qt.ItemDataRole.EditRole):
            self.edit_requested.emit(
                self.data(index, KIND_ROLE), self.data(index, ID_ROLE), str(value)
            )
        # The model changes when the operation's change arrives, not here.
        return False

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        payload: dict[str, list[int]] = {ItemKind.IDEA: [], ItemKind.KEY_RESULT: []}
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
        on_objective = self.data(parent, KIND_ROLE) == ItemKind.OBJECTIVE
        child_row = row if on_objective else parent.row()
        key_results = self.key_result_count(objective_id)
        kr_index = -1 if child_row < 0 else min(child_row, key_results)
        card_index = -1 if child_row < 0 else max(0, child_row - key_results)
        if moved := payload.get(ItemKind.KEY_RESULT):
            self.move_requested.emit(ItemKind.KEY_RESULT, moved, objective_id, kr_index)
        if moved := payload.get(ItemKind.IDEA):
            self.move_requested.emit(ItemKind.IDEA, moved, objective_id, card_index)
        return False

"""Keyed rows under one parent of a Qt model, brought to a new order with row signals.

The models hold engine view rows and own no data of their own: given the rows as they
should be, ``sync_rows`` removes, moves and inserts just the rows that differ (begin/end
signals around each) and reports the rows whose contents changed, so views repaint only
those. A reset is left for a new workshop.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, MutableSequence, Sequence
from typing import Protocol, TypeVar

from PySide6.QtCore import QModelIndex

T = TypeVar("T")


class RowSignals(Protocol):
    """The part of QAbstractItemModel that announces row changes."""

    def beginInsertRows(self, parent: QModelIndex, first: int, last: int) -> None: ...
    def endInsertRows(self) -> None: ...
    def beginRemoveRows(self, parent: QModelIndex, first: int, last: int) -> None: ...
    def endRemoveRows(self) -> None: ...
    def beginMoveRows(
        self, source: QModelIndex, first: int, last: int, destination: QModelIndex, child: int
    ) -> bool: ...
    def endMoveRows(self) -> None: ...


def sync_rows(
    model: RowSignals,
    parent: QModelIndex,
    rows: MutableSequence[T],
    wanted: Sequence[T],
    key: Callable[[T], Hashable],
    *,
    moved: Callable[[], None] | None = None,
) -> list[int]:
    """Make ``rows`` equal ``wanted`` row by row; the rows left in place whose value changed.

    ``moved`` is called after each removal, move or insertion, before its end signal, so the
    model can bring its lookups (row of an id) in step before anyone asks.
    """
    step = moved or (lambda: None)
    wanted_keys = [key(row) for row in wanted]
    keep = set(wanted_keys)
    for at in range(len(rows) - 1, -1, -1):
        if key(rows[at]) not in keep:
            model.beginRemoveRows(parent, at, at)
            del rows[at]
            step()
            model.endRemoveRows()
    present = {key(row) for row in rows}
    order = [k for k in wanted_keys if k in present]
    for at, wanted_key in enumerate(order):
        if key(rows[at]) == wanted_key:
            continue
        source = next(i for i in range(at + 1, len(rows)) if key(rows[i]) == wanted_key)
        # Moving up: Qt's destination is the row it will be before.
        model.beginMoveRows(parent, source, source, parent, at)
        rows.insert(at, rows.pop(source))
        step()
        model.endMoveRows()
    changed: list[int] = []
    for at, (wanted_key, row) in enumerate(zip(wanted_keys, wanted, strict=True)):
        if at < len(rows) and key(rows[at]) == wanted_key:
            if rows[at] != row:
                rows[at] = row
                changed.append(at)
            continue
        model.beginInsertRows(parent, at, at)
        rows.insert(at, row)
        step()
        model.endInsertRows()
    return changed

"""Keyed rows under one parent of a Qt model, brought to a new order row by row.

The models hold engine view rows: given the rows as they should be, ``sync_rows`` removes,
moves and inserts just the rows that differ (through the model's own row operations, which
announce them) and reports the rows whose contents changed, so views repaint only those.
A reset is left for a new workshop.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, MutableSequence, Sequence
from typing import TypeVar

T = TypeVar("T")


def sync_rows(
    rows: MutableSequence[T],
    wanted: Sequence[T],
    key: Callable[[T], Hashable],
    *,
    insert: Callable[[int, T], None],
    remove: Callable[[int], None],
    move: Callable[[int, int], None],
) -> list[int]:
    """Make ``rows`` equal ``wanted`` row by row; the rows left in place whose value changed.

    ``insert``, ``remove`` and ``move`` change the model's own rows (and announce it); each
    is called before ``rows`` changes, so it still sees the row it removes or moves.
    """
    wanted_keys = [key(row) for row in wanted]
    keep = set(wanted_keys)
    for at in range(len(rows) - 1, -1, -1):
        if key(rows[at]) not in keep:
            remove(at)
            del rows[at]
    present = {key(row) for row in rows}
    order = [k for k in wanted_keys if k in present]
    for at, wanted_key in enumerate(order):
        if key(rows[at]) == wanted_key:
            continue
        source = next(i for i in range(at + 1, len(rows)) if key(rows[i]) == wanted_key)
        move(source, at)
        rows.insert(at, rows.pop(source))
    changed: list[int] = []
    for at, (wanted_key, row) in enumerate(zip(wanted_keys, wanted, strict=True)):
        if at < len(rows) and key(rows[at]) == wanted_key:
            if rows[at] != row:
                rows[at] = row
                changed.append(at)
            continue
        insert(at, row)
        rows.insert(at, row)
    return changed

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
    # The rows a change did not touch are the very same objects at both ends: only the
    # stretch between them is compared key by key (a change touches a row or two of 1,000).
    first, rows_end, wanted_end = 0, len(rows), len(wanted)
    while first < min(rows_end, wanted_end) and rows[first] is wanted[first]:
        first += 1
    while rows_end > first and wanted_end > first and rows[rows_end - 1] is wanted[wanted_end - 1]:
        rows_end, wanted_end = rows_end - 1, wanted_end - 1
    wanted_keys = [key(row) for row in wanted[first:wanted_end]]
    keep = set(wanted_keys)
    for at in range(rows_end - 1, first - 1, -1):
        if key(rows[at]) not in keep:
            remove(at)
            del rows[at]
            rows_end -= 1
    present = {key(row) for row in rows[first:rows_end]}
    order = [k for k in wanted_keys if k in present]
    for at, wanted_key in enumerate(order, start=first):
        if key(rows[at]) == wanted_key:
            continue
        source = next(i for i in range(at + 1, rows_end) if key(rows[i]) == wanted_key)
        move(source, at)
        rows.insert(at, rows.pop(source))
    changed: list[int] = []
    middle = zip(wanted_keys, wanted[first:wanted_end], strict=True)
    for at, (wanted_key, row) in enumerate(middle, start=first):
        if at < rows_end and key(rows[at]) == wanted_key:
            if rows[at] != row:
                rows[at] = row
                changed.append(at)
            continue
        insert(at, row)
        rows.insert(at, row)
        rows_end += 1
    return changed

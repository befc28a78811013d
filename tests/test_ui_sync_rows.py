"""Rows brought to a new order by the fewest row operations, whatever the change."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from okrdesk.ui.models.rows import sync_rows


@dataclass(frozen=True)
class Row:
    id: int
    text: str


class Mirror:
    """What a Qt model would hold: the ids in row order, changed only through the callbacks."""

    def __init__(self, rows: list[Row]) -> None:
        self.ids = [row.id for row in rows]
        self.operations = 0

    def insert(self, at: int, row: Row) -> None:
        self.ids.insert(at, row.id)
        self.operations += 1

    def remove(self, at: int) -> None:
        del self.ids[at]
        self.operations += 1

    def move(self, source: int, to: int) -> None:
        self.ids.insert(to, self.ids.pop(source))
        self.operations += 1

    def sync(self, held: list[Row], wanted: list[Row]) -> list[int]:
        """Bring held (and this mirror, through the callbacks) to wanted."""
        return sync_rows(
            held, wanted, lambda row: row.id, insert=self.insert, remove=self.remove, move=self.move
        )


@st.composite
def changes(draw: st.DrawFn) -> tuple[list[Row], list[Row]]:
    """Rows, and the rows as a change leaves them: some kept as they were (the same objects),
    some re-read unchanged or with new text, some gone, some new, in a new order."""
    ids = draw(st.lists(st.integers(0, 40), unique=True, max_size=25))
    rows = [Row(n, f"card {n}") for n in ids]
    wanted: list[Row] = []
    for row in rows:
        fate = draw(st.sampled_from(["same", "same", "same", "reread", "edited", "gone"]))
        if fate == "same":
            wanted.append(row)
        elif fate == "reread":
            wanted.append(Row(row.id, row.text))
        elif fate == "edited":
            wanted.append(Row(row.id, row.text + " (edited)"))
    new = draw(st.lists(st.integers(41, 60), unique=True, max_size=5))
    for n in new:
        wanted.insert(draw(st.integers(0, len(wanted))), Row(n, f"new {n}"))
    if draw(st.booleans()) and len(wanted) > 1:
        moved = wanted.pop(draw(st.integers(0, len(wanted) - 1)))
        wanted.insert(draw(st.integers(0, len(wanted))), moved)
    return rows, wanted


@given(changes())
def test_the_rows_end_as_wanted_and_only_edited_rows_are_reported(change):
    rows, wanted = change
    before = {row.id: row for row in rows}
    mirror = Mirror(rows)
    held = list(rows)
    changed = mirror.sync(held, wanted)
    assert held == wanted
    assert mirror.ids == [row.id for row in wanted]
    edited = {row.id for row in wanted if row.id in before and before[row.id] != row}
    assert {wanted[at].id for at in changed} == edited


def test_a_row_changed_among_many_costs_no_row_operation():
    rows = [Row(n, f"card {n}") for n in range(1000)]
    wanted = list(rows)
    wanted[500] = Row(500, "card 500, edited")
    mirror = Mirror(rows)
    changed = mirror.sync(rows, wanted)
    assert changed == [500] and mirror.operations == 0

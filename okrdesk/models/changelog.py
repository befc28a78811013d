"""Row-level change capture: SQLite triggers record every row an operation touched.

The before and after images of each row are what undo restores and redo re-applies,
so an operation's inverse is exact by construction, cascades included.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, Table, text

from okrdesk.models.base import Base

RowImage = dict[str, Any]
ChangeKind = Literal["insert", "update", "delete"]
# The audit log records history, including undos; undo must never erase it.
# The plan stamp counts commits, undos included.
UNCAPTURED_TABLES = frozenset({"audit_event", "plan_stamp"})
_LOG_TABLE = "okrdesk_row_change"
_OPS: dict[str, ChangeKind] = {"I": "insert", "U": "update", "D": "delete"}


@dataclass(frozen=True)
class RowChange:
    """One row inserted, updated or deleted, with its images before and after."""

    table: str
    kind: ChangeKind
    before: RowImage | None
    after: RowImage | None

    @property
    def key(self) -> tuple[Any, ...]:
        """The row's primary key values."""
        image = self.after if self.after is not None else self.before
        assert image is not None
        return tuple(image[c.name] for c in captured_table(self.table).primary_key.columns)


def captured_tables() -> list[Table]:
    """The tables whose changes can be undone."""
    return [t for t in Base.metadata.sorted_tables if t.name not in UNCAPTURED_TABLES]


def captured_table(name: str) -> Table:
    return Base.metadata.tables[name]


def _image_columns(table: Table) -> list[str]:
    """The columns an image records; rowid too where it is not the primary key itself.

    Restoring a composite-key row with its old rowid keeps the table's row order exact.
    """
    names = [c.name for c in table.columns]
    key = list(table.primary_key.columns)
    if not (len(key) == 1 and key[0].type.python_type is int):
        names.append("rowid")
    return names


def _json_object(table: Table, alias: str) -> str:
    pairs = ", ".join(f"'{name}', {alias}.\"{name}\"" for name in _image_columns(table))
    return f"json_object({pairs})"


def install_change_capture(dbapi_connection: sqlite3.Connection, tables: Iterable[Table]) -> None:
    """Create this connection's temporary change log and the triggers that fill it."""
    cursor = dbapi_connection.cursor()
    cursor.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {_LOG_TABLE} ("
        "seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL, old TEXT, new TEXT)"
    )
    for table in tables:
        new, old = _json_object(table, "NEW"), _json_object(table, "OLD")
        for op, event, old_sql, new_sql in (
            ("I", "INSERT", "NULL", new),
            ("U", "UPDATE", old, new),
            ("D", "DELETE", old, "NULL"),
        ):
            cursor.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS okrdesk_{op}_{table.name} "
                f'AFTER {event} ON main."{table.name}" BEGIN '
                f"INSERT INTO {_LOG_TABLE}(tbl, op, old, new) "
                f"VALUES ('{table.name}', '{op}', {old_sql}, {new_sql}); END"
            )
    cursor.close()


def clear_row_changes(connection: Connection) -> None:
    """Forget what earlier transactions on this connection recorded."""
    connection.execute(text(f"DELETE FROM {_LOG_TABLE}"))


def take_row_changes(connection: Connection) -> list[RowChange]:
    """The rows changed since the log was last cleared, in the order they changed."""
    rows = connection.execute(text(f"SELECT tbl, op, old, new FROM {_LOG_TABLE} ORDER BY seq"))
    changes = [
        RowChange(
            table=tbl,
            kind=_OPS[op],
            before=None if old is None else json.loads(old),
            after=None if new is None else json.loads(new),
        )
        for tbl, op, old, new in rows
    ]
    clear_row_changes(connection)
    return changes


class StaleChangeError(Exception):
    """The rows no longer look as the change left them, so it cannot be reverted exactly."""


def apply_row_images(connection: Connection, changes: Sequence[RowChange]) -> None:
    """Put every changed row back to its before image, newest change first.

    Each row must still be as the change left it; otherwise StaleChangeError is raised
    (and the caller's transaction rolls back), because reverting would lose later work.
    """
    connection.execute(text("PRAGMA defer_foreign_keys = ON"))
    for change in reversed(changes):
        table = captured_table(change.table)
        key_columns = [c.name for c in table.primary_key.columns]
        where = " AND ".join(f'"{name}" = :k_{name}' for name in key_columns)
        keys = {f"k_{name}": value for name, value in zip(key_columns, change.key, strict=True)}
        current = connection.execute(
            text(f'SELECT {_json_object(table, table.name)} FROM "{table.name}" WHERE {where}'),
            keys,
        ).scalar()
        expected = change.after
        if (None if current is None else json.loads(current)) != expected:
            raise StaleChangeError(change.table)
        if change.before is None:
            connection.execute(text(f'DELETE FROM "{table.name}" WHERE {where}'), keys)
        elif change.after is None:
            names = list(change.before)
            columns = ", ".join(f'"{n}"' for n in names)
            values = ", ".join(f":v_{n}" for n in names)
            connection.execute(
                text(f'INSERT INTO "{table.name}" ({columns}) VALUES ({values})'),
                {f"v_{n}": change.before[n] for n in names},
            )
        else:
            assignments = ", ".join(f'"{n}" = :v_{n}' for n in change.before)
            connection.execute(
                text(f'UPDATE "{table.name}" SET {assignments} WHERE {where}'),
                {**keys, **{f"v_{n}": v for n, v in change.before.items()}},
            )

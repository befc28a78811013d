"""Every text stored in a plan must be UTF-8: checked once when the plan is opened."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from okrdesk.errors import PlanFileError
from okrdesk.models.fileformat import read_only_uri
from okrdesk.models.storage_errors import storage_error


def check_plan_text(path: Path) -> None:
    """Refuse a plan holding text that is not valid UTF-8, naming its table, row and column.

    SQLite stores whatever bytes it is given; Python refuses them only when the row is read,
    so without this a bad row surfaces later in one view and not another. Every table is read
    once (plans are small: a few milliseconds), never written.
    """
    try:
        with closing(sqlite3.connect(read_only_uri(path), uri=True)) as db:
            tables = [
                name
                for (name,) in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
            for table in tables:
                try:
                    db.execute(f'SELECT * FROM "{table}"').fetchall()
                except sqlite3.OperationalError as error:
                    if getattr(error, "sqlite_errorcode", None) is not None:
                        raise  # SQLite's own failure, not Python's decoding
                    row, column = _first_bad_text(db, table)
                    raise PlanFileError(
                        "file.damaged_text", path=str(path), table=table, row=row, column=column
                    ) from error
    except sqlite3.Error as error:
        raise storage_error(error, path) or PlanFileError("file.damaged", path=str(path)) from error


def _first_bad_text(db: sqlite3.Connection, table: str) -> tuple[int, str]:
    """The rowid and column of the table's first text value that is not UTF-8."""
    columns = [str(info[1]) for info in db.execute(f'PRAGMA table_info("{table}")')]
    texts = ", ".join(f"""CASE WHEN typeof("{c}") = 'text' THEN "{c}" END""" for c in columns)
    db.text_factory = bytes
    try:
        for rowid, *values in db.execute(f'SELECT rowid, {texts} FROM "{table}" ORDER BY rowid'):
            for column, value in zip(columns, values, strict=True):
                if isinstance(value, bytes):
                    try:
                        value.decode("utf-8")
                    except UnicodeDecodeError:
                        return int(rowid), column
    finally:
        db.text_factory = str
    return 0, "?"

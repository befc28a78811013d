"""Every text stored in a plan must be UTF-8, and every stored number a number: checked once
when the plan is opened."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from okrdesk.errors import PlanFileError
from okrdesk.models.base import Base
from okrdesk.models.fileformat import read_only_uri
from okrdesk.models.storage_errors import storage_error
from okrdesk.models.types import ExactDecimal, stored_decimal

_MOST_SHOWN = 40  # characters of a bad value the message shows


def check_plan_text(path: Path) -> None:
    """Refuse a plan holding text that is not valid UTF-8, or a key result's start or target
    that is not a number, naming its table, row and column.

    SQLite stores whatever bytes it is given; Python refuses them only when the row is read,
    so without this a bad row surfaces later in one view and not another. Every table is read
    once, never written: its text values joined per column by SQLite, one string each for
    Python to decode (the bad row is looked for only once one is known to be there).
    Decoding the values one by one cost a third of a second on a 500-unit plan.
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
                    _decode_texts(db, table)
                except sqlite3.OperationalError as error:
                    if getattr(error, "sqlite_errorcode", None) is not None:
                        raise  # SQLite's own failure, not Python's decoding
                    row, column = _first_bad_text(db, table)
                    raise PlanFileError(
                        "file.damaged_text", path=str(path), table=table, row=row, column=column
                    ) from error
            _check_numbers(db, path, set(tables))
    except sqlite3.Error as error:
        raise storage_error(error, path) or PlanFileError("file.damaged", path=str(path)) from error


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [str(info[1]) for info in db.execute(f'PRAGMA table_info("{table}")')]


def _decode_texts(db: sqlite3.Connection, table: str) -> None:
    """Decode every text value of the table (raises as reading a bad one would).

    Each column's texts come joined with a newline: an ASCII byte between two values keeps
    a bad byte sequence at the end of one value, or at the start of the next, bad.
    """
    joined = ", ".join(
        f"""group_concat(CASE WHEN typeof("{c}") = 'text' THEN "{c}" END, char(10))"""
        for c in _columns(db, table)
    )
    db.execute(f'SELECT {joined} FROM "{table}"').fetchall()


def _first_bad_text(db: sqlite3.Connection, table: str) -> tuple[int, str]:
    """The rowid and column of the table's first text value that is not UTF-8."""
    columns = _columns(db, table)
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


def _check_numbers(db: sqlite3.Connection, path: Path, tables: set[str]) -> None:
    """Refuse the first value of an ExactDecimal column that is not a number (as "12,5")."""
    for table in Base.metadata.sorted_tables:
        if table.name not in tables:
            continue
        present = {str(info[1]) for info in db.execute(f'PRAGMA table_info("{table.name}")')}
        for column in table.columns:
            if not isinstance(column.type, ExactDecimal) or column.name not in present:
                continue
            # Each distinct value parsed once (a plan repeats its numbers); the first row
            # holding a bad one is looked up only when there is one.
            distinct = f'SELECT DISTINCT "{column.name}" FROM "{table.name}"'
            for (value,) in db.execute(distinct):
                if value is None:
                    continue
                try:
                    stored_decimal(value)
                except ValueError:
                    first = f'SELECT min(rowid) FROM "{table.name}" WHERE "{column.name}" IS ?'
                    (rowid,) = db.execute(first, (value,)).fetchone()
                    raise PlanFileError(
                        "file.damaged_number",
                        path=str(path),
                        table=table.name,
                        row=int(rowid),
                        column=column.name,
                        value=_shown(value),
                    ) from None


def _shown(value: object) -> str:
    """The bad value in one short printable line."""
    text = value if isinstance(value, str) else repr(value)
    short = "".join(char if char.isprintable() else "?" for char in text[:_MOST_SHOWN])
    return short + ("…" if len(text) > _MOST_SHOWN else "")

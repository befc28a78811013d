"""Statements on the plan file compiled once per process, not once per opened plan.

SQLAlchemy keeps a statement's compiled form in a cache of the engine it ran on, and every
opened plan has an engine of its own: a publish of a plan just opened (the command line,
each laptop's one publish) compiled each of its dozen statements again, about two thirds
of reading the plan into the outbox. Compiled once for SQLite, a statement here runs
straight on the plan's connection (inside the session's transaction), its columns turned
into Python values by the columns' own types, as SQLAlchemy would.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement, ColumnElement

_Processor = Callable[[Any], Any]
# The SQL, its parameters' names in order with their types' conversions, and the columns'.
_Compiled = tuple[
    str, tuple[tuple[str, _Processor | None], ...], tuple[tuple[int, _Processor], ...]
]


class PlanStatement:
    """A statement on the plan compiled on its first use and kept for the process."""

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._compiled: _Compiled | None = None

    def _compile(self, connection: Connection) -> _Compiled:
        if self._compiled is not None:
            return self._compiled
        dialect = connection.dialect
        compiled = self.statement.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        columns: list[ColumnElement[Any]] = list(getattr(self.statement, "selected_columns", ()))
        processors = tuple(
            (number, processor)
            for number, column in enumerate(columns)
            if (processor := column.type._cached_result_processor(dialect, None)) is not None
        )
        binds: dict[str, Any] = dict(compiled._bind_processors)
        names = tuple((name, binds.get(name)) for name in compiled.positiontup or ())
        made: _Compiled = (compiled.string, names, processors)
        self._compiled = made
        return made

    @staticmethod
    def _bound(
        names: tuple[tuple[str, _Processor | None], ...], params: Mapping[str, Any] | None
    ) -> Any:
        if not params:
            return ()
        return [params[name] if bind is None else bind(params[name]) for name, bind in names]

    def rows(self, connection: Connection, params: Mapping[str, Any] | None = None) -> list[Any]:
        """The statement's rows as tuples (or lists, when a column's type converts it)."""
        sql, names, processors = self._compile(connection)
        bound = self._bound(names, params)
        driver = connection.connection.driver_connection
        assert driver is not None
        rows: list[Any] = driver.execute(sql, bound).fetchall()
        if not processors:
            return rows
        converted = []
        for row in rows:
            values = list(row)
            for number, processor in processors:
                values[number] = processor(values[number])
            converted.append(values)
        return converted

    def run(self, connection: Connection, params: Mapping[str, Any] | None = None) -> int:
        """The statement run for its effect; the number of rows it changed."""
        sql, names, _processors = self._compile(connection)
        driver = connection.connection.driver_connection
        assert driver is not None
        bound = self._bound(names, params)
        return int(driver.execute(sql, bound).rowcount)

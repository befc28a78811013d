"""Column types that store values exactly: decimals as text, times as UTC ISO text."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class ExactDecimal(TypeDecorator[Decimal]):
    """A decimal kept as its text, so 0.1 stays 0.1 and undo restores it bit for bit."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else stored_decimal(value)


def stored_decimal(value: object) -> Decimal:
    """The finite decimal a stored text holds; a ValueError (a damaged plan) if it holds none.

    okrdesk stores only what str(Decimal) writes; "12,5" typed in a database browser, a blob
    or "NaN" is no value it wrote (decimal's own error is no ValueError, and names nothing).
    """
    try:
        number = Decimal(value) if isinstance(value, str) else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValueError(f"a stored number is {value!r}, not a number")
    return number


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC timestamp stored as ISO 8601 text with its offset."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("okrdesk stores aware timestamps only")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)

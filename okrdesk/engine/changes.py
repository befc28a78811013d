"""What an operation changed: the rows it touched, so views refresh and undo inverts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from okrdesk.messages import DEFAULT_LANGUAGE, translate
from okrdesk.models.changelog import RowChange


@dataclass(frozen=True)
class Notice:
    """A warning the room should see but that does not block (e.g. 6 objectives selected)."""

    message_id: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, language: str = DEFAULT_LANGUAGE) -> str:
        return translate(self.message_id, language, **self.params)


@dataclass(frozen=True)
class Change:
    """The description of one applied operation (or of one undo or redo of it)."""

    label_id: str
    label_params: dict[str, Any]
    rows: tuple[RowChange, ...]
    result: Any = None
    notices: tuple[Notice, ...] = ()
    audited: bool = False

    def label(self, language: str = DEFAULT_LANGUAGE) -> str:
        """What was done, in words, e.g. for "Undo Add idea"."""
        return translate(self.label_id, language, **self.label_params)

    def tables(self) -> set[str]:
        """The tables this change touched."""
        return {row.table for row in self.rows}

    def keys(self, table: str, kind: str | None = None) -> set[Any]:
        """Primary keys of the rows in a table that were changed (optionally one kind only)."""
        return {
            row.key[0] if len(row.key) == 1 else row.key
            for row in self.rows
            if row.table == table and (kind is None or row.kind == kind)
        }

    @property
    def empty(self) -> bool:
        return not self.rows

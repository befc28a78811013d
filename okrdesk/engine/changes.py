"""What an operation changed: the rows it touched, so views refresh and undo inverts."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from okrdesk.engine.aspects import ASPECT_TABLES, Actor, Aspect, row_aspects
from okrdesk.messages import DEFAULT_LANGUAGE, translate
from okrdesk.models.changelog import ChangeKind, RowChange


@dataclass(frozen=True)
class Notice:
    """A warning the room should see but that does not block (e.g. 6 objectives selected)."""

    message_id: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, language: str = DEFAULT_LANGUAGE) -> str:
        return translate(self.message_id, language, **self.params)


@dataclass(frozen=True)
class Change:
    """The description of one applied operation (or of one undo or redo of it).

    Consumers ask what it was about in the workshop's words: ``touches(Aspect.IDEAS)``,
    ``ids(Aspect.OBJECTIVES)``, ``workshops`` and ``actor``. The row images are for undo.
    """

    label_id: str
    label_params: dict[str, Any]
    rows: tuple[RowChange, ...]
    result: Any = None
    notices: tuple[Notice, ...] = ()
    audited: bool = False
    # The workshops the rows belong to, and who made the change.
    workshops: frozenset[int] = frozenset()
    actor: Actor = Actor.FACILITATOR

    @cached_property
    def aspects(self) -> frozenset[Aspect]:
        """Every part of the plan the change touched."""
        return frozenset(aspect for row in self.rows for aspect in row_aspects(row))

    def touches(self, *aspects: Aspect) -> bool:
        """Whether the change touched any of these aspects."""
        return not self.aspects.isdisjoint(aspects)

    def about(self, workshop_id: int | None) -> bool:
        """Whether the change touched this workshop (or the plan around every workshop)."""
        return workshop_id in self.workshops or self.touches(
            Aspect.PLAN, Aspect.CYCLES, Aspect.UNITS
        )

    def ids(self, aspect: Aspect, kind: ChangeKind | None = None) -> set[int]:
        """The ids of the changed rows of an aspect's own table (optionally of one kind:
        inserted, updated or deleted)."""
        table = ASPECT_TABLES[aspect]
        return {
            int(row.key[0])
            for row in self.rows
            if row.table == table and (kind is None or row.kind == kind)
        }

    def label(self, language: str = DEFAULT_LANGUAGE) -> str:
        """What was done, in words, e.g. for "Undo Add idea"."""
        return translate(self.label_id, language, **self.label_params)

    @property
    def empty(self) -> bool:
        return not self.rows

"""What an operation changed: the rows it touched, so views refresh and undo inverts."""

from __future__ import annotations

from collections.abc import Sequence
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


def announced_together(changes: Sequence[Change]) -> list[Change]:
    """Others' changes applied together (a group of phones' writes), announced as one per run
    of the same actor: a listener re-reads once for the group, not once for each of its
    writes. A facilitator's change stays alone (it is an undo step of its own).

    The announcement's rows are every change's rows in order, so ``touches``, ``ids`` and
    ``workshops`` answer for them all; it carries their notices; its result is None (each
    writer is answered with its own change, not with this).
    """
    runs: list[list[Change]] = []
    for change in changes:
        if change.empty:
            continue
        alone = change.actor is Actor.FACILITATOR
        if runs and not alone and runs[-1][0].actor is change.actor:
            runs[-1].append(change)
        else:
            runs.append([change])
    return [run[0] if len(run) == 1 else _as_one(run) for run in runs]


def _as_one(run: Sequence[Change]) -> Change:
    first = run[0]
    return Change(
        first.label_id,
        first.label_params,
        tuple(row for change in run for row in change.rows),
        None,
        tuple(notice for change in run for notice in change.notices),
        any(change.audited for change in run),
        frozenset().union(*(change.workshops for change in run)),
        first.actor,
    )

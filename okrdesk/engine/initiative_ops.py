"""Initiatives: the first steps toward a key result, a short ordered list under it.

Shown in the all-hands' worked breakdowns. Like the rationale they plan the work, they do
not change the OKRs: a signed-off workshop takes them, an imported copy does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from okrdesk.engine.context import OperationContext
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.rationale_ops import explained_objective
from okrdesk.engine.validation import clean_text
from okrdesk.errors import RuleError
from okrdesk.models import Initiative, KeyResult

# A key result's first steps, not a project plan: the slide shows them all.
MAX_INITIATIVES = 8


def _key_result(ctx: OperationContext, key_result_id: int) -> KeyResult:
    key_result = ctx.get(KeyResult, key_result_id)
    explained_objective(ctx, key_result.objective_id)
    return key_result


def _siblings(ctx: OperationContext, key_result_id: int, *, but: int | None) -> list[Initiative]:
    query = select(Initiative).where(Initiative.key_result_id == key_result_id)
    if but is not None:
        query = query.where(Initiative.id != but)
    return list(ctx.session.scalars(query.order_by(Initiative.position, Initiative.id)))


def _renumber(ordered: list[Initiative]) -> None:
    for position, initiative in enumerate(ordered):
        if initiative.position != position:
            initiative.position = position


def _index(index: int | None, count: int) -> int:
    return count if index is None else max(0, min(index, count))


@dataclass(frozen=True)
class AddInitiative(OperationBase):
    """Add an initiative under a key result at an index (None: last); returns its id."""

    key_result_id: int
    text: str
    index: int | None = None
    label = "op.add_initiative"

    def apply(self, ctx: OperationContext) -> int:
        key_result = _key_result(ctx, self.key_result_id)
        text = clean_text(self.text, "initiative")
        count = ctx.session.scalar(
            select(func.count()).where(Initiative.key_result_id == key_result.id)
        )
        if (count or 0) >= MAX_INITIATIVES:
            raise RuleError("rule.initiatives_full", limit=MAX_INITIATIVES)
        initiative = Initiative(key_result_id=key_result.id, text=text, position=count or 0)
        ctx.session.add(initiative)
        ctx.session.flush()
        if self.index is not None and self.index < (count or 0):
            siblings = _siblings(ctx, key_result.id, but=initiative.id)
            siblings.insert(_index(self.index, len(siblings)), initiative)
            _renumber(siblings)
        return initiative.id


@dataclass(frozen=True)
class EditInitiative(OperationBase):
    """Change an initiative's text."""

    initiative_id: int
    text: str
    label = "op.edit_initiative"

    def apply(self, ctx: OperationContext) -> None:
        initiative = ctx.get(Initiative, self.initiative_id)
        _key_result(ctx, initiative.key_result_id)
        text = clean_text(self.text, "initiative")
        if initiative.text != text:
            initiative.text = text


@dataclass(frozen=True)
class RemoveInitiative(OperationBase):
    """Remove an initiative; the ones after it move up."""

    initiative_id: int
    label = "op.remove_initiative"

    def apply(self, ctx: OperationContext) -> None:
        initiative = ctx.get(Initiative, self.initiative_id)
        _key_result(ctx, initiative.key_result_id)
        ctx.session.delete(initiative)
        ctx.session.flush()
        _renumber(_siblings(ctx, initiative.key_result_id, but=None))


@dataclass(frozen=True)
class MoveInitiative(OperationBase):
    """Move an initiative to an index among its key result's (None: last)."""

    initiative_id: int
    index: int | None
    label = "op.move_initiative"

    def apply(self, ctx: OperationContext) -> None:
        initiative = ctx.get(Initiative, self.initiative_id)
        _key_result(ctx, initiative.key_result_id)
        siblings = _siblings(ctx, initiative.key_result_id, but=initiative.id)
        siblings.insert(_index(self.index, len(siblings)), initiative)
        _renumber(siblings)

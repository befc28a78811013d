"""Grouping: objectives (groups of cards) made, renamed, merged, split, moved and deleted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update

from okrdesk.engine.alignment import aligned_children, check_parent
from okrdesk.engine.context import OperationContext
from okrdesk.engine.idea_ops import place_at
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.validation import clean_text
from okrdesk.errors import ConfirmationNeededError, RuleError, ValidationError
from okrdesk.models import Alignment, AuditKind, Dot, Idea, KeyResult, Objective


def _new_objective(ctx: OperationContext, workshop_id: int, title: str) -> Objective:
    objective = Objective(
        workshop_id=workshop_id,
        title=clean_text(title, "objective"),
        position=ctx.next_position(Objective.position, Objective.workshop_id == workshop_id),
        selected=False,
    )
    ctx.session.add(objective)
    ctx.session.flush()
    return objective


def _dot_count(ctx: OperationContext, objective_ids: list[int]) -> int:
    total = ctx.session.scalar(
        select(func.coalesce(func.sum(Dot.count), 0)).where(Dot.objective_id.in_(objective_ids))
    )
    return int(total or 0)


def _owned(ctx: OperationContext, objective_id: int) -> Objective:
    objective = ctx.get(Objective, objective_id)
    ctx.workshop(objective.workshop_id)
    return objective


@dataclass(frozen=True)
class CreateObjective(OperationBase):
    """Start a new group with a title of its own."""

    workshop_id: int
    title: str
    label = "op.create_objective"

    def apply(self, ctx: OperationContext) -> int:
        ctx.workshop(self.workshop_id)
        return _new_objective(ctx, self.workshop_id, self.title).id


@dataclass(frozen=True)
class MakeObjectiveFromIdea(OperationBase):
    """Turn a card into an objective: the card's text becomes its title and the card joins it."""

    idea_id: int
    label = "op.make_objective"

    def apply(self, ctx: OperationContext) -> int:
        idea = ctx.get(Idea, self.idea_id)
        ctx.workshop(idea.workshop_id)
        if idea.merged_into_id is not None:
            raise RuleError("rule.idea_already_merged")
        objective = _new_objective(ctx, idea.workshop_id, idea.text)
        idea.objective_id = objective.id
        idea.position = 0
        ctx.session.execute(
            update(Idea).where(Idea.merged_into_id == idea.id).values(objective_id=objective.id)
        )
        return objective.id


@dataclass(frozen=True)
class RenameObjective(OperationBase):
    objective_id: int
    title: str
    label = "op.rename_objective"

    def apply(self, ctx: OperationContext) -> None:
        _owned(ctx, self.objective_id).title = clean_text(self.title, "objective")


@dataclass(frozen=True)
class MoveObjective(OperationBase):
    """Put an objective at another place in the workshop's order."""

    objective_id: int
    index: int
    label = "op.move_objective"

    def apply(self, ctx: OperationContext) -> None:
        objective = _owned(ctx, self.objective_id)
        where = Objective.workshop_id == objective.workshop_id
        place_at(ctx, Objective.position, where, objective, self.index)


@dataclass(frozen=True)
class DeleteObjective(OperationBase):
    """Remove a group; its cards go back on the wall. KRs, dots and links need confirm."""

    objective_id: int
    confirm: bool = False
    label = "op.delete_objective"

    def apply(self, ctx: OperationContext) -> None:
        objective = _owned(ctx, self.objective_id)
        key_results = len(objective.key_results)
        dots = _dot_count(ctx, [objective.id])
        children = len(
            aligned_children(ctx, [objective.id], [kr.id for kr in objective.key_results])
        )
        if (key_results or dots or children) and not self.confirm:
            raise ConfirmationNeededError(
                "confirm.delete_objective",
                title=objective.title,
                key_results=key_results,
                dots=dots,
                children=children,
            )
        if dots or children:
            ctx.audit(
                AuditKind.OBJECTIVE_DELETED, objective.workshop_id, title=objective.title, dots=dots
            )
        ctx.session.delete(objective)


@dataclass(frozen=True)
class MergeObjectives(OperationBase):
    """Fold groups into one: cards and KRs move to the target; the sources' dots need confirm."""

    target_id: int
    source_ids: tuple[int, ...]
    confirm: bool = False
    label = "op.merge_objectives"

    def label_params(self) -> dict[str, Any]:
        return {"count": len(self.source_ids) + 1}

    def apply(self, ctx: OperationContext) -> None:
        target = _owned(ctx, self.target_id)
        source_ids = list(dict.fromkeys(self.source_ids))
        if not source_ids or target.id in source_ids:
            raise RuleError("rule.merge_needs_two")
        sources = [ctx.get(Objective, source_id) for source_id in source_ids]
        if any(source.workshop_id != target.workshop_id for source in sources):
            raise RuleError("rule.wrong_workshop")
        dots = _dot_count(ctx, source_ids)
        links = ctx.session.scalar(
            select(func.count(Alignment.id)).where(Alignment.objective_id.in_(source_ids))
        )
        if (dots or links) and not self.confirm:
            raise ConfirmationNeededError("confirm.merge_objectives", dots=dots, links=links)
        next_idea = ctx.next_position(Idea.position, Idea.objective_id == target.id)
        next_kr = ctx.next_position(KeyResult.position, KeyResult.objective_id == target.id)
        for source in sources:
            for idea in ctx.session.scalars(
                select(Idea).where(Idea.objective_id == source.id).order_by(Idea.position)
            ):
                idea.objective_id, idea.position = target.id, next_idea
                next_idea += 1
            for key_result in list(source.key_results):
                key_result.objective_id, key_result.position = target.id, next_kr
                next_kr += 1
            ctx.session.execute(
                update(Alignment)
                .where(Alignment.parent_objective_id == source.id)
                .values(parent_objective_id=target.id)
            )
            target.selected = target.selected or source.selected
        ctx.session.flush()
        if dots:
            ctx.audit(
                AuditKind.OBJECTIVES_MERGED, target.workshop_id, target=target.title, dots=dots
            )
        for source in sources:
            # Forget the moved cards and KRs so deleting the source cannot cascade to them.
            ctx.session.expire(source)
            ctx.session.delete(source)


@dataclass(frozen=True)
class SplitObjective(OperationBase):
    """Take some cards and KRs out of a group into a new objective placed right after it."""

    objective_id: int
    idea_ids: tuple[int, ...] = ()
    key_result_ids: tuple[int, ...] = ()
    title: str | None = None
    label = "op.split_objective"

    def apply(self, ctx: OperationContext) -> int:
        original = _owned(ctx, self.objective_id)
        ideas = [ctx.get(Idea, idea_id) for idea_id in dict.fromkeys(self.idea_ids)]
        key_results = [ctx.get(KeyResult, kr_id) for kr_id in dict.fromkeys(self.key_result_ids)]
        if not ideas and not key_results:
            raise RuleError("rule.split_needs_items")
        if any(idea.merged_into_id is not None for idea in ideas):
            raise RuleError("rule.idea_already_merged")
        if any(idea.objective_id != original.id for idea in ideas) or any(
            kr.objective_id != original.id for kr in key_results
        ):
            raise RuleError("rule.split_foreign_item")
        title = self.title if self.title is not None else (ideas[0].text if ideas else "")
        if self.title is None and not ideas:
            raise ValidationError("validation.empty", field="objective")
        part = _new_objective(ctx, original.workshop_id, title)
        for position, idea in enumerate(ideas):
            idea.objective_id, idea.position = part.id, position
            ctx.session.execute(
                update(Idea).where(Idea.merged_into_id == idea.id).values(objective_id=part.id)
            )
        for position, key_result in enumerate(key_results):
            key_result.objective_id, key_result.position = part.id, position
        where = Objective.workshop_id == original.workshop_id
        place_at(ctx, Objective.position, where, part, original.position + 1)
        return part.id


@dataclass(frozen=True)
class AlignObjective(OperationBase):
    """Link an objective up to a parent objective or parent KR of an ancestor unit (or unlink)."""

    objective_id: int
    parent_objective_id: int | None = None
    parent_key_result_id: int | None = None
    label = "op.align_objective"

    def apply(self, ctx: OperationContext) -> None:
        objective = _owned(ctx, self.objective_id)
        existing = ctx.session.scalar(
            select(Alignment).where(Alignment.objective_id == objective.id)
        )
        if self.parent_objective_id is None and self.parent_key_result_id is None:
            if existing is not None:
                ctx.session.delete(existing)
            return
        if self.parent_objective_id is not None and self.parent_key_result_id is not None:
            raise RuleError("rule.one_parent")
        check_parent(ctx, objective, self.parent_objective_id, self.parent_key_result_id)
        if existing is None:
            existing = Alignment(objective_id=objective.id)
            ctx.session.add(existing)
        existing.parent_objective_id = self.parent_objective_id
        existing.parent_key_result_id = self.parent_key_result_id

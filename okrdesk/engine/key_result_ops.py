"""Key results under an objective: added, edited, moved and deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, Protocol, TypeVar

from okrdesk.engine.alignment import aligned_children
from okrdesk.engine.context import OperationContext
from okrdesk.engine.idea_ops import place_at
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.validation import clean_text, optional_text, parse_decimal
from okrdesk.errors import ConfirmationNeededError, RuleError, ValidationError
from okrdesk.models import Commitment, KeyResult, KeyResultKind, Objective

EnumT = TypeVar("EnumT", bound=Enum)


class ShownKeyResult(Protocol):
    """A key result as a view shows it (the Group page's row, a report's view)."""

    @property
    def title(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def start(self) -> Decimal | None: ...
    @property
    def target(self) -> Decimal | None: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def deadline(self) -> date | None: ...
    @property
    def owner(self) -> str | None: ...
    @property
    def commitment(self) -> str: ...


@dataclass(frozen=True)
class KeyResultFields:
    """Everything a person writes about a key result."""

    title: str
    kind: KeyResultKind = KeyResultKind.METRIC
    start: Decimal | int | float | str | None = None
    target: Decimal | int | float | str | None = None
    unit: str | None = None
    deadline: date | None = None
    owner: str | None = None
    commitment: Commitment = Commitment.COMMITTED

    @classmethod
    def of(cls, kr: ShownKeyResult, *, title: str | None = None) -> KeyResultFields:
        """The fields of a key result as shown (optionally retitled), to write it again."""
        return cls(
            title=kr.title if title is None else title,
            kind=_choice(KeyResultKind, kr.kind, "kind"),
            start=kr.start,
            target=kr.target,
            unit=kr.unit,
            deadline=kr.deadline,
            owner=kr.owner,
            commitment=_choice(Commitment, kr.commitment, "commitment"),
        )

    def write_to(self, key_result: KeyResult) -> None:
        """Validate every field and copy it onto the key result."""
        if self.deadline is not None and not isinstance(self.deadline, date):
            raise ValidationError("validation.not_a_date", field="deadline")
        key_result.title = clean_text(self.title, "key_result")
        key_result.kind = _choice(KeyResultKind, self.kind, "kind")
        key_result.start_value = parse_decimal(self.start, "start")
        key_result.target_value = parse_decimal(self.target, "target")
        key_result.unit = optional_text(self.unit, "unit")
        key_result.deadline = self.deadline
        key_result.owner = optional_text(self.owner, "name")
        key_result.commitment = _choice(Commitment, self.commitment, "commitment")


def _choice(enum: type[EnumT], value: object, field: str) -> EnumT:
    try:
        return enum(value)
    except ValueError as error:
        raise ValidationError("validation.bad_choice", field=field) from error


def _objective(ctx: OperationContext, objective_id: int) -> Objective:
    objective = ctx.get(Objective, objective_id)
    ctx.workshop(objective.workshop_id)
    return objective


@dataclass(frozen=True)
class AddKeyResult(OperationBase):
    objective_id: int
    fields: KeyResultFields
    label = "op.add_key_result"

    def apply(self, ctx: OperationContext) -> int:
        objective = _objective(ctx, self.objective_id)
        key_result = KeyResult(
            objective_id=objective.id,
            position=ctx.next_position(KeyResult.position, KeyResult.objective_id == objective.id),
        )
        self.fields.write_to(key_result)
        ctx.session.add(key_result)
        ctx.session.flush()
        return key_result.id


@dataclass(frozen=True)
class EditKeyResult(OperationBase):
    key_result_id: int
    fields: KeyResultFields
    label = "op.edit_key_result"

    def apply(self, ctx: OperationContext) -> None:
        key_result = ctx.get(KeyResult, self.key_result_id)
        _objective(ctx, key_result.objective_id)
        self.fields.write_to(key_result)


@dataclass(frozen=True)
class DeleteKeyResult(OperationBase):
    key_result_id: int
    confirm: bool = False
    label = "op.delete_key_result"

    def apply(self, ctx: OperationContext) -> None:
        key_result = ctx.get(KeyResult, self.key_result_id)
        _objective(ctx, key_result.objective_id)
        children = aligned_children(ctx, [], [key_result.id])
        if children and not self.confirm:
            raise ConfirmationNeededError(
                "confirm.delete_key_result", title=key_result.title, children=len(children)
            )
        ctx.session.delete(key_result)


@dataclass(frozen=True)
class MoveKeyResult(OperationBase):
    """Move a KR under another objective of the same workshop (or reorder it), at a position."""

    key_result_id: int
    objective_id: int
    index: int | None = None
    label = "op.move_key_result"

    def label_params(self) -> dict[str, Any]:
        return {}

    def apply(self, ctx: OperationContext) -> None:
        key_result = ctx.get(KeyResult, self.key_result_id)
        source = _objective(ctx, key_result.objective_id)
        target = _objective(ctx, self.objective_id)
        if source.workshop_id != target.workshop_id:
            raise RuleError("rule.wrong_workshop")
        key_result.objective_id = target.id
        place_at(
            ctx, KeyResult.position, KeyResult.objective_id == target.id, key_result, self.index
        )

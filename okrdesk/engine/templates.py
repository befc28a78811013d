"""The template library: example OKRs for common roles, in Chinese and English."""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from okrdesk.engine.context import OperationContext
from okrdesk.engine.key_result_ops import KeyResultFields
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.validation import clean_text
from okrdesk.errors import RuleError
from okrdesk.messages import normalise_language
from okrdesk.models import Cycle, Idea, KeyResult, KeyResultKind, Objective
from okrdesk.resource_paths import resource_path

DUE_POINTS = ("month1", "mid", "month2", "end")


@dataclass(frozen=True)
class TemplateKeyResult:
    title: str
    kind: KeyResultKind
    start: float | int | None
    target: float | int | None
    unit: str | None
    due: str


@dataclass(frozen=True)
class TemplateObjective:
    title: str
    key_results: tuple[TemplateKeyResult, ...]


@dataclass(frozen=True)
class RoleTemplate:
    id: str
    family: str
    name: str
    objectives: tuple[TemplateObjective, ...]


@cache
def _library() -> dict[str, Any]:
    path = resource_path("templates", "okr_templates.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def role_templates(language: str) -> list[RoleTemplate]:
    """Every role's example OKRs in the language."""
    language = normalise_language(language)

    def text(value: dict[str, str] | None) -> str | None:
        return None if value is None else value[language]

    return [
        RoleTemplate(
            id=role["id"],
            family=role["family"],
            name=role["name"][language],
            objectives=tuple(
                TemplateObjective(
                    title=objective["title"][language],
                    key_results=tuple(
                        TemplateKeyResult(
                            title=kr["title"][language],
                            kind=KeyResultKind(kr["kind"]),
                            start=kr["start"],
                            target=kr["target"],
                            unit=text(kr["unit"]),
                            due=kr["due"],
                        )
                        for kr in objective["key_results"]
                    ),
                )
                for objective in role["objectives"]
            ),
        )
        for role in _library()["roles"]
    ]


def due_date(cycle_start: date, cycle_end: date, due: str) -> date:
    """The deadline a template's due point means within a cycle."""
    if due == "end":
        return cycle_end
    if due == "mid":
        return cycle_start + (cycle_end - cycle_start) / 2
    months = 1 if due == "month1" else 2
    year, month = cycle_start.year, cycle_start.month + months - 1
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    end_of_month = date(year, month, calendar.monthrange(year, month)[1])
    return min(end_of_month, cycle_end)


@dataclass(frozen=True)
class InsertTemplate(OperationBase):
    """Put a template objective on the wall: a card, an objective for it, and its KRs."""

    workshop_id: int
    role_id: str
    objective_index: int
    language: str
    label = "op.insert_template"

    def apply(self, ctx: OperationContext) -> int:
        workshop = ctx.workshop(self.workshop_id)
        role = next((r for r in role_templates(self.language) if r.id == self.role_id), None)
        if role is None or not 0 <= self.objective_index < len(role.objectives):
            raise RuleError("rule.no_template")
        template = role.objectives[self.objective_index]
        cycle = ctx.get(Cycle, workshop.cycle_id)
        objective = Objective(
            workshop_id=workshop.id,
            title=clean_text(template.title, "objective"),
            position=ctx.next_position(Objective.position, Objective.workshop_id == workshop.id),
            selected=False,
        )
        ctx.session.add(objective)
        ctx.session.flush()
        ctx.session.add(
            Idea(
                workshop_id=workshop.id,
                text=template.title,
                objective_id=objective.id,
                position=0,
                created_at=ctx.now,
            )
        )
        for position, kr in enumerate(template.key_results):
            row = KeyResult(objective_id=objective.id, position=position)
            KeyResultFields(
                title=kr.title,
                kind=kr.kind,
                start=kr.start,
                target=kr.target,
                unit=kr.unit,
                deadline=due_date(cycle.starts_on, cycle.ends_on, kr.due),
            ).write_to(row)
            ctx.session.add(row)
        return objective.id

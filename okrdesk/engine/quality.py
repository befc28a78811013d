"""OKR quality checks: warnings (never blocks) with stable rule ids, in both languages.

Limits and word lists come from resources/quality/rules.json, not from code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, Protocol

from okrdesk.engine.quality_numbers import names_a_number, names_a_period, without_periods
from okrdesk.engine.snapshot import ObjectiveView, PlanSnapshot, WorkshopView
from okrdesk.messages import DEFAULT_LANGUAGE, translate
from okrdesk.models import KeyResultKind, UnitLevel
from okrdesk.resource_paths import resource_path

RULES = (
    "objective-count",
    "kr-count",
    "kr-measurable",
    "kr-deadline",
    "kr-activity",
    "objective-is-number",
    "duplicate",
    "owner-missing",
    "alignment-missing",
)
_DATE = re.compile(r"\d{1,4}[-/.年]\d{1,2}|\d{1,2}\s*月")


@cache
def rules() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource_path("quality", "rules.json").read_text("utf-8"))
    return data


@dataclass(frozen=True)
class Finding:
    """One warning about a workshop, an objective or a key result."""

    rule: str
    workshop: str
    objective: str | None
    key_result: str | None
    message_id: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, language: str = DEFAULT_LANGUAGE) -> str:
        return translate(self.message_id, language, **self.params)


class CheckedKeyResult(Protocol):
    """What the checks read of a key result (a report's view or a Group page row)."""

    @property
    def title(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def target(self) -> Decimal | None: ...
    @property
    def deadline(self) -> date | None: ...
    @property
    def owner(self) -> str | None: ...


class CheckedObjective(Protocol):
    """What the checks read of an objective."""

    @property
    def title(self) -> str: ...
    @property
    def key_results(self) -> Sequence[CheckedKeyResult]: ...


@cache
def _words(kind: str) -> tuple[str, ...]:
    """The rules' words of a kind in every language, casefolded (read once)."""
    table = rules()[kind]
    return tuple(word.casefold() for language in table for word in table[language])


@cache
def _whole_word(word: str) -> re.Pattern[str]:
    """An ASCII word standing alone (not inside a longer word), compiled once."""
    return re.compile(rf"(?<![a-z]){re.escape(word.strip())}(?![a-z])")


@cache
def _first_word(word: str) -> re.Pattern[str]:
    """An ASCII word at the start, not the start of a longer word, compiled once."""
    return re.compile(rf"{re.escape(word.strip())}(?![a-z])")


def _has_word(text: str, words: Sequence[str]) -> str | None:
    lowered = f" {text.casefold()} "
    for word in words:
        if word.isascii():
            if _whole_word(word).search(lowered):
                return word.strip()
        elif word in lowered:
            return word
    return None


_LABEL = re.compile(r"^\s*(?:kr\s*\d+\s*[:：.、]?\s*)?", re.IGNORECASE)
# What is left of an opening period once it is set aside (a space): "截止 ", "在 ", "by  ".
_OPENING_PERIOD = re.compile(
    r"^\s*(?:(?:截止|截至|到|在|于)\s+(?:之前|以前|前|结束|末)?|(?:by|before|until|in)\s{2,})?\s*[,，]?\s*"
)


def _leading_word(text: str, words: Sequence[str]) -> str | None:
    """The activity word a key result starts with ("Support 3 launches", "协助…"), if any.

    Only the start counts: "…without a support ticket" names a thing, not an activity.
    """
    lowered = _LABEL.sub("", text.casefold(), count=1)
    # A period it opens with is no activity: "截止1月底参与…" starts with 参与.
    lowered = _OPENING_PERIOD.sub("", without_periods(lowered), count=1)
    for word in words:
        if word.isascii():
            if _first_word(word).match(lowered):
                return word.strip()
        elif lowered.startswith(word):
            return word
    return None


def _considered(workshop: WorkshopView) -> list[ObjectiveView]:
    """The selected objectives, or all of them before any is selected."""
    return [o for o in workshop.objectives if o.selected] or list(workshop.objectives)


def check_key_result(kr: CheckedKeyResult, workshop: str, objective: str) -> list[Finding]:
    found: list[Finding] = []

    def add(rule: str, **params: Any) -> None:
        key = "quality." + rule
        found.append(
            Finding(rule, workshop, objective, kr.title, key, {"title": kr.title, **params})
        )

    if kr.kind == KeyResultKind.METRIC and kr.target is None and not names_a_number(kr.title):
        add("kr-measurable")
    has_deadline_word = (
        _has_word(kr.title, _words("deadline_words"))
        or _DATE.search(kr.title)
        or names_a_period(kr.title)
    )
    if kr.deadline is None and not has_deadline_word:
        add("kr-deadline")
    activity = _leading_word(kr.title, _words("activity_words"))
    if activity:
        add("kr-activity", word=activity)
    if not kr.owner:
        add("owner-missing")
    return found


def check_objective(
    objective: CheckedObjective, workshop: str, unit_level: UnitLevel, *, aligned: bool
) -> list[Finding]:
    """Findings about one objective and its key results (shown while writing them)."""
    limits = rules()
    found: list[Finding] = []
    title = objective.title
    low, high = limits["kr_count"]["min"], limits["kr_count"]["max"]
    if not low <= len(objective.key_results) <= high:
        found.append(
            Finding(
                "kr-count",
                workshop,
                title,
                None,
                "quality.kr-count",
                {"title": title, "count": len(objective.key_results), "low": low, "high": high},
            )
        )
    if names_a_number(title):
        found.append(
            Finding(
                "objective-is-number",
                workshop,
                title,
                None,
                "quality.objective-is-number",
                {"title": title},
            )
        )
    if unit_level is not UnitLevel.COMPANY and not aligned:
        found.append(
            Finding(
                "alignment-missing",
                workshop,
                title,
                None,
                "quality.alignment-missing",
                {"title": title},
            )
        )
    kr_titles: set[str] = set()
    for kr in objective.key_results:
        found.extend(check_key_result(kr, workshop, title))
        kr_key = "".join(kr.title.casefold().split())
        if kr_key in kr_titles:
            found.append(
                Finding(
                    "duplicate", workshop, title, kr.title, "quality.duplicate", {"title": kr.title}
                )
            )
        kr_titles.add(kr_key)
    return found


def check_workshop(workshop: WorkshopView, unit_level: UnitLevel) -> list[Finding]:
    """Every finding for one workshop, in a stable order."""
    limits = rules()
    found: list[Finding] = []
    objectives = _considered(workshop)
    low, high = limits["objective_count"]["min"], limits["objective_count"]["max"]
    if objectives and not low <= len(objectives) <= high:
        found.append(
            Finding(
                "objective-count",
                workshop.title,
                None,
                None,
                "quality.objective-count",
                {"count": len(objectives), "low": low, "high": high},
            )
        )
    seen_titles: set[str] = set()
    for objective in objectives:
        key = "".join(objective.title.casefold().split())  # spaces do not make a title different
        if key in seen_titles:
            found.append(
                Finding(
                    "duplicate",
                    workshop.title,
                    objective.title,
                    None,
                    "quality.duplicate",
                    {"title": objective.title},
                )
            )
        seen_titles.add(key)
        aligned = objective.parent is not None
        found.extend(check_objective(objective, workshop.title, unit_level, aligned=aligned))
    return found


def check_plan(snapshot: PlanSnapshot, workshop_id: int | None = None) -> list[Finding]:
    """Findings for every workshop of the plan (or one workshop)."""
    levels = {unit.id: unit.level for unit in snapshot.units}
    found: list[Finding] = []
    for workshop in snapshot.workshops:
        if workshop.imported_from is not None and workshop_id != workshop.id:
            continue  # a read-only copy of another plan's OKRs: nothing to fix here
        if workshop_id is None or workshop.id == workshop_id:
            found.extend(check_workshop(workshop, levels.get(workshop.unit_id, UnitLevel.COMPANY)))
    return found

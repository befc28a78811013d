"""A realistic demo plan, built through the same operations the facilitator uses."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.queries import settlement
from okrdesk.models import (
    AuditEvent,
    Ballot,
    Decision,
    KeyResultKind,
    Phase,
    TieDecision,
    Workshop,
)
from okrdesk.models.planfile import PlanFile
from okrdesk.resource_paths import resource_path

STAGES = ("brainstorm", "grouped", "voting", "voted", "selected", "signed")
# The rest of the quarter after sign-off (okrdesk/demo_quarter.py): check-ins, scores, the
# retrospective and the next cycle carried over.
QUARTER_STAGES = ("review", "scored", "retro", "next-cycle")
ALL_STAGES = STAGES + QUARTER_STAGES
# Roughly how long a workshop takes to reach each stage (operations tick 20 s each).
_STAGE_MINUTES = {
    "brainstorm": 20,
    "grouped": 70,
    "voting": 108,
    "voted": 112,
    "selected": 150,
    "signed": 240,
}
_LANGUAGE_INDEX = {"en": 0, "zh_CN": 1}


class DemoClock:
    """A clock that moves on as told; each workshop is set to have just reached its stage."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def start_workshop(self, stage: str) -> None:
        """Rewind so the workshop's running phase began a few minutes before now."""
        self.now = datetime.now(UTC) - timedelta(minutes=_STAGE_MINUTES[stage])

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=20)
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


@dataclass
class _Built:
    workshop_id: int
    objective_ids: list[int]
    key_result_ids: list[list[int]]


class DemoBuilder:
    """Builds the demo plan's units and workshops, each carried to the requested stage."""

    def __init__(self, editor: PlanEditor, clock: DemoClock, language: str) -> None:
        self.editor = editor
        self.clock = clock
        self.index = _LANGUAGE_INDEX[language]
        self.data: dict[str, Any] = json.loads(
            resource_path("demo", "demo_plan.json").read_text(encoding="utf-8")
        )
        self.built: dict[str, _Built] = {}
        self.unit_ids: dict[str, int] = {}

    def text(self, value: Any) -> Any:
        """The value in the demo's language ([en, zh] pairs), or the value itself."""
        return value[self.index] if isinstance(value, list) else value

    def build(self, stage: str) -> None:
        cycle = self.data["cycle"]
        cycle_id = self.editor.apply(
            ops.CreateCycle(
                cycle["name"],
                date.fromisoformat(cycle["start"]),
                date.fromisoformat(cycle["end"]),
            )
        ).result
        for unit in self.data["units"]:
            self.clock.start_workshop(stage)
            with self.editor.batch("op.generic"):
                self._build_unit(unit, cycle_id, stage)

    def _build_unit(self, unit: dict[str, Any], cycle_id: int, stage: str) -> None:
        apply = self.editor.apply
        parent = None if unit["parent"] is None else self.unit_ids[unit["parent"]]
        unit_id = apply(ops.CreateUnit(self.text(unit["name"]), parent)).result
        self.unit_ids[unit["key"]] = unit_id
        workshop_id = apply(
            ops.CreateWorkshop(
                unit_id, cycle_id, self.text(unit["title"]), self.text(self.data["facilitator"])
            )
        ).result
        participants = [
            apply(ops.AddParticipant(workshop_id, self.text(name))).result
            for name in unit["participants"]
        ]
        built = _Built(workshop_id, [], [])
        self.built[unit["key"]] = built
        if unit.get("light"):
            self._light_unit(unit, built, stage)
            return
        self._phase(workshop_id, Phase.BRAINSTORM, 6)
        idea_ids = self._brainstorm(unit, workshop_id, participants)
        if stage == "brainstorm":
            return
        self._phase(workshop_id, Phase.GROUP, 27)
        self._group(unit, built, idea_ids)
        if stage == "grouped":
            return
        self._phase(workshop_id, Phase.VOTE, 33)
        apply(ops.OpenVoting(workshop_id))
        rng = random.Random(unit["key"])
        appeal = {
            oid: o["appeal"] for oid, o in zip(built.objective_ids, unit["objectives"], strict=True)
        }
        voters = participants if stage != "voting" else participants[: len(participants) * 2 // 3]
        self._vote(workshop_id, voters, appeal, rng, budget=5, cap=3)
        if stage == "voting":
            return
        apply(ops.CloseVoting(workshop_id))
        apply(ops.RevealTally(workshop_id))
        if stage == "voted":
            return
        self._phase(workshop_id, Phase.SELECT, 14)
        self._settle_ties(workshop_id, participants, appeal, rng)
        apply(ops.ApplySelection(workshop_id))
        if stage == "selected":
            return
        self._phase(workshop_id, Phase.SIGNOFF, 18)
        signer = self.text(unit["signer"])
        if "returned_once" in unit:
            apply(
                ops.SignOffWorkshop(
                    workshop_id, Decision.RETURN, signer, self.text(unit["returned_once"])
                )
            )
            self.clock.advance(25)
            self._phase(workshop_id, Phase.SIGNOFF, 40)
        drawn = unit.get("signature")
        signature = None if drawn is None else json.dumps(drawn)
        apply(ops.SignOffWorkshop(workshop_id, Decision.APPROVE, signer, signature=signature))
        self._phase(workshop_id, Phase.EXPORT, 12)

    def _phase(self, workshop_id: int, phase: Phase, minutes_before: float) -> None:
        self.clock.advance(minutes_before)
        self.editor.apply(ops.ChangePhase(workshop_id, phase))

    def _brainstorm(
        self, unit: dict[str, Any], workshop_id: int, participants: list[int]
    ) -> list[list[int]]:
        """Add the cards in the order a room would call them out, round-robin by objective."""
        queue: list[tuple[int, int, Any]] = []
        objectives = unit["objectives"]
        longest = max(len(o["ideas"]) for o in objectives)
        for idea_index in range(longest):
            for objective_index, objective in enumerate(objectives):
                if idea_index < len(objective["ideas"]):
                    queue.append((objective_index, idea_index, objective["ideas"][idea_index]))
        ids: list[list[int]] = [[] for _ in objectives]
        for count, (objective_index, _idea_index, text) in enumerate(queue):
            author = None if count % 4 == 3 else participants[count % len(participants)]
            ids[objective_index].append(
                self.editor.apply(ops.AddIdea(workshop_id, self.text(text), author)).result
            )
        for loose in unit["loose_ideas"]:
            self.editor.apply(ops.AddIdea(workshop_id, self.text(loose)))
        for duplicate in unit["duplicates"]:
            duplicate_id = self.editor.apply(
                ops.AddIdea(workshop_id, self.text(duplicate["text"]))
            ).result
            objective_index, idea_index = duplicate["of"]
            ids[objective_index].append(duplicate_id)
            duplicate["_target"] = ids[objective_index][idea_index]
        return ids

    def _group(self, unit: dict[str, Any], built: _Built, idea_ids: list[list[int]]) -> None:
        apply = self.editor.apply
        for objective, ideas in zip(unit["objectives"], idea_ids, strict=True):
            objective_id = apply(ops.MakeObjectiveFromIdea(ideas[0])).result
            apply(ops.RenameObjective(objective_id, self.text(objective["title"])))
            for idea_id in ideas[1:]:
                apply(ops.MoveIdea(idea_id, objective_id))
            built.objective_ids.append(objective_id)
            built.key_result_ids.append(
                [
                    apply(ops.AddKeyResult(objective_id, self._fields(kr))).result
                    for kr in objective["key_results"]
                ]
            )
            alignment = objective.get("align")
            if alignment is not None:
                apply(self._align(objective_id, alignment))
        for duplicate in unit["duplicates"]:
            duplicate_id = idea_ids[duplicate["of"][0]][-1]
            apply(ops.MergeIdeas(duplicate["_target"], (duplicate_id,)))

    def _light_unit(self, unit: dict[str, Any], built: _Built, stage: str) -> None:
        """A person's OKRs: written straight down, then confirmed 1:1 by the manager."""
        apply = self.editor.apply
        workshop_id = built.workshop_id
        if stage == "brainstorm":
            return  # written after the team has its own objectives
        self._phase(workshop_id, Phase.GROUP, 4)
        for objective in unit["objectives"]:
            objective_id = apply(
                ops.CreateObjective(workshop_id, self.text(objective["title"]))
            ).result
            built.objective_ids.append(objective_id)
            built.key_result_ids.append(
                [
                    apply(ops.AddKeyResult(objective_id, self._fields(kr))).result
                    for kr in objective["key_results"]
                ]
            )
            apply(self._align(objective_id, objective["align"]))
        if stage not in ("selected", "signed"):
            return
        self._phase(workshop_id, Phase.SIGNOFF, 20)
        if stage == "signed":
            apply(ops.SignOffWorkshop(workshop_id, Decision.APPROVE, self.text(unit["signer"])))
            self._phase(workshop_id, Phase.EXPORT, 8)

    def _align(self, objective_id: int, alignment: dict[str, Any]) -> ops.AlignObjective:
        if "key_result" in alignment:
            key, objective_index, kr_index = alignment["key_result"]
            parent_kr = self.built[key].key_result_ids[objective_index][kr_index]
            return ops.AlignObjective(objective_id, parent_key_result_id=parent_kr)
        key, objective_index = alignment["objective"]
        parent = self.built[key].objective_ids[objective_index]
        return ops.AlignObjective(objective_id, parent_objective_id=parent)

    def _fields(self, kr: dict[str, Any]) -> ops.KeyResultFields:
        return ops.KeyResultFields(
            title=self.text(kr["title"]),
            kind=KeyResultKind(kr.get("kind", "metric")),
            start=self.text(kr.get("start")),
            target=self.text(kr.get("target")),
            unit=self.text(kr.get("unit")),
            deadline=date.fromisoformat(kr["deadline"]) if kr.get("deadline") else None,
            owner=self.text(kr.get("owner")),
            commitment=kr.get("commitment", "committed"),
        )

    def _vote(
        self,
        workshop_id: int,
        voters: list[int],
        appeal: dict[int, float],
        rng: random.Random,
        *,
        budget: int,
        cap: int,
    ) -> None:
        """Each voter spends the whole budget, favouring appealing items, within the cap."""
        for voter in voters:
            placed: dict[int, int] = {}
            for _ in range(budget):
                open_items = [item for item in appeal if placed.get(item, 0) < cap]
                if not open_items:
                    break
                weights = [appeal[item] ** 2 for item in open_items]
                item = rng.choices(open_items, weights)[0]
                self.editor.apply(ops.CastDot(workshop_id, voter, item))
                placed[item] = placed.get(item, 0) + 1
            self.editor.apply(ops.ConfirmBallot(workshop_id, voter))

    def _settle_ties(
        self, workshop_id: int, voters: list[int], appeal: dict[int, float], rng: random.Random
    ) -> None:
        """Resolve a tie at the cut-off the way a room would: one run-off, then a decision."""
        for attempt in range(2):
            with self.editor.reading() as session:
                workshop = session.get(Workshop, workshop_id)
                assert workshop is not None
                outcome = settlement(session, workshop)
            if outcome is None or outcome.settled:
                return
            tied = {item: appeal[item] for item in outcome.tied}
            if attempt == 0:
                self.editor.apply(ops.StartRunoff(workshop_id))
                self._vote(workshop_id, voters, tied, rng, budget=outcome.open_seats, cap=1)
                self.editor.apply(ops.CloseVoting(workshop_id))
                self.editor.apply(ops.RevealTally(workshop_id))
                self._phase(workshop_id, Phase.SELECT, 3)
            else:
                chosen = sorted(tied, key=lambda item: -tied[item])[: outcome.open_seats]
                reason = self.text(
                    [
                        "Still tied after the run-off; the room agreed to take the one "
                        "closest to the company objectives.",
                        "决选后仍然平票；与会者一致同意选择与公司目标最贴近的一项。",
                    ]
                )
                self.editor.apply(ops.DecideTie(workshop_id, tuple(chosen), reason))


def organisation_of(language: str) -> str:
    """The demo organisation's name in the language."""
    data = json.loads(resource_path("demo", "demo_plan.json").read_text(encoding="utf-8"))
    return str(data["organisation"][_LANGUAGE_INDEX[language]])


def write_demo(path: Path, stage: str = "signed", language: str = "en") -> None:
    """Write a new demo plan file at ``path`` (which must not exist yet)."""
    if stage in QUARTER_STAGES:
        from okrdesk.demo_quarter import write_quarter_demo

        write_quarter_demo(path, stage, language)
        return
    if stage not in STAGES:
        raise ValueError(f"unknown demo stage {stage!r}")
    with PlanFile.create(path, organisation_of(language)) as plan:
        clock = DemoClock()
        DemoBuilder(PlanEditor(plan, clock=clock), clock, language).build(stage)
        _just_reached(plan)


def _just_reached(plan: PlanFile, minutes_in: float = 1.0) -> None:
    """Move each workshop's times so its running phase began a few minutes ago.

    A demo opened in front of people should show a timer counting down, not one deep in
    overtime; every time of the workshop moves by the same amount, so durations stay.
    """
    target = datetime.now(UTC) - timedelta(minutes=minutes_in)
    with plan.transaction() as session:
        for workshop in session.scalars(select(Workshop)):
            running = next((v for v in workshop.phase_visits if v.ended_at is None), None)
            if running is None:
                continue
            delta = target - running.started_at
            rounds = list(workshop.rounds)
            moved: list[tuple[object, str]] = [(workshop, "created_at")]
            moved += [
                (v, name) for v in workshop.phase_visits for name in ("started_at", "ended_at")
            ]
            moved += [(i, "created_at") for i in workshop.ideas]
            moved += [(d, "decided_at") for d in workshop.signoffs]
            moved += [(r, name) for r in rounds for name in ("opened_at", "closed_at")]
            ids = [r.id for r in rounds]
            moved += [
                (b, "cast_at")
                for b in session.scalars(select(Ballot).where(Ballot.round_id.in_(ids)))
            ]
            moved += [
                (d, "decided_at")
                for d in session.scalars(select(TieDecision).where(TieDecision.round_id.in_(ids)))
            ]
            moved += [
                (event, "at")
                for event in session.scalars(
                    select(AuditEvent).where(AuditEvent.workshop_id == workshop.id)
                )
            ]
            for row, name in moved:
                value = getattr(row, name)
                if value is not None:
                    setattr(row, name, value + delta)

"""Whether the ids of a plan JSON fit together: each used once, each reference found, no loop."""

from __future__ import annotations

from collections.abc import Iterable

from okrdesk.engine.plan_json_schema import PlanJson, UnitJson, WorkshopJson
from okrdesk.errors import PlanFileError

Placed = tuple[str, int]  # (where in the document, the id found there)


def _repeated_ids(placed: Iterable[Placed], source: str) -> None:
    first: dict[int, str] = {}
    for where, found in placed:
        if found in first:
            raise PlanFileError(
                "file.plan_json_repeated_id", path=source, where=where, id=found, first=first[found]
            )
        first[found] = where


def _known(where: str, found: int | None, ids: set[int], among: str, source: str) -> None:
    if found is not None and found not in ids:
        raise PlanFileError(
            "file.plan_json_unknown_id", path=source, where=where, id=found, among=among
        )


def _ids_used_once(plan: PlanJson, source: str) -> None:
    """Ids are the plan's row ids: unique for each kind of thing across the whole plan."""
    _repeated_ids(((f"cycles[{i}].id", c.id) for i, c in enumerate(plan.cycles)), source)
    _repeated_ids(((f"units[{i}].id", u.id) for i, u in enumerate(plan.units)), source)
    _repeated_ids(((f"workshops[{i}].id", w.id) for i, w in enumerate(plan.workshops)), source)
    at = [(f"workshops[{i}]", w) for i, w in enumerate(plan.workshops)]
    participants = (
        (f"{place}.participants[{j}].id", p.id)
        for place, w in at
        for j, p in enumerate(w.participants)
    )
    ideas = (
        (f"{place}.ideas[{j}].id", idea.id) for place, w in at for j, idea in enumerate(w.ideas)
    )
    objectives = (
        (f"{place}.objectives[{j}].id", o.id) for place, w in at for j, o in enumerate(w.objectives)
    )
    key_results = (
        (f"{place}.objectives[{j}].key_results[{k}].id", kr.id)
        for place, w in at
        for j, o in enumerate(w.objectives)
        for k, kr in enumerate(o.key_results)
    )
    for placed in (participants, ideas, objectives, key_results):
        _repeated_ids(placed, source)


def _workshop_refers_to_its_own(place: str, workshop: WorkshopJson, source: str) -> None:
    """Cards are grouped in, and merged into, the workshop's own objectives and cards."""
    objectives = {o.id for o in workshop.objectives}
    ideas = {i.id for i in workshop.ideas}
    for j, idea in enumerate(workshop.ideas):
        at = f"{place}.ideas[{j}]"
        _known(f"{at}.objective_id", idea.objective_id, objectives, f"{place}.objectives", source)
        _known(f"{at}.merged_into_id", idea.merged_into_id, ideas, f"{place}.ideas", source)
    if workshop.voting is not None:
        for k, tied in enumerate(workshop.voting.tied_at_cutoff):
            where = f"{place}.voting.tied_at_cutoff[{k}]"
            _known(where, tied, objectives, f"{place}.objectives", source)
        result = workshop.voting.result
        if result is not None:
            # Every objective the vote result names is one of the workshop's own.
            named = [
                *((f"selected[{k}]", i) for k, i in enumerate(result.selected)),
                *((f"tied[{k}]", i) for k, i in enumerate(result.tied)),
                *(
                    (f"rounds[{r}].standings[{k}].objective_id", s.objective_id)
                    for r, ranking in enumerate(result.rounds)
                    for k, s in enumerate(ranking.standings)
                ),
            ]
            if result.decision is not None:
                named += [
                    (f"decision.chosen[{k}]", i) for k, i in enumerate(result.decision.chosen)
                ]
                named += [
                    (f"decision.passed_over[{k}]", i)
                    for k, i in enumerate(result.decision.passed_over)
                ]
            for where, objective_id in named:
                at = f"{place}.voting.result.{where}"
                _known(at, objective_id, objectives, f"{place}.objectives", source)


def _no_unit_loop(units: list[UnitJson], source: str) -> None:
    """Following parent_id from any unit reaches a unit with none (the company)."""
    index = {unit.id: i for i, unit in enumerate(units)}
    settled: set[int] = set()  # units whose chain is known to end
    for start in units:
        chain: list[int] = []  # in the order followed, to name a loop
        on_chain: set[int] = set()  # the same, to look a unit up at once
        current: int | None = start.id
        while current is not None and current not in settled:
            if current in on_chain:
                loop = chain[chain.index(current) :]
                first = min(loop, key=index.__getitem__)  # named from its first in the file
                loop = [*loop[loop.index(first) :], *loop[: loop.index(first)], first]
                raise PlanFileError(
                    "file.plan_json_unit_loop",
                    path=source,
                    where=f"units[{index[first]}].parent_id",
                    units=" → ".join(units[index[u]].name for u in loop),
                )
            chain.append(current)
            on_chain.add(current)
            current = units[index[current]].parent_id
        settled.update(chain)


def check_links(plan: PlanJson, source: str) -> None:
    """Refuse a plan whose ids clash, point at nothing, or put units above themselves."""
    _ids_used_once(plan, source)
    unit_ids = {u.id for u in plan.units}
    cycle_ids = {c.id for c in plan.cycles}
    for i, unit in enumerate(plan.units):
        _known(f"units[{i}].parent_id", unit.parent_id, unit_ids, "units", source)
    for i, workshop in enumerate(plan.workshops):
        place = f"workshops[{i}]"
        _known(f"{place}.unit_id", workshop.unit_id, unit_ids, "units", source)
        _known(f"{place}.cycle_id", workshop.cycle_id, cycle_ids, "cycles", source)
        _workshop_refers_to_its_own(place, workshop, source)
    _no_unit_loop(plan.units, source)

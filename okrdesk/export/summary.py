"""A readable, translated text summary of a plan (what ``okrdesk info`` prints)."""

from __future__ import annotations

from okrdesk.engine.snapshot import KeyResultView, PlanSnapshot, WorkshopView, value_span
from okrdesk.engine.vote_result import TieState, outcome_lines
from okrdesk.messages import translate
from okrdesk.models.enums import Commitment

# "[1 dot]" but "[2 dots]": the message for one dot, else for several.
DOTS_IN_WORDS = {True: "summary.dot_one", False: "summary.dots"}


def key_result_line(kr: KeyResultView, language: str) -> str:
    """'KR title (0 -> 150 leads, by 2027-03-31, owner)' in the language."""
    details: list[str] = []
    if span := value_span(kr):
        details.append(span)
    if kr.deadline is not None:
        details.append(translate("summary.by_date", language, date=kr.deadline.isoformat()))
    if kr.owner:
        details.append(kr.owner)
    if kr.commitment is Commitment.ASPIRATIONAL:
        details.append(translate("summary.aspirational", language))
    if not details:
        return kr.title
    if language == "zh_CN":
        return f"{kr.title}（{'，'.join(details)}）"
    return f"{kr.title} ({', '.join(details)})"


def _workshop_lines(workshop: WorkshopView, unit: str, cycle: str, language: str) -> list[str]:
    t = translate
    lines = [
        t(
            "summary.workshop",
            language,
            id=workshop.id,
            title=workshop.title,
            unit=unit,
            cycle=cycle,
            phase=workshop.phase,
        )
    ]
    if workshop.signoff is not None:
        lines.append(
            "  "
            + t(
                f"summary.signoff_{workshop.signoff.status}",
                language,
                signer=workshop.signoff.signer or "",
                rounds=workshop.signoff.rounds,
            )
        )
    visible_ideas = [i for i in workshop.ideas if i.merged_into_id is None]
    lines.append(
        "  "
        + t(
            "summary.counts",
            language,
            participants=len(workshop.participants),
            ideas=len(visible_ideas),
            objectives=len(workshop.objectives),
            selected=sum(o.selected for o in workshop.objectives),
            key_results=sum(len(o.key_results) for o in workshop.objectives),
        )
    )
    voting = workshop.voting
    if voting is not None and voting.open:
        lines.append(
            "  "
            + t(
                "summary.voting_open",
                language,
                cast=voting.ballots.cast,
                expected=voting.ballots.expected,
            )
        )
    result = None if voting is None else voting.result
    if result is not None and result.tie is not TieState.NONE:
        # Tied, a run-off open, or settled by a run-off or a decision (with its reason).
        lines.extend("  " + line for line in outcome_lines(result, language))
    elif voting is not None and voting.tied:
        lines.append("  " + t("summary.tie", language, count=len(voting.tied)))
    shown = [o for o in workshop.objectives if o.selected] or list(workshop.objectives)
    for number, objective in enumerate(shown, start=1):
        dots = (
            ""
            if objective.dots is None
            else " " + t(DOTS_IN_WORDS[objective.dots == 1], language, dots=objective.dots)
        )
        lines.append(f"  O{number} {objective.title}{dots}")
        for kr_number, kr in enumerate(objective.key_results, start=1):
            lines.append(f"     KR{kr_number} {key_result_line(kr, language)}")
    return lines


def plan_summary(snapshot: PlanSnapshot, path: str, language: str) -> str:
    """The plan in a few readable lines per workshop."""
    t = translate
    units = {u.id: u.name for u in snapshot.units}
    cycles = {c.id: c.name for c in snapshot.cycles}
    lines = [t("summary.plan", language, organisation=snapshot.organisation, path=path)]
    for cycle in snapshot.cycles:
        lines.append(
            t(
                "summary.cycle",
                language,
                name=cycle.name,
                start=cycle.start.isoformat(),
                end=cycle.end.isoformat(),
            )
        )
    if snapshot.units:
        lines.append(t("summary.units", language, units=" · ".join(units.values())))
    if not snapshot.workshops:
        lines.append(t("summary.no_workshops", language))
    for workshop in snapshot.workshops:
        lines.append("")
        lines.extend(
            _workshop_lines(
                workshop,
                units.get(workshop.unit_id, "?"),
                cycles.get(workshop.cycle_id, "?"),
                language,
            )
        )
    return "\n".join(lines)

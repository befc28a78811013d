"""The plain report model of a handout: everything a printed page shows, already in words.

Built from a plan snapshot (no database, no Qt, no reportlab): the PDF, Markdown and CSV
writers only lay it out. Texts are in the report's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from okrdesk.engine.alignment import ParentKind
from okrdesk.engine.phases import light_form
from okrdesk.engine.quality import check_workshop
from okrdesk.engine.signature import Signature, parse_signature
from okrdesk.engine.snapshot import (
    KeyResultView,
    ObjectiveView,
    ParentRef,
    PlanSnapshot,
    WorkshopView,
    value_span,
)
from okrdesk.engine.vote_result import TieState, VoteResult, outcome_lines
from okrdesk.messages import translate
from okrdesk.models import UnitLevel
from okrdesk.models.enums import DecisionKind, KeyResultKind, SignoffStatus


@dataclass(frozen=True)
class ReportKeyResult:
    label: str  # "KR1"
    title: str
    measure: str  # "0 → 150 leads", a milestone, or ""
    deadline: str
    owner: str
    commitment: str  # in words


@dataclass(frozen=True)
class ReportObjective:
    label: str  # "O1"
    title: str
    alignment: str  # what it supports, in words ("" at company level)
    dots: int | None
    key_results: tuple[ReportKeyResult, ...]


@dataclass(frozen=True)
class VoteBar:
    title: str
    dots: int
    selected: bool


@dataclass(frozen=True)
class ReportDecision:
    round: int
    verb: str
    signer: str
    at: str
    comment: str
    notes: tuple[tuple[str, str], ...]
    signature: Signature | None


@dataclass(frozen=True)
class ReportIdea:
    text: str
    author: str


@dataclass(frozen=True)
class IdeaGroup:
    """The cards grouped into one candidate objective, and the dots that objective got."""

    title: str  # "" for cards left outside every group
    dots: int | None
    ideas: tuple[ReportIdea, ...]


@dataclass(frozen=True)
class ReportPhase:
    name: str
    planned: int | None
    actual: int | None  # None: the phase the workshop is in now (still running)


@dataclass(frozen=True)
class ReportWorkshop:
    id: int
    title: str
    unit: str
    unit_path: str  # "Northstar Software › Marketing"
    cycle: str
    held_on: str
    facilitator: str
    participants: tuple[str, ...]
    approved: bool
    status: str  # the sign-off status in words
    signer: str
    signed_at: str
    signature: Signature | None
    selected: bool  # False: nothing selected yet, the candidates are shown instead
    objectives: tuple[ReportObjective, ...]
    vote: tuple[VoteBar, ...]
    decisions: tuple[ReportDecision, ...]
    idea_groups: tuple[IdeaGroup, ...]
    minutes: tuple[ReportPhase, ...]
    findings: tuple[str, ...]
    imported_from: str | None
    light: bool = False  # a person's OKRs: no wall, no vote
    # How the vote ended at the cut-off, in words (a tie decided: who chose what, and why).
    vote_outcome: tuple[str, ...] = ()
    # The facilitator's tie decision for the minutes (its lines and when), if one was taken.
    tie_decision: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    language: str
    organisation: str
    cycle: str
    cycle_span: str
    generated: str
    workshops: tuple[ReportWorkshop, ...]

    @property
    def draft(self) -> bool:
        return any(not w.approved for w in self.workshops)


def t(message_id: str, language: str, **params: object) -> str:
    return translate(message_id, language, **params)


def _when(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


def measure(kr: KeyResultView, language: str) -> str:
    """Start -> target and unit, or the milestone marker."""
    if kr.kind is KeyResultKind.MILESTONE and kr.start is None and kr.target is None:
        return t("pdf.milestone", language)
    return value_span(kr)


def _alignment(parent: ParentRef | None, units_of: dict[int, str], language: str) -> str:
    if parent is None:
        return ""
    kind = "pdf.supports_kr" if parent.kind is ParentKind.KEY_RESULT else "pdf.supports_objective"
    return t(kind, language, unit=units_of.get(parent.workshop_id, ""), title=parent.title)


def _objectives(
    workshop: WorkshopView, units_of: dict[int, str], language: str
) -> tuple[bool, tuple[ReportObjective, ...]]:
    chosen = [o for o in workshop.objectives if o.selected]
    shown: list[ObjectiveView] = chosen or list(workshop.objectives)
    return bool(chosen), tuple(
        ReportObjective(
            label=f"O{number}",
            title=objective.title,
            alignment=_alignment(objective.parent, units_of, language),
            dots=objective.dots,
            key_results=tuple(
                ReportKeyResult(
                    label=f"KR{n}",
                    title=kr.title,
                    measure=measure(kr, language),
                    deadline="" if kr.deadline is None else kr.deadline.isoformat(),
                    owner=kr.owner or "",
                    commitment=t(f"pdf.{kr.commitment}", language),
                )
                for n, kr in enumerate(objective.key_results, start=1)
            ),
        )
        for number, objective in enumerate(shown, start=1)
    )


def _workshop(
    snapshot: PlanSnapshot,
    workshop: WorkshopView,
    units_of: dict[int, str],
    language: str,
    today: date,
) -> ReportWorkshop:
    units = {unit.id: unit for unit in snapshot.units}
    path: list[str] = []
    unit = units.get(workshop.unit_id)
    level = UnitLevel(unit.level) if unit else UnitLevel.COMPANY
    light = light_form(level)
    while unit is not None:
        path.insert(0, unit.name)
        unit = units.get(unit.parent_id) if unit.parent_id is not None else None
    cycle = next(c for c in snapshot.cycles if c.id == workshop.cycle_id)
    signoff = workshop.signoff
    history = () if signoff is None else signoff.history
    approval = next((d for d in reversed(history) if d.decision is DecisionKind.APPROVE), None)
    approved = workshop.locked and approval is not None
    selected, objectives = _objectives(workshop, units_of, language)
    result = None if workshop.voting is None else workshop.voting.result
    visits = [p for p in workshop.phases if p.planned_minutes or p.actual_minutes >= 0.5]
    status = (
        SignoffStatus.APPROVED
        if approved
        else (signoff.status if signoff else SignoffStatus.PENDING)
    )
    return ReportWorkshop(
        id=workshop.id,
        title=workshop.title,
        unit=path[-1] if path else "",
        unit_path=" / ".join(path),
        cycle=cycle.name,
        held_on=(
            workshop.created_at.astimezone().date() if workshop.created_at else today
        ).isoformat(),
        facilitator=workshop.facilitator or "",
        participants=tuple(name for _id, name in workshop.participants),
        approved=approved,
        status=t(f"pdf.{'light_' if light else ''}status_{status}", language),
        signer="" if approval is None or not approved else approval.signer,
        signed_at="" if approval is None or not approved else _when(approval.at),
        signature=None if approval is None or not approved else parse_signature(approval.signature),
        selected=selected,
        objectives=objectives,
        vote=tuple(
            VoteBar(o.title, o.dots, o.selected)
            for o in sorted(workshop.objectives, key=lambda o: -(o.dots or 0))
            if o.dots is not None
        ),
        decisions=tuple(
            ReportDecision(
                round=d.round,
                verb=t(f"pdf.decision_{d.decision}", language),
                signer=d.signer,
                at=_when(d.at),
                comment=d.comment or "",
                notes=d.notes,
                signature=parse_signature(d.signature),
            )
            for d in history
        ),
        idea_groups=_idea_groups(workshop),
        minutes=tuple(
            ReportPhase(
                t(f"phase.{p.phase.value}", language),
                p.planned_minutes,
                None if p.phase is workshop.phase else round(p.actual_minutes),
            )
            for p in visits
        ),
        findings=tuple(f.message(language) for f in check_workshop(workshop, level)),
        imported_from=workshop.imported_from,
        light=light,
        vote_outcome=() if result is None else outcome_lines(result, language),
        tie_decision=_tie_decision(result, language),
    )


def _tie_decision(result: VoteResult | None, language: str) -> tuple[str, ...]:
    """The decision on a tie at the cut-off, its reason and when it was taken (else ())."""
    if result is None or result.tie != TieState.DECIDED or result.decision is None:
        return ()
    decision = result.decision
    when = t(
        "voting.decision_when",
        language,
        at=_when(decision.decided_at),
        round=decision.round_number,
    )
    return (*outcome_lines(result, language), when)


def _idea_groups(workshop: WorkshopView) -> tuple[IdeaGroup, ...]:
    """Every card on the wall, under the objective it was grouped into (in wall order)."""
    ideas = [i for i in workshop.ideas if i.merged_into_id is None]
    groups = [
        IdeaGroup(
            objective.title,
            objective.dots,
            tuple(
                ReportIdea(i.text, i.author or "") for i in ideas if i.objective_id == objective.id
            ),
        )
        for objective in workshop.objectives
    ]
    grouped = {o.id for o in workshop.objectives}
    loose = tuple(
        ReportIdea(i.text, i.author or "") for i in ideas if i.objective_id not in grouped
    )
    if loose:
        groups.append(IdeaGroup("", None, loose))
    return tuple(group for group in groups if group.ideas)


def content_language(snapshot: PlanSnapshot) -> str | None:
    """zh_CN when the plan is written in Chinese (its names and titles), else None."""
    texts = [snapshot.organisation, *(w.title for w in snapshot.workshops)]
    if any("\u4e00" <= char <= "\u9fff" for text in texts for char in text):
        return "zh_CN"
    return None


def latest_cycle_id(snapshot: PlanSnapshot) -> int | None:
    """The cycle that starts last among those with a workshop (else the last one)."""
    used = {w.cycle_id for w in snapshot.workshops}
    with_workshops = [c.id for c in snapshot.cycles if c.id in used]
    if with_workshops:
        return with_workshops[-1]
    return snapshot.cycles[-1].id if snapshot.cycles else None


def build_report(
    snapshot: PlanSnapshot,
    language: str,
    workshop_id: int | None = None,
    today: date | None = None,
    cycle_id: int | None = None,
) -> Report:
    """One workshop, or every workshop of a cycle (default: the latest with workshops),
    company first, then units in tree order."""
    today = today or date.today()
    if workshop_id is not None:
        chosen = [w for w in snapshot.workshops if w.id == workshop_id]
    else:
        cycle_id = cycle_id if cycle_id is not None else latest_cycle_id(snapshot)
        chosen = [w for w in snapshot.workshops if w.cycle_id == cycle_id]
    units = {unit.id: unit.name for unit in snapshot.units}
    units_of = {w: units.get(u, "") for w, u in snapshot.unit_of_workshop().items()}
    cycle_id = chosen[0].cycle_id if chosen else (cycle_id or latest_cycle_id(snapshot))
    cycle = next((c for c in snapshot.cycles if c.id == cycle_id), None)
    return Report(
        language=language,
        organisation=snapshot.organisation,
        cycle="" if cycle is None else cycle.name,
        cycle_span="" if cycle is None else f"{cycle.start.isoformat()} – {cycle.end.isoformat()}",
        generated=today.isoformat(),
        workshops=tuple(_workshop(snapshot, w, units_of, language, today) for w in chosen),
    )

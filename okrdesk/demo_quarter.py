"""The demo through the rest of the quarter: check-ins, scores, a retrospective, the next cycle.

Four stages after ``signed``, each carrying the one before it further, all through the
engine's own operations and dated from the demo's clock (today), so the window shows them
as a facilitator would meet them:

- ``review``: the demo's OKRs were approved for the quarter under way (the company's about
  two weeks before it started, the departments within the two weeks but Engineering, a few
  days late), and every key result of them has taken a check-in every other Monday of the
  quarter so far (the review meetings);
- ``scored``: the same, one quarter earlier: the cycle ended with its seven review meetings
  checked in, and two scores adjusted with their reasons;
- ``retro``: then Marketing's retrospective, the seed's four questions answered (some about
  an objective, one group), an objective marked to carry;
- ``next-cycle``: then the quarter under way as the next cycle: the company's workshop being
  set up and Marketing's at Brainstorm, its wall holding last cycle's unfinished objectives
  and lessons as cards marked carried over.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from okrdesk.demo import QUARTER_STAGES, DemoBuilder, DemoClock, organisation_of
from okrdesk.engine import ops
from okrdesk.engine.carry_over import CarryOver, MarkToCarry
from okrdesk.engine.checkin_ops import AdjustScore, RecordCheckIn
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.retro_ops import (
    AddRetroAnswer,
    AddRetroGroup,
    MoveRetroAnswer,
    ShowRetroQuestion,
    StartRetrospective,
)
from okrdesk.models import KeyResultKind, Objective, Participant, Phase, RetroQuestion
from okrdesk.models.planfile import PlanFile

_DEMO_START = date(2027, 1, 1)  # where the demo data's deadlines are written from
# Days from the quarter's start each unit's OKRs were approved (the demo's order: company,
# marketing, sales, engineering, content, Bai Lu): the company about two weeks before the
# quarter, everyone within its two weeks but Engineering, a few days late.
_APPROVED = (-12, -9, -6, 4, -3, -1)
_RETRO_UNIT = "marketing"
CADENCE_WEEKS = 2  # a review meeting every other Monday (seven in a quarter)
# Where each key result ends the quarter (a share of the way from start to target), by turn.
_REACH = (1.0, 0.55, 0.8, 0.35, 0.95, 0.7, 1.1, 0.6)
_COMMENTS = (
    ["On track", "按计划推进"],
    ["Two partner deals slipped to next month", "两笔渠道订单推迟到下个月"],
    ["Ahead of plan after the pricing change", "调价后进度超出计划"],
    ["Waiting for the new landing pages", "在等新的落地页上线"],
    ["Budget cut in half this month", "本月预算减半"],
)
_ADJUSTED = (
    # (unit, objective, key result, score, reason)
    (
        "marketing",
        0,
        1,
        "0.6",
        [
            "The search budget was halved in February; the room agreed 0.6 shows the work done.",
            "二月份搜索广告预算减半；大家一致认为 0.6 更能反映实际投入。",
        ],
    ),
    (
        "company",
        0,
        1,
        "0.7",
        [
            "The survey closed a week early, before the last accounts answered.",
            "调查提前一周结束，最后一批客户还没来得及回答。",
        ],
    ),
)
# The retrospective's answers: (question, objective index or None, group title or None, text).
_ANSWERS: tuple[tuple[RetroQuestion, int | None, list[str] | None, list[str]], ...] = (
    (
        RetroQuestion.WHY_MISSED,
        0,
        None,
        [
            "Search ads cost more per lead after the price rise",
            "搜索广告涨价后，单条线索成本变高了",
        ],
    ),
    (
        RetroQuestion.WHY_MISSED,
        3,
        None,
        ["The community launch slipped by two months", "社区上线推迟了两个月"],
    ),
    (
        RetroQuestion.IMPROVE,
        None,
        ["Working with Sales", "与销售协作"],
        [
            "Agree what a qualified lead is with Sales before the quarter starts",
            "季度开始前和销售部一起定义合格线索",
        ],
    ),
    (
        RetroQuestion.IMPROVE,
        None,
        ["Working with Sales", "与销售协作"],
        ["Review the pipeline with Sales every Monday", "每周一和销售部一起过一遍销售漏斗"],
    ),
    (
        RetroQuestion.RESOURCES,
        3,
        None,
        ["A second writer for the community", "再招一名社区内容编辑"],
    ),
    (
        RetroQuestion.RESOURCES,
        None,
        None,
        ["Budget for one national industry event", "一次全国性行业活动的预算"],
    ),
    (
        RetroQuestion.STOP,
        None,
        None,
        ["Stop running six campaigns at once", "不再同时跑六个推广活动"],
    ),
    (
        RetroQuestion.STOP,
        None,
        None,
        ["Fewer vanity numbers in the weekly report", "周报里少放好看但无用的数字"],
    ),
)
_MARKED = ("marketing", 4)  # Launch the Team edition well: carried on whatever its score


def quarter_of(day: date) -> tuple[str, date, date]:
    """The calendar quarter a day falls in: its name ("2026-Q4") and first and last days."""
    number = (day.month - 1) // 3 + 1
    first = date(day.year, 3 * number - 2, 1)
    after = date(day.year + (number == 4), 1 if number == 4 else 3 * number + 1, 1)
    return f"{day.year}-Q{number}", first, after - timedelta(days=1)


@dataclass(frozen=True)
class QuarterDates:
    """When the stage's cycle runs, when its OKRs were approved and when it was checked in."""

    cycle: tuple[str, date, date]
    next_cycle: tuple[str, date, date] | None
    check_ins: tuple[datetime, ...]  # every other Monday 10:00, laptop's clock, oldest first


def quarter_dates(stage: str, now: datetime) -> QuarterDates:
    """The stage's dates from the demo's clock: ``review`` is in the quarter under way,
    the later stages in the quarter before it (the one under way is then the next cycle)."""
    today = now.astimezone().date()
    current = quarter_of(today)
    cycle = current if stage == "review" else quarter_of(current[1] - timedelta(days=1))
    zone = now.astimezone().tzinfo
    monday = cycle[1] + timedelta(days=-cycle[1].weekday() % 7)
    check_ins = []
    while monday <= min(cycle[2], today):
        moment = datetime.combine(monday, time(10, 0), zone)
        if moment <= now:
            check_ins.append(moment)
        monday += timedelta(weeks=CADENCE_WEEKS)
    if not check_ins:  # the quarter's first days: one check-in this morning
        check_ins.append(min(now, datetime.combine(today, time(10, 0), zone)))
    return QuarterDates(cycle, None if stage == "review" else current, tuple(check_ins))


class _QuarterClock(DemoClock):
    """The demo's clock for the quarter: each unit's workshop is run to reach its sign-off
    on its approval day, then the clock is set where the stage needs it."""

    def __init__(self, approvals: list[datetime]) -> None:
        super().__init__()
        self.approvals = approvals
        self.unit = 0
        self.now = approvals[0]

    def start_workshop(self, _stage: str) -> None:
        # Each workshop takes about four hours to sign-off (as the demo's stages do).
        approval = self.approvals[min(self.unit, len(self.approvals) - 1)]
        self.now = approval - timedelta(minutes=240)
        self.unit += 1


def write_quarter_demo(
    path: Path, stage: str, language: str = "en", now: datetime | None = None
) -> None:
    """Write the demo plan at ``path`` carried to a stage of the rest of the quarter."""
    if stage not in QUARTER_STAGES:
        raise ValueError(f"unknown demo stage {stage!r}")
    now = datetime.now(UTC) if now is None else now
    dates = quarter_dates(stage, now)
    name, starts_on, ends_on = dates.cycle
    zone = now.astimezone().tzinfo
    approvals = [
        datetime.combine(starts_on + timedelta(days=days), time(16, 0), zone) for days in _APPROVED
    ]
    with PlanFile.create(path, organisation_of(language)) as plan:
        clock = _QuarterClock(approvals)
        editor = PlanEditor(plan, clock=clock)
        builder = DemoBuilder(editor, clock, language)
        builder.data["cycle"] = {
            "name": name,
            "start": starts_on.isoformat(),
            "end": ends_on.isoformat(),
        }
        _move_deadlines(builder.data, starts_on)
        titles = {unit["key"]: unit["title"] for unit in builder.data["units"]}
        for unit in builder.data["units"]:
            unit["title"] = retitled(unit["title"], name)
        builder.build("signed")
        quarter = _Quarter(builder, clock, dates, titles)
        quarter.check_in()
        if stage == "review":
            return
        quarter.score()
        if stage == "scored":
            return
        quarter.retrospective()
        if stage == "retro":
            return
        quarter.next_cycle(now)


def retitled(title: list[str], cycle: str) -> list[str]:
    """A workshop's title in both languages for another quarter than the data's 2027-Q1:
    "Marketing OKR workshop 2026-Q4", "市场部 2026年第四季度 OKR 研讨会"."""
    year, number = cycle.split("-Q")
    chinese = f"{year}年第{'一二三四'[int(number) - 1]}季度"
    return [title[0].replace("2027-Q1", cycle), title[1].replace("2027年第一季度", chinese)]


def _move_deadlines(data: dict[str, Any], starts_on: date) -> None:
    """The key results' deadlines moved with the cycle (the data is written for 2027-Q1)."""
    moved = starts_on - _DEMO_START
    for unit in data["units"]:
        for objective in unit["objectives"]:
            for kr in objective["key_results"]:
                if kr.get("deadline"):
                    kr["deadline"] = (date.fromisoformat(kr["deadline"]) + moved).isoformat()


class _Quarter:
    """The rest of the quarter on the built demo, one step per stage."""

    def __init__(
        self,
        builder: DemoBuilder,
        clock: _QuarterClock,
        dates: QuarterDates,
        titles: dict[str, list[str]],
    ) -> None:
        self.builder = builder
        self.titles = titles  # each unit's workshop title as the data writes it (2027-Q1)
        self.editor: PlanEditor = builder.editor
        self.clock = clock
        self.dates = dates

    def _units(self) -> list[dict[str, Any]]:
        units: list[dict[str, Any]] = self.builder.data["units"]
        return units

    def check_in(self) -> None:
        """Every key result of the approved OKRs, checked in each Monday so far."""
        text = self.builder.text
        with self.editor.reading() as session:
            chosen = set(session.scalars(select(Objective.id).where(Objective.selected)))
        for unit in self._units():
            built = self.builder.built[unit["key"]]
            self.clock.now = self.dates.check_ins[-1]
            with self.editor.batch("op.record_check_in"):
                for o, objective in enumerate(unit["objectives"]):
                    if built.objective_ids[o] not in chosen:
                        continue  # a candidate the room did not choose takes no check-in
                    for k, kr in enumerate(objective["key_results"]):
                        kr_id = built.key_result_ids[o][k]
                        turn = random.Random(f"{unit['key']}-{o}-{k}")
                        reach = _REACH[(len(unit["key"]) + 3 * o + k) % len(_REACH)]
                        confidence = turn.randint(5, 8)
                        for week, moment in enumerate(self.dates.check_ins):
                            done = (week + 1) * CADENCE_WEEKS / 13
                            share = reach * min(1.0, done) * turn.uniform(0.9, 1.08)
                            confidence = max(2, min(10, confidence + turn.choice((-1, 0, 0, 1))))
                            said = _COMMENTS[(o + k + week) % len(_COMMENTS)]
                            self.editor.apply(
                                RecordCheckIn(
                                    kr_id,
                                    **_measure(kr, text, share),
                                    confidence=confidence,
                                    comment=text(said) if (o + k + week) % 4 == 0 else None,
                                    who=text(kr.get("owner")),
                                    at=moment,
                                )
                            )

    def score(self) -> None:
        """Two scores adjusted at the end of the cycle, each with its reason."""
        text = self.builder.text
        for key, o, k, score, reason in _ADJUSTED:
            kr_id = self.builder.built[key].key_result_ids[o][k]
            self.editor.apply(AdjustScore(kr_id, score, text(reason), text(["Wang Fang", "王芳"])))

    def retrospective(self) -> None:
        """Marketing's retrospective: the four questions answered, one group, one objective
        marked to carry."""
        built = self.builder.built[_RETRO_UNIT]
        workshop = built.workshop_id
        with self.editor.reading() as session:
            people = list(
                session.scalars(
                    select(Participant.id)
                    .where(Participant.workshop_id == workshop)
                    .order_by(Participant.position)
                )
            )
        text = self.builder.text
        apply = self.editor.apply
        with self.editor.batch("op.start_retrospective"):
            apply(StartRetrospective(workshop))
            groups: dict[str, int] = {}
            shown = RetroQuestion.WHY_MISSED
            for n, (question, objective, group, words) in enumerate(_ANSWERS):
                if question != shown:
                    apply(ShowRetroQuestion(workshop, question))
                    shown = question
                answer = apply(
                    AddRetroAnswer(
                        workshop,
                        question,
                        text(words),
                        author_id=None if n % 3 == 2 else people[n % len(people)],
                        objective_id=None if objective is None else built.objective_ids[objective],
                    )
                ).result
                if group is not None:
                    title = text(group)
                    if title not in groups:
                        groups[title] = apply(AddRetroGroup(workshop, question, title)).result
                    apply(MoveRetroAnswer(answer, groups[title]))
            key, objective = _MARKED
            apply(MarkToCarry(self.builder.built[key].objective_ids[objective]))

    def next_cycle(self, now: datetime) -> None:
        """The quarter under way as the next cycle: the company's workshop being set up,
        Marketing's at Brainstorm with last cycle's unfinished objectives and lessons."""
        assert self.dates.next_cycle is not None
        name, starts_on, ends_on = self.dates.next_cycle
        text = self.builder.text
        apply = self.editor.apply
        data = self.builder.data
        self.clock.now = now - timedelta(minutes=6)
        cycle = apply(ops.CreateCycle(name, starts_on, ends_on)).result
        apply(
            ops.CreateWorkshop(
                self.builder.unit_ids["company"],
                cycle,
                text(retitled(self.titles["company"], name)),
                text(data["facilitator"]),
            )
        )
        marketing = next(u for u in self._units() if u["key"] == _RETRO_UNIT)
        workshop = apply(
            ops.CreateWorkshop(
                self.builder.unit_ids[_RETRO_UNIT],
                cycle,
                text(retitled(self.titles[_RETRO_UNIT], name)),
                text(data["facilitator"]),
            )
        ).result
        for person in marketing["participants"]:
            apply(ops.AddParticipant(workshop, text(person)))
        self.clock.now = now - timedelta(minutes=2)
        apply(ops.ChangePhase(workshop, Phase.BRAINSTORM))
        apply(CarryOver(workshop))


def _measure(kr: dict[str, Any], text: Any, share: float) -> dict[str, Any]:
    """A check-in's value for a metric key result (``share`` of the way from start to
    target, as written), or a milestone's percentage done."""
    if kr.get("kind", "metric") == KeyResultKind.MILESTONE.value:
        percent = min(100, max(0, round(share * 10) * 10))
        return {"done": True} if percent >= 100 else {"percent": percent}
    start = Decimal(str(text(kr.get("start")) or 0))
    target = Decimal(str(text(kr.get("target")) or 0))
    value = start + (target - start) * Decimal(str(round(share, 3)))
    places = max(-_exponent(start), -_exponent(target), 0)
    step = Decimal(1).scaleb(-places) if places else Decimal(1)
    return {"value": value.quantize(step)}


def _exponent(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0

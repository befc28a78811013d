"""The issue's big cycle: 60 units, 250 objectives, 1,000 key results, 13 weekly check-ins each.

The plan the quarter's figures are measured on (the review's refresh, the cascade board, the
all-hands PDF). Every unit's OKRs were approved for 2027-Q1 at the company's management
meeting or within the two weeks after it; each key result then took a check-in every Monday
of the cycle, so the cycle reads as it does at its end, the review meeting's worst case.

The rows are written with the engine's models in one transaction, as ``large_plan`` does:
going through one operation per row would take minutes and measure nothing read here.
Texts are Chinese and English, as a company's mixed plan has them. Built plans are kept in
the temp folder, keyed by the schema and this file, and copied for each caller:
:func:`quarter_plan_copy`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from random import Random
from typing import TypeVar

from sqlalchemy import insert

from okrdesk.models import (
    Alignment,
    CheckIn,
    Commitment,
    Cycle,
    Decision,
    KeyResult,
    KeyResultKind,
    KeyResultScore,
    Objective,
    OrgUnit,
    Participant,
    Phase,
    PhaseVisit,
    SignOff,
    UnitLevel,
    Workshop,
)
from okrdesk.models.base import Base
from okrdesk.models.migrate import REVISIONS
from okrdesk.models.planfile import PlanFile

UNITS = 60  # the company, its departments and their teams
OBJECTIVES = 250
KEY_RESULTS_PER_OBJECTIVE = 4  # 1,000 key results
WEEKS = 13  # a check-in every Monday of the quarter
DEPARTMENTS = 11

CYCLE = ("2027-Q1", date(2027, 1, 1), date(2027, 3, 31))
NEXT_CYCLE = ("2027-Q2", date(2027, 4, 1), date(2027, 6, 30))
# The management meeting was held before the cycle; its two weeks end on 1 January.
COMPANY_APPROVED = datetime(2026, 12, 18, 8, 30, tzinfo=UTC)
FIRST_CHECK_IN = datetime(2027, 1, 4, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai
# The end of the cycle: the last check-in is in, the review can score it.
END_OF_CYCLE = datetime(2027, 3, 31, 9, 0, tzinfo=UTC)

T = TypeVar("T")


@dataclass(frozen=True)
class QuarterPlan:
    """Where the big cycle is, and the ids its readers start from."""

    path: Path
    cycle_id: int
    next_cycle_id: int
    company_unit: int
    company_workshop: int
    department_workshop: int  # the first department's: a typical unit's review
    workshops: tuple[int, ...]  # every unit's workshop in the cycle, company first
    key_results: int
    check_ins: int


_DEPARTMENTS = (
    ("销售部", "Sales"),
    ("市场部", "Marketing"),
    ("产品部", "Product"),
    ("研发中心", "Engineering"),
    ("客户成功部", "Customer Success"),
    ("供应链", "Supply Chain"),
    ("财务部", "Finance"),
    ("人力资源部", "People"),
    ("质量部", "Quality"),
    ("国际业务部", "International"),
    ("数据平台部", "Data Platform"),
)
_TEAMS = ("华东", "华南", "华北", "西部", "North", "Platform", "Growth", "Mobile")
_OBJECTIVES_ZH = (
    "让客户在第一次使用时就感到惊喜",
    "把交付周期缩短到行业领先水平",
    "建立可持续增长的渠道伙伴网络",
    "让每个团队都能用数据做决策",
    "打造让员工愿意推荐的工作环境",
    "把线上获客做成最重要的增长引擎",
    "显著降低运营成本，不牺牲服务质量",
    "进入两个新的区域市场并站稳脚跟",
)
_OBJECTIVES_EN = (
    "Make onboarding delightful from the first minute",
    "Ship every week without breaking what works",
    "Win the mid-market in the eastern region",
    "Turn support into a reason customers stay",
    "Build a data platform every team trusts",
    "Cut the cost of serving a customer by a third",
    "Become the partner of choice for resellers",
    "Grow a team that owns its results",
)
# (title, kind, start, target, unit): metric key results count up or down.
_KEY_RESULTS_ZH = (
    ("新签客户数从 40 提升到 120", KeyResultKind.METRIC, 40, 120, "家"),
    ("平均交付周期从 21 天缩短到 7 天", KeyResultKind.METRIC, 21, 7, "天"),
    ("客户净推荐值从 32 提升到 50", KeyResultKind.METRIC, 32, 50, "分"),
    ("上线新版自助开通流程", KeyResultKind.MILESTONE, None, None, None),
    ("月活跃用户从 8,000 增长到 20,000", KeyResultKind.METRIC, 8000, 20000, "人"),
    ("工单首次响应时间从 6 小时降到 1 小时", KeyResultKind.METRIC, 6, 1, "小时"),
    ("完成三家核心渠道伙伴的签约", KeyResultKind.MILESTONE, None, None, None),
    ("员工敬业度调查得分从 68 提升到 80", KeyResultKind.METRIC, 68, 80, "分"),
)
_KEY_RESULTS_EN = (
    ("Qualified leads from 150 to 600 a month", KeyResultKind.METRIC, 150, 600, "leads"),
    ("Cut churn from 4.5% to 2% a month", KeyResultKind.METRIC, Decimal("4.5"), 2, "%"),
    ("Launch the self-service billing page", KeyResultKind.MILESTONE, None, None, None),
    ("Release cadence from 2 to 8 a month", KeyResultKind.METRIC, 2, 8, "releases"),
    ("Support tickets solved in a day from 55% to 85%", KeyResultKind.METRIC, 55, 85, "%"),
    ("Sign two resellers in the eastern region", KeyResultKind.MILESTONE, None, None, None),
    ("Cost per order from ¥38 to ¥25", KeyResultKind.METRIC, 38, 25, "¥"),
    ("Dashboard adoption from 20 to 70 teams", KeyResultKind.METRIC, 20, 70, "teams"),
)
_PEOPLE = ("王芳", "李雷", "韩梅梅", "张伟", "陈静", "Alex Chen", "Maria Lopez", "刘洋")
_COMMENTS = (
    "按计划推进",
    "渠道伙伴的线索比预期晚了两周",
    "本周上线了灰度版本",
    "需要市场部支持",
    "On track after the pricing change",
    "Blocked on the data migration",
    "Two big deals slipped to next month",
    "Ahead of plan thanks to the new onboarding",
)


def write_quarter_plan(path: Path, seed: int = 2027) -> QuarterPlan:
    """Write the big cycle to a new plan file at ``path`` (a second, empty cycle follows it)."""
    random = Random(seed)
    rows: dict[type[Base], list[dict[str, object]]] = {}

    def add(entity: type[Base], **values: object) -> int:
        table = rows.setdefault(entity, [])
        table.append({"id": len(table) + 1, **values})
        return len(table)

    cycle = add(Cycle, name=CYCLE[0], starts_on=CYCLE[1], ends_on=CYCLE[2])
    next_cycle = add(Cycle, name=NEXT_CYCLE[0], starts_on=NEXT_CYCLE[1], ends_on=NEXT_CYCLE[2])
    units = _units(add)
    # Objectives per unit: four each, the company and the first few units one more.
    share = [OBJECTIVES // len(units)] * len(units)
    for n in range(OBJECTIVES - sum(share)):
        share[n] += 1
    workshops: list[int] = []
    parent_krs: dict[int, list[int]] = {}  # unit -> its key results, for alignment
    check_ins = 0
    for n, (unit, parent, chinese) in enumerate(units):
        approved = COMPANY_APPROVED + timedelta(days=0 if n == 0 else 3 + n % 15, hours=n % 7)
        workshop = _workshop(add, unit, cycle, n, chinese, approved)
        workshops.append(workshop)
        krs: list[int] = []
        for k in range(share[n]):
            objective = add(
                Objective,
                workshop_id=workshop,
                title=_pick(_OBJECTIVES_ZH if chinese else _OBJECTIVES_EN, n + k),
                position=k,
                selected=True,
            )
            if parent is not None:
                above = parent_krs[parent]
                add(
                    Alignment,
                    objective_id=objective,
                    parent_objective_id=None,
                    parent_key_result_id=above[(n + k) % len(above)],
                )
            for p in range(KEY_RESULTS_PER_OBJECTIVE):
                kr, made = _key_result(add, random, objective, n * 7 + k * 3 + p, p, chinese)
                krs.append(kr)
                check_ins += made
        parent_krs[unit] = krs
    with PlanFile.create(path, "北辰科技 Northstar") as plan, plan.transaction() as session:
        order: tuple[type[Base], ...] = (
            OrgUnit,
            Cycle,
            Workshop,
            Participant,
            Objective,
            KeyResult,
            Alignment,
            PhaseVisit,
            SignOff,
            CheckIn,
            KeyResultScore,
        )
        for entity in order:  # parents before the rows that refer to them
            if rows.get(entity):
                session.execute(insert(entity), rows[entity])
    return QuarterPlan(
        path=path,
        cycle_id=cycle,
        next_cycle_id=next_cycle,
        company_unit=units[0][0],
        company_workshop=workshops[0],
        department_workshop=workshops[1],
        workshops=tuple(workshops),
        key_results=len(rows[KeyResult]),
        check_ins=check_ins,
    )


def _pick(choices: tuple[T, ...], n: int) -> T:
    return choices[n % len(choices)]


def _units(add: Callable[..., int]) -> list[tuple[int, int | None, bool]]:
    """The company, its departments and their teams: (unit, parent, Chinese texts)."""
    company = add(
        OrgUnit, name="北辰科技 Northstar", level=UnitLevel.COMPANY, parent_id=None, position=0
    )
    units: list[tuple[int, int | None, bool]] = [(company, None, True)]
    departments = []
    for n, (zh, en) in enumerate(_DEPARTMENTS):
        chinese = n % 3 != 2
        unit = add(
            OrgUnit,
            name=zh if chinese else en,
            level=UnitLevel.DEPARTMENT,
            parent_id=company,
            position=n,
        )
        departments.append((unit, chinese, zh if chinese else en))
        units.append((unit, company, chinese))
    teams = UNITS - len(units)
    for n in range(teams):
        department, chinese, name = departments[n % len(departments)]
        team = add(
            OrgUnit,
            name=f"{name} · {_pick(_TEAMS, n // len(departments) + n % len(departments))}",
            level=UnitLevel.TEAM,
            parent_id=department,
            position=n // len(departments),
        )
        units.append((team, department, chinese))
    # Teams come after every department, so each unit's parent is written (and aligned) first.
    return units


def _workshop(
    add: Callable[..., int],
    unit: int,
    cycle: int,
    n: int,
    chinese: bool,
    approved: datetime,
) -> int:
    """A unit's signed-off workshop: participants, the phases it went through, the approval."""
    began = approved - timedelta(hours=3)
    workshop = add(
        Workshop,
        title=f"2027 第一季度 OKR 研讨会 #{n + 1}" if chinese else f"2027-Q1 OKR workshop #{n + 1}",
        unit_id=unit,
        cycle_id=cycle,
        phase=Phase.SIGNOFF,
        facilitator=_pick(_PEOPLE, n),
        anonymous=False,
        created_at=began - timedelta(days=2),
        dot_budget=5,
        dot_cap=3,
        selection_size=5,
        locked=True,
        imported_from=None,
        room_code=None,
        walk_ins=False,
    )
    for p in range(5):
        add(Participant, workshop_id=workshop, name=_pick(_PEOPLE, n + p), position=p)
    at = began
    for phase in (Phase.SETUP, Phase.BRAINSTORM, Phase.GROUP, Phase.VOTE, Phase.SELECT):
        add(
            PhaseVisit,
            workshop_id=workshop,
            phase=phase,
            started_at=at,
            ended_at=at + timedelta(minutes=30),
        )
        at += timedelta(minutes=30)
    add(PhaseVisit, workshop_id=workshop, phase=Phase.SIGNOFF, started_at=at, ended_at=None)
    add(
        SignOff,
        workshop_id=workshop,
        round=1,
        decision=Decision.APPROVE,
        signer="周总 CEO Zhou",
        comment=None,
        decided_at=approved,
        signature=None,
    )
    return workshop


def _key_result(
    add: Callable[..., int],
    random: Random,
    objective: int,
    n: int,
    position: int,
    chinese: bool,
) -> tuple[int, int]:
    """A key result and its thirteen Monday check-ins; (its id, check-ins written)."""
    title, kind, start, target, unit = _pick(_KEY_RESULTS_ZH if chinese else _KEY_RESULTS_EN, n)
    owner = _pick(_PEOPLE, n + position)
    kr = add(
        KeyResult,
        objective_id=objective,
        title=title,
        kind=kind,
        start_value=None if start is None else Decimal(start),
        target_value=None if target is None else Decimal(target),
        unit=unit,
        deadline=CYCLE[2],
        owner=owner,
        commitment=Commitment.ASPIRATIONAL if n % 3 == 0 else Commitment.COMMITTED,
        position=position,
    )
    # Where the key result ends the quarter: most short of it, some beyond, a few stuck.
    reach = random.choice((0.3, 0.55, 0.7, 0.8, 0.9, 1.0, 1.0, 1.15))
    confidence = random.randint(4, 8)
    for week in range(WEEKS):
        share = reach * (week + 1) / WEEKS * random.uniform(0.85, 1.1)
        confidence = max(0, min(10, confidence + random.choice((-1, 0, 0, 1))))
        values: dict[str, object] = {"value": None, "done": None, "percent": None}
        if kind == KeyResultKind.METRIC:
            assert start is not None and target is not None
            moved = Decimal(start) + (Decimal(target) - Decimal(start)) * Decimal(str(share))
            values["value"] = moved.quantize(Decimal("0.1"))
        else:
            percent = min(100, int(share * 100) // 10 * 10)
            values["percent"] = percent
            values["done"] = percent == 100
        add(
            CheckIn,
            key_result_id=kr,
            recorded_at=FIRST_CHECK_IN + timedelta(weeks=week, minutes=n % 50),
            recorded_by=owner,
            confidence=confidence,
            comment=_pick(_COMMENTS, n + week) if (n + week) % 4 == 0 else None,
            **values,
        )
    if n % 40 == 7:  # now and then the facilitator adjusts a score, with its reason
        add(
            KeyResultScore,
            key_result_id=kr,
            score=Decimal("0.7"),
            computed=None,
            reason="渠道伙伴的订单晚到了一周，按实际贡献计" if chinese else "Late partner orders",
            decided_by="王芳",
            decided_at=END_OF_CYCLE,
        )
    return kr, WEEKS


def _built_key() -> str:
    """What a cached plan depends on: the schema's head and this file."""
    source = Path(__file__).read_bytes()
    return hashlib.sha256(REVISIONS[-1].encode() + source).hexdigest()[:16]


def quarter_plan_copy(to: Path) -> QuarterPlan:
    """The big cycle copied to ``to`` (a new file): built once into the temp folder and kept
    there for the next caller, since writing it takes a few seconds."""
    cache = Path(tempfile.gettempdir()) / f"okrdesk-quarter-plan-{_built_key()}.okrdesk"
    info = cache.with_suffix(".ids")
    if not (cache.exists() and info.exists()):
        building = cache.with_name(f"{cache.stem}.{os.getpid()}.building")
        plan = write_quarter_plan(building)
        info.with_name(f"{info.name}.{os.getpid()}").write_text(_ids_text(plan))
        os.replace(building, cache)
        os.replace(info.with_name(f"{info.name}.{os.getpid()}"), info)
    shutil.copyfile(cache, to)
    return _ids_read(info.read_text(), to)


def _ids_text(plan: QuarterPlan) -> str:
    numbers = [
        plan.cycle_id,
        plan.next_cycle_id,
        plan.company_unit,
        plan.company_workshop,
        plan.department_workshop,
        plan.key_results,
        plan.check_ins,
    ]
    return " ".join(map(str, numbers)) + "\n" + " ".join(map(str, plan.workshops)) + "\n"


def _ids_read(text: str, path: Path) -> QuarterPlan:
    head, workshops = text.splitlines()
    cycle, next_cycle, company, company_workshop, department, krs, check_ins = map(
        int, head.split()
    )
    return QuarterPlan(
        path=path,
        cycle_id=cycle,
        next_cycle_id=next_cycle,
        company_unit=company,
        company_workshop=company_workshop,
        department_workshop=department,
        workshops=tuple(map(int, workshops.split())),
        key_results=krs,
        check_ins=check_ins,
    )

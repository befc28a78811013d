"""The all-hands view: last cycle's scores and highlights, this cycle's OKRs with their why,
the worked breakdowns, the departments aligned beneath, the two-week date; a fixed number of
queries; Qt-free."""

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from okrdesk.engine.allhands_view import AllHandsView, SlideKind, allhands_view
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.initiative_ops import AddInitiative
from okrdesk.engine.rationale_ops import MarkBreakdown, UnmarkBreakdown
from okrdesk.models import UnitLevel
from okrdesk.models.planfile import PlanFile
from tests.allhands_plan import WHY_DELIVERY, AllHandsPlan
from tests.conftest import StepClock, counting

NOW = datetime(2026, 12, 21, 10, tzinfo=UTC)
SHANGHAI = timezone(timedelta(hours=8))


@pytest.fixture
def template(allhands_template: tuple[Path, AllHandsPlan]) -> tuple[Path, AllHandsPlan]:
    return allhands_template


@pytest.fixture
def plan(template, tmp_path: Path) -> Iterator[tuple[PlanEditor, AllHandsPlan]]:
    path, ids = template
    copy = tmp_path / "plan.okrdesk"
    copy.write_bytes(path.read_bytes())
    opened = PlanFile.open(copy)
    yield PlanEditor(opened, clock=StepClock()), ids
    opened.close()


def shown(editor: PlanEditor, workshop: int, now: datetime = NOW) -> AllHandsView:
    view = editor.view(allhands_view, workshop, now)
    assert view is not None
    return view


def test_the_slides_come_in_the_seeds_order(plan):
    editor, ids = plan
    view = shown(editor, ids.company_workshop)
    delivery, customers = ids.objectives["Faster delivery"], ids.objectives["更多客户"]
    assert [(s.kind, s.objective_id) for s in view.slides] == [
        (SlideKind.OPENING, None),
        (SlideKind.RESULTS, None),
        (SlideKind.HIGHLIGHTS, None),
        (SlideKind.OBJECTIVE, delivery),
        (SlideKind.OBJECTIVE, customers),
        (SlideKind.BREAKDOWN, customers),
        (SlideKind.ALIGNED, delivery),
        (SlideKind.ALIGNED, customers),
        (SlideKind.CLOSING, None),
    ]
    assert (view.organisation, view.unit, view.cycle, view.approved) == (
        "Northstar 北极星",
        "Northstar",
        "2027-Q1",
        True,
    )


def test_last_cycles_results_are_each_objectives_score_and_the_best_key_results(plan):
    editor, ids = plan
    last = shown(editor, ids.company_workshop).last
    assert last is not None and last.cycle == "2026-Q4"
    assert [(o.title, o.score, o.scored, o.key_results) for o in last.objectives] == [
        ("Win the north", Decimal("0.85"), 2, 2),
        ("上线新系统", Decimal("0.4"), 1, 1),
    ]
    assert [(h.title, h.objective, h.score) for h in last.highlights] == [
        ("Open 4 stores", "Win the north", Decimal(1)),
        ("Leads from 0 to 100", "Win the north", Decimal("0.7")),
        ("新系统上线", "上线新系统", Decimal("0.4")),
    ]
    # The first cycle has nothing before it: no results slides.
    first = shown(editor, ids.last_workshop)
    assert first.last is None
    assert SlideKind.RESULTS not in {s.kind for s in first.slides}


def test_this_cycles_objectives_carry_their_why_key_results_and_initiatives(plan):
    editor, ids = plan
    view = shown(editor, ids.company_workshop)
    delivery, customers = view.objectives
    assert (delivery.title, delivery.rationale, delivery.breakdown) == (
        "Faster delivery",
        WHY_DELIVERY,
        False,
    )
    assert [(k.title, k.start, k.target, k.unit) for k in delivery.key_results] == [
        ("Cut delivery from 21 to 7 days", Decimal(21), Decimal(7), "days"),
        ("Launch the tracking page", None, None, None),
    ]
    assert (customers.rationale, customers.breakdown) == ("", True)
    assert customers.key_results[0].initiatives == (
        "Call the ten biggest shops",
        "参加上海的两个展会",
    )
    assert view.breakdowns == (customers,)
    assert all(o.title != "A candidate not chosen" for o in view.objectives)
    editor.apply(UnmarkBreakdown(customers.id))
    editor.apply(MarkBreakdown(delivery.id))
    view = shown(editor, ids.company_workshop)
    assert [s.objective_id for s in view.slides if s.kind is SlideKind.BREAKDOWN] == [delivery.id]


def test_the_departments_objectives_are_aligned_beneath_with_the_kr_they_support(plan):
    editor, ids = plan
    delivery, customers = shown(editor, ids.company_workshop).objectives
    assert [(a.title, a.unit, a.level, a.key_result, a.approved) for a in delivery.aligned] == [
        ("Own the warehouse", "Operations", UnitLevel.DEPARTMENT, None, False)
    ]
    assert [(a.title, a.unit, a.key_result, a.approved) for a in customers.aligned] == [
        ("Sell to chains 连锁店", "Sales 销售部", "Qualified leads from 0 to 150", True)
    ]


def test_the_closing_slide_counts_two_weeks_from_the_first_approval_in_the_laptops_zone(plan):
    editor, ids = plan
    view = shown(editor, ids.company_workshop)
    assert view.approved_on == date(2026, 12, 18)  # 23:30 UTC on a Friday
    assert view.deadline == date(2027, 1, 1) and view.days_left == 11
    assert not view.deadline_on_weekend
    shanghai = shown(editor, ids.company_workshop, NOW.astimezone(SHANGHAI))
    assert shanghai.approved_on == date(2026, 12, 19)  # Saturday in Shanghai
    assert shanghai.deadline == date(2027, 1, 2) and shanghai.deadline_on_weekend
    draft = shown(editor, ids.ops_workshop)
    assert not draft.approved and draft.deadline is None and draft.days_left is None


def test_a_workshop_gone_has_no_all_hands(plan):
    editor, _ids = plan
    assert editor.view(allhands_view, 9999, NOW) is None


def test_the_view_is_frozen_and_plain():
    view_fields = AllHandsView.__dataclass_params__  # type: ignore[attr-defined]
    assert view_fields.frozen


def test_the_view_reads_a_fixed_number_of_queries_however_many_initiatives(plan):
    editor, ids = plan
    with counting("SELECT") as small:
        shown(editor, ids.company_workshop)
    with editor.batch("op.add_initiative"):
        for kr in ids.krs.values():
            for number in range(5):
                editor.apply(AddInitiative(kr, f"step {number}"))
    with counting("SELECT") as large:
        view = shown(editor, ids.company_workshop)
    assert sum(len(k.initiatives) for o in view.objectives for k in o.key_results) == 17
    assert len(large) == len(small) <= 14, json.dumps(large, indent=1)

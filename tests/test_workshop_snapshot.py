"""One workshop's snapshot reads that workshop only, in a fixed number of statements."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from benchmarks.large_plan import write_large_plan
from okrdesk.cli import main
from okrdesk.engine.snapshot import plan_snapshot, workshop_snapshot
from okrdesk.export.report import build_report
from okrdesk.models import Workshop
from okrdesk.models.planfile import PlanFile
from tests.conftest import counting
from tests.demo_plans import copy_demo

# In the slow tier (pytest -m slow, run by .ci/run on every submission): the README's
# command must stay under ten minutes on the 2-core machine.
pytestmark = pytest.mark.slow

NOON = datetime(2027, 2, 1, 12, 0, tzinfo=UTC)


def at_noon() -> datetime:
    return NOON


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, int]]:
    folder = tmp_path_factory.mktemp("plans")
    small, large, demo = folder / "small.okrdesk", folder / "large.okrdesk", folder / "demo.okrdesk"
    copy_demo(demo, "voted", "en")  # votes, a revealed tally
    return {
        "small": (small, write_large_plan(small, units=3)),
        "large": (large, write_large_plan(large, units=40)),
        "demo": (demo, 1),
    }


def read(path: Path, build):
    with PlanFile.open(path, read_only=True) as plan, plan.reader() as session:
        return build(session)


@pytest.mark.parametrize("name", ["small", "large", "demo"])
def test_the_workshop_is_the_one_the_whole_plan_shows(plans, name) -> None:
    path, workshop = plans[name]
    whole = read(path, lambda s: plan_snapshot(s, at_noon))
    one = read(path, lambda s: workshop_snapshot(s, workshop, NOON))
    assert one.workshops == tuple(w for w in whole.workshops if w.id == workshop)
    assert one.organisation == whole.organisation
    assert set(one.cycles) <= set(whole.cycles) and {c.id for c in one.cycles} == {
        one.workshops[0].cycle_id
    }
    assert set(one.units) <= set(whole.units)


def test_the_parent_of_an_aligned_objective_is_named_with_its_unit(plans) -> None:
    path, workshop = plans["large"]
    whole = build_report(read(path, lambda s: plan_snapshot(s, at_noon)), "en", workshop)
    one = build_report(read(path, lambda s: workshop_snapshot(s, workshop, NOON)), "en", workshop)
    assert one == whole
    alignments = [o.alignment for o in one.workshops[0].objectives if o.alignment]
    assert alignments and all("Large Co" in text for text in alignments)


def test_reading_one_workshop_costs_the_same_in_a_plan_13_times_larger(plans) -> None:
    counts = []
    for name in ("small", "large"):
        path, workshop = plans[name]
        with (
            PlanFile.open(path, read_only=True) as plan,
            plan.reader() as session,
            counting() as seen,
        ):
            workshop_snapshot(session, workshop, NOON)
        counts.append(len(seen))
    # 20, and 4 for the quarter: check-ins, score entries, initiatives, the retrospective.
    assert counts[0] == counts[1] <= 24


def test_the_whole_plan_is_read_without_a_query_per_workshop(plans) -> None:
    """(Up to 500 of anything: SQLAlchemy's selectinload asks for 500 parents at a time.)"""
    counts = []
    for name in ("small", "large"):
        path, _workshop = plans[name]
        with PlanFile.open(path, read_only=True) as plan, plan.reader() as session:
            assert session.scalar(select(Workshop.id).limit(1)) is not None
            with counting() as seen:
                plan_snapshot(session, at_noon)
        counts.append(len(seen))
    assert counts[0] == counts[1] <= 25


def test_no_such_workshop_is_an_empty_snapshot(plans) -> None:
    path, _workshop = plans["small"]
    one = read(path, lambda s: workshop_snapshot(s, 10_000, NOON))
    assert one.workshops == () and one.units == () and one.cycles == ()


def test_info_json_workshop_prints_that_workshop_the_same_every_time(plans, capsys) -> None:
    path, workshop = plans["large"]
    printed = []
    for _ in range(2):
        assert main(["info", str(path), "--json", "--workshop", str(workshop)], clock=at_noon) == 0
        printed.append(capsys.readouterr().out)
    assert printed[0] == printed[1]
    document = json.loads(printed[0])
    assert [w["id"] for w in document["workshops"]] == [workshop]
    assert main(["info", str(path), "--json"], clock=at_noon) == 0
    whole = json.loads(capsys.readouterr().out)
    assert [w for w in whole["workshops"] if w["id"] == workshop] == document["workshops"]


def test_info_for_a_workshop_that_is_not_there_says_so(plans, capsys) -> None:
    path, _workshop = plans["small"]
    assert (
        main(["info", str(path), "--json", "--workshop", "999", "--lang", "en"], clock=at_noon) == 2
    )
    assert "999" in capsys.readouterr().err


def test_check_of_one_workshop_finds_what_the_whole_plan_finds_for_it(plans, capsys) -> None:
    path, workshop = plans["large"]
    main(["check", str(path), "--json", "--lang", "en"], clock=at_noon)
    whole = json.loads(capsys.readouterr().out)
    title = read(path, lambda s: workshop_snapshot(s, workshop, NOON)).workshops[0].title
    main(["check", str(path), "--json", "--lang", "en", "--workshop", str(workshop)], clock=at_noon)
    one = json.loads(capsys.readouterr().out)
    assert one == [f for f in whole if f["workshop"] == title]

"""The plan JSON carries the rest of the quarter: check-ins, score entries and the score that
stands (computed or adjusted with its reason), rationale, initiatives and the retrospective's
answers; the schema checks them; and they come along through the parent import into the
read-only copy (and are replaced, not doubled, when it is imported again)."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from okrdesk.engine import ops
from okrdesk.engine.checkin_ops import AdjustScore, RecordCheckIn
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.initiative_ops import AddInitiative
from okrdesk.engine.json_reader import read_plan_json, snapshot_from_json
from okrdesk.engine.parent_import import approved_okrs
from okrdesk.engine.rationale_ops import MarkBreakdown, SetRationale
from okrdesk.engine.retro_ops import (
    AddRetroAnswer,
    AddRetroGroup,
    MoveRetroAnswer,
    StartRetrospective,
)
from okrdesk.engine.review_view import review_view
from okrdesk.engine.snapshot import plan_snapshot
from okrdesk.engine.sources import read_snapshot
from okrdesk.errors import PlanFileError
from okrdesk.export.plan_json import plan_to_json
from okrdesk.models import RetroQuestion
from okrdesk.models.planfile import PlanFile
from tests.checkin_plan import open_copy
from tests.conftest import StepClock

NOW = datetime(2027, 2, 15, tzinfo=UTC)


@pytest.fixture(scope="module")
def company(tmp_path_factory: pytest.TempPathFactory, approved_template):
    """The company's approved OKRs with a quarter's records, and its JSON export."""
    folder = tmp_path_factory.mktemp("company")
    template, built = approved_template  # built once per test process (conftest)
    plan = open_copy(template, built, folder / "company.okrdesk")
    krs, objectives = plan.krs, plan.objectives
    plan.do(RecordCheckIn(krs["delivery"], value="17.5", confidence=6, who="李", at=NOW))
    plan.do(RecordCheckIn(krs["delivery"], value=14, comment="新仓库", at=NOW.replace(day=20)))
    plan.do(RecordCheckIn(krs["site"], done=True, at=NOW))
    plan.do(RecordCheckIn(krs["leads"], value=60, at=NOW))
    plan.do(AdjustScore(krs["leads"], "0.65", "partner leads counted late", by="CEO Zhou"))
    plan.do(SetRationale(objectives["Faster delivery"], "Customers leave over slow delivery."))
    plan.do(MarkBreakdown(objectives["Faster delivery"]))
    plan.do(AddInitiative(krs["delivery"], "Open the second warehouse"))
    plan.do(StartRetrospective(plan.workshop))
    group = plan.do(AddRetroGroup(plan.workshop, RetroQuestion.IMPROVE, "Suppliers"))
    answer = plan.do(
        AddRetroAnswer(
            plan.workshop,
            RetroQuestion.IMPROVE,
            "Weekly supplier calls",
            objective_id=objectives["Faster delivery"],
        )
    )
    plan.do(MoveRetroAnswer(answer, group))
    with plan.editor.plan.reader() as session:
        document = plan_to_json(plan_snapshot(session, StepClock()))
    plan.editor.plan.close()
    exported = folder / "company.json"
    exported.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return plan, document, exported


def objective_of(document, title):
    workshop = document["workshops"][0]
    return next(o for o in workshop["objectives"] if o["title"] == title)


def key_result_of(document, title):
    return next(
        kr
        for o in document["workshops"][0]["objectives"]
        for kr in o["key_results"]
        if kr["title"] == title
    )


def test_the_json_carries_check_ins_scores_rationale_initiatives_and_answers(company):
    _, document, _ = company
    delivery = key_result_of(document, "Cut delivery from 21 to 7 days")
    assert delivery["check_ins"] == [
        {
            "at": "2027-02-15T00:00:00+00:00",
            "by": "李",
            "value": 17.5,
            "done": None,
            "percent": None,
            "confidence": 6,
            "comment": None,
        },
        {
            "at": "2027-02-20T00:00:00+00:00",
            "by": None,
            "value": 14,
            "done": None,
            "percent": None,
            "confidence": None,
            "comment": "新仓库",
        },
    ]
    assert delivery["score"] == {"value": 0.5, "computed": 0.5, "adjusted": None, "reason": None}
    assert delivery["initiatives"] == ["Open the second warehouse"]
    leads = key_result_of(document, "Qualified leads from 0 to 150")
    assert leads["score"] == {
        "value": 0.65,
        "computed": 0.4,
        "adjusted": 0.65,
        "reason": "partner leads counted late",
    }
    (entry,) = leads["score_entries"]
    assert (entry["score"], entry["computed"], entry["by"]) == (0.65, 0.4, "CEO Zhou")
    site = key_result_of(document, "Launch the tracking page")
    assert site["check_ins"][0]["done"] is True and site["check_ins"][0]["percent"] == 100
    faster = objective_of(document, "Faster delivery")
    assert faster["rationale"] == "Customers leave over slow delivery."
    assert faster["breakdown"] is True and faster["carry"] is False
    assert faster["score"] == 0.75  # delivery 0.5, the tracking page 1.0
    more = objective_of(document, "更多客户")
    assert more["score"] == 0.65  # only leads is scored (uptime and partners have no check-in)
    retro = document["workshops"][0]["retrospective"]
    assert retro["current_question"] == RetroQuestion.WHY_MISSED.value
    (answer,) = retro["answers"]
    assert answer["text"] == "Weekly supplier calls" and answer["question"] == "improve"
    assert answer["objective_id"] == faster["id"]
    assert answer["group_id"] == retro["groups"][0]["id"]
    assert [g["title"] for g in retro["groups"]] == ["Suppliers"]


def test_the_json_reads_back_to_the_same_json(company):
    _, document, exported = company
    again = plan_to_json(read_plan_json(exported))
    assert {**again, "generator": None} == {**document, "generator": None}


@pytest.mark.parametrize(
    ("change", "english", "chinese"),
    [
        (
            lambda kr: kr["check_ins"][0].update(confidence=11),
            "workshops[0].objectives[0].key_results[0].check_ins[0].confidence must be a whole "
            "number from 0 to 10.",
            "必须是 0 到 10 之间的整数。",
        ),
        (
            lambda kr: kr["check_ins"][0].update(percent=-1),
            "check_ins[0].percent must be a whole number from 0 to 100.",
            "必须是 0 到 100 之间的整数。",
        ),
        (
            lambda kr: kr.update(score_entries=[{"score": 1.5, "at": "2027-02-15T00:00:00Z"}]),
            "score_entries[0].score must be a score from 0 to 1.",
            "必须是 0 到 1 之间的评分。",
        ),
        (
            lambda kr: kr["check_ins"][0].update(at="2027-02-15"),
            "check_ins[0].at",
            "check_ins[0].at",
        ),
    ],
)
def test_the_schema_checks_what_the_quarter_added(company, change, english, chinese):
    _, document, _ = company
    broken = json.loads(json.dumps(document))
    change(broken["workshops"][0]["objectives"][0]["key_results"][0])
    with pytest.raises(PlanFileError) as refused:
        snapshot_from_json(broken, "company.json")
    assert english in refused.value.message("en")
    assert chinese in refused.value.message("zh_CN")


@pytest.fixture
def department(tmp_path: Path):
    path = tmp_path / "sales.okrdesk"
    PlanFile.create(path, "Northstar").close()
    plan = PlanFile.open(path)
    editor = PlanEditor(plan, clock=StepClock())
    editor.apply(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)))
    yield editor
    plan.close()


@pytest.mark.parametrize("source", ["plan file", "json export"])
def test_the_parent_import_brings_the_check_ins_and_scores_into_the_copy(
    company, department, source
):
    plan, _, exported = company
    path = plan.path if source == "plan file" else exported
    (okrs,) = approved_okrs(read_snapshot(path), path.name)
    copy = department.apply(ops.ImportParentOkrs(okrs)).result
    review = department.view(review_view, copy, NOW)
    assert review.imported and not review.accepts_check_ins
    krs = {kr.title: kr for o in review.objectives for kr in o.key_results}
    delivery = krs["Cut delivery from 21 to 7 days"]
    assert [(c.value, c.comment, c.by) for c in delivery.history] == [
        (Decimal("17.5"), None, "李"),
        (Decimal("14"), "新仓库", None),
    ]
    assert delivery.score.value == Decimal("0.5")
    leads = krs["Qualified leads from 0 to 150"].score
    assert (leads.value, leads.computed, leads.reason) == (
        Decimal("0.65"),
        Decimal("0.4"),
        "partner leads counted late",
    )
    with department.plan.reader() as session:
        document = plan_to_json(plan_snapshot(session, StepClock()))
    faster = objective_of(document, "Faster delivery")
    assert faster["rationale"] == "Customers leave over slow delivery."
    assert faster["key_results"][0]["initiatives"] == ["Open the second warehouse"]
    # Imported again (the parent checked in once more): replaced, not doubled.
    department.apply(ops.ImportParentOkrs(okrs))
    again = department.view(review_view, copy, NOW)
    assert len(again.objectives[0].key_results[0].history) == 2

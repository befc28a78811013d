"""Importing a parent unit's approved OKRs from another plan file or from its JSON export."""

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.parent_import import approved_okrs
from okrdesk.engine.snapshot import plan_snapshot
from okrdesk.engine.sources import read_snapshot
from okrdesk.errors import OkrdeskError, PlanFileError, RuleError
from okrdesk.export.plan_json import plan_to_json
from okrdesk.models import (
    Alignment,
    Cycle,
    Decision,
    KeyResult,
    Objective,
    OrgUnit,
    Phase,
    SignOff,
    UnitLevel,
    Workshop,
)
from okrdesk.models.planfile import PlanFile
from tests.conftest import StepClock, table_state
from tests.demo_plans import copy_new_plan


@pytest.fixture
def company_plan(room):
    """The company's plan, its management workshop approved with OKRs A and B (2 KRs each)."""
    a, b, _c = room.to_voting(["A", "B", "C"])
    room.close_and_reveal()
    room.go(Phase.SELECT)
    room.do(ops.SetObjectiveSelected(a, True))
    room.do(ops.SetObjectiveSelected(b, True))
    room.go(Phase.SIGNOFF)
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "CEO Zhou"))
    return room.path


@pytest.fixture
def department(tmp_path):
    """A department's own plan on another laptop: the company and Sales, a workshop for Sales."""
    path = tmp_path / "sales.okrdesk"
    copy_new_plan(path, "Northstar")  # not the company's plan file (conftest's): its own UUID
    plan = PlanFile.open(path)
    editor = PlanEditor(plan, clock=StepClock())
    cycle = editor.apply(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31))).result
    company = editor.apply(ops.CreateUnit("Northstar Ltd")).result
    sales = editor.apply(ops.CreateUnit("Sales", company)).result
    workshop = editor.apply(ops.CreateWorkshop(sales, cycle, "Sales workshop")).result
    yield editor, workshop
    plan.close()


def read(editor, query):
    with editor.plan.reader() as session:
        return session.execute(query).all()


@pytest.fixture(params=["plan file", "json export"])
def source(request, company_plan, tmp_path):
    if request.param == "plan file":
        return company_plan
    path = tmp_path / "company.json"
    with PlanFile.open(company_plan, read_only=True) as plan, plan.reader() as session:
        path.write_text(
            json.dumps(plan_to_json(plan_snapshot(session, StepClock())), ensure_ascii=False),
            "utf-8",
        )
    return path


def test_only_approved_workshops_are_offered(source, company_plan):
    offered = approved_okrs(read_snapshot(source), source.name)
    assert [(o.title, o.unit, o.signer, o.cycle) for o in offered] == [
        ("Management meeting", "Northstar", "CEO Zhou", "2027-Q1")
    ]
    assert [o.title for o in offered[0].objectives] == ["A", "B"]
    assert [len(o.key_results) for o in offered[0].objectives] == [2, 2]


def test_imported_parent_okrs_are_a_locked_copy_the_department_aligns_to(source, department):
    editor, sales_workshop = department
    (okrs,) = approved_okrs(read_snapshot(source), source.name)
    imported = editor.apply(ops.ImportParentOkrs(okrs)).result
    rows = read(
        editor,
        select(
            Workshop.title, Workshop.locked, Workshop.phase, Workshop.imported_from, OrgUnit.name
        )
        .join(OrgUnit, Workshop.unit_id == OrgUnit.id)
        .where(Workshop.id == imported),
    )
    # The department's plan keeps its own company (named differently) and puts the copy there.
    assert rows == [("Management meeting", True, Phase.EXPORT, source.name, "Northstar Ltd")]
    krs = read(
        editor,
        select(Objective.title, Objective.selected, KeyResult.title, KeyResult.target_value)
        .join(KeyResult)
        .where(Objective.workshop_id == imported)
        .order_by(Objective.position, KeyResult.position),
    )
    assert [(o, sel, kr) for o, sel, kr, _t in krs] == [
        ("A", True, "A: KR 1 reaches 10"),
        ("A", True, "A: KR 2 reaches 20"),
        ("B", True, "B: KR 1 reaches 10"),
        ("B", True, "B: KR 2 reaches 20"),
    ]
    assert read(editor, select(SignOff.signer).where(SignOff.workshop_id == imported)) == [
        ("CEO Zhou",)
    ]
    (parent_kr,) = read(
        editor,
        select(KeyResult.id).join(Objective).where(Objective.workshop_id == imported).limit(1),
    )
    editor.apply(ops.ChangePhase(sales_workshop, Phase.BRAINSTORM))
    editor.apply(ops.AddIdea(sales_workshop, "card"))
    editor.apply(ops.ChangePhase(sales_workshop, Phase.GROUP))
    mine = editor.apply(ops.CreateObjective(sales_workshop, "Win the east")).result
    editor.apply(ops.AlignObjective(mine, parent_key_result_id=parent_kr[0]))
    with pytest.raises(RuleError) as refused:
        editor.apply(ops.ReopenWorkshop(imported, "edit here"))
    assert source.name in refused.value.message("en")


def test_importing_again_updates_the_copy_and_keeps_what_aligns_to_it(company_plan, department):
    editor, sales_workshop = department
    (okrs,) = approved_okrs(read_snapshot(company_plan), "company.okrdesk")
    first = editor.apply(ops.ImportParentOkrs(okrs))
    imported = first.result
    (parent_kr,) = read(
        editor,
        select(KeyResult.id).join(Objective).where(Objective.workshop_id == imported).limit(1),
    )
    editor.apply(ops.ChangePhase(sales_workshop, Phase.BRAINSTORM))
    editor.apply(ops.AddIdea(sales_workshop, "card"))
    editor.apply(ops.ChangePhase(sales_workshop, Phase.GROUP))
    mine = editor.apply(ops.CreateObjective(sales_workshop, "Win the east")).result
    editor.apply(ops.AlignObjective(mine, parent_key_result_id=parent_kr[0]))
    a, b = okrs.objectives
    revised = replace(
        okrs,
        signer="CEO Zhou (revised)",
        objectives=(
            replace(
                a,
                title="A, sharpened",
                key_results=(replace(a.key_results[0], title="A: KR 1 reaches 12"),),
            ),
            b,
            replace(b, title="C, new"),
        ),
    )
    again = editor.apply(ops.ImportParentOkrs(revised))
    assert again.result == imported
    titles = read(
        editor,
        select(Objective.title, KeyResult.title)
        .join(KeyResult)
        .where(Objective.workshop_id == imported)
        .order_by(Objective.position, KeyResult.position),
    )
    assert titles[:1] == [("A, sharpened", "A: KR 1 reaches 12")] and len(titles) == 5
    assert ("A: KR 2 reaches 20",) not in [(kr,) for _o, kr in titles]  # dropped by the parent
    assert read(
        editor, select(Alignment.parent_key_result_id).where(Alignment.objective_id == mine)
    ) == [parent_kr]
    assert read(editor, select(SignOff.signer).where(SignOff.workshop_id == imported)) == [
        ("CEO Zhou (revised)",)
    ]
    editor.revert(again)
    assert read(
        editor,
        select(Objective.title)
        .where(Objective.workshop_id == imported)
        .order_by(Objective.position),
    ) == [("A",), ("B",)]


def test_a_workshop_of_this_plan_is_never_overwritten_by_an_import(company_plan, department):
    editor, _ = department
    (okrs,) = approved_okrs(read_snapshot(company_plan), "company.okrdesk")
    with editor.plan.reader() as session:
        company = session.scalar(select(OrgUnit.id).where(OrgUnit.parent_id.is_(None)))
        cycle = session.scalar(select(Cycle.id))
    editor.apply(ops.CreateWorkshop(company, cycle, okrs.title))
    before = table_state(editor.plan.path)
    with pytest.raises(RuleError) as refused:
        editor.apply(ops.ImportParentOkrs(okrs))
    assert "已在本计划中" in refused.value.message("zh_CN")
    assert table_state(editor.plan.path) == before


def test_undo_removes_an_imported_copy_entirely(company_plan, department):
    editor, _ = department
    (okrs,) = approved_okrs(read_snapshot(company_plan), "company.okrdesk")
    before = table_state(editor.plan.path)
    change = editor.apply(ops.ImportParentOkrs(okrs))
    editor.revert(change)
    assert table_state(editor.plan.path) == before


@pytest.mark.parametrize(
    "spoil",
    [
        lambda doc: doc["units"][0].update(parent_id=doc["units"][0]["id"]),  # a loop
        lambda doc: doc["workshops"][0].update(cycle_id=999),
        lambda doc: doc["workshops"][0].update(unit_id=999),
    ],
)
def test_a_json_that_is_not_a_consistent_plan_is_refused_quickly(company_plan, tmp_path, spoil):
    with PlanFile.open(company_plan, read_only=True) as plan, plan.reader() as session:
        document = plan_to_json(plan_snapshot(session, StepClock()))
    spoil(document)
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(document), "utf-8")
    with pytest.raises(PlanFileError):
        approved_okrs(read_snapshot(path), path.name)


@pytest.mark.parametrize(
    "odd",
    [
        lambda o: replace(o, title="  "),
        lambda o: replace(o, objectives=(replace(o.objectives[0], title=""),)),
        lambda o: replace(
            o,
            objectives=(
                replace(
                    o.objectives[0],
                    key_results=(
                        replace(o.objectives[0].key_results[0], target=Decimal("Infinity")),
                    ),
                ),
            ),
        ),
        lambda o: replace(o, objectives=(replace(o.objectives[0], title=42),)),
    ],
)
def test_odd_content_is_refused_with_a_message_and_changes_nothing(company_plan, department, odd):
    editor, _ = department
    (okrs,) = approved_okrs(read_snapshot(company_plan), "company.okrdesk")
    before = table_state(editor.plan.path)
    with pytest.raises(OkrdeskError) as refused:
        editor.apply(ops.ImportParentOkrs(odd(okrs)))
    assert refused.value.message("en")
    assert table_state(editor.plan.path) == before


def test_a_department_parent_lands_under_its_path_creating_what_is_missing(company_plan, tmp_path):
    (okrs,) = approved_okrs(read_snapshot(company_plan), "company.okrdesk")
    deeper = type(okrs)(
        **{**okrs.__dict__, "unit_path": (("company", "Northstar"), ("department", "R&D"))}
    )
    path = tmp_path / "team.okrdesk"
    PlanFile.create(path, "Northstar").close()
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan, clock=StepClock())
        editor.apply(ops.ImportParentOkrs(deeper))
        units = read(editor, select(OrgUnit.name, OrgUnit.level).order_by(OrgUnit.id))
        cycles = read(editor, select(Cycle.name))
    assert [(n, lvl.value) for n, lvl in units] == [("Northstar", "company"), ("R&D", "department")]
    assert cycles == [("2027-Q1",)]


def test_an_unreadable_source_is_refused_with_a_clear_message(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", "utf-8")
    with pytest.raises(PlanFileError):
        read_snapshot(bad)
    garbage = tmp_path / "garbage.okrdesk"
    garbage.write_bytes(b"hello")
    with pytest.raises(PlanFileError):
        read_snapshot(garbage)
    assert garbage.read_bytes() == b"hello"


def test_the_plan_json_reads_back_as_the_same_snapshot_decisions_and_signature_included(
    room, tmp_path
):
    from okrdesk.engine.json_reader import snapshot_from_json

    a, _b, _c = room.to_voting(["A", "B", "C"])
    room.close_and_reveal()
    room.go(Phase.SELECT)
    room.do(ops.SetObjectiveSelected(a, True))
    room.go(Phase.SIGNOFF)
    room.do(
        ops.SignOffWorkshop(room.workshop, Decision.RETURN, "CEO", "Again", notes=((a, "Sharper"),))
    )
    room.go(Phase.SIGNOFF)
    signature = '{"width":100,"height":40,"strokes":[[[1,2],[30,20.5]]]}'
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "CEO", signature=signature))
    with room.editor.plan.reader() as session:
        snapshot = plan_snapshot(session, StepClock())
    document = json.loads(json.dumps(plan_to_json(snapshot), ensure_ascii=False))
    history = document["workshops"][0]["signoff"]["history"]
    assert [(d["round"], d["decision"], d["comment"]) for d in history] == [
        (1, "return", "Again"),
        (2, "approve", None),
    ]
    assert history[0]["notes"] == [{"objective": "A", "comment": "Sharper"}]
    assert history[1]["signature"]["strokes"] == [[[1, 2], [30, 20.5]]]
    read_back = snapshot_from_json(document, "plan.json")
    assert read_back.workshops[0].signoff == snapshot.workshops[0].signoff


def test_a_plan_started_with_the_department_at_the_top_gets_the_company_above_it(
    company_plan, tmp_path
):
    """File > New on the department's laptop makes its own unit the top one; import fixes that."""
    path = tmp_path / "marketing.okrdesk"
    PlanFile.create(path, "Marketing").close()
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan, clock=StepClock())
        cycle = editor.apply(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31))).result
        marketing = editor.apply(ops.CreateUnit("Marketing")).result
        workshop = editor.apply(ops.CreateWorkshop(marketing, cycle, "Marketing workshop")).result
        (okrs,) = approved_okrs(read_snapshot(company_plan), "company.okrdesk")
        change = editor.apply(ops.ImportParentOkrs(okrs))
        assert [n.message_id for n in change.notices] == [
            "notice.unit_moved_under",
            "notice.parent_imported",
        ]
        units = read(
            editor, select(OrgUnit.name, OrgUnit.level, OrgUnit.parent_id).order_by(OrgUnit.id)
        )
        company_id = read(editor, select(OrgUnit.id).where(OrgUnit.parent_id.is_(None)))[0][0]
        assert units == [
            ("Marketing", UnitLevel.DEPARTMENT, company_id),
            ("Northstar", UnitLevel.COMPANY, None),
        ]
        (parent_kr,) = read(
            editor,
            select(KeyResult.id)
            .join(Objective)
            .where(Objective.workshop_id == change.result)
            .limit(1),
        )
        editor.apply(ops.ChangePhase(workshop, Phase.BRAINSTORM))
        editor.apply(ops.AddIdea(workshop, "card"))
        editor.apply(ops.ChangePhase(workshop, Phase.GROUP))
        mine = editor.apply(ops.CreateObjective(workshop, "Fill the pipeline")).result
        editor.apply(ops.AlignObjective(mine, parent_key_result_id=parent_kr[0]))
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan, clock=StepClock())
        assert read(
            editor, select(Alignment.parent_key_result_id).where(Alignment.objective_id == mine)
        ) == [parent_kr]


def test_undoing_the_import_puts_the_department_back_on_top(company_plan, tmp_path):
    path = tmp_path / "marketing.okrdesk"
    PlanFile.create(path, "Marketing").close()
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan, clock=StepClock())
        editor.apply(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)))
        editor.apply(ops.CreateUnit("Marketing"))
        before = table_state(path)
        (okrs,) = approved_okrs(read_snapshot(company_plan), "company.okrdesk")
        editor.revert(editor.apply(ops.ImportParentOkrs(okrs)))
        assert table_state(path) == before


def test_a_company_with_departments_of_its_own_keeps_its_place(company_plan, department):
    editor, _ = department  # "Northstar Ltd" with Sales below it
    (okrs,) = approved_okrs(read_snapshot(company_plan), "company.okrdesk")
    change = editor.apply(ops.ImportParentOkrs(okrs))
    assert [n.message_id for n in change.notices] == ["notice.parent_imported"]
    assert read(editor, select(OrgUnit.name).where(OrgUnit.parent_id.is_(None))) == [
        ("Northstar Ltd",)
    ]

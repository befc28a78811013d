"""Set-up that fills itself in: a cycle's dates from its name, a new unit's level from its
parent, the organisation renamed (undoable), round default timeboxes (Qt-free)."""

from datetime import date

import pytest

from okrdesk.engine import ops
from okrdesk.engine.agenda import MEETING_MINUTES, default_timeboxes
from okrdesk.engine.aspects import Aspect
from okrdesk.engine.cycle_names import cycle_dates
from okrdesk.engine.setup_ops import default_child_level, levels_below
from okrdesk.engine.setup_view import setup_view
from okrdesk.errors import RuleError, ValidationError
from okrdesk.models import OrgUnit, Phase, UnitLevel

Q3 = (date(2027, 7, 1), date(2027, 9, 30))
H1 = (date(2027, 1, 1), date(2027, 6, 30))
H2 = (date(2027, 7, 1), date(2027, 12, 31))


@pytest.mark.parametrize(
    ("name", "dates"),
    [
        ("2027-Q3", Q3),
        ("2027 Q3", Q3),
        ("2027Q3", Q3),
        ("q3 2027", Q3),
        ("Q3-2027", Q3),
        ("2027年Q3", Q3),
        ("2027年第三季度", Q3),
        ("2027年第3季度", Q3),
        ("2027年三季度", Q3),
        ("２０２７年第３季度", Q3),  # full-width digits, as a Chinese input method types them
        ("2027年第三季度 OKR", Q3),
        ("2027-Q1", (date(2027, 1, 1), date(2027, 3, 31))),
        ("2027-Q4", (date(2027, 10, 1), date(2027, 12, 31))),
        ("2028年第一季度", (date(2028, 1, 1), date(2028, 3, 31))),
        ("2028-Q2", (date(2028, 4, 1), date(2028, 6, 30))),
        ("2027H1", H1),
        ("2027-H2", H2),
        ("H2 2027", H2),
        ("2027年上半年", H1),
        ("2027年下半年", H2),
        ("2027", (date(2027, 1, 1), date(2027, 12, 31))),
        ("2027年度", (date(2027, 1, 1), date(2027, 12, 31))),
    ],
)
def test_a_cycle_named_for_a_period_gets_its_dates(name, dates):
    assert cycle_dates(name) == dates


@pytest.mark.parametrize(
    "name", ["", "Spring push", "2027-Q5", "2027-13", "第三季度", "Q3", "H3 2027", "12345"]
)
def test_a_name_that_names_no_period_gives_no_dates(name):
    assert cycle_dates(name) is None


def test_default_timeboxes_are_round_and_add_up_to_the_seed_meetings():
    assert sum(default_timeboxes(UnitLevel.COMPANY).values()) == 4 * 60  # half a day
    assert sum(default_timeboxes(UnitLevel.DEPARTMENT).values()) == 2 * 60  # about two hours
    for level in UnitLevel:
        minutes = default_timeboxes(level)
        assert set(minutes) == set(Phase)
        assert all(m > 0 and m % 5 == 0 for m in minutes.values()), minutes
        assert sum(minutes.values()) == MEETING_MINUTES[level]
    company = default_timeboxes(UnitLevel.COMPANY)
    assert company[Phase.BRAINSTORM] == company[Phase.GROUP] == 60


def test_a_new_unit_gets_the_level_below_its_parent_by_default(room):
    assert default_child_level(None) is UnitLevel.COMPANY
    assert default_child_level(UnitLevel.COMPANY) is UnitLevel.DEPARTMENT
    assert default_child_level(UnitLevel.DEPARTMENT) is UnitLevel.TEAM
    assert default_child_level(UnitLevel.TEAM) is UnitLevel.PERSON
    assert default_child_level(UnitLevel.PERSON) is None
    assert levels_below(UnitLevel.DEPARTMENT) == (UnitLevel.TEAM, UnitLevel.PERSON)
    department = room.do(ops.CreateUnit("设计部", room.company))
    # A person reporting straight to the department, given as such.
    person = room.do(ops.CreateUnit("宋宇", department, UnitLevel.PERSON))
    with room.editor.plan.reader() as session:
        assert session.get(OrgUnit, department).level is UnitLevel.DEPARTMENT
        assert session.get(OrgUnit, person).level is UnitLevel.PERSON
    with pytest.raises(RuleError) as refused:
        room.do(ops.CreateUnit("Another company", department, UnitLevel.COMPANY))
    assert refused.value.message_id == "rule.unit_level_below_parent"
    with pytest.raises(RuleError):
        room.do(ops.CreateUnit("Same level", department, UnitLevel.DEPARTMENT))


def test_the_organisation_can_be_renamed_and_the_rename_undone(room):
    def organisation() -> str:
        view = room.editor.view(setup_view, room.workshop)
        assert view is not None
        return view.organisation

    before = organisation()
    change = room.editor.apply(ops.RenameOrganisation("  北极星科技  "))
    assert organisation() == "北极星科技"
    assert change.touches(Aspect.PLAN)
    assert change.label("zh_CN") == "重命名组织" and change.label("en") == "Rename organisation"
    room.editor.revert(change)
    assert organisation() == before
    with pytest.raises(ValidationError):
        room.do(ops.RenameOrganisation("   "))

"""The template library: every role in both languages, measurable, inserted into a workshop."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.templates import DUE_POINTS, due_date, role_templates
from okrdesk.errors import RuleError
from okrdesk.models import KeyResult, Objective

ROLES = [
    "marketing.lead_generation",
    "marketing.online",
    "marketing.content",
    "marketing.pr",
    "marketing.community",
    "marketing.product_marketing",
    "marketing.business_development",
    "design.lead",
    "design.product",
    "sales",
    "engineering",
    "hr",
    "customer_success",
]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_role_is_there_in_both_languages(language):
    assert [role.id for role in role_templates(language)] == ROLES


def number_in(text, value):
    digits = format(value, "g") if isinstance(value, float) else str(value)
    return digits in text.replace(",", "")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_key_results_are_measurable_and_dated(language):
    for role in role_templates(language):
        assert 2 <= len(role.objectives) <= 3, role.id
        for objective in role.objectives:
            assert not re.search(r"\d", objective.title), objective.title
            assert 2 <= len(objective.key_results) <= 5
            for kr in objective.key_results:
                assert kr.due in DUE_POINTS
                if kr.kind.value == "metric":
                    assert number_in(kr.title, kr.target), kr.title


def test_chinese_templates_are_chinese():
    for role in role_templates("zh_CN"):
        assert re.search(r"[\u4e00-\u9fff]", role.name)
        for objective in role.objectives:
            assert re.search(r"[\u4e00-\u9fff]", objective.title)


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        ("month1", date(2027, 1, 31)),
        ("mid", date(2027, 2, 14)),
        ("month2", date(2027, 2, 28)),
        ("end", date(2027, 3, 31)),
    ],
)
def test_due_points_fall_inside_the_cycle(due, expected):
    assert due_date(date(2027, 1, 1), date(2027, 3, 31), due) == expected


def test_inserting_a_template_adds_a_card_an_objective_and_dated_key_results(room):
    objective_id = room.do(
        ops.InsertTemplate(room.workshop, "marketing.lead_generation", 0, "zh_CN")
    )
    template = role_templates("zh_CN")[0].objectives[0]
    with room.editor.plan.reader() as session:
        objective = session.get(Objective, objective_id)
        assert objective.title == template.title
        assert [i.text for i in objective.ideas] == [template.title]
        krs = session.scalars(select(KeyResult).where(KeyResult.objective_id == objective_id)).all()
    assert [kr.title for kr in krs] == [kr.title for kr in template.key_results]
    assert all(date(2027, 1, 1) <= kr.deadline <= date(2027, 3, 31) for kr in krs)


def test_an_unknown_template_is_refused(room):
    with pytest.raises(RuleError):
        room.do(ops.InsertTemplate(room.workshop, "astronaut", 0, "en"))
    with pytest.raises(RuleError):
        room.do(ops.InsertTemplate(room.workshop, "sales", 9, "en"))

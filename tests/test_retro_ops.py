"""The retrospective: started on approved OKRs (one per unit and cycle), the four questions
one at a time, answers like cards (edited, deleted, grouped), all undone exactly; its view."""

import sqlite3

import pytest

from okrdesk.engine import ops
from okrdesk.engine.aspects import Aspect
from okrdesk.engine.carry_over import MarkToCarry
from okrdesk.engine.retro_ops import (
    AddRetroAnswer,
    AddRetroGroup,
    DeleteRetroAnswer,
    DeleteRetroGroup,
    EditRetroAnswer,
    MoveRetroAnswer,
    RenameRetroGroup,
    ShowRetroQuestion,
    StartRetrospective,
)
from okrdesk.engine.retro_view import RetrospectiveView, retrospective_view
from okrdesk.errors import RuleError, ValidationError
from okrdesk.messages import translate
from okrdesk.models import Participant, RetroQuestion, Workshop
from tests.checkin_plan import CANDIDATE, Approved
from tests.conftest import counting
from tests.quarter_fixtures import approved_plan  # noqa: F401 (the fixture)

WHY, IMPROVE, RESOURCES, STOP = RetroQuestion


@pytest.fixture
def started(plan: Approved) -> Approved:
    plan.do(StartRetrospective(plan.workshop))
    return plan


def view(plan: Approved) -> RetrospectiveView:
    shown = plan.editor.view(retrospective_view, plan.workshop)
    assert shown is not None
    return shown


def texts(plan: Approved, question: RetroQuestion) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """A question's loose answers and its groups with their answers, as the view orders them."""
    shown = view(plan).questions[question.number - 1]
    assert shown.question == question
    return [a.text for a in shown.loose], [
        (g.title, [a.text for a in g.answers]) for g in shown.groups
    ]


def people(plan: Approved) -> list[int]:
    with plan.editor.plan.reader() as session:
        return [p.id for p in session.query(Participant).order_by(Participant.id)]


def test_the_four_questions_are_the_seeds_in_both_languages_in_order():
    assert [q.number for q in RetroQuestion] == [1, 2, 3, 4]
    assert [translate(q.message_id, "zh_CN") for q in RetroQuestion] == [
        "为什么我们没有实现这个目标？",
        "我们如何在下一个周期中改善这个问题？",
        "哪些资源可以帮助我们实现这一目标？",
        "在下一个周期中，有什么我们必须少做或不做的吗？",
    ]
    assert [translate(q.message_id, "en") for q in RetroQuestion] == [
        "Why did we not reach this objective?",
        "How do we improve on this in the next cycle?",
        "Which resources would help us reach this objective?",
        "What must we do less of, or stop, in the next cycle?",
    ]


def test_before_the_start_there_is_no_retrospective_and_answers_are_refused(plan):
    before = view(plan)
    assert (before.started, before.current, before.on_projector, before.can_start) == (
        False,
        None,
        None,
        True,
    )
    assert [q.count for q in before.questions] == [0, 0, 0, 0]
    with pytest.raises(RuleError) as refused:
        plan.do(AddRetroAnswer(plan.workshop, WHY, "too early"))
    assert refused.value.message_id == "rule.retro_not_started"
    assert "Management meeting" in refused.value.message("zh_CN")


def test_starting_puts_the_room_on_the_first_question_once_per_unit_and_cycle(plan):
    change = plan.editor.apply(StartRetrospective(plan.workshop))
    assert change.aspects == {Aspect.RETROSPECTIVE} and change.workshops == {plan.workshop}
    shown = view(plan)
    assert shown.started and shown.current == WHY and not shown.can_start
    assert shown.on_projector is not None and shown.on_projector.question == WHY
    assert (shown.unit, shown.cycle) == ("Northstar", "2027-Q1")
    with pytest.raises(RuleError) as again:
        plan.do(StartRetrospective(plan.workshop))
    assert again.value.message_id == "rule.retro_already_there"


def test_only_approved_okrs_have_a_retrospective(plan):
    with plan.editor.plan.reader() as session:
        home = session.get(Workshop, plan.workshop)
        unit, cycle = home.unit_id, home.cycle_id
    other = plan.do(ops.CreateWorkshop(unit, cycle, "Second try"))
    with pytest.raises(RuleError) as refused:
        plan.do(StartRetrospective(other))
    assert refused.value.message_id == "rule.retro_not_approved"
    assert "Second try" in refused.value.message("en")


def test_answers_are_added_like_cards_by_someone_or_anonymous_about_an_objective(started):
    plan = started
    ana = people(plan)[0]
    delivery = plan.objectives["Faster delivery"]
    first = plan.editor.apply(
        AddRetroAnswer(plan.workshop, WHY, "仓库搬迁拖了三周", author_id=ana, objective_id=delivery)
    )
    assert first.aspects == {Aspect.RETROSPECTIVE} and first.workshops == {plan.workshop}
    plan.do(AddRetroAnswer(plan.workshop, WHY, "  Too many priorities  "))
    plan.do(AddRetroAnswer(plan.workshop, STOP, "Fewer status meetings"))
    shown = view(plan)
    (one, two) = shown.questions[0].loose
    assert (one.text, one.author, one.objective_id, one.objective) == (
        "仓库搬迁拖了三周",
        "Ana",
        delivery,
        "Faster delivery",
    )
    assert (two.text, two.author, two.objective) == ("Too many priorities", None, None)
    assert [q.count for q in shown.questions] == [2, 0, 0, 1]
    # Objectives an answer may be about: the selected first, then the candidates.
    assert [o.title for o in shown.objectives] == ["Faster delivery", "更多客户", CANDIDATE]


def test_answers_are_checked(started):
    plan = started
    for bad, message in (
        (AddRetroAnswer(plan.workshop, WHY, "   "), "validation.empty"),
        (AddRetroAnswer(plan.workshop, WHY, "x" * 201), "validation.too_long"),
        (AddRetroAnswer(plan.workshop, "why_not", "text"), "validation.bad_choice"),
    ):
        with pytest.raises(ValidationError) as refused:
            plan.do(bad)
        assert refused.value.message_id == message
        assert refused.value.message("zh_CN") != refused.value.message("en")
    other = plan.do(ops.CreateWorkshop(1, 1, "Elsewhere"))
    stranger = plan.do(ops.AddParticipant(other, "Stranger"))
    for wrong in (
        AddRetroAnswer(plan.workshop, WHY, "text", author_id=stranger),
        AddRetroAnswer(
            plan.workshop, WHY, "text", objective_id=plan.do(ops.CreateObjective(other, "Theirs"))
        ),
    ):
        with pytest.raises(RuleError) as refused:
            plan.do(wrong)
        assert refused.value.message_id == "rule.wrong_workshop"


def test_answers_are_edited_and_deleted(started):
    plan = started
    ana = people(plan)[0]
    answer = plan.do(AddRetroAnswer(plan.workshop, IMPROVE, "Weekly check-ins", author_id=ana))
    plan.do(
        EditRetroAnswer(
            answer, "Weekly check-ins, 15 minutes", objective_id=plan.objectives["更多客户"]
        )
    )
    (edited,) = view(plan).questions[1].loose
    assert (edited.text, edited.author, edited.objective) == (
        "Weekly check-ins, 15 minutes",
        "Ana",
        "更多客户",
    )
    plan.do(EditRetroAnswer(answer, "Weekly check-ins", author_id=0, objective_id=0))
    (edited,) = view(plan).questions[1].loose
    assert (edited.text, edited.author, edited.objective) == ("Weekly check-ins", None, None)
    plan.do(DeleteRetroAnswer(answer))
    assert view(plan).questions[1].count == 0


def test_answers_are_grouped_under_titles_of_their_own_question(started):
    plan = started
    a, b, c = (plan.do(AddRetroAnswer(plan.workshop, RESOURCES, t)) for t in ("A", "B", "C"))
    stop = plan.do(AddRetroAnswer(plan.workshop, STOP, "S"))
    people_group = plan.do(AddRetroGroup(plan.workshop, RESOURCES, "People"))
    tools = plan.do(AddRetroGroup(plan.workshop, RESOURCES, "Tools"))
    plan.do(MoveRetroAnswer(c, people_group))
    plan.do(MoveRetroAnswer(a, people_group, index=0))
    plan.do(MoveRetroAnswer(b, tools))
    assert texts(plan, RESOURCES) == ([], [("People", ["A", "C"]), ("Tools", ["B"])])
    with pytest.raises(RuleError) as refused:
        plan.do(MoveRetroAnswer(stop, tools))
    assert refused.value.message_id == "rule.retro_other_question"
    plan.do(RenameRetroGroup(tools, "工具"))
    plan.do(MoveRetroAnswer(c, None))
    assert texts(plan, RESOURCES) == (["C"], [("People", ["A"]), ("工具", ["B"])])
    # Deleting a group keeps its answers: loose again, after the loose ones.
    plan.do(DeleteRetroGroup(people_group))
    assert texts(plan, RESOURCES) == (["C", "A"], [("工具", ["B"])])
    assert texts(plan, STOP) == (["S"], [])


def test_the_room_is_put_on_one_question_at_a_time(started):
    plan = started
    plan.do(AddRetroAnswer(plan.workshop, IMPROVE, "Pair on the hard KRs"))
    change = plan.editor.apply(ShowRetroQuestion(plan.workshop, IMPROVE))
    assert (
        change.label(  # the undo menu names the question
            "en"
        )
        == "Show question 2"
        and change.label("zh_CN") == "显示第 2 个问题"
    )
    shown = view(plan)
    assert shown.current == IMPROVE
    assert shown.on_projector is not None
    assert [a.text for a in shown.on_projector.loose] == ["Pair on the hard KRs"]
    plan.editor.revert(change)
    assert view(plan).current == WHY


def test_every_step_is_undone_exactly(plan):
    ana = people(plan)[0]
    states = [plan.state()]
    changes = []

    def step(operation) -> int:
        change = plan.editor.apply(operation)
        changes.append(change)
        states.append(plan.state())
        return change.result

    step(StartRetrospective(plan.workshop))
    one = step(AddRetroAnswer(plan.workshop, WHY, "one", author_id=ana))
    two = step(AddRetroAnswer(plan.workshop, WHY, "two"))
    group = step(AddRetroGroup(plan.workshop, WHY, "G"))
    step(MoveRetroAnswer(two, group))
    step(MoveRetroAnswer(one, group, index=0))
    step(EditRetroAnswer(one, "one!", author_id=0))
    step(RenameRetroGroup(group, "G2"))
    step(ShowRetroQuestion(plan.workshop, STOP))
    step(DeleteRetroGroup(group))
    step(DeleteRetroAnswer(two))
    for change, before in zip(reversed(changes), reversed(states[:-1]), strict=True):
        plan.editor.revert(change)
        assert plan.state() == before


def test_the_view_reads_each_table_once_however_many_answers(started):
    plan = started
    plan.do(AddRetroAnswer(plan.workshop, WHY, "first"))
    with counting() as small:
        view(plan)
    with plan.editor.batch("op.add_retro_answer"):
        for number in range(60):
            question = list(RetroQuestion)[number % 4]
            answer = plan.do(AddRetroAnswer(plan.workshop, question, f"answer {number}"))
            if number % 3 == 0:
                group = plan.do(AddRetroGroup(plan.workshop, question, f"group {number}"))
                plan.do(MoveRetroAnswer(answer, group))
    with counting() as large:
        shown = view(plan)
    assert sum(q.count for q in shown.questions) == 61
    assert len(large) == len(small) and len([s for s in large if s.startswith("SELECT")]) == 4


def test_an_answers_objective_deleted_after_a_reopening_leaves_the_answer_and_undo_restores_it(
    started,
):
    plan = started
    candidate = plan.objectives[CANDIDATE]
    answer = plan.do(
        AddRetroAnswer(plan.workshop, WHY, "We never chose it", objective_id=candidate)
    )
    plan.do(ops.ReopenWorkshop(plan.workshop, "Fix a typo"))
    before = plan.state()
    change = plan.editor.apply(ops.DeleteObjective(candidate, confirm=True))
    (kept,) = view(plan).questions[0].loose
    assert (kept.id, kept.objective_id, kept.objective) == (answer, None, None)
    assert Aspect.RETROSPECTIVE in change.aspects
    plan.editor.revert(change)
    assert plan.state() == before
    assert view(plan).questions[0].loose[0].objective == CANDIDATE


def test_an_imported_copy_holds_no_retrospective_here(plan):
    db = sqlite3.connect(plan.path)
    db.execute("UPDATE workshop SET imported_from = 'company.okrdesk'")
    db.commit()
    db.close()
    shown = view(plan)
    assert shown.imported and not shown.can_start
    for operation in (
        StartRetrospective(plan.workshop),
        MarkToCarry(plan.objectives["更多客户"]),
    ):
        with pytest.raises(RuleError) as refused:
            plan.do(operation)
        assert refused.value.message_id == "rule.imported_read_only"
        assert "company.okrdesk" in refused.value.message("zh_CN")


def test_a_second_approved_workshop_of_the_unit_and_cycle_gets_no_second_retrospective(started):
    plan = started
    with plan.editor.plan.reader() as session:
        home = session.get(Workshop, plan.workshop)
        unit, cycle = home.unit_id, home.cycle_id
    other = plan.do(ops.CreateWorkshop(unit, cycle, "Second meeting"))
    db = sqlite3.connect(plan.path)  # as if it had been signed off too
    db.execute("UPDATE workshop SET locked = 1 WHERE id = ?", (other,))
    db.commit()
    db.close()
    with pytest.raises(RuleError) as refused:
        plan.do(StartRetrospective(other))
    assert refused.value.message_id == "rule.retro_already_there"
    assert "Management meeting" in refused.value.message("zh_CN")


def test_an_anonymous_workshop_shows_no_authors(started):
    plan = started
    plan.do(AddRetroAnswer(plan.workshop, WHY, "Named", author_id=people(plan)[0]))
    db = sqlite3.connect(plan.path)
    db.execute("UPDATE workshop SET anonymous = 1")
    db.commit()
    db.close()
    (answer,) = view(plan).questions[0].loose
    assert (answer.text, answer.author) == ("Named", None)

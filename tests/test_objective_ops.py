"""Grouping operations: objectives made from cards, renamed, merged, split, moved, deleted."""

from datetime import date

import pytest
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.errors import ConfirmationNeededError, RuleError, ValidationError
from okrdesk.models import Alignment, Idea, KeyResult, Objective, Phase


def read(room, entity, **where):
    with room.editor.plan.reader() as session:
        query = select(entity)
        for name, value in where.items():
            query = query.where(getattr(entity, name) == value)
        return session.scalars(query).all()


def titles(room):
    rows = read(room, Objective, workshop_id=room.workshop)
    return [o.title for o in sorted(rows, key=lambda o: o.position)]


def test_a_card_becomes_an_objective_with_its_text_and_joins_it(room):
    card = room.idea("成为中型企业的首选")
    objective = room.do(ops.MakeObjectiveFromIdea(card))
    assert titles(room) == ["成为中型企业的首选"]
    assert read(room, Idea, id=card)[0].objective_id == objective


def test_a_card_too_long_for_an_objective_is_refused_clearly(room):
    # A card holds what an objective holds (200); one saved longer when the limit was 500
    # (an F2 edit allowed it) is refused clearly when it is made an objective.
    card = room.idea("长")
    with room.editor.plan.transaction() as session:
        session.get(Idea, card).text = "长" * 300
    with pytest.raises(ValidationError) as refused:
        room.do(ops.MakeObjectiveFromIdea(card))
    assert refused.value.params["limit"] == 200
    with pytest.raises(ValidationError) as refused:
        room.idea("长" * 201)
    assert refused.value.params["limit"] == 200


def test_rename_and_move(room):
    a, b, c = room.objective("A"), room.objective("B"), room.objective("C")
    room.do(ops.RenameObjective(b, "Bee"))
    room.do(ops.MoveObjective(c, 0))
    assert titles(room) == ["C", "A", "Bee"]
    room.do(ops.MoveObjective(c, 99))
    assert titles(room) == ["A", "Bee", "C"]
    assert a


def test_delete_puts_cards_back_on_the_wall(room):
    objective = room.objective("Empty group")
    card = room.idea("card")
    room.do(ops.MoveIdea(card, objective))
    room.do(ops.DeleteObjective(objective))
    assert read(room, Idea, id=card)[0].objective_id is None


def test_deleting_an_objective_with_key_results_needs_confirmation(room):
    objective = room.objective("With KRs", krs=2)
    before = room.state()
    with pytest.raises(ConfirmationNeededError) as asked:
        room.do(ops.DeleteObjective(objective))
    assert asked.value.params["key_results"] == 2
    assert room.state() == before
    room.do(ops.DeleteObjective(objective, confirm=True))
    assert read(room, KeyResult, objective_id=objective) == []


def test_merge_moves_cards_and_key_results_to_the_target(room):
    target, source = room.objective("Leads", krs=1), room.objective("More leads", krs=2)
    card = room.idea("card")
    room.do(ops.MoveIdea(card, source))
    room.do(ops.MergeObjectives(target, (source,)))
    assert titles(room) == ["Leads"]
    krs = sorted(read(room, KeyResult, objective_id=target), key=lambda k: k.position)
    assert [k.position for k in krs] == [0, 1, 2]
    assert read(room, Idea, id=card)[0].objective_id == target


def test_merging_objectives_that_carry_dots_needs_confirmation(room):
    a, b = room.to_voting(["A", "B"])
    room.dots(room.people[0], b, 2)
    with pytest.raises(ConfirmationNeededError) as asked:
        room.do(ops.MergeObjectives(a, (b,)))
    assert asked.value.params == {"dots": 2, "links": 0}
    room.do(ops.MergeObjectives(a, (b,), confirm=True))
    assert titles(room) == ["A"]


def test_split_takes_cards_and_key_results_into_a_new_objective_after_the_original(room):
    original, other = room.objective("Big group", krs=2), room.objective("Other")
    a, b = room.idea("Leads from ads"), room.idea("SEO")
    for card in (a, b):
        room.do(ops.MoveIdea(card, original))
    kr = read(room, KeyResult, objective_id=original)[1].id
    part = room.do(ops.SplitObjective(original, idea_ids=(b,), key_result_ids=(kr,)))
    assert titles(room) == ["Big group", "SEO", "Other"]
    assert read(room, Idea, id=b)[0].objective_id == part
    assert read(room, KeyResult, id=kr)[0].objective_id == part
    assert other


def test_split_refuses_items_of_another_objective(room):
    original, other = room.objective("A"), room.objective("B")
    card = room.idea("x")
    room.do(ops.MoveIdea(card, other))
    with pytest.raises(RuleError):
        room.do(ops.SplitObjective(original, idea_ids=(card,)))


def department(room):
    unit = room.do(ops.CreateUnit("Marketing", room.company))
    workshop = room.do(ops.CreateWorkshop(unit, room.cycle, "Marketing workshop"))
    return unit, workshop


def test_alignment_to_a_parent_objective_and_to_a_parent_key_result(room):
    company_objective = room.objective("Win the mid-market", krs=1)
    parent_kr = read(room, KeyResult, objective_id=company_objective)[0].id
    _unit, workshop = department(room)
    child = room.do(ops.CreateObjective(workshop, "More qualified leads"))
    room.do(ops.AlignObjective(child, parent_objective_id=company_objective))
    assert read(room, Alignment, objective_id=child)[0].parent_objective_id == company_objective
    room.do(ops.AlignObjective(child, parent_key_result_id=parent_kr))
    link = read(room, Alignment, objective_id=child)[0]
    assert (link.parent_objective_id, link.parent_key_result_id) == (None, parent_kr)
    room.do(ops.AlignObjective(child))
    assert read(room, Alignment, objective_id=child) == []


def test_alignment_must_point_up_the_tree_within_the_cycle(room):
    company_objective = room.objective("Company")
    _unit, workshop = department(room)
    child = room.do(ops.CreateObjective(workshop, "Dept"))
    with pytest.raises(RuleError) as refused:
        room.do(ops.AlignObjective(company_objective, parent_objective_id=child))
    assert refused.value.message_id == "rule.align_not_ancestor"
    cycle2 = room.do(ops.CreateCycle("2027-Q2", date(2027, 4, 1), date(2027, 6, 30)))
    unit2 = room.do(ops.CreateUnit("Sales", room.company))
    later = room.do(ops.CreateWorkshop(unit2, cycle2, "Sales Q2"))
    later_objective = room.do(ops.CreateObjective(later, "Q2 thing"))
    with pytest.raises(RuleError) as refused:
        room.do(ops.AlignObjective(later_objective, parent_objective_id=company_objective))
    assert refused.value.message_id == "rule.align_other_cycle"


def test_deleting_a_parent_objective_with_aligned_children_needs_confirmation(room):
    parent = room.objective("Parent")
    _unit, workshop = department(room)
    child = room.do(ops.CreateObjective(workshop, "Child"))
    room.do(ops.AlignObjective(child, parent_objective_id=parent))
    with pytest.raises(ConfirmationNeededError) as asked:
        room.do(ops.DeleteObjective(parent))
    assert asked.value.params["children"] == 1


def test_operations_on_a_workshop_in_setup_work_for_pre_meeting_preparation(room):
    assert room.do(ops.AddIdea(room.workshop, "collected before the meeting"))
    room.go(Phase.BRAINSTORM)


def test_deleting_a_parent_key_result_asks_and_a_locked_child_refuses(room):
    from okrdesk.models import Decision

    parent = room.objective("Company", krs=1)
    parent_kr = read(room, KeyResult, objective_id=parent)[0].id
    _unit, workshop = department(room)
    child = room.do(ops.CreateObjective(workshop, "Dept"))
    room.do(ops.AlignObjective(child, parent_key_result_id=parent_kr))
    with pytest.raises(ConfirmationNeededError) as asked:
        room.do(ops.DeleteKeyResult(parent_kr))
    assert asked.value.params["children"] == 1
    # Sign the department off: its link must not change under it any more.
    second = room.do(ops.CreateObjective(workshop, "Dept 2"))
    room.do(ops.ChangePhase(workshop, Phase.BRAINSTORM))
    room.do(ops.AddIdea(workshop, "x"))
    room.do(ops.ChangePhase(workshop, Phase.GROUP))
    room.do(ops.ChangePhase(workshop, Phase.VOTE))
    room.do(ops.OpenVoting(workshop))
    room.do(ops.CloseVoting(workshop))
    room.do(ops.RevealTally(workshop))
    room.do(ops.ChangePhase(workshop, Phase.SELECT))
    room.do(ops.ApplySelection(workshop))
    room.do(ops.ChangePhase(workshop, Phase.SIGNOFF))
    room.do(ops.SignOffWorkshop(workshop, Decision.APPROVE, "CEO"))
    before = room.state()
    for deletion in (
        ops.DeleteKeyResult(parent_kr, confirm=True),
        ops.DeleteObjective(parent, confirm=True),
    ):
        with pytest.raises(RuleError) as refused:
            room.do(deletion)
        assert refused.value.message_id == "rule.parent_of_locked"
    assert room.state() == before
    assert second


def test_a_merged_duplicate_cannot_be_split_off_alone(room):
    group = room.objective("G")
    a, b = room.idea("a"), room.idea("b")
    room.do(ops.MoveIdea(a, group))
    room.do(ops.MergeIdeas(a, (b,)))
    with pytest.raises(RuleError):
        room.do(ops.SplitObjective(group, idea_ids=(b,)))


def test_an_unmerged_card_comes_back_last_in_its_group(room):
    group = room.objective("G")
    a, b, c = room.idea("a"), room.idea("b"), room.idea("c")
    for card in (a, b, c):
        room.do(ops.MoveIdea(card, group))
    room.do(ops.MergeIdeas(a, (b,)))
    room.do(ops.UnmergeIdea(b))
    positions = {i.id: i.position for i in read(room, Idea, objective_id=group)}
    assert len(set(positions.values())) == 3 and positions[b] == max(positions.values())


@pytest.mark.parametrize(
    "operation",
    [
        lambda r, o: ops.AddKeyResult(o, ops.KeyResultFields("x", kind="percentage")),
        lambda r, o: ops.ChangePhase(r.workshop, "lunch"),
        lambda r, o: ops.AddKeyResult(o, ops.KeyResultFields("x", commitment="maybe")),
    ],
)
def test_unknown_choices_are_refused_as_validation(room, operation):
    objective = room.objective("O")
    with pytest.raises(ValidationError) as refused:
        room.do(operation(room, objective))
    assert refused.value.message_id == "validation.bad_choice"

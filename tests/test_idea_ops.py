"""Brainstorm operations on a real plan file: cards added, edited, merged, moved, deleted."""

import pytest
from sqlalchemy import select, update

from okrdesk.engine import ops
from okrdesk.engine.aspects import Aspect
from okrdesk.errors import RuleError, ValidationError
from okrdesk.models import Idea, Phase, Workshop


def ideas(room):
    with room.editor.plan.reader() as session:
        return {
            i.id: (i.text, i.author_id, i.objective_id, i.merged_into_id, i.position)
            for i in session.scalars(select(Idea).where(Idea.workshop_id == room.workshop))
        }


def test_an_idea_is_in_the_file_the_moment_it_is_added(room):
    room.go(Phase.BRAINSTORM)
    change = room.editor.apply(ops.AddIdea(room.workshop, "  获得更多市场线索 🚀 ", room.people[2]))
    assert change.ids(Aspect.IDEAS, "insert") == {change.result}
    assert ideas(room)[change.result] == ("获得更多市场线索 🚀", room.people[2], None, None, 0)
    # Read back through a separate connection: the commit is on disk.
    assert ("获得更多市场线索 🚀",) in [row[2:3] for row in room.state()["idea"]]


def test_cards_are_appended_in_order(room):
    first, second = room.idea("one"), room.idea("two")
    positions = ideas(room)
    assert positions[first][4] < positions[second][4]


def test_empty_idea_is_refused_and_nothing_changes(room):
    before = room.state()
    with pytest.raises(ValidationError):
        room.do(ops.AddIdea(room.workshop, "   "))
    assert room.state() == before


def test_an_author_from_another_workshop_is_refused(room):
    other = room.do(ops.CreateWorkshop(room.company, room.cycle, "Other"))
    stranger = room.do(ops.AddParticipant(other, "Stranger"))
    with pytest.raises(RuleError):
        room.do(ops.AddIdea(room.workshop, "text", stranger))


def test_edit_changes_text_and_author_or_makes_anonymous(room):
    idea = room.idea("old", room.people[0])
    room.do(ops.EditIdea(idea, "new", room.people[1]))
    assert ideas(room)[idea][:2] == ("new", room.people[1])
    room.do(ops.EditIdea(idea, "new", 0))
    assert ideas(room)[idea][:2] == ("new", None)


def test_merge_keeps_duplicates_behind_the_target(room):
    target, dup1, dup2 = room.idea("More leads"), room.idea("MORE LEADS"), room.idea("leads!!")
    room.do(ops.MergeIdeas(target, (dup1, dup2)))
    state = ideas(room)
    assert state[dup1][3] == target and state[dup2][3] == target
    assert state[dup1][0] == "MORE LEADS"  # nothing discarded


def test_merging_a_card_into_itself_is_refused(room):
    card = room.idea("x")
    with pytest.raises(RuleError):
        room.do(ops.MergeIdeas(card, (card,)))


def test_merge_chains_follow_the_source_into_the_target_group(room):
    group = room.objective("Group")
    a, b, c = room.idea("a"), room.idea("b"), room.idea("c")
    room.do(ops.MoveIdea(a, group))
    room.do(ops.MergeIdeas(b, (c,)))
    room.do(ops.MergeIdeas(a, (b,)))
    state = ideas(room)
    assert state[b][2:4] == (group, a) and state[c][2:4] == (group, a)


def test_unmerge_brings_the_card_back(room):
    a, b = room.idea("a"), room.idea("b")
    room.do(ops.MergeIdeas(a, (b,)))
    room.do(ops.UnmergeIdea(b))
    assert ideas(room)[b][3] is None
    with pytest.raises(RuleError):
        room.do(ops.UnmergeIdea(b))


def test_deleting_a_card_frees_the_cards_merged_into_it(room):
    a, b = room.idea("a"), room.idea("b")
    room.do(ops.MergeIdeas(a, (b,)))
    room.do(ops.DeleteIdea(a))
    state = ideas(room)
    assert a not in state and state[b][3] is None


def test_move_into_a_group_at_a_position_and_back_to_the_wall(room):
    objective = room.objective("Win the mid-market")
    a, b, c = room.idea("a"), room.idea("b"), room.idea("c")
    room.do(ops.MoveIdea(a, objective))
    room.do(ops.MoveIdea(b, objective))
    room.do(ops.MoveIdea(c, objective, index=0))
    state = ideas(room)
    in_group = sorted((state[i][4], i) for i in (a, b, c))
    assert [i for _, i in in_group] == [c, a, b]
    room.do(ops.MoveIdea(c, None))
    assert ideas(room)[c][2] is None


def test_moving_a_card_takes_its_merged_duplicates_along(room):
    objective = room.objective("O")
    a, b = room.idea("a"), room.idea("b")
    room.do(ops.MergeIdeas(a, (b,)))
    room.do(ops.MoveIdea(a, objective))
    assert ideas(room)[b][2] == objective


def test_a_merged_card_cannot_be_moved_alone(room):
    objective = room.objective("O")
    a, b = room.idea("a"), room.idea("b")
    room.do(ops.MergeIdeas(a, (b,)))
    with pytest.raises(RuleError):
        room.do(ops.MoveIdea(b, objective))


def test_moving_within_a_group_and_onto_the_wall_at_a_place_renumbers_the_rest(room):
    objective = room.objective("O")
    a, b, c, d = (room.idea(text) for text in "abcd")
    for card in (a, b, c):
        room.do(ops.MoveIdea(card, objective))
    room.do(ops.MoveIdea(a, objective, index=2))  # b, c, a
    room.do(ops.MoveIdea(b, None, index=0))  # the wall: b, d

    def order(*cards):
        state = ideas(room)
        return [card for _, card in sorted((state[card][4], card) for card in cards)]

    assert order(a, c) == [c, a]  # the group keeps its order when a card leaves it
    assert order(b, d) == [b, d]
    assert ideas(room)[b][4] == 0 and ideas(room)[d][4] == 1
    room.do(ops.MoveIdea(c, objective, index=99))  # past the end: last
    assert order(a, c) == [a, c]


def refused_alike(room, editor, refusals, in_locked_workshop):
    """Each operation refused with its message, then the last one again once the workshop
    is locked by sign-off; the cards are as they were."""
    before = room.state()["idea"]
    for message_id, operations in refusals.items():
        for operation in operations:
            with pytest.raises(RuleError) as refused:
                room.do(operation)
            assert refused.value.message_id == message_id
    with editor.plan.transaction() as session:
        session.execute(update(Workshop).values(locked=True))
    with pytest.raises(RuleError) as refused:
        room.do(in_locked_workshop)
    assert refused.value.message_id == "rule.locked"
    assert room.state()["idea"] == before


def test_a_move_names_what_is_wrong_and_changes_nothing(room, editor):
    objective = room.objective("O")
    card = room.idea("a")
    other = room.do(ops.CreateWorkshop(room.company, room.cycle, "Elsewhere"))
    elsewhere = room.do(ops.CreateObjective(other, "Not here"))
    refusals = {
        "rule.not_found": (ops.MoveIdea(9999, objective), ops.MoveIdea(card, 9999)),
        "rule.wrong_workshop": (ops.MoveIdea(card, elsewhere),),
    }
    refused_alike(room, editor, refusals, ops.MoveIdea(card, objective))


def test_a_card_added_names_what_is_wrong_and_changes_nothing(room, editor):
    other = room.do(ops.CreateWorkshop(room.company, room.cycle, "Elsewhere"))
    stranger = room.do(ops.AddParticipant(other, "Eve"))
    room.idea("already here")
    refusals = {
        "rule.not_found": (ops.AddIdea(9999, "x"), ops.AddIdea(room.workshop, "x", 9999)),
        "rule.wrong_workshop": (ops.AddIdea(room.workshop, "x", stranger),),
    }
    refused_alike(room, editor, refusals, ops.AddIdea(room.workshop, "x"))


def test_a_card_added_goes_after_every_card_of_its_workshop(room):
    objective = room.objective("O")
    first, second = room.idea("a"), room.idea("b")
    room.do(ops.MoveIdea(first, objective))
    third = room.idea("c")
    positions = ideas(room)
    assert positions[third][4] > max(positions[first][4], positions[second][4])
    assert room.do(ops.AddIdea(room.workshop, "d", room.people[0])) > third

"""A change says what it was about in the workshop's words: aspects, workshops, ids, actor."""

from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor, Aspect
from okrdesk.models import Phase


def test_an_idea_added_touches_ideas_of_its_workshop_only(room):
    room.go(Phase.BRAINSTORM)
    change = room.editor.apply(ops.AddIdea(room.workshop, "甲"))
    assert change.aspects == {Aspect.IDEAS}
    assert change.workshops == {room.workshop}
    assert change.ids(Aspect.IDEAS) == {change.result}
    assert change.ids(Aspect.IDEAS, "insert") == {change.result}
    assert change.ids(Aspect.IDEAS, "delete") == set()
    assert change.actor is Actor.FACILITATOR
    assert change.about(room.workshop) and not change.about(room.workshop + 1)


def test_a_phase_move_is_the_phase_not_the_workshops_settings(room):
    change = room.editor.apply(ops.ChangePhase(room.workshop, Phase.BRAINSTORM))
    assert Aspect.PHASE in change.aspects
    assert Aspect.WORKSHOPS not in change.aspects
    settings = room.editor.apply(ops.UpdateWorkshopSettings(room.workshop, selection_size=2))
    assert settings.aspects == {Aspect.WORKSHOPS}


def test_rows_without_a_workshop_column_find_it_through_their_parents(room):
    objectives = room.to_voting(["A", "B"], krs=0)
    kr = room.editor.apply(
        ops.AddKeyResult(objectives[0], ops.KeyResultFields("KR reaches 10", target=10))
    )
    assert kr.aspects == {Aspect.KEY_RESULTS} and kr.workshops == {room.workshop}
    dot = room.editor.apply(ops.CastDot(room.workshop, room.people[0], objectives[0]))
    assert Aspect.DOTS in dot.aspects and dot.workshops == {room.workshop}


def test_undo_keeps_the_workshop_and_the_actor(room):
    room.go(Phase.BRAINSTORM)
    change = room.editor.apply(ops.AddIdea(room.workshop, "乙"), actor=Actor.BOOTH)
    undone = room.editor.revert(change)
    assert undone.aspects == {Aspect.IDEAS}
    assert undone.workshops == {room.workshop}
    assert undone.actor is Actor.BOOTH
    assert undone.ids(Aspect.IDEAS, "delete") == {change.result}


def test_a_batch_names_its_actor_and_workshops(room):
    room.go(Phase.BRAINSTORM)
    with room.editor.batch("op.generic", actor=Actor.PHONE) as batch:
        room.editor.apply(ops.AddIdea(room.workshop, "丙"))
        room.editor.apply(ops.AddIdea(room.workshop, "丁"))
    assert batch.change is not None
    assert batch.change.actor is Actor.PHONE
    assert batch.change.workshops == {room.workshop}
    assert len(batch.change.ids(Aspect.IDEAS)) == 2

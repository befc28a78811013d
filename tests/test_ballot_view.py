"""The booth's views: names, one person's ballot and its limits, the paper tally (no Qt).

The ballot view's limits are checked against the operations themselves: whatever a person
does, a dot the view offers is taken and a dot it does not offer is refused.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrdesk.engine import ops
from okrdesk.engine.ballot_view import ballot_view, booth_view, paper_tally_view
from okrdesk.errors import RuleError


def ballot(room: Any, person: int) -> Any:
    return room.editor.view(ballot_view, room.workshop, person)


def test_a_main_vote_ballot_shows_the_workshops_budget_and_cap(room: Any) -> None:
    a, b, c = room.to_voting(["A", "B", "C"], krs=2)
    ana = room.people[0]
    room.dots(ana, b, 2)
    view = ballot(room, ana)
    assert (view.budget, view.cap, view.placed, view.dots_left) == (5, 3, 2, 3)
    assert (view.runoff, view.accepting, view.handed_in, view.round_number) == (
        False,
        True,
        False,
        1,
    )
    assert [(x.title, x.dots) for x in view.lines] == [("A", 0), ("B", 2), ("C", 0)]
    assert view.line(a).key_results == ("A: KR 1 reaches 10", "A: KR 2 reaches 20")
    assert view.line(c).can_add and not view.line(c).can_take_back
    assert view.line(b).can_take_back
    assert view.name == "Ana"


def test_a_run_off_ballot_gives_one_dot_per_open_seat_one_per_item(room: Any) -> None:
    a, b, c, d = room.to_voting(["A", "B", "C", "D"], krs=0)
    ana, bo, chen, _dee = room.people
    room.dots(ana, a, 3)
    room.dots(bo, b, 2)
    room.dots(chen, c, 2)
    room.dots(chen, d, 2)
    room.close_and_reveal()  # A in, B C D tied for two seats
    room.do(ops.StartRunoff(room.workshop))
    view = ballot(room, ana)
    assert (view.runoff, view.budget, view.cap, view.dots_left) == (True, 2, 1, 2)
    assert [x.title for x in view.lines] == ["B", "C", "D"]
    room.dots(ana, b, 1)
    view = ballot(room, ana)
    assert not view.line(b).can_add and view.line(c).can_add and view.dots_left == 1


def test_a_handed_in_ballot_takes_no_more_dots(room: Any) -> None:
    a, _b = room.to_voting(["A", "B"], krs=0)
    ana = room.people[0]
    room.dots(ana, a, 1)
    room.do(ops.ConfirmBallot(room.workshop, ana))
    view = ballot(room, ana)
    assert view.handed_in and not view.accepting
    assert not any(x.can_add or x.can_take_back for x in view.lines)


def test_no_ballot_without_a_round_or_for_someone_else(room: Any) -> None:
    assert ballot(room, room.people[0]) is None
    room.to_voting(["A", "B"], krs=0)
    assert ballot(room, 999_999) is None


def test_the_booth_lists_names_and_ticks_handed_in_ballots(room: Any) -> None:
    booth = room.editor.view(booth_view, room.workshop)
    assert booth.round_number is None and not booth.open
    a, _b = room.to_voting(["A", "B"], krs=0)
    room.dots(room.people[1], a, 1)
    room.do(ops.ConfirmBallot(room.workshop, room.people[1]))
    booth = room.editor.view(booth_view, room.workshop)
    assert booth.open and booth.round_number == 1
    assert [(p.name, p.voted) for p in booth.people] == [
        ("Ana", False),
        ("Bo", True),
        ("陈", False),
        ("Dee", False),
    ]


def test_the_paper_tally_lists_the_open_rounds_counts(room: Any) -> None:
    assert room.editor.view(paper_tally_view, room.workshop) is None
    a, b = room.to_voting(["A", "B"], krs=0)
    room.do(ops.SetPaperTally(room.workshop, b, 7))
    view = room.editor.view(paper_tally_view, room.workshop)
    assert [(r.objective_id, r.title, r.count) for r in view.rows] == [(a, "A", 0), (b, "B", 7)]
    room.do(ops.CloseVoting(room.workshop))
    assert room.editor.view(paper_tally_view, room.workshop) is None


STEPS = st.lists(
    st.tuples(
        st.sampled_from(["add", "add", "add", "take_back", "hand_in", "redo"]),
        st.integers(0, 1),  # who
        st.integers(0, 3),  # which objective
    ),
    max_size=25,
)


@pytest.fixture(params=["main", "runoff"])
def voting_room(request: pytest.FixtureRequest, room: Any) -> tuple[Any, list[int]]:
    room.do(ops.UpdateWorkshopSettings(room.workshop, dot_budget=4, dot_cap=2))
    objectives = room.to_voting(["A", "B", "C", "D"], krs=0)
    if request.param == "runoff":
        ana, bo, chen, _dee = room.people
        a, b, c, d = objectives
        room.dots(ana, a, 2)
        room.dots(bo, b, 1)
        room.dots(chen, c, 1)
        room.dots(chen, d, 1)
        room.close_and_reveal()  # A in; B, C, D tied for two seats
        room.do(ops.StartRunoff(room.workshop))
    return room, objectives


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
def test_the_ballot_offers_exactly_the_dots_the_engine_takes(
    voting_room: tuple[Any, list[int]], steps: list[tuple[str, int, int]]
) -> None:
    room, objectives = voting_room
    people = room.people[:2]
    for person in people:  # every example starts from empty ballots
        view = ballot(room, person)
        if view.handed_in:
            room.do(ops.RedoBallot(room.workshop, person))
        else:
            room.do(ops.ClearDots(room.workshop, person))
    for action, who, which in steps:
        person, objective = people[who], objectives[which]
        view = ballot(room, person)
        line = view.line(objective)
        assert view.dots_left == view.budget - view.placed >= 0
        if action in ("add", "take_back"):
            offered = (
                False if line is None else (line.can_add if action == "add" else line.can_take_back)
            )
            operation = ops.CastDot if action == "add" else ops.WithdrawDot
            try:
                room.do(operation(room.workshop, person, objective))
                taken = True
            except RuleError:
                taken = False
            assert taken == offered, (action, view)
            after = ballot(room, person)
            assert after.placed == view.placed + (0 if not taken else 1 if action == "add" else -1)
            if action == "add" and line is not None and not offered and view.accepting:
                # Refused for a reason the view shows: no dots left, or the item at the cap.
                assert view.dots_left == 0 or line.dots >= view.cap
        elif action == "hand_in" and not view.handed_in:
            room.do(ops.ConfirmBallot(room.workshop, person))
            assert ballot(room, person).handed_in
        elif action == "redo" and view.handed_in:
            room.do(ops.RedoBallot(room.workshop, person))
            assert ballot(room, person).placed == 0

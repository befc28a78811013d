"""The room view: what the projector (later the phones too) shows, per phase, as plain data."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event

from okrdesk.engine import ops
from okrdesk.engine.room_view import (
    RoomShows,
    RoomView,
    SeatStatus,
    SignoffStatus,
    TieState,
    room_view,
)
from okrdesk.models import Decision, Phase

LATER = datetime(2026, 12, 14, 3, 0, tzinfo=UTC)  # after every step of the rooms' StepClock


def view(room: Any, presented: int | None = None, now: datetime = LATER) -> RoomView:
    shown = room.editor.view(room_view, room.workshop, now, presented)
    assert shown is not None
    return shown


def as_json(shown: RoomView) -> str:
    """The view as the room server will send it: it must serialise without help."""
    return json.dumps(dataclasses.asdict(shown), ensure_ascii=False, sort_keys=True)


def only_tuples(value: Any) -> bool:
    """Frozen all the way down: dataclasses and tuples, never a list or a dict."""
    if isinstance(value, list | dict | set):
        return False
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return all(only_tuples(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, tuple):
        return all(only_tuples(item) for item in value)
    return True


def tied_vote(room: Any) -> list[int]:
    """Three seats: A clearly in (3 dots), B, C and D tied at 1 for the last two; E none."""
    objectives = room.to_voting(["A", "B", "C", "D", "E"], krs=1)
    a, b, c, d, _e = objectives
    ana, bo, chen, _dee = room.people
    room.dots(ana, a, 3)
    room.dots(bo, b, 1)
    room.dots(chen, c, 1)
    room.dots(bo, d, 1)
    room.close_and_reveal()
    return objectives


def test_the_wall_shows_cards_with_authors_unless_anonymous(room: Any) -> None:
    room.go(Phase.BRAINSTORM)
    ana, bo = room.people[:2]
    first = room.idea("Win the mid-market", ana)
    second = room.idea("Cut churn", bo)
    merged = room.idea("Cut churn faster", None)
    room.do(ops.MergeIdeas(second, (merged,)))
    shown = view(room)
    assert (shown.title, shown.phase, shown.shows) == (
        "Management meeting",
        Phase.BRAINSTORM,
        RoomShows.CARDS,
    )
    assert [(c.id, c.text, c.author) for c in shown.cards] == [
        (first, "Win the mid-market", "Ana"),
        (second, "Cut churn", "Bo"),
    ]
    assert shown.newest_card_id == second
    assert shown.objectives == () and shown.ballots is None and shown.result is None
    room.do(ops.UpdateWorkshopSettings(room.workshop, anonymous=True))
    anonymous = view(room)
    assert [c.author for c in anonymous.cards] == [None, None]
    assert "Ana" not in as_json(anonymous) and "Bo" not in as_json(anonymous)


def test_grouping_shows_objectives_with_their_key_results_in_order(room: Any) -> None:
    room.go(Phase.BRAINSTORM)
    room.idea("card")
    room.go(Phase.GROUP)
    first = room.objective("Grow", krs=2)
    second = room.objective("Keep", krs=0)
    room.do(ops.MoveObjective(second, 0))
    shown = view(room)
    assert shown.shows == RoomShows.OBJECTIVES and not shown.light
    assert [(o.id, o.title, o.key_results) for o in shown.objectives] == [
        (second, "Keep", ()),
        (first, "Grow", ("Grow: KR 1 reaches 10", "Grow: KR 2 reaches 20")),
    ]
    assert shown.cards == ()


def test_a_persons_okrs_are_named_for_the_one_to_one(room: Any) -> None:
    department = room.do(ops.CreateUnit("Sales", room.company))
    team = room.do(ops.CreateUnit("East", department))
    person = room.do(ops.CreateUnit("Ana", team))
    workshop = room.do(ops.CreateWorkshop(person, room.cycle, "Ana's OKRs"))
    room.do(ops.ChangePhase(workshop, Phase.GROUP))
    shown = room.editor.view(room_view, workshop, LATER)
    assert shown is not None and shown.light and shown.phase == Phase.GROUP


def test_the_vote_before_any_round_shows_the_candidates(room: Any) -> None:
    room.go(Phase.BRAINSTORM)
    room.idea("card")
    room.go(Phase.GROUP)
    room.objective("A")
    room.objective("B")
    room.go(Phase.VOTE)
    shown = view(room)
    assert shown.shows == RoomShows.OBJECTIVES
    assert [o.title for o in shown.objectives] == ["A", "B"]


def test_an_open_vote_shows_ballots_in_and_names_but_no_dot_counts(room: Any) -> None:
    a, b = room.to_voting(["A", "B"], krs=0)
    ana, bo = room.people[:2]
    before_any_dot = view(room)
    room.dots(ana, a, 3)
    room.dots(bo, b, 2)
    # Dots on a ballot not handed in change nothing the room sees.
    assert view(room) == before_any_dot
    room.do(ops.ConfirmBallot(room.workshop, ana))
    shown = view(room)
    assert shown.shows == RoomShows.BALLOTS and shown.result is None
    assert shown.ballots is not None
    assert (shown.ballots.ballots_in, shown.ballots.ballots_expected) == (1, 4)
    assert shown.ballots.not_voted == ("Bo", "陈", "Dee")
    assert (shown.ballots.open, shown.ballots.runoff, shown.ballots.round_number) == (
        True,
        False,
        1,
    )
    # Nothing anywhere in it is a count of dots: the candidates are there (the room votes on
    # what it can read), each with its title and key results alone, the same for every ballot.
    text = as_json(shown)
    assert '"dots"' not in text and '"standings"' not in text
    assert [(o.title, o.key_results) for o in shown.objectives] == [("A", ()), ("B", ())]
    room.dots(room.people[2], a, 1)
    room.do(ops.SetPaperTally(room.workshop, b, 7))
    assert view(room) == shown


def test_a_closed_vote_awaits_the_reveal_without_names(room: Any) -> None:
    a, _b = room.to_voting(["A", "B"], krs=0)
    room.dots(room.people[0], a, 2)
    room.do(ops.ConfirmBallot(room.workshop, room.people[0]))
    room.do(ops.CloseVoting(room.workshop))
    shown = view(room)
    assert shown.shows == RoomShows.BALLOTS and shown.result is None
    assert shown.ballots is not None and not shown.ballots.open
    assert shown.ballots.not_voted == ()  # the vote is over: nobody is singled out any more
    assert '"dots"' not in as_json(shown)


def test_the_reveal_carries_ranks_seats_the_cut_off_and_an_open_tie(room: Any) -> None:
    tied_vote(room)
    shown = view(room)
    assert shown.shows == RoomShows.RESULT and shown.ballots is None
    result = shown.result
    assert result is not None and not result.runoff and result.round_number == 1
    assert [(s.rank, s.title, s.dots, s.status) for s in result.standings] == [
        (1, "A", 3, SeatStatus.IN),
        (2, "B", 1, SeatStatus.TIED),
        (2, "C", 1, SeatStatus.TIED),
        (2, "D", 1, SeatStatus.TIED),
        (5, "E", 0, SeatStatus.OUT),
    ]
    assert (result.seats, result.cutoff, result.tie, result.decision) == (3, 3, TieState.TIED, None)


def test_a_decided_tie_reads_as_decided_with_its_reason(room: Any) -> None:
    _a, b, _c, d, _e = tied_vote(room)
    room.do(ops.DecideTie(room.workshop, (d, b), "B and D are what the board asked about"))
    result = view(room).result
    assert result is not None and result.tie == TieState.DECIDED
    assert result.decision is not None
    assert result.decision.reason == "B and D are what the board asked about"
    assert set(result.decision.chosen) == {"B", "D"} and result.decision.passed_over == ("C",)
    statuses = {s.title: s.status for s in result.standings}
    assert statuses == {
        "A": SeatStatus.IN,
        "B": SeatStatus.CHOSEN_BY_DECISION,
        "C": SeatStatus.PASSED_OVER,
        "D": SeatStatus.CHOSEN_BY_DECISION,
        "E": SeatStatus.OUT,
    }
    assert "B and D are what the board asked about" in as_json(view(room))


def test_a_runoff_shows_its_ballots_then_its_result_and_then_the_decision(room: Any) -> None:
    _a, b, c, d, _e = tied_vote(room)
    ana, bo, chen, dee = room.people
    room.do(ops.StartRunoff(room.workshop))
    shown = view(room)
    assert shown.shows == RoomShows.BALLOTS and shown.result is None
    assert shown.ballots is not None and shown.ballots.runoff and shown.ballots.round_number == 2
    assert shown.ballots.ballots_in == 0 and len(shown.ballots.not_voted) == 4
    room.dots(ana, b, 1)
    room.dots(bo, c, 1)
    room.dots(chen, b, 1)
    room.dots(dee, d, 1)
    assert view(room) == shown  # the run-off's dots stay hidden too
    room.close_and_reveal()
    result = view(room).result
    assert result is not None and result.runoff and result.round_number == 2
    # B won a seat; C and D tied again for the last one.
    assert (result.seats, result.cutoff, result.tie) == (2, 2, TieState.TIED)
    assert [(s.title, s.dots, s.status) for s in result.standings] == [
        ("B", 2, SeatStatus.WON_RUNOFF),
        ("C", 1, SeatStatus.TIED),
        ("D", 1, SeatStatus.TIED),
    ]
    room.do(ops.DecideTie(room.workshop, (c,), "C was tied twice and costs less"))
    decided = view(room).result
    # Settled: the room sees the main vote again, every seat as it ended (as the vote page).
    assert decided is not None and decided.tie == TieState.DECIDED and not decided.runoff
    assert decided.round_number == 1 and (decided.seats, decided.cutoff) == (3, 3)
    assert decided.decision is not None and decided.decision.chosen == ("C",)
    assert decided.decision.reason == "C was tied twice and costs less"
    assert decided.decision.passed_over == ("D",)
    assert [(s.title, s.dots, s.status) for s in decided.standings] == [
        ("A", 3, SeatStatus.IN),
        ("B", 1, SeatStatus.WON_RUNOFF),
        ("C", 1, SeatStatus.CHOSEN_BY_DECISION),
        ("D", 1, SeatStatus.PASSED_OVER),
        ("E", 0, SeatStatus.OUT),
    ]


def test_a_runoff_that_settles_the_tie(room: Any) -> None:
    _a, b, _c, d, _e = tied_vote(room)
    ana, bo, chen, _dee = room.people
    room.do(ops.StartRunoff(room.workshop))
    room.dots(ana, b, 1)
    room.dots(bo, d, 1)
    room.dots(chen, b, 1)
    room.close_and_reveal()
    result = view(room).result
    assert result is not None and result.tie == TieState.RESOLVED_BY_RUNOFF
    assert not result.runoff and result.round_number == 1  # the main vote, seats as they ended
    assert [(s.title, s.status) for s in result.standings] == [
        ("A", SeatStatus.IN),
        ("B", SeatStatus.WON_RUNOFF),
        ("D", SeatStatus.WON_RUNOFF),  # above the line with the seat it won
        ("C", SeatStatus.LOST_RUNOFF),
        ("E", SeatStatus.OUT),
    ]
    assert result.cutoff == 3


def signoff_room(room: Any) -> tuple[int, int]:
    """A vote that selected A and B (two seats), the room moved on to sign-off."""
    room.do(ops.UpdateWorkshopSettings(room.workshop, selection_size=2))
    a, b, _c = room.to_voting(["A", "B", "C"], krs=1)
    room.dots(room.people[0], a, 2)
    room.dots(room.people[1], b, 1)
    room.close_and_reveal()
    room.go(Phase.SELECT)
    room.do(ops.ApplySelection(room.workshop))
    return a, b


def test_selection_and_sign_off_show_the_selected_objectives_and_the_signers_word(
    room: Any,
) -> None:
    _a, b = signoff_room(room)
    selecting = view(room)
    assert selecting.phase == Phase.SELECT and selecting.signoff is None
    assert [o.title for o in selecting.objectives] == ["A", "B"]
    room.go(Phase.SIGNOFF)
    pending = view(room)
    assert pending.signoff == SignoffStatus.PENDING and pending.focus is None
    assert view(room, presented=b).focus == 1
    assert view(room, presented=999).focus is None
    room.do(ops.SignOffWorkshop(room.workshop, Decision.RETURN, "CEO", "Sharpen B"))
    room.go(Phase.SIGNOFF)
    assert view(room).signoff == SignoffStatus.RETURNED
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "CEO"))
    approved = view(room)
    assert approved.signoff == SignoffStatus.APPROVED
    assert [o.key_results for o in approved.objectives] == [
        ("A: KR 1 reaches 10",),
        ("B: KR 1 reaches 10",),
    ]


def test_the_timer_is_the_phase_timebox_and_the_minutes_spent_at_the_given_time(room: Any) -> None:
    room.do(ops.SetTimebox(room.workshop, Phase.BRAINSTORM, 20))
    room.go(Phase.BRAINSTORM)
    started = view(room, now=LATER).timer
    ten_later = view(room, now=LATER + timedelta(minutes=10)).timer
    assert started.planned_minutes == 20 and started.running
    assert abs(ten_later.elapsed_minutes - started.elapsed_minutes - 10) < 1e-9
    room.idea("card")
    room.go(Phase.GROUP)
    grouping = view(room).timer
    assert grouping.running and grouping.planned_minutes is not None
    # The same plan at the same time gives the same view, byte for byte.
    assert as_json(view(room)) == as_json(view(room))


def test_every_phase_gives_plain_frozen_json_friendly_data(room: Any) -> None:
    seen = [view(room)]  # the welcome at setup
    room.go(Phase.BRAINSTORM)
    room.idea("card", room.people[0])
    seen.append(view(room))
    room.go(Phase.GROUP)
    seen.append(view(room))
    _a, b, _c, _d, _e = [room.objective(t, krs=1) for t in ("A", "B", "C", "D", "E")]
    room.go(Phase.VOTE)
    seen.append(view(room))
    room.do(ops.OpenVoting(room.workshop))
    seen.append(view(room))
    room.dots(room.people[0], b, 2)
    room.close_and_reveal()
    seen.append(view(room))
    for shown in seen:
        assert only_tuples(shown)
        back = json.loads(as_json(shown))
        assert back["phase"] == shown.phase.value and back["shows"] == shown.shows.value
    # The approval and the closing slide: tests/test_room_view_meeting.py.
    assert {s.shows for s in seen} == set(RoomShows) - {RoomShows.APPROVED, RoomShows.CLOSING}
    try:
        seen[0].title = "changed"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("the room view must be frozen")


def test_no_such_workshop_has_no_room_view(room: Any) -> None:
    assert room.editor.view(room_view, 999_999, LATER) is None


def count_statements(room: Any) -> int:
    statements = 0

    def counted(*_args: Any) -> None:
        nonlocal statements
        statements += 1

    with room.editor.plan.reader() as session:
        engine = session.get_bind()
        event.listen(engine, "before_cursor_execute", counted)
        try:
            room_view(session, room.workshop, LATER)
        finally:
            event.remove(engine, "before_cursor_execute", counted)
    return statements


def test_a_fixed_number_of_queries_whatever_the_size(room: Any) -> None:
    room.go(Phase.BRAINSTORM)
    room.idea("card")
    room.go(Phase.GROUP)
    for n in range(3):
        room.objective(f"O{n}", krs=2)
    few = count_statements(room)
    for n in range(30):
        room.objective(f"P{n}", krs=3)
    assert count_statements(room) == few


def test_the_room_view_imports_no_qt() -> None:
    code = (
        "import sys, okrdesk.engine.room_view, okrdesk.engine.room_changes\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)

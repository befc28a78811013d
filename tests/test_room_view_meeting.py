"""The room view's slides around the OKRs: the welcome at setup, the approval moment at
sign-off and the closing slide at export (built without Qt, patched equal to built anew)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from okrdesk.engine import ops
from okrdesk.engine.agenda import default_timeboxes
from okrdesk.engine.room_changes import room_view_after, room_view_changed_by
from okrdesk.engine.room_meeting import RoomQuestion, cascade_date
from okrdesk.engine.room_view import RoomShows, SignoffStatus, room_view
from okrdesk.models import Decision, Phase, UnitLevel
from tests.test_room_view import LATER, as_json, only_tuples, signoff_room, view

SIGNATURE = '{"width":200.0,"height":80.0,"strokes":[[[10.0,10.0],[190.0,70.0]]]}'


def test_setup_shows_the_welcome_with_the_agenda_and_the_question(room: Any) -> None:
    room.do(ops.SetTimebox(room.workshop, Phase.VOTE, 25))
    shown = view(room)
    assert shown.shows == RoomShows.WELCOME and shown.phase == Phase.SETUP
    welcome = shown.welcome
    assert welcome is not None
    assert (welcome.unit, welcome.level, welcome.parent_unit) == (
        "Northstar",
        UnitLevel.COMPANY,
        None,
    )
    assert (welcome.cycle, welcome.cycle_starts, welcome.cycle_ends) == (
        "2027-Q1",
        "2027-01-01",
        "2027-03-31",
    )
    assert welcome.question == RoomQuestion.COMPANY
    # Every phase in the meeting's order, with the minutes planned for it.
    planned = default_timeboxes(UnitLevel.COMPANY) | {Phase.VOTE: 25}
    assert [(item.phase, item.minutes) for item in welcome.agenda] == [
        (phase, planned[phase]) for phase in Phase
    ]
    assert welcome.agenda_minutes == sum(planned.values())
    # Before the work begins the meeting is today (the clock given); nothing else to show.
    assert welcome.meeting_at == LATER.isoformat()
    assert shown.cards == () and shown.objectives == () and shown.closing is None
    assert only_tuples(shown) and json.loads(as_json(shown))["welcome"]["question"] == "company"


def test_a_department_answers_how_it_serves_the_company_and_a_person_how_they_contribute(
    room: Any,
) -> None:
    sales = room.do(ops.CreateUnit("Sales", room.company))
    meeting = room.do(ops.CreateWorkshop(sales, room.cycle, "Sales OKRs", "Lin"))
    shown = room.editor.view(room_view, meeting, LATER)
    assert shown.welcome.question == RoomQuestion.ALIGNED
    assert (shown.welcome.unit, shown.welcome.parent_unit) == ("Sales", "Northstar")
    assert shown.welcome.facilitator == "Lin"
    team = room.do(ops.CreateUnit("Key accounts", sales))
    ana = room.do(ops.CreateUnit("Ana", team))
    one_to_one = room.do(ops.CreateWorkshop(ana, room.cycle, "Ana's OKRs"))
    personal = room.editor.view(room_view, one_to_one, LATER)
    assert personal.welcome.question == RoomQuestion.PERSONAL
    assert personal.welcome.parent_unit == "Key accounts" and personal.light


def test_approval_is_a_moment_with_the_signer_the_time_and_the_drawn_signature(
    room: Any,
) -> None:
    _a, b = signoff_room(room)
    room.go(Phase.SIGNOFF)
    assert view(room).shows == RoomShows.OBJECTIVES and view(room).approval is None
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "陈志远", signature=SIGNATURE))
    approved = view(room)
    assert approved.shows == RoomShows.APPROVED
    assert approved.signoff == SignoffStatus.APPROVED
    assert approved.approval is not None
    assert approved.approval.signer == "陈志远"
    assert approved.approval.signature == SIGNATURE
    assert datetime.fromisoformat(approved.approval.at) < LATER
    assert [o.title for o in approved.objectives] == ["A", "B"]  # what was approved
    assert only_tuples(approved) and json.loads(as_json(approved))["approval"]["signer"]
    # The sign-off page may still put one objective on the projector on its own.
    assert view(room, presented=b).shows == RoomShows.OBJECTIVES
    room.do(ops.ReopenWorkshop(room.workshop, "one more KR"))
    reopened = view(room)
    assert reopened.shows == RoomShows.OBJECTIVES and reopened.approval is None


def test_export_closes_with_what_was_agreed_and_the_cascade(room: Any) -> None:
    for name in ("Sales", "Product"):
        room.do(ops.CreateUnit(name, room.company))
    signoff_room(room)
    room.go(Phase.SIGNOFF)
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "CEO"))
    room.go(Phase.EXPORT)
    shown = view(room)
    assert shown.shows == RoomShows.CLOSING
    closing = shown.closing
    assert closing is not None and shown.approval is not None
    assert closing.approval == shown.approval and closing.approval.signer == "CEO"
    assert [o.title for o in shown.objectives] == ["A", "B"]
    assert closing.cascade_to == ("Sales", "Product")
    # Two weeks after the meeting began (the conftest clock: 14 December 2026).
    assert closing.cascade_by == "2026-12-28"
    assert (closing.unit, closing.cycle, closing.cycle_ends) == (
        "Northstar",
        "2027-Q1",
        "2027-03-31",
    )
    assert only_tuples(shown) and json.loads(as_json(shown))["shows"] == "closing"
    # Reopened, the room is back at sign-off; the closing slide is gone with the approval.
    room.do(ops.ReopenWorkshop(room.workshop, "one more KR"))
    assert view(room).shows == RoomShows.OBJECTIVES and view(room).closing is None


def test_the_cascade_is_due_within_the_cycle_and_never_before_the_meeting() -> None:
    meeting = datetime(2027, 3, 25, 9, 0)
    assert cascade_date(meeting, date(2027, 3, 31)) == date(2027, 3, 31)
    assert cascade_date(meeting, date(2027, 6, 30)) == date(2027, 4, 8)
    assert cascade_date(meeting, date(2027, 3, 1)) == date(2027, 3, 25)


def test_the_slides_follow_changes_as_if_built_anew(room: Any) -> None:
    shown = view(room)

    def follow(operation: Any) -> None:
        nonlocal shown
        change = room.editor.apply(operation)
        assert room_view_changed_by(shown, change.aspects), operation
        shown = room.editor.view(room_view_after, shown, change, LATER)
        assert shown == view(room), operation

    follow(ops.SetTimebox(room.workshop, Phase.GROUP, 50))
    follow(ops.UpdateWorkshopSettings(room.workshop, facilitator="Lin"))
    assert shown.welcome is not None and shown.welcome.facilitator == "Lin"
    follow(ops.CreateUnit("Sales", room.company))
    a, _b = signoff_room(room)
    room.go(Phase.SIGNOFF)
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "CEO"))
    room.go(Phase.EXPORT)
    shown = view(room)
    assert shown.closing is not None and shown.closing.cascade_to == ("Sales",)
    follow(ops.CreateUnit("Product", room.company))
    assert shown.closing is not None and shown.closing.cascade_to == ("Sales", "Product")
    follow(ops.ReopenWorkshop(room.workshop, "rename A"))
    follow(ops.RenameObjective(a, "A, sharper"))
    assert shown.objectives[0].title == "A, sharper"
    # Reopened, the room went back to refine: no approval, no closing slide.
    assert shown.phase != Phase.EXPORT and shown.approval is None and shown.closing is None

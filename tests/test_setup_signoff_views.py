"""The setup, sign-off and parent-import views: plain frozen objects, built without Qt."""

from __future__ import annotations

from datetime import UTC, datetime

from okrdesk.engine import ops
from okrdesk.engine.parent_import import ParentOkrs, importable_parents
from okrdesk.engine.participants import ParticipantRow, participant_list
from okrdesk.engine.setup_view import WorkshopSettings, setup_view, timeboxes, workshop_settings
from okrdesk.engine.signoff_view import PresentedObjective, signoff_view
from okrdesk.models import Decision, DecisionKind, Phase, SignoffStatus, UnitLevel

NOON = datetime(2026, 12, 20, 12, 0, tzinfo=UTC)


def view(room, build, *args):
    return room.editor.view(build, *args)


def test_the_setup_view_is_what_the_page_shows(room) -> None:
    room.do(
        ops.UpdateWorkshopSettings(room.workshop, facilitator="Ana", dot_budget=7, anonymous=True)
    )
    room.do(ops.SetTimebox(room.workshop, Phase.VOTE, 25))
    room.do(ops.RemoveParticipant(room.people[1]))
    setup = view(room, setup_view, room.workshop)
    assert (
        setup.unit == "Northstar" and setup.level is UnitLevel.COMPANY and setup.cycle == "2027-Q1"
    )
    assert setup.settings == WorkshopSettings("Management meeting", "Ana", True, 7, 3, 3)
    assert setup.planned_minutes(Phase.VOTE) == 25
    assert [p.name for p in setup.participants] == ["Ana", "陈", "Dee"]
    assert setup.participants == view(room, participant_list, room.workshop)
    assert isinstance(setup.participants[0], ParticipantRow)
    assert view(room, workshop_settings, room.workshop) == setup.settings
    assert dict(view(room, timeboxes, room.workshop))[Phase.VOTE] == 25
    assert view(room, setup_view, 999) is None and view(room, workshop_settings, 999) is None


def test_the_signoff_view_says_status_history_and_signers_with_enums(room) -> None:
    room.to_voting(["A", "B", "C"])
    room.close_and_reveal()
    room.go(Phase.SELECT)
    room.do(ops.ApplySelection(room.workshop))
    room.go(Phase.SIGNOFF)
    pending = view(room, signoff_view, room.workshop, NOON)
    assert pending.status is SignoffStatus.PENDING and pending.can_decide and not pending.can_reopen
    assert all(isinstance(o, PresentedObjective) for o in pending.presented)
    first = pending.presented[0]
    room.do(
        ops.SignOffWorkshop(
            room.workshop, Decision.RETURN, "CEO", "Sharper", notes=((first.id, "Why?"),)
        )
    )
    returned = view(room, signoff_view, room.workshop, NOON)
    assert returned.status is SignoffStatus.RETURNED
    (entry,) = returned.history
    assert entry.decision is DecisionKind.RETURN and entry.notes == ((first.title, "Why?"),)
    room.go(Phase.SIGNOFF)  # a return sends the room back to refine
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "Board"))
    room.do(ops.ReopenWorkshop(room.workshop, "New strategy", "CEO"))
    reopened = view(room, signoff_view, room.workshop, NOON)
    assert [e.decision for e in reopened.history] == [
        DecisionKind.RETURN,
        DecisionKind.APPROVE,
        DecisionKind.REOPEN,
    ]
    assert reopened.history[-1].comment == "New strategy"
    assert reopened.signers == ("CEO", "Board")
    assert reopened.status is SignoffStatus.PENDING and not reopened.locked
    room.go(Phase.SIGNOFF)  # reopening sends the room back to refine too
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "CEO"))
    approved = view(room, signoff_view, room.workshop, NOON)
    assert approved.status is SignoffStatus.APPROVED and approved.locked
    assert approved.can_reopen and not approved.can_decide
    assert view(room, signoff_view, 999, NOON) is None


def test_the_signoff_view_carries_the_quality_checks(room) -> None:
    room.go(Phase.BRAINSTORM)
    room.idea("card")
    room.go(Phase.GROUP)
    room.objective("Only one")
    checks = view(room, signoff_view, room.workshop, NOON).findings
    assert checks  # no key results, too few objectives: warnings the page lists
    assert all(f.message("en") for f in checks)


def test_only_parents_this_plan_could_align_to_are_offered(room) -> None:
    def offered(title: str, unit: str, level: str) -> ParentOkrs:
        return ParentOkrs(
            source="company.okrdesk",
            unit_path=(("company", "Group"), (level, unit))
            if unit != "Group"
            else ((level, unit),),
            cycle="2027-Q1",
            cycle_start=NOON.date(),
            cycle_end=NOON.date(),
            title=title,
            signer="CEO",
            approved_at=NOON,
            objectives=(),
        )

    own = offered("Management meeting", "Northstar", "company")  # this plan's own workshop
    person = offered("Ana's OKRs", "Ana", "person")
    company = offered("Group OKRs", "Group", "company")
    assert view(room, importable_parents, (own, person, company)) == (company,)

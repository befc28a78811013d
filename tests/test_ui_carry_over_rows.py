"""The wall's rows carry the "carried over" mark (Qt-free): read with the cards in the same
statement, in the whole wall and in a patch, and a change to a card's mark names the card."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event

from okrdesk.engine import ops
from okrdesk.engine.card_rows import card_patch, card_wall, touched_cards
from okrdesk.engine.carry_over import CarryOver
from okrdesk.engine.retro_ops import AddRetroAnswer, StartRetrospective
from okrdesk.engine.room_changes import room_view_after
from okrdesk.engine.room_view import room_view
from okrdesk.models import CarriedKind, Phase, RetroQuestion, Workshop
from tests.checkin_plan import open_copy


@pytest.fixture(scope="module")
def template(approved_template):
    return approved_template  # built once per test process (conftest)


@pytest.fixture
def carried(template, tmp_path):
    """Q2's wall: the never-scored objectives and a lesson carried, then a card of its own."""
    path, built = template
    plan = open_copy(path, built, tmp_path / "plan.okrdesk")
    workshop = built[0]
    plan.do(StartRetrospective(workshop))
    plan.do(AddRetroAnswer(workshop, RetroQuestion.STOP, "Fewer status meetings"))
    with plan.editor.plan.reader() as session:
        unit = session.get(Workshop, workshop).unit_id
    q2 = plan.do(ops.CreateCycle("2027-Q2", date(2027, 4, 1), date(2027, 6, 30)))
    new = plan.do(ops.CreateWorkshop(unit, q2, "Q2"))
    change = plan.editor.apply(CarryOver(new))
    plan.do(ops.ChangePhase(new, Phase.BRAINSTORM))
    plan.do(ops.AddIdea(new, "Our own card"))
    yield plan, new, change
    plan.editor.plan.close()


def test_the_wall_says_which_cards_were_carried_over_and_as_what(carried):
    plan, new, _change = carried
    statements = []
    with plan.editor.plan.reader() as session:
        engine = session.get_bind()
        listen = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listen)
        try:
            wall = card_wall(session, new)
        finally:
            event.remove(engine, "before_cursor_execute", listen)
    assert [(c.text, c.carried) for c in wall.cards] == [
        ("Faster delivery", CarriedKind.OBJECTIVE),
        ("更多客户", CarriedKind.OBJECTIVE),
        ("Fewer status meetings", CarriedKind.LESSON),
        ("Our own card", None),
    ]
    selects = [s for s in statements if s.startswith("SELECT")]
    assert len(selects) == 2  # the workshop, then every card with its mark: no query a card


def test_a_patch_reads_the_mark_too_and_a_mark_change_names_its_card(carried):
    plan, new, change = carried
    ids = touched_cards(change)
    with plan.editor.plan.reader() as session:
        patch = card_patch(session, new, ids)
    assert {row.carried for row in patch.rows} == {CarriedKind.OBJECTIVE, CarriedKind.LESSON}
    # A change of carried_card rows alone (the mark, not the card) still names the card.
    mark_only = replace(change, rows=tuple(r for r in change.rows if r.table == "carried_card"))
    assert touched_cards(mark_only) == ids


def test_the_rooms_wall_marks_carried_cards_whole_and_after_a_change(carried):
    plan, new, _change = carried
    now = datetime(2027, 4, 2, tzinfo=UTC)
    with plan.editor.plan.reader() as session:
        before = room_view(session, new, now)
    assert before is not None
    assert [(c.text, c.carried) for c in before.cards] == [
        ("Faster delivery", True),
        ("更多客户", True),
        ("Fewer status meetings", True),
        ("Our own card", False),
    ]
    # A carried card edited: the patched wall keeps its mark.
    first = before.cards[0].id
    change = plan.editor.apply(ops.EditIdea(first, "Faster delivery, again"))
    with plan.editor.plan.reader() as session:
        after = room_view_after(session, before, change, now)
    assert after is not None
    assert (after.cards[0].text, after.cards[0].carried) == ("Faster delivery, again", True)


def test_carry_marks_list_the_approved_objectives_scores_then_other_marked_ones(template, tmp_path):
    from decimal import Decimal

    from okrdesk.engine.carry_over import MarkToCarry, carry_marks
    from okrdesk.engine.checkin_ops import RecordCheckIn
    from tests.checkin_plan import CANDIDATE

    path, built = template
    plan = open_copy(path, built, tmp_path / "marks.okrdesk")
    workshop, objectives, krs = built
    plan.do(RecordCheckIn(krs["delivery"], value=7))
    plan.do(RecordCheckIn(krs["site"], done=True))
    plan.do(RecordCheckIn(krs["leads"], value=75))
    plan.do(MarkToCarry(objectives["Faster delivery"]))
    plan.do(MarkToCarry(objectives[CANDIDATE]))  # a candidate the room wants back
    marks = plan.editor.view(carry_marks, workshop)
    plan.editor.plan.close()
    assert [(m.title, m.score, m.unfinished, m.marked, m.offered) for m in marks] == [
        ("Faster delivery", Decimal("1"), False, True, True),
        ("更多客户", Decimal("0.5"), True, False, True),
        (CANDIDATE, None, False, True, True),
    ]

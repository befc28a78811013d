"""The Brainstorm and Group pages' engine views: card walls, the objective tree, alignment
choices, and the patches that re-read only what a change touched (no Qt here)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from sqlalchemy import event

from okrdesk.engine import ops
from okrdesk.engine.alignment import ParentKind, alignment_choices
from okrdesk.engine.card_rows import authors, card_patch, card_wall, touched_cards
from okrdesk.engine.key_result_ops import KeyResultFields
from okrdesk.engine.objective_tree import (
    objective_patch,
    objective_tree,
    selection_rows,
    touched_objectives,
)
from okrdesk.models import Commitment, KeyResultKind, Phase, UnitLevel


@contextmanager
def statements(room) -> Iterator[list[str]]:
    """The SQL statements sent to the plan while inside."""
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    engine = room.editor.plan.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def to_group(room) -> None:
    room.go(Phase.BRAINSTORM)
    room.idea("first card")
    room.go(Phase.GROUP)


def view(room, build, *args, **kwargs):
    return room.editor.view(build, *args, **kwargs)


def test_a_wall_shows_unmerged_cards_in_writing_order_with_their_duplicates(room):
    room.go(Phase.BRAINSTORM)
    first = room.idea("More leads", room.people[0])
    second = room.idea("More leads!", room.people[1])
    third = room.idea("Cut churn")
    room.do(ops.MergeIdeas(first, (second,)))
    wall = view(room, card_wall, room.workshop)
    assert [(c.id, c.text, c.author, c.duplicates) for c in wall.cards] == [
        (first, "More leads", "Ana", 1),
        (third, "Cut churn", None, 0),
    ]
    assert view(room, authors, room.workshop).people[0].name == "Ana"


def test_an_anonymous_workshop_names_no_author(room):
    room.go(Phase.BRAINSTORM)
    room.idea("More leads", room.people[0])
    room.do(ops.UpdateWorkshopSettings(room.workshop, anonymous=True))
    wall = view(room, card_wall, room.workshop)
    assert wall.anonymous and wall.cards[0].author is None
    patch = view(room, card_patch, room.workshop, {wall.cards[0].id})
    assert patch.rows[0].author is None and patch.rows[0].department is None
    assert view(room, authors, room.workshop).anonymous


def test_the_loose_wall_leaves_out_grouped_cards(room):
    room.go(Phase.BRAINSTORM)
    cards = [room.idea(text) for text in ("a", "b", "c")]
    room.go(Phase.GROUP)
    objective = room.do(ops.MakeObjectiveFromIdea(cards[0]))
    room.do(ops.MoveIdea(cards[1], objective))
    loose = view(room, card_wall, room.workshop, loose_only=True)
    assert [c.id for c in loose.cards] == [cards[2]]
    assert [c.id for c in view(room, card_wall, room.workshop).cards] == cards


def test_a_move_names_only_the_moved_card_and_its_two_groups(room):
    room.go(Phase.BRAINSTORM)
    cards = [room.idea(f"card {n}") for n in range(6)]
    room.go(Phase.GROUP)
    one = room.do(ops.MakeObjectiveFromIdea(cards[0]))
    two = room.do(ops.MakeObjectiveFromIdea(cards[1]))
    room.do(ops.MoveIdea(cards[2], one))
    change = room.editor.apply(ops.MoveIdea(cards[2], two))
    assert touched_cards(change) == {cards[2]}
    assert touched_objectives(change) == {one, two}
    loose = view(room, card_patch, room.workshop, touched_cards(change), loose_only=True)
    assert loose.rows == () and loose.gone == {cards[2]}  # grouped: not on the loose wall
    patch = view(room, objective_patch, room.workshop, touched_objectives(change))
    assert [o.id for o in patch.rows] == [one, two] and not patch.gone
    assert [c.id for c in patch.rows[1].cards] == [cards[1], cards[2]]
    # Back on the wall: the card reappears there, and its group loses it.
    change = room.editor.apply(ops.MoveIdea(cards[2], None))
    loose = view(room, card_patch, room.workshop, touched_cards(change), loose_only=True)
    assert [c.id for c in loose.rows] == [cards[2]] and not loose.gone


def test_a_merge_refreshes_the_card_merged_into(room):
    room.go(Phase.BRAINSTORM)
    first, second = room.idea("x"), room.idea("y")
    change = room.editor.apply(ops.MergeIdeas(first, (second,)))
    assert touched_cards(change) == {first, second}
    patch = view(room, card_patch, room.workshop, touched_cards(change))
    assert [(c.id, c.duplicates) for c in patch.rows] == [(first, 1)]
    assert patch.gone == {second}


def test_a_patch_reads_a_fixed_number_of_statements_whatever_the_wall(room):
    room.go(Phase.BRAINSTORM)
    cards = [room.idea(f"card {n}") for n in range(40)]
    with statements(room) as few:
        view(room, card_patch, room.workshop, {cards[0]})
    with statements(room) as many:
        view(room, card_patch, room.workshop, set(cards))
    reads = [statement for statement in few if statement != "BEGIN"]
    assert len(reads) == len(many) - 1 == 1  # the cards and their workshop's anonymity at once


def test_the_tree_reads_one_query_a_table_however_many_objectives(room):
    def build(count: int) -> list[str]:
        for n in range(count):
            objective = room.objective(f"objective {n}", krs=2)
            room.do(ops.MoveIdea(room.idea(f"card {n}"), objective))
        with statements(room) as seen:
            tree = view(room, objective_tree, room.workshop)
        assert len(tree.objectives) >= count
        return seen

    to_group(room)
    assert len(build(2)) == len(build(30)) <= 6


def test_tree_rows_carry_enums_order_and_alignment(room, editor):
    to_group(room)
    objective = room.objective("Win the mid-market", krs=1)
    room.do(
        ops.AddKeyResult(
            objective,
            KeyResultFields(
                "Ship 3 launches", KeyResultKind.MILESTONE, commitment=Commitment.ASPIRATIONAL
            ),
        )
    )
    tree = view(room, objective_tree, room.workshop)
    assert tree.level is UnitLevel.COMPANY and not tree.light_form
    assert tree.default_deadline is not None
    row = tree.objectives[0]
    assert [kr.kind for kr in row.key_results] == [KeyResultKind.METRIC, KeyResultKind.MILESTONE]
    assert row.key_results[1].commitment is Commitment.ASPIRATIONAL
    assert row.key_results[0].target == Decimal(10)
    assert row.key_results[0].summary == "? → 10"
    assert not row.aligned
    # A department's objective aligned to the company's key result says so.
    department = room.do(ops.CreateUnit("Sales", room.company))
    sales = room.do(ops.CreateWorkshop(department, room.cycle, "Sales"))
    mine = room.do(ops.CreateObjective(sales, "Grow accounts"))
    room.do(ops.AlignObjective(mine, parent_key_result_id=row.key_results[0].id))
    aligned = view(room, objective_tree, sales).objectives[0]
    assert aligned.parent is not None and aligned.parent.kind is ParentKind.KEY_RESULT
    assert view(room, objective_tree, sales).level is UnitLevel.DEPARTMENT


def test_alignment_choices_are_the_ancestors_okrs_of_the_same_cycle(room):
    to_group(room)
    company_objective = room.objective("Win the mid-market", krs=2)
    department = room.do(ops.CreateUnit("Sales", room.company))
    team = room.do(ops.CreateUnit("Inside sales", department))
    sales = room.do(ops.CreateWorkshop(department, room.cycle, "Sales"))
    inside = room.do(ops.CreateWorkshop(team, room.cycle, "Inside"))
    sales_objective = room.do(ops.CreateObjective(sales, "Grow accounts"))
    choices = view(room, alignment_choices, inside)
    # The nearer unit first; each objective followed by its key results.
    assert [(c.kind, c.unit) for c in choices] == [
        (ParentKind.OBJECTIVE, "Sales"),
        (ParentKind.OBJECTIVE, "Northstar"),
        (ParentKind.KEY_RESULT, "Northstar"),
        (ParentKind.KEY_RESULT, "Northstar"),
    ]
    assert [c.id for c in choices[:2]] == [sales_objective, company_objective]
    assert not any(c.approved for c in choices)
    # The company has no parent: nothing to align to.
    assert view(room, alignment_choices, room.workshop) == ()


def test_selection_rows_follow_the_revealed_vote(room):
    first, second = room.to_voting(["Win", "Grow"], krs=2)
    before = view(room, selection_rows, room.workshop)
    assert [r.dots for r in before] == [None, None]
    room.dots(room.people[0], second, 2)
    room.close_and_reveal()
    after = view(room, selection_rows, room.workshop)
    assert [(r.id, r.dots, r.key_results) for r in after] == [(second, 2, 2), (first, 0, 2)]


def test_key_result_fields_are_taken_from_a_row_once(room):
    to_group(room)
    objective = room.objective("Win", krs=1)
    kr = view(room, objective_tree, room.workshop).objectives[0].key_results[0]
    fields = KeyResultFields.of(kr, title="Renamed 10")
    assert fields.title == "Renamed 10" and fields.target == Decimal(10)
    assert fields.kind is KeyResultKind.METRIC and fields.commitment is Commitment.COMMITTED
    room.do(ops.EditKeyResult(kr.id, fields))
    again = view(room, objective_tree, room.workshop).objectives[0].key_results[0]
    assert again.title == "Renamed 10" and again.objective_id == objective


def test_selection_rows_read_a_decided_tie_as_decided(room):
    from okrdesk.engine.voting import SeatStatus
    from tests.test_vote_result_outputs import decided_after_a_tied_run_off

    a, b, c, d = decided_after_a_tied_run_off(room)
    rows = view(room, selection_rows, room.workshop)
    assert [(r.id, r.dots, r.seat) for r in rows] == [
        (a, 3, SeatStatus.IN),
        (b, 2, SeatStatus.CHOSEN_BY_DECISION),
        (d, 2, SeatStatus.CHOSEN_BY_DECISION),  # with a seat: above those without
        (c, 2, SeatStatus.PASSED_OVER),
    ]

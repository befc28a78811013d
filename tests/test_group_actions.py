"""What the Group page's selection turns into: the operations, decided without a window."""

from okrdesk.engine import ops
from okrdesk.engine.alignment import AlignmentChoice, ParentKind
from okrdesk.ui.pages.group_actions import (
    ItemKind,
    Selected,
    align_operation,
    delete_steps,
    merge_operation,
    move_steps,
    split_operation,
)

OBJ, KR, IDEA = ItemKind.OBJECTIVE, ItemKind.KEY_RESULT, ItemKind.IDEA


def test_moves_take_cards_anywhere_and_key_results_only_to_an_objective():
    assert move_steps(IDEA, [3, 4], None, -1) == [
        ops.MoveIdea(3, None, None),
        ops.MoveIdea(4, None, None),
    ]
    assert move_steps(KR, [7], 2, 0) == [ops.MoveKeyResult(7, 2, 0)]
    assert move_steps(KR, [7], None, 0) == []
    assert move_steps(OBJ, [1], 2, 0) == []


def test_a_merge_goes_into_the_current_objective_and_needs_two():
    items = [Selected(OBJ, 1, 1), Selected(OBJ, 2, 2), Selected(IDEA, 9, 2)]
    assert merge_operation(items, current=2) == ops.MergeObjectives(2, (1,))
    assert merge_operation(items, current=None) == ops.MergeObjectives(1, (2,))
    assert merge_operation(items[:1], current=1) is None


def test_a_split_takes_cards_and_key_results_of_one_objective():
    items = [Selected(OBJ, 1, 1), Selected(IDEA, 5, 1), Selected(KR, 6, 1)]
    assert split_operation(items) == ops.SplitObjective(1, idea_ids=(5,), key_result_ids=(6,))
    assert split_operation([Selected(IDEA, 5, 1), Selected(IDEA, 8, 2)]) is None
    assert split_operation([Selected(IDEA, 5, None)]) is None  # a loose card has no objective
    assert split_operation([Selected(OBJ, 1, 1)]) is None


def test_deleting_several_objectives_is_confirmed_once_for_all():
    items = [Selected(OBJ, 1, 1), Selected(KR, 6, 1), Selected(IDEA, 5, None)]
    assert delete_steps(items) == [
        ops.DeleteObjective(1),
        ops.DeleteKeyResult(6),
        ops.DeleteIdea(5),
    ]
    assert delete_steps(items, confirmed=True)[0] == ops.DeleteObjective(1, confirm=True)


def test_aligning_names_the_parent_by_its_kind():
    kr = AlignmentChoice(ParentKind.KEY_RESULT, 12, "Reach 10", "Northstar", True)
    objective = AlignmentChoice(ParentKind.OBJECTIVE, 4, "Win", "Northstar", False)
    assert align_operation(3, kr) == ops.AlignObjective(3, parent_key_result_id=12)
    assert align_operation(3, objective) == ops.AlignObjective(3, parent_objective_id=4)
    assert align_operation(3, None) == ops.AlignObjective(3)

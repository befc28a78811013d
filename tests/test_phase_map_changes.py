"""Which changes can change a workshop's phase map (what the navigator re-reads)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.operation import Operation
from okrdesk.engine.phase_ops import MoveRoomBack, PhaseMap, phase_map, phase_map_after
from okrdesk.models import Phase
from okrdesk.models.planfile import PlanFile
from tests.demo_plans import copy_demo


def test_a_change_to_cards_alone_is_worked_out_unless_it_opens_or_closes_group(
    tmp_path: Path,
) -> None:
    path = tmp_path / "demo.okrdesk"
    copy_demo(path, "brainstorm")
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan)
        workshop = editor.apply(ops.CreateWorkshop(1, 1, "Empty room")).result
        editor.apply(ops.ChangePhase(workshop, Phase.BRAINSTORM))
        empty = editor.view(phase_map, workshop)
        assert empty is not None and empty.forward == Phase.GROUP and empty.ideas == 0
        next_stop = empty.stop(Phase.GROUP)
        assert next_stop is not None and not next_stop.reachable  # no card yet

        def after(phases: PhaseMap, operation: Operation) -> tuple[PhaseMap | None, Any]:
            """The map worked out from the change (checked against the map read again)."""
            change = editor.apply(operation)
            worked_out = phase_map_after(phases, change)
            if worked_out is not None:
                assert worked_out == editor.view(phase_map, workshop)
            return worked_out, change.result

        none, first = after(empty, ops.AddIdea(workshop, "First card"))
        assert none is None  # the first card opens Group: read again
        one = editor.view(phase_map, workshop)
        assert one is not None and one != empty and one.ideas == 1
        two, second = after(one, ops.AddIdea(workshop, "Second card"))
        assert two is not None and two.ideas == 2
        three, third = after(two, ops.AddIdea(workshop, "Third card"))
        assert three is not None and three.ideas == 3
        merged, _ = after(three, ops.MergeIdeas(first, (third,)))
        assert merged is not None and merged.ideas == 2  # a duplicate is not counted
        edited, _ = after(merged, ops.EditIdea(first, "First card, edited"))
        assert edited == merged
        unmerged, _ = after(merged, ops.UnmergeIdea(third))
        assert unmerged is not None and unmerged.ideas == 3
        left, _ = after(unmerged, ops.DeleteIdea(second))
        assert left is not None and left.ideas == 2
        last, _ = after(left, ops.DeleteIdea(third))
        assert last is not None and last.ideas == 1
        gone, _ = after(last, ops.DeleteIdea(first))
        assert gone is None  # the last card taken away closes Group: read again
        other, _ = after(empty, ops.AddParticipant(workshop, "Ana"))
        assert other is None  # not cards alone


def test_a_phase_that_is_not_one_is_refused_by_both_phase_moves(tmp_path: Path) -> None:
    import pytest

    from okrdesk.errors import ValidationError

    path = tmp_path / "demo.okrdesk"
    copy_demo(path, "grouped")
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan)
        for move in (ops.ChangePhase(1, "lunch"), MoveRoomBack(1, "lunch")):  # type: ignore[arg-type]  # the bad input
            with pytest.raises(ValidationError) as refused:
                editor.apply(move)
            assert refused.value.message_id == "validation.bad_choice"

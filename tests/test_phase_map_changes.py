"""Which changes can change a workshop's phase map (what the navigator re-reads)."""

from __future__ import annotations

from pathlib import Path

from okrdesk.demo import write_demo
from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.phase_ops import MoveRoomBack, phase_map, phase_map_changed_by
from okrdesk.models import Phase
from okrdesk.models.planfile import PlanFile


def test_cards_added_while_group_is_open_change_nothing_else_they_do(tmp_path: Path) -> None:
    path = tmp_path / "demo.okrdesk"
    write_demo(path, "brainstorm")
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan)
        workshop = editor.apply(ops.CreateWorkshop(1, 1, "Empty room")).result
        editor.apply(ops.ChangePhase(workshop, Phase.BRAINSTORM))
        empty = editor.view(phase_map, workshop)
        assert empty is not None and empty.forward == Phase.GROUP
        next_stop = empty.stop(Phase.GROUP)
        assert next_stop is not None and not next_stop.reachable  # no card yet
        first = editor.apply(ops.AddIdea(workshop, "First card"))
        assert phase_map_changed_by(empty, first)  # the first card opens Group
        one = editor.view(phase_map, workshop)
        assert one is not None and one != empty
        second = editor.apply(ops.AddIdea(workshop, "Second card"))
        assert not phase_map_changed_by(one, second)
        assert editor.view(phase_map, workshop) == one  # indeed unchanged
        removed = editor.apply(ops.DeleteIdea(second.result))
        assert phase_map_changed_by(one, removed)  # a card taken away may close it again
        edited = editor.apply(ops.EditIdea(first.result, "First card, edited"))
        assert phase_map_changed_by(one, edited)  # not a plain add: read again to be safe


def test_a_phase_that_is_not_one_is_refused_by_both_phase_moves(tmp_path: Path) -> None:
    import pytest

    from okrdesk.errors import ValidationError

    path = tmp_path / "demo.okrdesk"
    write_demo(path, "grouped")
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan)
        for move in (ops.ChangePhase(1, "lunch"), MoveRoomBack(1, "lunch")):  # type: ignore[arg-type]  # the bad input
            with pytest.raises(ValidationError) as refused:
                editor.apply(move)
            assert refused.value.message_id == "validation.bad_choice"

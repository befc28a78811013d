"""The projector's slides around the OKRs: each shows what its room view holds, large, and
nothing drawn is cut (text_fit's recorder) at 1024x768 and 1920x1080."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from okrdesk.engine import ops
from okrdesk.engine.room_view import RoomShows, RoomView, room_view
from okrdesk.models import Decision, Phase
from okrdesk.ui.projector.text_fit import floor_px, recording
from okrdesk.ui.projector.window import ProjectorWindow
from tests.test_room_view import LATER, signoff_room
from tests.test_room_view_meeting import SIGNATURE

LONG = (
    "Win the mid-market with a product our customers recommend to their peers without "
    "being asked, and keep every one of them for the whole year"
)


@pytest.fixture
def projector(qapp: QApplication) -> Any:
    window = ProjectorWindow()
    yield window
    window.deleteLater()


def drawn(window: ProjectorWindow, shown: RoomView, size: tuple[int, int]) -> list[Any]:
    window.resize(*size)
    window.show_room(shown)
    with recording() as recorder:
        window.grab()
    assert recorder.problems(floor=floor_px(size[1])) == []
    return recorder.drawn


def texts(window: ProjectorWindow, shown: RoomView, size: tuple[int, int]) -> str:
    return "\n".join(" ".join(d.lines) for d in drawn(window, shown, size))


SIZES = ((1024, 768), (1920, 1080))


def test_the_welcome_shows_unit_cycle_date_agenda_and_question(room: Any, projector: Any) -> None:
    room.do(ops.UpdateWorkshopSettings(room.workshop, facilitator="Lin"))
    shown = room.editor.view(room_view, room.workshop, LATER)
    assert shown.shows == RoomShows.WELCOME
    for size in SIZES:
        seen = texts(projector, shown, size).replace("\n", " ")
        assert "Northstar" in seen and "2027-Q1" in seen and "2026" in seen
        assert "Lin" in seen
        assert "What must Northstar achieve in 2027-Q1?" in seen.replace("  ", " ")
        assert "Brainstorm" in seen and "min" in seen and "240" in seen


def test_the_approval_moment_names_the_signer_and_draws_the_signature(
    room: Any, projector: Any
) -> None:
    signoff_room(room)
    room.go(Phase.SIGNOFF)
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "陈志远", signature=SIGNATURE))
    shown = room.editor.view(room_view, room.workshop, LATER)
    assert shown.shows == RoomShows.APPROVED
    for size in SIZES:
        found = drawn(projector, shown, size)
        words = "\n".join(" ".join(d.lines) for d in found)
        assert "Approved" in words and "陈志远" in words
        assert "O1 A" in words.replace("  ", " ") and "O2 B" in words.replace("  ", " ")
        # "Approved" is the largest text on the slide, not a small word.
        approved = next(d for d in found if "Approved" in d.text)
        assert approved.pixels >= 2 * floor_px(size[1])
        # The signature's ink (dark strokes) on its white card.
        image = projector.grab().toImage()
        dark = sum(
            1
            for x in range(0, size[0], 4)
            for y in range(0, size[1], 4)
            if image.pixelColor(x, y).name() == "#0f2a5f"
        )
        assert dark > 0


def test_the_closing_slide_names_what_was_agreed_and_the_next_steps(
    room: Any, projector: Any
) -> None:
    room.do(ops.CreateUnit("Sales", room.company))
    a, _b = signoff_room(room)
    room.do(ops.RenameObjective(a, LONG))
    room.go(Phase.SIGNOFF)
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "CEO"))
    room.go(Phase.EXPORT)
    shown = room.editor.view(room_view, room.workshop, LATER)
    assert shown.shows == RoomShows.CLOSING
    for size in SIZES:
        seen = texts(projector, shown, size).replace("\n", " ").replace("  ", " ")
        assert "We start now." in seen and "Sales" in seen and "28 December 2026" in seen
        assert "Approved by CEO" in seen
        assert LONG in seen or "2 objectives" in seen


def test_a_long_welcome_keeps_every_agenda_item_and_the_question_at_1024(
    room: Any, projector: Any
) -> None:
    unit = room.do(ops.CreateUnit("Customer Success and Professional Services", room.company))
    meeting = room.do(
        ops.CreateWorkshop(unit, room.cycle, "Customer Success OKRs", "Alexandra Montgomery")
    )
    shown = room.editor.view(room_view, meeting, LATER)
    for size in SIZES:
        seen = texts(projector, shown, size).replace("\n", " ").replace("  ", " ")
        for phase in ("Setup", "Brainstorm", "Group", "Vote", "Select", "Sign-off", "Export"):
            assert f"{phase} ·" in seen, (size, phase)
        assert "To reach Northstar's objectives, what must Customer Success and" in seen

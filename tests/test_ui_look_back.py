"""Looking back never moves the room: clicks and keys in the real window.

Clicking an earlier phase, Ctrl+1…7 or Ctrl+Page Up shows that phase's page; the room's
phase (in the plan), its timer and the projector stay where the meeting is until the
facilitator moves the room back on purpose (confirmed, recorded, undoable).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from okrdesk.engine import ops
from okrdesk.models import Decision, Phase
from tests.test_ui_phases import window_in
from tests.ui_helpers import rows


def click_phase(qtbot, window, phase: Phase) -> None:
    navigator = window.view.navigator
    rect = navigator.visualItemRect(navigator.item(phase.order))
    qtbot.mouseClick(navigator.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def room(path) -> str:
    return rows(path, "SELECT phase FROM workshop")[0][0]


def test_clicking_an_earlier_phase_shows_its_page_and_the_room_stays(qtbot, tmp_path):
    window, _workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    view = window.view
    timer_key = view._timer_key
    click_phase(qtbot, window, Phase.BRAINSTORM)
    assert view.stack.currentWidget() is view.pages[Phase.BRAINSTORM]
    assert room(path) == "vote" and view.phase == Phase.VOTE and view._timer_key == timer_key
    assert view.navigator.current() == Phase.VOTE
    assert view.navigator.shown() == Phase.BRAINSTORM
    assert view.look_back.isVisible()
    assert "The room (projector and timer) stays at Vote" in view.look_back.label.text()
    assert view.look_back.return_button.text() == "Back to Vote →"
    # Nothing was recorded: Undo has nothing new to take back.
    assert "Go to" not in window.undo_action.text() or "Vote" in window.undo_action.text()
    view.look_back.return_button.click()
    assert view.stack.currentWidget() is view.pages[Phase.VOTE]
    assert not view.look_back.isVisible()


def test_ctrl_numbers_and_page_up_look_back_without_moving_the_room(qtbot, tmp_path):
    window, _workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    view = window.view
    for number, phase in ((1, Phase.SETUP), (3, Phase.GROUP), (2, Phase.BRAINSTORM)):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert view.stack.currentWidget() is view.pages[phase]
        assert room(path) == "vote" and view.phase == Phase.VOTE
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert view.stack.currentWidget() is view.pages[Phase.SETUP] and room(path) == "vote"
    # On from a page looked back at goes towards the room, never past it by itself.
    for phase in (Phase.BRAINSTORM, Phase.GROUP, Phase.VOTE):
        qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        assert view.stack.currentWidget() is view.pages[phase] and room(path) == "vote"
    assert not view.look_back.isVisible()


def test_phases_not_open_yet_look_disabled_and_say_why(qtbot, tmp_path):
    window, _workshop, path = window_in(qtbot, tmp_path, Phase.BRAINSTORM, objectives=())
    navigator = window.view.navigator
    group = navigator.item(Phase.GROUP.order)
    assert not group.flags() & Qt.ItemFlag.ItemIsEnabled
    assert group.toolTip() == "Not yet: Add at least one idea before grouping."
    vote = navigator.item(Phase.VOTE.order)
    assert not vote.flags() & Qt.ItemFlag.ItemIsEnabled
    assert vote.toolTip() == "Not yet: Go forward one phase at a time; next is Group."
    click_phase(qtbot, window, Phase.VOTE)
    assert room(path) == "brainstorm" and window.view.messages.text() == ""
    window.session.run(ops.AddIdea(_workshop, "A card"))
    assert navigator.item(Phase.GROUP.order).flags() & Qt.ItemFlag.ItemIsEnabled
    assert navigator.item(Phase.GROUP.order).toolTip() == "Ctrl+3: go to this phase"


def test_moving_the_room_back_is_confirmed_recorded_and_undone(qtbot, tmp_path, monkeypatch):
    from okrdesk.ui import dialogs

    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, question: asked.append(question) or True)
    window, _workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    view = window.view
    click_phase(qtbot, window, Phase.GROUP)
    view.look_back.move_button.click()
    assert asked and asked[0].startswith("Move the room back to Group?")
    assert room(path) == "group" and view.phase == Phase.GROUP
    assert not view.look_back.isVisible()
    events = rows(path, "SELECT kind FROM audit_event ORDER BY id")
    assert events[-1] == ("room_moved_back",)
    assert window.undo_action.text() == "&Undo Move the room back to Group"
    window.undo()
    assert room(path) == "vote" and view.phase == Phase.VOTE


def test_a_refused_move_back_keeps_the_room_where_it_is(qtbot, tmp_path, monkeypatch):
    from okrdesk.ui import dialogs

    monkeypatch.setattr(dialogs, "confirm", lambda _p, _q: False)
    window, _workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    click_phase(qtbot, window, Phase.GROUP)
    window.view.look_back.move_button.click()
    assert room(path) == "vote" and window.view.look_back.isVisible()


def test_after_a_return_going_on_from_group_goes_to_select(qtbot, tmp_path):
    window, workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    run = window.session.run
    run(ops.OpenVoting(workshop))
    run(ops.CloseVoting(workshop))
    run(ops.RevealTally(workshop))
    run(ops.ChangePhase(workshop, Phase.SELECT))
    run(ops.ApplySelection(workshop))
    run(ops.ChangePhase(workshop, Phase.SIGNOFF))
    run(ops.SignOffWorkshop(workshop, Decision.RETURN, "CEO", "Sharper KRs"))
    assert room(path) == "select"
    view = window.view
    run(ops.ChangePhase(workshop, Phase.GROUP))  # the room goes back to the wall
    assert view.stack.currentWidget() is view.pages[Phase.GROUP]
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert room(path) == "select" and view.stack.currentWidget() is view.pages[Phase.SELECT]


def test_the_navigator_shows_the_room_row_while_looking_back(qtbot, tmp_path):
    window, _workshop, _path = window_in(qtbot, tmp_path, Phase.VOTE)
    navigator = window.view.navigator
    click_phase(qtbot, window, Phase.SETUP)
    assert navigator.item(Phase.VOTE.order).text().endswith("· room")
    assert navigator.item(Phase.VOTE.order).font().bold()
    assert navigator.item(Phase.SETUP.order).toolTip() == (
        "Ctrl+1: look back at this page; the room stays at Vote"
    )
    assert navigator.currentRow() == Phase.SETUP.order
    assert navigator.visualItemRect(navigator.item(0)).contains(QPoint(5, 5))


def test_looking_back_leaves_the_projector_on_the_rooms_phase(qtbot, tmp_path):
    window, workshop, _path = window_in(qtbot, tmp_path, Phase.VOTE)
    window.projector.place()  # the projector reads the plan only while it is shown
    projector = window.projector.window
    assert projector.view.phase == Phase.VOTE
    for phase in (Phase.BRAINSTORM, Phase.GROUP, Phase.SETUP):
        click_phase(qtbot, window, phase)
        assert projector.view.phase == Phase.VOTE
    window.session.run(ops.AddIdea(workshop, "A card added while looking back"))
    assert projector.view.phase == Phase.VOTE


def test_the_navigator_never_scrolls_sideways(qtbot, tmp_path):
    from okrdesk.ui.app import build_window
    from tests.demo_plans import copy_demo

    path = tmp_path / "demo.okrdesk"
    copy_demo(path, "brainstorm", "en")
    window = build_window(path, demo=False, language="en")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.view.look_at(Phase.SETUP)  # the room's row reads "2  Brainstorm  · room"
    navigator = window.view.navigator
    qtbot.waitUntil(lambda: "room" in navigator.item(1).text())
    qtbot.wait(100)  # the list laid out again
    assert not navigator.horizontalScrollBar().isVisible()
    assert navigator.horizontalScrollBar().maximum() == 0
    # "· room" on a line of its own, the row tall enough for both lines: nothing cut off.
    item = navigator.item(1)
    assert item.text().split("\n")[-1].strip() == "· room"
    lines = 2 * navigator.fontMetrics().lineSpacing()
    assert navigator.visualItemRect(item).height() >= lines
    window.close_plan()

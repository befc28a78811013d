"""The projector's pages: a new screen (another phase, another outcome of the vote) opens on
its first page, never on the page the screen before was left at."""

from dataclasses import replace

from benchmarks.rooms import rooms
from okrdesk.engine.room_view import RoomTimer
from okrdesk.ui.projector.window import ProjectorWindow


def window(qtbot):
    projector = ProjectorWindow()
    qtbot.addWidget(projector)
    projector.resize(1024, 768)
    return projector


def turned(projector, view):
    """The view shown and painted, then its pages turned to the last."""
    projector.show_room(view)
    projector._animation.stop()
    projector.reveal = 1.0
    projector.grab()
    for _ in range(projector.pages - 1):
        projector.next_page()
    projector.grab()
    return projector.page


def test_a_new_phase_opens_on_its_first_page(qtbot):
    room = rooms("en")
    projector = window(qtbot)
    assert turned(projector, room["group"]) > 0  # several pages: left on a later one
    projector.show_room(room["select"])  # objectives still, another phase
    assert projector.page == 0
    assert turned(projector, room["select"]) > 0
    projector.show_room(room["signoff"])
    assert projector.page == 0


def test_a_tie_decided_shows_the_decision_on_the_first_page(qtbot):
    room = rooms("en")
    projector = window(qtbot)
    assert turned(projector, room["tie"]) > 0
    projector.show_room(room["decided"])  # the result still, its tie now decided
    assert projector.page == 0


def test_the_same_screen_keeps_its_page(qtbot):
    room = rooms("en")
    projector = window(qtbot)
    page = turned(projector, room["group"])
    projector.show_room(room["group"])  # a change that is not a new screen
    assert projector.page == page > 0


def test_a_timebox_set_repaints_the_whole_window_when_the_header_grows(qtbot, monkeypatch):
    group = rooms("en")["group"]
    untimed = replace(group, timer=RoomTimer(None, 5.0, True))
    projector = window(qtbot)
    projector.show_room(untimed)
    projector.set_seconds_left(900.0)
    before = projector._header_rect()
    updates = []
    monkeypatch.setattr(projector, "update", lambda *area: updates.append(area))
    projector.show_room(replace(untimed, timer=RoomTimer(20, 5.0, True)))  # the clock appears
    assert projector._header_rect().height() > before.height()  # the title wraps beside it
    assert updates == [()]  # everything: the body moved down with the header


def test_a_change_that_keeps_the_header_repaints_only_what_changed(qtbot, monkeypatch):
    group = rooms("en")["group"]
    projector = window(qtbot)
    projector.show_room(group)
    projector.set_seconds_left(900.0)
    updates = []
    monkeypatch.setattr(projector, "update", lambda *area: updates.append(area))
    projector.show_room(replace(group, timer=replace(group.timer, elapsed_minutes=6.0)))
    assert updates == []  # the minutes spent show nowhere but in the countdown's ticks

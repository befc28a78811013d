"""The projector paints first (okrdesk/ui/paint_first.py): a phone's read in the window's room
starts only when no paint of the projector is under way."""

from __future__ import annotations

import threading

from okrdesk.ui.paint_first import PaintFirst
from okrdesk.ui.projector.window import ProjectorWindow
from tests.test_ui_room import _call, join, open_room, phone


def test_a_read_waits_for_the_paint_under_way_then_goes_on() -> None:
    gate = PaintFirst()
    read = threading.Event()

    def reader() -> None:
        gate.wait()
        read.set()

    with gate.painting():
        assert gate.painting_now
        thread = threading.Thread(target=reader)
        thread.start()
        assert not read.wait(0.2)  # held while the paint lasts (bounded: fails, never hangs)
    assert read.wait(10)
    thread.join(10)
    assert not gate.painting_now


def test_the_projector_holds_the_gate_while_it_paints(qtbot, monkeypatch) -> None:
    seen: list[bool] = []
    real = ProjectorWindow._paint

    def watched(self, event) -> None:
        seen.append(self.paint_first.painting_now)
        real(self, event)

    monkeypatch.setattr(ProjectorWindow, "_paint", watched)
    window = ProjectorWindow()
    qtbot.addWidget(window)
    window.resize(640, 360)
    window.show()
    qtbot.waitExposed(window)
    window.grab()  # a paint, as the screen's
    assert seen and all(seen)
    assert not window.paint_first.painting_now  # and let go after


def test_a_phones_read_in_the_window_passes_the_gate_first(qtbot, tmp_path, monkeypatch) -> None:
    window, _workshop, _path, panel, url = open_room(qtbot, tmp_path)
    # The projector's own gate is the one the room's writer waits at.
    assert panel.control.writer.paint_first is window.projector.window.paint_first
    order: list[str] = []

    class Recording(PaintFirst):
        def wait(self) -> None:
            order.append("gate")
            super().wait()

    monkeypatch.setattr(panel.control.writer, "paint_first", Recording())
    status, joined = join(qtbot, url, "Ana")
    assert status == 200
    order.clear()
    status, _state = phone(qtbot, lambda: _call(url + "api/state", token=joined["token"]))
    assert status == 200
    assert order and set(order) == {"gate"}  # every read of the page went through it

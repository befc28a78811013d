"""A signed-off workshop's phase timer: no countdown in the window nor on the projector (an
approval months ago read "+1781:32:56" of overtime); reopened, the refine phase counts."""

from __future__ import annotations

from datetime import timedelta

from okrdesk.engine import ops
from okrdesk.models import Decision, Phase
from okrdesk.models.types import utc_now
from tests.demo_plans import copy_demo
from tests.ui_helpers import open_window


def test_an_old_signed_workshop_shows_no_overtime_in_the_window_nor_on_the_projector(
    qtbot, tmp_path
):
    path = tmp_path / "signed.okrdesk"
    copy_demo(path, "signed", "en")
    window = open_window(qtbot, path)
    window.projector.place()  # the projector reads the plan only while it is shown
    timer = window.view.timer
    assert window.view.phase == Phase.EXPORT
    later = utc_now() + timedelta(days=74, hours=5)  # the window opened months later
    timer.clock = lambda: later
    timer.refresh()
    assert timer.finished and timer.state.text() == "Signed off"
    assert "no longer counts" in timer.state.toolTip()
    assert not timer.label.isVisible() and not timer.pause_button.isVisible()
    assert not timer.more_button.isVisible()
    assert timer.seconds_left(later) is None
    timer.toggle_pause()  # Ctrl+Space on a signed workshop: nothing to pause
    assert not timer.countdown.paused and timer.state.text() == "Signed off"
    controller = window.projector
    controller._tick()
    assert controller.window.seconds_left is None and controller.window._clock_text() is None


def test_signing_off_stops_the_countdown_and_reopening_counts_the_refine_phase(
    qtbot, tmp_path, monkeypatch
):
    path = tmp_path / "selected.okrdesk"
    copy_demo(path, "selected", "zh_CN")
    window = open_window(qtbot, path, "zh_CN")
    window.projector.place()
    run, workshop = window.session.run, window.view.workshop_id
    run(ops.ChangePhase(workshop, Phase.SIGNOFF))
    timer = window.view.timer
    assert not timer.finished and timer.label.isVisible() and timer.pause_button.isVisible()
    window.projector._tick()
    assert window.projector.window.seconds_left is not None  # the room sees the sign-off's clock
    run(ops.SignOffWorkshop(workshop, Decision.APPROVE, "陈志远"))
    assert timer.finished and not timer.label.isVisible()
    assert timer.state.text() == "已签批"
    window.projector._tick()
    assert window.projector.window.seconds_left is None
    run(ops.ReopenWorkshop(workshop, "预算调整", "陈志远"))
    assert window.view.phase == Phase.SELECT
    assert not timer.finished and timer.label.isVisible() and timer.more_button.isVisible()
    left = timer.seconds_left(timer.clock())
    assert left is not None and left > 0  # a fresh visit: the timebox, not months of overtime
    assert not timer.label.text().startswith("+")

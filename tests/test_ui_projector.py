"""The projector: only what the room should see, on the right screen, readable from the back."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from okrdesk.engine import ops
from okrdesk.models import Phase
from okrdesk.ui.projector import controller as projector_controller
from okrdesk.ui.projector.room import room_view
from tests.ui_helpers import empty_workshop_plan, open_window

HERE = Path(__file__).resolve().parent


def voting_room(qtbot, tmp_path, anonymous=False):
    path = tmp_path / "plan.okrdesk"
    workshop = empty_workshop_plan(path)
    window = open_window(qtbot, path)
    run = window.session.run
    if anonymous:
        run(ops.UpdateWorkshopSettings(workshop, anonymous=True))
    run(ops.ChangePhase(workshop, Phase.BRAINSTORM))
    people = [1, 2, 3]
    cards = [run(ops.AddIdea(workshop, text, people[n])).result for n, text in enumerate(["Win the mid-market", "Cut churn", "Ship weekly"])]
    return window, workshop, path, cards


def texts_in(widget):
    """Every text the projector exposes: its description and any child widget's text."""
    from PySide6.QtWidgets import QWidget

    found = [widget.windowTitle(), widget.accessibleDescription()]
    for child in widget.findChildren(QWidget):
        for getter in ("text", "toolTip", "accessibleName", "accessibleDescription", "windowTitle"):
            value = getattr(child, getter, None)
            if callable(value):
                found.append(str(value()))
    return "\n".join(found)


def test_the_projector_follows_the_phases_and_hides_authors_when_anonymous(qtbot, tmp_path):
    window, workshop, path, cards = voting_room(qtbot, tmp_path)
    projector = window.projector.window
    assert "Projector" in projector.windowTitle()
    assert projector.view.phase == Phase.BRAINSTORM
    assert [c.text for c in projector.view.cards] == ["Win the mid-market", "Cut churn", "Ship weekly"]
    assert projector.view.cards[0].author == "Ana"
    window.session.run(ops.UpdateWorkshopSettings(workshop, anonymous=True))
    assert all(card.author is None for card in projector.view.cards)
    assert "Ana" not in texts_in(projector)
    window.session.run(ops.ChangePhase(workshop, Phase.GROUP))
    objective = window.session.run(ops.MakeObjectiveFromIdea(cards[0])).result
    window.session.run(ops.AddKeyResult(objective, ops.KeyResultFields("Sign 40 customers", target=40)))
    assert projector.view.objectives[0].key_results == ("Sign 40 customers",)


def test_no_tally_reaches_the_projector_before_the_reveal(qtbot, tmp_path):
    window, workshop, path, cards = voting_room(qtbot, tmp_path)
    run = window.session.run
    run(ops.ChangePhase(workshop, Phase.GROUP))
    objectives = [run(ops.MakeObjectiveFromIdea(card)).result for card in cards]
    run(ops.ChangePhase(workshop, Phase.VOTE))
    run(ops.OpenVoting(workshop))
    for _ in range(3):
        run(ops.CastDot(workshop, 1, objectives[0]))
    run(ops.CastDot(workshop, 2, objectives[1]))
    run(ops.ConfirmBallot(workshop, 1))
    projector = window.projector.window
    view = projector.view
    assert (view.ballots_in, view.ballots_expected) == (1, 3)
    assert view.not_voted == ("Bo", "陈静")  # names only
    assert view.standings is None and view.objectives == ()
    shown = texts_in(projector)
    assert "1 / 3" in shown and "Bo" in shown
    assert "Win the mid-market" not in shown  # not even which items are on the ballot with counts
    projector.grab()  # painting before the reveal must work without any tally
    run(ops.CloseVoting(workshop))
    assert projector.view.standings is None
    run(ops.RevealTally(workshop))
    standings = projector.view.standings
    assert [(s.title, s.dots) for s in standings][:2] == [("Win the mid-market", 3), ("Cut churn", 1)]
    assert projector.reveal < 1.0  # the build-up animation is playing
    qtbot.waitUntil(lambda: projector.reveal == 1.0, timeout=4000)


def test_the_cut_off_and_a_tie_are_marked(qtbot, tmp_path):
    window, workshop, path, cards = voting_room(qtbot, tmp_path)
    run = window.session.run
    run(ops.UpdateWorkshopSettings(workshop, selection_size=2))
    run(ops.ChangePhase(workshop, Phase.GROUP))
    objectives = [run(ops.MakeObjectiveFromIdea(card)).result for card in cards]
    run(ops.ChangePhase(workshop, Phase.VOTE))
    run(ops.OpenVoting(workshop))
    run(ops.CastDot(workshop, 1, objectives[0]))
    run(ops.CastDot(workshop, 1, objectives[0]))
    run(ops.CastDot(workshop, 2, objectives[1]))
    run(ops.CastDot(workshop, 3, objectives[2]))
    run(ops.CloseVoting(workshop))
    run(ops.RevealTally(workshop))
    view = window.projector.window.view
    assert view.tie and view.cutoff == 2
    assert [s.status for s in view.standings] == ["in", "tied", "tied"]


def test_blank_and_freeze(qtbot, tmp_path):
    window, workshop, path, cards = voting_room(qtbot, tmp_path)
    projector = window.projector.window
    window.blank_action.trigger()
    assert projector.blank
    image = projector.grab().toImage()
    assert image.pixelColor(image.width() // 2, image.height() // 2).name() == "#000000"
    window.blank_action.trigger()
    window.freeze_action.trigger()
    window.session.run(ops.AddIdea(workshop, "after the freeze"))
    assert "after the freeze" not in [c.text for c in projector.view.cards]
    window.freeze_action.trigger()
    window.session.run(ops.AddIdea(workshop, "after the thaw"))
    assert "after the thaw" in [c.text for c in projector.view.cards]


def test_text_is_at_least_a_thirtieth_of_the_screen_height(qtbot, tmp_path):
    window, workshop, path, cards = voting_room(qtbot, tmp_path)
    projector = window.projector.window
    for width, height in ((1024, 768), (1920, 1080), (3840, 2160)):
        projector.resize(width, height)
        assert projector.unit() >= height / 30
        assert projector._font(0.85).pixelSize() >= round(height / 30 * 0.85)


def test_forty_cards_fit_on_pages(qtbot, tmp_path):
    window, workshop, path, cards = voting_room(qtbot, tmp_path)
    for n in range(45):
        window.session.run(ops.AddIdea(workshop, f"想法 {n}：提高客户续约率和满意度 {n}"))
    projector = window.projector.window
    projector.resize(1024, 768)
    projector.show()
    projector.grab()
    assert projector.pages >= 2
    first = projector.page
    projector._next_page()
    assert projector.page != first


def test_unplugging_the_projector_screen_moves_the_window_to_a_remaining_screen(qtbot, tmp_path, monkeypatch):
    window, workshop, path, cards = voting_room(qtbot, tmp_path)
    controller = window.projector
    from PySide6.QtGui import QGuiApplication

    only = QGuiApplication.primaryScreen()
    controller.window.show()
    monkeypatch.setattr(projector_controller, "available_screens", lambda: [only])
    controller._screen_removed(only)  # as if the screen it was on went away
    qtbot.waitUntil(lambda: controller.window.isVisible() and not controller.window.isFullScreen())
    assert only.geometry().contains(controller.window.geometry().center())


TWO_SCREENS = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from okrdesk.ui.app import build_window
    window = build_window(Path(sys.argv[1]), demo=False, language="zh_CN")
    window.show()
    window.projector.open_automatically()
    projector = window.projector.window
    QTest.qWaitForWindowExposed(projector)
    screens = QGuiApplication.screens()
    print(len(screens), projector.isFullScreen(), projector.screen().name(), projector.windowTitle())
    print(projector.geometry().getRect() == screens[1].geometry().getRect())
    """
)


def test_with_a_second_screen_the_projector_opens_full_screen_on_it(tmp_path):
    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={HERE / 'two-screens.json'}",
        "OKRDESK_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run([sys.executable, "-c", TWO_SCREENS, str(path)], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.strip().splitlines()[-2:]
    assert first.startswith("2 True projector") and "投影" in first
    assert second == "True"


def test_the_room_view_is_plain_data(qtbot, tmp_path):
    window, workshop, path, cards = voting_room(qtbot, tmp_path)
    with window.session.read() as session:
        view = room_view(session, workshop)
    assert view.title == "Management meeting" and len(view.cards) == 3


def test_thawing_catches_up_and_closing_the_plan_clears_the_wall(qtbot, tmp_path):
    window, workshop, path, cards = voting_room(qtbot, tmp_path)
    projector = window.projector.window
    window.freeze_action.trigger()
    window.session.run(ops.AddIdea(workshop, "while frozen"))
    assert "while frozen" not in [c.text for c in projector.view.cards]
    window.freeze_action.trigger()
    assert "while frozen" in [c.text for c in projector.view.cards]
    window.freeze_action.trigger()
    window.close_plan()
    assert projector.view is None and not projector.frozen

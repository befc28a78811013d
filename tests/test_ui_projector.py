"""The projector: only what the room should see, on the right screen, readable from the back."""

import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

from okrdesk.engine import ops
from okrdesk.engine.room_changes import room_view_after
from okrdesk.engine.room_view import RoomShows, SeatStatus, TieState, room_view
from okrdesk.models import Phase
from okrdesk.ui.projector import controller as projector_controller
from tests.ui_helpers import empty_workshop_plan, open_window

HERE = Path(__file__).resolve().parent


def voting_room(qtbot, tmp_path, anonymous=False):
    path = tmp_path / "plan.okrdesk"
    workshop = empty_workshop_plan(path)
    window = open_window(qtbot, path)
    window.projector.place()  # the projector reads the plan only while it is shown
    run = window.session.run
    if anonymous:
        run(ops.UpdateWorkshopSettings(workshop, anonymous=True))
    run(ops.ChangePhase(workshop, Phase.BRAINSTORM))
    people = [1, 2, 3]
    cards = [
        run(ops.AddIdea(workshop, text, people[n])).result
        for n, text in enumerate(["Win the mid-market", "Cut churn", "Ship weekly"])
    ]
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
    window, workshop, _path, cards = voting_room(qtbot, tmp_path)
    projector = window.projector.window
    assert "Projector" in projector.windowTitle()
    assert projector.view.phase == Phase.BRAINSTORM
    assert [c.text for c in projector.view.cards] == [
        "Win the mid-market",
        "Cut churn",
        "Ship weekly",
    ]
    assert projector.view.cards[0].author == "Ana"
    window.session.run(ops.UpdateWorkshopSettings(workshop, anonymous=True))
    assert all(card.author is None for card in projector.view.cards)
    assert "Ana" not in texts_in(projector)
    window.session.run(ops.ChangePhase(workshop, Phase.GROUP))
    objective = window.session.run(ops.MakeObjectiveFromIdea(cards[0])).result
    window.session.run(
        ops.AddKeyResult(objective, ops.KeyResultFields("Sign 40 customers", target=40))
    )
    assert projector.view.objectives[0].key_results == ("Sign 40 customers",)


def test_no_tally_reaches_the_projector_before_the_reveal(qtbot, tmp_path):
    window, workshop, _path, cards = voting_room(qtbot, tmp_path)
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
    assert view.shows == RoomShows.BALLOTS and view.result is None
    assert [o.id for o in view.objectives] == objectives  # what the room votes on, no counts
    assert (view.ballots.ballots_in, view.ballots.ballots_expected) == (1, 3)
    assert view.ballots.not_voted == ("Bo", "陈静")  # names only
    shown = texts_in(projector)
    assert "1 / 3" in shown and "Bo" in shown
    # The candidates are named (the room votes on what it can read), never with a count.
    lines = shown.splitlines()
    assert any(line.startswith("Win the mid-market") for line in lines)
    assert not any(line.startswith("Win the mid-market") and line[-1].isdigit() for line in lines)
    projector.grab()  # painting before the reveal must work without any tally
    run(ops.CloseVoting(workshop))
    assert projector.view.result is None
    run(ops.RevealTally(workshop))
    standings = projector.view.result.standings
    assert [(s.title, s.dots) for s in standings][:2] == [
        ("Win the mid-market", 3),
        ("Cut churn", 1),
    ]
    assert projector.reveal < 1.0  # the build-up animation is playing
    qtbot.waitUntil(lambda: projector.reveal == 1.0, timeout=4000)


def test_the_cut_off_and_a_tie_are_marked(qtbot, tmp_path):
    window, workshop, _path, cards = voting_room(qtbot, tmp_path)
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
    projector = window.projector.window
    result = projector.view.result
    assert result.tie == TieState.TIED and result.cutoff == 2
    assert [s.status for s in result.standings] == [SeatStatus.IN, SeatStatus.TIED, SeatStatus.TIED]
    assert "Tie at the cut-off: run-off or decision" in texts_in(projector)
    projector.grab()


def test_a_decided_tie_shows_its_outcome_and_reason_not_a_tie_still_open(qtbot, tmp_path):
    window, workshop, _path, cards = voting_room(qtbot, tmp_path)
    run = window.session.run
    run(ops.UpdateWorkshopSettings(workshop, selection_size=2))
    run(ops.ChangePhase(workshop, Phase.GROUP))
    objectives = [run(ops.MakeObjectiveFromIdea(card)).result for card in cards]
    run(ops.ChangePhase(workshop, Phase.VOTE))
    run(ops.OpenVoting(workshop))
    run(ops.CastDot(workshop, 1, objectives[0]))
    run(ops.CastDot(workshop, 2, objectives[1]))
    run(ops.CastDot(workshop, 3, objectives[2]))
    run(ops.CloseVoting(workshop))
    run(ops.RevealTally(workshop))
    run(ops.StartRunoff(workshop))
    projector = window.projector.window
    assert projector.view.shows == RoomShows.BALLOTS and projector.view.ballots.runoff
    assert "Run-off open" not in texts_in(projector)  # painted, not a text: check the view
    run(ops.CastDot(workshop, 1, objectives[1]))
    run(ops.CastDot(workshop, 2, objectives[2]))
    run(ops.CastDot(workshop, 3, objectives[0]))
    run(ops.CloseVoting(workshop))
    run(ops.RevealTally(workshop))  # tied again: three for two seats
    assert projector.view.result.tie == TieState.TIED
    run(
        ops.DecideTie(workshop, (objectives[2], objectives[0]), "Shipping weekly unblocks the rest")
    )
    result = projector.view.result
    assert (
        result.tie == TieState.DECIDED
        and result.decision.reason == "Shipping weekly unblocks the rest"
    )
    assert result.decision.passed_over == ("Cut churn",)
    shown = texts_in(projector)
    assert "Tie decided by the facilitator: " in shown
    assert "Ship weekly" in shown.split("Tie decided by the facilitator: ")[1].splitlines()[0]
    assert "Reason: Shipping weekly unblocks the rest" in shown
    assert "Tie at the cut-off" not in shown
    projector.grab()


def test_blank_and_freeze(qtbot, tmp_path):
    window, workshop, _path, _cards = voting_room(qtbot, tmp_path)
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


def test_text_is_at_least_a_twenty_second_of_the_screen_height(qtbot, tmp_path):
    """A landscape screen's (4:3 to 16:9) height; on a portrait screen, of three quarters
    of its width (a 22nd of its height would not fit a line across it)."""
    window, _workshop, _path, _cards = voting_room(qtbot, tmp_path)
    projector = window.projector.window
    for width, height in ((1024, 768), (1920, 1080), (3840, 2160), (1080, 1920), (768, 1024)):
        projector.resize(width, height)
        side = min(height, width * 3 / 4)
        assert projector.unit() >= side / 22
        assert projector._font(1.0).pixelSize() >= side / 22
        if width >= height:
            assert projector.unit() >= height / 22


def test_forty_cards_fit_on_pages(qtbot, tmp_path):
    window, workshop, _path, _cards = voting_room(qtbot, tmp_path)
    for n in range(45):
        window.session.run(ops.AddIdea(workshop, f"想法 {n}：提高客户续约率和满意度 {n}"))
    projector = window.projector.window
    projector.resize(1024, 768)
    projector.show()
    projector.grab()
    assert projector.pages >= 2
    first = projector.page
    projector.next_page()
    assert projector.page != first


def test_unplugging_the_projector_screen_moves_the_window_to_a_remaining_screen(
    qtbot, tmp_path, monkeypatch
):
    window, _workshop, _path, _cards = voting_room(qtbot, tmp_path)
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
    shown = projector.isFullScreen(), projector.screen().name(), projector.windowTitle()
    print(len(screens), *shown)
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
    result = subprocess.run(
        [sys.executable, "-c", TWO_SCREENS, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.strip().splitlines()[-2:]
    assert first.startswith("2 True projector") and "投影" in first
    assert second == "True"


FIXED = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)


class Clock:
    """A clock that stands still until a test moves it."""

    def __init__(self) -> None:
        self.now = FIXED

    def __call__(self) -> datetime:
        return self.now


def test_the_projector_paints_the_room_view_a_test_builds_without_qt(qtbot, tmp_path):
    window, workshop, _path, cards = voting_room(qtbot, tmp_path)
    window.session.editor.clock = Clock()
    run = window.session.run
    run(ops.ChangePhase(workshop, Phase.GROUP))
    objective = run(ops.MakeObjectiveFromIdea(cards[0])).result
    run(ops.AddKeyResult(objective, ops.KeyResultFields("Sign 40 customers", target=40)))
    painted = window.projector.room()
    built = window.session.editor.view(room_view, workshop, FIXED)
    assert painted == built and painted.objectives[0].key_results == ("Sign 40 customers",)
    run(ops.ChangePhase(workshop, Phase.VOTE))
    run(ops.OpenVoting(workshop))
    run(ops.ConfirmBallot(workshop, 1))
    assert window.projector.room() == window.session.editor.view(room_view, workshop, FIXED)


def counting_reads(monkeypatch):
    """Count the room views the projector builds or patches (each is one read of the plan)."""
    reads = []

    def counting(build):
        def counted(*args):
            reads.append(build.__name__)
            return build(*args)

        return counted

    for build in (room_view, room_view_after):
        monkeypatch.setattr(projector_controller, build.__name__, counting(build))
    return reads


def test_a_hidden_projector_reads_nothing_until_shown(qtbot, tmp_path, monkeypatch):
    window, workshop, _path, cards = voting_room(qtbot, tmp_path)
    controller = window.projector
    reads = counting_reads(monkeypatch)
    controller.toggle()  # hide
    assert not controller.window.isVisible()
    window.session.run(ops.AddIdea(workshop, "while hidden"))
    window.session.run(ops.EditIdea(cards[0], "edited while hidden"))
    window.session.run(ops.ChangePhase(workshop, Phase.GROUP))
    controller._tick()
    assert reads == []
    assert "while hidden" not in [c.text for c in controller.room().cards]
    assert not controller._clock.isActive()
    controller.toggle()  # show again: one read catches up
    assert len(reads) == 1
    assert controller._clock.isActive()
    assert controller.room().phase == Phase.GROUP and controller.room().cards == ()


def test_the_projector_reads_only_changes_about_its_workshop_that_it_shows(
    qtbot, tmp_path, monkeypatch
):
    window, workshop, _path, cards = voting_room(qtbot, tmp_path)
    run = window.session.run
    other = run(ops.CreateWorkshop(1, 1, "Another room")).result
    window.view.show_workshop(workshop)
    run(ops.ChangePhase(workshop, Phase.GROUP))
    objectives = [run(ops.MakeObjectiveFromIdea(card)).result for card in cards]
    run(ops.ChangePhase(workshop, Phase.VOTE))
    run(ops.OpenVoting(workshop))
    reads = counting_reads(monkeypatch)
    # A change about another workshop (made here, the laptop would go to it: tell the
    # projector alone, as the booth or a phone in another room would).
    window.projector._changed(window.session.editor.apply(ops.AddParticipant(other, "Zed")))
    assert reads == []
    run(ops.CastDot(workshop, 1, objectives[0]))  # before the reveal a dot shows nothing
    run(ops.SetPaperTally(workshop, objectives[1], 4))
    assert reads == []
    run(ops.ConfirmBallot(workshop, 1))  # "1 / 3 ballots in" changes
    assert len(reads) == 1 and window.projector.room().ballots.ballots_in == 1


def test_grouping_reads_only_what_the_wall_shows(qtbot, tmp_path, monkeypatch):
    window, workshop, _path, cards = voting_room(qtbot, tmp_path)
    window.session.editor.clock = Clock()
    run = window.session.run
    run(ops.ChangePhase(workshop, Phase.GROUP))
    first, second = (run(ops.MakeObjectiveFromIdea(card)).result for card in cards[:2])
    reads = counting_reads(monkeypatch)
    run(ops.MoveIdea(cards[2], first, 0))  # cards are not on the projector while grouping
    assert reads == []
    run(ops.RenameObjective(second, "Keep our customers"))
    assert reads == ["room_view_after"]
    painted = window.projector.room()
    assert [o.title for o in painted.objectives] == ["Win the mid-market", "Keep our customers"]
    assert painted == window.session.view(room_view, workshop, FIXED)


def test_the_tick_repaints_the_countdown_alone(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    window, _workshop, _path, _cards = voting_room(qtbot, tmp_path)
    clock = Clock()
    # The phase began by the real clock: a fixed clock before its start would show the whole
    # timebox standing still, so the clock stands a minute into the phase on every date.
    clock.now = window.view.timer.countdown.started + timedelta(minutes=1)
    window.session.editor.clock = clock
    controller, projector = window.projector, window.projector.window
    qtbot.waitExposed(projector)
    # The injected clock's first reading may change the countdown's width (hours appear):
    # that repaints everything once (the title moves); the ticks counted come after it.
    controller._tick()
    QApplication.processEvents()  # paint what is pending before counting
    reads = counting_reads(monkeypatch)
    painted = {"header": 0, "wall": 0}
    header, cards_painter = projector._paint_header, projector._paint_cards

    def count(name, paint):
        def counted(*args):
            painted[name] += 1
            return paint(*args)

        return counted

    monkeypatch.setattr(projector, "_paint_header", count("header", header))
    monkeypatch.setattr(projector, "_paint_cards", count("wall", cards_painter))
    for _ in range(3):
        clock.now += timedelta(seconds=1)
        shown = painted["header"]
        controller._tick()
        qtbot.waitUntil(lambda shown=shown: painted["header"] > shown)
    assert reads == [] and painted["wall"] == 0
    assert projector.seconds_left == window.view.timer.countdown.remaining(clock.now)
    projector.update()  # a full repaint still paints the wall
    qtbot.waitUntil(lambda: painted["wall"] == 1)


def test_thawing_catches_up_and_closing_the_plan_clears_the_wall(qtbot, tmp_path):
    window, workshop, _path, _cards = voting_room(qtbot, tmp_path)
    projector = window.projector.window
    window.freeze_action.trigger()
    window.session.run(ops.AddIdea(workshop, "while frozen"))
    assert "while frozen" not in [c.text for c in projector.view.cards]
    window.freeze_action.trigger()
    assert "while frozen" in [c.text for c in projector.view.cards]
    window.freeze_action.trigger()
    window.close_plan()
    assert projector.view is None and not projector.frozen


def test_a_change_to_one_objective_repaints_its_block_alone_and_the_same(
    qtbot, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QApplication

    window, workshop, _path, _cards = voting_room(qtbot, tmp_path)
    run = window.session.run
    run(ops.ChangePhase(workshop, Phase.GROUP))
    objectives = [
        run(ops.CreateObjective(workshop, f"目标 {n}：提升客户满意度")).result for n in range(8)
    ]
    for objective in objectives:
        run(ops.AddKeyResult(objective, ops.KeyResultFields("关键结果：续约率 90%", target=90)))
    projector = window.projector.window
    projector.resize(1280, 720)
    qtbot.waitExposed(projector)
    projector.update()
    QApplication.processEvents()
    body = projector._body_rect().toAlignedRect()
    asked = []
    update = projector.update
    monkeypatch.setattr(projector, "update", lambda *area: (asked.append(area), update(*area)))
    run(ops.RenameObjective(objectives[4], "Keep 留住客户"))  # as high as before
    QApplication.processEvents()
    on_the_wall = [area for area in asked if not area or area[0].intersects(body)]
    assert len(on_the_wall) == 1 and on_the_wall[0], "a whole repaint for one objective"
    assert on_the_wall[0][0].height() < body.height() / 2
    # What is on screen after the partial repaint is what a whole repaint paints.
    shown = projector.screen().grabWindow(projector.winId()).toImage().copy(body)
    whole = projector.grab().toImage().convertToFormat(shown.format()).copy(body)
    assert shown == whole


def test_what_the_projector_says_follows_the_language(qtbot, tmp_path):
    window, _workshop, _path, _cards = voting_room(qtbot, tmp_path)
    projector = window.projector.window
    assert "Brainstorm" in projector.accessibleDescription()
    window.set_language("zh_CN")
    assert "头脑风暴" in projector.accessibleDescription()
    assert "Brainstorm" not in projector.accessibleDescription()


def test_a_card_added_turns_to_its_page_and_a_card_edited_off_the_page_repaints_nothing(
    qtbot, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QApplication

    window, workshop, _path, _cards = voting_room(qtbot, tmp_path)
    projector = window.projector.window
    projector.resize(1024, 768)
    ideas = [
        window.session.run(ops.AddIdea(workshop, f"想法 {n}：提高客户续约率和满意度 {n}")).result
        for n in range(45)
    ]
    qtbot.waitExposed(projector)
    projector.update()
    QApplication.processEvents()
    assert projector.pages >= 2 and projector.page == projector.pages - 1  # the newest card's
    projector.page = 0
    asked = []
    update = projector.update
    monkeypatch.setattr(projector, "update", lambda *area: (asked.append(area), update(*area)))
    body = projector._body_rect().toAlignedRect()
    window.session.run(ops.EditIdea(ideas[-1], "edited on the last page"))
    assert [area for area in asked if not area or area[0].intersects(body)] == []
    assert projector.view.cards[-1].text == "edited on the last page"  # known, not painted
    assert projector.page == 0
    window.session.run(ops.AddIdea(workshop, "a new card"))
    assert projector.page == projector.pages - 1 and asked[-1] == ()  # its page, painted whole
    assert projector.highlighted_card() == projector.view.cards[-1].id

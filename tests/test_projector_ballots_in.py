"""A ballot handed in repaints the ballots alone (their band above the candidates, or their
panel beside them) and the screen then shows what a whole repaint would; the names not voted
yet are fitted once per change, searched from the last fit; what is kept follows the size,
the candidates and the title."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from benchmarks.rooms import objectives, rooms
from okrdesk.engine.room_view import RoomBallots, RoomObjective
from okrdesk.ui.projector.text_fit import recording
from okrdesk.ui.projector.vote_screen import most_that_fit
from okrdesk.ui.projector.window import ProjectorWindow

PEOPLE = tuple(f"Participant {n}" for n in range(1, 51))


def voting(candidates: int, voted: int, language: str = "en"):
    """The vote screen with ``voted`` of the 50 people's ballots in (the first ones)."""
    return replace(
        rooms(language)["vote"],
        objectives=objectives(language, candidates),
        ballots=RoomBallots(1, False, True, voted, len(PEOPLE), PEOPLE[voted:]),
    )


def shown_window(qtbot, view, size=(1920, 1080)):
    window = ProjectorWindow()
    qtbot.addWidget(window)
    window.resize(*size)
    window.show_room(view)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window


def updates(window, monkeypatch):
    asked: list[tuple[QRect, ...]] = []
    update = window.update
    monkeypatch.setattr(window, "update", lambda *area: (asked.append(area), update(*area)))
    return asked


def on_screen_is_whole_repaint(window) -> bool:
    shown = window.screen().grabWindow(window.winId()).toImage()
    whole = window.grab().toImage().convertToFormat(shown.format())
    return shown == whole


def names_drawn(window) -> tuple[list[str], int]:
    """The names the screen lists as not voted yet, and how many more it says there are."""
    with recording() as recorder:
        window.grab()
    assert not recorder.problems()
    text = next(t for t in recorder.texts() if t.startswith("Not voted yet"))
    more = re.search(r"\(and (\d+) more\)", text)
    listed = re.findall(r"Participant\s(\d+)", text.replace("\u00a0", " "))
    return [f"Participant {n}" for n in listed], int(more.group(1)) if more else 0


@pytest.mark.parametrize("candidates", [3, 200], ids=["panel beside", "band above"])
def test_a_ballot_in_repaints_the_ballots_alone_and_the_same(qtbot, monkeypatch, candidates):
    window = shown_window(qtbot, voting(candidates, 10))
    body = window._body_rect().toAlignedRect()
    asked = updates(window, monkeypatch)
    for voted in (11, 12, 11):  # two handed in, one taken back
        asked.clear()
        window.show_room(voting(candidates, voted))
        QApplication.processEvents()
        assert len(asked) == 1 and asked[0], "a whole repaint for a ballot"
        area = asked[0][0]
        # The band is a strip at the top; the panel is the right third.
        assert area.height() < body.height() / 2 or area.left() > body.center().x()
        assert on_screen_is_whole_repaint(window)
        listed, more = names_drawn(window)
        assert listed == list(PEOPLE[voted : voted + len(listed)]) and listed
        assert len(listed) + more == len(PEOPLE) - voted


def test_names_taking_fewer_lines_move_the_candidates_so_all_repaints(qtbot, monkeypatch):
    window = shown_window(qtbot, voting(200, 10))  # the names take two lines
    asked = updates(window, monkeypatch)
    window.show_room(voting(200, 48))  # two names left: one line
    QApplication.processEvents()
    assert asked == [()]
    assert on_screen_is_whole_repaint(window)


def test_what_is_kept_follows_the_size_the_candidates_and_the_title(qtbot, chinese):
    window = shown_window(qtbot, voting(200, 10, "zh"))

    def drawn(window):
        with recording() as recorder:
            window.grab()
        return [(d.text, d.rect, d.pixels) for d in recorder.drawn]

    renamed = voting(200, 10, "zh")
    first = renamed.objectives[0]
    renamed = replace(
        renamed,
        title="一个很长的研讨会标题，" * 6,
        objectives=(RoomObjective(first.id, "新的候选目标标题", ()), *renamed.objectives[1:]),
    )
    for size, view in (((1024, 768), voting(200, 10, "zh")), ((1024, 768), renamed)):
        window.resize(*size)
        window.show_room(view)
        assert drawn(window) == drawn(shown_window(qtbot, view, size))
    assert "新的候选目标标题" in [text for text, _rect, _px in drawn(window)]


@pytest.mark.parametrize("count", [0, 1, 2, 7, 50])
def test_the_most_names_that_fit_are_found_from_any_start(count):
    for fitting in range(count + 1):
        for start in (None, -1, 0, 1, fitting - 1, fitting, fitting + 1, count, count + 5):
            asked: list[int] = []

            def fits(shown: int, fitting: int = fitting, asked: list[int] = asked) -> bool:
                asked.append(shown)
                return shown <= fitting

            assert most_that_fit(count, fits, start) == fitting
            assert len(asked) <= 2 * max(1, count).bit_length() + 3
    # From the last answer, a ballot in or taken back costs a couple of tries.
    tries: list[int] = []
    most_that_fit(50, lambda shown: tries.append(shown) is None and shown <= 21, 20)
    assert len(tries) <= 3


def test_the_band_growing_back_reuses_the_candidates_layout(qtbot, monkeypatch):
    window = shown_window(qtbot, voting(200, 10))  # the names in two lines
    laid: list[bool] = []
    stacked = window._stacked
    monkeypatch.setattr(
        window, "_stacked", lambda *args, **kw: (laid.append(True), stacked(*args, **kw))[1]
    )
    counts = []
    for voted in (48, 10, 48, 11, 47):  # one line, two lines, one line...
        laid.clear()
        window.show_room(voting(200, voted))
        QApplication.processEvents()
        counts.append(len(laid))
    # Laid out for the one-line band once; the two-line band's layout was kept from the start.
    assert counts[0] > 0 and counts[1:] == [0, 0, 0, 0]
    assert on_screen_is_whole_repaint(window)

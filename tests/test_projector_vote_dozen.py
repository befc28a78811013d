"""The vote screen with a full agenda: twelve candidates with three to five key results each
stay in view on one or two pages (three on a 1024x768 screen in English) instead of one page
per candidate: the key results show while the candidates with them take at most two pages,
else the titles alone do (numbered, all of them, none cut)."""

from dataclasses import replace

import pytest

from benchmarks.rooms import NAMES, base, dozen
from okrdesk.engine.room_view import RoomBallots, RoomObjective, RoomShows
from okrdesk.models import Phase
from okrdesk.ui.projector.text_fit import floor_px
from tests.test_projector_clipping import paint_every_page

MOST_PAGES = {(1920, 1080): 2, (1024, 768): 3}


def voting(language: str, candidates: tuple[RoomObjective, ...]):
    return replace(
        base(language, Phase.VOTE, RoomShows.BALLOTS),
        objectives=candidates,
        ballots=RoomBallots(1, False, True, 6, 10, NAMES[:4]),
    )


def check_dozen(qtbot, language: str, size: tuple[int, int]) -> None:
    view = voting(language, dozen(language))
    recorder, pages = paint_every_page(qtbot, view, size)
    assert pages <= MOST_PAGES[size], (language, size, pages)
    assert recorder.problems(floor=floor_px(size[1], size[0])) == []
    drawn = recorder.texts()
    for number, candidate in enumerate(view.objectives, start=1):
        assert candidate.title in drawn and str(number) in drawn
    # Twelve candidates with their key results would take a page each: the titles alone.
    assert not any(kr in drawn for c in view.objectives for kr in c.key_results)


@pytest.mark.parametrize("size", list(MOST_PAGES), ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_dozen_candidates_stay_in_view_in_english(qtbot, size):
    check_dozen(qtbot, "en", size)


@pytest.mark.parametrize("size", list(MOST_PAGES), ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_dozen_candidates_stay_in_view_in_chinese(qtbot, chinese, size):
    check_dozen(qtbot, "zh", size)


def test_a_few_candidates_keep_their_key_results(qtbot):
    few = tuple(
        RoomObjective(n + 1, title, ("Churn below 6 %", "Renewals at 92 %"))
        for n, title in enumerate(("Cut churn in half", "Ship weekly", "Open two regions"))
    )
    recorder, pages = paint_every_page(qtbot, voting("en", few), (1920, 1080))
    assert pages == 1
    drawn = recorder.texts()
    assert drawn.count("Churn below 6 %") == 3 and drawn.count("Renewals at 92 %") == 3

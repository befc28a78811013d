"""Nothing on the projector is ever cut off: every phase, painted with the longest demo texts
at 1024x768 and 1920x1080 (and on portrait screens, 1080x1920 and 768x1024) in both
languages, draws every text whole (no "…", no line left out, no line wider than its
rectangle) and no text smaller than the floor (a 22nd of the screen height; of three
quarters of the width on a portrait screen).

The recorder sees every text drawn through text_fit.draw_text, the one way projector text
is drawn; a last test keeps it that way (no QPainter.drawText in the projector's screens).
"""

import re
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from benchmarks.rooms import WORKSHOP, rooms
from okrdesk.engine.room_view import RoomResult, RoomStanding, SeatStatus, TieState
from okrdesk.ui.projector.text_fit import NBSP, WORD_JOINER, floor_px, recording
from okrdesk.ui.projector.vote_screen import _unbroken
from okrdesk.ui.projector.window import ProjectorWindow

ROOT = Path(__file__).resolve().parent.parent
SIZES = ((1024, 768), (1920, 1080))
# Portrait screens (a projector turned on its side, a tall display): text sized by the width.
PORTRAIT = ((1080, 1920), (768, 1024))
PHASES = sorted(rooms("en"))
# Every phase on every landscape size and at 1080x1920; at 768x1024 the screens with the most
# text (the four reveals lay out alike: one of them), to keep the suite quick.
TALL = ("brainstorm", "decided", "group", "runoff-open", "setup", "signoff-presented", "vote")
SCREENS = [
    (phase, size)
    for phase in PHASES
    for size in SIZES + PORTRAIT
    if size != (768, 1024) or phase in TALL
]


def paint_every_page(qtbot, view, size):
    """Every page of the phase as the room would see it (paged by the facilitator's keys),
    the reveal's build-up finished; returns the recorder and the pages painted."""
    projector = ProjectorWindow()
    qtbot.addWidget(projector)
    projector.resize(*size)
    projector.show_room(view)
    projector._animation.stop()
    projector.reveal = 1.0
    projector.set_seconds_left(-41.0)  # overtime: the widest clock there is
    with recording() as recorder:
        projector.grab()
        pages = projector.pages
        for page in range(1, pages):
            projector.page = page
            projector.grab()
    width, height = size
    body = projector._body_rect()
    footer = {f"{page} / {pages}" for page in range(1, pages + 1)}
    for item in recorder.drawn:
        x, y, w, _h = item.rect
        if y >= body.top() and item.text not in footer:  # the body's texts stay above the footer
            assert y + item.needed[1] <= body.bottom() + 0.5, f"into the footer: {item}"
    for item in recorder.drawn:  # a text whole but off the screen is cut all the same
        x, y, w, _h = item.rect
        shown = x >= -0.5 and y >= -0.5 and x + w <= width + 0.5
        assert shown and y + item.needed[1] <= height + 0.5, f"off the screen: {item}"
    return recorder, pages


@pytest.mark.parametrize(
    ("phase", "size"), SCREENS, ids=lambda v: v if isinstance(v, str) else f"{v[0]}x{v[1]}"
)
def test_nothing_is_cut_in_english(qtbot, phase, size):
    view = rooms("en")[phase]
    recorder, _pages = paint_every_page(qtbot, view, size)
    assert recorder.drawn, "nothing recorded: the phase drew no text through text_fit"
    assert recorder.problems(floor=floor_px(size[1], size[0])) == []


@pytest.mark.parametrize(
    ("phase", "size"), SCREENS, ids=lambda v: v if isinstance(v, str) else f"{v[0]}x{v[1]}"
)
def test_nothing_is_cut_in_chinese(qtbot, chinese, phase, size):
    view = rooms("zh")[phase]
    recorder, _pages = paint_every_page(qtbot, view, size)
    assert recorder.drawn
    assert recorder.problems(floor=floor_px(size[1], size[0])) == []


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_title_of_the_reveal_is_drawn_whole_on_some_page(qtbot, language):
    for name in ("reveal", "tie", "runoff", "decided"):
        view = rooms(language)[name]
        for size in SIZES:
            recorder, _pages = paint_every_page(qtbot, view, size)
            drawn = recorder.texts()
            for standing in view.result.standings:
                assert standing.title in drawn, (name, size, standing.title)


def test_the_reveal_labels_the_cut_off_and_marks_a_tie_in_words_and_on_its_rows(qtbot, chinese):
    view = rooms("zh")["tie"]
    recorder, _pages = paint_every_page(qtbot, view, (1920, 1080))
    drawn = recorder.texts()
    assert "入选线 · 前 3 名" in drawn
    assert drawn.count("平票") == 2  # on both tied rows
    assert any(text.startswith("入选线上平票") for text in drawn)


def test_the_cut_off_is_labelled_in_english(qtbot):
    recorder, _pages = paint_every_page(qtbot, rooms("en")["tie"], (1024, 768))
    assert "Cut-off · top 3" in recorder.texts()
    assert "2 objectives tied for 1 seat" in recorder.texts()  # one seat, said so
    assert recorder.texts().count("TIE") == 2


def test_a_decision_shows_its_outcome_and_reason(qtbot):
    view = rooms("en")["decided"]
    recorder, _pages = paint_every_page(qtbot, view, (1024, 768))
    drawn = recorder.texts()
    assert f"Tie decided by the facilitator: {view.result.decision.chosen[0]}" in drawn
    assert f"Reason: {view.result.decision.reason}" in drawn


def test_the_vote_shows_the_candidates_beside_the_ballots_and_no_count(qtbot):
    view = rooms("en")["vote"]
    # Two candidates: with their key results (on two pages at most, the facilitator turns).
    view = replace(view, objectives=view.objectives[1:3])
    recorder, pages = paint_every_page(qtbot, view, (1920, 1080))
    assert pages <= 2
    drawn = [text.replace("\u00a0", " ").replace("\u2060", "") for text in recorder.texts()]
    assert "6 / 10 ballots in" in drawn  # drawn with "6 / 10" kept on one line
    for objective in view.objectives:
        assert objective.title in drawn
        assert all(kr in drawn for kr in objective.key_results)
    assert any(text.startswith("Not voted yet: Bo Chen") for text in drawn)
    # Numbers drawn are the candidates' numbers, the page and the ballots: never a tally.
    numbers = {text for text in drawn if text.isdigit()}
    assert numbers <= {str(n) for n in range(1, len(view.objectives) + 1)}


def test_overtime_is_amber_never_red(qtbot):
    recorder, _pages = paint_every_page(qtbot, rooms("en")["group"], (1024, 768))
    clock = next(item for item in recorder.drawn if item.text == "+00:41")
    colour = QColor(clock.colour)
    assert colour.red() > 200 and colour.green() > 150 and colour.blue() < 100  # amber


def test_a_few_rows_fill_the_screen_height(qtbot):
    titles = ["Cut churn in half", "Ship weekly", "Open two regions", "Hire engineers"]
    standings = tuple(
        RoomStanding(n + 1, title, n + 1, 9 - 2 * n, SeatStatus.IN if n < 2 else SeatStatus.OUT)
        for n, title in enumerate(titles)
    )
    result = RoomResult(1, False, 2, standings, 2, TieState.NONE, None)
    view = replace(rooms("en")["reveal"], result=result)
    for width, height in SIZES:
        recorder, pages = paint_every_page(qtbot, view, (width, height))
        rows = [item for item in recorder.drawn if item.text in titles]
        assert pages == 1 and len(rows) == 4
        bottom = max(item.rect[1] + item.rect[3] for item in rows)
        assert bottom > height * 0.7, "the rows leave the bottom of the screen empty"
        sizes = {item.pixels for item in rows}
        assert min(sizes) > floor_px(height)  # with room to spare, larger than the floor


def test_without_a_countdown_the_title_takes_the_whole_header(qtbot):
    def title_lines(phase: str) -> int:
        recorder, _pages = paint_every_page(qtbot, rooms("en")[phase], (1024, 768))
        return len(next(i for i in recorder.drawn if i.text == WORKSHOP["en"]).lines)

    assert title_lines("export") < title_lines("group")  # export: no clock


def test_the_countdown_shows_only_while_a_timebox_runs(qtbot):
    shown = {}
    for phase in ("setup", "group", "export"):
        recorder, _pages = paint_every_page(qtbot, rooms("en")[phase], (1024, 768))
        shown[phase] = any(re.fullmatch(r"\+?\d\d:\d\d", text) for text in recorder.texts())
    assert shown == {"setup": False, "group": True, "export": False}


MINE = ("window.py", "frame.py", "reveal.py", "vote_screen.py")


@pytest.mark.parametrize("module", MINE)
def test_projector_text_is_drawn_only_through_text_fit(module):
    source = (ROOT / "okrdesk" / "ui" / "projector" / module).read_text(encoding="utf-8")
    assert ".drawText(" not in source and "elidedText" not in source and "…" not in source


def test_a_name_not_voted_yet_stays_on_one_line(qtbot):
    view = rooms("en")["runoff-open"]  # six names, Chinese and long English ones
    for size in SIZES:
        recorder, _pages = paint_every_page(qtbot, view, size)
        names = next(item for item in recorder.drawn if item.text.startswith("Not voted yet"))
        lines = [line.replace(WORD_JOINER, "").replace(NBSP, " ") for line in names.lines]
        assert not any(line.startswith("·") for line in lines)
        for name in view.ballots.not_voted:
            if _unbroken(name) in names.text:  # it fits a line
                assert any(name in line for line in lines), (size, name, lines)


def test_the_names_not_voted_take_two_lines_above_the_candidates_before_any_is_left_out(qtbot):
    view = rooms("en")["vote"]  # a candidate too long for a column: the ballots in a band
    recorder, _pages = paint_every_page(qtbot, view, (1024, 768))
    names = next(item for item in recorder.drawn if item.text.startswith("Not voted yet"))
    assert len(names.lines) == 2 and "more" not in names.text
    for name in view.ballots.not_voted:
        assert _unbroken(name) in names.text


def test_a_long_reveal_turns_pages_before_it_shrinks_its_text(qtbot):
    titles = [f"Objective number {n}: grow revenue in region {n}" for n in range(40)]
    standings = tuple(
        RoomStanding(n + 1, title, n + 1, 80 - n, SeatStatus.IN if n < 3 else SeatStatus.OUT)
        for n, title in enumerate(titles)
    )
    result = RoomResult(1, False, 3, standings, 3, TieState.NONE, None)
    view = replace(rooms("en")["reveal"], result=result)
    for width, height in SIZES:
        projector = ProjectorWindow()
        qtbot.addWidget(projector)
        projector.resize(width, height)
        projector.show_room(view)
        projector.set_seconds_left(-41.0)  # as paint_every_page paints it
        layout = projector._reveal_layout(result, projector._body_rect())
        preferred = round(projector.unit() * 1.2)
        # Pages first; the text shrinks (never below the floor) only to keep 4 rows a page.
        assert len(layout.pages) > 1
        assert all(end - start >= 4 for start, end in layout.pages[:-1])
        assert floor_px(height) <= layout.pixels <= preferred
        recorder, pages = paint_every_page(qtbot, view, (width, height))
        assert pages == len(layout.pages)
        assert sorted({t for t in recorder.texts() if t in titles}) == sorted(titles)


def test_the_countdown_appearing_repaints_all_and_its_ticks_the_header_alone(qtbot, monkeypatch):
    projector = ProjectorWindow()
    qtbot.addWidget(projector)
    projector.resize(1024, 768)
    projector.show_room(rooms("en")["group"])
    asked = []
    monkeypatch.setattr(projector, "update", lambda *area: asked.append(area))
    projector.set_seconds_left(300.0)  # the clock appears: the title gives it room
    projector.set_seconds_left(299.0)
    assert asked[0] == () and len(asked) == 2
    assert asked[1][0] == projector._header_rect().toAlignedRect()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_page_of_the_reveal_holds_its_rows_above_the_footer(qtbot, language):
    for name in ("reveal", "tie", "runoff", "decided"):
        for size in SIZES:
            projector = ProjectorWindow()
            qtbot.addWidget(projector)
            projector.resize(*size)
            projector.show_room(rooms(language)[name])
            projector.set_seconds_left(-41.0)
            body = projector._body_rect()
            layout = projector._reveal_layout(projector.view.result, body)
            for page, (start, end) in enumerate(layout.pages):
                room = body.height() - (layout.outcome_height if page == 0 else 0.0)
                used = sum(layout.heights[start:end]) + layout.gap * max(0, end - start - 1)
                assert used <= room + 0.5, (name, size, page, used, room)


def test_a_vote_nobody_is_expected_at_says_no_zero_over_zero(qtbot):
    view = rooms("en")["vote"]
    view = replace(view, ballots=replace(view.ballots, ballots_in=0, ballots_expected=0))
    for size in SIZES:  # the ballots beside the candidates, and in a band above them
        recorder, _pages = paint_every_page(qtbot, view, size)
        drawn = [text.replace(NBSP, " ") for text in recorder.texts()]
        assert "Voting open" in drawn and not any("0 / 0" in text for text in drawn)

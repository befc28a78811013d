"""The projector's frame (header and body) on awkward screens: a portrait screen and a very
long workshop title never crash the paint nor push the body off the screen; the header's
title takes at most three lines (cut with "…" only when even the floor size cannot hold it)."""

from dataclasses import replace

import pytest

from benchmarks.rooms import rooms
from okrdesk.ui.projector.text_fit import ELLIPSIS, MAX_LINES, recording
from okrdesk.ui.projector.window import ProjectorWindow

LONG = {
    "en": ("Sales and Customer Success Mid-Market OKR workshop second half of 2027 " * 6)[:300],
    "zh": ("销售与客户成功部中型企业年下半年共创工作坊" * 20)[:300],
}


def paint_all(qtbot, language, size, title):
    """Every phase painted with the countdown running over; the windows' body rectangles."""
    bodies = []
    for name, view in rooms(language).items():
        window = ProjectorWindow()
        qtbot.addWidget(window)
        window.resize(*size)
        window.show_room(replace(view, title=title) if title else view)
        window._animation.stop()
        window.reveal = 1.0
        window.set_seconds_left(-41.0)
        with recording() as recorder:
            window.grab()  # an exception in paintEvent kills the process: it must not raise
        body = window._body_rect()
        bodies.append((name, body, window._title_layout()))
        titles = [d for d in recorder.drawn if d.text == window._title_layout()[2]]
        assert titles and all(len(d.lines) <= MAX_LINES and not d.cut for d in titles), name
        header = window._header_rect()
        heads = [d for d in recorder.drawn if d.rect[1] < header.bottom()]
        assert not [d.text for d in heads if d.cut], name  # title, phase and countdown whole
        clock = window._clock_text()
        assert clock is None or clock in [d.text for d in heads], name
    return bodies


@pytest.mark.parametrize(
    ("language", "size", "title"),
    [
        ("en", (1080, 1920), "Sales and Customer Success Mid-Market 27"),
        ("en", (1024, 768), LONG["en"]),
        ("zh", (1024, 768), LONG["zh"]),
        ("zh", (1080, 1920), LONG["zh"]),
    ],
)
def test_awkward_screens_paint_every_phase_with_the_body_on_screen(
    qtbot, chinese, language, size, title
):
    for name, body, (_font, wrapped, shown) in paint_all(qtbot, language, size, title):
        assert body.top() >= 0 and body.height() > size[1] / 3, name
        assert body.bottom() <= size[1] and body.right() <= size[0], name
        assert len(wrapped.lines) <= MAX_LINES, name
        if len(title) == 300:
            assert shown.endswith(ELLIPSIS) and title.startswith(shown[:-1].rstrip()), name


def test_a_title_that_fits_is_never_cut(qtbot):
    for _name, _body, (_font, _wrapped, shown) in paint_all(qtbot, "en", (1024, 768), None):
        assert ELLIPSIS not in shown


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080), (1080, 1920)])
@pytest.mark.parametrize(
    ("planned", "seconds", "clock"),
    [
        (10, -3601.0, "+1:00:01"),  # an hour over a short timebox
        (90, 5399.0, "1:29:59"),  # a timebox over an hour
        (10, -36001.0, "+10:00:01"),
    ],
)
def test_a_countdown_over_an_hour_is_drawn_whole(qtbot, size, planned, seconds, clock):
    view = rooms("en")["group"]
    view = replace(view, timer=replace(view.timer, planned_minutes=planned, running=True))
    window = ProjectorWindow()
    qtbot.addWidget(window)
    window.resize(*size)
    window.show_room(view)
    window.set_seconds_left(seconds)
    with recording() as recorder:
        window.grab()
    drawn = [d for d in recorder.drawn if d.text == clock]
    assert drawn and not drawn[0].cut and drawn[0].lines == (clock,)


def test_hours_appearing_repaint_the_whole_window(qtbot, monkeypatch):
    window = ProjectorWindow()
    qtbot.addWidget(window)
    window.resize(1920, 1080)  # wide: the clock's room is not capped, hours widen it
    window.show_room(rooms("en")["group"])
    window.set_seconds_left(-3590.0)
    updates = []
    monkeypatch.setattr(window, "update", lambda *area: updates.append(area))
    window.set_seconds_left(-3595.0)  # the clock alone
    assert updates == [(window._header_rect().toAlignedRect(),)]
    width = window._clock_width()
    window.set_seconds_left(-3601.0)  # "+1:00:01": the clock widens, the title moves
    assert window._clock_width() > width
    assert updates[-1] == ()

"""The names not voted yet on the vote screen: the big ballot figure gives them its room
(shrinking, never below a third above the floor) before any name is summarised as
"(and N more)"."""

import re
from dataclasses import replace

from benchmarks.rooms import NAMES, objectives, rooms
from okrdesk.engine.room_view import RoomBallots
from okrdesk.ui.projector.text_fit import floor_px, recording
from okrdesk.ui.projector.window import ProjectorWindow


def painted(qtbot, people, monkeypatch=None):
    """The vote at 1920x1080 with ``people`` not voted yet: the figure's size and how many
    names were summarised."""
    names = tuple(NAMES[index % len(NAMES)] for index in range(people))
    view = replace(
        rooms("en")["vote"],
        objectives=objectives("en", 3),
        ballots=RoomBallots(1, False, True, 0, people, names),
    )
    window = ProjectorWindow()
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show_room(view)
    with recording() as recorder:
        window.grab()
    assert not recorder.problems(floor=floor_px(1080))
    figure = next(item for item in recorder.drawn if "ballots" in item.text)
    listed = next(item for item in recorder.drawn if item.text.startswith("Not voted yet"))
    more = re.search(r"\(and (\d+) more\)", listed.text)
    return figure.pixels, int(more.group(1)) if more else 0


def test_many_names_not_voted_take_the_figures_room(qtbot, monkeypatch):
    few_figure, few_hidden = painted(qtbot, 2)
    many_figure, many_hidden = painted(qtbot, 30)
    assert few_hidden == 0
    assert many_figure < few_figure  # the figure shrank for the names
    assert many_figure >= floor_px(1080)
    # Against the figure at its full size: more names show.
    monkeypatch.setattr(
        ProjectorWindow, "_figure_for_names", lambda self, rect, ballots, text, big: big
    )
    full_figure, full_hidden = painted(qtbot, 30)
    assert full_figure == few_figure
    assert many_hidden < full_hidden


def test_a_name_that_turns_text_around_turns_only_itself(qtbot):
    view = replace(
        rooms("en")["vote"],
        objectives=objectives("en", 3),
        ballots=RoomBallots(1, False, True, 0, 2, ("\u202eoB", "Ana")),
    )
    window = ProjectorWindow()
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show_room(view)
    with recording() as recorder:
        window.grab()
    listed = next(item for item in recorder.drawn if item.text.startswith("Not voted yet"))
    assert "\u2068\u202eoB\u2069" in listed.text and listed.text.endswith("Ana")

"""Messages never cover the page: they push it down, clear when the page changes or the
condition ends (a warning made untrue by Undo), and an error keeps what was typed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from okrdesk.engine import ops
from okrdesk.models import Phase
from tests.test_ui_phases import window_in


def test_a_message_sits_above_the_page_title_and_covers_none_of_it(qtbot, tmp_path):
    window, workshop, _path = window_in(qtbot, tmp_path, Phase.VOTE)
    view = window.view
    page = view.stack.currentWidget()
    window.session.run(ops.ChangePhase(workshop, Phase.EXPORT))  # refused
    bar = view.messages
    assert bar.isVisible()
    qtbot.waitUntil(lambda: bar.geometry().bottom() < view.stack.geometry().top())
    title = page.title.mapTo(view, page.title.rect().topLeft())
    assert title.y() > bar.geometry().bottom()


def test_a_warning_undone_disappears(qtbot, tmp_path):
    window, workshop, _path = window_in(qtbot, tmp_path, Phase.GROUP)
    run = window.session.run
    run(ops.AddIdea(workshop, "A loose card"))  # not in any group
    run(ops.ChangePhase(workshop, Phase.VOTE))
    assert window.view.messages.text() == ("Cards not in any group: 1. They are not on the ballot.")
    window.undo()  # back at Group: the warning about the vote no longer holds
    assert window.view.messages.text() == ""


def test_changing_the_page_clears_the_message(qtbot, tmp_path):
    window, workshop, _path = window_in(qtbot, tmp_path, Phase.VOTE)
    window.session.run(ops.ChangePhase(workshop, Phase.EXPORT))  # refused
    assert window.view.messages.text()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # Setup page
    assert window.view.messages.text() == ""


def test_a_refused_idea_keeps_its_text(qtbot, tmp_path):
    window, _workshop, _path = window_in(qtbot, tmp_path, Phase.BRAINSTORM, objectives=())
    page = window.view.pages[Phase.BRAINSTORM]
    page.entry.setText("   ")
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)
    assert window.view.messages.text() == "The idea cannot be empty."
    page.entry.setText("Half typed")
    window.session.run(ops.ChangePhase(_workshop, Phase.EXPORT))  # refused elsewhere
    assert page.entry.text() == "Half typed"

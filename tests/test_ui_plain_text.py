"""Texts from people are shown as written: no label in the window draws rich text."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from okrdesk.engine import ops
from okrdesk.models import Phase
from okrdesk.ui.plain_label import plain_tip
from tests.demo_plans import copy_demo
from tests.ui_helpers import open_window

HOSTILE = "<b>Bold</b><img src=x>"
UI = Path(__file__).resolve().parent.parent / "okrdesk" / "ui"
# The first frame's labels show only the window's own words and the plan's file name.
FIRST_FRAME = {"main_window.py", "plain_label.py"}


def test_every_label_in_the_window_is_a_plain_label():
    bare = [
        f"{path.relative_to(UI)}:{number}"
        for path in sorted(UI.rglob("*.py"))
        if path.name not in FIRST_FRAME
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bQLabel\(", line)
    ]
    assert bare == []


def test_a_name_and_an_idea_written_as_html_show_as_written_on_every_page(qtbot, tmp_path):
    path = tmp_path / "demo.okrdesk"
    copy_demo(path, "voting", "en")
    window = open_window(qtbot, path)
    view = window.view
    window.session.run(ops.AddParticipant(view.workshop_id, HOSTILE))  # a walk-in's name
    shown = []
    for phase in Phase:
        view.look_at(phase)
        for label in window.findChildren(QLabel):
            if HOSTILE in label.text() and label.isVisible():
                shown.append(phase)
                assert label.textFormat() == Qt.TextFormat.PlainText, (phase, label.text())
    assert Phase.VOTE in shown  # "Not voted yet: …, <b>Bold</b><img src=x>"


def shown_as(tip: str) -> str:
    """What a tooltip shows: Qt draws it as rich text when it looks like HTML."""
    if not QtGuiNamespace.mightBeRichText(tip):
        return tip
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def test_tooltips_show_an_idea_written_as_html_as_written(qtbot, tmp_path):
    path = tmp_path / "demo.okrdesk"
    copy_demo(path, "brainstorm", "en")
    window = open_window(qtbot, path)
    window.session.run(ops.AddIdea(window.view.workshop_id, HOSTILE + "\n  two  spaces"))
    cards = window.view.pages[Phase.BRAINSTORM].cards
    tips = [
        cards.data(cards.index(row, 0), Qt.ItemDataRole.ToolTipRole)
        for row in range(cards.rowCount())
    ]
    assert HOSTILE + "\n  two  spaces" in [shown_as(tip) for tip in tips]
    assert plain_tip("Win the mid-market") == "Win the mid-market"  # plain stays plain

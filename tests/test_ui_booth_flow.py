"""The ballot booth as the laptop goes round: keys, the next person, the OKRs on the ballot."""

from __future__ import annotations

from PySide6.QtCore import Qt

from okrdesk.models import Phase
from tests.test_ui_phases import window_in
from tests.ui_helpers import rows


def open_booth(qtbot, tmp_path):
    window, _workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    page = window.view.pages[Phase.VOTE]
    page.primary_button().click()  # Open voting
    return window, page, page.booth, path


def test_enter_hands_in_and_the_list_moves_to_the_next_person_not_voted(qtbot, tmp_path):
    _window, page, booth, path = open_booth(qtbot, tmp_path)
    assert booth.start_button.text() == "Start my ballot"
    assert booth.start_button.text() != page.open_button.text()
    booth.people.setCurrentRow(1)  # Bo first
    qtbot.keyClick(booth.people, Qt.Key.Key_Return)
    assert booth.stack.currentIndex() == 1 and "Bo" in booth.ballot_label.text()
    for _ in range(5):
        qtbot.keyClick(booth.table, Qt.Key.Key_Plus)
    qtbot.keyClick(booth.table, Qt.Key.Key_Return)  # Enter hands the ballot in
    assert rows(path, "SELECT count(*) FROM ballot") == [(1,)]
    assert booth.stack.currentIndex() == 0
    # On to the next one who has not voted (after Bo: 陈静), not back to Bo.
    assert booth.people.currentItem().text().strip() == "陈静"
    assert booth.people.hasFocus()
    qtbot.keyClick(booth.people, Qt.Key.Key_Return)
    for _ in range(5):
        qtbot.keyClick(booth.table, Qt.Key.Key_Plus)
    qtbot.keyClick(booth.table, Qt.Key.Key_Enter)
    # Round the list: Ana is the only one left.
    assert booth.people.currentItem().text().strip() == "Ana"


def test_tab_leaves_the_ballot_table(qtbot, tmp_path):
    _window, _page, booth, _path = open_booth(qtbot, tmp_path)
    qtbot.keyClick(booth.people, Qt.Key.Key_Return)
    assert booth.table.hasFocus()
    row = booth.table.currentRow()
    qtbot.keyClick(booth.table, Qt.Key.Key_Tab)
    assert not booth.table.hasFocus() and booth.table.currentRow() == row


def test_the_ballot_shows_each_objectives_key_results(qtbot, tmp_path):
    _window, _page, booth, _path = open_booth(qtbot, tmp_path)
    qtbot.keyClick(booth.people, Qt.Key.Key_Return)
    first = booth.table.item(0, 0).text().splitlines()
    assert first[0] == "Win the mid-market"
    assert first[1:] == ["   · KR 1: reach 10", "   · KR 2: reach 20"]
    assert booth.table.rowHeight(0) > booth.table.fontMetrics().height() * 2


def test_walking_away_clears_and_the_list_moves_on(qtbot, tmp_path):
    _window, _page, booth, path = open_booth(qtbot, tmp_path)
    qtbot.keyClick(booth.people, Qt.Key.Key_Return)  # Ana
    qtbot.keyClick(booth.table, Qt.Key.Key_Plus)
    booth.done_button.click()  # walks away without handing in
    assert rows(path, "SELECT count(*) FROM dot") == [(0,)]
    assert booth.people.currentItem().text().strip() == "Bo"

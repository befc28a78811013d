"""The review's list of a key result's check-ins: fixed columns, rows kept and their texts set."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QRegion
from PySide6.QtWidgets import QApplication, QToolTip

from okrdesk.ui.checkin_history import CheckInHistory
from okrdesk.ui.projector.review_screen import _Bar, _bar_change

HEADERS = ["When", "Value", "Confidence", "Comment"]


def rows(count: int, comment: str = "") -> list[tuple[str, str, str, str]]:
    return [
        (f"2026-10-{day:02d} 10:00", str(day * 3), str(day % 11), comment)
        for day in range(1, count + 1)
    ]


def shown_list(qtbot, size=(480, 300)) -> CheckInHistory:
    history = CheckInHistory()
    qtbot.addWidget(history)
    history.resize(*size)
    history.name_columns(HEADERS)
    history.show()
    qtbot.waitExposed(history)
    return history


def test_the_list_shows_the_rows_given_and_paints_them(qtbot):
    history = shown_list(qtbot)
    empty = history.viewport().grab().toImage()
    history.show_rows(rows(13, "on track"))
    assert history.texts() == rows(13, "on track")
    full = history.viewport().grab().toImage()
    assert full != empty
    history.show_rows(rows(2, "late"))
    assert history.texts() == rows(2, "late")
    assert history.viewport().grab().toImage() not in (empty, full)
    history.show_rows([])
    assert history.texts() == [] and history.viewport().grab().toImage() == empty
    assert history.accessibleDescription() == ""


def test_a_long_history_scrolls_and_starts_at_the_newest(qtbot):
    history = shown_list(qtbot, (480, 160))
    history.show_rows(rows(40))
    bar = history.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    top = history.viewport().grab().toImage()
    bar.setValue(bar.maximum())
    assert history.viewport().grab().toImage() != top
    history.show_rows(rows(39))  # another key result: from its newest again
    assert bar.value() == 0


def test_its_columns_keep_their_width_whatever_the_rows_hold(qtbot):
    history = shown_list(qtbot)
    widths = list(history.widths)
    assert widths[0] >= history.fontMetrics().horizontalAdvance("2026-12-31 23:59")
    assert widths[2] >= history._header_font_metrics().horizontalAdvance("Confidence")
    history.show_rows([("2026-10-01 10:00", "1234567", "10", "a long comment " * 20)] * 40)
    assert history.widths == widths
    # Rows past the list's height, or not: the scroll bar is always there, the width the same.
    assert history.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOn
    history.name_columns(["时间", "数值", "信心", "备注"])  # the other language: sized anew
    assert history.headers[2] == "信心"


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_cell_shows_its_whole_text_as_written_in_its_tip(qtbot):
    history = shown_list(qtbot)
    comment = "<b>bold?</b> 见 <img src=x> " + "and more " * 30
    history.show_rows([("2026-10-01 10:00", "5", "7", comment)])
    cell = history._cells(history._line())[3]
    viewport = history.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, cell.center(), viewport.mapToGlobal(cell.center()))
    QApplication.sendEvent(viewport, event)
    tip = QToolTip.text()
    assert "&lt;b&gt;" in tip and "<b>" not in tip and "见" in tip  # as typed, never markup
    QToolTip.hideText()
    assert history.tip_at(history._cells(history._line())[0].center()) == "2026-10-01 10:00"
    assert history.tip_at(QPoint(5, 2)) is None  # the header
    assert history.tip_at(history._cells(history._line() * 2)[0].center()) is None  # no row


def test_a_bar_whose_progress_moved_repaints_the_stretch_between_its_ends():
    was = _Bar((100.0, 200.0, 1000.0, 20.0), 0.25, 0.5)
    now = _Bar((100.0, 200.0, 1000.0, 20.0), 0.75, 0.5)
    changed = _bar_change(was, now)
    assert changed.left() <= 350 and changed.right() >= 850  # both ends, with their edges
    assert changed.width() < 520  # not the whole bar
    assert changed.top() <= was.bounds().top() and changed.bottom() >= was.bounds().bottom()
    # A bar laid out elsewhere, or the time gone moved: all of both.
    moved = _Bar((100.0, 260.0, 1000.0, 20.0), 0.75, 0.5)
    assert QRegion(_bar_change(was, moved).toAlignedRect()).contains(moved.bounds().toAlignedRect())
    later = _Bar((100.0, 200.0, 1000.0, 20.0), 0.25, 0.6)
    assert _bar_change(was, later).width() >= was.bounds().width()


def test_the_keyboard_moves_through_the_rows_and_copies_one(qtbot):
    history = shown_list(qtbot, (480, 160))
    history.show_rows(rows(30, "note"))
    history.setFocus()
    qtbot.waitUntil(history.hasFocus)
    assert history.current == 0
    qtbot.keyClick(history, Qt.Key.Key_Down)
    qtbot.keyClick(history, Qt.Key.Key_Down)
    assert history.current == 2
    qtbot.keyClick(history, Qt.Key.Key_End)
    assert history.current == 29 and history.verticalScrollBar().value() > 0  # in sight
    qtbot.keyClick(history, Qt.Key.Key_Home)
    assert history.current == 0 and history.verticalScrollBar().value() == 0
    qtbot.keyClick(history, Qt.Key.Key_PageDown)
    assert history.current == history._visible()
    qtbot.keyClick(history, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "\t".join(rows(30, "note")[history.current])
    # A click puts the keyboard on the row clicked.
    line = history._line()
    qtbot.mouseClick(history.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, line + 3))
    assert history.current == history.verticalScrollBar().value()


def test_a_long_value_widens_its_column_and_is_never_cut(qtbot):
    history = shown_list(qtbot)
    usual = history.widths[1]
    history.show_rows([("2026-10-01 10:00", "25000000.50", "7", "")])
    needed = history.fontMetrics().horizontalAdvance("25000000.50")
    assert history.widths[1] >= needed + 12 and history.widths[1] > usual
    history.show_rows(rows(3))
    assert history.widths[1] == usual  # back to the usual width


def test_a_screen_reader_hears_each_value_after_its_columns_name(qtbot):
    history = shown_list(qtbot)
    history.show_rows([("2026-10-01 10:00", "48.1", "6", "on track")])
    assert history.accessibleDescription() == (
        "When: 2026-10-01 10:00; Value: 48.1; Confidence: 6; Comment: on track"
    )


def test_right_to_left_the_columns_run_from_the_right(qtbot):
    history = shown_list(qtbot)
    history.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    when, value, _confidence, comment = history._cells(0)
    assert when.right() == history.viewport().width() - 1 and value.right() < when.left()
    assert comment.left() == 0

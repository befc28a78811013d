"""Check-ins from the owners' sheet in the window: the sheet written, the filled-in copy
previewed with its problems by row, imported as one undo step; from the review and the menu."""

from __future__ import annotations

import csv
import shutil

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from okrdesk.ui.checkin_import_dialog import CheckInImportDialog
from tests.demo_plans import copy_demo
from tests.ui_helpers import open_window, rows


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    path = tmp_path_factory.mktemp("signed") / "demo.okrdesk"
    copy_demo(path, "signed", "en")
    return path


@pytest.fixture
def window(qtbot, tmp_path, signed):
    path = tmp_path / "demo.okrdesk"
    shutil.copyfile(signed, path)
    return open_window(qtbot, path), path


def opened(window) -> CheckInImportDialog:
    main, _ = window
    main.import_check_ins()
    dialog = main.findChild(CheckInImportDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def import_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def filled_sheet(dialog, tmp_path, values):
    sheet = tmp_path / "sheet.csv"
    assert dialog.write_template_to(sheet)
    assert "sheet.csv" in dialog.status.text()
    with sheet.open(encoding="utf-8-sig") as handle:
        table = list(csv.reader(handle))
    for row, (value, confidence) in values.items():
        table[row][7] = value
        table[row][10] = confidence
    with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(table)
    return sheet


def test_the_sheet_is_previewed_and_imported_as_one_undo_step(window, tmp_path, qtbot):
    main, path = window
    dialog = opened(window)
    assert not import_button(dialog).isEnabled()  # nothing chosen yet
    sheet = filled_sheet(dialog, tmp_path, {1: ("46", "7"), 4: ("15", "")})
    dialog.read(sheet)
    assert dialog.rows.rowCount() == 2
    assert [dialog.rows.item(0, c).text() for c in (0, 2, 3)] == ["2", "46", "7/10"]
    assert not dialog.problems.isVisible()
    assert "2 check-ins on 2 key results are ready" in dialog.status.text()
    assert "6 key results were left blank" in dialog.status.text()
    assert import_button(dialog).isEnabled()
    steps = main.session.undo_stack.count()
    dialog.accept()
    assert rows(path, "SELECT count(*) FROM check_in") == [(2,)]
    assert main.session.undo_stack.count() == steps + 1
    assert main.session.undo_stack.undoText() == "Import check-ins"
    main.session.undo_stack.undo()
    assert rows(path, "SELECT count(*) FROM check_in") == [(0,)]


def test_a_bad_row_is_said_by_number_and_nothing_can_be_imported(window, tmp_path):
    _, path = window
    dialog = opened(window)
    sheet = filled_sheet(dialog, tmp_path, {1: ("46", "7"), 3: ("about forty", "12")})
    dialog.read(sheet)
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert problems == ["Row 4: The value must be a number, such as 150 or 7.5."]
    assert dialog.problems.isVisible() and not import_button(dialog).isEnabled()
    assert "Nothing will be imported until every row is right" in dialog.status.text()
    dialog.accept()  # Enter does nothing either
    assert rows(path, "SELECT count(*) FROM check_in") == [(0,)]


def test_a_file_that_cannot_be_read_is_said(window, tmp_path):
    dialog = opened(window)
    other = tmp_path / "notes.docx"
    other.write_text("x")
    dialog.read(other)
    assert dialog.problems.count() == 1 and not import_button(dialog).isEnabled()


def test_the_review_has_a_button_for_it(window, qtbot):
    main, _ = window
    main.show_review()
    review = main.review
    assert review.import_button.text() == "Import Check-ins…"
    review.import_button.click()
    assert review.findChild(CheckInImportDialog) is not None
    assert main.import_check_ins_action.text() == "Import Chec&k-ins…"


def test_a_csv_sheet_may_be_read_in_another_encoding(window, tmp_path):
    dialog = opened(window)
    sheet = tmp_path / "gbk.csv"
    text = (
        "关键结果,当前值,信心,备注\n"
        "Grow annual recurring revenue from 42 M to 55 M CNY,46,7,两个大单已经签约，客户很满意\n"
    )
    sheet.write_bytes(text.encode("gb18030"))
    dialog.read(sheet)
    assert dialog.encodings.isVisible() and dialog.encodings.currentData() == "gb18030"
    assert dialog.rows.item(0, 4).text() == "两个大单已经签约，客户很满意"
    assert import_button(dialog).isEnabled()
    # Read as UTF-8, which it is not: said, and nothing to import.
    dialog.encodings.setCurrentIndex(dialog.encodings.findData("utf-8"))
    assert dialog.problems.count() == 1 and not import_button(dialog).isEnabled()
    assert dialog.rows.rowCount() == 0
    dialog.encodings.setCurrentIndex(dialog.encodings.findData("gb18030"))
    assert dialog.rows.rowCount() == 1 and import_button(dialog).isEnabled()

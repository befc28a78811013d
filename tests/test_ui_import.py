"""The window's import preview: rows as decoded, the encoding named and changeable, then import."""

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from okrdesk.engine.text_encoding import OFFERED
from okrdesk.messages import catalogue
from okrdesk.models import Phase
from okrdesk.ui.import_dialog import ImportPreviewDialog, continued, without_nothing_imported
from okrdesk.ui.import_table import CELL_LINES, ROW_PADDING, filled, share_width
from tests.ui_helpers import empty_workshop_plan, open_window, rows

# Fits the preview of an 800 px screen on one line at the 14 px body text; wraps 300 px narrower.
LONG_IDEA = "Größe der Kundenbasis verdoppeln und die Abwanderung halbieren"


def setup_page(qtbot, tmp_path, language="en"):
    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path, language)
    return window, window.view.pages[Phase.SETUP], path


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose(dialog, encoding):
    dialog.encoding.setCurrentIndex(dialog.encoding.findData(encoding))


def test_the_preview_names_the_encoding_and_reads_the_file_again_in_another(qtbot, tmp_path):
    _window, page, path = setup_page(qtbot, tmp_path)
    source = tmp_path / "ideas.csv"
    data = "idea,author\nCrème brûlée,Amélie\n".encode("cp1252")
    source.write_bytes(data)
    dialog = page.import_from(source)
    assert dialog.isVisible() and dialog.isModal()
    assert dialog.encoding.currentText() == "Windows-1252 (Western European)"
    assert "(detected)" in dialog.status.text()
    assert dialog.table.item(0, 0).text() == "Crème brûlée"
    choose(dialog, "gb18030")
    garbled = data.decode("gb18030").splitlines()[1].split(",")[0]
    assert dialog.table.item(0, 0).text() == garbled != "Crème brûlée"
    assert dialog.status.text().startswith("Read as GB18030 (Simplified Chinese).")
    choose(dialog, "utf-8")
    assert "line 2" in dialog.status.text() and not dialog.import_button.isEnabled()
    choose(dialog, "cp1252")
    assert dialog.import_button.isEnabled()
    click(qtbot, dialog.import_button)
    assert not dialog.isVisible()
    assert rows(path, "SELECT text FROM idea") == [("Crème brûlée",)]
    assert ("Amélie",) in rows(path, "SELECT name FROM participant")


def test_the_first_row_names_the_columns_and_rows_keep_their_numbers_in_the_file(qtbot, tmp_path):
    _window, page, _path = setup_page(qtbot, tmp_path)
    source = tmp_path / "ideas.csv"
    source.write_text("idea,author,\nShip it,Ana,\n,,\nLearn,Bo,\n", encoding="utf-8")
    dialog = page.import_from(source)
    assert dialog.table.column_names() == ["idea", "author", "C"]  # an unnamed column: its letter
    assert dialog.table.horizontalHeaderItem(2).toolTip() == "Column C"
    numbers = [dialog.table.verticalHeaderItem(r).text() for r in range(dialog.table.rowCount())]
    assert numbers == ["2", "3", "4"]  # as "Row 3" in a refusal counts them
    assert dialog.table.item(2, 0).text() == "Learn"


def test_columns_share_the_width_and_long_text_wraps_within_the_screen(qtbot, tmp_path):
    _window, page, _path = setup_page(qtbot, tmp_path)
    source = tmp_path / "ideen.csv"
    text = f"idea,author\nKurz,Jürgen Müller\n{LONG_IDEA},Zoë\n"
    source.write_bytes(text.encode("cp1252"))
    dialog = page.import_from(source)
    screen = dialog.screen().availableGeometry()
    assert 640 <= dialog.width() <= min(1024, screen.width())
    assert dialog.height() <= min(768, screen.height())
    table = dialog.table
    assert sum(table.columnWidth(c) for c in (0, 1)) >= table.viewport().width() - 1  # no gap
    assert table.columnWidth(1) >= table.sizeHintForColumn(1)  # "Jürgen Müller", not "Jürgen M…"
    assert table.columnWidth(0) >= table.sizeHintForColumn(0)  # the long idea on one line
    assert table.rowHeight(1) == table.rowHeight(0)
    assert table.item(1, 0).toolTip() == LONG_IDEA
    dialog.resize(dialog.width() - 300, dialog.height())  # narrower: the long ideas wrap
    assert table.columnWidth(1) >= table.sizeHintForColumn(1)  # the names still fit
    assert table.columnWidth(0) < table.sizeHintForColumn(0)
    assert table.rowHeight(0) < table.rowHeight(1) <= table.lines_height(CELL_LINES) + ROW_PADDING
    assert table.sizeHintForRow(1) <= table.rowHeight(1)  # every wrapped line is shown


def test_the_width_is_shared_narrow_columns_first():
    assert share_width([50, 120], 600, 72) == [
        72,
        120,
    ]  # all fit: natural widths (the last stretches)
    assert share_width([100, 900, 700], 600, 72) == [100, 250, 250]
    assert sum(share_width([300, 900, 700, 80], 700, 72)) == 700
    assert share_width([500, 500], 100, 72) == [72, 72]  # too narrow: the minimum, and a scroll bar


def test_an_unsure_file_waits_for_its_encoding_to_be_chosen(qtbot, tmp_path):
    _window, page, path = setup_page(qtbot, tmp_path)
    source = tmp_path / "ideas.csv"
    source.write_bytes("idea,author\nПривет,Иван\n".encode("cp1251"))
    dialog = page.import_from(source)
    assert dialog.encoding.currentData() is None
    assert dialog.status.text().startswith(
        "okrdesk is not sure which encoding this file was saved in"
    )
    assert dialog.status.text().endswith(
        "Choose the encoding the file was saved in; the preview shows the result at once."
    )
    assert dialog.status_level() == "notice" and dialog.table.rowCount() == 0
    assert not dialog.import_button.isEnabled()
    choose(dialog, "cp1251")
    assert dialog.table.item(0, 0).text() == "Привет"
    assert "Windows-1251 (Cyrillic)" in dialog.status.text() and dialog.status_level() == ""
    click(qtbot, dialog.import_button)
    assert rows(path, "SELECT text FROM idea") == [("Привет",)]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_window_gives_no_command_line_hint_and_no_nothing_imported_before_import(
    qtbot, tmp_path, language
):
    _window, page, _path = setup_page(qtbot, tmp_path, language)
    unsure = tmp_path / "unsure.csv"
    unsure.write_bytes("idea,author\nПривет,Иван\n".encode("cp1251"))
    damaged = tmp_path / "damaged.csv"
    damaged.write_bytes("idea\n提高续约率\n".encode() + b"caf\xe9\n")
    for source in (unsure, damaged):
        dialog = page.import_from(source)
        texts = [dialog.status.text()]
        for encoding in ("utf-8", "utf-16", "gb18030"):
            choose(dialog, encoding)
            texts.append(dialog.status.text())
        for text in texts:
            assert "--encoding" not in text and "okrdesk import" not in text
            assert "othing was imported" not in text and "未导入任何内容" not in text
        dialog.reject()
    assert "UTF-8" in texts[0]  # the damaged file's own refusal is kept, shortened


def test_every_refusal_can_be_shown_without_its_nothing_imported_sentence():
    for language in ("en", "zh_CN"):
        for key, text in catalogue(language).items():
            if key.startswith("import."):
                shortened = without_nothing_imported(text, language)
                assert "othing was imported" not in shortened and "未导入任何内容" not in shortened
                assert shortened.endswith((".", "。", "}"))


def test_a_reading_that_cannot_be_imported_names_the_encoding_as_an_error(qtbot, tmp_path):
    _window, page, path = setup_page(qtbot, tmp_path)
    source = tmp_path / "ideas.csv"
    source.write_bytes("想法,作者\n降低获客成本,刘洋\n".encode("gb18030"))
    dialog = page.import_from(source)
    assert dialog.status_level() == ""
    choose(dialog, "iso8859-1")
    assert dialog.status.text() == (
        "Read as ISO-8859-1 (Western European): the first row names no column okrdesk knows. "
        "Choose the columns above, or another encoding."
    )
    assert dialog.status_level() == "notice" and not dialog.import_button.isEnabled()
    assert dialog.table.column_names()[0] == "想法".encode("gb18030").decode("iso8859-1")
    choose(dialog, "utf-8")
    assert dialog.status.text() == (
        "Read as UTF-8 (Unicode): line 1 holds bytes this encoding cannot read. "
        "Choose another encoding."
    )
    assert dialog.status_level() == "error"
    choose(dialog, "gb18030")
    assert dialog.status_level() == "" and dialog.import_button.isEnabled()
    dialog.reject()
    assert rows(path, "SELECT count(*) FROM idea") == [(0,)]


def test_a_reading_refused_in_chinese_names_the_encoding(qtbot, tmp_path):
    _window, page, _path = setup_page(qtbot, tmp_path, "zh_CN")
    source = tmp_path / "ideas.csv"
    source.write_bytes("想法,作者\n降低获客成本,刘洋\n".encode("gb18030"))
    dialog = page.import_from(source)
    choose(dialog, "iso8859-1")
    assert dialog.status.text().startswith(
        "按 ISO-8859-1（西欧语言） 读取：第一行没有 okrdesk 认识的列名"
    )
    assert dialog.status_level() == "notice"


def test_continued_sentences_lower_only_an_ordinary_first_word():
    assert continued("Row 3 has no idea text.") == "row 3 has no idea text."
    assert continued("UTF-8 cannot") == "UTF-8 cannot"
    assert continued("/tmp/Ideas.csv is not") == "/tmp/Ideas.csv is not"
    assert continued("第 3 行") == "第 3 行"
    assert filled("%1: %2", "100%2.csv", "x") == "100%2.csv: x"  # a name holding "%2" stays


def test_cancel_imports_nothing(qtbot, tmp_path):
    window, page, path = setup_page(qtbot, tmp_path)
    source = tmp_path / "ideas.csv"
    source.write_bytes("想法,作者\n降低获客成本,刘洋\n".encode("gb18030"))
    dialog = page.import_from(source)
    assert dialog.encoding.currentText() == "GB18030 (Simplified Chinese)"
    assert dialog.summary.text() == "To import: 1 idea from 1 person."
    click(qtbot, dialog.button_box.button(dialog.button_box.StandardButton.Cancel))
    assert not dialog.isVisible()
    assert rows(path, "SELECT count(*) FROM idea") == [(0,)]
    assert window.view.messages.text() == ""


def test_an_import_is_confirmed_in_the_message_bar_with_its_encoding(qtbot, tmp_path):
    window, page, path = setup_page(qtbot, tmp_path)
    source = tmp_path / "ideas.csv"
    text = "想法,作者\n降低获客成本,刘洋\n提高续约率,Ana\n只有想法,\n"
    source.write_bytes(text.encode("gb18030"))
    dialog = page.import_from(source)
    click(qtbot, dialog.import_button)
    assert rows(path, "SELECT count(*) FROM idea") == [(3,)]
    assert window.view.messages.text() == (
        "Imported 3 ideas from 2 people; 1 without a name, kept anonymous; 1 new participant "
        "added. The file was read as GB18030 (Simplified Chinese)."
    )
    assert window.view.messages.property("level") == "info"


def test_the_file_menu_previews_a_workbook_and_names_encodings_in_chinese(
    qtbot, tmp_path, monkeypatch
):
    window, page, path = setup_page(qtbot, tmp_path, "zh_CN")
    book = Workbook()
    book.active.append(["想法", "作者"])
    book.active.append(["提高续约率", "王丽"])
    source = tmp_path / "ideas.xlsx"
    book.save(source)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(source), ""))
    window.import_action.trigger()
    dialog = window.findChild(ImportPreviewDialog)
    assert dialog.table.column_names() == ["想法", "作者"]
    assert dialog.table.item(0, 0).text() == "提高续约率"
    click(qtbot, dialog.import_button)
    assert rows(path, "SELECT text FROM idea") == [("提高续约率",)]
    assert window.view.messages.text() == "导入了 1 条想法，来自 1 人；新增 1 位参与者。"
    assert window.view.messages.property("level") == "info"
    chinese = tmp_path / "ideas.csv"
    chinese.write_bytes("想法\n降低获客成本\n".encode("gb18030"))
    dialog = page.import_from(chinese)
    assert dialog.encoding.currentText() == "GB18030（简体中文）"
    click(qtbot, dialog.import_button)
    assert window.view.messages.text() == (
        "导入了 1 条想法，来自 0 人；其中 1 条没有署名，按匿名保留。"
        "文件按 GB18030（简体中文） 编码读取。"
    )


def test_legacy_encodings_people_pick_by_hand_are_offered(qtbot, tmp_path):
    _window, page, path = setup_page(qtbot, tmp_path)
    source = tmp_path / "russian.csv"
    source.write_bytes("idea,author\nСократить время ответа,Мария\n".encode("koi8-r"))
    dialog = page.import_from(source)
    offered = {dialog.encoding.itemData(i) for i in range(dialog.encoding.count())}
    for encoding in ("cp1251", "iso8859-1", "iso8859-15", "cp1250", "koi8-r", "utf-16"):
        assert encoding in offered and encoding in OFFERED
    choose(dialog, "koi8-r")
    assert dialog.encoding.currentText() == "KOI8-R (Russian)"
    assert dialog.table.item(0, 0).text() == "Сократить время ответа"
    click(qtbot, dialog.import_button)
    assert rows(path, "SELECT text FROM idea") == [("Сократить время ответа",)]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "In the first sheet of ideas.xlsx: Row 2, column A holds a formula"),
        ("zh_CN", "ideas.xlsx 的第一个工作表：第 2 行 A 列是没有保存计算结果的公式"),
    ],
)
def test_a_file_no_encoding_could_help_is_refused_without_a_preview(
    qtbot, tmp_path, language, expected
):
    window, page, path = setup_page(qtbot, tmp_path, language)
    book = Workbook()
    book.active.append(["idea"])
    book.active.append(["=1+1"])
    source = tmp_path / "ideas.xlsx"
    book.save(source)
    assert page.import_from(source) is None
    assert window.view.messages.text().startswith(expected)
    assert window.view.messages.property("level") == "error"
    assert window.findChild(ImportPreviewDialog) is None
    assert rows(path, "SELECT count(*) FROM idea") == [(0,)]


def test_a_refusal_in_the_message_bar_names_the_file_once(qtbot, tmp_path):
    window, page, _path = setup_page(qtbot, tmp_path)
    source = tmp_path / "ideas.csv"
    source.write_text("idea,author,notes\nShip it,Ana,\n,,only a note\n", encoding="utf-8")
    assert page.import_from(source) is None
    assert window.view.messages.text() == (
        "ideas.csv: Row 3 has no idea text; nothing was imported."
    )
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    assert page.import_from(broken) is None
    assert window.view.messages.text().startswith(f"{broken} is not an .xlsx workbook")

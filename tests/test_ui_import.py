"""The window's import preview: rows as decoded, the encoding named and changeable, then import."""

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from okrdesk.models import Phase
from okrdesk.ui.import_dialog import ImportPreviewDialog
from tests.ui_helpers import empty_workshop_plan, open_window, rows


def setup_page(qtbot, tmp_path, language="en"):
    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path, language)
    return window, window.view.pages[Phase.SETUP], path


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_preview_names_the_encoding_and_reads_the_file_again_in_another(qtbot, tmp_path):
    _window, page, path = setup_page(qtbot, tmp_path)
    source = tmp_path / "ideas.csv"
    data = "idea,author\nCrème brûlée,Amélie\n".encode("cp1252")
    source.write_bytes(data)
    dialog = page.import_from(source)
    assert dialog.isVisible() and dialog.isModal()
    assert dialog.encoding.currentText() == "Windows-1252 (Western European)"
    assert "(detected)" in dialog.status.text()
    assert dialog.table.item(1, 0).text() == "Crème brûlée"
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("gb18030"))
    garbled = data.decode("gb18030").splitlines()[1].split(",")[0]
    assert dialog.table.item(1, 0).text() == garbled != "Crème brûlée"
    assert dialog.status.text().startswith("Read as GB18030 (Simplified Chinese).")
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("utf-8"))
    assert "line 2" in dialog.status.text() and not dialog.import_button.isEnabled()
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("cp1252"))
    assert dialog.import_button.isEnabled()
    click(qtbot, dialog.import_button)
    assert not dialog.isVisible()
    assert rows(path, "SELECT text FROM idea") == [("Crème brûlée",)]
    assert ("Amélie",) in rows(path, "SELECT name FROM participant")


def test_an_unsure_file_waits_for_its_encoding_to_be_chosen(qtbot, tmp_path):
    _window, page, path = setup_page(qtbot, tmp_path)
    source = tmp_path / "ideas.csv"
    source.write_bytes("idea,author\nПривет,Иван\n".encode("cp1251"))
    dialog = page.import_from(source)
    assert dialog.encoding.currentData() is None
    assert "not sure" in dialog.status.text() and dialog.table.rowCount() == 0
    assert not dialog.import_button.isEnabled()
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("cp1251"))
    assert dialog.table.item(1, 0).text() == "Привет"
    assert "Windows-1251 (Cyrillic)" in dialog.status.text()
    click(qtbot, dialog.import_button)
    assert rows(path, "SELECT text FROM idea") == [("Привет",)]


def test_cancel_imports_nothing(qtbot, tmp_path):
    _window, page, path = setup_page(qtbot, tmp_path)
    source = tmp_path / "ideas.csv"
    source.write_bytes("想法,作者\n降低获客成本,刘洋\n".encode("gb18030"))
    dialog = page.import_from(source)
    assert dialog.encoding.currentText() == "GB18030 (Simplified Chinese)"
    assert dialog.summary.text() == "Ideas to import: 1; people named: 1."
    click(qtbot, dialog.button_box.button(dialog.button_box.StandardButton.Cancel))
    assert not dialog.isVisible()
    assert rows(path, "SELECT count(*) FROM idea") == [(0,)]


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
    assert dialog.table.item(1, 0).text() == "提高续约率"
    click(qtbot, dialog.import_button)
    assert rows(path, "SELECT text FROM idea") == [("提高续约率",)]
    chinese = tmp_path / "ideas.csv"
    chinese.write_bytes("想法\n降低获客成本\n".encode("gb18030"))
    dialog = page.import_from(chinese)
    assert dialog.encoding.currentText() == "GB18030（简体中文）"


def test_a_file_no_encoding_could_help_is_refused_without_a_preview(qtbot, tmp_path):
    window, page, path = setup_page(qtbot, tmp_path)
    book = Workbook()
    book.active.append(["idea"])
    book.active.append(["=1+1"])
    source = tmp_path / "ideas.xlsx"
    book.save(source)
    assert page.import_from(source) is None
    assert window.view.messages.text().startswith("Row 2, column A holds a formula")
    assert window.findChild(ImportPreviewDialog) is None
    assert rows(path, "SELECT count(*) FROM idea") == [(0,)]

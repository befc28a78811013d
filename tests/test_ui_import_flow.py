"""Import ideas and participants is one flow, whether started from the File menu or from the
Setup page: ask for a spreadsheet (in the same words), then preview it."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from okrdesk.models import Phase
from okrdesk.ui.import_dialog import ImportPreviewDialog
from tests.ui_helpers import empty_workshop_plan, open_window


def test_the_file_menu_and_the_setup_page_import_the_same_way(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path)
    source = tmp_path / "ideas.csv"
    source.write_text("idea,author\nMore leads,Ana\n", encoding="utf-8")
    asked = []

    def pick(_parent, title, _folder, filters):
        asked.append((title, filters))
        return str(source), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    window.actions_by_id["import"].trigger()
    from_menu = window.findChildren(ImportPreviewDialog)
    assert len(from_menu) == 1 and from_menu[0].isVisible()
    from_menu[0].reject()
    page = window.view.pages[Phase.SETUP]
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    previews = [d for d in window.findChildren(ImportPreviewDialog) if d.isVisible()]
    assert len(previews) == 1 and previews[0] is not from_menu[0]
    assert (
        asked == [("Import ideas and participants", "Spreadsheets (*.csv *.xlsx *.txt *.tsv)")] * 2
    )
    previews[0].reject()
    # Cancelling the file dialog opens no preview.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: ("", ""))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert not [d for d in window.findChildren(ImportPreviewDialog) if d.isVisible()]

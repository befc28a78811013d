"""Survey exports in the window's import preview: recognised, or their columns picked by hand."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from okrdesk.models import Phase
from okrdesk.ui.import_dialog import ImportPreviewDialog, preview_import
from okrdesk.ui.import_table import QUIET_COLUMN, ROLE_TINTS
from tests.test_survey_import import (
    CHINESE_AUTHORS,
    CHINESE_IDEAS,
    ENGLISH_AUTHORS,
    ENGLISH_IDEAS,
    EXPORTS,
    SURVEYS,
    survey_plan,
)
from tests.ui_helpers import open_window, rows

RECOGNISED = {
    "chinese_survey": "Recognised: a Wenjuanxing or Tencent Survey export.",
    "microsoft_forms": "Recognised: a Microsoft Forms export.",
    "google_forms": "Recognised: a Google Forms export.",
}
IDEAS_SQL = (
    "SELECT idea.text, participant.name FROM idea LEFT JOIN participant "
    "ON idea.author_id = participant.id WHERE idea.workshop_id = {} ORDER BY idea.position"
)


def window_on(qtbot, tmp_path, language="en"):
    path = tmp_path / "plan.okrdesk"
    workshops = survey_plan(path)
    window = open_window(qtbot, path, language)
    return window, window.view.pages[Phase.SETUP], path, workshops


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize(("name", "layout", "content", "read_as"), EXPORTS)
def test_every_survey_export_imports_through_the_window(
    qtbot, tmp_path, name, layout, content, read_as
):
    window, page, path, workshops = window_on(qtbot, tmp_path)
    dialog = page.import_from(SURVEYS / name)
    assert isinstance(dialog, ImportPreviewDialog) and dialog.isVisible()
    assert dialog.layout_label.text() == RECOGNISED[layout.value]
    header = dialog.detected_columns.header
    assert (
        "目标" in header[dialog.idea_column.currentData()]
        or "?" in (header[dialog.idea_column.currentData()])
    )
    assert dialog.author_column.currentData() is not None
    assert dialog.department_column.currentData() is not None
    assert dialog.summary.text() == (
        "To import: 6 ideas from 5 people; 1 without a name, kept anonymous."
    )
    idea_cell = dialog.table.item(0, dialog.idea_column.currentData())
    assert idea_cell.background().color().name() == ROLE_TINTS[0]
    # The survey's own columns give their room to the ideas.
    table = dialog.table
    assert len(table.quiet_columns()) == table.columnCount() - 3
    assert all(table.columnWidth(c) <= QUIET_COLUMN for c in table.quiet_columns())
    assert table.columnWidth(dialog.idea_column.currentData()) > 3 * QUIET_COLUMN
    assert dialog.import_button.isEnabled()
    click(qtbot, dialog.import_button)
    chinese = content == "chinese"
    texts, authors = (
        (CHINESE_IDEAS, CHINESE_AUTHORS) if chinese else (ENGLISH_IDEAS, ENGLISH_AUTHORS)
    )
    assert rows(path, IDEAS_SQL.format(workshops["open"])) == list(zip(texts, authors, strict=True))
    new = "4 new participants" if chinese else "5 new participants"
    said = f"Imported 6 ideas from 5 people; 1 without a name, kept anonymous; {new} added."
    if read_as is not None:
        said += f" The file was read as {read_as}."
    assert window.view.messages.text() == said


def test_an_unsure_file_asks_for_the_idea_column(qtbot, tmp_path):
    _window, page, path, workshops = window_on(qtbot, tmp_path)
    dialog = page.import_from(SURVEYS / "two_questions_utf8.csv")
    assert dialog.idea_column.currentData() is None  # not chosen for the user
    assert dialog.status.text() == (
        "Which column holds the ideas? Perhaps E “3、下季度您希望做成哪件事”. Choose it above; "
        "the summary below shows what would be imported."
    )
    assert dialog.status_level() == "notice" and not dialog.import_button.isEnabled()
    assert dialog.table.rowCount() == 6  # the rows are shown to choose from
    assert dialog.table.quiet_columns() == []  # every column at its width, to choose from
    dialog.idea_column.setCurrentIndex(dialog.idea_column.findData(4))
    assert dialog.status_level() == "" and dialog.import_button.isEnabled()
    assert dialog.summary.text() == (
        "To import: 6 ideas from 5 people; 1 without a name, kept anonymous."
    )
    dialog.author_column.setCurrentIndex(dialog.author_column.findData(None))  # "(none)"
    assert dialog.summary.text() == (
        "To import: 6 ideas from 0 people; 6 without a name, kept anonymous."
    )
    click(qtbot, dialog.import_button)
    assert rows(path, IDEAS_SQL.format(workshops["open"])) == [
        (text, None) for text in CHINESE_IDEAS
    ]


def test_a_header_no_one_recognises_waits_for_its_columns(qtbot, tmp_path):
    _window, page, path, workshops = window_on(qtbot, tmp_path, "zh_CN")
    source = tmp_path / "answers.csv"
    source.write_text("问题一,问题二\n提高续约率,\n降低成本,王丽\n", encoding="utf-8")
    dialog = page.import_from(source)
    assert dialog.status.text() == (
        "按 UTF-8（Unicode 统一码） 读取：第一行没有 okrdesk 认识的列名。"
        "请在上方选择各列，或换一种编码。"
    )
    assert not dialog.import_button.isEnabled()
    dialog.idea_column.setCurrentIndex(dialog.idea_column.findData(0))
    dialog.author_column.setCurrentIndex(dialog.author_column.findData(1))
    assert dialog.summary.text() == "将导入 2 条想法，来自 1 人；其中 1 条没有署名，按匿名保留。"
    click(qtbot, dialog.import_button)
    assert rows(path, IDEAS_SQL.format(workshops["open"])) == [
        ("提高续约率", None),
        ("降低成本", "王丽"),
    ]


def test_a_file_imported_before_is_said_in_the_preview(qtbot, tmp_path):
    _window, page, path, workshops = window_on(qtbot, tmp_path)
    dialog = page.import_from(SURVEYS / "google_forms_utf8.csv")
    click(qtbot, dialog.import_button)
    again = page.import_from(SURVEYS / "google_forms_utf8.csv")
    assert again.status.text() == (
        "All 6 ideas in this file are already in the workshop (the file was imported before)."
    )
    assert again.status_level() == "error" and not again.import_button.isEnabled()
    assert len(rows(path, IDEAS_SQL.format(workshops["open"]))) == 6


@pytest.mark.parametrize(
    ("workshop", "said"),
    [
        ("grouped", "“Design workshop” is past brainstorming (the room is in Group)"),
        ("person", "“Lin Mei's OKRs” is a person's workshop"),
    ],
)
def test_a_workshop_that_takes_no_ideas_refuses_before_the_preview(qtbot, tmp_path, workshop, said):
    window, page, path, workshops = window_on(qtbot, tmp_path)
    source = SURVEYS / "microsoft_forms.xlsx"
    assert preview_import(page, window.session, workshops[workshop], source) is None
    assert window.findChild(ImportPreviewDialog) is None
    assert window.view.messages.text().startswith(said)
    assert window.view.messages.property("level") == "error"
    assert len(rows(path, IDEAS_SQL.format(workshops[workshop]))) == (workshop == "grouped")


def test_a_list_of_people_already_there_is_said_in_the_preview(qtbot, tmp_path):
    _window, page, _path, _workshops = window_on(qtbot, tmp_path)
    source = tmp_path / "people.csv"
    source.write_text("姓名\nAna\n陈静\n", encoding="utf-8")
    dialog = page.import_from(source)
    assert dialog.status.text() == (
        "Everyone named in this file is a participant already, and it holds no ideas."
    )
    assert dialog.status_level() == "error" and not dialog.import_button.isEnabled()


@pytest.mark.parametrize(
    ("name", "first"), [("wenjuanxing_titled.xlsx", 3), ("tencent_titled.csv", 4)]
)
def test_a_surveys_title_above_the_header_is_not_a_row_of_the_preview(qtbot, tmp_path, name, first):
    _, page, _, _ = window_on(qtbot, tmp_path)
    dialog = page.import_from(SURVEYS / name)
    table = dialog.table
    assert table.horizontalHeaderItem(0).text() in {"序号", "编号"}
    assert table.verticalHeaderItem(0).text() == str(first)  # numbered as in the file
    assert table.rowCount() == 6 and "问卷" not in table.item(0, 0).text()


def test_the_department_picked_in_the_preview_is_kept_and_shown(qtbot, tmp_path):
    from okrdesk.ui.models.roles import AUTHOR_ROLE

    window, page, path, _ = window_on(qtbot, tmp_path)
    dialog = page.import_from(SURVEYS / "microsoft_forms.xlsx")
    assert dialog.department_column.currentData() == 6  # "Which department are you in?"
    click(qtbot, dialog.import_button)
    department = "SELECT department FROM participant WHERE name = 'Bob Chen'"
    assert rows(path, department) == [("Sales",)]
    people = [page.people.item(r).text() for r in range(page.people.count())]
    assert "Bob Chen · Sales" in people
    window.undo()
    assert rows(path, department) == []
    window.redo()
    assert rows(path, department) == [("Sales",)]
    window.view.go_to_phase(Phase.BRAINSTORM)
    cards = window.view.pages[Phase.BRAINSTORM].cards
    assert cards.index(1, 0).data(AUTHOR_ROLE) == "Bob Chen · Sales"
    assert cards.index(1, 0).data(Qt.ItemDataRole.ToolTipRole).endswith("— Bob Chen · Sales")


def test_a_department_left_out_in_the_preview_is_not_stored(qtbot, tmp_path):
    _, page, path, _ = window_on(qtbot, tmp_path)
    dialog = page.import_from(SURVEYS / "google_forms_utf8.csv")
    dialog.department_column.setCurrentIndex(dialog.department_column.findData(None))
    click(qtbot, dialog.import_button)
    assert rows(path, "SELECT DISTINCT department FROM participant") == [(None,)]


def test_an_idea_longer_than_a_card_is_refused_in_the_window_naming_its_row(qtbot, tmp_path):
    window, page, path, workshops = window_on(qtbot, tmp_path)
    source = tmp_path / "long.csv"
    source.write_text(f"idea,author\nShort one,Ana\n{'长' * 201},Bo\n", encoding="utf-8")
    assert page.import_from(source) is None  # no choice in a preview could help
    said = window.view.messages.text()
    assert said.startswith("long.csv: Row 3: the idea in column A “idea” is 201 characters")
    assert "at most 200" in said
    assert rows(path, IDEAS_SQL.format(workshops["open"])) == []

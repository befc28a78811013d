"""Brainstorm page: type, Enter, the card is on the wall and in the file; edit, merge, delete."""

from PySide6.QtCore import Qt

from okrdesk.models import Phase
from okrdesk.ui.models.roles import ID_ROLE
from tests.ui_helpers import empty_workshop_plan, open_window, rows


def brainstorming(qtbot, tmp_path):
    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path)
    window.view.go_to_phase(Phase.BRAINSTORM)
    return window, window.view.pages[Phase.BRAINSTORM], path


def type_idea(qtbot, page, text):
    if text.isascii():
        qtbot.keyClicks(page.entry, text)
    else:
        page.entry.insert(text)  # QTest can only type ASCII keys; an input method would commit this
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)


def test_the_entry_box_has_focus_when_the_phase_opens(qtbot, tmp_path):
    window, page, _ = brainstorming(qtbot, tmp_path)
    qtbot.waitUntil(lambda: window.focusWidget() is page.entry)


def test_typing_an_idea_and_enter_puts_a_card_on_the_wall_and_in_the_file(qtbot, tmp_path):
    window, page, path = brainstorming(qtbot, tmp_path)
    page.author.setCurrentIndex(page.author.findText("陈静"))
    type_idea(qtbot, page, "获得更多市场线索 🚀")
    assert page.cards.rowCount() == 1
    assert page.cards.data(page.cards.index(0, 0)) == "获得更多市场线索 🚀"
    assert page.entry.text() == "" and window.focusWidget() is page.entry
    assert rows(
        path, "SELECT i.text, p.name FROM idea i JOIN participant p ON p.id = i.author_id"
    ) == [("获得更多市场线索 🚀", "陈静")]
    assert window.undo_action.text() == "&Undo Add idea"


def test_an_empty_idea_is_refused_inline_and_nothing_is_written(qtbot, tmp_path):
    window, page, path = brainstorming(qtbot, tmp_path)
    type_idea(qtbot, page, "   ")
    assert window.view.messages.text() == "The idea cannot be empty."
    assert rows(path, "SELECT count(*) FROM idea") == [(0,)]


def test_edit_in_place_merge_and_delete(qtbot, tmp_path):
    window, page, path = brainstorming(qtbot, tmp_path)
    for text in ("More leads", "MORE LEADS", "Cut churn"):
        type_idea(qtbot, page, text)
    model = page.cards
    page.cards.setData(model.index(2, 0), "Cut churn by 20%")
    assert rows(path, "SELECT text FROM idea WHERE id = 3") == [("Cut churn by 20%",)]
    # Select the first two cards (current first) and merge with Ctrl+M.
    page.wall.setFocus()
    page.wall.setCurrentIndex(model.index(0, 0))
    page.wall.selectionModel().select(
        model.index(1, 0), page.wall.selectionModel().SelectionFlag.Select
    )
    page.merge_action.trigger()
    assert model.rowCount() == 2
    assert rows(path, "SELECT merged_into_id FROM idea WHERE id = 2") == [(1,)]
    page.wall.clearSelection()
    page.wall.setCurrentIndex(model.index(1, 0))
    page.delete_action.trigger()
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == ["More leads"]
    window.undo()
    assert model.rowCount() == 2


def test_anonymous_workshops_record_no_author(qtbot, tmp_path):
    from okrdesk.engine import ops

    window, page, path = brainstorming(qtbot, tmp_path)
    window.session.run(ops.UpdateWorkshopSettings(window.view.workshop_id, anonymous=True))
    assert not page.author.isEnabled()
    type_idea(qtbot, page, "no name on this one")
    assert rows(path, "SELECT author_id FROM idea") == [(None,)]


def test_template_insert_adds_an_objective_with_key_results(qtbot, tmp_path, monkeypatch):
    from okrdesk.ui import dialogs

    _window, page, path = brainstorming(qtbot, tmp_path)
    monkeypatch.setattr(dialogs.TemplateDialog, "exec", lambda self: True)
    page.insert_template()
    assert rows(path, "SELECT count(*) FROM objective") == [(1,)]
    assert rows(path, "SELECT count(*) FROM key_result")[0][0] >= 2
    assert page.cards.rowCount() == 1 and page.cards.data(page.cards.index(0, 0), ID_ROLE)


def test_the_card_model_passes_the_model_tester(qtbot, qtmodeltester, tmp_path):
    _window, page, _ = brainstorming(qtbot, tmp_path)
    for text in ("a", "b", "c"):
        type_idea(qtbot, page, text)
    qtmodeltester.check(page.cards)


def test_an_empty_wall_says_what_to_do_until_the_first_card_and_after_the_last(qtbot, tmp_path):
    window, page, _ = brainstorming(qtbot, tmp_path)
    assert page.wall_empty.isVisible()
    assert page.wall_empty.text().startswith("No ideas yet. Type an idea")
    type_idea(qtbot, page, "More leads")
    assert page.wall_empty.isHidden()
    window.undo()
    assert page.cards.rowCount() == 0 and page.wall_empty.isVisible()
    window.redo()
    assert page.wall_empty.isHidden()


def test_the_empty_wall_speaks_chinese(qtbot, tmp_path):
    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path, "zh_CN")
    window.view.go_to_phase(Phase.BRAINSTORM)
    page = window.view.pages[Phase.BRAINSTORM]
    assert page.wall_empty.isVisible()
    assert page.wall_empty.text().startswith("还没有想法")


def test_typing_and_f2_share_the_card_limit_and_a_longer_edit_is_refused(qtbot, tmp_path):
    from PySide6.QtWidgets import QLineEdit

    from okrdesk.engine.validation import CARD_LENGTH, LIMITS

    assert LIMITS["idea"] == LIMITS["objective"] == CARD_LENGTH == 200
    window, page, path = brainstorming(qtbot, tmp_path)
    page.entry.insert("想" * 250)  # the box keeps what was pasted; Enter says it is too long
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)
    assert rows(path, "SELECT id FROM idea") == [] and len(page.entry.text()) == 250
    page.entry.setText("想" * CARD_LENGTH)
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)
    index = page.cards.index(0, 0)
    page.wall.setFocus()
    page.wall.setCurrentIndex(index)
    qtbot.keyClick(page.wall, Qt.Key.Key_F2)
    editor = page.wall.findChild(QLineEdit, "cardEditor")
    assert editor is not None and editor.maxLength() == CARD_LENGTH
    editor.end(False)
    editor.insert("多")  # full: the editor takes no more
    assert editor.text() == "想" * CARD_LENGTH
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    # An edit that arrives longer (pasted through the model) is refused, saying the limit.
    page.cards.setData(index, "想" * (CARD_LENGTH + 1))
    assert "at most 200" in window.view.messages.text()
    assert rows(path, "SELECT length(text) FROM idea") == [(CARD_LENGTH,)]


def test_a_card_saved_longer_before_is_shown_whole_in_the_f2_editor(qtbot):
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QLineEdit, QListView

    from okrdesk.ui.card_delegate import CardDelegate

    model = QStandardItemModel()
    model.appendRow(QStandardItem("x" * 300))  # as a plan from before the one limit holds it
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(CardDelegate(view))
    view.show()
    view.edit(model.index(0, 0))
    editor = view.findChild(QLineEdit, "cardEditor")
    assert editor is not None and editor.text() == "x" * 300  # not cut to 200 by the editor

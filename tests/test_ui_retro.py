"""The retrospective from the window: the four questions one at a time, answers typed like
cards, grouped by drag or by keyboard, the projector following, objectives marked to carry."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView

from okrdesk.engine.checkin_ops import RecordCheckIn
from okrdesk.ui import retro_dialog
from okrdesk.ui.dialogs import CANCELLED
from okrdesk.ui.projector.text_fit import recording
from tests.checkin_plan import CANDIDATE, open_copy
from tests.ui_helpers import open_window, rows


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, approved_template):
    path, built = approved_template  # built once per test process (conftest)
    # "Faster delivery" finished (1.0); 更多客户 at 0.5 (unfinished); the candidate unscored.
    copy = open_copy(path, built, tmp_path_factory.mktemp("retro") / "scored.okrdesk")
    krs = built[2]
    for kr, value in (("delivery", 7), ("leads", 75)):
        copy.do(RecordCheckIn(krs[kr], value=value))
    copy.do(RecordCheckIn(krs["site"], done=True))
    copy.editor.plan.close()
    return copy.path, built


@pytest.fixture
def retro(qtbot, template, tmp_path):
    path, built = template
    plan = tmp_path / "plan.okrdesk"
    plan.write_bytes(path.read_bytes())
    window = open_window(qtbot, plan)
    window.show_retro()
    dialog = window.retro
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)  # the keys go to it, as on a desktop
    return window, dialog, plan, built


def started(dialog) -> None:
    dialog.start.click()
    assert dialog.view.started


def tree_texts(dialog) -> list[tuple[str, list[str]]]:
    found = []
    for i in range(dialog.tree.topLevelItemCount()):
        top = dialog.tree.topLevelItem(i)
        found.append((top.text(0), [top.child(j).text(0) for j in range(top.childCount())]))
    return found


def answer_item(dialog, text: str):
    for i in range(dialog.tree.topLevelItemCount()):
        top = dialog.tree.topLevelItem(i)
        for j in range(top.childCount()):
            if top.child(j).text(0).startswith(text):
                return top.child(j)
    raise AssertionError(text)


def test_started_the_answers_are_typed_with_enter_to_the_question_on_screen(qtbot, retro):
    _window, dialog, plan, built = retro
    assert dialog.start.isVisible() and not dialog.answer.isEnabled()
    started(dialog)
    assert not dialog.start.isVisible() and dialog.answer.isEnabled()
    assert dialog.question.text() == "Why did we not reach this objective?"
    dialog.answer.setFocus()
    qtbot.keyClicks(dialog.answer, "Partners signed late")
    qtbot.keyClick(dialog.answer, Qt.Key.Key_Return)
    assert dialog.answer.text() == "" and dialog.answer.hasFocus()
    # An answer about an objective names it.
    dialog.about.setCurrentIndex(dialog.about.findData(built[1]["更多客户"]))
    dialog.answer.setText("线索质量不高")  # (keyClicks types ASCII only)
    qtbot.keyClick(dialog.answer, Qt.Key.Key_Return)
    assert rows(plan, "SELECT question, text, objective_id FROM retro_answer ORDER BY id") == [
        ("why_missed", "Partners signed late", None),
        ("why_missed", "线索质量不高", built[1]["更多客户"]),
    ]
    assert tree_texts(dialog) == [
        ("Not grouped", ["Partners signed late", "线索质量不高 — about: 更多客户"])
    ]
    assert "2 answers" in dialog.number.text()
    # Undo, as everywhere else.
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(plan, "SELECT count(*) FROM retro_answer") == [(1,)]


def test_the_next_and_previous_question_move_the_room_and_answers_go_to_it(qtbot, retro):
    _window, dialog, plan, _built = retro
    started(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert rows(plan, "SELECT current_question FROM retrospective") == [("improve",)]
    assert dialog.question.text() == "How do we improve on this in the next cycle?"
    qtbot.keyClicks(dialog.answer, "Sign partners in the first month")
    qtbot.keyClick(dialog.answer, Qt.Key.Key_Return)
    assert rows(plan, "SELECT question FROM retro_answer") == [("improve",)]
    dialog.step_question(1)
    dialog.step_question(1)
    assert not dialog.next.isEnabled()
    dialog.step_question(1)  # no fifth question
    assert rows(plan, "SELECT current_question FROM retrospective") == [("stop",)]
    qtbot.keyClick(dialog, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.current.value == "resources"
    assert tree_texts(dialog) == [("Not grouped", [])]


def test_answers_are_grouped_by_keyboard_and_by_drag_renamed_and_ungrouped(
    qtbot, retro, monkeypatch
):
    _window, dialog, plan, _built = retro
    started(dialog)
    for text in ("Late partners", "Slow hiring", "Unclear owner"):
        qtbot.keyClicks(dialog.answer, text)
        qtbot.keyClick(dialog.answer, Qt.Key.Key_Return)
    # M on the selection: a new group, named; both answers go in it (one undo step).
    dialog.tree.setFocus()
    answer_item(dialog, "Late partners").setSelected(True)
    answer_item(dialog, "Slow hiring").setSelected(True)
    monkeypatch.setattr(retro_dialog, "choose", lambda *_a: retro_dialog.NEW_GROUP)
    monkeypatch.setattr(retro_dialog, "ask_text", lambda *_a, **_k: "People")
    qtbot.keyClick(dialog.tree, Qt.Key.Key_M)
    assert tree_texts(dialog) == [
        ("People", ["Late partners", "Slow hiring"]),
        ("Not grouped", ["Unclear owner"]),
    ]
    group = rows(plan, "SELECT id FROM retro_group")[0][0]
    # A drop of the loose answer above "Late partners" puts it first in the group.
    dialog.tree.clearSelection()
    answer_item(dialog, "Unclear owner").setSelected(True)
    valid, target, index = dialog.tree.drop_target(
        answer_item(dialog, "Late partners"), QAbstractItemView.DropIndicatorPosition.AboveItem
    )
    assert (valid, target, index) == (True, group, 0)
    dialog.tree.moved.emit(dialog.tree.selected_answers(), target, index)
    assert tree_texts(dialog)[0] == ("People", ["Unclear owner", "Late partners", "Slow hiring"])
    # The real drop event goes the same way (onto the loose heading: out of the group).
    dialog.tree.clearSelection()
    answer_item(dialog, "Slow hiring").setSelected(True)
    loose = dialog.tree.topLevelItem(1)
    monkeypatch.setattr(dialog.tree, "itemAt", lambda _point: loose)
    from PySide6.QtCore import QMimeData, QPointF
    from PySide6.QtGui import QDropEvent

    event = QDropEvent(
        QPointF(QPoint(5, 5)),
        Qt.DropAction.MoveAction,
        QMimeData(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog.tree.dropEvent(event)
    assert tree_texts(dialog)[1] == ("Not grouped", ["Slow hiring"])
    # F2 renames the group; Del removes it and its answers stay, not grouped.
    dialog.tree.clearSelection()
    dialog.tree.topLevelItem(0).setSelected(True)
    monkeypatch.setattr(retro_dialog, "ask_text", lambda *_a, **_k: "人手")
    qtbot.keyClick(dialog.tree, Qt.Key.Key_F2)
    assert dialog.tree.topLevelItem(0).text(0) == "人手"
    dialog.tree.clearSelection()
    dialog.tree.topLevelItem(0).setSelected(True)
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Delete)
    assert tree_texts(dialog) == [
        ("Not grouped", ["Slow hiring", "Unclear owner", "Late partners"])
    ]
    assert rows(plan, "SELECT count(*) FROM retro_group") == [(0,)]


def test_an_answer_is_edited_given_an_objective_and_deleted(qtbot, retro, monkeypatch):
    _window, dialog, plan, built = retro
    started(dialog)
    qtbot.keyClicks(dialog.answer, "Partners late")
    qtbot.keyClick(dialog.answer, Qt.Key.Key_Return)
    dialog.tree.setFocus()
    answer_item(dialog, "Partners late").setSelected(True)
    monkeypatch.setattr(retro_dialog, "ask_text", lambda *_a, **_k: "Partners signed late")
    qtbot.keyClick(dialog.tree, Qt.Key.Key_F2)
    answer_item(dialog, "Partners signed late").setSelected(True)
    monkeypatch.setattr(retro_dialog, "choose", lambda *_a: built[1]["Faster delivery"])
    qtbot.keyClick(dialog.tree, Qt.Key.Key_O)
    assert rows(plan, "SELECT text, objective_id FROM retro_answer") == [
        ("Partners signed late", built[1]["Faster delivery"])
    ]
    monkeypatch.setattr(retro_dialog, "choose", lambda *_a: CANCELLED)
    qtbot.keyClick(dialog.tree, Qt.Key.Key_O)  # cancelled: nothing changes
    answer_item(dialog, "Partners signed late").setSelected(True)
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Delete)
    assert rows(plan, "SELECT count(*) FROM retro_answer") == [(0,)]
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(plan, "SELECT count(*) FROM retro_answer") == [(1,)]


def test_objectives_below_0_7_are_offered_and_others_are_marked_to_carry(qtbot, retro):
    _window, dialog, plan, built = retro
    marks = {
        dialog.carry.topLevelItem(i).text(0): dialog.carry.topLevelItem(i)
        for i in range(dialog.carry.topLevelItemCount())
    }
    assert set(marks) == {"Faster delivery", "更多客户"}  # the approved objectives
    unfinished, finished = marks["更多客户"], marks["Faster delivery"]
    assert unfinished.text(1) == "0.50" and finished.text(1) == "1.00"
    assert unfinished.checkState(0) == Qt.CheckState.Checked
    assert not unfinished.flags() & Qt.ItemFlag.ItemIsUserCheckable  # the engine decides
    assert finished.checkState(0) == Qt.CheckState.Unchecked
    finished.setCheckState(0, Qt.CheckState.Checked)
    objective = built[1]["Faster delivery"]
    assert rows(plan, f"SELECT carry FROM objective WHERE id = {objective}") == [(1,)]
    finished = dialog.carry.topLevelItem(0)
    finished.setCheckState(0, Qt.CheckState.Unchecked)
    assert rows(plan, f"SELECT carry FROM objective WHERE id = {objective}") == [(0,)]
    assert CANDIDATE not in [m.title for m in dialog.marks] and dialog.marks[1].score == Decimal(
        "0.5"
    )


def test_reopened_okrs_cannot_start_a_retrospective(qtbot, retro):
    window, dialog, _plan, built = retro
    from okrdesk.engine import ops

    window.session.run(ops.ReopenWorkshop(built[0], "A key result was wrong"))
    assert not dialog.start.isVisible() and not dialog.answer.isEnabled()
    assert "not approved yet" in dialog.status.text()


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_the_projector_shows_the_question_and_its_answers_and_everything_fits(qtbot, retro, size):
    window, dialog, _plan, _built = retro
    projector = window.projector.window
    projector.resize(*size)
    with qtbot.waitExposed(projector):
        projector.show()
    window.projector.refresh()
    dialog.show()
    dialog._project()
    assert projector.retro is None  # nothing to show before the start
    started(dialog)
    assert projector.retro is not None and projector.retro.question.number == 1
    long_en = "We signed partners too late because the contract review took three rounds " * 2
    long_zh = "合作伙伴签约太晚，因为合同审核走了三轮，市场活动也因此推迟了整整一个月" * 3
    for text in (long_en.strip()[:200], long_zh[:200], "Short"):
        dialog.answer.setText(text)
        dialog.add_answer()
    said = projector.description()
    assert "Why did we not reach this objective?" in said and "Short" in said
    with recording() as drawn:
        projector.grab()
    assert drawn.problems(projector._floor()) == []  # nothing cut, nothing too small
    dialog.step_question(1)
    assert projector.retro.question.number == 2 and "Short" not in projector.description()
    dialog.close()
    assert projector.retro is None  # the room sees the workshop's page again


def test_many_answers_go_on_pages_the_facilitator_turns(qtbot, retro):
    window, dialog, _plan, _built = retro
    projector = window.projector.window
    projector.resize(1024, 768)
    with qtbot.waitExposed(projector):
        projector.show()
    started(dialog)
    for n in range(40):
        dialog.answer.setText(f"Answer {n} with some words to make it wrap across the card")
        dialog.add_answer()
    dialog._project()
    with recording() as drawn:
        projector.grab()
    assert projector.pages > 1
    assert drawn.problems(projector._floor()) == []
    projector.next_page()
    with recording() as drawn:
        projector.grab()
    assert projector.page == 1 and drawn.problems(projector._floor()) == []
    assert any("Answer 39" in text for text in drawn.texts()) or projector.pages > 2


def test_a_phones_answer_names_its_person_in_the_window_and_on_the_projector(qtbot, retro):
    window, dialog, plan, built = retro
    from okrdesk.engine.aspects import Actor
    from okrdesk.engine.retro_ops import AddRetroAnswer
    from okrdesk.models import RetroQuestion

    started(dialog)
    ana = rows(plan, "SELECT id FROM participant WHERE name = 'Ana'")[0][0]
    change = window.session.apply_for(
        AddRetroAnswer(built[0], RetroQuestion.WHY_MISSED, "From my phone", author_id=ana),
        Actor.PHONE,
    )
    assert change is not None
    assert tree_texts(dialog) == [("Not grouped", ["From my phone — Ana"])]
    dialog.show()
    dialog._project()
    assert "Ana" in window.projector.window.description().splitlines()


def test_answers_read_no_scores_and_a_hidden_window_reads_nothing(qtbot, retro, monkeypatch):
    _window, dialog, _plan, _built = retro
    started(dialog)
    read = []
    real = dialog.session.view
    monkeypatch.setattr(
        dialog.session,
        "view",
        lambda build, *a, **k: read.append(build.__name__) or real(build, *a, **k),
    )
    dialog.answer.setText("One more")
    dialog.add_answer()
    assert read == ["retrospective_view"]  # an answer changes no score: not read again
    read.clear()
    dialog.hide()
    dialog.session.run(retro_dialog.AddRetroAnswer(dialog.workshop_id, dialog.view.current, "x"))
    assert read == []
    dialog.show()
    assert read == ["retrospective_view"] and "x" in str(tree_texts(dialog))


def test_the_review_opened_leaves_the_retrospective_open_and_closing_the_plan_closes_it(
    qtbot, retro
):
    window, dialog, _plan, _built = retro
    window.show_review()
    assert window.retro is dialog and dialog.isVisible()
    window.close_plan()
    assert window.retro is None


def test_a_long_answer_wraps_in_the_list_instead_of_being_cut(qtbot, retro):
    _window, dialog, _plan, _built = retro
    started(dialog)
    for text in ("Short", "A long answer that goes on " * 7):
        dialog.answer.setText(text.strip())
        dialog.add_answer()
    dialog.tree.doItemsLayout()
    short, long = (answer_item(dialog, t) for t in ("Short", "A long answer"))
    assert (
        dialog.tree.visualItemRect(long).height()
        >= 2 * dialog.tree.visualItemRect(short).height() - 4
    )

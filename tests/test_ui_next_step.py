"""The right next step on the vote page: the primary (blue) button follows the vote's state.

Clicked through in the real window: Open voting → Close voting → Reveal → (a tie) Start
run-off → Close → Reveal → Decide → "Continue: Select →"; after a reveal it is never "Open
voting" again, and closing with people missing names them first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from okrdesk.engine import ops
from okrdesk.models import Phase
from tests.test_ui_phases import window_in
from tests.ui_helpers import rows


def primary(page) -> str:
    """The text of the one visible primary button (there is exactly one)."""
    buttons = [
        b
        for b in (*page.step_buttons.values(), page.decide_button)
        if b.objectName() == "primary" and b.isVisible()
    ]
    assert len(buttons) == 1, [b.text() for b in buttons]
    assert buttons[0].isEnabled()
    return buttons[0].text()


def visible(page) -> set[str]:
    return {b.text() for b in (*page.step_buttons.values(), page.decide_button) if b.isVisible()}


def test_the_primary_button_walks_the_vote_to_select(qtbot, tmp_path, monkeypatch):
    from okrdesk.ui import dialogs

    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, question: asked.append(question) or True)
    window, workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    run = window.session.run
    run(ops.UpdateWorkshopSettings(workshop, selection_size=2))
    page = window.view.pages[Phase.VOTE]
    assert primary(page) == "Open voting" and page.status.text() == "Voting has not started."
    page.primary_button().click()
    assert primary(page) == "Close voting" and "Open voting" not in visible(page)
    ids = [row[0] for row in rows(path, "SELECT id FROM objective ORDER BY id")]
    run(ops.CastDot(workshop, 1, ids[0]))
    run(ops.CastDot(workshop, 1, ids[0]))
    run(ops.CastDot(workshop, 2, ids[1]))
    run(ops.CastDot(workshop, 3, ids[2]))
    run(ops.ConfirmBallot(workshop, 1))
    page.primary_button().click()
    # Two had not handed their ballots in: the question names them.
    assert asked == ["Not voted yet: Bo, 陈静. Close the vote anyway?"]
    assert primary(page) == "Reveal tally"
    page.primary_button().click()
    assert primary(page) == "Start run-off" and "Decide tie…" in visible(page)
    assert "Open voting" not in visible(page) and "Vote again…" in visible(page)
    assert page.status.text().startswith("Tie at the cut-off")
    page.primary_button().click()
    assert primary(page) == "Close voting"
    run(ops.CastDot(workshop, 1, ids[1]))
    run(ops.CastDot(workshop, 2, ids[2]))
    page.primary_button().click()
    assert primary(page) == "Reveal tally"
    page.primary_button().click()  # tied again
    assert primary(page) == "Start run-off"
    run(ops.DecideTie(workshop, (ids[2],), "Closer to the company objectives"))
    assert primary(page) == "Continue: Select →"
    # Beside the settled table, the heading says the vote is settled (not "is closed").
    assert "settled" in page.status.text() and "closed" not in page.status.text()
    assert "Open voting" not in visible(page)
    page.primary_button().click()
    assert rows(path, "SELECT phase FROM workshop") == [("select",)]


def test_voting_again_after_a_reveal_asks_first(qtbot, tmp_path, monkeypatch):
    from okrdesk.ui import dialogs

    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, question: asked.append(question) or False)
    window, workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    run = window.session.run
    run(ops.OpenVoting(workshop))
    run(ops.CloseVoting(workshop))
    run(ops.RevealTally(workshop))
    page = window.view.pages[Phase.VOTE]
    assert primary(page) == "Continue: Select →"
    page.open_button.click()
    assert asked and asked[0].startswith("The tally is revealed. Vote again?")
    assert rows(path, "SELECT count(*) FROM vote_round") == [(1,)]


def test_an_empty_reason_keeps_the_tie_dialog_open_with_the_choice(qtbot, tmp_path):
    window, workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    run = window.session.run
    run(ops.UpdateWorkshopSettings(workshop, selection_size=1))
    run(ops.OpenVoting(workshop))
    run(ops.CloseVoting(workshop))
    run(ops.RevealTally(workshop))  # no dots: all three tie for one seat
    page = window.view.pages[Phase.VOTE]
    seen: dict[str, object] = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        dialog.boxes[1][0].setChecked(True)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        ok.click()  # no reason yet: refused
        seen["open"] = dialog.isVisible()
        seen["kept"] = dialog.boxes[1][0].isChecked()
        seen["error"] = dialog.error.text()
        dialog.reason_edit.setPlainText("Closest to the company objectives")
        ok.click()

    QTimer.singleShot(0, answer)
    page.decide_button.click()
    assert seen["open"] is True and seen["kept"] is True and seen["error"]
    assert rows(path, "SELECT reason FROM tie_decision") == [("Closest to the company objectives",)]
    assert primary(page) == "Continue: Select →"


def test_every_page_ends_with_its_next_phase(qtbot, tmp_path):
    window, _workshop, path = window_in(qtbot, tmp_path, Phase.BRAINSTORM, objectives=())
    view = window.view
    button = view.next_button
    assert button.isVisible() and button.text() == "Next: Group →"
    assert not button.isEnabled()
    assert button.toolTip() == "Add at least one idea before grouping."
    page = view.pages[Phase.BRAINSTORM]
    qtbot.keyClicks(page.entry, "Win the mid-market")
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)
    assert button.isEnabled() and button.toolTip() == ""
    assert button.property("lead") is False  # Brainstorm's own "Add" is the blue one
    button.click()
    assert rows(path, "SELECT phase FROM workshop") == [("group",)]
    assert button.text() == "Next: Vote →"
    # Group has no blue button of its own: its way on is drawn as the primary one.
    assert button.property("lead") is True
    image = button.grab().toImage()
    assert not button.isEnabled()  # no objective yet: the primary's pale blue
    assert image.pixelColor(8, image.height() // 2).name() == "#93c5fd"


def test_a_card_holds_what_an_objective_holds(qtbot, tmp_path):
    from okrdesk.engine.validation import LIMITS

    window, _workshop, path = window_in(qtbot, tmp_path, Phase.BRAINSTORM, objectives=())
    page = window.view.pages[Phase.BRAINSTORM]
    page.entry.setFocus()
    page.entry.insert("长" * 248)  # pasted (keyClicks types ASCII only): nothing cut unseen
    assert len(page.entry.text()) == 248 and LIMITS["objective"] == 200
    assert page.counter.isVisible()
    assert page.counter.text().startswith("248 / 200") and "shorten it by 48" in page.counter.text()
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)
    assert rows(path, "SELECT id FROM idea") == []  # refused, saying why; the text kept
    assert "at most 200" in window.view.messages.text()
    assert page.entry.text() == "长" * 248
    page.entry.setSelection(200, 48)
    qtbot.keyClick(page.entry, Qt.Key.Key_Delete)
    assert page.counter.text().startswith("200 / 200")
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)
    card = rows(path, "SELECT id FROM idea")[0][0]
    assert window.session.run(ops.ChangePhase(_workshop, Phase.GROUP)) is not None
    assert window.session.run(ops.MakeObjectiveFromIdea(card)) is not None


def test_the_primary_button_speaks_chinese_and_the_words_differ(qtbot, tmp_path):
    from tests.ui_helpers import empty_workshop_plan, open_window

    path = tmp_path / "plan.okrdesk"
    workshop = empty_workshop_plan(path)
    window = open_window(qtbot, path, "zh_CN")
    window.session.set_language("zh_CN")
    run = window.session.run
    run(ops.ChangePhase(workshop, Phase.BRAINSTORM))
    cards = [run(ops.AddIdea(workshop, text)).result for text in ("赢得中端市场", "降低流失率")]
    run(ops.ChangePhase(workshop, Phase.GROUP))
    for card in cards:
        run(ops.MakeObjectiveFromIdea(card))
    run(ops.ChangePhase(workshop, Phase.VOTE))
    page = window.view.pages[Phase.VOTE]
    assert primary(page) == "开始投票"
    page.primary_button().click()
    assert primary(page) == "结束投票"
    # The booth's button is one person's ballot, not the facilitator's "open voting".
    assert page.booth.start_button.text() == "开始我的选票" != page.open_button.text()
    page.primary_button().click()
    assert primary(page) == "公布计票结果"
    page.primary_button().click()
    assert primary(page) == "继续：选定 →"  # two candidates, every seat filled
    assert window.view.navigator.item(Phase.SIGNOFF.order).toolTip() == (
        "尚不可用：请逐个阶段前进，下一个阶段是「选定」。"
    )


def test_undoing_the_last_card_closes_group_again_and_other_undos_keep_it_open(qtbot, tmp_path):
    window, _workshop, _path = window_in(qtbot, tmp_path, Phase.BRAINSTORM, objectives=())
    button = window.view.next_button
    page = window.view.pages[Phase.BRAINSTORM]
    for text in ("Win the mid-market", "More leads"):
        qtbot.keyClicks(page.entry, text)
        qtbot.keyClick(page.entry, Qt.Key.Key_Return)
    assert button.isEnabled()
    window.session.undo_stack.undo()  # one card left: Group stays open
    assert button.isEnabled() and window.view.phases.ideas == 1
    window.session.undo_stack.undo()
    assert not button.isEnabled()
    assert button.toolTip() == "Add at least one idea before grouping."
    window.session.undo_stack.redo()
    assert button.isEnabled()

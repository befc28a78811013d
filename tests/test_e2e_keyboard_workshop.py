"""A whole workshop by keyboard only, in Chinese and in English: from File → New to the PDF.

The real window, driven as a person at the laptop would: every key goes to the widget that
has the focus (QApplication.focusWidget()), or to the dialog that is up; nothing is clicked,
no page method is called, no field is set from the test. Chinese is typed as an input method
commits it. At every step the page's primary (blue) button says the next step in the
window's language, and the keys a person presses for it (Space on the focused button, Enter,
or its shortcut) run it.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from okrdesk.engine import ops
from okrdesk.models import Phase
from okrdesk.ui import dialogs
from okrdesk.ui.i18n import Translations
from okrdesk.ui.main_window import MainWindow
from okrdesk.ui.settings import AppSettings
from tests.test_ui_phases import window_in
from tests.test_ui_signoff import at_signoff
from tests.ui_helpers import rows

# The real question box (conftest answers every question yes; a test here asks the keyboard).
ASK = dialogs.confirm
Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


@dataclass(frozen=True)
class Words:
    """What the room types, and what the window says, in one language."""

    language: str
    organisation: str
    workshop: str
    unit: str
    people: tuple[str, ...]
    ideas: tuple[str, ...]  # the first three become objectives, the fourth joins the first
    key_results: tuple[tuple[str, ...], ...]  # per objective
    signer: str
    next_brainstorm: str
    next_group: str
    next_vote: str
    next_signoff: str
    next_export: str
    add: str
    add_key_result: str
    open_voting: str
    close_voting: str
    reveal: str
    continue_select: str
    start_ballot: str
    hand_in: str
    select_by_vote: str
    approve: str
    save_pdf: str
    approved: str


ENGLISH = Words(
    language="en",
    organisation="Northstar",
    workshop="Design team OKRs",
    unit="Design",
    people=("Ana", "Bo", "Chen"),
    ideas=("Win the mid-market", "Cut churn in half", "Ship every week", "Hire two designers"),
    key_results=(
        ("Sign 40 mid-market customers", "Raise the average deal to 30k"),
        ("Churn down to 2 percent",),
        ("52 releases in the year",),
    ),
    signer="Dana CEO",
    next_brainstorm="Next: Brainstorm →",
    next_group="Next: Group →",
    next_vote="Next: Vote →",
    next_signoff="Next: Sign-off →",
    next_export="Next: Export →",
    add="Add",
    add_key_result="Add key result",
    open_voting="Open voting",
    close_voting="Close voting",
    reveal="Reveal tally",
    continue_select="Continue: Select →",
    start_ballot="Start my ballot",
    hand_in="Hand in my ballot",
    select_by_vote="Select by vote",
    approve="Approve",
    save_pdf="Save PDF…",
    approved="✓ Approved",
)

CHINESE = Words(
    language="zh_CN",
    organisation="北辰科技",
    workshop="设计团队 OKR 研讨会",
    unit="设计部",
    people=("王丽", "李雷", "陈静"),
    ideas=("赢得中端市场", "客户流失率减半", "每周发布一次", "招聘两名设计师"),
    key_results=(
        ("签约40家中端客户", "平均合同额提高到3万元"),
        ("流失率降到2%",),
        ("全年发布52次",),
    ),
    signer="张总",
    next_brainstorm="下一步：头脑风暴 →",
    next_group="下一步：归类分组 →",
    next_vote="下一步：投票 →",
    next_signoff="下一步：签批 →",
    next_export="下一步：导出 →",
    add="添加",
    add_key_result="添加关键结果",
    open_voting="开始投票",
    close_voting="结束投票",
    reveal="公布计票结果",
    continue_select="继续：选定 →",
    start_ballot="开始我的选票",
    hand_in="提交我的选票",
    select_by_vote="按投票结果选定",
    approve="批准",
    save_pdf="另存为 PDF…",
    approved="✓ 已批准",
)


class Keyboard:
    """The person at the laptop: keys go where the focus is."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot

    @staticmethod
    def focus() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "the keyboard is nowhere: no widget has the focus"
        return widget

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
        self.qtbot.keyClick(self.focus(), key, modifier)

    def type(self, text: str) -> None:
        """Type ASCII key by key; anything else as an input method commits it (Chinese)."""
        if text.isascii():
            self.qtbot.keyClicks(self.focus(), text)
            return
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(self.focus(), event)

    def tab_to(self, target: QWidget, *, back: bool = False, most: int = 30) -> int:
        """Tab (or Shift+Tab) until the target has the focus; how many presses it took."""
        for count in range(most + 1):
            if self.focus() is target:
                return count
            self.press(Key.Key_Backtab if back else Key.Key_Tab, SHIFT if back else NONE)
        raise AssertionError(f"{most} presses of Tab never reached {target!r}")

    def back_to(self, window: QWidget) -> None:
        """A dialog closed: the window manager gives the window back its activation (the
        offscreen platform does not), and the window its focus widget."""
        if not window.isActiveWindow():
            with self.qtbot.waitActive(window):
                window.activateWindow()

    def in_dialog(self, kind: str, keys: Callable[[], None]) -> None:
        """Once a modal dialog of that class has the focus, press its keys."""

        def answer() -> None:
            def ready() -> bool:
                dialog = QApplication.activeModalWidget()
                focus = QApplication.focusWidget()
                return (
                    dialog is not None
                    and type(dialog).__name__ == kind
                    and focus is not None
                    and focus.window() is dialog
                )

            try:
                self.qtbot.waitUntil(ready, timeout=5000)
                dialog = QApplication.activeModalWidget()
                keys()
                # Its keys close it (OK, or the file chosen); still open, it is stuck.
                assert not dialog.isVisible(), f"{kind} is still open after its keys"
            except BaseException:
                # A dialog left open would wait for ever: close it, then fail.
                while (open_dialog := QApplication.activeModalWidget()) is not None:
                    open_dialog.close()
                raise

        QTimer.singleShot(0, answer)


def primaries(page: QWidget) -> list[str]:
    """The texts of the page's primary (blue) buttons that can be pressed now."""
    return [
        button.text()
        for button in page.findChildren(QPushButton)
        if button.objectName() == "primary" and button.isVisible() and button.isEnabled()
    ]


# Qt's own file dialog (File → New, Save PDF…) pops its completer up while a path is typed;
# the offscreen platform cannot raise it or let it grab the keyboard, and says so.
@pytest.mark.qt_log_ignore("This plugin does not support raise", "does not support grabbing")
@pytest.mark.parametrize("words", [ENGLISH, CHINESE], ids=["en", "zh"])
def test_a_whole_workshop_by_keyboard(qtbot, tmp_path: Path, words: Words) -> None:
    from okrdesk.ui.app import application

    application()
    translations = Translations()
    translations.install(words.language)
    window = MainWindow(AppSettings(), translations)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    keys = Keyboard(qtbot)
    path = tmp_path / "blank.okrdesk"

    # --- File → New (Ctrl+N): the file, the organisation, the first workshop -------------
    def name_the_file() -> None:
        keys.type(str(path))
        keys.press(Key.Key_Return)
        keys.in_dialog("TextDialog", name_the_organisation)

    def name_the_organisation() -> None:
        keys.type(words.organisation)
        keys.press(Key.Key_Return)
        keys.in_dialog("NewWorkshopDialog", describe_the_workshop)

    def describe_the_workshop() -> None:
        keys.type(words.workshop)  # the title field has the focus
        # On to the new unit's name: the cycle (a new one, the next quarter) stays as offered.
        dialog = QApplication.activeModalWidget()
        # Title → cycle → its name → starts → ends → unit → the new unit's name: a date is
        # one Tab, not one for each of its year, month and day.
        assert keys.tab_to(dialog.unit_name) == 6
        keys.type(words.unit)
        keys.press(Key.Key_Return)  # OK

    keys.in_dialog("QFileDialog", name_the_file)
    qtbot.keyClick(window, Key.Key_N, CTRL)  # no plan yet, so no focus: the window hears it
    assert path.exists()
    assert rows(path, "SELECT organisation FROM plan_info") == [(words.organisation,)]
    view = window.view
    assert view is not None
    assert rows(path, "SELECT title, phase FROM workshop") == [(words.workshop, "setup")]
    assert rows(path, "SELECT name, level FROM org_unit") == [(words.unit, "company")]

    # --- Setup: the people, and two objectives to select -------------------------------
    setup = view.pages[Phase.SETUP]
    assert view.stack.currentWidget() is setup
    keys.back_to(window)
    assert keys.focus() is setup.person
    for name in words.people:
        keys.type(name)
        keys.press(Key.Key_Return)
    assert rows(path, "SELECT name FROM participant ORDER BY id") == [(n,) for n in words.people]
    keys.tab_to(setup.seats, back=True)
    keys.press(Key.Key_A, CTRL)
    keys.type("2")
    keys.press(Key.Key_Tab)
    assert rows(path, "SELECT selection_size FROM workshop") == [(2,)]
    assert primaries(setup) == []
    assert view.next_button.text() == words.next_brainstorm and view.next_button.isEnabled()
    keys.press(Key.Key_PageDown, CTRL)

    # --- Brainstorm: ideas typed, Enter each --------------------------------------------
    brainstorm = view.pages[Phase.BRAINSTORM]
    assert view.stack.currentWidget() is brainstorm
    assert keys.focus() is brainstorm.entry
    assert primaries(brainstorm) == [words.add]
    for idea in words.ideas:
        keys.type(idea)
        keys.press(Key.Key_Return)
    assert rows(path, "SELECT text FROM idea ORDER BY id") == [(i,) for i in words.ideas]
    assert view.next_button.text() == words.next_group and view.next_button.isEnabled()
    # The way on is in the Tab order too (elsewhere: its shortcut, Ctrl+Page Down).
    keys.tab_to(view.next_button)
    keys.press(Key.Key_Space)

    # --- Group: three cards become objectives, each with its key results (Ctrl+K) -------
    group = view.pages[Phase.GROUP]
    assert view.stack.currentWidget() is group
    assert keys.focus() is group.loose_view
    for objective, krs in zip(words.ideas, words.key_results, strict=False):
        keys.tab_to(group.loose_view, back=True)
        assert group.loose_view.currentIndex().data() == objective
        keys.press(Key.Key_Return, CTRL)  # the card becomes an objective, the current one
        assert group.tree.currentIndex().data() == objective
        assert primaries(group) == []
        keys.press(Key.Key_K, CTRL)  # the key result drawer, for the current objective
        assert keys.focus() is group.form.title_edit
        assert primaries(group) == [words.add_key_result]
        for number, kr in enumerate(krs):
            keys.type(kr)
            keys.tab_to(group.form.start)
            keys.type(str(number))
            keys.press(Key.Key_Tab)
            keys.type(str(10 * (number + 1)))
            keys.press(Key.Key_Return)  # added; the drawer stays open for the next one
            assert keys.focus() is group.form.title_edit
        keys.press(Key.Key_Escape)
        assert group.form.isHidden() and keys.focus() is group.tree
    # The last card joins the first objective: M, then type to filter the objectives, Enter.
    keys.tab_to(group.loose_view, back=True)
    assert group.loose_view.currentIndex().data() == words.ideas[3]

    def choose_the_first_objective() -> None:
        keys.type(words.ideas[0][:4])
        keys.press(Key.Key_Return)

    keys.in_dialog("ChoiceDialog", choose_the_first_objective)
    keys.press(Key.Key_M)
    keys.back_to(window)
    objectives = rows(path, "SELECT id, title FROM objective ORDER BY id")
    assert [title for _id, title in objectives] == list(words.ideas[:3])
    assert rows(path, "SELECT text, objective_id FROM idea ORDER BY id")[3] == (
        words.ideas[3],
        objectives[0][0],
    )
    assert rows(path, "SELECT objective_id, title, start_value, target_value FROM key_result") == [
        (objective_id, kr, str(number), str(10 * (number + 1)))
        for (objective_id, _title), krs in zip(objectives, words.key_results, strict=True)
        for number, kr in enumerate(krs)
    ]
    assert view.next_button.text() == words.next_vote and view.next_button.isEnabled()
    keys.press(Key.Key_PageDown, CTRL)

    # --- Vote: the ballot booth ---------------------------------------------------------
    vote = view.pages[Phase.VOTE]
    assert view.stack.currentWidget() is vote
    assert keys.focus() is vote.open_button
    assert primaries(vote) == [words.open_voting]  # the booth waits, greyed, for the vote
    keys.press(Key.Key_Space)
    # Voting is open: the laptop goes round, the booth's list has the keyboard.
    assert keys.focus() is vote.booth.people
    assert primaries(vote) == [words.close_voting, words.start_ballot]
    dots = ((3, 2, 0), (2, 2, 1), (0, 3, 2))  # per person, per objective: 5, 7 and 3 dots
    for person, placed in zip(words.people, dots, strict=True):
        assert vote.booth.people.currentItem().text().strip() == person
        keys.press(Key.Key_Return)  # "Start my ballot"
        assert keys.focus() is vote.booth.table
        assert primaries(vote) == [words.close_voting, words.hand_in]
        for row, count in enumerate(placed):
            assert vote.booth.table.currentRow() == row
            for _ in range(count):
                keys.press(Key.Key_Plus)
            keys.press(Key.Key_Down)
        keys.press(Key.Key_Return)  # hands the ballot in; the list moves on
        assert keys.focus() is vote.booth.people
    assert rows(path, "SELECT count(*) FROM ballot") == [(3,)]
    keys.tab_to(vote.close_button, back=True)
    keys.press(Key.Key_Space)
    assert primaries(vote) == [words.reveal]
    assert keys.focus() is vote.reveal_button
    keys.press(Key.Key_Space)
    assert primaries(vote) == [words.continue_select]
    assert keys.focus() is vote.continue_button
    assert [vote.results.item(row, 1).text() for row in range(3)] == [
        words.ideas[1],
        words.ideas[0],
        words.ideas[2],
    ]
    keys.press(Key.Key_Space)
    assert rows(path, "SELECT phase FROM workshop") == [("select",)]

    # --- Select --------------------------------------------------------------------------
    select = view.pages[Phase.SELECT]
    assert view.stack.currentWidget() is select
    assert keys.focus() is select.table
    assert primaries(select) == [words.select_by_vote]
    assert rows(path, "SELECT selected FROM objective ORDER BY id") == [(0,), (0,), (0,)]
    keys.tab_to(select.apply_button, back=True)  # Shift+Tab leaves the table
    keys.press(Key.Key_Space)
    assert rows(path, "SELECT selected FROM objective ORDER BY id") == [(1,), (1,), (0,)]
    assert view.next_button.text() == words.next_signoff and view.next_button.isEnabled()
    keys.press(Key.Key_PageDown, CTRL)

    # --- Sign-off ------------------------------------------------------------------------
    signoff = view.pages[Phase.SIGNOFF]
    assert view.stack.currentWidget() is signoff
    assert keys.focus() is signoff.signer
    assert primaries(signoff) == [words.approve]
    # Signing by keyboard: the signer's typed name (the drawn signature is optional).
    keys.type(words.signer)
    keys.tab_to(signoff.approve_button)  # through the comment: Tab leaves it
    keys.press(Key.Key_Space)
    assert rows(path, "SELECT decision, signer, signature FROM sign_off") == [
        ("approve", words.signer, None)
    ]
    assert signoff.approved.isVisible() and not signoff.deciding.isVisible()
    assert signoff.approved_title.text() == words.approved
    assert signoff.approved_by.text().startswith(words.signer)
    assert primaries(signoff) == []  # Reopen… is the only action left, and not the next step
    assert view.next_button.text() == words.next_export and view.next_button.isEnabled()
    keys.press(Key.Key_PageDown, CTRL)

    # --- Export: the handout as PDF ------------------------------------------------------
    export = view.pages[Phase.EXPORT]
    assert view.stack.currentWidget() is export
    assert keys.focus() is export.save_button
    assert primaries(export) == [words.save_pdf]
    qtbot.waitUntil(lambda: export.pdf.pageCount() > 0)  # the preview, made after painting
    handout = tmp_path / "handout.pdf"

    def save_as() -> None:
        keys.press(Key.Key_A, CTRL)  # over the suggested name
        keys.type(str(handout))
        keys.press(Key.Key_Return)

    keys.in_dialog("QFileDialog", save_as)
    keys.press(Key.Key_Space)
    keys.back_to(window)
    assert handout.exists()
    text = subprocess.run(
        ["pdftotext", str(handout), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = "".join(text.split())  # titles may wrap
    # The agreed OKRs: the two objectives the vote selected, their key results, the signer.
    for title in (*words.ideas[:2], *words.key_results[0], *words.key_results[1], words.signer):
        assert "".join(title.split()) in flat, title


def test_a_tie_is_decided_by_keyboard(qtbot, tmp_path: Path, monkeypatch) -> None:
    """Closing with nobody voted asks (answered with Tab and Space); a tie for the one seat
    is decided in its dialog: Space ticks, the reason typed, Tab goes on to OK."""
    monkeypatch.setattr(dialogs, "confirm", ASK)
    window, workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    window.session.run(ops.UpdateWorkshopSettings(workshop, selection_size=1))
    keys = Keyboard(qtbot)
    vote = window.view.pages[Phase.VOTE]
    assert keys.focus() is vote.open_button
    keys.press(Key.Key_Space)
    keys.tab_to(vote.close_button, back=True)

    def close_anyway() -> None:
        box = QApplication.activeModalWidget()
        keys.tab_to(box.button(QMessageBox.StandardButton.Yes))  # Cancel is the default
        keys.press(Key.Key_Space)

    keys.in_dialog("QMessageBox", close_anyway)
    keys.press(Key.Key_Space)
    keys.back_to(window)
    assert keys.focus() is vote.reveal_button
    keys.press(Key.Key_Space)  # no dots: all three tie for the one seat
    assert primaries(vote) == ["Start run-off"]
    keys.tab_to(vote.decide_button)

    def decide() -> None:
        dialog = QApplication.activeModalWidget()
        keys.tab_to(dialog.boxes[1][0])
        keys.press(Key.Key_Space)
        keys.tab_to(dialog.reason_edit)
        keys.type("Closest to the company objectives")
        keys.press(Key.Key_Tab)  # out of the reason, on to OK
        keys.press(Key.Key_Space)

    keys.in_dialog("TieDecisionDialog", decide)
    keys.press(Key.Key_Space)
    keys.back_to(window)
    assert rows(path, "SELECT reason FROM tie_decision") == [("Closest to the company objectives",)]
    assert rows(path, "SELECT objective_id FROM tie_decision_choice") == [(2,)]
    assert primaries(vote) == ["Continue: Select →"]
    assert keys.focus() is vote.continue_button


def test_approved_okrs_are_reopened_by_keyboard(qtbot, tmp_path: Path) -> None:
    """Approve (the typed name signs), then Reopen…: the reason typed, Tab goes on to OK."""
    window, _workshop, path, page = at_signoff(qtbot, tmp_path)
    keys = Keyboard(qtbot)
    assert keys.focus() is page.signer
    keys.type("Dana")
    keys.tab_to(page.approve_button)
    keys.press(Key.Key_Space)
    assert page.approved.isVisible()
    # On to Export and back: the approved page gives the keyboard to the OKRs (its form, and
    # the signer's name in it, are hidden), and Reopen… is a Tab away.
    keys.press(Key.Key_PageDown, CTRL)
    keys.press(Key.Key_PageUp, CTRL)
    assert window.view.stack.currentWidget() is page
    assert keys.focus() is page.okrs and page.okrs.isVisible()
    keys.tab_to(page.reopen_button)

    def give_the_reason() -> None:
        keys.type("The company objectives changed")
        keys.press(Key.Key_Return)  # a new line in the reason, not OK
        keys.type("in March")
        keys.press(Key.Key_Tab)
        keys.press(Key.Key_Space)

    keys.in_dialog("TextDialog", give_the_reason)
    keys.press(Key.Key_Space)
    keys.back_to(window)
    assert rows(path, "SELECT decision, signer, signature FROM sign_off") == [
        ("approve", "Dana", None)
    ]
    assert rows(path, "SELECT locked, phase FROM workshop") == [(0, "select")]
    reopened = rows(path, "SELECT detail FROM audit_event WHERE kind = 'reopened'")
    assert [json.loads(detail)["reason"] for (detail,) in reopened] == [
        "The company objectives changed\nin March"
    ]

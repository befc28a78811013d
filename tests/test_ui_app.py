"""Opening the app: which plan, crash safety, the end-to-end path, and language switching."""

import os
import subprocess
import sys
import textwrap
import time

from PySide6.QtCore import Qt

from okrdesk.models import Phase
from okrdesk.paths import default_plan_path
from okrdesk.ui.app import build_window
from tests.ui_helpers import empty_workshop_plan, open_window, rows


def test_no_file_opens_the_default_plan_creating_it_on_first_run(qtbot):
    window = build_window(None, demo=False, language="en")
    qtbot.addWidget(window)
    assert default_plan_path().exists()
    assert window.session.plan.path == default_plan_path()
    assert "plan.okrdesk" in window.windowTitle()


def test_the_last_plan_and_workshop_open_again(qtbot, tmp_path):
    path = tmp_path / "mine.okrdesk"
    empty_workshop_plan(path)
    first = build_window(path, demo=False, language="en")
    first.close()
    second = build_window(None, demo=False, language="en")
    qtbot.addWidget(second)
    assert second.session.plan.path == path


def test_demo_opens_a_fresh_temporary_copy(qtbot, tmp_path):
    window = build_window(None, demo=True, language="zh_CN")
    qtbot.addWidget(window)
    assert window.session.plan.path.parent != default_plan_path().parent
    assert not default_plan_path().exists()
    assert len(window.view.workshop_ids()) == 6 and window.view.phase == Phase.VOTE


CRASHING_SESSION = textwrap.dedent(
    """
    import sys, time
    from okrdesk.engine import ops
    from okrdesk.models import Phase
    from okrdesk.ui.app import build_window
    window = build_window(__import__("pathlib").Path(sys.argv[1]), demo=False, language="en")
    window.show()
    page = window.view.pages[Phase.SETUP]
    window.view.go_to_phase(Phase.BRAINSTORM)
    page = window.view.pages[Phase.BRAINSTORM]
    page.entry.setText("typed one second before the crash")
    page.add_card()
    print("ready", flush=True)
    time.sleep(60)
    """
)


def test_kill_9_after_an_edit_loses_nothing_and_reopens_in_the_same_phase(qtbot, tmp_path):
    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "-c", CRASHING_SESSION, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        while process.stdout.readline().strip() != "ready":
            assert process.poll() is None, "the window process died"
        time.sleep(1)
        process.kill()
        process.wait()
    finally:
        process.stdout.close()
    assert rows(path, "SELECT text FROM idea") == [("typed one second before the crash",)]
    window = build_window(None, demo=False, language="en")
    qtbot.addWidget(window)
    window.show()
    assert window.session.plan.path == path
    assert window.view.phase == Phase.BRAINSTORM and not window.session.read_only
    assert window.view.pages[Phase.BRAINSTORM].cards.rowCount() == 1
    # The recovery is said, with where the plan and its log as they were are kept.
    assert "was not closed properly last time" in window.view.messages.text()
    assert window.session.plan.recovery is not None
    assert str(window.session.plan.recovery.kept_in) in window.view.messages.text()


def test_end_to_end_from_an_empty_workshop_into_voting(qtbot, tmp_path):
    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path)
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    brainstorm = window.view.pages[Phase.BRAINSTORM]
    assert window.view.stack.currentWidget() is brainstorm
    for text in ("Win the mid-market", "Cut churn", "Ship weekly"):
        qtbot.keyClicks(brainstorm.entry, text)
        qtbot.keyClick(brainstorm.entry, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    group = window.view.pages[Phase.GROUP]
    assert window.view.stack.currentWidget() is group
    for _ in range(2):
        group.loose_view.setFocus()
        group.loose_view.setCurrentIndex(group.cards.index(0, 0))
        qtbot.keyClick(group.loose_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(group.form.title_edit, "Sign 40 customers")
    group.form.target.setText("40")
    qtbot.keyClick(group.form.title_edit, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    vote = window.view.pages[Phase.VOTE]
    assert window.view.stack.currentWidget() is vote
    vote.open_button.click()
    assert rows(path, "SELECT phase FROM workshop") == [("vote",)]
    assert rows(path, "SELECT count(*) FROM objective") == [(2,)]
    assert rows(path, "SELECT title, target_value FROM key_result") == [("Sign 40 customers", "40")]
    assert rows(path, "SELECT status FROM vote_round") == [("open",)]
    assert window.windowTitle().endswith("Vote")


def test_every_step_can_be_undone_from_the_edit_menu(qtbot, tmp_path):
    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path)
    start = rows(path, "SELECT phase FROM workshop")
    window.view.go_to_phase(Phase.BRAINSTORM)
    brainstorm = window.view.pages[Phase.BRAINSTORM]
    brainstorm.entry.setText("one")
    brainstorm.add_card()
    window.edit_menu.aboutToShow.emit()
    assert window.undo_action.text() == "&Undo Add idea"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(path, "SELECT count(*) FROM idea") == [(0,)]
    assert window.redo_action.text() == "&Redo Add idea"
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert rows(path, "SELECT text FROM idea") == [("one",)]
    window.undo()
    window.undo()
    assert rows(path, "SELECT phase FROM workshop") == start
    assert window.view.stack.currentWidget() is window.view.pages[Phase.SETUP]


def test_ctrl_z_in_the_empty_entry_box_takes_the_card_off_the_wall(qtbot, tmp_path):
    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path)
    window.view.go_to_phase(Phase.BRAINSTORM)
    page = window.view.pages[Phase.BRAINSTORM]
    page.entry.setFocus()
    qtbot.keyClicks(page.entry, "More leads")
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)
    assert page.cards.rowCount() == 1 and page.entry.text() == ""
    qtbot.keyClick(page.entry, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.cards.rowCount() == 0 and page.entry.text() == ""
    assert rows(path, "SELECT count(*) FROM idea") == [(0,)]
    qtbot.keyClicks(page.entry, "typo")
    qtbot.keyClick(page.entry, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.entry.text() == ""  # with text in the box, Ctrl+Z undoes the typing


def test_a_refusal_is_cleared_by_the_next_change_that_works(qtbot, tmp_path):
    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path)
    window.view.go_to_phase(Phase.BRAINSTORM)
    page = window.view.pages[Phase.BRAINSTORM]
    page.add_card()  # empty
    assert window.view.messages.text() == "The idea cannot be empty."
    page.entry.setText("A real idea")
    page.add_card()
    assert window.view.messages.text() == ""


def test_new_workshop_dialog_creates_cycle_unit_and_workshop_as_one_step(qtbot, tmp_path):
    from datetime import date

    from okrdesk.models.planfile import PlanFile
    from okrdesk.ui.workshop_dialog import NEW, NewWorkshopDialog

    path = tmp_path / "blank.okrdesk"
    PlanFile.create(path, "Northstar").close()
    window = open_window(qtbot, path)
    dialog = NewWorkshopDialog(window, [], [], date(2026, 12, 14))
    qtbot.addWidget(dialog)
    assert dialog.cycle.currentData() == NEW and dialog.unit.currentData() == NEW
    # The new cycle offered is the quarter after the day the session's clock says.
    assert dialog.cycle_name.text() == "2027-Q1" and dialog.starts.date().toPython() == date(
        2027, 1, 1
    )
    dialog.title.setText("Management meeting")
    dialog.cycle_name.setText("2027-Q1")
    dialog.unit_name.setText("北辰软件")
    assert window.session.run_batch("op.new_workshop", dialog.build_workshop)
    assert rows(
        path,
        "SELECT w.title, u.name, u.level, c.name FROM workshop w"
        " JOIN org_unit u ON u.id = w.unit_id JOIN cycle c ON c.id = w.cycle_id",
    ) == [("Management meeting", "北辰软件", "company", "2027-Q1")]
    assert window.view.workshop_id is not None and "Management meeting" in window.windowTitle()
    window.undo()
    assert rows(path, "SELECT count(*) FROM workshop") == [(0,)] and rows(
        path, "SELECT count(*) FROM cycle"
    ) == [(0,)]


def test_save_a_copy_from_the_window(qtbot, tmp_path):
    from tests.ui_helpers import empty_workshop_plan, open_window

    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path)
    copy = tmp_path / "copy.okrdesk"
    assert window.save_copy_to(copy)
    assert "A copy was saved to" in window.view.messages.text()
    assert not window.save_copy_to(path)
    assert "choose another name" in window.view.messages.text()
    assert window.session.plan.path == path  # still working on the original


def test_opening_the_plan_already_open_keeps_it_writable_and_reading_it_as_a_parent_is_refused(
    qtbot, tmp_path
):
    from okrdesk.ui.parent_import_dialog import import_parent_okrs
    from tests.ui_helpers import empty_workshop_plan, open_window

    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path)
    session = window.session
    link = tmp_path / "link.okrdesk"
    os.link(path, link)
    assert window.open_plan(link)
    assert window.session is session and not session.read_only
    assert import_parent_okrs(window, session, link) is None
    assert "is the plan open in this window" in window.view.messages.text()
    window.view.go_to_phase(Phase.BRAINSTORM)
    page = window.view.pages[Phase.BRAINSTORM]
    page.entry.setText("still writable")
    page.add_card()
    assert rows(path, "SELECT text FROM idea") == [("still writable",)]


def test_opening_the_plan_already_open_by_file_open_or_open_recent_just_shows_it(
    qtbot, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    from tests.ui_helpers import empty_workshop_plan, open_window

    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path)
    session, view = window.session, window.view
    window.view.go_to_phase(Phase.BRAINSTORM)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(path), ""))
    window.open_action.trigger()  # File > Open on the same plan
    assert window.session is session and window.view is view and not session.read_only
    assert window.view.messages.text() == "This plan is already open in this window."
    window.view.messages.hide()
    window.file_menu.aboutToShow.emit()  # fills Open Recent
    recent = [a for a in window.recent_menu.actions() if a.text() == str(path.resolve())]
    assert len(recent) == 1
    recent[0].trigger()
    assert window.session is session and not session.read_only
    assert window.view.phase == Phase.BRAINSTORM  # still where the room was
    assert window.view.messages.text() == "This plan is already open in this window."
    assert "read-only" not in window.windowTitle()


def test_pages_are_built_when_first_shown(qtbot, tmp_path):
    from tests.ui_helpers import empty_workshop_plan, open_window

    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path)
    pages = window.view.pages
    assert [p for p in pages.built()] == [pages[Phase.SETUP]]
    window.view.go_to_phase(Phase.BRAINSTORM)
    assert set(pages.built()) == {pages[Phase.SETUP], pages[Phase.BRAINSTORM]}
    assert not pages.is_built(Phase.EXPORT) and window.view.presented_objective() is None


def test_the_export_preview_is_made_only_once_its_page_is_painted(qtbot, tmp_path):
    from okrdesk.ui.app import application
    from okrdesk.ui.i18n import Translations
    from okrdesk.ui.main_window import MainWindow
    from okrdesk.ui.settings import AppSettings
    from tests.demo_plans import copy_demo

    path = tmp_path / "signed.okrdesk"
    copy_demo(path, "signed")
    application()
    translations = Translations()
    translations.install("en")
    window = MainWindow(AppSettings(), translations)
    qtbot.addWidget(window)
    assert window.open_plan(path) and window.view.phase == Phase.EXPORT
    page = window.view.pages[Phase.EXPORT]
    assert window.view.pages.built() == [page]  # no other page was built on opening
    assert page.pdf.pageCount() == 0  # not on screen: no PDF made
    window.show()
    assert page.pdf.pageCount() == 0 and page.pages.text() == "Preparing the preview…"
    qtbot.waitUntil(lambda: page.pdf.pageCount() > 0)
    assert page.pages.text() == f"Pages: {page.pdf.pageCount()}"


def _start(tmp_path, probe, *args):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "OKRDESK_STARTUP_PROBE": probe,
        "OKRDESK_DATA_DIR": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "okrdesk", "--lang", "en", *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    import json

    return [json.loads(line) for line in result.stdout.splitlines()]


def test_the_first_frame_shows_the_plan_and_the_phases_before_the_database_layer_loads(tmp_path):
    from tests.demo_plans import copy_demo

    path = tmp_path / "signed.okrdesk"
    copy_demo(path, "signed")
    (first,) = _start(tmp_path, "first-frame", path)
    assert first["event"] == "first-frame" and first["title"] == "okrdesk — signed.okrdesk"
    heavy = {"sqlalchemy", "reportlab", "alembic", "openpyxl"}
    assert first["navigator"] is True and not heavy & set(first["packages"])
    first, ready = _start(tmp_path, "ready", path)
    assert not heavy & set(first["packages"]) and ready["event"] == "ready"
    assert "signed.okrdesk" in ready["title"] and "sqlalchemy" in ready["packages"]
    assert ready["pages_built"] == 1  # the Export page, the one on screen


def test_the_opening_screen_names_the_plan_and_lists_the_phases_none_current(qtbot, tmp_path):
    from okrdesk.ui.app import application
    from okrdesk.ui.i18n import Translations
    from okrdesk.ui.main_window import MainWindow
    from okrdesk.ui.settings import AppSettings

    application()
    translations = Translations()
    translations.install("en")
    window = MainWindow(AppSettings(), translations)
    qtbot.addWidget(window)
    window.show_opening(tmp_path / "mine.okrdesk")
    assert window.windowTitle() == "okrdesk — mine.okrdesk"
    assert window.opening.label.text() == "Opening mine.okrdesk…"
    navigator = window.opening.navigator
    assert navigator.count() == len(Phase) and navigator.current() is None
    assert not any(navigator.item(row).font().bold() for row in range(navigator.count()))
    assert navigator.item(0).text().endswith("Setup") and not navigator.isEnabled()
    assert window.session is None and window.central.currentWidget() is window.opening


def test_an_undo_in_another_workshop_shows_it_but_a_ballot_elsewhere_leaves_the_screen(
    qtbot, tmp_path
):
    from okrdesk.engine import ops
    from okrdesk.engine.aspects import Actor
    from tests.ui_helpers import empty_workshop_plan, open_window

    path = tmp_path / "plan.okrdesk"
    first = empty_workshop_plan(path)
    window = open_window(qtbot, path)
    run = window.session.run
    unit = window.view.listed.find(first).unit.id
    cycle = window.view.listed.find(first).cycle.id
    second = run(ops.CreateWorkshop(unit, cycle, "Second meeting")).result
    assert window.view.workshop_id == second  # a new workshop is shown
    run(ops.AddParticipant(second, "Gil"))
    window.view.show_workshop(first)
    run(ops.AddParticipant(second, "Hu"), actor=Actor.BOOTH)
    assert window.view.workshop_id == first  # someone else's change elsewhere: stay
    window.undo()  # the facilitator's "add Gil", in the second workshop
    assert window.view.workshop_id == second
    assert rows(path, f"SELECT name FROM participant WHERE workshop_id = {second}") == [("Hu",)]


def test_a_file_that_cannot_be_opened_at_start_is_said_in_the_window(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from okrdesk.ui.app import Startup, _window

    bad = tmp_path / "notes.okrdesk"
    bad.write_text("not a plan", encoding="utf-8")
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the start installs its own
    window, language = _window("en")
    qtbot.addWidget(window)
    startup = Startup(window, bad, demo=False, language=language)
    startup.start()
    assert window.windowTitle() == "okrdesk — notes.okrdesk"  # the first frame
    qtbot.waitUntil(lambda: startup.loaded and bool(said))
    assert "notes.okrdesk" in said[0] and window.session is None
    assert window.central.currentWidget() is window.welcome and window.windowTitle() == "okrdesk"


def test_an_undo_that_removes_another_workshop_keeps_the_one_shown(qtbot, tmp_path):
    from okrdesk.engine import ops
    from okrdesk.engine.setup_ops import UpdateWorkshopSettings
    from tests.ui_helpers import empty_workshop_plan, open_window

    path = tmp_path / "plan.okrdesk"
    first = empty_workshop_plan(path)
    window = open_window(qtbot, path)
    view = window.view
    run = window.session.run
    unit, cycle = view.listed.find(first).unit.id, view.listed.find(first).cycle.id
    second = run(ops.CreateWorkshop(unit, cycle, "Second meeting")).result
    run(UpdateWorkshopSettings(second, title="Renamed meeting"))
    view.show_workshop(first)
    window.undo()  # the rename, in the second workshop: shown under its old name
    assert view.workshop_id == second
    assert view.picker.currentText().endswith("Second meeting")
    view.show_workshop(first)
    window.undo()  # the second workshop is gone: the first stays on screen
    assert view.listed.ids == (first,) and view.picker.count() == 1
    assert view.workshop_id == first and view.stack.currentWidget() is not view.empty

"""The window on a full disk, a read-only file and files it cannot open: it says why, stays true."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from okrdesk.errors import PlanFileError
from okrdesk.messages import translate
from okrdesk.models import Phase
from okrdesk.models.planfile import PlanFile
from okrdesk.ui import main_window
from okrdesk.ui.app import application
from okrdesk.ui.i18n import Translations
from okrdesk.ui.main_window import MainWindow
from okrdesk.ui.settings import AppSettings
from tests.test_storage_errors import (
    LONG,
    bad_text_plan,
    every_connection,
    full_disk_for,
    no_room_to_grow,
    odd_path,
    refuses_writes,
)
from tests.ui_helpers import empty_workshop_plan, open_window, rows


def brainstorm(qtbot, path: Path):
    empty_workshop_plan(path)
    window = open_window(qtbot, path)
    window.view.go_to_phase(Phase.BRAINSTORM)
    return window, window.view.pages[Phase.BRAINSTORM]


def test_a_full_disk_is_said_and_the_refused_card_is_not_shown(qtbot, tmp_path):
    path = tmp_path / "plan.okrdesk"
    window, page = brainstorm(qtbot, path)
    stack = window.session.undo_stack
    # A card holds what an objective holds (the entry stops there).
    long_card = LONG[: page.entry.maxLength()]
    with every_connection(window.session.plan, no_room_to_grow):
        for _attempt in range(400):
            steps = stack.count()
            page.entry.setText(long_card)
            page.add_card()
            if stack.count() == steps:
                break
        else:
            raise AssertionError("the disk never filled")
        assert window.view.messages.text() == translate("file.disk_full", "en", path=str(path))
        assert stack.count() == steps  # no undo step for what was not done
        added = rows(path, "SELECT count(*) FROM idea")[0][0]
        assert page.cards.rowCount() == added  # the wall shows what the file holds
        assert page.entry.text() == long_card  # and the typed text waits to be added again
    page.add_card()  # space again
    assert page.cards.rowCount() == added + 1 and window.view.messages.text() == ""


def test_a_file_that_became_read_only_refuses_edits_and_undo_in_the_window(qtbot, tmp_path):
    path = tmp_path / "plan.okrdesk"
    window, page = brainstorm(qtbot, path)
    page.entry.setText("kept")
    page.add_card()
    stack = window.session.undo_stack
    steps = stack.count()
    expected = translate("file.now_read_only", "en", path=str(path))
    with every_connection(window.session.plan, refuses_writes):
        page.entry.setText("refused")
        page.add_card()
        assert window.view.messages.text() == expected and stack.count() == steps
        window.undo()
        assert window.view.messages.text() == expected
        assert page.cards.rowCount() == 1 and rows(path, "SELECT text FROM idea") == [("kept",)]
    window.redo()  # the refused undo left nothing to redo
    window.undo()  # and once the file can be written again, the card can be taken back
    assert page.cards.rowCount() == 0 and rows(path, "SELECT count(*) FROM idea") == [(0,)]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_read_only_file_opens_read_only_with_a_banner_that_says_so(
    qtbot, tmp_path, monkeypatch, language
):
    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **k: False if Path(p) == path else real_access(p, mode, **k)
    )
    window = open_window(qtbot, path, language)
    assert window.session.read_only
    banner = {
        "en": "This plan file is read-only (no write permission), so nothing can be changed.",
        "zh_CN": "该计划文件为只读（没有写入权限），因此无法做任何修改。",
    }
    assert window.view.messages.text() == banner[language]


def test_a_plan_in_a_read_only_folder_has_a_banner_about_the_folder(qtbot, tmp_path, monkeypatch):
    import errno

    from okrdesk.models.filelock import PlanLock

    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode, **k: False if Path(p) == tmp_path else real_access(p, mode, **k),
    )

    def refuse(self: PlanLock) -> bool:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(PlanLock, "acquire", refuse)
    window = open_window(qtbot, path)
    assert "folder okrdesk cannot write to" in window.view.messages.text()


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    """What the window's warning boxes said (a modal box would wait forever in a test)."""
    said: list[str] = []
    monkeypatch.setattr(
        main_window.QMessageBox, "warning", lambda _parent, _title, text: said.append(text)
    )
    return said


def bare_window(qtbot) -> MainWindow:
    application()
    translations = Translations()
    translations.install("en")
    window = MainWindow(AppSettings(), translations)
    qtbot.addWidget(window)
    return window


@pytest.mark.skipif(os.name != "posix", reason="pipes, devices and links as on Linux and macOS")
@pytest.mark.parametrize("kind", ["fifo", "device", "link loop", "broken link"])
def test_the_window_names_an_odd_path_for_what_it_is(qtbot, tmp_path, warnings, kind):
    window = bare_window(qtbot)
    with odd_path(kind, tmp_path) as (path, message_id):
        with pytest.raises(PlanFileError) as refused:
            PlanFile.open(path)
        assert refused.value.message_id == message_id
        assert not window.open_plan(path)
        assert warnings == [refused.value.message("en")] and window.session is None


def test_the_window_refuses_text_that_is_not_utf8_as_the_commands_do(room, qtbot, warnings):
    path, idea = bad_text_plan(room)
    window = bare_window(qtbot)
    assert not window.open_plan(path)
    assert warnings == [
        translate("file.damaged_text", "en", path=str(path), table="idea", row=idea, column="text")
    ]


def test_the_window_says_the_disk_is_full_not_damaged(qtbot, plan_path, monkeypatch, warnings):
    full_disk_for(monkeypatch, plan_path)
    window = bare_window(qtbot)
    assert not window.open_plan(plan_path)
    assert warnings == [translate("file.disk_full", "en", path=str(plan_path))]

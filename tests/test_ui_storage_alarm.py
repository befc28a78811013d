"""A storage error met by a read in a slot is said in the window; other errors go on."""

import errno
import sqlite3

from okrdesk.ui.storage_alarm import StorageAlarm
from tests.ui_helpers import empty_workshop_plan, open_window


def test_a_disk_error_met_while_reading_is_said_in_the_window_and_a_bug_is_not(qtbot, tmp_path):
    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path)
    passed_on: list[BaseException] = []
    alarm = StorageAlarm(window, lambda _kind, error, _trace: passed_on.append(error))
    full = OSError(errno.ENOSPC, "No space left on device")
    alarm(OSError, full, None)
    assert "is full" in window.view.messages.text() and passed_on == []
    bug = KeyError("a bug, not the disk")
    alarm(KeyError, bug, None)
    assert passed_on == [bug]
    unknown = sqlite3.OperationalError("no such table: nothing")  # no result code: not storage
    alarm(sqlite3.OperationalError, unknown, None)
    assert passed_on == [bug, unknown]

"""`okrdesk --demo` is never remembered (not the last plan, not a recent one) and leaves no
temporary copy behind when the window closes."""

import tempfile
from pathlib import Path

import pytest

from okrdesk.demo import write_demo
from okrdesk.ui.app import DEMO_FOLDER_PREFIX, DemoSettings, build_window, remove_demo
from okrdesk.ui.settings import AppSettings

# In the slow tier (pytest -m slow, run by .ci/run on every submission): the README's
# command must stay under ten minutes on the 2-core machine.
pytestmark = pytest.mark.slow


def demo_folders(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{DEMO_FOLDER_PREFIX}*"))


def test_the_demo_is_never_the_last_plan_nor_a_recent_one(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    earlier = tmp_path / "ours.okrdesk"
    write_demo(earlier, "signed")
    AppSettings().set_last_plan(earlier)
    AppSettings().add_recent_plan(earlier)
    window = build_window(None, demo=True, language="en")
    qtbot.addWidget(window)
    demo = window.session.plan.path
    assert isinstance(window.settings, DemoSettings)
    assert demo.parent.name.startswith(DEMO_FOLDER_PREFIX) and demo.parent.parent == tmp_path
    window.view.show_workshop(window.view.workshop_ids()[1])
    stored = AppSettings()  # what the next start reads
    assert stored.last_plan() == earlier.resolve()
    assert stored.recent_plans() == [earlier.resolve()]
    assert stored.last_workshop(demo) is None
    # A real plan opened from the demo window is remembered as usual.
    other = tmp_path / "other.okrdesk"
    write_demo(other, "brainstorm")
    assert window.open_plan(other)
    assert AppSettings().last_plan() == other.resolve()
    assert AppSettings().recent_plans()[0] == other.resolve()


def test_the_demo_copy_is_deleted_with_the_window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    window = build_window(None, demo=True, language="zh_CN")
    qtbot.addWidget(window)
    folder = window.session.plan.path.parent
    assert window.session.plan.path.exists()
    window.close_plan()
    remove_demo(window.settings)
    assert not folder.exists() and demo_folders(tmp_path) == []
    remove_demo(AppSettings())  # not a demo: nothing to delete, nothing raised


QUIT_WHEN_LOADED = """
import sys
from PySide6.QtCore import QCoreApplication, QTimer
from okrdesk.ui import app
load = app.Startup.load
def load_then_quit(startup):
    if not startup.loaded:
        load(startup)
        print(startup.window.session.plan.path, flush=True)
        QTimer.singleShot(0, QCoreApplication.quit)
app.Startup.load = load_then_quit
sys.exit(app.run_app(None, True, "en"))
"""


def test_run_app_with_the_demo_leaves_nothing_behind(tmp_path):
    """The real start (run_app, in its own process): the demo loads, the app quits, and the
    copy is gone; the settings the next start reads name no plan."""
    import os
    import subprocess
    import sys

    temporary, data = tmp_path / "tmp", tmp_path / "data"
    temporary.mkdir()
    env = {
        **os.environ,
        "TMPDIR": str(temporary),
        "OKRDESK_DATA_DIR": str(data),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-c", QUIT_WHEN_LOADED],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    opened = Path(done.stdout.strip().splitlines()[-1])
    assert opened.name == "demo.okrdesk" and opened.parent.parent == temporary
    assert not opened.parent.exists() and demo_folders(temporary) == []
    settings = (data / "settings.ini").read_text(encoding="utf-8") if data.exists() else ""
    assert "demo" not in settings


def test_a_demo_left_by_a_crash_is_removed_at_the_next_demo(tmp_path, monkeypatch):
    import os

    from okrdesk.ui.app import ABANDONED_AFTER_S, remove_abandoned_demos

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    crashed = tmp_path / f"{DEMO_FOLDER_PREFIX}crashed"
    crashed.mkdir()
    write_demo(crashed / "demo.okrdesk", "voting")
    fresh = tmp_path / f"{DEMO_FOLDER_PREFIX}starting"  # another okrdesk writing its demo now
    fresh.mkdir()
    unrelated = tmp_path / "okrdesk-other"
    unrelated.mkdir()
    now = fresh.stat().st_mtime + 10
    assert remove_abandoned_demos(now=now) == []  # nothing is an hour old yet
    long_ago = now - 2 * ABANDONED_AFTER_S
    os.utime(crashed, (long_ago, long_ago))
    os.utime(unrelated, (long_ago, long_ago))
    assert remove_abandoned_demos(now=now) == [crashed]
    assert not crashed.exists() and fresh.exists() and unrelated.exists()


def test_a_demo_still_open_elsewhere_is_kept(tmp_path, monkeypatch):
    from okrdesk.ui.app import ABANDONED_AFTER_S, remove_abandoned_demos

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    folder = tmp_path / f"{DEMO_FOLDER_PREFIX}open"
    folder.mkdir()
    write_demo(folder / "demo.okrdesk", "voting")
    import subprocess
    import sys

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from okrdesk.models.planfile import PlanFile\n"
            f"plan = PlanFile.open({str(folder / 'demo.okrdesk')!r})\n"
            "print('open', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        later = folder.stat().st_mtime + ABANDONED_AFTER_S + 1
        assert remove_abandoned_demos(now=later) == []
        assert folder.exists()
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    later = folder.stat().st_mtime + ABANDONED_AFTER_S + 1
    assert remove_abandoned_demos(now=later) == [folder]


def test_an_old_demo_remembered_as_the_last_plan_is_not_reopened(tmp_path, monkeypatch):
    from okrdesk.paths import default_plan_path
    from okrdesk.ui.app import plan_path

    old = tmp_path / f"{DEMO_FOLDER_PREFIX}old" / "demo.okrdesk"
    old.parent.mkdir()
    write_demo(old, "voting")
    settings = AppSettings()
    settings.set_last_plan(old)
    assert plan_path(settings, None, demo=False) == default_plan_path()

"""The composition root: one application, its settings and translations, and the window.

The window paints first: its first frame (the plan's name and the phases) needs only Qt and
the window's shell; the plan, its pages and the database layer load right after that frame.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from okrdesk.messages import normalise_language, system_language, translate
from okrdesk.paths import default_plan_path
from okrdesk.ui import painted
from okrdesk.ui.app_icon import DESKTOP_FILE_NAME, app_icon
from okrdesk.ui.close_on_signal import CloseOnSignal
from okrdesk.ui.i18n import Translations
from okrdesk.ui.main_window import MainWindow
from okrdesk.ui.settings import AppSettings
from okrdesk.ui.style import BODY_PX, STYLESHEET

# If the window is never painted (started minimised, say), the plan loads anyway after this.
LOAD_ANYWAY_MS = 1000
DEMO_FOLDER_PREFIX = "okrdesk-demo-"
DEMO_NAME = "demo.okrdesk"


class DemoSettings(AppSettings):
    """The app's settings while a demo copy is open: the copy is never remembered (not the
    last plan, not a recent one, not the workshop left on), since it is deleted on exit;
    a plan opened from the demo window is remembered as usual."""

    def __init__(self, demo_folder: Path, path: Path | None = None) -> None:
        super().__init__(path)
        self.demo_folder = demo_folder.resolve()

    def is_demo(self, plan: Path) -> bool:
        return plan.resolve().is_relative_to(self.demo_folder)

    def add_recent_plan(self, path: Path) -> None:
        if not self.is_demo(path):
            super().add_recent_plan(path)

    def set_last_plan(self, path: Path | None) -> None:
        if path is None or not self.is_demo(path):
            super().set_last_plan(path)

    def set_last_workshop(self, plan: Path, workshop_id: int) -> None:
        if not self.is_demo(plan):
            super().set_last_workshop(plan, workshop_id)


# A demo folder left this long with no window writing its plan was left by a crash.
ABANDONED_AFTER_S = 3600


def new_demo_folder() -> Path:
    """A new folder of its own for a demo copy (deleted with remove_demo on exit); the
    copies a crashed demo left behind go first."""
    remove_abandoned_demos()
    return Path(tempfile.mkdtemp(prefix=DEMO_FOLDER_PREFIX))


def remove_abandoned_demos(now: float | None = None) -> list[Path]:
    """Delete demo folders that no okrdesk writes any more and that are over an hour old
    (a demo window that crashed could not delete its own); returns those deleted."""
    from okrdesk.models.filelock import PlanLock

    moment = time.time() if now is None else now
    removed: list[Path] = []
    for folder in Path(tempfile.gettempdir()).glob(f"{DEMO_FOLDER_PREFIX}*"):
        try:
            if not folder.is_dir() or moment - folder.stat().st_mtime < ABANDONED_AFTER_S:
                continue
            plan = folder / DEMO_NAME
            if plan.exists() and PlanLock(plan).writer_elsewhere() is not False:
                continue  # another okrdesk still has this demo open
        except OSError:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def remove_demo(settings: AppSettings) -> None:
    """Delete the demo copy's folder (the plan, its journals and lock), if this is a demo."""
    if isinstance(settings, DemoSettings):
        shutil.rmtree(settings.demo_folder, ignore_errors=True)


def application() -> QApplication:
    """The QApplication (created once), named and styled."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("okrdesk")
        QCoreApplication.setApplicationName("okrdesk")
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    # Set only when they differ: setting the font or the style sheet again repolishes every
    # widget alive (a second window in the same process, a test after another), for nothing.
    font = app.font()
    if font.pixelSize() != BODY_PX:
        font.setPixelSize(BODY_PX)  # Chinese body text at least 14 px, whatever the default
        app.setFont(font)
    if app.styleSheet() != STYLESHEET:
        app.setStyleSheet(STYLESHEET)
    return app


def plan_path(settings: AppSettings, file: Path | None, demo: bool) -> Path:
    """Which plan to open (nothing is read or written): a new demo copy's place, the given
    file, the last plan, or the default plan."""
    if demo:
        folder = settings.demo_folder if isinstance(settings, DemoSettings) else new_demo_folder()
        return folder / DEMO_NAME
    if file is not None:
        return file
    last = settings.last_plan()
    # (A demo copy remembered by an older okrdesk is not reopened.)
    if last is not None and last.exists() and not last.parent.name.startswith(DEMO_FOLDER_PREFIX):
        return last
    return default_plan_path()


def prepare_plan(path: Path, demo: bool, language: str) -> None:
    """Write the demo copy, or create the default plan on first run; else nothing."""
    from okrdesk.models.planfile import PlanFile

    if demo:
        from okrdesk.demo import write_demo

        write_demo(path, "voting", language)
    elif path == default_plan_path() and not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        PlanFile.create(path, translate("cli.default_organisation", language)).close()


def choose_plan(settings: AppSettings, file: Path | None, demo: bool, language: str) -> Path:
    """The plan to open, made ready (the demo written, the default plan created)."""
    path = plan_path(settings, file, demo)
    prepare_plan(path, demo, language)
    return path


def _window(language: str | None, demo: bool = False) -> tuple[MainWindow, str]:
    application()
    settings = DemoSettings(new_demo_folder()) if demo else AppSettings()
    chosen = normalise_language(language or settings.language() or system_language())
    translations = Translations()
    translations.install(chosen)
    return MainWindow(settings, translations), chosen


def build_window(file: Path | None, demo: bool, language: str | None) -> MainWindow:
    """Everything wired together, the chosen plan open; the caller shows it."""
    window, chosen = _window(language, demo)
    window.open_plan(choose_plan(window.settings, file, demo, chosen))
    return window


class Startup:
    """Shows the window's first frame, then loads the plan (once)."""

    def __init__(self, window: MainWindow, path: Path, demo: bool, language: str) -> None:
        self.window = window
        self.path = path
        self.demo = demo
        self.language = language
        self.loaded = False
        self.probe = painted.wanted()

    def start(self) -> None:
        self.window.show_opening(self.path)
        painted.after_paint(self.window, self.first_frame)
        QTimer.singleShot(LOAD_ANYWAY_MS, self.load)
        self.window.show()

    def first_frame(self) -> None:
        if self.probe is not None:
            shown = self.window.opening.navigator.isVisible()
            painted.report("first-frame", self.window, navigator=shown)
            if self.probe == "first-frame":
                QCoreApplication.quit()
                return
        # Let the frame reach the screen before the long imports start.
        QTimer.singleShot(0, self.load)

    def load(self) -> None:
        if self.loaded:
            return
        self.loaded = True
        from okrdesk.errors import OkrdeskError
        from okrdesk.ui.storage_alarm import StorageAlarm

        # Writes refuse with their cause already; a read that meets a full or failing disk
        # in a slot has no caller to tell, so the window says it.
        sys.excepthook = StorageAlarm(self.window, sys.excepthook)
        try:
            prepare_plan(self.path, self.demo, self.language)
        except OkrdeskError as error:
            self.window.opening_path = None
            self.window.central.setCurrentWidget(self.window.welcome)
            self.window.update_title()
            QMessageBox.warning(self.window, "okrdesk", error.message(self.language))
            return
        opened = self.window.open_plan(self.path)
        self.window.projector.open_automatically()
        if self.probe == "ready":
            shown = self.window.view.stack.currentWidget() if opened and self.window.view else None
            painted.after_paint(shown or self.window, self.ready)
            (shown or self.window).update()

    def ready(self) -> None:
        view = self.window.view
        built = 0 if view is None else len(view.pages.built())
        painted.report("ready", self.window, pages_built=built)
        QCoreApplication.quit()


def run_app(file: Path | None, demo: bool, language: str | None) -> int:
    window, chosen = _window(language, demo)
    startup = Startup(window, plan_path(window.settings, file, demo), demo, chosen)
    startup.start()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # SIGTERM or Ctrl+C closes the window as Quit does (the plan released, the demo deleted).
    closing = CloseOnSignal(app)
    try:
        return app.exec()
    finally:
        closing.uninstall()
        # The demo copy goes with the window: closed first, then its folder deleted.
        window.close_plan()
        remove_demo(window.settings)

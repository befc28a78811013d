"""The composition root: one application, its settings and translations, and the window."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from okrdesk.messages import normalise_language, system_language, translate
from okrdesk.models.planfile import PlanFile
from okrdesk.paths import default_plan_path
from okrdesk.ui.i18n import Translations
from okrdesk.ui.main_window import MainWindow
from okrdesk.ui.settings import AppSettings
from okrdesk.ui.storage_alarm import StorageAlarm
from okrdesk.ui.style import STYLESHEET


def application() -> QApplication:
    """The QApplication (created once), named and styled."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("okrdesk")
        QCoreApplication.setApplicationName("okrdesk")
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyleSheet(STYLESHEET)
    return app


def choose_plan(settings: AppSettings, file: Path | None, demo: bool, language: str) -> Path:
    """The plan to open: a demo copy, the given file, the last plan, or the default plan."""
    if demo:
        from okrdesk.demo import write_demo

        path = Path(tempfile.mkdtemp(prefix="okrdesk-demo-")) / "demo.okrdesk"
        write_demo(path, "voting", language)
        return path
    if file is not None:
        return file
    last = settings.last_plan()
    if last is not None and last.exists():
        return last
    path = default_plan_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        PlanFile.create(path, translate("cli.default_organisation", language)).close()
    return path


def build_window(file: Path | None, demo: bool, language: str | None) -> MainWindow:
    """Everything wired together, the chosen plan open; the caller shows it."""
    application()
    settings = AppSettings()
    chosen = normalise_language(language or settings.language() or system_language())
    translations = Translations()
    translations.install(chosen)
    window = MainWindow(settings, translations)
    window.open_plan(choose_plan(settings, file, demo, chosen))
    return window


def run_app(file: Path | None, demo: bool, language: str | None) -> int:
    window = build_window(file, demo, language)
    # Writes refuse with their cause already; a read that meets a full or failing disk
    # in a slot has no caller to tell, so the window says it.
    sys.excepthook = StorageAlarm(window, sys.excepthook)
    window.show()
    window.projector.open_automatically()
    return QApplication.instance().exec()  # type: ignore[union-attr]

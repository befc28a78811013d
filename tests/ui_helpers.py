"""Shared helpers for the window tests: a real window on a real plan file."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.models.planfile import PlanFile
from okrdesk.ui.i18n import Translations
from okrdesk.ui.main_window import MainWindow
from okrdesk.ui.settings import AppSettings
from tests.demo_plans import copy_new_plan


def empty_workshop_plan(path: Path, participants: tuple[str, ...] = ("Ana", "Bo", "陈静")) -> int:
    """A plan with one company workshop in setup; returns the workshop id."""
    copy_new_plan(path, "Northstar")  # a new plan, created once per test process
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan)
        cycle = editor.apply(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31))).result
        unit = editor.apply(ops.CreateUnit("Northstar")).result
        workshop = editor.apply(ops.CreateWorkshop(unit, cycle, "Management meeting")).result
        for name in participants:
            editor.apply(ops.AddParticipant(workshop, name))
    return workshop


def open_window(qtbot, path: Path, language: str = "en") -> MainWindow:
    from okrdesk.ui.app import application

    application()
    translations = Translations()
    translations.install(language)
    window = MainWindow(AppSettings(), translations)
    qtbot.addWidget(window)
    assert window.open_plan(path)
    window.session.confirmer = lambda _question: True
    with qtbot.waitActive(window):  # shortcuts only reach an active window
        window.show()
        window.activateWindow()
    return window


def rows(path: Path, sql: str) -> list[tuple]:
    """Read the plan file through its own connection: what is on disk, not in memory."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def grouping_window(qtbot, path: Path, cards: tuple[str, ...]) -> tuple[MainWindow, list[int]]:
    """The real window on a new plan whose workshop has these cards and is at Group."""
    from okrdesk.models import Phase

    workshop = empty_workshop_plan(path)
    window = open_window(qtbot, path)
    session = window.session
    session.run(ops.ChangePhase(workshop, Phase.BRAINSTORM))
    ids = [session.run(ops.AddIdea(workshop, text)).result for text in cards]
    session.run(ops.ChangePhase(workshop, Phase.GROUP))
    return window, ids


def signed_demo_window(qtbot, tmp_path: Path, language: str, size: tuple[int, int] | None = None):
    """The real window on a demo plan past sign-off (every page is there to look back at).

    The caller sets OKRDESK_DATA_DIR (monkeypatch) so nothing is remembered outside tmp_path.
    """
    from okrdesk.ui.app import build_window
    from tests.demo_plans import copy_demo

    path = tmp_path / "demo.okrdesk"
    copy_demo(path, "signed", language)
    window = build_window(path, demo=False, language=language)
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    assert window.view is not None
    return window

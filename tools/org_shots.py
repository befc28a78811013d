"""Screenshots of the organisation store's views: the board and the alignment tree of a
cycle across every published plan, in the window and on the projector, English and Chinese.

Run from the repository root (PostgreSQL's initdb on the PATH or in /usr/lib/postgresql; no
display needed: rendered offscreen):
    python tools/org_shots.py docs/org
For each language it starts a throwaway PostgreSQL cluster (tests/pg_cluster.py), publishes
the signed demo plan and a customer-support department's draft from a plan of its own, and
writes window-{zh,en}-{board,tree}.png (1100x760) and projector-{zh,en}-{board,tree}-1024.png.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from okrdesk import cli
from okrdesk.demo import write_demo
from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.models.planfile import PlanFile
from okrdesk.store.connect import StoreAddress
from okrdesk.store.deliver import deliver
from okrdesk.ui.i18n import Translations
from okrdesk.ui.org_dialog import ADDRESS_KEY, OrgView, OrgViewDialog
from okrdesk.ui.projector.window import ProjectorWindow
from tests.pg_cluster import fresh_database, running_cluster
from tools.window_shots import LANGUAGES, run, shoot_projector

# The support department's draft, in each language: unit, workshop, objective, key result.
DRAFT = {
    "en": (
        "Customer Support",
        "Support OKRs",
        "Answer every ticket within a day",
        "First reply in 4 h",
    ),
    "zh": ("客户支持部", "客户支持部 OKR", "每张工单一天内答复", "首次回复不超过 4 小时"),
}


def clock() -> datetime:
    return datetime(2027, 1, 20, 9, 0, tzinfo=UTC)


def draft_plan(path: Path, company: str, language: str) -> Path:
    """A department's own laptop: the company above it, one draft workshop of its own."""
    unit, title, objective, key_result = DRAFT[language]
    with PlanFile.create(path, company) as plan:
        editor = PlanEditor(plan, clock=clock)

        def do(operation: Any) -> Any:
            return editor.apply(operation).result

        cycle = do(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)))
        top = do(ops.CreateUnit(company))
        department = do(ops.CreateUnit(unit, top))
        workshop = do(ops.CreateWorkshop(department, cycle, title))
        made = do(ops.CreateObjective(workshop, objective))
        do(ops.AddKeyResult(made, ops.KeyResultFields(key_result, target=4)))
    return path


def publish(path: Path, url: str) -> None:
    with PlanFile.open(path) as plan:
        deliver(PlanEditor(plan, clock), StoreAddress.parse(url), path.name)


def shoot(folder: Path, language: str) -> list[Path]:
    written: list[Path] = []
    app = QApplication.instance()
    assert app is not None
    with (
        tempfile.TemporaryDirectory(prefix="okrdesk-org-shots-") as scratch,
        running_cluster() as admin,
    ):
        os.environ["OKRDESK_DATA_DIR"] = scratch
        url = fresh_database(admin, "okrdesk_shots")
        assert cli.main(["store", "init", url, "--lang", "en"]) == 0
        demo = Path(scratch) / "company.okrdesk"
        write_demo(demo, "signed", LANGUAGES[language])
        db = sqlite3.connect(demo)
        (company,) = db.execute("SELECT name FROM org_unit WHERE parent_id IS NULL").fetchone()
        db.close()
        publish(demo, url)
        publish(draft_plan(Path(scratch) / "support.okrdesk", company, language), url)
        Translations().install(LANGUAGES[language])
        settings = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue(ADDRESS_KEY, url.replace("postgresql+psycopg://", "postgresql://"))
        projector = ProjectorWindow()
        projector.show()
        for kind in (OrgView.BOARD, OrgView.TREE):
            dialog = OrgViewDialog(
                kind,
                settings,
                lambda: LANGUAGES[language],
                projector=projector.show_cascade,
                clock=clock,
            )
            dialog.resize(1100, 760)
            dialog.show()
            while dialog.shown is None:
                if dialog.status.styleSheet():  # an error is said in red
                    raise SystemExit(dialog.status.text())
                QTest.qWait(50)
            QTest.qWait(200)
            out = folder / f"window-{language}-{kind.value}.png"
            dialog.grab().save(str(out))
            written.append(out)
            written += shoot_projector(
                projector, folder, f"projector-{language}-{kind.value}", {"1024": (1024, 768)}
            )
            dialog.close()
        projector.close()
    return written


if __name__ == "__main__":
    sys.exit(run(shoot, sys.argv[1:]))

"""Screenshots of the organisation store's status in the window, in English and Chinese.

Run from the repository root (no display, no store server needed: rendered offscreen from a
demo plan whose publication and queue rows are written as a publish would have left them):
    python tools/store_shots.py docs/screenshots
It writes window-{zh,en}-store-status.png: the status detail of the demo plan with one
workshop changed since it was published and a publish queued for a store that could not be
reached.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from sqlalchemy import select

from okrdesk.demo import write_demo
from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor
from okrdesk.engine.editor import PlanEditor
from okrdesk.models import Objective, Workshop
from okrdesk.models.planfile import PlanFile
from okrdesk.store.outbox import plan_outbox
from okrdesk.store.plan_ops import QueuePublish, RecordPublication
from okrdesk.ui.i18n import Translations
from okrdesk.ui.main_window import MainWindow
from okrdesk.ui.settings import AppSettings
from tools.window_shots import LANGUAGES, run

STORE = "postgresql://okr_writer@db.example.com:5432/okrdesk"
DOWN = (
    'connection failed: connection to server at "10.0.4.12", port 5432 failed: Connection refused'
)
RENAMED = {"zh_CN": "让每位客户都满意", "en": "Delight every customer"}


def _wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _plan(path: Path, language: str) -> None:
    """The demo, published, one workshop changed since, and a later publish queued."""
    write_demo(path, "grouped", language)
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan)
        outbox = editor.view(plan_outbox, STORE, path.name)
        versions = tuple((w.id, 3, w.digest) for w in outbox.workshops)
        editor.apply(RecordPublication(STORE, versions), actor=Actor.STORE)
        with editor.reading() as session:
            objective = session.scalars(
                select(Objective.id)
                .join(Workshop, Workshop.id == Objective.workshop_id)
                .where(Workshop.locked.is_(False))
                .order_by(Objective.id)
            ).first()
        assert objective is not None
        editor.apply(ops.RenameObjective(objective, RENAMED[language]))
        for _attempt in range(2):
            editor.apply(QueuePublish(STORE, DOWN), actor=Actor.STORE)


def shoot(folder: Path, short: str) -> list[Path]:
    language = LANGUAGES[short]
    scratch = Path(tempfile.mkdtemp())
    path = scratch / "northstar.okrdesk"
    _plan(path, language)
    translations = Translations()
    translations.install(language)
    window = MainWindow(AppSettings(scratch / "settings.ini"), translations)
    window.open_plan(path)
    window.show()
    for _tick in range(300):  # the status is read off the window's thread
        if window.store.indicator.text():
            break
        _wait(50)
    window.store.show_status()
    _wait(300)
    out = folder / f"window-{short}-store-status.png"
    assert window.store.status is not None
    window.store.status.grab().save(str(out))
    window.close_plan()
    window.close()
    return [out]


if __name__ == "__main__":
    sys.exit(run(shoot, sys.argv[1:]))

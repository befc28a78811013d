"""Screenshots of the end of the cycle: the retrospective in the window and on the projector,
and the next cycle's wall with the cards carried over, in English and Chinese.

Run from the repository root (no display needed: rendered offscreen):
    python tools/retro_shots.py docs/screenshots
It writes window-{zh,en}-retro.png (1200x720), projector-{zh,en}-retro-{1920,1024}.png (the
demo's Marketing retrospective on its first question) and window-{zh,en}-carried.png,
projector-{zh,en}-carried-1024.png (the next cycle's company wall, carried cards marked).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest

from okrdesk.demo import write_demo
from okrdesk.engine.retro_ops import ShowRetroQuestion
from okrdesk.models import RetroQuestion
from okrdesk.ui.app import build_window
from tools.window_shots import LANGUAGES, run, shoot_projector

PROJECTOR_SIZES = {"1920": (1920, 1080), "1024": (1024, 768)}


def _workshop(path: Path, sql: str) -> int:
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(db.execute(sql).fetchone()[0])
    finally:
        db.close()


def shoot_retro(folder: Path, language: str, scratch: Path) -> list[Path]:
    path = scratch / "retro.okrdesk"
    write_demo(path, "retro", LANGUAGES[language])
    workshop = _workshop(path, "SELECT workshop_id FROM retrospective")
    window = build_window(path, demo=False, language=LANGUAGES[language])
    window.show()
    assert window.view is not None and window.session is not None
    window.view.show_workshop(workshop)
    window.session.run(ShowRetroQuestion(workshop, RetroQuestion.WHY_MISSED))
    projector = window.projector.window
    projector.show()
    window.projector.refresh()
    window.show_retro()
    retro = window.retro
    assert retro is not None
    retro.resize(1200, 720)
    QTest.qWait(300)
    out = folder / f"window-{language}-retro.png"
    retro.grab().save(str(out))
    written = [out]
    written += shoot_projector(projector, folder, f"projector-{language}-retro", PROJECTOR_SIZES)
    window.close()
    return written


def shoot_carried(folder: Path, language: str, scratch: Path) -> list[Path]:
    path = scratch / "next.okrdesk"
    write_demo(path, "next-cycle", LANGUAGES[language])
    workshop = _workshop(path, "SELECT workshop_id FROM carried_card LIMIT 1")
    window = build_window(path, demo=False, language=LANGUAGES[language])
    window.show()
    assert window.view is not None
    window.view.show_workshop(workshop)
    projector = window.projector.window
    projector.show()
    window.projector.refresh()
    QTest.qWait(300)
    out = folder / f"window-{language}-carried.png"
    window.grab().save(str(out))
    written = [out]
    written += shoot_projector(
        projector, folder, f"projector-{language}-carried", {"1024": (1024, 768)}
    )
    window.close()
    return written


def shoot(folder: Path, language: str) -> list[Path]:
    with tempfile.TemporaryDirectory(prefix="okrdesk-retro-shots-") as scratch:
        os.environ["OKRDESK_DATA_DIR"] = scratch
        return shoot_retro(folder, language, Path(scratch)) + shoot_carried(
            folder, language, Path(scratch)
        )


if __name__ == "__main__":
    raise SystemExit(run(shoot, sys.argv[1:]))

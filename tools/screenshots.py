"""Screenshots of every page of the real window, for the README and for looking at changes.

Run from the repository root (no display needed: the window is rendered offscreen):
    python tools/screenshots.py docs/screenshots
It writes window-{zh,en}-{phase}.png at 1366x768 (and at another size with --size 1920x1080),
each page in the meeting's live moment for it: a fresh demo plan at the stage where the room
is in that phase (setup is looked back at from brainstorming).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from okrdesk.demo import write_demo
from okrdesk.engine import ops
from okrdesk.models import Phase
from okrdesk.ui.app import build_window

# Each page, from the demo stage where the meeting is at it (and a step forward if needed).
MOMENTS = (
    (Phase.SETUP, "brainstorm", None),
    (Phase.BRAINSTORM, "brainstorm", None),
    (Phase.GROUP, "grouped", None),
    (Phase.VOTE, "voting", None),
    (Phase.SELECT, "voted", Phase.SELECT),
    (Phase.SIGNOFF, "selected", None),
    (Phase.EXPORT, "signed", None),
)
LANGUAGES = {"zh": "zh_CN", "en": "en"}


def shoot(
    folder: Path,
    language: str,
    phase: Phase,
    stage: str,
    forward: Phase | None,
    size: tuple[int, int],
) -> Path:
    """One page's screenshot, from a demo plan of its own."""
    with tempfile.TemporaryDirectory(prefix="okrdesk-shots-") as scratch:
        os.environ["OKRDESK_DATA_DIR"] = scratch
        path = Path(scratch) / "demo.okrdesk"
        write_demo(path, stage, LANGUAGES[language])
        window = build_window(path, demo=False, language=LANGUAGES[language])
        window.resize(*size)
        window.show()
        view = window.view
        assert view is not None and window.session is not None and view.workshop_id is not None
        if forward is not None:
            window.session.run(ops.ChangePhase(view.workshop_id, forward))
        if view.phase != phase:
            view.look_at(phase)  # looking back shows the page; the room stays
        # Painted, and the Export page's preview (made after its first paint) rendered.
        QTest.qWait(3000 if phase == Phase.EXPORT else 300)
        name = folder / f"window-{language}-{phase.value}"
        out = Path(f"{name}.png" if size == (1366, 768) else f"{name}-{size[0]}.png")
        window.grab().save(str(out))
        window.close_plan()
        window.close()
        return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--size", default="1366x768", help="window size, e.g. 1920x1080")
    parser.add_argument("--language", choices=sorted(LANGUAGES), action="append")
    options = parser.parse_args(argv)
    width, height = (int(n) for n in options.size.split("x"))
    options.folder.mkdir(parents=True, exist_ok=True)
    QApplication.instance() or QApplication(sys.argv[:1])
    for language in options.language or sorted(LANGUAGES):
        for phase, stage, forward in MOMENTS:
            print(shoot(options.folder, language, phase, stage, forward, (width, height)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

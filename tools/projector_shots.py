"""Screenshots of the projector window in each phase, on Xvfb's second screen.

Xvfb :99 +xinerama -screen 0 1366x768x24 -screen 1 1920x1080x24 &
DISPLAY=:99 python tools/projector_shots.py zh_CN docs/screenshots/projector-zh
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from okrdesk.engine import ops
from okrdesk.models import Decision, Phase
from okrdesk.ui.app import build_window


def main() -> int:
    language, prefix = sys.argv[1], sys.argv[2]
    os.environ.setdefault("OKRDESK_DATA_DIR", tempfile.mkdtemp(prefix="okrdesk-shots-"))
    window = build_window(None, demo=True, language=language)
    window.show()
    screen = window.projector.window.screen()
    window.projector.window.setGeometry(screen.geometry())  # no window manager on Xvfb
    window.projector.window.showFullScreen()
    view = window.view
    assert view is not None
    workshop = view.workshop_id
    assert workshop is not None and window.session is not None  # the demo opens on a workshop
    run = window.session.run
    steps = [
        ("vote", lambda: None),
        ("reveal", lambda: (run(ops.CloseVoting(workshop)), run(ops.RevealTally(workshop)))),
        (
            "select",
            lambda: (
                run(ops.ChangePhase(workshop, Phase.SELECT)),
                run(ops.ApplySelection(workshop)),
            ),
        ),
        (
            "signoff",
            lambda: (
                run(ops.ChangePhase(workshop, Phase.SIGNOFF)),
                run(ops.SignOffWorkshop(workshop, Decision.APPROVE, "陈志远")),
            ),
        ),
        (
            "group",
            lambda: (
                run(ops.ReopenWorkshop(workshop, "screenshots")),
                run(ops.ChangePhase(workshop, Phase.GROUP)),
            ),
        ),
        ("brainstorm", lambda: run(ops.ChangePhase(workshop, Phase.BRAINSTORM))),
    ]
    state = {"next": 0}

    def step() -> None:
        done = state["next"]
        geometry = window.projector.window.geometry()
        crop = f"{geometry.width()}x{geometry.height()}+{geometry.x()}+{geometry.y()}"
        if done:
            name = f"{prefix}-{steps[done - 1][0]}.png"
            subprocess.run(["import", "-window", "root", "-crop", crop, name], check=True)
        if done >= len(steps):
            QApplication.quit()
            return
        steps[done][1]()
        state["next"] += 1
        QTimer.singleShot(2200, step)

    QTimer.singleShot(1500, step)
    app = QApplication.instance()
    assert app is not None  # build_window made it
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())

"""Screenshots of the real window under Xvfb, for the README and for looking at changes.

Run from the repository root, with Xvfb on display :99 (see README):
    DISPLAY=:99 python tools/screenshots.py zh_CN 1366 768 docs/screenshots/window-zh
It opens a fresh demo plan (voting under way) and walks the room back through the phases
it has been in, writing one PNG per phase (ImageMagick's `import`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from okrdesk.models import Phase
from okrdesk.ui.app import build_window


def main() -> int:
    language, width, height, prefix = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    os.environ.setdefault("OKRDESK_DATA_DIR", tempfile.mkdtemp(prefix="okrdesk-shots-"))
    window = build_window(None, demo=True, language=language)
    window.resize(width, height)
    window.move(0, 0)
    window.show()
    view = window.view
    assert view is not None
    pages = [Phase.VOTE, Phase.GROUP, Phase.BRAINSTORM, Phase.SETUP]
    state = {"next": 0}

    def step() -> None:
        done = state["next"]
        if done:
            name = f"{prefix}-{pages[done - 1].value}.png"
            subprocess.run(
                ["import", "-window", "root", "-crop", f"{width}x{height}+0+0", name], check=True
            )
        if done >= len(pages):
            QApplication.quit()
            return
        if view.phase != pages[done]:
            view.go_to_phase(pages[done])  # going back is allowed and recorded
        state["next"] += 1
        QTimer.singleShot(600, step)

    QTimer.singleShot(1200, step)
    app = QApplication.instance()
    assert app is not None  # build_window made it
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())

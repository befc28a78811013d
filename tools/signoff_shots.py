"""Screenshots of sign-off and export in the real window, for the README and for review.

    Xvfb :99 -screen 0 1920x1080x24 &
    DISPLAY=:99 python tools/signoff_shots.py zh_CN docs/screenshots/signoff-zh
writes PREFIX-signoff.png (a comment on one objective, a drawn signature),
PREFIX-returned.png (the signer's comments kept in view), PREFIX-export.png (the PDF
preview) and PREFIX-projector-one.png (one objective presented on its own), from a fresh
demo plan whose company workshop has just reached sign-off.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from okrdesk.demo import write_demo
from okrdesk.models import Phase
from okrdesk.ui.app import build_window
from okrdesk.ui.pages.signoff import SignOffPage

STROKES = (
    (QPoint(30, 95), QPoint(50, 40), QPoint(70, 95), QPoint(90, 45), QPoint(120, 90)),
    (QPoint(150, 70), QPoint(200, 50), QPoint(260, 80)),
)


def sign(pad: QWidget) -> None:
    for stroke in STROKES:
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=stroke[0])
        for point in stroke[1:]:
            QTest.mouseMove(pad, point)
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=stroke[-1])


def main() -> int:
    language, prefix = sys.argv[1], sys.argv[2]
    os.environ.setdefault("OKRDESK_DATA_DIR", tempfile.mkdtemp(prefix="okrdesk-shots-"))
    plan = Path(tempfile.mkdtemp(prefix="okrdesk-shots-")) / "demo.okrdesk"
    write_demo(plan, "selected", language)
    window = build_window(plan, False, language)
    window.resize(1366, 768)
    window.move(0, 0)
    window.show()
    view = window.view
    assert view is not None
    page = view.pages[Phase.SIGNOFF]
    assert isinstance(page, SignOffPage)
    chinese = language == "zh_CN"

    def shot(name: str, widget: QWidget | None = None) -> None:
        QApplication.processEvents()
        (widget or window).grab().save(f"{prefix}-{name}.png")

    def run() -> None:
        view.show_workshop(view.workshop_ids()[0])
        view.go_to_phase(Phase.SIGNOFF)
        QApplication.processEvents()
        page.signer.setEditText("陈志远" if chinese else "Chen Zhiyuan")
        note = "KR2 需要明确截止日期" if chinese else "KR2 needs a deadline"
        second = page.okrs.topLevelItem(1)
        assert second is not None  # the demo's workshop has several objectives
        second.setText(1, note)
        sign(page.pad)
        shot("signoff")
        window.projector.place()  # the projector reads the plan only while it is shown
        page.present.setCurrentIndex(2)
        projector = window.projector.window
        projector.resize(1280, 720)
        shot("projector-one", projector)
        page.present.setCurrentIndex(0)
        page.return_button.click()
        shot("returned")
        view.go_to_phase(Phase.SIGNOFF)
        sign(page.pad)
        page.approve_button.click()
        view.go_to_phase(Phase.EXPORT)
        QTimer.singleShot(1000, finish)

    def finish() -> None:
        shot("export")
        QApplication.quit()

    QTimer.singleShot(800, run)
    app = QApplication.instance()
    assert app is not None  # build_window made it
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())

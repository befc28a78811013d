"""Screenshots of the quarter after the meeting: the progress review in the window and on
the projector, in English and Chinese.

Run from the repository root (no display needed: rendered offscreen):
    python tools/quarter_shots.py docs/screenshots
It writes window-{zh,en}-review.png (1200x720) and projector-{zh,en}-review-{1920,1024}.png:
the demo's signed-off OKRs with three check-ins recorded through the review's own form; and
window-{zh,en}-cascade.png with projector-{zh,en}-cascade-{1920,1024}.png: the cascade board of
the demo's "review" stage (a quarter under way, one department approved late).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest

from okrdesk.demo import write_demo
from okrdesk.ui.app import build_window
from tools.window_shots import LANGUAGES, run, shoot_projector

PROJECTOR_SIZES = {"1920": (1920, 1080), "1024": (1024, 768)}
# (value, confidence, comment) typed for the first key results, then the first's again, in
# the demo's own units: its first key result grows revenue from 42 M to 55 M CNY in English,
# from 4200 to 5500 万元 in Chinese.
CHECK_INS = {
    "en": (("48", 7, "Two partners signed"), ("38", 6, "")),
    "zh": (("4800", 7, "两家合作伙伴已签约"), ("38", 6, "")),
}
FIRST_AGAIN = {"en": "50", "zh": "5000"}


def shoot(folder: Path, language: str) -> list[Path]:
    written = []
    with tempfile.TemporaryDirectory(prefix="okrdesk-quarter-shots-") as scratch:
        os.environ["OKRDESK_DATA_DIR"] = scratch
        path = Path(scratch) / "demo.okrdesk"
        write_demo(path, "signed", LANGUAGES[language])
        window = build_window(path, demo=False, language=LANGUAGES[language])
        window.show()
        projector = window.projector.window
        projector.show()
        window.projector.refresh()
        window.show_review()
        review = window.review
        assert review is not None
        for value, confidence, comment in CHECK_INS[language]:
            review.value.setText(value)
            review.confidence.setValue(confidence)
            review.comment.setText(comment)
            review.record_check_in()
        review.step(-2)
        review.value.setText(FIRST_AGAIN[language])
        review.confidence.setValue(8)
        review.record_check_in()
        review.step(-1)
        QTest.qWait(300)
        out = folder / f"window-{language}-review.png"
        review.grab().save(str(out))
        written.append(out)
        written += shoot_projector(
            projector, folder, f"projector-{language}-review", PROJECTOR_SIZES
        )
        window.close()
    return written + shoot_cascade(folder, language)


def shoot_cascade(folder: Path, language: str) -> list[Path]:
    with tempfile.TemporaryDirectory(prefix="okrdesk-quarter-shots-") as scratch:
        os.environ["OKRDESK_DATA_DIR"] = scratch
        path = Path(scratch) / "review.okrdesk"
        write_demo(path, "review", LANGUAGES[language])
        window = build_window(path, demo=False, language=LANGUAGES[language])
        window.show()
        projector = window.projector.window
        projector.show()
        window.show_cascade()
        board = window.cascade
        assert board is not None
        board.resize(1100, 560)
        QTest.qWait(300)
        out = folder / f"window-{language}-cascade.png"
        board.grab().save(str(out))
        written = [out]
        written += shoot_projector(
            projector, folder, f"projector-{language}-cascade", PROJECTOR_SIZES
        )
        window.close()
    return written


if __name__ == "__main__":
    raise SystemExit(run(shoot, sys.argv[1:]))

"""Screenshots of the all-hands: the presenter in the window, slides on the projector, and
pages of the landscape PDF, in English and Chinese.

Run from the repository root (no display needed: rendered offscreen; pdftoppm for the PDF):
    python tools/allhands_shots.py docs/screenshots
It writes window-{zh,en}-allhands.png, projector-{zh,en}-allhands-{objective,breakdown}-
{1920,1024}.png and pdf-{zh,en}-allhands-{objective,breakdown}.png: the demo's scored
company OKRs, prepared as a facilitator would (a why, a worked breakdown, initiatives).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest

from okrdesk.demo import write_demo
from okrdesk.engine.allhands_view import SlideKind, allhands_view
from okrdesk.engine.initiative_ops import AddInitiative
from okrdesk.engine.rationale_ops import MarkBreakdown, SetRationale
from okrdesk.export.pdf.allhands_doc import write_allhands
from okrdesk.ui.app import build_window
from tools.window_shots import LANGUAGES, run, shoot_projector

PROJECTOR_SIZES = {"1920": (1920, 1080), "1024": (1024, 768)}
WHY = {
    "en": "Customers told us twice this year that they cannot find what they bought from us "
    "in the new release. Without their renewals, nothing else on this list happens.",
    "zh_CN": "今年客户两次告诉我们：新版本里找不到他们买过的功能。没有他们的续约，"
    "这张清单上的其他事情都无从谈起。",
}
STEPS = {
    "en": ("Call the ten largest customers before the release", "A renewal review every Monday"),
    "zh_CN": ("发布前给最大的十个客户打电话", "每周一复盘续约情况"),
}


def shoot(folder: Path, language: str) -> list[Path]:
    written = []
    said = LANGUAGES[language]
    with tempfile.TemporaryDirectory(prefix="okrdesk-allhands-shots-") as scratch:
        os.environ["OKRDESK_DATA_DIR"] = scratch
        path = Path(scratch) / "demo.okrdesk"
        write_demo(path, "scored", said)
        window = build_window(path, demo=False, language=said)
        window.show()
        session = window.session
        assert session is not None and window.view is not None
        window.view.show_workshop(1)  # the management meeting: the company's OKRs
        now = datetime.now().astimezone()
        view = session.view(allhands_view, 1, now)
        assert view is not None and view.objectives
        first = view.objectives[0]
        session.run(SetRationale(first.id, WHY[said]))
        session.run(MarkBreakdown(first.id))
        for step in STEPS[said]:
            session.run(AddInitiative(first.key_results[0].id, step))
        projector = window.projector.window
        projector.show()
        window.show_allhands()
        presenter = window.allhands
        assert presenter is not None
        kinds = [text.kind for text in presenter.texts]
        for name, kind in (("objective", SlideKind.OBJECTIVE), ("breakdown", SlideKind.BREAKDOWN)):
            presenter.go(kinds.index(kind))
            QTest.qWait(200)
            if kind is SlideKind.OBJECTIVE:
                out = folder / f"window-{language}-allhands.png"
                presenter.grab().save(str(out))
                written.append(out)
            written += shoot_projector(
                projector, folder, f"projector-{language}-allhands-{name}", PROJECTOR_SIZES
            )
        shown = session.view(allhands_view, 1, now)
        assert shown is not None
        pdf = Path(scratch) / "allhands.pdf"
        write_allhands(shown, pdf, language=said, printed=now.date().isoformat())
        for name, kind in (("objective", SlideKind.OBJECTIVE), ("breakdown", SlideKind.BREAKDOWN)):
            page = kinds.index(kind) + 1  # one page per slide
            stem = folder / f"pdf-{language}-allhands-{name}"
            pages = ["-f", str(page), "-l", str(page)]
            subprocess.run(
                ["pdftoppm", "-r", "60", "-png", "-singlefile", *pages, str(pdf), str(stem)],
                check=True,
            )
            written.append(stem.with_suffix(".png"))
        presenter.close()
        window.close()
    return written


if __name__ == "__main__":
    raise SystemExit(run(shoot, sys.argv[1:]))

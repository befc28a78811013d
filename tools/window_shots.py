"""What the screenshot tools of the window share: the projector at its sizes, and the run
over both languages (tools/room_shots.py, tools/quarter_shots.py)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

LANGUAGES = {"zh": "zh_CN", "en": "en"}


def shoot_projector(
    projector: QWidget, folder: Path, stem: str, sizes: dict[str, tuple[int, int]]
) -> list[Path]:
    """The projector at each size, as ``{stem}-{size name}.png`` in the folder."""
    written = []
    for name, size in sizes.items():
        projector.resize(*size)
        QTest.qWait(200)
        out = folder / f"{stem}-{name}.png"
        projector.grab().save(str(out))
        written.append(out)
    return written


def run(shoot: Callable[[Path, str], list[Path]], argv: list[str]) -> int:
    """``shoot(folder, language)`` for both languages into argv's folder; prints each file."""
    folder = Path(argv[0] if argv else "docs/screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    QApplication.instance() or QApplication(sys.argv[:1])
    for language in sorted(LANGUAGES):
        for out in shoot(folder, language):
            print(out)
    return 0

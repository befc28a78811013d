"""Knowing when a widget was painted: the window loads the plan after its first frame, the
Export page makes its preview after it is shown, and the start-up benchmark
(benchmarks/startup.py) hears when the first frame, or the loaded plan, was painted.

The benchmark's hook: with ``OKRDESK_STARTUP_PROBE=first-frame`` okrdesk prints one JSON
line on stdout when its first frame is painted, then quits; with ``=ready`` it prints that
line and another once the plan is open and its page painted, then quits. Each line says the
event, the window title, and which top-level packages were imported by then. Unset: nothing is
printed and nothing quits.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

VARIABLE = "OKRDESK_STARTUP_PROBE"


def wanted() -> str | None:
    """What the benchmark asked to hear about: "first-frame", "ready" or nothing."""
    value = os.environ.get(VARIABLE, "")
    return value if value in ("first-frame", "ready") else None


class _AfterPaint(QObject):
    """Calls back once, after the widget's next paint has been delivered (and flushed)."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Paint:
            self.widget.removeEventFilter(self)
            # The paint is being delivered now; the frame is whole once control returns.
            QTimer.singleShot(0, self.then)
            self.deleteLater()
        return False


def after_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Call ``then`` once, right after the widget is next painted."""
    _AfterPaint(widget, then)


def report(event: str, window: QWidget, **facts: object) -> None:
    """One JSON line on stdout: the event, the window's title and the top-level packages
    imported so far (so a test can tell the database layer had not loaded yet)."""
    line = {
        "event": event,
        "title": window.windowTitle(),
        "packages": sorted({name.partition(".")[0] for name in sys.modules}),
        **facts,
    }
    print(json.dumps(line, ensure_ascii=False), flush=True)

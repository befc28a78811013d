"""Start-up: process start to the first painted frame, against a bare PySide6 window.

Both are real processes under the offscreen platform, timed the same way: from spawning the
process to reading the line it prints once its first frame is painted (okrdesk's hook:
OKRDESK_STARTUP_PROBE, see okrdesk/ui/painted.py; the bare window uses the same hook).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.core import Benchmark, Step, Target

BARE_WINDOW = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
    from okrdesk.ui import painted
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("okrdesk")
    window.setCentralWidget(QLabel("okrdesk"))
    window.resize(1366, 768)
    def first_frame():
        painted.report("first-frame", window)
        app.quit()
    painted.after_paint(window, first_frame)
    window.show()
    app.exec()
    """
)


def until_reported(command: list[str], env: dict[str, str], event: str = "first-frame") -> float:
    """Milliseconds from spawning the process to its line for the event (okrdesk prints its
    first frame's line before the plan's "ready" line)."""
    start = time.perf_counter()
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if f'"{event}"' in line:
                elapsed = (time.perf_counter() - start) * 1000
                break
        else:
            raise RuntimeError(f"no {event} reported by {command[:3]}")
        process.wait(timeout=60)
    return elapsed


@contextmanager
def _startup() -> Iterator[tuple[Step, Step]]:
    from okrdesk.demo import write_demo

    with tempfile.TemporaryDirectory(prefix="okrdesk-bench-") as folder:
        path = Path(folder) / "signed.okrdesk"
        write_demo(path, "signed")
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "OKRDESK_DATA_DIR": folder,
            "OKRDESK_STARTUP_PROBE": "first-frame",
        }
        okrdesk = [sys.executable, "-m", "okrdesk", "--lang", "zh_CN", str(path)]
        bare = [sys.executable, "-c", BARE_WINDOW]
        yield (lambda: until_reported(okrdesk, env)), (lambda: until_reported(bare, env))


BENCHMARKS = [
    Benchmark(
        "startup: first painted frame",
        "python -m okrdesk PLAN to its first painted frame (plan name, phases)",
        "python -c: a bare PySide6 window to its first painted frame",
        _startup,
        runs=15,
        target=Target(max_ratio=2.0, aim_ratio=1.5),
    )
]

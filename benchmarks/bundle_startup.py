"""Start-up of the app bundle: its process start to an interactive window (the plan open and
its page painted), against the pip-installed okrdesk started the same way in the same run.

Both are timed as benchmarks/startup.py times the first frame: from spawning the process to
reading the line okrdesk prints once the plan's page is painted (OKRDESK_STARTUP_PROBE=ready,
okrdesk/ui/painted.py), offscreen. The figure is registered only once the bundle is built
(python packaging/build.py: dist/okrdesk); .ci/run builds it before the slow tier's smoke.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.core import Benchmark, Step, Target
from benchmarks.startup import until_reported

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "dist" / "okrdesk" / ("okrdesk.exe" if sys.platform == "win32" else "okrdesk")


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
            "OKRDESK_STARTUP_PROBE": "ready",
        }
        arguments = ["--lang", "zh_CN", str(path)]
        bundled = [str(BUNDLED), *arguments]
        installed = [sys.executable, "-m", "okrdesk", *arguments]
        yield (
            (lambda: until_reported(bundled, env, "ready")),
            (lambda: until_reported(installed, env, "ready")),
        )


BENCHMARKS = (
    [
        Benchmark(
            "bundle: start to an interactive window",
            "dist/okrdesk/okrdesk PLAN (the bundle) to the plan's page painted",
            "python -m okrdesk PLAN (pip-installed) to the plan's page painted",
            _startup,
            runs=15,
            target=Target(max_ratio=1.2),
        )
    ]
    if BUNDLED.is_file()
    else []
)

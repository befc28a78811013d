"""The type checker passes: strict for everything below the UI, the UI and the scripts checked.

The configuration is in pyproject.toml ([tool.mypy]); every ``# type: ignore`` names its error
code and is still needed (warn_unused_ignores).
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_errors():
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr

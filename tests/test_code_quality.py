"""The code stays ruff clean and keeps its layers: nothing below the UI imports Qt."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tool(name):
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is not installed next to this Python"
    return found


def test_ruff_is_clean():
    result = subprocess.run([tool("ruff"), "check", "okrdesk", "benchmarks", "tools", "hatch_build.py"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_applied():
    result = subprocess.run([tool("ruff"), "format", "--check", "okrdesk", "benchmarks", "tools", "hatch_build.py"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_layers_hold_and_the_core_never_imports_qt():
    result = subprocess.run([tool("lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr

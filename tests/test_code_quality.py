"""The code stays ruff clean and keeps its layers: nothing below the UI imports Qt."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What ruff holds to pyproject.toml's rules and format: the code, its tools and its tests.
CHECKED = ["okrdesk", "benchmarks", "tools", "tests", "hatch_build.py"]


def tool(name):
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is not installed next to this Python"
    return found


def run(*command):
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_is_clean():
    result = run(tool("ruff"), "check", *CHECKED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_applied():
    result = run(tool("ruff"), "format", "--check", *CHECKED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_layers_hold_and_the_core_never_imports_qt():
    result = run(tool("lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_screens_read_only_through_engine_views():
    """No UI module imports the database layer (lint-imports) or opens a session of its own."""
    result = run(tool("lint-imports"), "--contract", "okrdesk-ui-no-database", "--verbose")
    assert "okrdesk.ui" in result.stdout and result.returncode == 0, result.stdout + result.stderr
    opening = ("sqlalchemy", ".reader(", ".transaction(", "editor.reading(", "sessionmaker")
    offending = [
        f"{path.relative_to(ROOT)}: {needle}"
        for path in sorted((ROOT / "okrdesk" / "ui").rglob("*.py"))
        for needle in opening
        if needle in path.read_text(encoding="utf-8")
    ]
    assert offending == []

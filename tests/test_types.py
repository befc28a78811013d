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


def test_every_type_ignore_says_why():
    """An ignore names its error code (mypy checks that) and a short reason, on its line or
    in a comment just above it."""
    unexplained = []
    for folder in ("okrdesk", "benchmarks", "tools"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            lines = path.read_text(encoding="utf-8").splitlines()
            for number, line in enumerate(lines):
                if "# type: ignore" not in line:
                    continue
                after = line.split("# type: ignore", 1)[1]
                above = lines[number - 1].strip() if number else ""
                if "#" not in after and not above.startswith("#"):
                    unexplained.append(f"{path.relative_to(ROOT)}:{number + 1}")
    assert not unexplained, "type: ignore without a reason:\n" + "\n".join(unexplained)

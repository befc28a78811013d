"""README's two quick-start commands stay true: CI runs the test command verbatim."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def quick_start_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_gives_exactly_two_commands():
    app, tests = quick_start_commands()
    assert app.endswith("okrdesk --demo")
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command_verbatim():
    _app, tests = quick_start_commands()
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests in ci_lines

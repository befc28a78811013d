"""README's two quick-start commands stay true: CI runs the test command verbatim, both install
the pinned versions, and the README points at nothing outside the project."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme():
    return (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands():
    section = readme().split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_gives_exactly_two_commands():
    app, tests = quick_start_commands()
    assert app.endswith("okrdesk --demo")
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command_verbatim():
    _app, tests = quick_start_commands()
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests in ci_lines


def test_both_commands_install_the_pinned_versions():
    for command in quick_start_commands():
        assert "pip install -q -c constraints.txt " in command
    pins = [
        line
        for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert pins and all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][\w.]*", line) for line in pins)
    pinned = {re.sub(r"[-_.]+", "-", line.split("==")[0]).lower() for line in pins}
    # The tools whose verdicts the tests take are pinned, as well as the app's libraries.
    assert {"ruff", "mypy", "import-linter", "pytest", "pytest-qt", "pyside6"} <= pinned


def test_readme_points_at_nothing_outside_the_project():
    text = readme()
    assert "../" not in text
    for path in re.findall(r"`([^`\s]+)`", text):
        assert not path.startswith(("/", "~/")), path
    for link in re.findall(r"\]\(([^)]+)\)", text):
        assert "://" in link or (ROOT / link.split("#")[0]).exists(), link

"""Shared fixtures (real plan files in tmp_path, an editor, a workshop ready to use) and the
test tiers.

Every test gets one tier marker from what it uses, decided here so no test module has to say:

- ``ui``: its module imports Qt (PySide6, pytest-qt, okrdesk.ui, the UI test helpers, or the
  benchmarks, which include window figures), or it uses the ``qtbot`` fixture;
- ``e2e``: it runs another process (okrdesk's command line, a child that is killed, a second
  writer, poppler or qpdf reading a PDF back, ruff or mypy, Chromium): its own code, its
  fixtures or the test helpers they call use ``subprocess``, ``multiprocessing`` or Playwright;
- ``unit``: neither; these import no Qt and pass where PySide6 is not installed (.ci/run
  proves it in a second environment without PySide6, where UI modules are not collected).

A test marked ``soak`` is also ``slow``; slow tests stay out of the README's command.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import os
import shutil
import sqlite3
import types
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import Engine, event

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.models import Phase
from okrdesk.models.changelog import UNCAPTURED_TABLES
from okrdesk.models.planfile import PlanFile

# The PostgreSQL server of the organisation store's tests (pg_server), started on first use.
pytest_plugins = ("tests.pg_cluster",)

Built = TypeVar("Built")  # what a template's build function returns (its ids)


class StepClock:
    """A deterministic clock: one second later on every call."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 14, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever touches the real user's default plan."""
    monkeypatch.setenv("OKRDESK_DATA_DIR", str(tmp_path / "user-data"))


@pytest.fixture(scope="session")
def empty_plan_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("template") / "empty.okrdesk"
    PlanFile.create(path, "Northstar").close()
    return path.read_bytes()


@pytest.fixture(scope="session")
def approved_template(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, tuple[int, dict[str, int], dict[str, int]]]:
    """The signed-off plan of tests/checkin_plan.py and its ids, built once per test process:
    the quarter tests copy it (tests/quarter_fixtures.py), never open it. Defined here, not in
    the module the tests import it from, as pytest builds an imported fixture once per module."""
    from tests.checkin_plan import build_approved  # here: checkin_plan imports this file

    path = tmp_path_factory.mktemp("approved") / "approved.okrdesk"
    return path, build_approved(path)


def copy_template(template: tuple[Path, Built], to: Path) -> Built:
    """A copy at ``to`` of a template fixture's plan (approved_template, cascade_template) and
    its ids, as its build function returns them: a copy takes milliseconds, a build seconds."""
    path, built = template
    shutil.copyfile(path, to)
    return built


@pytest.fixture(scope="session")
def cascade_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The cascade plan of tests/test_cascade.py and its ids, built once per test process for
    the cascade tests (three modules) to copy."""
    from tests.test_cascade import build

    path = tmp_path_factory.mktemp("cascade-template") / "cascade.okrdesk"
    return path, build(path)


@pytest.fixture(scope="session", name="allhands_template")
def shared_allhands_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """The all-hands plan of tests/allhands_plan.py and its ids (an AllHandsPlan), built once
    per test process for the all-hands tests to copy or read (here, not imported into each of
    their modules, for the same reason as approved_template)."""
    from tests.allhands_plan import build_allhands  # here: allhands_plan imports this file

    path = tmp_path_factory.mktemp("allhands") / "allhands.okrdesk"
    return path, build_allhands(path)


@pytest.fixture
def plan_path(tmp_path: Path, empty_plan_bytes: bytes) -> Path:
    path = tmp_path / "plan.okrdesk"
    path.write_bytes(empty_plan_bytes)
    return path


@pytest.fixture
def plan(plan_path: Path) -> Iterator[PlanFile]:
    opened = PlanFile.open(plan_path)
    yield opened
    opened.close()


@pytest.fixture
def editor(plan: PlanFile) -> PlanEditor:
    return PlanEditor(plan, clock=StepClock())


def table_state(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every undoable row of the plan, exactly as stored (audit log excluded by design)."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
            if name not in UNCAPTURED_TABLES and name != "alembic_version"
        ]
        return {
            name: db.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall() for name in names
        }
    finally:
        db.close()


@contextmanager
def counting(kind: str = "") -> Iterator[list[str]]:
    """The SQL statements sent inside the block, in order (only those of ``kind``, as "SELECT",
    when given): what a view costs, counted by its tests."""
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith(kind):
            seen.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", count)


@dataclass
class Room:
    """A workshop with participants, and shortcuts for driving it through its phases."""

    editor: PlanEditor
    path: Path
    cycle: int
    company: int
    workshop: int
    people: list[int] = field(default_factory=list)

    def do(self, operation: Any) -> Any:
        return self.editor.apply(operation).result

    def state(self) -> dict[str, list[tuple[Any, ...]]]:
        return table_state(self.path)

    def go(self, phase: Phase) -> None:
        self.do(ops.ChangePhase(self.workshop, phase))

    def idea(self, text: str, author: int | None = None) -> int:
        return self.do(ops.AddIdea(self.workshop, text, author))

    def objective(self, title: str, krs: int = 0) -> int:
        objective_id = self.do(ops.CreateObjective(self.workshop, title))
        for number in range(krs):
            self.do(
                ops.AddKeyResult(
                    objective_id,
                    ops.KeyResultFields(
                        f"{title}: KR {number + 1} reaches {10 * (number + 1)}", target=10
                    ),
                )
            )
        return objective_id

    def to_voting(self, titles: list[str], krs: int = 2) -> list[int]:
        """Brainstorm one card, group the given objectives, and open the vote."""
        self.go(Phase.BRAINSTORM)
        self.idea("first card")
        self.go(Phase.GROUP)
        objectives = [self.objective(title, krs) for title in titles]
        self.go(Phase.VOTE)
        self.do(ops.OpenVoting(self.workshop))
        return objectives

    def dots(self, person: int, objective: int, count: int) -> None:
        for _ in range(count):
            self.do(ops.CastDot(self.workshop, person, objective))

    def close_and_reveal(self) -> None:
        self.do(ops.CloseVoting(self.workshop))
        self.do(ops.RevealTally(self.workshop))


@pytest.fixture
def room(editor: PlanEditor, plan_path: Path) -> Room:
    cycle = editor.apply(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31))).result
    company = editor.apply(ops.CreateUnit("Northstar")).result
    workshop = editor.apply(ops.CreateWorkshop(company, cycle, "Management meeting")).result
    room = Room(editor, plan_path, cycle, company, workshop)
    room.people = [
        room.do(ops.AddParticipant(workshop, name)) for name in ("Ana", "Bo", "陈", "Dee")
    ]
    return room


@pytest.fixture(autouse=True)
def _english_after_each_ui_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """A window built in Chinese installs its translators on the application, which outlives
    the test: take them out afterwards, so the next test starts in the source language."""
    yield
    if request.node.get_closest_marker("ui") is None or not HAVE_QT:
        return
    from okrdesk.ui.i18n import Translations

    Translations().install("en")


@pytest.fixture(autouse=True)
def _no_window_left_open(request: pytest.FixtureRequest) -> Iterator[None]:
    """A window a test leaves open (a dialog of its own, the projector) would take the
    keyboard and the focus from the next test's window: close whatever is still shown."""
    yield
    if request.node.get_closest_marker("ui") is None or not HAVE_QT:
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    for widget in app.topLevelWidgets():
        if widget.isVisible():
            widget.close()
    app.processEvents()


@pytest.fixture(autouse=True)
def _answer_yes_to_questions(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A modal question would wait forever in a test: say yes (tests that care check the text).

    Only UI tests can ask one; the others never import Qt."""
    if request.node.get_closest_marker("ui") is None or not HAVE_QT:
        return
    from okrdesk.ui import dialogs

    monkeypatch.setattr(dialogs, "confirm", lambda _parent, _question: True)


# --- Test tiers ---------------------------------------------------------------------------

HAVE_QT = importlib.util.find_spec("PySide6") is not None
TESTS = Path(__file__).resolve().parent
# Importing any of these (at the top of a test module or inside a test) makes it a UI test.
QT_MODULES = ("PySide6", "pytestqt", "okrdesk.ui", "tests.ui_helpers", "ui_helpers", "benchmarks")
PROCESS_MODULES = ("subprocess", "multiprocessing", "playwright")
# A slow test's own limit (the soak kills a child sixty times), unless it names one.
SLOW_TIMEOUT_SECONDS = 1800


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    if not pluginmanager.has_plugin("pytestqt"):
        # The Qt-free core run has no pytest-qt: its settings in pyproject.toml are unused.
        parser.addini("qt_api", "pytest-qt's (not installed here)")
        parser.addini("qt_log_level_fail", "pytest-qt's (not installed here)")
        parser.addini("qt_log_ignore", "pytest-qt's (not installed here)", type="linelist")


@cache
def imports_qt(path: Path) -> bool:
    """Whether the test module at path imports Qt anywhere (read, not imported)."""
    for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            name = name.lstrip(".")
            if any(name == root or name.startswith(root + ".") for root in QT_MODULES):
                return True
    return False


def _names(code: types.CodeType) -> set[str]:
    """The global names a function's code (and the code nested in it) refers to."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= _names(constant)
    return names


def starts_processes(function: object, seen: set[types.CodeType] | None = None) -> bool:
    """Whether a test function, or a test helper it calls, uses subprocess or multiprocessing."""
    function = inspect.unwrap(function) if callable(function) else function
    code = getattr(function, "__code__", None)
    if not isinstance(code, types.CodeType) or not code.co_filename.startswith(str(TESTS)):
        return False
    seen = set() if seen is None else seen
    if code in seen:
        return False
    seen.add(code)
    scope = getattr(function, "__globals__", {})
    for name in _names(code):
        value = scope.get(name)
        if isinstance(value, types.ModuleType):
            module = value.__name__
        else:
            module = getattr(value, "__module__", None)
        if isinstance(module, str) and module.split(".")[0] in PROCESS_MODULES:
            return True
        if callable(value) and starts_processes(value, seen):
            return True
    return False


def _tier(item: pytest.Item) -> str:
    fixtures = getattr(item, "fixturenames", ())
    if imports_qt(item.path) or "qtbot" in fixtures:
        return "ui"
    functions = [getattr(item, "function", None)]
    info = getattr(item, "_fixtureinfo", None)
    for definitions in getattr(info, "name2fixturedefs", {}).values():
        functions += [definition.func for definition in definitions]
    if any(starts_processes(function) for function in functions):
        return "e2e"
    return "unit"


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    """Without PySide6 (the core run), UI test modules are not even imported."""
    test_module = collection_path.suffix == ".py" and collection_path.name.startswith("test_")
    if not HAVE_QT and test_module and imports_qt(collection_path):
        return True
    return None


@pytest.hookimpl(tryfirst=True)  # before -m selects by these markers
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        tier = _tier(item)
        item.add_marker(tier)
        if item.get_closest_marker("soak") is not None:
            item.add_marker("slow")
        slow = item.get_closest_marker("slow") is not None
        if slow and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(SLOW_TIMEOUT_SECONDS))


@pytest.fixture
def chinese(qtbot: Any) -> Iterator[None]:
    """The window's Chinese translations installed for the test (projector and page tests)."""
    from PySide6.QtCore import QTranslator  # here: the Qt-free core imports this file too
    from PySide6.QtWidgets import QApplication

    translator = QTranslator()
    catalogue = Path(__file__).resolve().parent.parent / "resources/i18n/okrdesk_zh_CN.qm"
    assert translator.load(str(catalogue))
    QApplication.installTranslator(translator)
    yield
    QApplication.removeTranslator(translator)

"""okrdesk.engine.ops: every operation the engine defines, importable from one place."""

import ast
import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path

import okrdesk.engine
from okrdesk.engine import ops
from okrdesk.engine.operation import OperationBase

ENGINE = Path(okrdesk.engine.__file__).parent


def _engine_operations() -> dict[str, type]:
    """Each operation class defined in a module of okrdesk/engine, by name (not a base class)."""
    found: dict[str, type] = {}
    for module_info in pkgutil.iter_modules(okrdesk.engine.__path__):
        module = importlib.import_module(f"okrdesk.engine.{module_info.name}")
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, OperationBase)
                and value is not OperationBase
                and value.__module__ == module.__name__
            ):
                found[name] = value
    bases = {base for cls in found.values() for base in cls.__mro__[1:]}
    return {name: cls for name, cls in found.items() if cls not in bases}


def test_every_engine_operation_is_exported():
    operations = _engine_operations()
    missing = sorted(name for name in operations if name not in ops.__all__)
    assert missing == []
    for name, cls in operations.items():
        assert getattr(ops, name) is cls


def test_the_quarters_operations_are_there():
    quarter = {
        "RecordCheckIn",
        "AdjustScore",
        "ClearScoreAdjustment",
        "ImportCheckIns",
        "StartRetrospective",
        "ShowRetroQuestion",
        "AddRetroAnswer",
        "EditRetroAnswer",
        "DeleteRetroAnswer",
        "AddRetroGroup",
        "RenameRetroGroup",
        "DeleteRetroGroup",
        "MoveRetroAnswer",
        "MarkToCarry",
        "UnmarkToCarry",
        "CarryOver",
        "SetRationale",
        "MarkBreakdown",
        "UnmarkBreakdown",
        "AddInitiative",
        "EditInitiative",
        "RemoveInitiative",
        "MoveInitiative",
    }
    assert quarter <= set(ops.__all__)


def test_every_exported_name_exists():
    for name in ops.__all__:
        assert hasattr(ops, name), name


def test_no_engine_module_imports_ops_back():
    # ops imports every operation module; one importing ops would be a cycle.
    for path in ENGINE.glob("*.py"):
        if path.name == "ops.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = {alias.name for alias in node.names}
                assert not (node.module == "okrdesk.engine" and "ops" in names), path.name
                assert node.module != "okrdesk.engine.ops", path.name
            elif isinstance(node, ast.Import):
                assert all(alias.name != "okrdesk.engine.ops" for alias in node.names), path.name


def test_ops_imports_first_in_a_fresh_interpreter():
    done = subprocess.run(
        [sys.executable, "-c", "import okrdesk.engine.ops as o; print(len(o.__all__))"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(ops.__all__)

"""A key result's start or target that is no number in the plan file ("12,5" typed in a
database browser) is a damaged plan, said the same way by every entry point, naming where."""

import sqlite3
from contextlib import closing
from datetime import UTC, datetime

import pytest

from okrdesk.cli import main
from okrdesk.errors import PlanFileError
from okrdesk.models.planfile import PlanFile
from okrdesk.models.types import ExactDecimal
from tests.demo_plans import copy_demo

NOON = datetime(2027, 1, 20, 12, 0, tzinfo=UTC)
BAD = ["12,5", "", "NaN", "-Infinity", "ten"]


@pytest.fixture(scope="module")
def signed_demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "signed.okrdesk"
    copy_demo(path, "signed", "en")
    return path.read_bytes()


def spoiled(folder, demo, value, column="target_value"):
    path = folder / "plan.okrdesk"
    path.write_bytes(demo)
    with closing(sqlite3.connect(path)) as db, db:
        (row,) = db.execute(
            f"SELECT min(rowid) FROM key_result WHERE {column} IS NOT NULL"
        ).fetchone()
        db.execute(f"UPDATE key_result SET {column} = ? WHERE rowid = ?", (value, row))
    return path, row


@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize("command", ["info", "check", "export", "import"])
def test_each_command_names_the_bad_number(signed_demo, tmp_path, capsys, command, value):
    path, row = spoiled(tmp_path, signed_demo, value)
    before = path.read_bytes()
    source = tmp_path / "ideas.csv"
    source.write_text("idea\nOne more\n", encoding="utf-8")
    extra = {"export": [str(tmp_path / "out.md")], "import": [str(source), "--workshop", "1"]}
    assert (
        main([command, str(path), *extra.get(command, []), "--lang", "en"], clock=lambda: NOON) == 2
    )
    printed = capsys.readouterr()
    assert printed.err.count("\n") == 1 and "unexpected" not in printed.err
    where = (
        f"the target_value of row {row} in the key_result table is “{value}”, which is not a number"
    )
    assert where in printed.err, printed.err
    assert path.read_bytes() == before


@pytest.mark.parametrize("column", ["start_value", "target_value"])
def test_the_window_refuses_it_when_opening_in_both_languages(signed_demo, tmp_path, column):
    path, row = spoiled(tmp_path, signed_demo, "12,5", column)
    with pytest.raises(PlanFileError) as refused:
        PlanFile.open(path)
    assert refused.value.message_id == "file.damaged_number"
    assert f"row {row}" in refused.value.message("en") and column in refused.value.message("en")
    assert f"第 {row} 行的 {column} 是“12,5”，不是数字" in refused.value.message("zh_CN")


def test_a_long_or_multiline_value_is_shown_short_on_one_line(signed_demo, tmp_path):
    path, _row = spoiled(tmp_path, signed_demo, "1\n2" + "9" * 100)
    with pytest.raises(PlanFileError) as refused:
        PlanFile.open(path)
    message = refused.value.message("en")
    assert "\n" not in message and "“1?299" in message and "…”" in message


@pytest.mark.parametrize("value", [*BAD, b"12"])
def test_reading_the_column_refuses_as_damage_not_as_a_decimal_signal(value):
    """A plan with a log beside it is read before the open-time check; this says damaged."""
    with pytest.raises(ValueError, match="not a number"):
        ExactDecimal().process_result_value(value, None)  # type: ignore[arg-type]
    assert ExactDecimal().process_result_value(
        "-12.50", None
    ) == ExactDecimal().process_result_value("-12.5", None)

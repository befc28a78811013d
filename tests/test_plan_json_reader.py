"""One reader for plan JSON: malformed documents are refused by every entry point in one line
that says where in the document the fault is; a valid one (with or without a BOM) reads back."""

import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from okrdesk.cli import main
from okrdesk.engine.json_reader import snapshot_from_json
from okrdesk.engine.parent_import import approved_okrs
from okrdesk.engine.sources import read_snapshot
from okrdesk.errors import PlanFileError
from okrdesk.export.plan_json import plan_to_json
from tests.malformed_plan_json import MALFORMED, plan_document, spoiled, text_of

NOON = datetime(2027, 1, 20, 12, 0, tzinfo=UTC)
CASES = [pytest.param(case, id=case.name) for case in MALFORMED]
# A unit loop once hung export for ever: run only in a child process, under a timeout.
LOOPS = [pytest.param(case, id=case.name) for case in MALFORMED if "parent_id:" in case.en][:1]
IN_PROCESS = [pytest.param(case, id=case.name) for case in MALFORMED if "parent_id:" not in case.en]


def test_the_valid_plan_reads_back_exactly_and_offers_its_approved_workshop(tmp_path):
    document = plan_document()
    assert plan_to_json(snapshot_from_json(document, "plan.json")) == document
    path = tmp_path / "plan.json"
    path.write_text(text_of(document), "utf-8")
    (okrs,) = approved_okrs(read_snapshot(path), path.name)
    assert (okrs.unit, okrs.signer, [o.title for o in okrs.objectives]) == ("Northstar", "CEO Zhou", ["Grow the east", "Keep calm"])


def test_a_byte_order_mark_is_accepted(tmp_path):
    """Windows editors (Notepad) put one in front of UTF-8 when they save."""
    plain, marked = tmp_path / "plain.json", tmp_path / "marked.json"
    plain.write_bytes(text_of(plan_document()).encode("utf-8"))
    marked.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())
    assert read_snapshot(marked) == read_snapshot(plain)


def test_fields_left_out_take_their_defaults_and_unknown_fields_are_ignored(tmp_path):
    def trim(document):
        document["future_field"] = {"anything": [1, 2, 3]}
        for key in ("locked", "dot_budget", "participants", "voting", "created_at"):
            del document["workshops"][0][key]

    path = tmp_path / "trimmed.json"
    path.write_bytes(spoiled(trim)())
    (workshop,) = read_snapshot(path).workshops
    assert (workshop.locked, workshop.dot_budget, workshop.participants, workshop.voting) == (False, 5, (), None)


@pytest.mark.parametrize("case", CASES)
def test_the_reader_and_the_parent_import_name_where_the_fault_is(case, tmp_path):
    path = case.write(tmp_path)
    before = path.read_bytes()
    with pytest.raises(PlanFileError) as refused:
        approved_okrs(read_snapshot(path), path.name)  # the parent import's way in
    english, chinese = refused.value.message("en"), refused.value.message("zh_CN")
    assert case.en in english and case.zh in chinese
    assert str(path) in english and str(path) in chinese
    assert "\n" not in english + chinese
    assert path.read_bytes() == before


@pytest.mark.parametrize("command", ["info", "check", "export"])
@pytest.mark.parametrize("case", IN_PROCESS)
def test_each_command_refuses_in_one_line_with_exit_code_2(case, command, tmp_path, capsys):
    path = case.write(tmp_path)
    out = tmp_path / "out.md"
    args = [command, str(path), *([str(out)] if command == "export" else []), "--lang", "en"]
    assert main(args, clock=lambda: NOON) == 2
    printed = capsys.readouterr()
    assert printed.out == ""
    assert printed.err.startswith("okrdesk: ") and printed.err.count("\n") == 1
    assert case.en in printed.err
    assert not out.exists()


def okrdesk(*args, cwd):
    env = {**os.environ, "LANG": "en_US.UTF-8"}
    # The timeout only guards the suite against a hang; it is not a measure of speed.
    return subprocess.run([sys.executable, "-m", "okrdesk", *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


@pytest.mark.parametrize("command", ["info", "check", "export"])
@pytest.mark.parametrize("case", LOOPS)
def test_a_unit_loop_ends_in_a_refusal_never_a_hang(case, command, tmp_path):
    path = case.write(tmp_path)
    result = okrdesk(command, path.name, *(["out.md"] if command == "export" else []), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"okrdesk: {path.name} cannot be read as a plan: ")
    assert case.en in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr and not (tmp_path / "out.md").exists()


def test_deep_nesting_is_refused_by_a_real_process(tmp_path):
    """100,000 open brackets: no RecursionError, no crash of the interpreter."""
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    result = okrdesk("export", "deep.json", "out.md", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert "nests more than 32 levels deep at line 1, column 33" in result.stderr
    assert "Traceback" not in result.stderr

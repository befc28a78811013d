"""One reader for plan JSON: malformed documents are refused by every entry point in one line
that says where in the document the fault is; a valid one (with or without a BOM) reads back."""

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from okrdesk.cli import main
from okrdesk.engine.json_reader import snapshot_from_json
from okrdesk.engine.json_text import decode_json
from okrdesk.engine.parent_import import approved_okrs
from okrdesk.engine.sources import read_snapshot
from okrdesk.errors import PlanFileError
from okrdesk.export.plan_json import plan_to_json
from tests.malformed_plan_json import MALFORMED, ONCE_SLOW, plan_document, spoiled, text_of

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
    assert (okrs.unit, okrs.signer, [o.title for o in okrs.objectives]) == (
        "Northstar",
        "CEO Zhou",
        ["Grow the east", "Keep calm"],
    )


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
    assert (workshop.locked, workshop.dot_budget, workshop.participants, workshop.voting) == (
        False,
        5,
        (),
        None,
    )


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
    return subprocess.run(
        [sys.executable, "-m", "okrdesk", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )


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


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in ONCE_SLOW])
def test_a_document_that_once_took_days_is_refused_by_a_real_process(case, tmp_path):
    """The depth check scans each character a bounded number of times: 8 MB of escaped quotes
    (the largest file read) is refused at once, where it took the old scan days."""
    path = case.write(tmp_path)
    result = okrdesk("info", path.name, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert case.en in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_brackets_in_strings_with_escaped_quotes_are_not_counted_and_depth_is_placed_exactly():
    """Escapes are set aside before strings are found; the place named is still the bracket's
    own."""
    inner = r'"\"[[[", "\u005b\\", '  # a quote, brackets and a backslash, escaped
    shallow = "[" + inner * 3 + "[" * 31 + "]" * 31 + "]"
    assert decode_json(shallow.encode(), "x.json")[:2] == ['"[[[', "[\\"]
    deep = '{"a": [' + inner + "\n  " + inner + "[" * 31 + "]" * 31 + "]}"
    with pytest.raises(PlanFileError) as refused:
        decode_json(deep.encode(), "x.json")
    column = 3 + len(inner) + 30  # the 31st bracket of the run is the 33rd level
    assert f"nests more than 32 levels deep at line 2, column {column}" in refused.value.message(
        "en"
    )


CHAIN_RUN = """
import json, sys
from okrdesk.engine.plan_json_links import check_links
from okrdesk.engine.plan_json_schema import PlanJson, UnitJson
from okrdesk.errors import PlanFileError

count = int(sys.argv[1])
below = [
    UnitJson.model_construct(id=i, name=f"u{i}", parent_id=i + 1, level="team")
    for i in range(1, count)
]
found = []
for top_parent in (None, count - 1):  # the top unit is the company, or under the one below it
    top = UnitJson.model_construct(
        id=count, name=f"u{count}", parent_id=top_parent, level="company"
    )
    try:
        plan = PlanJson.model_construct(units=[*below, top], cycles=[], workshops=[])
        check_links(plan, "chain.json")
        found.append(None)
    except PlanFileError as error:
        found.append(error.message("en"))
print(json.dumps(found))
"""


def test_a_long_chain_of_units_is_checked_for_loops_in_one_pass():
    """300,000 units each under the next: the old check took about 15 minutes over them (40,000
    took 15 s), this one looks at each unit once. The timeout only guards against a hang."""
    count = 300_000
    result = subprocess.run(
        [sys.executable, "-c", CHAIN_RUN, str(count)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    accepted, refused = json.loads(result.stdout)
    assert accepted is None
    assert refused == (
        f"chain.json cannot be read as a plan: units[{count - 2}].parent_id:"
        " the units sit above one another"
        f" in a loop (u{count - 1} → u{count} → u{count - 1})."
    )


def test_a_plan_json_behind_a_looping_link_is_named_for_what_it_is(tmp_path, capsys):
    from okrdesk import cli

    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    assert cli.main(["export", str(loop), str(tmp_path / "out.md"), "--lang", "en"]) == 2
    assert "loops back on itself" in capsys.readouterr().err


def test_text_and_lists_at_the_windows_limits_read_back(tmp_path):
    """The plan JSON takes exactly what the window takes (validation.LIMITS), no less."""

    def at_limits(document):
        workshop = document["workshops"][0]
        workshop["title"] = "工" * 200
        workshop["objectives"][0]["title"] = " " + "目" * 200 + " "  # measured without the spaces
        workshop["objectives"][0]["key_results"][0].update(title="关" * 300, unit="M" * 40)
        workshop["ideas"][0]["text"] = "想" * 500
        workshop["participants"] = [{"id": i, "name": "名" * 100} for i in range(1, 501)]

    path = tmp_path / "limits.json"
    path.write_bytes(spoiled(at_limits)())
    (workshop,) = read_snapshot(path).workshops
    assert (len(workshop.title), len(workshop.participants)) == (200, 500)

"""A command loads what it uses: the process start is most of what `info` and `export` cost.

`info` and `check` never load reportlab (nor PIL, which reportlab brings) or the exporter;
a handout loads neither the other documents nor the JSON and table writers, and no
xml/urllib/http package (xml.sax.saxutils brought them in).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.operation import Operation
from okrdesk.models.planfile import PlanFile

WATCHED = (
    "reportlab",
    "PIL",
    "okrdesk.export.exporter",
    "okrdesk.export.pdf.handout",
    "okrdesk.export.pdf.wall",
    "okrdesk.export.pdf.alignment_doc",
    "okrdesk.engine.alignment_tree",
    "okrdesk.export.plan_json",
    "okrdesk.export.tables",
    "okrdesk.engine.quality",
    "xml.sax",
    "urllib.request",
    "http.client",
)


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("imports") / "plan.okrdesk"
    PlanFile.create(path, "Northstar").close()
    with PlanFile.open(path) as opened:
        editor = PlanEditor(opened)

        def apply(op: Operation) -> int:
            return int(editor.apply(op).result or 0)

        cycle = apply(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)))
        company = apply(ops.CreateUnit("Northstar"))
        workshop = apply(ops.CreateWorkshop(company, cycle, "Management meeting"))
        apply(ops.CreateObjective(workshop, "Win the mid-market"))
    return path


def loaded_by(*commands: tuple[int, list[str]]) -> list[set[str]]:
    """Which watched modules have been loaded after each command (its exit code, its
    arguments), the commands run one after the other in a process of their own."""
    code = (
        "import json, sys\n"
        "from okrdesk.cli import main\n"
        "seen = []\n"
        f"for _code, arguments in {list(commands)!r}:\n"
        f"    seen.append([main(arguments), [m for m in {WATCHED!r} if m in sys.modules]])\n"
        "print(json.dumps(seen), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    seen = json.loads(result.stderr.strip().splitlines()[-1])
    assert [code for code, _ in seen] == [code for code, _ in commands], result.stderr
    return [set(loaded) for _, loaded in seen]


def test_info_and_check_load_no_document_writer(plan):
    writers = {"reportlab", "PIL", "okrdesk.export.exporter", "xml.sax"}
    # info first, then check in the same process (the objective has no key result: a
    # finding, so check exits 1): what check adds is the quality checks, no writer.
    info, checked = loaded_by(
        (0, ["info", str(plan), "--json"]), (1, ["check", str(plan), "--workshop", "1"])
    )
    assert not info & (writers | {"okrdesk.engine.quality"}), info
    assert "okrdesk.engine.quality" in checked and not checked & writers, checked


def test_a_handout_loads_its_own_writer_alone(plan, tmp_path):
    out = tmp_path / "handout.pdf"
    (loaded,) = loaded_by((0, ["export", str(plan), str(out), "--lang", "en"]))
    assert {"reportlab", "okrdesk.export.pdf.handout"} <= loaded
    assert not loaded & {
        "okrdesk.export.pdf.wall",
        "okrdesk.export.pdf.alignment_doc",
        "okrdesk.engine.alignment_tree",
        "okrdesk.export.plan_json",
        "okrdesk.export.tables",
        "xml.sax",
        "urllib.request",
        "http.client",
    }, loaded
    assert out.read_bytes().startswith(b"%PDF")

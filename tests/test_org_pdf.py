"""The organisation store's board and tree as PDF from the command line
(``okrdesk store board|tree URL --cycle NAME --pdf OUT.pdf``): the plan's cascade and alignment
documents over every published plan, drafts marked, in both languages."""

import shutil
import subprocess
from datetime import UTC, datetime

import pytest

from okrdesk import cli
from tests.demo_plans import demo_reached_at
from tests.pg_cluster import fresh_database
from tests.test_store_publish import department_plan, publish

# The company's plan is the signed demo as if written on this day (a demo follows the real
# date, its cycle 2027-Q1 does not), so the board's two weeks and days overdue stay the same.
SIGNED_ON = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def clock():
    return datetime(2027, 1, 20, 9, 0, tzinfo=UTC)


def demo_store(pg_server, tmp_path_factory, signed_demo_plan, database: str) -> str:
    """A new store (in its own database) holding the signed demo's company and departments and
    a Support department's draft; its URL. The organisation views' tests read it."""
    url = fresh_database(pg_server, database)
    assert cli.main(["store", "init", url, "--lang", "en"]) == 0
    folder = tmp_path_factory.mktemp(database)
    shutil.copyfile(signed_demo_plan, folder / "company.okrdesk")
    demo_reached_at(folder / "company.okrdesk", SIGNED_ON)
    publish(folder / "company.okrdesk", url)
    publish(department_plan(folder / "support.okrdesk"), url)
    return url


@pytest.fixture(scope="module")
def org_store(pg_server, tmp_path_factory, signed_demo_plan):
    """The signed demo's company and departments, and a Support department's draft."""
    return demo_store(pg_server, tmp_path_factory, signed_demo_plan, "okrdesk_org")


def pdf_text(path, *options):
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def words(path):
    """The PDF's text in reading order, cell by cell, with its spaces collapsed."""
    return " ".join(pdf_text(path).split())


def run(capsys, *args):
    status = cli.main([str(a) for a in args], clock=clock)
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


def test_the_board_as_pdf_holds_every_unit_and_marks_the_draft(org_store, tmp_path, capsys):
    out = tmp_path / "board.pdf"
    said = run(capsys, "store", "board", org_store, "--cycle", "2027-Q1", "--pdf", out)
    assert said.strip() == f"Wrote {out}"
    text = words(out)
    for unit in ("Northstar Software", "Sales", "Marketing", "Engineering"):
        assert f"{unit} Approved —" in text  # approved, not drafts
    assert "Support Not started · draft" in text  # the draft's state says so
    assert text.count("draft") == 1
    assert "Northstar Software · Cascade board · 2027-Q1" in text


def test_the_board_in_chinese(org_store, tmp_path, capsys):
    out = tmp_path / "board-zh.pdf"
    said = run(
        capsys, "store", "board", org_store, "--cycle", "2027-Q1", "--pdf", out, "--lang", "zh_CN"
    )
    assert said.strip() == f"已写入 {out}"
    text = words(out)
    assert "Support 未开始 · 草稿" in text and text.count("草稿") == 1
    assert "2027-Q1" in text


def test_the_tree_as_pdf_marks_the_draft_and_lists_it_as_unaligned(org_store, tmp_path, capsys):
    out = tmp_path / "tree.pdf"
    run(capsys, "store", "tree", org_store, "--cycle", "2027-Q1", "--pdf", out, "--lang", "en")
    text = pdf_text(out, "-layout")
    assert "Northstar Software" in text and "Sales" in text and "Marketing" in text
    unaligned = text.split("Not aligned")[-1] if "Not aligned" in text else text
    (line,) = [line for line in unaligned.splitlines() if "Answer every ticket" in line]
    assert "[draft]" in line
    # Only the Support workshop is a draft: the company's signed objectives are not marked.
    assert text.count("[draft]") == 1 + text.count("First reply in 4 h [draft]")
    zh = tmp_path / "tree-zh.pdf"
    run(capsys, "store", "tree", org_store, "--cycle", "2027-Q1", "--pdf", zh, "--lang", "zh_CN")
    assert "[草稿]" in pdf_text(zh, "-layout")


def test_an_unknown_cycle_writes_no_pdf(org_store, tmp_path, capsys):
    out = tmp_path / "none.pdf"
    assert cli.main(["store", "tree", org_store, "--cycle", "1999-Q1", "--pdf", str(out)]) == 2
    assert "1999-Q1" in capsys.readouterr().err
    assert not out.exists()

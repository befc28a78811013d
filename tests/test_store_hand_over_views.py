"""The organisation's board and tree after a hand-over: until the new owner publishes, the unit
shows the workshop its previous owner published (not "Not started · overdue"), said to be
handed over and to whom, in the command's text and JSON, the PDF, the window and on the
projector; once the new owner publishes, its own workshop speaks."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings

from okrdesk import cli
from okrdesk.ui.org_dialog import ADDRESS_KEY, OrgView, OrgViewDialog
from tests.demo_plans import demo_reached_at
from tests.pg_cluster import fresh_database
from tests.test_org_pdf import SIGNED_ON, words
from tests.test_store_publish import department_plan, publish

READ = 60_000  # ms a read from the test's store may take on a loaded machine
CEO_OFFICE = "0b5e4b8e-1f2d-4c3a-9e8f-7a6b5c4d3e2f"  # a plan known by its UUID only


def clock():
    return datetime(2027, 1, 20, 9, 0, tzinfo=UTC)


def run(capsys, *args):
    status = cli.main([str(a) for a in args], clock=clock)
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


def hand_over(capsys, url, unit, to):
    run(capsys, "store", "hand-over", url, "--unit", unit, "--cycle", "2027-Q1", "--to", to,
        "--by", "Li Wei")  # fmt: skip


@pytest.fixture
def handed(pg_server, signed_demo_plan, tmp_path, capsys):
    """The signed demo published by company.okrdesk; Sales handed over to sales.okrdesk (by
    its file) and the company to a plan known by its UUID, neither published since."""
    url = fresh_database(pg_server, "okrdesk_hand_over_views")
    assert cli.main(["store", "init", url, "--lang", "en"]) == 0
    company = tmp_path / "company.okrdesk"
    shutil.copyfile(signed_demo_plan, company)
    demo_reached_at(company, SIGNED_ON)  # approved within the cycle, whatever today's date
    publish(company, url)
    sales = department_plan(tmp_path / "sales.okrdesk", "Sales", "Sales OKRs")
    hand_over(capsys, url, "Northstar Software/Sales", sales)
    hand_over(capsys, url, "Northstar Software", CEO_OFFICE)
    return url, sales


def board(capsys, url, *options):
    return run(capsys, "store", "board", url, "--cycle", "2027-Q1", *options)


def test_a_unit_handed_over_shows_what_was_published_until_the_new_owner_publishes(handed, capsys):
    url, sales = handed
    rows = {row["name"]: row for row in json.loads(board(capsys, url, "--json"))["units"]}
    # Sales and the company are shown as published, approved: the two weeks still count from
    # the company's approval, and nobody is overdue for a hand-over.
    assert rows["Sales"]["state"] == "approved" and not rows["Sales"]["overdue"]
    assert rows["Sales"]["handed_over"]["to"] == "sales.okrdesk"
    assert rows["Sales"]["handed_over"]["shown_from"] == "company.okrdesk"
    assert rows["Northstar Software"]["state"] == "approved"
    assert rows["Northstar Software"]["handed_over"]["to"] == CEO_OFFICE
    assert rows["Marketing"]["handed_over"] is None and rows["Marketing"]["state"] == "approved"
    text = board(capsys, url, "--lang", "en")
    assert "Sales: Approved, handed over to “sales.okrdesk”, not yet republished" in text
    assert "overdue" not in text
    assert "已移交给「sales.okrdesk」，尚未重新发布" in board(capsys, url, "--lang", "zh_CN")
    # The tree still holds Sales's objectives under the company's.
    tree = json.loads(run(capsys, "store", "tree", url, "--cycle", "2027-Q1", "--json"))
    below = [child for r in tree["roots"] for kr in r["children"] for child in kr["children"]]
    assert "Sales" in {node["unit"] for node in below}
    assert {r["unit"] for r in tree["roots"]} == {"Northstar Software"}
    # The new owner publishes: its own workshop (a draft) speaks for Sales, no hand-over left.
    publish(sales, url)
    rows = {row["name"]: row for row in json.loads(board(capsys, url, "--json"))["units"]}
    assert rows["Sales"]["state"] == "not_started" and rows["Sales"]["draft"]
    assert rows["Sales"]["handed_over"] is None
    tree = json.loads(run(capsys, "store", "tree", url, "--cycle", "2027-Q1", "--json"))
    (unaligned,) = tree["unaligned"]
    assert unaligned["unit"] == "Sales" and unaligned["draft"]


def test_the_pdf_says_the_unit_is_handed_over_and_to_whom(handed, capsys, tmp_path):
    url, _sales = handed
    for language, mark, line, previous in (
        (
            "en",
            "Approved · handed over",
            "Sales: handed over to “sales.okrdesk” on",
            "“company.okrdesk”",
        ),
        ("zh_CN", "已批准 · 已移交", "移交给「sales.okrdesk」", "「company.okrdesk」"),
    ):
        out = tmp_path / f"board-{language}.pdf"
        board(capsys, url, "--pdf", out, "--lang", language)
        text = words(out)
        assert text.count(mark) == 2  # the state's cells of the company's and Sales's rows
        assert line in text and previous in text and CEO_OFFICE in text


def test_the_window_and_the_projector_say_the_unit_is_handed_over(handed, qtbot, tmp_path):
    url, _sales = handed
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(ADDRESS_KEY, url)
    slides = []
    dialog = OrgViewDialog(
        OrgView.BOARD, settings, lambda: "en", projector=slides.append, clock=clock
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.shown is not None, timeout=READ)
    items = {item.text(0): item for item in dialog.board.items.values()}
    sales = items["Sales"]
    assert sales.text(1) == "Approved · handed over"
    assert sales.toolTip(1).startswith("Sales: handed over to “sales.okrdesk” on")
    assert sales.toolTip(1).endswith("not yet republished; shown as “company.okrdesk” published it")
    assert items["Marketing"].text(1) == "Approved" and items["Marketing"].toolTip(1) == ""
    # The whole state is readable: its column as wide as "Approved · handed over".
    metrics = dialog.board.fontMetrics()
    assert dialog.board.columnWidth(1) >= metrics.horizontalAdvance(sales.text(1))
    assert "Sales: handed over to “sales.okrdesk”" in dialog.lines.text()
    (row,) = [r for r in slides[-1].rows if r.name == "Sales"]
    assert row.state_text == "Approved" and row.short_time == "handed over · on time"
    dialog.close()

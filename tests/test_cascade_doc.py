"""The cascade board as a PDF page (`okrdesk export PLAN OUT.pdf --document cascade`): the same
words as the window, every unit in its tree, the overdue marked, in English and Chinese."""

from __future__ import annotations

import io
import time
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from okrdesk.cli import main as cli_main
from okrdesk.engine.cascade_cycle import board_cycle_id
from okrdesk.export.pdf.cascade_doc import write_cascade
from okrdesk.models.planfile import PlanFile
from tests.conftest import copy_template
from tests.test_cascade_doc_words import board, unit

NOW = datetime(2027, 1, 6, 10, 0, tzinfo=UTC)  # five days past the two weeks


@pytest.fixture(scope="module")
def built(tmp_path_factory, cascade_template):
    path = tmp_path_factory.mktemp("cascade-doc") / "cascade.okrdesk"
    return path, copy_template(cascade_template, path)  # test_cascade's build (conftest)


@pytest.fixture
def utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


def pdf_text(path_or_bytes) -> str:
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    return "\n".join(page.extract_text() for page in PdfReader(source).pages)


def test_the_cli_writes_the_workshops_cycle_board(built, tmp_path, utc, capsys):
    path, _ids = built
    out = tmp_path / "board.pdf"
    code = cli_main(
        ["export", str(path), str(out), "--document", "cascade", "--lang", "en"], clock=lambda: NOW
    )
    assert code == 0 and out.exists()
    said = " ".join(pdf_text(out).split())
    assert "Northstar · Cascade board · 2027-Q1" in said
    assert "every unit sets its OKRs by Fri 2027-01-01" in said
    assert "The two weeks ended 5 days ago" in said
    assert "Units approved: 3 of 7 · overdue: 4 · people's OKRs confirmed: 1 of 3" in said
    for name in ("Sales", "Ops", "Platform", "Design", "Legal", "Marketing"):
        assert name in said
    assert said.count("5 days overdue") == 4
    assert "approved late, Tue 2027-01-05" in said and "Printed 2027-01-06" in said


def test_the_board_speaks_chinese_and_refuses_what_it_cannot_draw(built, tmp_path, utc):
    path, _ids = built
    out = tmp_path / "看板.pdf"
    args = ["export", str(path), str(out), "--document", "cascade", "--lang", "zh_CN"]
    assert cli_main([*args, "--workshop", "1"], clock=lambda: NOW) == 0
    said = " ".join(pdf_text(out).split())
    assert "逐级制定看板" in said and "两周期限已过去 5 天" in said and "逾期 5 天" in said
    missing = tmp_path / "none.pdf"
    no_workshop = ["export", str(path), str(missing), "--document", "cascade", "--workshop", "99"]
    assert cli_main(no_workshop, clock=lambda: NOW) != 0 and not missing.exists()


def test_a_json_export_is_refused_saying_the_board_needs_the_plan_file(tmp_path, capsys):
    source = tmp_path / "plan.json"
    source.write_text("{}", encoding="utf-8")
    out = tmp_path / "board.pdf"
    args = ["export", str(source), str(out), "--document", "cascade", "--lang", "en"]
    assert cli_main(args, clock=lambda: NOW) != 0 and not out.exists()
    assert "drawn from a plan file (.okrdesk)" in capsys.readouterr().err


def test_the_cycle_is_the_workshops_else_the_one_under_way(built):
    path, ids = built
    with PlanFile.open(path, read_only=True) as plan, plan.reader() as session:
        assert board_cycle_id(session, 1, date(2027, 5, 1)) == ids["cycle"]
        assert board_cycle_id(session, None, date(2027, 5, 1)) == ids["q2"]
        assert board_cycle_id(session, None, date(2027, 2, 1)) == ids["cycle"]
        assert board_cycle_id(session, None, date(2026, 6, 1)) == ids["cycle"]  # none yet
        assert board_cycle_id(session, 99, date(2027, 2, 1)) == ids["cycle"]


def test_sixty_units_fit_two_pages_with_the_header_repeated():
    from okrdesk.engine.cascade import CascadeState

    late = CascadeState.IN_PROGRESS
    units = tuple(unit(n, late, name=f"销售部 · 华东 {n}", overdue=True) for n in range(60))
    shown = board(date(2027, 1, 6), *units)
    out = io.BytesIO()
    write_cascade(shown, out, organisation="北辰科技", language="zh_CN", printed="2027-01-06")
    pages = PdfReader(io.BytesIO(out.getvalue())).pages
    assert len(pages) == 2
    assert all("两周期限" in page.extract_text() for page in pages)  # the header on each
    assert "销售部 · 华东 59" in pages[1].extract_text()

"""The retrospective as a PDF: the written record of the cycle's lessons, per question, the
answers under their groups with the objective they concern, and what the next cycle is
offered; in both languages, from the command line."""

import io
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from okrdesk import cli
from okrdesk.engine.carry_over import MarkToCarry, carry_marks
from okrdesk.engine.checkin_ops import RecordCheckIn
from okrdesk.engine.retro_ops import (
    AddRetroAnswer,
    AddRetroGroup,
    MoveRetroAnswer,
    StartRetrospective,
)
from okrdesk.engine.retro_view import retrospective_view
from okrdesk.export.pdf.retro_doc import write_retro
from okrdesk.models import RetroQuestion
from tests.checkin_plan import open_copy

NOW = datetime(2027, 4, 2, 9, 0, tzinfo=UTC)
WHY, IMPROVE, RESOURCES, STOP = RetroQuestion
LONG_EN = (
    "We signed the partners too late because the contract review took three rounds, and the "
    "campaign that depended on them had to wait a whole month before it could start"
)
LONG_ZH = "合作伙伴签约太晚，因为合同审核走了三轮，依赖他们的市场活动因此推迟了整整一个月才开始"


@pytest.fixture(scope="module")
def looked_back(tmp_path_factory: pytest.TempPathFactory, approved_template):
    """Q1 approved and looked back on: answers to three questions, one group, marks."""
    folder = tmp_path_factory.mktemp("retro_doc")
    template, built = approved_template  # built once per test process (conftest)
    plan = open_copy(template, built, folder / "retro.okrdesk")
    workshop, objectives = plan.workshop, plan.objectives
    plan.do(RecordCheckIn(plan.krs["delivery"], value=7))
    plan.do(RecordCheckIn(plan.krs["site"], done=True))
    plan.do(RecordCheckIn(plan.krs["leads"], value=75))
    plan.do(MarkToCarry(objectives["Faster delivery"]))
    plan.do(StartRetrospective(workshop))
    group = plan.do(AddRetroGroup(workshop, WHY, "Partners / 合作伙伴"))
    for text in (LONG_EN, LONG_ZH):
        answer = plan.do(AddRetroAnswer(workshop, WHY, text, objective_id=objectives["更多客户"]))
        plan.do(MoveRetroAnswer(answer, group))
    plan.do(AddRetroAnswer(workshop, WHY, "Leads counted in two systems"))
    plan.do(AddRetroAnswer(workshop, IMPROVE, "Sign partners in the first month"))
    plan.do(AddRetroAnswer(workshop, STOP, "少开周会", objective_id=objectives["Faster delivery"]))
    view = plan.editor.view(retrospective_view, workshop)
    marks = plan.editor.view(carry_marks, workshop)
    plan.editor.plan.close()
    return plan.path, view, marks, (template, built)


def pdf_bytes(view, marks, language: str) -> bytes:
    out = io.BytesIO()
    write_retro(view, marks, out, organisation="Northstar", language=language, printed="2027-04-02")
    return out.getvalue()


def pdf_text(data: bytes, language: str) -> str:
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata is not None and reader.metadata.title.startswith(
        "Retrospective" if language == "en" else "复盘"
    )
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_retro_pdf_records_each_questions_answers_grouped_with_their_objective(looked_back):
    _, view, marks, _ = looked_back
    text = pdf_text(pdf_bytes(view, marks, "en"), "en")
    assert "Retrospective — Management meeting" in text
    assert "1. Why did we not reach this objective?" in text
    assert "Partners / 合作伙伴" in text and "About: 更多客户" in text
    assert "the campaign that depended on them" in text and "推迟了整整一个月" in text
    # The group comes first, then the answers in none.
    assert text.index("Partners / 合作伙伴") < text.index("Not grouped")
    assert text.index("Not grouped") < text.index("Leads counted in two systems")
    assert "2. How do we improve on this in the next cycle?" in text
    assert "3. Which resources would help us reach this objective?" in text
    assert text.count("No answers.") == 1  # question 3
    assert "About: Faster delivery" in text
    # What the next cycle is offered: 更多客户 unfinished (0.50), Faster delivery marked (1.00).
    assert "Offered to the next cycle" in text
    assert "Score 0.50: not finished" in text and "Score 1.00; marked to carry over" in text
    assert "DRAFT" not in text


def test_the_retro_pdf_in_chinese(looked_back):
    _, view, marks, _ = looked_back
    text = pdf_text(pdf_bytes(view, marks, "zh_CN"), "zh_CN")
    assert "复盘 —— Management meeting" in text
    assert "问题 1：为什么我们没有实现这个目标" in text
    assert "关于：更多客户" in text and "提供给下个周期" in text
    assert "评分 0.50：未完成" in text


def test_export_writes_the_retrospective_of_a_workshop(looked_back, tmp_path, capsys):
    path, _, _, _ = looked_back
    plan = tmp_path / "plan.okrdesk"
    shutil.copyfile(path, plan)
    out = tmp_path / "retro.pdf"
    args = ["export", str(plan), str(out), "--document", "retro", "--lang", "en"]
    status = cli.main([*args, "--workshop", "1"], clock=lambda: NOW)
    assert status == 0 and capsys.readouterr().out.strip() == f"Written: {out}"
    assert "Sign partners in the first month" in " ".join(
        (page.extract_text() or "") for page in PdfReader(out).pages
    )
    # A retrospective is of one workshop, and is read from a plan file.
    assert cli.main([*args, "--force"], clock=lambda: NOW) == 2
    assert "give --workshop ID" in capsys.readouterr().err
    zh = ["export", str(plan), str(out), "--document", "retro", "--lang", "zh_CN", "--force"]
    assert cli.main(zh, clock=lambda: NOW) == 2
    assert "复盘针对单个研讨会" in capsys.readouterr().err


def test_a_retrospective_not_started_says_so(looked_back, tmp_path: Path):
    template, built = looked_back[3]
    plan = open_copy(template, built, tmp_path / "fresh.okrdesk")
    view = plan.editor.view(retrospective_view, plan.workshop)
    marks = plan.editor.view(carry_marks, plan.workshop)
    plan.editor.plan.close()
    text = pdf_text(pdf_bytes(view, marks, "en"), "en")
    assert "The retrospective has not started yet." in text
    assert "Score —: not finished" in text  # nothing checked in: never scored

"""The progress review as a PDF: each objective, its key results' progress against the time
gone, latest value, confidence, trend and score, and the grading guidance; in both languages,
from the command line."""

import io
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from okrdesk import cli
from okrdesk.engine.checkin_ops import AdjustScore, RecordCheckIn
from okrdesk.engine.review_view import review_view
from okrdesk.export.pdf.review_doc import write_review
from tests.checkin_plan import open_copy

NOW = datetime(2027, 2, 15, 0, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory, approved_template):
    """A plan with check-ins and an adjusted score (built once)."""
    folder = tmp_path_factory.mktemp("reviewed")
    template, built = approved_template  # built once per test process (conftest)
    plan = open_copy(template, built, folder / "reviewed.okrdesk")
    krs = plan.krs
    for day, value in ((1, "17.5"), (8, "14")):
        at = datetime(2027, 2, day, 9, tzinfo=UTC)
        plan.do(RecordCheckIn(krs["delivery"], value=value, confidence=7, comment="新仓库", at=at))
    plan.do(RecordCheckIn(krs["site"], percent=60, confidence=4, at=NOW))
    plan.do(RecordCheckIn(krs["leads"], value=60, at=NOW))
    plan.do(AdjustScore(krs["leads"], "0.65", "partner leads counted late"))
    view = plan.editor.view(review_view, plan.workshop, NOW)
    plan.editor.plan.close()
    return plan.path, view, (template, built)


def pdf_text(view, language: str) -> str:
    out = io.BytesIO()
    write_review(view, out, organisation="Northstar", language=language, printed="2027-02-15")
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert reader.metadata is not None and reader.metadata.title.startswith(
        "Progress review" if language == "en" else "进展回顾"
    )
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_review_pdf_shows_every_key_result_against_the_time_gone(reviewed):
    _, view, _ = reviewed
    text = pdf_text(view, "en")
    assert "Progress review: Management meeting" in text
    assert "Northstar · 2027-Q1 (2027-01-01 to 2027-03-31) · 50% of the cycle gone" in text
    assert "Committed key results are expected at 1.0." in text
    assert "Objective 1 of 2: Faster delivery" in text
    assert "Objective 2 of 2: 更多客户" in text
    # Delivery counts down 21 → 7: 17.5 then 14 days, 25% then 50%.
    assert "25% → 50%" in text and "14 days" in text and "7/10" in text
    assert "60% done" in text and "4/10" in text
    assert "score 0.65 (adjusted from 0.40: partner leads counted late)" in text
    assert "no check-in yet" in text  # uptime and partners
    assert "DRAFT" not in text


def test_the_review_pdf_in_chinese(reviewed):
    _, view, _ = reviewed
    text = pdf_text(view, "zh_CN")
    assert "进展回顾：Management meeting" in text
    assert "评分指引" in text and "承诺型关键结果应达到 1.0。" in text
    assert "目标 2/2：更多客户" in text
    assert "已完成 60%" in text and "尚无进展记录" in text


def test_export_writes_the_review_of_a_workshop(reviewed, tmp_path, capsys):
    path, _, _ = reviewed
    plan = tmp_path / "plan.okrdesk"
    shutil.copyfile(path, plan)
    out = tmp_path / "review.pdf"
    args = ["export", str(plan), str(out), "--document", "review", "--lang", "en"]
    status = cli.main([*args, "--workshop", "1"], clock=lambda: NOW)
    assert status == 0 and capsys.readouterr().out.strip() == f"Written: {out}"
    assert "Faster delivery" in PdfReader(out).pages[0].extract_text()
    # The review is of one workshop, and is drawn from a plan file's check-ins.
    status = cli.main([*args, "--force"], clock=lambda: NOW)
    assert status == 2
    assert "give --workshop ID" in capsys.readouterr().err
    status = cli.main(
        ["export", str(plan), str(out), "--document", "review", "--lang", "zh_CN", "--force"],
        clock=lambda: NOW,
    )
    assert "进展回顾针对单个研讨会" in capsys.readouterr().err


def test_a_review_before_approval_says_so(reviewed, tmp_path: Path):
    from okrdesk.engine import ops

    template, built = reviewed[2]
    plan = open_copy(template, built, tmp_path / "reopened.okrdesk")
    plan.do(ops.ReopenWorkshop(plan.workshop, "fix a key result"))
    view = plan.editor.view(review_view, plan.workshop, NOW)
    plan.editor.plan.close()
    text = pdf_text(view, "en")
    assert "These OKRs are not approved yet: check-ins start after sign-off." in text
    assert "DRAFT" in text

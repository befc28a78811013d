"""Handout export: 50 objectives x 5 key results and 300 ideas, in Chinese, against a bare
reportlab script laying out the same paragraphs and tables with the same font."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from benchmarks.core import Benchmark, Step, sized
from okrdesk.engine.queries import BallotProgress, PhaseTime
from okrdesk.engine.snapshot import (
    CycleView,
    DecisionView,
    IdeaView,
    KeyResultView,
    ObjectiveView,
    PlanSnapshot,
    SignoffView,
    UnitView,
    VotingView,
    WorkshopView,
)
from okrdesk.export.exporter import write_pdf
from okrdesk.export.pdf.fonts import cjk_font
from okrdesk.export.report import build_report
from okrdesk.models import (
    Commitment,
    DecisionKind,
    KeyResultKind,
    Phase,
    RoundKind,
    SignoffStatus,
    UnitLevel,
)

OBJECTIVES, KEY_RESULTS, IDEAS = 50, 5, 300


def big_snapshot() -> PlanSnapshot:
    """One approved Chinese workshop of the benchmark's size (built in memory)."""
    objective_count, idea_count = sized(OBJECTIVES, 3), sized(IDEAS, 10)
    objectives = tuple(
        ObjectiveView(
            id=o + 1,
            title=f"第 {o + 1} 个目标：让中型企业客户愿意向同行推荐我们的产品",
            selected=True,
            dots=(objective_count - o) % 17,
            parent=None,
            key_results=tuple(
                KeyResultView(
                    id=o * KEY_RESULTS + k + 1,
                    title=f"关键结果 {k + 1}：净推荐值从 {30 + k} 提升到 {45 + k}"
                    f"，覆盖 {k + 2} 个行业",
                    kind=KeyResultKind.METRIC,
                    start=Decimal(30 + k),
                    target=Decimal(45 + k),
                    unit="分",
                    deadline=date(2027, 3, 31),
                    owner="林娜",
                    commitment=Commitment.COMMITTED,
                )
                for k in range(KEY_RESULTS)
            ),
        )
        for o in range(objective_count)
    )
    ideas = tuple(
        IdeaView(
            n + 1,
            f"想法 {n + 1}：缩短新客户上手时间，提高续约率",
            "王芳",
            n % objective_count + 1,
            None,
            3,
        )
        for n in range(idea_count)
    )
    at = datetime(2027, 1, 8, 9, 30, tzinfo=UTC)
    workshop = WorkshopView(
        id=1,
        title="2027年第一季度管理层 OKR 会议",
        unit_id=1,
        cycle_id=1,
        phase=Phase.EXPORT,
        locked=True,
        facilitator="林晓晴",
        dot_budget=5,
        dot_cap=3,
        selection_size=objective_count,
        participants=tuple((n, f"参与者 {n}") for n in range(1, 13)),
        ideas=ideas,
        objectives=objectives,
        voting=VotingView(1, RoundKind.MAIN, False, True, BallotProgress(12, 12, ()), ()),
        signoff=SignoffView(
            SignoffStatus.APPROVED,
            "陈志远",
            at,
            1,
            None,
            (DecisionView(1, DecisionKind.APPROVE, "陈志远", at, None, (), None),),
        ),
        phases=tuple(PhaseTime(phase, 30, 28.0) for phase in Phase),
        created_at=at,
    )
    return PlanSnapshot(
        organisation="北辰软件",
        cycles=(CycleView(1, "2027-Q1", date(2027, 1, 1), date(2027, 3, 31)),),
        units=(UnitView(1, "北辰软件", None, UnitLevel.COMPANY),),
        workshops=(workshop,),
    )


def bare_reportlab(snapshot: PlanSnapshot, font: str) -> bytes:
    """The same paragraphs and tables, with nothing of okrdesk: the baseline."""
    out = io.BytesIO()
    style = ParagraphStyle("p", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    cell = ParagraphStyle("c", fontName=font, fontSize=9, leading=12.5, wordWrap="CJK")
    width = A4[0] - 36 * mm
    story: list[Flowable] = []
    workshop = snapshot.workshops[0]
    grid = TableStyle(
        [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.4, "#d1d5db")]
    )
    for objective in workshop.objectives:
        story.append(Paragraph(objective.title, style))
        rows = [
            [
                Paragraph(text, cell)
                for text in ("关键结果", "起点 → 目标", "截止日期", "负责人", "类型")
            ]
        ]
        for kr in objective.key_results:
            rows.append(
                [
                    Paragraph(text, cell)
                    for text in (
                        kr.title,
                        f"{kr.start} → {kr.target} {kr.unit}",
                        "2027-03-31",
                        kr.owner or "",
                        "承诺型",
                    )
                ]
            )
        table = Table(
            rows, colWidths=[width * f for f in (0.44, 0.18, 0.13, 0.13, 0.12)], repeatRows=1
        )
        table.setStyle(grid)
        story.append(table)
    rows = [[Paragraph(text, cell) for text in ("想法", "作者", "所属目标", "票数")]]
    titles = {o.id: o.title for o in workshop.objectives}
    for idea in workshop.ideas:
        rows.append(
            [
                Paragraph(text, cell)
                for text in (
                    idea.text,
                    idea.author or "",
                    titles.get(idea.objective_id or 0, ""),
                    str(idea.dots),
                )
            ]
        )
    table = Table(rows, colWidths=[width * f for f in (0.42, 0.15, 0.33, 0.1)], repeatRows=1)
    table.setStyle(grid)
    story.append(table)
    SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm).build(story)
    return out.getvalue()


@contextmanager
def _handout() -> Iterator[tuple[Step, Step]]:
    snapshot = big_snapshot()
    font = cjk_font()  # registered once, before timing, for both sides

    def measured() -> None:
        report = build_report(snapshot, "zh_CN", today=date(2027, 1, 8))
        write_pdf(snapshot, report, io.BytesIO(), "handout", "a4", font)

    def baseline() -> None:
        bare_reportlab(snapshot, font.name)

    yield measured, baseline


BENCHMARKS = [
    Benchmark(
        name="export: Chinese handout PDF",
        what="report model + handout PDF of 50 objectives x 5 KRs and 300 ideas (zh_CN)",
        baseline_what="a bare reportlab script with the same paragraphs and tables",
        setup=_handout,
        max_ratio=2.0,
        runs=5,
    )
]

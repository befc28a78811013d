"""The all-hands PDF of the big cycle, against a bare reportlab script of the same content.

The issue's figure: the all-hands PDF within 2x a bare reportlab script drawing the same
content. Measured on the big cycle (benchmarks/quarter_plan.py: 60 units, 250 objectives,
1,000 key results, 13 weekly check-ins each), prepared as a facilitator would for the
all-hands: every company objective has its why and is shown as a worked breakdown, every
company key result three initiatives; a last cycle (2026-Q4) holds the company's scored OKRs,
so the results and highlights slides are drawn. The departments' objectives aligned beneath
the company's key results come with the big cycle (about 55 of them).

A step is what ``okrdesk export --document allhands`` does once the plan is open: the view
read through a session, its words in Chinese, the landscape PDF laid out and written (to
memory). The baseline, in the same run: the same slides' texts (taken once, before timing)
laid out by a bare reportlab script, one landscape page per slide, paragraphs in the same
font, with nothing of okrdesk.
"""

from __future__ import annotations

import io
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from benchmarks.core import Benchmark, Step, sized
from benchmarks.quarter_plan import QuarterPlan, quarter_plan_copy
from okrdesk.engine.allhands_view import allhands_view
from okrdesk.export.allhands_slides import SlideText, slide_texts
from okrdesk.export.pdf.allhands_doc import write_allhands
from okrdesk.export.pdf.fonts import cjk_font
from okrdesk.models import CheckIn, Cycle, Initiative, KeyResult, Objective, Workshop
from okrdesk.models.planfile import PlanFile

TARGET_RATIO = 2.0
NOW = datetime(2026, 12, 21, 2, 0, tzinfo=UTC)  # the all-hands, the week after the approval
INITIATIVES = 3  # under every company key result
WHY = (
    "去年我们在华东的交付平均要三周，三家大客户因此转向了竞争对手；"
    "The board asked for a plan that customers feel within the quarter. "
)
STEPS = (
    "在华东增设第二个仓库",
    "Weekly delivery review with the top ten customers",
    "与物流伙伴签订次日达协议 and measure it every Monday",
)


def _copied(table: Table, row: Any, **changes: Any) -> dict[str, Any]:
    """A row's values for a copy: no id, a fresh uuid where the table has one."""
    values = {key: value for key, value in dict(row).items() if key != "id"}
    if "uuid" in table.c:
        values["uuid"] = str(uuid.uuid4())
    values.update(changes)
    return values


def _added(session: Session, table: Table, values: dict[str, Any]) -> int:
    """Insert one row; its id."""
    found = session.scalar(insert(table).values(values).returning(table.c.id))
    assert found is not None
    return int(found)


def _last_cycle(session: Session, plan: QuarterPlan) -> None:
    """2026-Q4 before the big cycle: the company's OKRs copied into it, approved and checked
    in as the big cycle's were (so the results and highlights slides have scores)."""
    cycle = _added(
        session,
        cast(Table, Cycle.__table__),
        {"name": "2026-Q4", "starts_on": date(2026, 10, 1), "ends_on": date(2026, 12, 31)},
    )
    workshops, objectives = cast(Table, Workshop.__table__), cast(Table, Objective.__table__)
    key_results, check_ins = cast(Table, KeyResult.__table__), cast(Table, CheckIn.__table__)
    company = (
        session.execute(select(workshops).where(workshops.c.id == plan.company_workshop))
        .mappings()
        .one()
    )
    last = _added(
        session,
        workshops,
        _copied(workshops, company, cycle_id=cycle, title="2026-Q4 management meeting"),
    )
    for objective in session.execute(
        select(objectives).where(objectives.c.workshop_id == plan.company_workshop)
    ).mappings():
        copy = _added(session, objectives, _copied(objectives, objective, workshop_id=last))
        for kr in session.execute(
            select(key_results).where(key_results.c.objective_id == objective["id"])
        ).mappings():
            kr_copy = _added(session, key_results, _copied(key_results, kr, objective_id=copy))
            rows = [
                _copied(
                    check_ins,
                    check_in,
                    key_result_id=kr_copy,
                    recorded_at=check_in["recorded_at"] - timedelta(days=91),
                )
                for check_in in session.execute(
                    select(check_ins).where(check_ins.c.key_result_id == kr["id"])
                ).mappings()
            ]
            if rows:
                session.execute(insert(check_ins), rows)


def write_allhands_plan(path: Path) -> QuarterPlan:
    """The big cycle prepared for its all-hands (see the module's docstring)."""
    plan = quarter_plan_copy(path)
    with PlanFile.open(path) as opened, opened.transaction() as session:
        session.execute(
            update(Objective)
            .where(Objective.workshop_id == plan.company_workshop, Objective.selected.is_(True))
            .values(rationale=WHY * 3, breakdown=True)
        )
        krs = session.scalars(
            select(KeyResult.id)
            .join(Objective, Objective.id == KeyResult.objective_id)
            .where(Objective.workshop_id == plan.company_workshop)
        ).all()
        session.execute(
            insert(Initiative),
            [
                {"key_result_id": kr, "text": STEPS[n], "position": n}
                for kr in krs
                for n in range(sized(INITIATIVES, 1))
            ],
        )
        _last_cycle(session, plan)
    return plan


def bare_slides(texts: Sequence[SlideText], font: str) -> bytes:
    """The same slides' texts, one landscape page each, with nothing of okrdesk."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate

    out = io.BytesIO()

    def style(name: str, size: float, indent: float = 0) -> ParagraphStyle:
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=size * 1.3, leftIndent=indent
        )

    kicker, title = style("kicker", 15), style("title", 30)
    body = [style(f"body{level}", 16, level * 9 * mm) for level in range(3)]
    story: list[Flowable] = []
    for number, slide in enumerate(texts):
        if number:
            story.append(PageBreak())
        story += [Paragraph(slide.kicker, kicker), Paragraph(slide.title, title)]
        for line in slide.lines:
            text = f"{line.text}  {line.figure}" if line.figure else line.text
            story.append(Paragraph(text, body[line.level]))
    SimpleDocTemplate(out, pagesize=landscape(A4), leftMargin=18 * mm, rightMargin=18 * mm).build(
        story
    )
    return out.getvalue()


@contextmanager
def _allhands() -> Iterator[tuple[Step, Step]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "allhands.okrdesk"
        plan = write_allhands_plan(path)
        font = cjk_font()  # registered once, before timing, for both sides
        with PlanFile.open(path, read_only=True) as opened:
            with opened.reader() as session:
                view = allhands_view(session, plan.company_workshop, NOW)
            assert view is not None and view.last is not None
            texts = slide_texts(view, "zh_CN")

            def measured() -> None:
                with opened.reader() as session:
                    shown = allhands_view(session, plan.company_workshop, NOW)
                assert shown is not None
                write_allhands(
                    shown, io.BytesIO(), language="zh_CN", printed="2026-12-21", font=font
                )

            def baseline() -> None:
                bare_slides(texts, font.name)

            yield measured, baseline


BENCHMARKS = [
    Benchmark(
        "allhands: the PDF, big cycle",
        "allhands_view read + slide words + landscape PDF written (zh_CN), the company's"
        " OKRs of the big cycle with whys, breakdowns, initiatives and ~55 aligned objectives",
        "a bare reportlab script: the same slides' texts, one landscape page each",
        _allhands,
        max_ratio=TARGET_RATIO,
        runs=20,
    ),
]

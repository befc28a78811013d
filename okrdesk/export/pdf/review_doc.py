"""The progress review of a workshop as a PDF: each objective, its key results' progress
against the time gone, the latest value, confidence, trend and score, and the grading
guidance (`okrdesk export PLAN OUT.pdf --document review --workshop N`)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from okrdesk.engine.review_view import ReviewView
from okrdesk.export.pdf.document import (
    ACCENT,
    GROUP_FILL,
    RULE,
    Metadata,
    Section,
    Styles,
    build_pdf,
    frame_width,
    make_styles,
    para,
    table,
)
from okrdesk.export.pdf.fonts import PdfFont, cjk_font
from okrdesk.export.review_text import (
    guidance_lines,
    key_result_line,
    objective_score_words,
    percent,
    reading,
)
from okrdesk.messages import translate

AMBER = colors.HexColor("#d97706")
BAR_HEIGHT = 3.2 * mm
# The table's columns as shares of the frame: key result, progress, latest, confidence,
# trend, score.
SHARES = (0.27, 0.14, 0.14, 0.08, 0.20, 0.17)


class ProgressBar(Flowable):
    """A key result's progress as a bar, with the share of the cycle gone marked in amber."""

    def __init__(self, progress: Decimal | None, elapsed: Decimal, width: float) -> None:
        super().__init__()
        self.progress = progress
        self.elapsed = elapsed
        self.bar_width = width

    def wrap(self, _available_width: float, _available_height: float) -> tuple[float, float]:
        return self.bar_width, BAR_HEIGHT + 2 * mm

    def draw(self) -> None:
        canvas = self.canv
        y = 1 * mm
        canvas.setStrokeColor(RULE)
        canvas.setFillColor(GROUP_FILL)
        canvas.rect(0, y, self.bar_width, BAR_HEIGHT, stroke=1, fill=1)
        if self.progress is not None and self.progress > 0:
            canvas.setFillColor(ACCENT)
            canvas.rect(0, y, self.bar_width * float(self.progress), BAR_HEIGHT, stroke=0, fill=1)
        mark = self.bar_width * float(self.elapsed)
        canvas.setStrokeColor(AMBER)
        canvas.setLineWidth(1.6)
        canvas.line(mark, y - 0.8 * mm, mark, y + BAR_HEIGHT + 0.8 * mm)


def _objective(view: ReviewView, index: int, s: Styles, language: str, width: float) -> Flowable:
    objective = view.objectives[index]
    widths = [width * share for share in SHARES]
    rows: list[list[object]] = [
        [
            translate("pdf.review_col_key_result", language),
            translate("pdf.review_col_progress", language),
            translate("pdf.review_col_latest", language),
            translate("pdf.review_col_confidence", language),
            translate("pdf.review_col_trend", language),
            translate("pdf.review_col_score", language),
        ]
    ]
    for kr in objective.key_results:
        line = key_result_line(kr, language)
        first = [para(line.title, s.cell), para(f"{line.commitment} · {line.measure}", s.small)]
        if line.comment:
            first.append(para(f"“{line.comment}”", s.small))
        latest: list[Flowable] | str = line.latest
        if kr.latest is not None:
            latest = [
                para(reading(kr, kr.latest, language), s.cell),
                para(kr.latest.at.date().isoformat(), s.small),
            ]
        score = [para(line.score, s.cell)]
        if line.grade:
            score.append(para(line.grade, s.small))
        rows.append(
            [
                first,
                [
                    ProgressBar(kr.progress, view.elapsed, widths[1] - 8),
                    para(line.progress_text, s.small),
                ],
                latest,
                line.confidence,
                line.trend or "—",
                score,
            ]
        )
    title = translate(
        "pdf.review_objective",
        language,
        number=index + 1,
        count=len(view.objectives),
        title=objective.title,
    )
    return KeepTogether(
        [
            para(title, s.h2),
            para(objective_score_words(objective.score, language), s.small),
            Spacer(1, 2 * mm),
            table(rows, widths, s),
            Spacer(1, 5 * mm),
        ]
    )


def write_review(
    view: ReviewView,
    out: Path | BinaryIO,
    *,
    organisation: str,
    language: str,
    printed: str,
    paper: str = "a4",
    font: PdfFont | None = None,
) -> None:
    """Write the review's PDF: a page header with the unit and cycle, DRAFT until approved."""
    font = font or cjk_font()
    s = make_styles(font, language)
    width = frame_width(paper)
    title = translate("pdf.review_title", language)
    story: list[Flowable] = [
        Section(f"{view.unit} · {view.cycle}", not view.approved),
        para(translate("pdf.review_heading", language, title=view.title), s.h1),
        para(
            translate(
                "pdf.review_subtitle",
                language,
                unit=view.unit,
                cycle=view.cycle,
                elapsed=percent(view.elapsed),
                starts=view.starts_on.isoformat(),
                ends=view.ends_on.isoformat(),
            ),
            s.body,
        ),
        Spacer(1, 2 * mm),
        para(translate("pdf.review_guidance", language), s.h3),
        *[para(line, s.small) for line in guidance_lines(view, language)],
        para(translate("pdf.review_time_mark", language), s.small),
        Spacer(1, 4 * mm),
    ]
    if not view.objectives:
        story.append(para(translate("summary.review_not_approved", language), s.body))
    for index in range(len(view.objectives)):
        story.append(_objective(view, index, s, language, width))
    build_pdf(
        out,
        story,
        paper=paper,
        metadata=Metadata(
            title=f"{title} — {view.title}",
            author=organisation,
            subject=f"OKR {view.cycle}",
            language=language,
        ),
        document_title=title,
        printed=translate("pdf.generated", language, date=printed),
        font=font,
    )

"""The wall summary: one page with a unit's OKRs, large enough to pin up in the office."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Spacer, Table, TableStyle

from okrdesk.export.pdf.document import (
    ACCENT,
    MARGIN,
    PAPERS,
    Metadata,
    Section,
    build_pdf,
    frame_width,
    make_styles,
    para,
)
from okrdesk.export.pdf.fonts import PdfFont, cjk_font
from okrdesk.export.pdf.handout import Handout
from okrdesk.export.report import Report, ReportObjective, t

BOX = colors.HexColor("#f8fafc")


def _box(objective: ReportObjective, handout: Handout, width: float) -> Table:
    s = handout.s
    lines: list[Flowable] = [para(f"{objective.label}  {objective.title}", s.h2)]
    for kr in objective.key_results:
        details = " · ".join(part for part in (kr.measure, kr.deadline, kr.owner) if part)
        lines.append(para(f"{kr.label}  {kr.title}", s.body))
        if details:
            lines.append(para(details, s.small))
    box = Table([[lines]], colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), s.font),  # not reportlab's Helvetica
                ("BACKGROUND", (0, 0), (-1, -1), BOX),
                ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return box


def _metadata(report: Report) -> Metadata:
    language = report.language
    unit = report.workshops[0].unit if report.workshops else ""
    title = f"{report.organisation} — {t('pdf.wall_title', language)} {report.cycle} — {unit}"
    return Metadata(
        title=title,
        author=report.organisation,
        subject=t("pdf.wall_subject", language, cycle=report.cycle, unit=unit),
        language=language,
    )


def write_wall(
    report: Report, out: Path | BinaryIO, paper: str = "a4", font: PdfFont | None = None
) -> None:
    """One page for the report's first workshop; long OKRs shrink to fit, never spill."""
    font = font or cjk_font()
    handout = Handout(report, paper, font)
    handout.s = make_styles(font, report.language, scale=1.35)
    s, language = handout.s, report.language
    width = frame_width(paper)
    height = PAPERS[paper][1] - 2 * MARGIN - 4 * mm
    story: list[Flowable] = []
    if report.workshops:
        workshop = report.workshops[0]
        heading = t("pdf.wall_title", language)
        if workshop.unit != report.organisation:
            heading = f"{workshop.unit} · {heading}"
        content: list[Flowable] = [
            para(report.organisation, s.subtitle),
            para(heading, s.title),
            para(f"{report.cycle} · {workshop.status}", s.subtitle),
            Spacer(1, 6 * mm),
        ]
        for objective in workshop.objectives:
            content += [_box(objective, handout, width), Spacer(1, 4 * mm)]
        story = [
            Section("", not workshop.approved),
            KeepInFrame(width, height, content, mode="shrink"),
        ]
    else:
        story = [Section("", True), para(t("pdf.no_workshops", language), s.body)]
    build_pdf(
        out,
        story,
        paper=paper,
        metadata=_metadata(report),
        document_title=t("pdf.wall_title", language),
        printed=t("pdf.generated", language, date=report.generated),
        font=font.name,
    )

"""Data exports of a report: Markdown for reading, CSV for spreadsheets (one row per KR)."""

from __future__ import annotations

import csv
import io

from okrdesk.export.report import Report, t


def _cell(value: str) -> str:
    """A Markdown table cell: pipes escaped, lines joined."""
    return value.replace("|", "\\|").replace("\n", " ")


def report_markdown(report: Report) -> str:
    language = report.language
    lines = [
        f"# {report.organisation} — {t('pdf.handout_title', language)} {report.cycle}",
        "",
        t("pdf.cycle", language, name=report.cycle, span=report.cycle_span),
        "",
    ]
    for workshop in report.workshops:
        lines += [f"## {workshop.unit} — {workshop.title}", ""]
        if not workshop.approved:
            lines += [f"**{t('pdf.draft', language)}** · {workshop.status}", ""]
        else:
            lines += [f"{workshop.status} · {workshop.signer} · {workshop.signed_at}", ""]
        if workshop.facilitator:
            lines.append(f"- {t('pdf.facilitator', language)}: {workshop.facilitator}")
        if workshop.participants:
            lines.append(f"- {t('pdf.participants', language)}: {', '.join(workshop.participants)}")
        lines.append("")
        for objective in workshop.objectives:
            lines.append(f"### {objective.label} {objective.title}")
            if objective.alignment:
                lines.append(f"*{objective.alignment}*")
            lines.append("")
            if objective.key_results:
                header = [
                    t("pdf.col_kr", language),
                    t("pdf.col_measure", language),
                    t("pdf.col_deadline", language),
                    t("pdf.col_owner", language),
                    t("pdf.col_type", language),
                ]
                lines.append("| " + " | ".join(header) + " |")
                lines.append("|" + "---|" * len(header))
                for kr in objective.key_results:
                    cells = [f"{kr.label} {kr.title}", kr.measure, kr.deadline, kr.owner]
                    cells.append(kr.commitment)
                    lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
                lines.append("")
        for decision in workshop.decisions:
            comments = [decision.comment] if decision.comment else []
            comments += [f"{title}: {comment}" for title, comment in decision.notes]
            tail = f" — {'; '.join(comments)}" if comments else ""
            lines.append(
                f"- {decision.round}. {decision.at} {decision.signer} {decision.verb}{tail}"
            )
        if workshop.decisions:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def report_csv(report: Report) -> str:
    """One row per key result with its objective, unit and alignment."""
    language = report.language
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            t("pdf.col_unit", language),
            t("pdf.workshop", language),
            t("pdf.status", language),
            "O",
            t("pdf.col_objective", language),
            t("pdf.col_alignment", language),
            "KR",
            t("pdf.col_kr", language),
            t("pdf.col_measure", language),
            t("pdf.col_deadline", language),
            t("pdf.col_owner", language),
            t("pdf.col_type", language),
        ]
    )
    for workshop in report.workshops:
        for objective in workshop.objectives:
            for kr in objective.key_results:
                writer.writerow(
                    [
                        workshop.unit_path,
                        workshop.title,
                        workshop.status,
                        objective.label,
                        objective.title,
                        objective.alignment,
                        kr.label,
                        kr.title,
                        kr.measure,
                        kr.deadline,
                        kr.owner,
                        kr.commitment,
                    ]
                )
    return out.getvalue()

"""Data exports of a report: Markdown for reading, CSV for spreadsheets (one row per KR)."""

from __future__ import annotations

import csv
import io

from okrdesk.export.report import Report, t


def _inline(value: object) -> str:
    """Text that Markdown shows as typed, inside a line: every character Markdown (or the
    HTML inside it) could read as markup escaped, line breaks joined. Every value from the
    plan passes through here: a title can hide no link, image, tag, comment or table cell."""
    text = str(value)
    for char in "\\`*_[]<>#|!~":
        text = text.replace(char, "\\" + char)
    return text.replace("&", "&amp;").replace("\r", " ").replace("\n", " ")


def _spreadsheet(value: str) -> str:
    """A CSV cell a spreadsheet reads as text, never as a formula (=, +, -, @)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def report_markdown(report: Report) -> str:
    """The report as Markdown; every text from the plan is escaped (_inline), so the
    document has only the structure okrdesk gives it."""
    language = report.language
    heading = t("pdf.handout_title", language)
    lines = [
        f"# {_inline(report.organisation)} — {_inline(heading)} {_inline(report.cycle)}",
        "",
        _inline(t("pdf.cycle", language, name=report.cycle, span=report.cycle_span)),
        "",
    ]
    for workshop in report.workshops:
        lines += [f"## {_inline(workshop.unit)} — {_inline(workshop.title)}", ""]
        status = _inline(workshop.status)
        if not workshop.approved:
            lines += [f"**{_inline(t('pdf.draft', language))}** · {status}", ""]
        else:
            signed = f"{_inline(workshop.signer)} · {_inline(workshop.signed_at)}"
            lines += [f"{status} · {signed}", ""]
        if workshop.facilitator:
            label = _inline(t("pdf.facilitator", language))
            lines.append(f"- {label}: {_inline(workshop.facilitator)}")
        if workshop.participants:
            names = ", ".join(_inline(name) for name in workshop.participants)
            lines.append(f"- {_inline(t('pdf.participants', language))}: {names}")
        lines.append("")
        for objective in workshop.objectives:
            lines.append(f"### {_inline(objective.label)} {_inline(objective.title)}")
            if objective.alignment:
                lines.append(f"*{_inline(objective.alignment)}*")
            lines.append("")
            if objective.key_results:
                header = [
                    t("pdf.col_kr", language),
                    t("pdf.col_measure", language),
                    t("pdf.col_deadline", language),
                    t("pdf.col_owner", language),
                    t("pdf.col_type", language),
                ]
                lines.append("| " + " | ".join(_inline(cell) for cell in header) + " |")
                lines.append("|" + "---|" * len(header))
                for kr in objective.key_results:
                    cells = [f"{kr.label} {kr.title}", kr.measure, kr.deadline, kr.owner]
                    cells.append(kr.commitment)
                    lines.append("| " + " | ".join(_inline(c) for c in cells) + " |")
                lines.append("")
        if workshop.vote_outcome and not workshop.light:
            lines += [f"### {_inline(t('pdf.vote_results', language))}", ""]
            lines += [
                f"- {_inline(line)}" for line in workshop.tie_decision or workshop.vote_outcome
            ]
            lines.append("")
        for decision in workshop.decisions:
            comments = [decision.comment] if decision.comment else []
            comments += [f"{title}: {comment}" for title, comment in decision.notes]
            tail = f" — {'; '.join(_inline(c) for c in comments)}" if comments else ""
            said = " ".join(_inline(v) for v in (decision.at, decision.signer, decision.verb))
            lines.append(f"- {_inline(decision.round)}. {said}{tail}")
        if workshop.decisions:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def report_csv(report: Report) -> str:
    """One row per key result with its objective, unit and alignment (an objective without
    key results: one row with the key-result cells empty)."""
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
            head = [
                workshop.unit_path,
                workshop.title,
                workshop.status,
                objective.label,
                objective.title,
                objective.alignment,
            ]
            # An objective without key results still gets its row (the KR cells empty).
            for kr in objective.key_results or (None,):
                tail = (
                    ["", "", "", "", "", ""]
                    if kr is None
                    else [kr.label, kr.title, kr.measure, kr.deadline, kr.owner, kr.commitment]
                )
                writer.writerow([_spreadsheet(cell) for cell in head + tail])
    return out.getvalue()

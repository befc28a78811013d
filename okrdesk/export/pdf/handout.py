"""The handout: a cover, then for each workshop its agreed OKRs, the vote, the sign-off,
the minutes, the quality checks and an appendix of every idea (reportlab story)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
)

from okrdesk.export.pdf.document import (
    MIN_ROWS,
    Badge,
    ContinuedTable,
    KeepStart,
    Metadata,
    Section,
    SigningLines,
    Styles,
    build_pdf,
    frame_height,
    frame_width,
    height_of,
    make_styles,
    para,
    table,
)
from okrdesk.export.pdf.drawings import signature_drawing, vote_charts
from okrdesk.export.pdf.fonts import PdfFont, cjk_font
from okrdesk.export.pdf.long_tables import TextRow, text_table
from okrdesk.export.report import Report, ReportObjective, ReportWorkshop, t

APPROVED = colors.HexColor("#15803d")  # 5.0:1 on white
PENDING = colors.HexColor("#b45309")  # 5.0:1 on white


def _flat(flowables: list[Flowable]) -> list[Flowable]:
    """The flowables with any KeepTogether opened: one inside another measures as
    endless (reportlab forces a split that way) and would push its block a page on."""
    flat: list[Flowable] = []
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            flat += _flat(list(flowable._content))  # type: ignore[attr-defined]  # no stub
        else:
            flat.append(flowable)
    return flat


class Handout:
    """Builds the story of one report for one paper size."""

    def __init__(self, report: Report, paper: str, font: PdfFont) -> None:
        self.report = report
        self.language = report.language
        self.paper = paper
        self.width = frame_width(paper)
        self.font = font
        self.s: Styles = make_styles(font, report.language)

    def tr(self, message_id: str, **params: object) -> str:
        return t(message_id, self.language, **params)

    def header(self, workshop: ReportWorkshop | None) -> str:
        parts = [self.report.organisation]
        if workshop is not None and workshop.unit != self.report.organisation:
            parts.append(workshop.unit)
        parts.append(self.report.cycle)
        return " · ".join(part for part in parts if part)

    # The story
    def story(self) -> list[Flowable]:
        story: list[Flowable] = [Section("", self.report.draft), *self.cover()]
        for workshop in self.report.workshops:
            story += [PageBreak(), Section(self.header(workshop), not workshop.approved)]
            story += self.workshop(workshop)
        return story

    def cover(self) -> list[Flowable]:
        """A page that stands alone: who, which cycle, what was agreed, who signed it."""
        s, report = self.s, self.report
        flow: list[Flowable] = [
            Spacer(1, 22 * mm if self._roomy() else 6 * mm),
            para(report.organisation, s.subtitle),
            para(self.tr("pdf.handout_title"), s.title),
            para(
                self.tr("pdf.cycle", name=report.cycle, span=report.cycle_span)
                if report.cycle
                else "",
                s.subtitle,
            ),
            Spacer(1, 8 * mm if len(report.workshops) <= 1 else 4 * mm),
        ]
        if len(report.workshops) == 1:
            workshop = report.workshops[0]
            flow.append(para(f"{workshop.unit} — {workshop.title}", self._centred(s.h2)))
            flow += self.glance(workshop)
            flow += [Spacer(1, 5 * mm), self.cover_signoff(workshop), Spacer(1, 6 * mm)]
            flow.append(self.facts(workshop))
        elif report.workshops:
            flow.append(para(self.tr("pdf.contents"), s.h2))
            rows: list[list[object]] = [
                [
                    self.tr("pdf.unit"),
                    self.tr("pdf.col_objective"),
                    self.tr("pdf.signoff"),
                    self.tr("pdf.signature"),
                ]
            ]
            for w in report.workshops:
                objectives: list[Flowable] | str = [
                    Badge(o.label, para(o.title, s.cell), s) for o in w.objectives
                ]
                signoff = [para(w.status, self._status_style(w, s.cell))]
                if w.approved:
                    signoff += [para(w.signer, s.cell), para(w.signed_at, s.cell)]
                rows.append(
                    [
                        w.unit_path,
                        objectives or self.tr("pdf.no_objectives"),
                        signoff,
                        self._thumbnail(w, self.width * 0.14 - 9, 10 * mm),
                    ]
                )
            flow.append(table(rows, self._widths(0.22, 0.44, 0.2, 0.14), s))
        else:
            flow.append(para(self.tr("pdf.no_workshops"), s.body))
        return flow

    def glance(self, workshop: ReportWorkshop) -> list[Flowable]:
        """The objectives at a glance: badge and title, one line each where they fit."""
        s = self.s
        heading = "pdf.agreed_okrs" if workshop.selected else "pdf.candidate_okrs"
        flow: list[Flowable] = [para(self.tr(heading), s.h3)]
        # Many objectives (a long candidate list) are set smaller: the cover stays one page.
        size = s.body.fontSize * (1.15 if self._roomy() else 0.9)
        style = ParagraphStyle("glance", parent=s.body, fontSize=size, leading=size * 1.4)
        flow += [
            Badge(objective.label, para(objective.title, style), s)
            for objective in workshop.objectives
        ]
        return flow

    def _roomy(self) -> bool:
        """Whether the cover has room to breathe: one workshop of a few objectives."""
        workshops = self.report.workshops
        return len(workshops) <= 1 and all(len(w.objectives) <= 6 for w in workshops)

    def cover_signoff(self, workshop: ReportWorkshop) -> Flowable:
        """The sign-off at a glance: status, signer, date and signature, or lines to sign."""
        s = self.s
        status = para(workshop.status, self._status_style(workshop, s.h3))
        if workshop.approved:
            rows: list[list[object]] = [
                [self.tr("pdf.status"), status],
                [self.tr("pdf.signer"), workshop.signer],
                [self.tr("pdf.signed_at"), workshop.signed_at],
                [self.tr("pdf.signature"), self._thumbnail(workshop, 55 * mm, 18 * mm)],
            ]
            return table(rows, self._widths(0.22, 0.78), s, header=False)
        rows = [[self.tr("pdf.status"), status]]
        return KeepTogether(
            [
                table(rows, self._widths(0.22, 0.78), s, header=False),
                Spacer(1, 10 * mm),
                self.signing_lines(),
            ]
        )

    def signing_lines(self) -> Flowable:
        return SigningLines([self.tr("pdf.sign_line"), self.tr("pdf.sign_date")], self.s)

    def _thumbnail(self, workshop: ReportWorkshop, width: float, height: float) -> Flowable | str:
        if workshop.signature is not None:
            return signature_drawing(workshop.signature, width, height, self.font.name)
        return self.tr("pdf.no_signature") if workshop.approved else ""

    def _status_style(self, workshop: ReportWorkshop, base: ParagraphStyle) -> ParagraphStyle:
        colour = APPROVED if workshop.approved else PENDING
        return ParagraphStyle(f"{base.name}-status", parent=base, textColor=colour)

    def _centred(self, base: ParagraphStyle) -> ParagraphStyle:
        return ParagraphStyle(f"{base.name}-centred", parent=base, alignment=1)

    def facts(self, workshop: ReportWorkshop) -> Flowable:
        rows = [
            [self.tr("pdf.unit"), workshop.unit_path],
            [self.tr("pdf.workshop"), workshop.title],
            [self.tr("pdf.held_on"), workshop.held_on],
            [self.tr("pdf.facilitator"), workshop.facilitator],
            [
                self.tr("pdf.participants"),
                "、".join(workshop.participants)
                if self.language == "zh_CN"
                else ", ".join(workshop.participants),
            ],
        ]
        return table(rows, self._widths(0.22, 0.78), self.s, header=False)

    def workshop(self, workshop: ReportWorkshop) -> list[Flowable]:
        s = self.s
        flow: list[Flowable] = [para(f"{workshop.unit} — {workshop.title}", s.h1)]
        if len(self.report.workshops) > 1:  # a single workshop's facts are on the cover
            flow.append(self.facts(workshop))
        if workshop.imported_from:
            flow.append(para(self.tr("pdf.imported", source=workshop.imported_from), s.small))
        heading = "pdf.agreed_okrs" if workshop.selected else "pdf.candidate_okrs"
        # The last objective's last rows are set apart: they stay with the sign-off.
        last_one = len(workshop.objectives) - 1
        okrs: list[list[Flowable]] = [
            self.objective(o, keep_last=MIN_ROWS if n == last_one else 0)
            for n, o in enumerate(workshop.objectives)
        ]
        title = para(self.tr(heading), s.h2)
        if not okrs:
            flow.append(title)
        elif isinstance(okrs[0][0], KeepStart):
            # The section heading stays with the first objective's heading and first rows.
            okrs[0][0].flowables.insert(0, self._unkept(title))
            okrs[0].insert(1, title)
        elif isinstance(okrs[0][0], KeepTogether):  # an objective without key results
            okrs[0][0] = KeepTogether([self._unkept(title), *_flat(okrs[0][:1])])
        else:
            okrs[0].insert(0, title)  # kept with the objective by keepWithNext
        if workshop.imported_from:
            # A copy of another plan's approved OKRs: its meeting happened elsewhere.
            return flow + [f for objective in okrs for f in objective]
        for objective in okrs[:-1]:
            flow += objective
        # The sign-off attests the OKRs: it follows them, on the page of the last objective.
        last = okrs[-1] if okrs else []
        keep = [f for f in last if isinstance(f, KeepStart)]
        signoff = _flat(self.signoff(workshop))
        block = _flat([f for f in last if f not in keep]) + signoff
        if height_of(block, self.width) <= frame_height(self.paper):
            flow += [*keep, KeepTogether(block)]
        else:  # an objective longer than a page: its table splits, the sign-off stays
            # whole, with the table's last rows (never at the top of a page by itself)
            body = [f for f in last if f not in keep]
            tail = next((n for n, f in enumerate(body) if isinstance(f, ContinuedTable)), len(body))
            flow += [*keep, *_flat(body[:tail]), KeepTogether([*_flat(body[tail:]), *signoff])]
        if not workshop.light:  # a person's OKRs had no vote and no wall
            flow += self.vote(workshop)
        flow += self.minutes(workshop)
        flow += self.quality(workshop)
        if not workshop.light:
            flow += self.appendix(workshop)
        return flow

    def objective(self, objective: ReportObjective, keep_last: int = 0) -> list[Flowable]:
        """The objective's heading and its key results' table; with ``keep_last``, the
        table's last rows apart (a ContinuedTable), for the sign-off to keep them."""
        s = self.s
        head: list[Flowable] = [
            self._unkept(Badge(objective.label, para(objective.title, s.h3), s))
        ]
        if objective.alignment:
            head.append(para("↑ " + objective.alignment, s.small))
        if not objective.key_results:
            return [KeepTogether([*head, para(self.tr("pdf.no_key_results"), s.small)])]
        rows: list[list[object]] = [
            [
                self.tr("pdf.col_kr"),
                self.tr("pdf.col_measure"),
                self.tr("pdf.col_deadline"),
                self.tr("pdf.col_owner"),
                self.tr("pdf.col_type"),
            ]
        ]
        body: list[list[object]] = [
            [f"{kr.label}  {kr.title}", kr.measure, kr.deadline, kr.owner, kr.commitment]
            for kr in objective.key_results
        ]
        widths = self._widths(0.4, 0.19, 0.14, 0.13, 0.14)
        end: list[Flowable] = []
        if keep_last and len(body) >= keep_last + 2 * MIN_ROWS:
            rest = body[-keep_last:]
            body = body[:-keep_last]
            end = [
                ContinuedTable(table(rows + rest, widths, s), table(rest, widths, s, header=False))
            ]
        grid = table(rows + body, widths, s)
        # The heading stays with the start of its table; a long table still splits.
        return [KeepStart(head, grid), *head, grid, *end, Spacer(1, 3 * mm)]

    @staticmethod
    def _unkept(flowable: Flowable) -> Flowable:
        """A heading whose place is kept by a KeepStart, not by platypus' keepWithNext
        (which would move the heading with the whole of a long table)."""
        flowable.keepWithNext = 0
        return flowable

    def vote(self, workshop: ReportWorkshop) -> list[Flowable]:
        s = self.s
        title = para(self.tr("pdf.vote_results"), s.h2)
        if not workshop.vote:
            return [CondPageBreak(35 * mm), title, para(self.tr("pdf.no_vote"), s.body)]
        charts: list[Flowable] = list(
            vote_charts(workshop.vote, self.width, self.font.name, self.font.latin)
        )
        # The heading stays with the first chart, the legend with the last (one block each,
        # never one KeepTogether inside another: that measures as endless).
        charts[-1:] = [charts[-1], para(self.tr("pdf.vote_legend"), s.small)]
        first = [self._unkept(title), charts[0]] + (charts[1:] if len(charts) == 2 else [])
        last = [] if len(charts) == 2 else [KeepTogether(charts[-2:])]
        middle = charts[1:-2]
        # How the cut-off was settled: a tie decided says by whom, what and why.
        outcome = [para(line, s.body) for line in workshop.vote_outcome]
        return [KeepTogether(first), *middle, *last, *outcome]

    def signoff(self, workshop: ReportWorkshop) -> list[Flowable]:
        s = self.s
        status = para(workshop.status, self._status_style(workshop, s.cell))
        flow: list[Flowable] = [para(self.tr("pdf.signoff"), s.h2)]
        if workshop.approved:
            rows: list[list[object]] = [
                [self.tr("pdf.status"), status],
                [self.tr("pdf.signer"), workshop.signer],
                [self.tr("pdf.signed_at"), workshop.signed_at],
                [self.tr("pdf.signature"), self._thumbnail(workshop, 60 * mm, 20 * mm)],
            ]
            flow += [table(rows, self._widths(0.22, 0.78), s, header=False), Spacer(1, 3 * mm)]
        else:  # a draft is signed on paper: a ruled line for the signature and the date
            rows = [[self.tr("pdf.status"), status]]
            flow += [
                table(rows, self._widths(0.22, 0.78), s, header=False),
                Spacer(1, 12 * mm),
                self.signing_lines(),
                Spacer(1, 2 * mm),
            ]
        if not workshop.decisions:
            return [KeepTogether([*flow, para(self.tr("pdf.no_decisions"), s.small)])]
        history = [
            [
                self.tr("pdf.col_round"),
                self.tr("pdf.col_decision"),
                self.tr("pdf.signer"),
                self.tr("pdf.col_when"),
                self.tr("pdf.col_comment"),
            ]
        ]
        for decision in workshop.decisions:
            comments = [decision.comment] if decision.comment else []
            comments += [f"{title}: {comment}" for title, comment in decision.notes]
            history.append(
                [
                    str(decision.round),
                    decision.verb,
                    decision.signer,
                    decision.at,
                    "\n".join(comments),
                ]
            )
        # The block stays on one page when it fits (a long history still splits).
        return [KeepTogether([*flow, table(history, self._widths(0.1, 0.13, 0.17, 0.2, 0.4), s)])]

    def minutes(self, workshop: ReportWorkshop) -> list[Flowable]:
        s = self.s
        rows = [[self.tr("pdf.col_phase"), self.tr("pdf.col_planned"), self.tr("pdf.col_actual")]]
        rows += [
            [
                m.name,
                "" if m.planned is None else str(m.planned),
                self.tr("pdf.in_progress") if m.actual is None else str(m.actual),
            ]
            for m in workshop.minutes
        ]
        flow: list[Flowable] = [
            CondPageBreak(40 * mm),
            para(self.tr("pdf.minutes"), s.h2),
            table(rows, self._widths(0.5, 0.25, 0.25), s),
        ]
        if workshop.tie_decision:  # the room's decisions are minuted, with their reasons
            flow.append(Spacer(1, 2 * mm))
            flow += [para(line, s.body) for line in workshop.tie_decision]
        return flow

    def quality(self, workshop: ReportWorkshop) -> list[Flowable]:
        s = self.s
        flow: list[Flowable] = [CondPageBreak(25 * mm), para(self.tr("pdf.quality"), s.h2)]
        if not workshop.findings:
            return [*flow, para(self.tr("pdf.no_findings"), s.body)]
        findings: list[Flowable] = [para("▲ " + finding, s.body) for finding in workshop.findings]
        if len(findings) <= 2:  # (platypus keeps a heading with a paragraph, not a block)
            return [flow[0], KeepTogether([self._unkept(flow[1]), *findings])]
        # The last finding never stands alone on a page: it keeps the one before it.
        return flow + findings[:-2] + [KeepTogether(findings[-2:])]

    def appendix(self, workshop: ReportWorkshop) -> list[Flowable]:
        """Every card, under the candidate objective it was grouped into, with its dots."""
        s = self.s
        title = self._unkept(para(self.tr("pdf.appendix"), s.h2))
        if not workshop.idea_groups:
            return [CondPageBreak(60 * mm), title, para(self.tr("pdf.no_ideas"), s.body)]
        rows: list[TextRow] = []
        for group in workshop.idea_groups:
            if group.title:
                one = group.dots == 1  # " — 1 dot", " — 2 dots"
                dots = (
                    ""
                    if group.dots is None
                    else self.tr("pdf.group_dot_one" if one else "pdf.group_dots", dots=group.dots)
                )
                heading = f"{group.title}{dots}"
            else:
                heading = self.tr("pdf.not_grouped")
            rows.append(TextRow((heading,), group=True))
            rows += [TextRow((idea.text, idea.author)) for idea in group.ideas]
        # Plain text laid out a page at a time (long_tables): 20,000 ideas cost 10 times
        # 2,000, and each cell is broken into lines once, with no Paragraph.
        header = (self.tr("pdf.col_idea"), self.tr("pdf.col_author"))
        grid = text_table(header, rows, self._widths(0.78, 0.22), s)
        return [KeepStart([title], grid), title, grid]

    def _widths(self, *fractions: float) -> list[float]:
        return [self.width * fraction for fraction in fractions]

    def metadata(self) -> Metadata:
        report = self.report
        title = f"{report.organisation} — {self.tr('pdf.handout_title')} {report.cycle}".strip()
        if len(report.workshops) == 1:
            title += f" — {report.workshops[0].unit}"
        facilitators = {w.facilitator for w in report.workshops if w.facilitator}
        author = ", ".join(sorted(facilitators)) or report.organisation
        units = ", ".join(w.unit for w in report.workshops)
        return Metadata(
            title=title,
            author=author,
            subject=f"OKR {report.cycle}: {units}" if units else f"OKR {report.cycle}".strip(),
            language=report.language,
            keywords=("OKR", report.cycle),
        )


def write_handout(
    report: Report, out: Path | BinaryIO, paper: str = "a4", font: PdfFont | None = None
) -> None:
    """The handout of the report as a PDF."""
    font = font or cjk_font()
    handout = Handout(report, paper, font)
    build_pdf(
        out,
        handout.story(),
        paper=paper,
        metadata=handout.metadata(),
        document_title=handout.tr("pdf.handout_title"),
        printed=handout.tr("pdf.generated", date=report.generated),
        font=font,
    )

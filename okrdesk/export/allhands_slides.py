"""The all-hands in words: each slide of the view as plain lines in one language.

The projector, the window's presenter and the PDF draw these same lines, so what the room
sees and what is printed say the same thing; each decides only sizes and pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from okrdesk.engine.allhands_view import AllHandsView, ShownKeyResult, SlideKind
from okrdesk.engine.scoring import shown
from okrdesk.engine.snapshot import plain_number
from okrdesk.messages import translate
from okrdesk.models import Commitment, KeyResultKind


class LineStyle(StrEnum):
    """How a line of a slide's body is set."""

    HEADING = "heading"  # a part of the slide ("Why", a unit's name)
    BODY = "body"  # a key result, an objective, an initiative
    WHY = "why"  # the rationale: the slide's message, larger
    MUTED = "muted"  # what is said about a line (its objective, "not yet approved")


@dataclass(frozen=True)
class SlideLine:
    """One line of a slide's body: its text, how far in, its style, and a figure to the right
    (a score, start -> target)."""

    text: str
    level: int = 0
    style: LineStyle = LineStyle.BODY
    figure: str = ""


@dataclass(frozen=True)
class SlideText:
    """One slide as it is said: a kicker above the title, the title, the body's lines."""

    kind: SlideKind
    kicker: str
    title: str
    lines: tuple[SlideLine, ...]

    def said(self) -> tuple[str, ...]:
        """Every text of the slide, in order (for accessibility and tests)."""
        texts = [self.kicker, self.title]
        for line in self.lines:
            texts.append(line.text)
            if line.figure:
                texts.append(line.figure)
        return tuple(texts)


def _t(message_id: str, language: str, **params: object) -> str:
    return translate(message_id, language, **params)


def span(kr: ShownKeyResult, language: str) -> str:
    """'21 → 7 days', or the milestone's word."""
    if kr.start is None and kr.target is None:
        if kr.kind is KeyResultKind.MILESTONE:
            return _t("pdf.milestone", language)
        return ""
    measured = f"{plain_number(kr.start) or '?'} → {plain_number(kr.target) or '?'}"
    return f"{measured} {kr.unit}" if kr.unit else measured


def _score(value: Decimal | None, language: str) -> str:
    if value is None:
        return _t("summary.allhands_not_scored", language)
    return shown(value)


def _day(day: date) -> str:
    return day.isoformat()


def slide_texts(view: AllHandsView, language: str) -> tuple[SlideText, ...]:
    """Every slide of the view, in its order, in the language."""
    head = f"{view.unit} · {view.cycle}"
    count = len(view.objectives)
    texts: list[SlideText] = []
    for slide in view.slides:
        kind = slide.kind
        objective = view.objective(slide.objective_id)
        if kind is SlideKind.OPENING:
            lines = [
                SlideLine(view.unit, style=LineStyle.HEADING),
                SlideLine(
                    _t(
                        "summary.allhands_counts",
                        language,
                        objectives=count,
                        key_results=sum(len(o.key_results) for o in view.objectives),
                    )
                ),
            ]
            if not view.approved:
                lines.append(
                    SlideLine(_t("summary.allhands_draft", language), style=LineStyle.MUTED)
                )
            if not view.objectives:
                lines.append(
                    SlideLine(_t("summary.allhands_no_objectives", language), style=LineStyle.MUTED)
                )
            texts.append(
                SlideText(
                    kind,
                    view.organisation,
                    _t("summary.allhands_opening", language, cycle=view.cycle),
                    tuple(lines),
                )
            )
        elif kind is SlideKind.RESULTS and view.last is not None:
            texts.append(
                SlideText(
                    kind,
                    head,
                    _t("summary.allhands_results", language, cycle=view.last.cycle),
                    tuple(
                        SlideLine(o.title, figure=_score(o.score, language))
                        for o in view.last.objectives
                    ),
                )
            )
        elif kind is SlideKind.HIGHLIGHTS and view.last is not None:
            lines = []
            for best in view.last.highlights:
                lines.append(SlideLine(best.title, figure=shown(best.score)))
                under = best.objective
                if best.commitment is Commitment.ASPIRATIONAL:
                    under += " · " + _t("summary.aspirational", language)
                lines.append(SlideLine(under, level=1, style=LineStyle.MUTED))
            texts.append(
                SlideText(
                    kind,
                    head,
                    _t("summary.allhands_highlights", language, cycle=view.last.cycle),
                    tuple(lines),
                )
            )
        elif kind is SlideKind.OBJECTIVE and objective is not None:
            number = view.objectives.index(objective) + 1
            lines = [SlideLine(_t("summary.allhands_why", language), style=LineStyle.HEADING)]
            if objective.rationale:
                lines += [
                    SlideLine(part, style=LineStyle.WHY)
                    for part in objective.rationale.splitlines()
                    if part.strip()
                ]
            else:
                lines.append(
                    SlideLine(_t("summary.allhands_no_why", language), style=LineStyle.MUTED)
                )
            lines.append(
                SlideLine(_t("summary.allhands_key_results", language), style=LineStyle.HEADING)
            )
            lines += [
                SlideLine(kr.title, level=1, figure=span(kr, language))
                for kr in objective.key_results
            ]
            texts.append(
                SlideText(
                    kind,
                    _t("summary.allhands_objective", language, number=number, count=count),
                    objective.title,
                    tuple(lines),
                )
            )
        elif kind is SlideKind.BREAKDOWN and objective is not None:
            lines = []
            for kr in objective.key_results:
                lines.append(SlideLine(kr.title, figure=span(kr, language)))
                if kr.initiatives:
                    lines += [SlideLine(f"· {text}", level=1) for text in kr.initiatives]
                else:
                    lines.append(
                        SlideLine(
                            _t("summary.allhands_no_initiatives", language),
                            level=1,
                            style=LineStyle.MUTED,
                        )
                    )
            texts.append(
                SlideText(
                    kind,
                    _t("summary.allhands_breakdown", language),
                    objective.title,
                    tuple(lines),
                )
            )
        elif kind is SlideKind.ALIGNED and objective is not None:
            lines = []
            unit = None
            for aligned in objective.aligned:
                if aligned.unit != unit:
                    unit = aligned.unit
                    lines.append(SlideLine(unit, style=LineStyle.HEADING))
                lines.append(SlideLine(aligned.title, level=1))
                notes = []
                if aligned.key_result is not None:
                    notes.append(
                        _t("summary.allhands_supports", language, key_result=aligned.key_result)
                    )
                if not aligned.approved:
                    notes.append(_t("summary.allhands_awaiting", language))
                if notes:
                    lines.append(SlideLine(" · ".join(notes), level=2, style=LineStyle.MUTED))
            texts.append(
                SlideText(
                    kind,
                    _t("summary.allhands_aligned", language),
                    objective.title,
                    tuple(lines),
                )
            )
        elif kind is SlideKind.CLOSING:
            if view.deadline is None:
                lines = [
                    SlideLine(_t("summary.allhands_when_approved", language), style=LineStyle.WHY)
                ]
            else:
                lines = [
                    SlideLine(
                        _t("summary.allhands_deadline", language, date=_day(view.deadline)),
                        style=LineStyle.WHY,
                    )
                ]
                if view.days_left is not None and view.days_left >= 0:
                    lines.append(
                        SlideLine(
                            _t("summary.allhands_days_left", language, days=view.days_left),
                            style=LineStyle.MUTED,
                        )
                    )
            texts.append(
                SlideText(kind, head, _t("summary.allhands_closing", language), tuple(lines))
            )
    return tuple(texts)

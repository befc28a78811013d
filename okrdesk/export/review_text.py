"""A progress review as words: its lines for the command line and the PDF, and its JSON."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from okrdesk.engine.review_view import CheckInView, ReviewKeyResult, ReviewView
from okrdesk.engine.scoring import Grade, ObjectiveScore, Score, shown
from okrdesk.engine.snapshot import plain_number
from okrdesk.messages import translate
from okrdesk.models import Commitment, KeyResultKind

# How many of the latest check-ins the trend shows ("25% → 40% → 50%").
TREND_POINTS = 4
GRADE_TEXT = {
    Grade.MET: "summary.review_grade_met",
    Grade.SHORT: "summary.review_grade_short",
    Grade.LOW: "summary.review_grade_low",
    Grade.SUCCESS: "summary.review_grade_success",
    Grade.BEYOND: "summary.review_grade_beyond",
    Grade.FULL: "summary.review_grade_full",
}


def percent(share: Decimal | None) -> str:
    """A share as a whole percentage ("50%"), or a dash for none."""
    if share is None:
        return "—"
    return f"{(share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"


def trend(kr: ReviewKeyResult, points: int = TREND_POINTS) -> str:
    """The progress of the last check-ins, oldest first ("25% → 50%"); "" with fewer than 2."""
    shares = [c.progress for c in kr.history[-points:]]
    return " → ".join(percent(share) for share in shares) if len(shares) > 1 else ""


def reading(kr: ReviewKeyResult, check_in: CheckInView, language: str) -> str:
    """What a check-in said: a metric's value with its unit, or a milestone's done / percent."""
    if kr.kind == KeyResultKind.MILESTONE:
        if check_in.done:
            return translate("summary.review_done", language)
        return translate("summary.review_percent_done", language, percent=check_in.percent or 0)
    unit = f" {kr.unit}" if kr.unit else ""
    return f"{plain_number(check_in.value)}{unit}"


def measure(kr: ReviewKeyResult, language: str) -> str:
    """What the key result aims at: "21 → 7 days", "milestone", or that nothing is written."""
    if kr.kind == KeyResultKind.MILESTONE:
        return translate("summary.review_milestone", language)
    if kr.start is None or kr.target is None:
        return translate("summary.review_no_measure", language)
    unit = f" {kr.unit}" if kr.unit else ""
    return f"{plain_number(kr.start)} → {plain_number(kr.target)}{unit}"


def score_words(score: Score, language: str) -> str:
    """ "score 0.65 (adjusted from 0.40: late leads)", "score 0.50" or "no score yet"."""
    if score.value is None:
        return translate("summary.review_no_score", language)
    if score.adjusted is not None and score.computed is None:
        return translate(
            "summary.review_score_set",
            language,
            score=shown(score.adjusted),
            reason=score.reason or "",
        )
    if score.adjusted is not None:
        return translate(
            "summary.review_score_adjusted",
            language,
            score=shown(score.adjusted),
            computed=shown(score.computed) or "—",
            reason=score.reason or "",
        )
    return translate("summary.review_score", language, score=shown(score.value))


def objective_score_words(score: ObjectiveScore, language: str) -> str:
    if score.value is None:
        return translate("summary.review_no_score", language)
    return translate(
        "summary.review_objective_score",
        language,
        score=shown(score.value),
        scored=score.scored,
        total=score.scored + score.unscored,
    )


def commitment_words(commitment: Commitment, language: str) -> str:
    return translate(f"pdf.{commitment.value}", language)


@dataclass(frozen=True)
class KeyResultLine:
    """One key result of the review as words, for the PDF's table and the command line."""

    id: int
    title: str
    commitment: str
    measure: str
    progress: Decimal | None
    progress_text: str
    latest: str  # "14 days on 2027-02-01", or "no check-in yet"
    confidence: str  # "7/10" or "—"
    trend: str
    score: str
    grade: str  # the score read against the guidance, or ""
    comment: str


def key_result_line(kr: ReviewKeyResult, language: str) -> KeyResultLine:
    latest = kr.latest
    if latest is None:
        said = translate("summary.review_no_check_in", language)
    else:
        said = translate(
            "summary.review_latest",
            language,
            value=reading(kr, latest, language),
            date=latest.at.date().isoformat(),
        )
    confidence = "—" if latest is None or latest.confidence is None else f"{latest.confidence}/10"
    return KeyResultLine(
        id=kr.id,
        title=kr.title,
        commitment=commitment_words(kr.commitment, language),
        measure=measure(kr, language),
        progress=kr.progress,
        progress_text=percent(kr.progress),
        latest=said,
        confidence=confidence,
        trend=trend(kr),
        score=score_words(kr.score, language),
        grade="" if kr.grade is None else translate(GRADE_TEXT[kr.grade], language),
        comment="" if latest is None or latest.comment is None else latest.comment,
    )


def guidance_lines(view: ReviewView, language: str) -> list[str]:
    lines = [
        translate(view.guidance.committed_text, language),
        translate(view.guidance.aspirational_text, language),
    ]
    if view.not_ambitious:
        lines.append(translate(view.guidance.not_ambitious_text, language))
    return lines


def heading(view: ReviewView, language: str) -> str:
    return translate(
        "summary.review_heading",
        language,
        title=view.title,
        unit=view.unit,
        cycle=view.cycle,
        elapsed=percent(view.elapsed),
    )


def review_lines(view: ReviewView, language: str) -> list[str]:
    """The review as the command line prints it."""
    lines = [heading(view, language), *guidance_lines(view, language)]
    if not view.approved:
        lines.append(translate("summary.review_not_approved", language))
        return lines
    for objective in view.objectives:
        lines.append("")
        lines.append(
            translate(
                "summary.review_objective",
                language,
                id=objective.id,
                title=objective.title,
                score=objective_score_words(objective.score, language),
            )
        )
        for kr in objective.key_results:
            line = key_result_line(kr, language)
            lines.append(
                "  "
                + translate(
                    "summary.review_key_result",
                    language,
                    id=line.id,
                    title=line.title,
                    commitment=line.commitment,
                    measure=line.measure,
                )
            )
            parts = [
                translate("summary.review_progress", language, progress=line.progress_text),
                line.latest,
                translate("summary.review_confidence", language, confidence=line.confidence),
            ]
            if line.trend:
                parts.append(translate("summary.review_trend", language, trend=line.trend))
            score = line.score
            if line.grade:
                score = translate("summary.review_graded", language, score=score, grade=line.grade)
            lines.append("    " + " · ".join([*parts, score]))
            if line.comment:
                lines.append(f"    “{line.comment}”")
    return lines


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def check_in_json(check_in: CheckInView) -> dict[str, Any]:
    """A check-in as docs/json-format.md writes it."""
    return {
        "id": check_in.id,
        "at": check_in.at.isoformat(),
        "by": check_in.by,
        "value": _number(check_in.value),
        "done": check_in.done,
        "percent": check_in.percent,
        "confidence": check_in.confidence,
        "comment": check_in.comment,
    }


def score_json(score: Score) -> dict[str, Any]:
    return {
        "value": _number(score.value),
        "computed": _number(score.computed),
        "adjusted": _number(score.adjusted),
        "reason": score.reason,
        "adjusted_by": score.adjusted_by,
        "adjusted_at": None if score.adjusted_at is None else score.adjusted_at.isoformat(),
    }


def review_to_json(view: ReviewView) -> dict[str, Any]:
    """The review as `okrdesk review --json` prints it."""
    return {
        "workshop_id": view.workshop_id,
        "title": view.title,
        "unit": view.unit,
        "cycle": view.cycle,
        "elapsed": float(view.elapsed),
        "approved": view.approved,
        "imported": view.imported,
        "not_ambitious": view.not_ambitious,
        "objectives": [
            {
                "id": objective.id,
                "title": objective.title,
                "score": _number(objective.score.value),
                "scored": objective.score.scored,
                "unscored": objective.score.unscored,
                "key_results": [
                    {
                        "id": kr.id,
                        "title": kr.title,
                        "kind": kr.kind.value,
                        "commitment": kr.commitment.value,
                        "progress": _number(kr.progress),
                        "grade": None if kr.grade is None else kr.grade.value,
                        "score": score_json(kr.score),
                        "check_ins": [check_in_json(c) for c in kr.history],
                    }
                    for kr in objective.key_results
                ],
            }
            for objective in view.objectives
        ],
    }

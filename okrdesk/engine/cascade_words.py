"""The cascade board in words, one wording for the window, the projector and the PDF page.

Every text comes from the message catalogue in the language asked for, so the three places a
board is shown say the same thing ("3 days overdue", "两周期限还剩 5 天").
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from okrdesk.engine.cascade import CascadeBoard, CascadeState, CascadeUnit
from okrdesk.messages import translate as _translate


@lru_cache(maxsize=4096)
def _said(message_id: str, language: str, params: tuple[tuple[str, object], ...]) -> str:
    return _translate(message_id, language, **dict(params))


def translate(message_id: str, language: str, **params: object) -> str:
    """The message, kept: a board says the same few hundred phrases on every refresh."""
    return _said(message_id, language, tuple(sorted(params.items())))


class RowMark(StrEnum):
    """How a unit's row stands against the two weeks (what the board colours it by)."""

    NONE = "none"  # no count yet, or nothing to say
    DONE = "done"  # approved within the two weeks
    LATE = "late"  # approved after them
    RUNNING = "running"  # not approved, days still left
    OVERDUE = "overdue"  # not approved, past them


def day_text(day: date, language: str) -> str:
    """A date with its weekday: "Fri 2027-01-01" / "2027-01-01（周五）"."""
    return translate(f"summary.cascade_date_{day.weekday()}", language, date=day.isoformat())


def _days(count: int, one: str, many: str, language: str) -> str:
    return translate(one if count == 1 else many, language, days=count)


def deadline_line(board: CascadeBoard, language: str) -> str:
    """When the two weeks started and end (or that they have not started)."""
    if board.company_approved_on is None or board.deadline is None:
        return translate("summary.cascade_not_yet", language)
    line = translate(
        "summary.cascade_deadline",
        language,
        approved=day_text(board.company_approved_on, language),
        deadline=day_text(board.deadline, language),
    )
    if board.deadline_on_weekend:
        line += " " + translate("summary.cascade_weekend", language)
    return line


def countdown_line(board: CascadeBoard, language: str) -> str:
    """Days left of the two weeks, due today, or how long ago they ended ("" before they start)."""
    left = board.days_left
    if left is None:
        return ""
    if board.cycle_ended:
        return translate("summary.cascade_cycle_ended", language)
    if left > 0:
        return _days(left, "summary.cascade_one_day_left", "summary.cascade_days_left", language)
    if left == 0:
        return translate("summary.cascade_due_today", language)
    return _days(-left, "summary.cascade_ended_one", "summary.cascade_ended", language)


def totals_line(board: CascadeBoard, language: str) -> str:
    """Units approved, overdue, and people's OKRs confirmed, for the whole board."""
    line = translate(
        "summary.cascade_totals",
        language,
        approved=board.approved,
        units=len(board.units),
        overdue=len(board.overdue),
    )
    if board.people:
        line += " · " + translate(
            "summary.cascade_people_totals",
            language,
            confirmed=board.people_confirmed,
            people=board.people,
        )
    return line


def state_text(state: CascadeState, language: str) -> str:
    return translate(state.message_id, language)


def people_text(unit: CascadeUnit, language: str) -> str:
    """People's OKRs confirmed, "n of m" ("—" for a unit with no people beneath it)."""
    if not unit.people:
        return "—"
    return translate(
        "summary.cascade_people", language, confirmed=unit.people_confirmed, people=unit.people
    )


def row_mark(unit: CascadeUnit, board: CascadeBoard) -> RowMark:
    if unit.overdue:
        return RowMark.OVERDUE
    if unit.late:
        return RowMark.LATE
    if unit.state == CascadeState.APPROVED:
        return RowMark.DONE
    if board.days_left is not None:
        return RowMark.RUNNING
    return RowMark.NONE


def time_text(unit: CascadeUnit, board: CascadeBoard, language: str) -> str:
    """A unit's row against the two weeks: when it was approved (late or not), the days it has
    left, or how far past them it is."""
    mark = row_mark(unit, board)
    if mark in (RowMark.DONE, RowMark.LATE):
        if unit.approved_on is None:  # the company's own copy, imported without a date
            return translate("summary.cascade_approved", language)
        key = "summary.cascade_row_late" if mark == RowMark.LATE else "summary.cascade_row_approved"
        return translate(key, language, date=day_text(unit.approved_on, language))
    if mark == RowMark.NONE or board.days_left is None:
        return "—"
    if mark == RowMark.OVERDUE:
        return _days(
            -board.days_left,
            "summary.cascade_row_overdue_one",
            "summary.cascade_row_overdue",
            language,
        )
    if board.days_left == 0:
        return translate("summary.cascade_row_due_today", language)
    return _days(
        board.days_left, "summary.cascade_row_left_one", "summary.cascade_row_left", language
    )


def short_time_text(unit: CascadeUnit, board: CascadeBoard, language: str) -> str:
    """The same, short, for the projector: "on time", "approved late", "3 days left"..."""
    mark = row_mark(unit, board)
    if mark == RowMark.DONE:
        return translate("summary.cascade_row_on_time", language)
    if mark == RowMark.LATE:
        return translate("summary.cascade_row_late_short", language)
    return time_text(unit, board, language)


@dataclass(frozen=True)
class BoardRow:
    """One unit's row as the board shows it, in one language."""

    unit_id: int
    depth: int
    name: str
    state: CascadeState
    state_text: str
    people: str
    time: str
    mark: RowMark
    short_time: str = ""  # the projector's shorter words for ``time``
    workshop_id: int | None = None  # the workshop that speaks for the unit (None: none yet)
    draft: bool = False  # the organisation store's workshop for the unit is a draft
    # The store's unit was handed over and its new owner has not published it yet: the row
    # shows what the plan before it published.
    handed_over: bool = False


def board_rows(
    board: CascadeBoard,
    language: str,
    drafts: frozenset[int] = frozenset(),
    handed_over: Collection[int] = frozenset(),
) -> tuple[BoardRow, ...]:
    """Every unit's row, in the board's tree order; a unit in ``drafts`` (the organisation
    store's units whose workshop was published before sign-off) says so beside its state,
    and one in ``handed_over`` (handed to a plan that has not published it yet) too."""
    draft = translate("store.draft", language) if drafts else ""
    handed = translate("store.handed_mark", language) if handed_over else ""

    def state_words(unit: CascadeUnit) -> str:
        words = [state_text(unit.state, language)]
        if unit.unit_id in drafts:
            words.append(draft)
        if unit.unit_id in handed_over:
            words.append(handed)
        return " · ".join(words)

    return tuple(
        BoardRow(
            unit_id=unit.unit_id,
            depth=unit.depth,
            name=unit.name,
            state=unit.state,
            state_text=state_words(unit),
            people=people_text(unit, language),
            time=time_text(unit, board, language),
            mark=row_mark(unit, board),
            short_time=short_time_text(unit, board, language),
            workshop_id=unit.workshop_id,
            draft=unit.unit_id in drafts,
            handed_over=unit.unit_id in handed_over,
        )
        for unit in board.units
    )


def column_titles(language: str) -> tuple[str, str, str, str]:
    """The board's columns: unit, state, people's OKRs confirmed, the two weeks."""
    return (
        translate("summary.cascade_col_unit", language),
        translate("summary.cascade_col_state", language),
        translate("summary.cascade_col_people", language),
        translate("summary.cascade_col_time", language),
    )


def title_line(board: CascadeBoard, language: str) -> str:
    return translate("summary.cascade_title", language, cycle=board.cycle)

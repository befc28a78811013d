"""The cells of a check-in sheet: its headers in either language, and each cell's value as
the owners write it (a milestone's "是", "60%", a workbook's 0.6; a confidence of "7/10";
a date as 2027-02-15, 2027/2/15 or 2027年2月15日)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, tzinfo
from decimal import Decimal
from enum import StrEnum

from okrdesk.engine.importer import Cell, cell_text
from okrdesk.engine.validation import parse_decimal
from okrdesk.errors import ValidationError

# A date without a time is read as noon of that day, so no time zone moves it to another day.
NOON = time(12, 0)


class Field(StrEnum):
    """What a column of the sheet holds."""

    ID = "id"
    KEY_RESULT = "key_result"
    VALUE = "value"
    DONE = "done"
    PERCENT = "percent"
    CONFIDENCE = "confidence"
    COMMENT = "comment"
    WHO = "who"
    DATE = "date"


# Headers as written in either language, compared without case, spaces, punctuation or a
# bracketed note ("Confidence (0-10)", "信心（0-10）").
HEADERS: dict[Field, frozenset[str]] = {
    Field.ID: frozenset({"id", "krid", "keyresultid", "kr编号", "关键结果编号", "编号"}),
    Field.KEY_RESULT: frozenset(
        {"kr", "keyresult", "keyresults", "关键结果", "kr名称", "关键结果名称", "kr内容"}
    ),
    Field.VALUE: frozenset(
        {"value", "currentvalue", "current", "actual", "当前值", "数值", "实际值", "值", "完成值"}
    ),
    Field.DONE: frozenset({"done", "completed", "complete", "finished", "是否完成", "已完成"}),
    Field.PERCENT: frozenset(
        {"percent", "percentage", "%", "done%", "percentdone", "完成百分比", "百分比", "完成度"}
    ),
    Field.CONFIDENCE: frozenset({"confidence", "信心", "信心指数", "信心值", "信心度"}),
    Field.COMMENT: frozenset(
        {"comment", "comments", "note", "notes", "remark", "remarks", "备注", "说明", "评论"}
    ),
    Field.WHO: frozenset(
        {"who", "by", "name", "reportedby", "recordedby", "reporter", "填写人", "记录人", "汇报人"}
    ),
    Field.DATE: frozenset({"date", "when", "day", "日期", "时间", "记录日期", "填写日期"}),
}
PROGRESS_FIELDS = (Field.VALUE, Field.DONE, Field.PERCENT)
DONE_WORDS = frozenset({"yes", "y", "true", "done", "1", "x", "✓", "✔", "是", "完成", "已完成"})
NOT_DONE_WORDS = frozenset(
    {"no", "n", "false", "not yet", "notyet", "0", "否", "未完成", "没有", "未"}
)
_NOTE = re.compile(r"[(（\[【].*?[)）\]】]")
_PUNCTUATION = re.compile(r"[\s_\-:：*.·/]+")
_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)


def header_key(text: str) -> str:
    """A header as compared with HEADERS."""
    return _PUNCTUATION.sub("", _NOTE.sub("", text).casefold())


def same_title(text: str) -> str:
    """A key result's text as matched: case and spaces do not matter."""
    return " ".join(text.casefold().split())


def text_of(cell: Cell) -> str | None:
    return None if cell is None else cell_text(cell)


def done_word(text: str) -> bool | None:
    word = text.strip().casefold()
    if word in DONE_WORDS:
        return True
    if word in NOT_DONE_WORDS:
        return False
    return None


def done_of(cell: Cell) -> bool | None:
    if cell is None:
        return None
    if isinstance(cell, bool):
        return cell
    word = done_word(cell_text(cell))
    if word is None:
        raise ValidationError("checkin_import.bad_done", text=cell_text(cell).strip())
    return word


def percent_of(cell: Cell) -> int | None:
    """A milestone's percentage: 60, "60%", or a workbook's 0.6 in a percent-formatted cell."""
    if cell is None:
        return None
    if isinstance(cell, float) and 0 < cell < 1:
        cell = cell * 100  # a workbook stores 60% as 0.6
    text = cell_text(cell).strip().removesuffix("%").removesuffix("％").strip()
    number = parse_decimal(text, "percent")
    if number is None:
        return None
    number = number.quantize(Decimal("0.000001"))
    if number != number.to_integral_value():
        raise ValidationError("validation.not_a_whole_number", field="percent")
    if not 0 <= number <= 100:
        raise ValidationError("validation.out_of_range", field="percent", low=0, high=100)
    return int(number)


def confidence_of(cell: Cell) -> int | None:
    """The room's 0-10: 7, 7.0 or "7/10"."""
    if cell is None:
        return None
    text = cell_text(cell).strip().removesuffix("/10").strip()
    number = parse_decimal(text, "confidence")
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ValidationError("validation.not_a_whole_number", field="confidence")
    if not 0 <= number <= 10:
        raise ValidationError("validation.out_of_range", field="confidence", low=0, high=10)
    return int(number)


def when_of(cell: Cell, zone: tzinfo) -> datetime:
    """A cell's date (and time) as an aware time; a date alone is noon of that day."""
    if isinstance(cell, datetime):
        return cell if cell.tzinfo is not None else cell.replace(tzinfo=zone)
    if isinstance(cell, date):
        return datetime.combine(cell, NOON, tzinfo=zone)
    text = cell_text(cell).strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        match = _DATE.fullmatch(text)
        if match is None:
            raise ValidationError("checkin_import.bad_date", text=text) from None
        year, month, day, hour, minute, second = (int(g) if g else None for g in match.groups())
        try:
            day_of = date(year or 0, month or 0, day or 0)
        except ValueError:
            raise ValidationError("checkin_import.bad_date", text=text) from None
        at = NOON if hour is None else time(hour % 24, minute or 0, second or 0)
        return datetime.combine(day_of, at, tzinfo=zone)
    if len(text) <= 10:  # a date alone
        parsed = datetime.combine(parsed.date(), NOON)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=zone)

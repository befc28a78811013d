"""A cycle's dates read from its name: "2027-Q3", "2027年第三季度", "Q3 2027", "2027H1"...

The names a facilitator types for a quarter, a half or a year, in English or Chinese; the
dates they give are a suggestion (the new-cycle form fills them in, still editable).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

__all__ = ["cycle_dates"]

_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_YEAR = r"(?P<year>\d{4})\s*(?:年度|年)?"
_QUARTER = r"(?:q(?P<q>[1-4])|第?\s*(?P<qz>[1-4一二三四])\s*季度?)"
_HALF = r"(?:h(?P<h>[12])|(?P<hz>上|下)半年|第?\s*(?P<hn>[12一二两])\s*半年)"
_SEP = r"\s*[-_/ .·]?\s*"
_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        rf"^{_YEAR}{_SEP}{_QUARTER}$",
        rf"^{_QUARTER}{_SEP}{_YEAR}$",
        rf"^{_YEAR}{_SEP}{_HALF}$",
        rf"^{_HALF}{_SEP}{_YEAR}$",
        rf"^{_YEAR}(?:{_SEP}(?:全年|year))?$",
    )
)
# Words around the period that do not change it: "2027年第三季度 OKR", "Cycle 2027-Q3".
_NOISE = re.compile(r"\b(?:okrs?|cycle)\b|周期|目标", re.IGNORECASE)


def cycle_dates(name: str) -> tuple[date, date] | None:
    """The first and last day of the period the name says, or None if it names none."""
    text = unicodedata.normalize("NFKC", name).lower()
    text = _NOISE.sub(" ", text).strip(" -_·")
    for pattern in _PATTERNS:
        found = pattern.match(text)
        if found is None:
            continue
        parts = found.groupdict()
        year = int(parts["year"])
        if not 1900 <= year <= 2999:
            return None
        quarter = _number(parts.get("q") or parts.get("qz"))
        if quarter is not None:
            return _months(year, 3 * quarter - 2, 3)
        half = _number(parts.get("h") or parts.get("hn"))
        if parts.get("hz"):
            half = 1 if parts["hz"] == "上" else 2
        if half is not None:
            return _months(year, 6 * half - 5, 6)
        return date(year, 1, 1), date(year, 12, 31)
    return None


def _number(text: str | None) -> int | None:
    if not text:
        return None
    return _CHINESE_DIGITS.get(text) or int(text)


def _months(year: int, first_month: int, months: int) -> tuple[date, date]:
    """From the first day of first_month to the last day of the months-th month."""
    after = first_month + months
    next_start = date(year + 1, 1, 1) if after > 12 else date(year, after, 1)
    return date(year, first_month, 1), next_start - timedelta(days=1)

"""Checks on what people type: text must say something and fit; numbers must be in range."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from okrdesk.errors import ValidationError

# A card on the wall is a candidate objective and becomes one when grouped: it holds what an
# objective holds, a line the room reads from across it. One limit for every way a card's text
# arrives: typed, edited (F2), imported from a survey, given on the command line.
CARD_LENGTH = 200
# Ideas saved before the limit was one (an F2 edit then allowed 500) are kept whole: read back,
# shown and exported as they are; only a new or changed text obeys CARD_LENGTH.
STORED_IDEA_LENGTH = 500

# Longest text each field accepts, in characters (a Chinese character counts as one).
LIMITS = {
    "idea": CARD_LENGTH,
    "objective": CARD_LENGTH,
    "answer": CARD_LENGTH,  # a retrospective's answer: a card too
    "initiative": CARD_LENGTH,  # a first step under a key result, a line on a slide
    "rationale": 500,  # why an objective was chosen: a paragraph the all-hands reads
    "key_result": 300,
    "name": 100,
    "department": 100,  # as a survey gave it, beside a participant's name
    "signer": 100,
    "title": 200,
    "organisation": 200,
    "cycle": 100,
    "unit": 40,
    "comment": 2000,
    "reason": 2000,
    "source": 300,  # where a parent's OKRs were imported from (a file name or path)
}
_ALLOWED_CONTROLS = {"\n", "\t"}


def clean_text(value: object, field: str) -> str:
    """The text with surrounding whitespace removed; refuse empty, too long or unstorable text.

    Everything inside the text (Chinese, emoji, right-to-left scripts) is kept exactly.
    """
    if not isinstance(value, str):
        raise ValidationError("validation.not_text", field=field)
    text = value.strip()
    if not text:
        raise ValidationError("validation.empty", field=field)
    limit = LIMITS[field]
    if len(text) > limit:
        raise ValidationError("validation.too_long", field=field, limit=limit, length=len(text))
    for char in text:
        if char not in _ALLOWED_CONTROLS and unicodedata.category(char) in ("Cc", "Cs"):
            raise ValidationError("validation.control_character", field=field)
    return text


def optional_text(value: object, field: str) -> str | None:
    """Like clean_text, but None or blank means "not given"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return clean_text(value, field)


def check_range(value: object, field: str, low: int, high: int) -> int:
    """An integer within [low, high], or a clear refusal."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError("validation.not_a_whole_number", field=field)
    if not low <= value <= high:
        raise ValidationError("validation.out_of_range", field=field, low=low, high=high)
    return value


MAX_DECIMAL_PLACES = 6


def parse_decimal(value: object, field: str) -> Decimal | None:
    """A decimal number from a number or text such as '150', '7.5' or '1,200'; None if blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError("validation.not_a_number", field=field)
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip().replace(",", "").replace("，", ""))
        except InvalidOperation as error:
            raise ValidationError("validation.not_a_number", field=field) from error
    else:
        raise ValidationError("validation.not_a_number", field=field)
    if not number.is_finite() or abs(number) >= Decimal("1e15"):
        raise ValidationError("validation.not_a_number", field=field)
    # 1e-999999 is short to type and a million zeros on the handout.
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_DECIMAL_PLACES:
        raise ValidationError("validation.too_precise", field=field, places=MAX_DECIMAL_PLACES)
    return number

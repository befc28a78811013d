"""Text and number validation: refusals are clear, and any Unicode survives exactly."""

from decimal import Decimal

import pytest

from okrdesk.engine.validation import LIMITS, check_range, clean_text, optional_text, parse_decimal
from okrdesk.errors import ValidationError


@pytest.mark.parametrize("text", ["", "   ", "\n\t ", "\u3000"])
def test_empty_or_whitespace_text_is_refused(text):
    with pytest.raises(ValidationError) as refused:
        clean_text(text, "idea")
    assert refused.value.message_id == "validation.empty"
    assert refused.value.message("en") == "The idea cannot be empty."
    assert refused.value.message("zh_CN") == "想法不能为空。"


@pytest.mark.parametrize(
    "text",
    [
        "获得更多市场线索",
        "Grow MRR 📈 by 20% 🚀",
        "زيادة المبيعات بنسبة 20٪",
        "עברית וגם English",
        "e\u0301 combining, ﬁ ligature, 𠀋 astral CJK",
        "two\nlines\tand a tab",
    ],
)
def test_any_unicode_is_kept_exactly(text):
    assert clean_text(text, "idea") == text


def test_surrounding_whitespace_is_trimmed_but_inner_text_kept():
    assert clean_text("  提高  转化率 \n", "idea") == "提高  转化率"


def test_too_long_text_says_how_long_and_the_limit():
    limit = LIMITS["objective"]
    with pytest.raises(ValidationError) as refused:
        clean_text("目" * (limit + 1), "objective")
    assert refused.value.params == {"field": "objective", "limit": limit, "length": limit + 1}
    assert "201" in refused.value.message("en") and "200" in refused.value.message("en")
    assert "目标太长" in refused.value.message("zh_CN")


def test_text_at_the_limit_is_accepted():
    assert len(clean_text("字" * LIMITS["idea"], "idea")) == LIMITS["idea"]


@pytest.mark.parametrize("text", ["nul\x00byte", "bell\x07", "lone \ud800 surrogate"])
def test_unstorable_characters_are_refused(text):
    with pytest.raises(ValidationError) as refused:
        clean_text(text, "idea")
    assert refused.value.message_id == "validation.control_character"


def test_non_text_is_refused():
    with pytest.raises(ValidationError):
        clean_text(42, "idea")


def test_optional_text_treats_blank_as_not_given():
    assert optional_text("  ", "name") is None
    assert optional_text(None, "name") is None
    assert optional_text(" 王丽 ", "name") == "王丽"


@pytest.mark.parametrize("value", [0, 21, -3, True, 2.5, "5"])
def test_range_refuses_out_of_range_and_non_integers(value):
    with pytest.raises(ValidationError):
        check_range(value, "dot_budget", 1, 20)


@pytest.mark.parametrize("value", [1, 5, 20])
def test_range_accepts_the_bounds(value):
    assert check_range(value, "dot_budget", 1, 20) == value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("150", Decimal("150")),
        ("1,200", Decimal("1200")),
        ("2.1", Decimal("2.1")),
        (0.1, Decimal("0.1")),
        (7, Decimal(7)),
        ("", None),
        (None, None),
    ],
)
def test_decimals_parse_exactly(value, expected):
    assert parse_decimal(value, "target") == expected


@pytest.mark.parametrize("value", ["1e-999999", "0.0000001", Decimal("1E-7")])
def test_more_decimal_places_than_a_handout_can_print_are_refused(value):
    with pytest.raises(ValidationError) as refused:
        parse_decimal(value, "target")
    assert (
        refused.value.message("en")
        == "The target value has more than 6 decimal places; round it, such as 7.5 or 0.25."
    )
    assert parse_decimal("0.000001", "target") == Decimal("0.000001")
    assert parse_decimal("1.50000000000", "target") == Decimal("1.5")


@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity", "1e20", True, [1]])
def test_bad_numbers_are_refused(value):
    with pytest.raises(ValidationError) as refused:
        parse_decimal(value, "target")
    assert refused.value.message("zh_CN") == "目标值必须是数字，例如 150 或 7.5。"

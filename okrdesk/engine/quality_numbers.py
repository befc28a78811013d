"""Whether an OKR's text names a target number, in Chinese or English.

Two quality rules ask it: a key result with no target is measurable when its text names a
number ("获取150条线索", "发表两次演说": Chinese numerals are numbers too), and an objective
should hold none ("Grow revenue 20%"). A period is no target: Q1, H2, 第一季度, 上半年, 2027年,
1月底, "by March 31" name when, not how much, and are set aside before numbers are looked for.
"""

from __future__ import annotations

import re

_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
_COUNTING = _NUMERALS.replace("一", "")  # numerals that count on their own
_MONTHS_EN = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?"
)

# What names a period: set aside (replaced by a space) before numbers are looked for.
PERIODS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?",  # 2027-03-31, 2027/3
        r"(?:19|20)\d{2}\s*(?:年度?|财年|财政年度)",  # 2027年, 2027 年度
        r"\b(?:fy|cy)\s*'?(?:19|20)?\d{2}\b",  # FY2027, FY27
        r"(?<![a-z0-9])[qh][1-4](?![0-9])(?:\s*(?:季度|'?(?:19|20)\d{2}))?",  # Q1, H2, Q3 2027
        r"第?[一二三四1-4]\s*季度",  # 第一季度, 三季度, 4季度
        r"[上下]半年",
        r"(?:\d{1,2}|十[一二]|[一二三四五六七八九十])\s*月(?:份|初|上旬|中旬|下旬|中|底|末)?",
        r"\d{1,2}\s*[日号]",  # 15日, 8号
        rf"\b{_MONTHS_EN}\s+\d{{1,2}}(?:st|nd|rd|th)?\b",  # March 31, Mar 31st
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS_EN}",  # 31 March, 1st of June
        r"\b(?:in|by|for|of|before|until|during|end of)\s+(?:19|20)\d{2}\b",  # by 2027
    )
)

# Measure words a Chinese count is followed by ("两次", "三个", "五篇", "十家").
# (Not 成 after 一: "一成不变" is "unchanging"; not 次 before 性: "一次性" is "one-off".)
_MEASURES = "个场篇期位名条家本倍人项份天周轮批遍例笔户台套款件元块座所支门章页张级"
CHINESE_NUMBER = re.compile(
    "|".join(
        (
            # 两次, 三个月, 十一家; a lone 一 before a measure word is an article ("建立一个社群").
            rf"(?:[{_NUMERALS}]{{2,}}|[{_COUNTING}])(?:[{_MEASURES}]|次(?!性)|小时|分钟)",
            r"[二两三四五六七八九]成",  # 三成: 30%
            rf"百分之[{_NUMERALS}]+|百分百",  # 百分之二十, 百分百
            r"翻[一两三]?番|翻倍|减半|一半|半数|过半|加倍",  # doubling, halving
        )
    )
)
_DIGIT = re.compile(r"\d")


def without_periods(text: str) -> str:
    """The text with every period it names (Q1, 2027年, 1月底, by March 31) set aside."""
    for pattern in PERIODS:
        text = pattern.sub(" ", text)
    return text


def names_a_period(text: str) -> bool:
    """Whether the text names a period (a quarter, a year, a month, a date)."""
    return any(pattern.search(text) for pattern in PERIODS)


def names_a_number(text: str) -> bool:
    """Whether the text names an amount: digits, a percent sign or a Chinese count, outside
    the periods it names ("发表两次演说" does; "与Q1的新功能保持一致" does not)."""
    rest = without_periods(text)
    return bool(_DIGIT.search(rest) or "%" in rest or "％" in rest or CHINESE_NUMBER.search(rest))

"""Quality checks that understand Chinese: numerals are numbers, periods are no targets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from okrdesk.engine.quality import check_key_result, check_workshop
from okrdesk.engine.quality_numbers import names_a_number, names_a_period, without_periods
from okrdesk.engine.snapshot import KeyResultView, ObjectiveView, WorkshopView
from okrdesk.models import UnitLevel


def kr(title: str, target: Decimal | None = None, deadline: date | None = date(2027, 3, 31)):
    return KeyResultView(1, title, "metric", None, target, None, deadline, "王丽", "committed")


def objective(title: str) -> ObjectiveView:
    krs = (kr("获取150条合格线索"), kr("发布3期月刊"))
    return ObjectiveView(1, title, True, None, None, krs)


def workshop(*titles: str) -> WorkshopView:
    objectives = tuple(objective(title) for title in titles)
    return WorkshopView(
        1, "设计团队", 1, 1, "select", False, None, 5, 3, 3, (), (), objectives, None, None, ()
    )


def rules(findings) -> list[str]:
    return [finding.rule for finding in findings]


def test_two_speeches_is_a_count_so_the_key_result_is_measurable():
    """The seed's PR manager: 两次 is a number; the KR names its target in words."""
    findings = check_key_result(kr("确保行业年度会议上发表两次演说"), "市场部", "提高品牌知名度")
    assert "kr-measurable" not in rules(findings)


def test_q1_names_a_period_so_the_objective_holds_no_number():
    """The seed's design lead: Q1 says when, not how much."""
    findings = check_workshop(
        workshop(
            "确保公司的设计风格与语言与Q1的新功能保持一致",
            "为新产品上线设计主要的视觉与交互",
            "赢得用户口碑",
        ),
        UnitLevel.COMPANY,
    )
    assert "objective-is-number" not in rules(findings)


@pytest.mark.parametrize(
    "title",
    [
        "确保行业年度会议上发表两次演说",
        "签约三家代理商",
        "招聘五名工程师",
        "开展十场线上培训",
        "覆盖百家门店",
        "培训千名用户",
        "新增两万名注册用户",
        "客诉数量减半",
        "半数客户续约",
        "获客成本降低三成",
        "付费转化率达到百分之十五",
        "收入翻一番",
        "十一家客户完成上线",
    ],
)
def test_chinese_numerals_are_numbers(title):
    assert names_a_number(title)
    assert "kr-measurable" not in rules(check_key_result(kr(title), "W", "O"))


@pytest.mark.parametrize(
    "title",
    [
        "找合作伙伴和代理商创建一个社群",  # 一个: an article ("a community"), not a count
        "统一产品的设计语言",
        "一成不变地执行流程",  # "unchanging", not "10%"
        "一次性解决历史遗留问题",  # "once and for all"
        "千万不要降低服务质量",  # "by all means", not ten million
        "十分重视客户体验",  # "very much"
        "改进营销自动化流程",
    ],
)
def test_words_made_of_numerals_are_no_numbers(title):
    assert not names_a_number(title)


@pytest.mark.parametrize(
    "title",
    [
        "确保公司的设计风格与语言与Q1的新功能保持一致",
        "在第一季度完成品牌升级",
        "2027年实现全面盈利",
        "截止1月底修改公司风格指南",
        "上半年完成组织调整",
        "三月中旬推出新版官网",
        "Q3 2027 launch of the partner portal",
        "Ship the partner portal by March 31",
        "Become profitable in FY2027",
        "H2: one design language",
    ],
)
def test_periods_are_no_target_numbers(title):
    assert names_a_period(title)
    assert not names_a_number(title)
    findings = check_workshop(workshop(title, "赢得用户口碑", "打造高效团队"), UnitLevel.COMPANY)
    assert "objective-is-number" not in rules(findings)


@pytest.mark.parametrize(
    "title",
    [
        "在Q3季度发布50篇微博文章",
        "2027年营收增长20%",
        "截止1月底参与用户访谈5次",
        "Q2 revenue up 10%",
    ],
)
def test_a_target_beside_a_period_is_still_a_number(title):
    assert names_a_number(title)


@pytest.mark.parametrize(
    ("title", "flagged"),
    [
        ("营收增长两倍", True),  # a Chinese numeral in an objective is a target too
        ("Grow revenue 20%", True),
        ("2027年成为行业第一", False),
        ("确保公司的设计风格与语言与Q1的新功能保持一致", False),
    ],
)
def test_an_objective_is_flagged_for_a_number_not_for_a_period(title, flagged):
    findings = check_workshop(workshop(title, "赢得用户口碑", "打造高效团队"), UnitLevel.COMPANY)
    assert ("objective-is-number" in rules(findings)) is flagged


def test_a_key_result_in_q1_with_no_target_is_not_measurable():
    """Before, the 1 of "1月" or "Q1" passed for a target."""
    for title in ("截止1月中旬推出互动模式库", "Launch the pattern library in Q1"):
        assert "kr-measurable" in rules(check_key_result(kr(title), "W", "O"))


@pytest.mark.parametrize(
    ("title", "flagged"),
    [
        ("网站访客每月增长7%", True),  # 每月 is a rate, not a deadline
        ("保证每期月刊点击率不低于3%", True),  # 月刊 is a monthly magazine
        ("截止1月底修改公司风格指南", False),
        ("在Q1季度末前与媒体沟通30次", False),
        ("本季度发布 3 期月刊", False),
        ("在新产品发布之前优先介绍给老用户", False),
    ],
)
def test_a_deadline_is_a_period_not_any_month_word(title, flagged):
    findings = check_key_result(kr(title, deadline=None), "W", "O")
    assert ("kr-deadline" in rules(findings)) is flagged


def test_an_opening_period_does_not_hide_an_activity():
    findings = check_key_result(kr("截止1月底参与用户调研团队的用户访谈5次"), "W", "O")
    assert [f.params["word"] for f in findings if f.rule == "kr-activity"] == ["参与"]


def test_periods_are_set_aside_not_joined():
    assert without_periods("Q1的新功能") == " 的新功能"
    assert without_periods("2027年12月31日前").strip() == "前"

"""The seed's own example OKRs as a corpus: every finding the checks make, reviewed one by one.

The seed (step 1 of the method okrdesk follows) shows the OKRs of seven marketing roles and of a
design team: 13 objectives and 41 key results. They are checked here as a department would enter
them: each key result a metric with no target, deadline or owner typed in the form's fields
(only its text says them), each objective aligned. The owner is filled in (the seed names none,
which would only add one "owner-missing" per key result) so the findings below are about words.

Each expected finding carries the review's verdict: RIGHT (the text really lacks what the rule
asks for) or WRONG (the rule misreads the text), and why. A change to the checks that alters
any finding fails here, to be reviewed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from okrdesk.engine.quality import check_objective
from okrdesk.models import KeyResultKind, UnitLevel

SEED: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "获客部门",
        "获得更多的市场线索",
        (
            "通过邮件营销获取150条合格线索",
            "通过搜索广告获取100条合格线索",
            "通过自然流量搜索获取50条合格线索",
        ),
    ),
    (
        "获客部门",
        "优化获客方式",
        (
            "改进营销自动化流程",
            "走Q3季度将获客成本降低20%",
            "通过象限图来分析ROI(投资回报率)",
        ),
    ),
    (
        "线上营销",
        "优化网站和提高转化率",
        (
            "网站访客每月增长7%",
            "在Q2季度将线上转化率提高10%",
        ),
    ),
    (
        "线上营销",
        "优化付费搜索广告",
        (
            "从付费搜索广告中获取120条合格线索",
            "每条线索平均每条获取成本低于20元",
            "确保2%的点击率",
        ),
    ),
    (
        "线上营销",
        "带来更多SEO流量",
        (
            "与10个相关网站建立友情链接",
            "网站页面停留时间增加40%",
            "提高网站20%的加载速度",
        ),
    ),
    (
        "内容营销",
        "成功发布新版月刊",
        (
            "本季度发布3期月刊",
            "每月完成并发布1期月刊",
            "保证每期月刊点击率不低于3%",
        ),
    ),
    (
        "内容营销",
        "优化微博营销策略",
        (
            "在Q3季度发布50篇微博文章",
            "对5位行业专家进行专访",
            "微博订阅数达到5000",
        ),
    ),
    (
        "公关经理和数据分析",
        "提高品牌知名度",
        (
            "在Q1季度末前与媒体沟通30次",
            "和具有行业影响力的打V沟通15次电话",
            "确保行业年度会议上发表两次演说",
        ),
    ),
    (
        "社群经理",
        "建立新的客户社群",
        (
            "基于成功案例制定对客户社群的运营策略",
            "本季度发布60篇文章,并获得6000以上浏览量",
            "让30%的客户加入社群",
        ),
    ),
    (
        "产品营销",
        "成功发布新产品",
        (
            "在网站上完成所有产品的更新",
            "和公关部门合作发布产品技术说明书",
            "在新产品发布之前优先介绍给老用户和合作伙伴",
            "发布产品的特性介绍,关键数据和销售帮助文档",
        ),
    ),
    (
        "BD经理",
        "找合作伙伴和代理商创建一个社群",
        (
            "在Q1季度发布5本合作伙伴白皮书",
            "开展7场线上会议,为合作伙伴提供产品培训",
            "为合作伙伴举办一场“5城学习交流会”",
        ),
    ),
    (
        "设计主管",
        "确保公司的设计风格与语言与Q1的新功能保持一致",
        (
            "截止1月中旬推出互动模式库",
            "100%确保第一季度的“企业级”功能符合公司指导原则",
            "与所有7位设计经理会面,在2月初讨论最新的设计原则",
            "截止1月底修改公司风格指南,以匹配新的公司品牌!",
        ),
    ),
    (
        "产品设计",
        "为新产品上线设计主要的视觉与交互",
        (
            "截止1月底参与用户调研团队的用户访谈5次",
            "截止2月底与研发主管和QA主管开碰头会3次",
            "截止Q1结束完成5个设计原型并提交给主管",
            "截止2月结束完成为产品和研发团队提供视觉设计稿",
        ),
    ),
)

RIGHT, WRONG = "right", "wrong"
NO_DATE = "names no date or period; the KR's deadline field is empty too"
# (rule, key result or objective, verdict, why)
REVIEWED: tuple[tuple[str, str, str, str], ...] = (
    ("kr-deadline", "通过邮件营销获取150条合格线索", RIGHT, NO_DATE),
    ("kr-deadline", "通过搜索广告获取100条合格线索", RIGHT, NO_DATE),
    ("kr-deadline", "通过自然流量搜索获取50条合格线索", RIGHT, NO_DATE),
    ("kr-measurable", "改进营销自动化流程", RIGHT, "'improve the process': no measure of done"),
    ("kr-deadline", "改进营销自动化流程", RIGHT, NO_DATE),
    ("kr-measurable", "通过象限图来分析ROI(投资回报率)", RIGHT, "an analysis, no target"),
    ("kr-deadline", "通过象限图来分析ROI(投资回报率)", RIGHT, NO_DATE),
    ("kr-deadline", "网站访客每月增长7%", RIGHT, "每月 is a growth rate, not an end date"),
    ("kr-deadline", "从付费搜索广告中获取120条合格线索", RIGHT, NO_DATE),
    ("kr-deadline", "每条线索平均每条获取成本低于20元", RIGHT, NO_DATE),
    ("kr-deadline", "确保2%的点击率", RIGHT, NO_DATE),
    ("kr-deadline", "与10个相关网站建立友情链接", RIGHT, NO_DATE),
    ("kr-deadline", "网站页面停留时间增加40%", RIGHT, NO_DATE),
    ("kr-deadline", "提高网站20%的加载速度", RIGHT, NO_DATE),
    ("kr-deadline", "每月完成并发布1期月刊", RIGHT, "每月 is a cadence; 月刊 is the magazine"),
    ("kr-deadline", "保证每期月刊点击率不低于3%", RIGHT, "月刊 (the monthly) is no date"),
    ("kr-deadline", "对5位行业专家进行专访", RIGHT, NO_DATE),
    ("kr-deadline", "微博订阅数达到5000", RIGHT, NO_DATE),
    ("kr-deadline", "和具有行业影响力的打V沟通15次电话", RIGHT, NO_DATE),
    (
        "kr-deadline",
        "确保行业年度会议上发表两次演说",
        RIGHT,
        "年度会议 is an event; it has no date",
    ),
    (
        "kr-measurable",
        "基于成功案例制定对客户社群的运营策略",
        RIGHT,
        "a deliverable with no number: right for a metric KR (entered as a milestone, not flagged)",
    ),
    ("kr-deadline", "基于成功案例制定对客户社群的运营策略", RIGHT, NO_DATE),
    ("kr-deadline", "让30%的客户加入社群", RIGHT, NO_DATE),
    (
        "kr-measurable",
        "在网站上完成所有产品的更新",
        WRONG,
        "'all products' (所有) is a completeness target, 100%; the rule reads no number in it",
    ),
    ("kr-deadline", "在网站上完成所有产品的更新", RIGHT, NO_DATE),
    (
        "kr-measurable",
        "和公关部门合作发布产品技术说明书",
        RIGHT,
        "a deliverable with no number: a milestone, entered as a metric",
    ),
    ("kr-deadline", "和公关部门合作发布产品技术说明书", RIGHT, NO_DATE),
    (
        "kr-measurable",
        "在新产品发布之前优先介绍给老用户和合作伙伴",
        RIGHT,
        "how many users and partners is not said",
    ),
    (
        "kr-measurable",
        "发布产品的特性介绍,关键数据和销售帮助文档",
        RIGHT,
        "a deliverable with no number: a milestone, entered as a metric",
    ),
    ("kr-deadline", "发布产品的特性介绍,关键数据和销售帮助文档", RIGHT, NO_DATE),
    ("kr-deadline", "开展7场线上会议,为合作伙伴提供产品培训", RIGHT, NO_DATE),
    ("kr-deadline", "为合作伙伴举办一场“5城学习交流会”", RIGHT, NO_DATE),
    (
        "kr-measurable",
        "截止1月中旬推出互动模式库",
        RIGHT,
        "the 1 of 1月 is a date, not a target (it passed for one before)",
    ),
    (
        "kr-measurable",
        "截止1月底修改公司风格指南,以匹配新的公司品牌!",
        RIGHT,
        "the 1 of 1月底 is a date, not a target",
    ),
    (
        "kr-activity",
        "截止1月底参与用户调研团队的用户访谈5次",
        RIGHT,
        "after its date it starts with 参与 (take part): an activity, though it counts them",
    ),
    (
        "kr-measurable",
        "截止2月结束完成为产品和研发团队提供视觉设计稿",
        RIGHT,
        "the 2 of 2月 is a date; the deliverable has no number",
    ),
)

# What the checks do not say, reviewed too: findings a reader might expect and why none is made.
NOT_FLAGGED = {
    "确保行业年度会议上发表两次演说": "two speeches: 两次 is a count (kr-measurable not made)",
    "确保公司的设计风格与语言与Q1的新功能保持一致": "Q1 is a period (objective-is-number not made)",
    "找合作伙伴和代理商创建一个社群": "一个 is an article, 'a community' "
    "(objective-is-number not made)",
    "通过象限图来分析ROI(投资回报率)": "MISSED: 分析 (analyse) is an activity, but the KR opens "
    "with 通过 (by means of); only an opening activity word is looked for",
}


@dataclass(frozen=True)
class SeedKeyResult:
    title: str
    kind: str = KeyResultKind.METRIC
    target: Decimal | None = None
    deadline: date | None = None
    owner: str | None = "负责人"


@dataclass(frozen=True)
class SeedObjective:
    title: str
    key_results: tuple[SeedKeyResult, ...]


def findings() -> list[tuple[str, str]]:
    found = []
    for role, title, key_results in SEED:
        objective = SeedObjective(title, tuple(SeedKeyResult(kr) for kr in key_results))
        for finding in check_objective(objective, role, UnitLevel.DEPARTMENT, aligned=True):
            found.append((finding.rule, finding.key_result or finding.objective or ""))
    return found


def test_the_corpus_is_the_seeds_13_objectives_and_41_key_results():
    assert len(SEED) == 13
    assert sum(len(key_results) for _, _, key_results in SEED) == 41


def test_every_finding_on_the_seed_is_the_reviewed_one():
    assert findings() == [(rule, text) for rule, text, _, _ in REVIEWED]


def test_the_review_names_its_wrong_findings():
    wrong = [text for _, text, verdict, _ in REVIEWED if verdict == WRONG]
    assert wrong == ["在网站上完成所有产品的更新"]
    assert len(REVIEWED) - len(wrong) == 35


def test_what_the_checks_leave_unsaid_on_the_seed():
    flagged = {text for _, text in findings()}
    assert "确保行业年度会议上发表两次演说" in flagged  # for its missing date only
    assert ("kr-measurable", "确保行业年度会议上发表两次演说") not in findings()
    assert (
        not {"确保公司的设计风格与语言与Q1的新功能保持一致", "找合作伙伴和代理商创建一个社群"}
        & flagged
    )
    assert ("kr-activity", "通过象限图来分析ROI(投资回报率)") not in findings()  # the known miss
    assert all(rule != "objective-is-number" for rule, _ in findings())
    assert set(NOT_FLAGGED) <= {text for _, title, krs in SEED for text in (title, *krs)}


def test_a_milestone_key_result_is_never_asked_for_a_number():
    milestone = SeedKeyResult("基于成功案例制定对客户社群的运营策略", kind=KeyResultKind.MILESTONE)
    objective = SeedObjective("建立新的客户社群", (milestone, SeedKeyResult("让30%的客户加入社群")))
    rules = [
        f.rule for f in check_objective(objective, "社群经理", UnitLevel.DEPARTMENT, aligned=True)
    ]
    assert "kr-measurable" not in rules

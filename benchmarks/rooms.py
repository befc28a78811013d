"""Room views with the longest demo texts, every phase, both languages (built without a plan):
what the projector's tests paint and, at hundreds of candidates or dozens of cards, its paint
benchmark (benchmarks/projector.py). Past the demo texts a list goes on with the same texts
numbered ("… (2)"), so no two candidates or cards read the same."""

from __future__ import annotations

from dataclasses import replace

from okrdesk.engine.room_view import (
    RoomBallots,
    RoomCard,
    RoomDecision,
    RoomObjective,
    RoomResult,
    RoomShows,
    RoomStanding,
    RoomTimer,
    RoomView,
    SeatStatus,
    SignoffStatus,
    TieState,
)
from okrdesk.models import Phase

LONG_EN = (
    "Win the mid-market with a product customers recommend to their peers, measured by net "
    "promoter score and renewal rate in every region we serve, without discounting our way there"
)
LONG_ZH = (
    "以客户愿意推荐给同行的产品赢得中型企业市场，在我们服务的每一个区域把净推荐值和续约率提高到行业"
    "领先水平，并且不依靠降价折扣来实现这一目标，同时让每一位客户成功经理都清楚自己负责的客户名单和"
    "续约节奏，每季度向管理层汇报一次进展"
)
TITLES = {
    "en": [
        LONG_EN,
        "Cut churn in half for customers in their first year",
        "Ship weekly without weekend firefighting",
        "Make onboarding self-serve for teams of up to fifty people across three time zones",
        "Open two new regions",
        "Hire and keep the engineers the roadmap needs",
    ],
    "zh": [
        LONG_ZH,
        "把首年客户的流失率降低一半",
        "每周发布且不再周末救火",
        "让五十人以内、跨三个时区的团队可以自助完成上手",
        "开拓两个新区域",
        "招到并留住路线图所需的工程师",
    ],
}
KRS = {
    "en": [
        "Net promoter score from 31 to 45 in the mid-market segment by the end of the cycle",
        "Renewal rate at 92 % or better in every region",
        "40 reference customers willing to speak to prospects",
    ],
    "zh": [
        "到本周期末把中型企业客户的净推荐值从 31 提高到 45",
        "每个区域的续约率达到 92% 或更高",
        "40 家愿意向潜在客户介绍我们的参考客户",
    ],
}
# A dozen candidates of everyday length (the vote screen with a full agenda).
DOZEN = {
    "en": [
        "Cut churn in half for customers in their first year",
        "Ship weekly without weekend firefighting",
        "Make onboarding self-serve for teams of up to fifty people",
        "Open two new regions",
        "Hire and keep the engineers the roadmap needs",
        "Win ten reference customers in the mid-market",
        "Double the partner channel's share of new revenue",
        "Answer every support ticket within four working hours",
        "Make the mobile app as complete as the web app",
        "Cut cloud costs by a fifth without slowing releases",
        "Turn the customer advisory board into a quarterly habit",
        "Publish a roadmap customers can vote on",
    ],
    "zh": [
        "把首年客户的流失率降低一半",
        "每周发布且不再周末救火",
        "让五十人以内的团队可以自助完成上手",
        "开拓两个新区域",
        "招到并留住路线图所需的工程师",
        "在中型企业市场赢得十家参考客户",
        "让合作伙伴渠道的新增收入占比翻一番",
        "每张工单在四个工作小时内得到答复",
        "让移动端和网页端一样完整",
        "在不拖慢发布的前提下把云成本降低五分之一",
        "让客户顾问委员会每季度开一次会",
        "公开一份客户可以投票的路线图",
    ],
}
MORE_KRS = {
    "en": ["Churn in the first year below 6 %", "Time to first value under 14 days"],
    "zh": ["首年流失率低于 6%", "首次见效时间少于 14 天"],
}
WORKSHOP = {
    "en": "Sales and Customer Success, Mid-Market — OKR workshop for the second half of 2027",
    "zh": "销售与客户成功部（中型企业）2027 年下半年 OKR 共创工作坊",
}
NAMES = ("Bo Chen", "陈静", "Alexandra Montgomery-Smith", "王小明", "Li Na", "Jonathan Fairweather")


def nth(texts: list[str], n: int) -> str:
    """The n-th of a list that goes on past its end: the texts again, numbered."""
    text = texts[n % len(texts)]
    return text if n < len(texts) else f"{text} ({n // len(texts) + 1})"


def objectives(language: str, count: int = 6) -> tuple[RoomObjective, ...]:
    titles, krs = TITLES[language], KRS[language]
    return tuple(
        RoomObjective(n + 1, nth(titles, n), tuple(krs[: 1 + n % 3])) for n in range(count)
    )


def dozen(language: str) -> tuple[RoomObjective, ...]:
    """Twelve candidates of everyday length with three to five key results each."""
    krs = KRS[language] + MORE_KRS[language]
    return tuple(
        RoomObjective(n + 1, title, tuple(krs[: 3 + n % 3]))
        for n, title in enumerate(DOZEN[language])
    )


def base(language: str, phase: Phase, shows: RoomShows, running: bool = True) -> RoomView:
    return RoomView(
        workshop_id=1,
        title=WORKSHOP[language],
        phase=phase,
        light=False,
        shows=shows,
        timer=RoomTimer(planned_minutes=20, elapsed_minutes=5.0, running=running),
    )


def standings(
    language: str, count: int, statuses: list[SeatStatus], dots: list[int]
) -> tuple[RoomStanding, ...]:
    titles = TITLES[language]
    rows = []
    for n in range(count):
        status = statuses[n] if n < len(statuses) else SeatStatus.OUT
        score = dots[n] if n < len(dots) else max(0, 3 - n)
        rows.append(RoomStanding(n + 1, nth(titles, n), n + 1, score, status))
    return tuple(rows)


def results(language: str, count: int = 6) -> dict[str, RoomResult]:
    """A plain reveal, a tie at the cut-off, a run-off's outcome and a decision's."""
    in_, tied = SeatStatus.IN, SeatStatus.TIED
    dots = [14, 11, 9, 9, 4, 2]
    titles = TITLES[language]
    reason = {
        "en": "Onboarding unblocks the regions next year; the new regions can wait one cycle "
        "without losing the customers we already have there",
        "zh": "自助上手会为明年的新区域扫清障碍；新区域可以晚一个周期开拓，不会失去已有客户",
    }[language]
    return {
        "reveal": RoomResult(
            1,
            False,
            3,
            standings(language, count, [in_, in_, in_], [14, 11, 9, 7, 4, 2]),
            3,
            TieState.NONE,
            None,
        ),
        "tie": RoomResult(
            1,
            False,
            3,
            standings(language, count, [in_, in_, tied, tied], dots),
            2,
            TieState.TIED,
            None,
        ),
        "runoff": RoomResult(
            1,
            False,
            3,
            standings(
                language, count, [in_, in_, SeatStatus.WON_RUNOFF, SeatStatus.LOST_RUNOFF], dots
            ),
            3,
            TieState.RESOLVED_BY_RUNOFF,
            None,
        ),
        "decided": RoomResult(
            1,
            False,
            3,
            standings(
                language,
                count,
                [in_, in_, SeatStatus.CHOSEN_BY_DECISION, SeatStatus.PASSED_OVER],
                dots,
            ),
            3,
            TieState.DECIDED,
            RoomDecision((titles[2],), (titles[3],), reason),
        ),
    }


def cards(language: str, count: int = 12) -> tuple[RoomCard, ...]:
    titles = TITLES[language] + KRS[language]
    return tuple(RoomCard(n + 1, nth(titles, n), NAMES[n % len(NAMES)]) for n in range(count))


def rooms(language: str) -> dict[str, RoomView]:
    """Every phase's room view (the reveal in its four states), with the longest texts."""
    found = {
        "setup": base(language, Phase.SETUP, RoomShows.OBJECTIVES, running=True),
        "brainstorm": replace(
            base(language, Phase.BRAINSTORM, RoomShows.CARDS),
            cards=cards(language),
            newest_card_id=12,
        ),
        "group": replace(
            base(language, Phase.GROUP, RoomShows.OBJECTIVES), objectives=objectives(language)
        ),
        "vote": replace(
            base(language, Phase.VOTE, RoomShows.BALLOTS),
            objectives=objectives(language),
            ballots=RoomBallots(1, False, True, 6, 10, NAMES[:4]),
        ),
        "runoff-open": replace(
            base(language, Phase.VOTE, RoomShows.BALLOTS),
            objectives=objectives(language, 2),
            ballots=RoomBallots(2, True, True, 2, 10, NAMES),
        ),
    }
    for name, result in results(language).items():
        found[name] = replace(base(language, Phase.VOTE, RoomShows.RESULT), result=result)
    selected = objectives(language, 3)
    found["select"] = replace(
        base(language, Phase.SELECT, RoomShows.OBJECTIVES), objectives=selected
    )
    found["signoff"] = replace(
        base(language, Phase.SIGNOFF, RoomShows.OBJECTIVES),
        objectives=selected,
        signoff=SignoffStatus.PENDING,
    )
    found["signoff-presented"] = replace(found["signoff"], focus=0)
    found["export"] = replace(
        base(language, Phase.EXPORT, RoomShows.OBJECTIVES, running=True),
        objectives=selected,
        signoff=SignoffStatus.APPROVED,
    )
    return found

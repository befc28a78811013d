"""The all-hands in words: every slide in both languages, said the same way by the projector,
the presenter and the PDF; Qt-free."""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from okrdesk.engine.allhands_view import AllHandsView, SlideKind, allhands_view
from okrdesk.engine.editor import PlanEditor
from okrdesk.export.allhands_slides import LineStyle, slide_texts
from okrdesk.messages import catalogue
from okrdesk.models.planfile import PlanFile
from tests.allhands_plan import WHY_DELIVERY, AllHandsPlan

NOW = datetime(2026, 12, 21, 10, tzinfo=UTC)


@pytest.fixture
def views(allhands_template: tuple[Path, AllHandsPlan]) -> Iterator[dict[str, AllHandsView]]:
    path, ids = allhands_template
    with PlanFile.open(path, read_only=True) as plan:
        editor = PlanEditor(plan)
        found = {
            name: editor.view(allhands_view, workshop, NOW)
            for name, workshop in (("company", ids.company_workshop), ("ops", ids.ops_workshop))
        }
    yield {name: view for name, view in found.items() if view is not None}


def test_every_slide_is_said_in_english(views):
    texts = slide_texts(views["company"], "en")
    assert [t.kind for t in texts] == [s.kind for s in views["company"].slides]
    opening, results, highlights, delivery, customers, breakdown, beneath, ahead, closing = texts
    assert opening.said() == (
        "Northstar 北极星",
        "2027-Q1: our OKRs",
        "Northstar",
        "2 objectives, 3 key results",
    )
    assert results.title == "Last cycle's results: 2026-Q4"
    assert [(line.text, line.figure) for line in results.lines] == [
        ("Win the north", "0.85"),
        ("上线新系统", "0.40"),
    ]
    assert highlights.lines[0].figure == "1.00"
    assert highlights.lines[3].text == "Win the north · aspirational"
    assert delivery.kicker == "Objective 1 of 2" and delivery.title == "Faster delivery"
    assert [line.style for line in delivery.lines[:3]] == [
        LineStyle.HEADING,
        LineStyle.WHY,
        LineStyle.HEADING,
    ]
    assert delivery.lines[1].text == WHY_DELIVERY
    assert ("Cut delivery from 21 to 7 days", "21 → 7 days") in [
        (line.text, line.figure) for line in delivery.lines
    ]
    assert ("Launch the tracking page", "milestone") in [
        (line.text, line.figure) for line in delivery.lines
    ]
    assert "(The why is not written yet.)" in customers.said()
    assert breakdown.said()[2:] == (
        "Qualified leads from 0 to 150",
        "0 → 150",
        "· Call the ten biggest shops",
        "· 参加上海的两个展会",
    )
    assert beneath.said()[2:] == ("Operations", "Own the warehouse", "not yet approved")
    assert ahead.said()[2:] == (
        "Sales 销售部",
        "Sell to chains 连锁店",
        "supports: Qualified leads from 0 to 150",
    )
    assert closing.title == "We start now"
    assert closing.said()[2:] == (
        "Every team sets its OKRs within two weeks: by 2027-01-01.",
        "Days left: 11",
    )


def test_every_slide_is_said_in_chinese(views):
    texts = slide_texts(views["company"], "zh_CN")
    said = [text for slide in texts for text in slide.said()]
    for expected in (
        "2027-Q1：我们的 OKR",
        "上个周期的成果：2026-Q4",
        "2026-Q4 的亮点",
        "目标 1 / 2",
        "为什么",
        "（尚未填写缘由。）",
        "里程碑",
        "支撑：Qualified leads from 0 to 150",
        "尚未签批",
        "现在就开始",
        "各团队在两周内完成 OKR 制定：截止 2027-01-01。",
    ):
        assert expected in said, expected
    assert not {"Why", "We start now", "Key results", "not scored"} & set(said)


def test_a_draft_says_so_and_waits_for_the_approval(views):
    texts = slide_texts(views["ops"], "en")
    # Operations has no workshop in the last cycle: no results; its objective, and the close.
    assert [t.kind for t in texts] == [SlideKind.OPENING, SlideKind.OBJECTIVE, SlideKind.CLOSING]
    assert "Draft: these OKRs are not approved yet" in texts[0].said()
    assert texts[-1].said()[2:] == (
        "The two weeks for every team start when these OKRs are approved.",
    )


def test_every_slide_message_is_in_both_languages():
    english, chinese = catalogue("en"), catalogue("zh_CN")
    ids = [key for key in english if key.startswith("summary.allhands_")]
    assert len(ids) >= 20
    assert all(key in chinese and chinese[key] != english[key] for key in ids)

"""The slides around the OKRs (welcome, approval, closing) and the wall, with the longest
texts, at 1024x768 and 1920x1080 and on portrait screens in both languages: every text drawn
whole, none below the floor (text_fit's recorder, as tests/test_projector_clipping.py)."""

from dataclasses import replace

import pytest

from benchmarks.rooms import NAMES, base, cards, objectives
from okrdesk.engine.room_meeting import (
    RoomAgendaItem,
    RoomApproval,
    RoomClosing,
    RoomQuestion,
    RoomWelcome,
)
from okrdesk.engine.room_view import RoomShows, RoomView
from okrdesk.models import Phase, UnitLevel
from okrdesk.ui.projector.text_fit import floor_px
from tests.test_projector_clipping import (
    PORTRAIT,
    SIZES,
    paint_every_page,
)
from tests.test_room_view_meeting import SIGNATURE

UNITS = {
    "en": "Customer Success and Professional Services for Enterprise Accounts",
    "zh": "大客户成功与专业服务事业部华东及华南区域团队",
}
PARENTS = {"en": "Northstar Software International Holdings", "zh": "北辰软件国际控股集团有限公司"}


def slides(language: str) -> dict[str, RoomView]:
    """The welcome, the approval moment and the closing slide with the longest texts."""
    selected = objectives(language, 5)
    welcome = RoomWelcome(
        unit=UNITS[language],
        level=UnitLevel.DEPARTMENT,
        parent_unit=PARENTS[language],
        cycle="2027-Q1",
        cycle_starts="2027-01-01",
        cycle_ends="2027-03-31",
        meeting_at="2026-12-14T01:00:00+00:00",
        facilitator=NAMES[2],
        agenda=tuple(RoomAgendaItem(phase, 100 + n) for n, phase in enumerate(Phase)),
        question=RoomQuestion.ALIGNED,
    )
    approval = RoomApproval(NAMES[5], "2026-12-14T03:00:00+00:00", SIGNATURE)
    closing = RoomClosing(
        unit=UNITS[language],
        cycle="2027-Q1",
        approval=approval,
        cascade_to=(UNITS[language], PARENTS[language], NAMES[2]),
        cascade_by="2026-12-28",
        cycle_ends="2027-03-31",
    )
    return {
        "welcome": replace(
            base(language, Phase.SETUP, RoomShows.WELCOME, running=False), welcome=welcome
        ),
        "approved": replace(
            base(language, Phase.SIGNOFF, RoomShows.APPROVED),
            objectives=selected,
            approval=approval,
        ),
        "closing": replace(
            base(language, Phase.EXPORT, RoomShows.CLOSING, running=False),
            objectives=selected,
            approval=approval,
            closing=closing,
        ),
        "wall": replace(
            base(language, Phase.BRAINSTORM, RoomShows.CARDS),
            cards=cards(language, 40),
            newest_card_id=40,
        ),
    }


@pytest.mark.parametrize("size", SIZES + PORTRAIT, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("slide", sorted(slides("en")))
def test_nothing_is_cut_in_english(qtbot, slide, size):
    recorder, _pages = paint_every_page(qtbot, slides("en")[slide], size)
    assert recorder.drawn
    assert recorder.problems(floor=floor_px(size[1], size[0])) == []


@pytest.mark.parametrize("size", SIZES + PORTRAIT, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("slide", sorted(slides("zh")))
def test_nothing_is_cut_in_chinese(qtbot, chinese, slide, size):
    recorder, _pages = paint_every_page(qtbot, slides("zh")[slide], size)
    assert recorder.drawn
    assert recorder.problems(floor=floor_px(size[1], size[0])) == []

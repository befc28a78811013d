"""The brainstorm wall on the projector: a grid that fits the cards, the newest card on
screen and highlighted for a moment (an injected clock), pages turned by the facilitator
(keys), never by a timer; nothing cut, authors at least the smallest text size."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from okrdesk.engine.room_view import RoomCard, RoomShows, RoomTimer, RoomView
from okrdesk.models import Phase
from okrdesk.ui.projector.card_wall import HIGHLIGHT_SECONDS
from okrdesk.ui.projector.text_fit import floor_px, recording
from okrdesk.ui.projector.window import ProjectorWindow

LONG_EN = (
    "Give every new customer a named person who answers the phone within a day, "
    "so nobody waits for help while they learn the product"
)
LONG_ZH = "让每位新客户在签约当天就有一位专属顾问，一天之内回复所有问题，帮助他们尽快上手产品"


def text(n: int, long: bool) -> str:
    if not long:
        return f"Idea {n}: cut churn"
    return LONG_ZH if n % 3 == 0 else LONG_EN if n % 3 == 1 else f"Idea {n}"


def wall(
    count: int, newest: int | None = None, author: str | None = "Ana", long: bool = True
) -> RoomView:
    cards = tuple(RoomCard(n, text(n, long), author) for n in range(1, count + 1))
    return RoomView(
        workshop_id=1,
        title="Management meeting",
        phase=Phase.BRAINSTORM,
        light=False,
        shows=RoomShows.CARDS,
        timer=RoomTimer(None, 0.0, False),
        cards=cards,
        newest_card_id=count if newest is None else newest,
    )


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def projector(qapp: QApplication) -> Any:
    window = ProjectorWindow()
    window.clock = Clock()
    window.resize(1024, 768)
    yield window
    window.deleteLater()


def paint(window: ProjectorWindow) -> Any:
    with recording() as recorder:
        window.grab()
    assert recorder.problems(floor=floor_px(window.height())) == []
    return recorder


def card_texts(recorder: Any, view: RoomView) -> list[Any]:
    texts = {card.text for card in view.cards}
    return [drawn for drawn in recorder.drawn if drawn.text in texts]


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_few_cards_are_big_and_many_cards_page_with_nothing_cut(projector: Any, size: Any) -> None:
    projector.resize(*size)
    few = wall(2, long=False)
    projector.show_room(few)
    big = card_texts(paint(projector), few)
    assert len(big) == 2 and projector.pages == 1
    short = wall(60, long=False)
    projector.show_room(short)
    small = card_texts(paint(projector), short)
    assert projector.pages > 1 and 6 <= len(small) < 60
    # Few cards: larger text than a full wall, never below the floor either way.
    assert min(d.pixels for d in big) > max(d.pixels for d in small) >= floor_px(size[1])
    # Long ideas wrap whole on fewer, bigger cards; every card is on some page, once.
    many = wall(60)
    projector.show_room(many)
    paint(projector)  # the pages are counted as they are laid out
    seen: list[str] = []
    for page in range(projector.pages):
        projector.page = page
        seen += [d.text for d in card_texts(paint(projector), many)]
    assert sorted(seen) == sorted(card.text for card in many.cards)


def test_authors_are_shown_at_least_at_the_smallest_text_size(projector: Any) -> None:
    projector.show_room(wall(5, author="陈静", long=False))
    recorder = paint(projector)
    authors = [d for d in recorder.drawn if d.text == "陈静"]
    assert len(authors) == 5 and min(d.pixels for d in authors) >= floor_px(768)


def test_the_facilitator_turns_the_pages_with_keys_and_no_timer_does(
    projector: Any, qtbot: Any
) -> None:
    qtbot.addWidget(projector)
    projector.show()
    projector.show_room(wall(60, newest=1))
    paint(projector)
    pages = projector.pages
    assert pages > 2 and projector.page == 0
    assert not [timer for timer in projector.findChildren(QTimer) if timer.isActive()]
    qtbot.keyClick(projector, Qt.Key.Key_PageDown)
    assert projector.page == 1
    qtbot.keyClick(projector, Qt.Key.Key_Right)
    assert projector.page == 2
    qtbot.keyClick(projector, Qt.Key.Key_PageUp)
    qtbot.keyClick(projector, Qt.Key.Key_Left)
    assert projector.page == 0
    qtbot.keyClick(projector, Qt.Key.Key_Left)  # from the first page round to the last
    assert projector.page == pages - 1
    projector.next_page()  # as the laptop's View menu does
    assert projector.page == 0


def test_the_newest_card_is_always_on_screen_and_highlighted_for_a_moment(
    projector: Any,
) -> None:
    first = wall(40)
    projector.show_room(first)
    paint(projector)
    assert projector.page == 0  # the first view: nothing was added while the room watched
    added = wall(41)
    projector.show_room(added)
    recorder = paint(projector)
    assert projector.page == projector.pages - 1
    assert added.cards[-1].text in [d.text for d in card_texts(recorder, added)]
    assert projector.highlighted_card() == 41
    before = projector.grab().toImage()
    projector.clock.now += HIGHLIGHT_SECONDS - 0.1
    assert projector.highlighted_card() == 41
    projector.clock.now += 0.2
    assert projector.highlighted_card() is None
    assert projector.grab().toImage() != before  # the highlight is gone from the card
    # A card edited (not added) neither turns the page nor highlights.
    projector.page = 0
    edited = RoomView(
        **{**added.__dict__, "cards": (RoomCard(1, "Edited", "Ana"), *added.cards[1:])}
    )
    projector.show_room(edited)
    assert projector.page == 0 and projector.highlighted_card() is None


def test_the_laptop_turns_the_projector_pages_from_the_view_menu(qtbot: Any, tmp_path: Any) -> None:
    from okrdesk.engine import ops
    from tests.test_ui_projector import voting_room

    window, workshop, _path, _cards = voting_room(qtbot, tmp_path)
    projector = window.projector.window
    projector.resize(1024, 768)
    for n in range(30):
        window.session.run(ops.AddIdea(workshop, f"Idea {n}: keep the customers we win"))
    projector.grab()
    last = projector.pages - 1
    assert last >= 1 and projector.page == last  # the newest card's page
    window.actions_by_id["projector_previous_page"].trigger()
    assert projector.page == last - 1
    window.actions_by_id["projector_next_page"].trigger()
    assert projector.page == last
    shortcut = window.actions_by_id["projector_next_page"].shortcut().toString()
    assert shortcut == "Alt+PgDown"


def test_a_card_added_lays_out_only_the_last_page_and_the_same_as_laid_out_anew(
    qapp: QApplication, projector: Any
) -> None:
    import dataclasses

    body = projector._body_rect()
    shown = wall(40)
    projector._card_pages(shown.cards, body)
    checked: list[RoomCard] = []
    original = projector._card_fits

    def counting(card: RoomCard, *args: Any) -> bool:
        checked.append(card)
        return original(card, *args)

    projector._card_fits = counting
    added = dataclasses.replace(shown, cards=(*shown.cards, RoomCard(41, "One more", "Bo")))
    pages = projector._card_pages(added.cards, body)
    last = pages[-2].start if len(pages) > 1 else 0
    assert {card.id for card in checked} <= {card.id for card in added.cards[last:]}
    fresh = ProjectorWindow()
    fresh.resize(projector.width(), projector.height())
    assert fresh._card_pages(added.cards, fresh._body_rect()) == pages
    fresh.deleteLater()


def test_a_card_added_to_the_page_shown_repaints_that_card_alone(
    projector: Any, qtbot: Any, monkeypatch: Any
) -> None:
    import dataclasses

    qtbot.addWidget(projector)
    projector.show()
    qtbot.waitExposed(projector)
    shown = wall(40, long=False)
    projector.show_room(shown)
    projector.grab()  # laid out: the pages are counted
    last = projector.pages - 1
    assert projector.page == 0 and last >= 1
    projector.page = last
    projector.update()
    QApplication.processEvents()
    asked: list[Any] = []
    update = projector.update
    monkeypatch.setattr(projector, "update", lambda *area: (asked.append(area), update(*area)))
    added = dataclasses.replace(
        shown, cards=(*shown.cards, RoomCard(41, "Idea 41: cut churn", "Bo")), newest_card_id=41
    )
    projector.show_room(added)
    assert projector.page == last and len(asked) == 1 and asked[0]
    body = projector._body_rect()
    assert asked[0][0].height() < body.height() / 2  # a card, not the page
    QApplication.processEvents()
    # What is on screen after the partial repaint is what a whole repaint paints.
    on_screen = projector.screen().grabWindow(projector.winId()).toImage()
    whole = projector.grab().toImage().convertToFormat(on_screen.format())
    area = body.toAlignedRect()
    assert on_screen.copy(area) == whole.copy(area)

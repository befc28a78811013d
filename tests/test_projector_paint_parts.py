"""The projector paints what changed and draws what it painted before: phone ideas that come
several at once repaint their cards alone (the area painted counted, not the time), the wall's
cards and the vote's candidates are painted once into images (kept_blocks), and a screen
painted in parts, or from those images, is pixel for pixel the screen painted whole."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QRegion
from PySide6.QtWidgets import QApplication

from benchmarks.rooms import objectives, rooms
from okrdesk.engine.room_view import RoomBallots, RoomCard, RoomShows, RoomTimer, RoomView
from okrdesk.models import Phase
from okrdesk.ui.projector.kept_blocks import KeptBlocks
from okrdesk.ui.projector.text_fit import recording
from okrdesk.ui.projector.window import ProjectorWindow

SIZE = (1280, 720)


def _straight(
    self: KeptBlocks,
    painter: QPainter,
    _key: object,
    area: QRect,
    paint: Any,
    background: QColor | None = None,
    **_: object,
) -> None:
    """KeptBlocks.draw painting the block straight each time (no image kept)."""
    if background is not None:  # as under an opaque block's image
        painter.fillRect(area, background)
    paint(painter)


def wall(count: int, newest: int | None = None) -> RoomView:
    cards = tuple(
        RoomCard(n, f"想法 {n}：更快" if n % 2 else f"Idea {n}: cut churn", "Ana")
        for n in range(1, count + 1)
    )
    return RoomView(
        workshop_id=1,
        title="全员共创会",
        phase=Phase.BRAINSTORM,
        light=False,
        shows=RoomShows.CARDS,
        timer=RoomTimer(None, 0.0, False),
        cards=cards,
        newest_card_id=count if newest is None else newest,
    )


def added(view: RoomView, count: int) -> RoomView:
    """The wall with ``count`` more cards, as the phones' ideas come (the newest last)."""
    first = len(view.cards) + 1
    cards = tuple(RoomCard(n, f"手机 {n}", f"参与者 {n}") for n in range(first, first + count))
    return dataclasses.replace(view, cards=view.cards + cards, newest_card_id=first + count - 1)


class Paints(QObject):
    """The region of every paint event the projector gets."""

    def __init__(self, window: ProjectorWindow) -> None:
        super().__init__(window)
        self.regions: list[QRegion] = []
        window.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            assert isinstance(event, QPaintEvent)
            self.regions.append(QRegion(event.region()))
        return False

    def area(self) -> int:
        return sum(rect.width() * rect.height() for region in self.regions for rect in region)


@pytest.fixture
def projector(qtbot: Any) -> ProjectorWindow:
    window = ProjectorWindow()
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    qtbot.waitExposed(window)
    return window


def on_screen(window: ProjectorWindow) -> QImage:
    """What the screen shows now (after the partial repaints it got)."""
    return window.screen().grabWindow(window.winId()).toImage()


def painted_whole(window: ProjectorWindow) -> QImage:
    return window.grab().toImage().convertToFormat(on_screen(window).format())


def wall_with_room_for(projector: ProjectorWindow, more: int) -> RoomView:
    """A wall of several pages whose last page has a card or more and room for ``more``."""
    body = projector._body_rect()
    for count in range(20, 200):
        pages = projector._card_pages(wall(count).cards, body)
        last = pages[-1]
        room = last.grid.columns * last.grid.rows - (last.end - last.start)
        if len(pages) > 1 and last.end > last.start and room >= more:
            return wall(count)
    raise AssertionError("no wall with room on its last page")


def test_phone_ideas_that_come_together_repaint_their_cards_alone_and_the_same(
    projector: ProjectorWindow,
) -> None:
    shown = wall_with_room_for(projector, 3)
    projector.show_room(shown)
    projector.page = projector._card_page_of(
        shown.cards, projector._body_rect(), len(shown.cards) - 1
    )
    projector.repaint()
    QApplication.processEvents()
    paints = Paints(projector)
    three = added(shown, 3)
    projector.show_room(three)
    QApplication.processEvents()
    assert paints.regions, "the cards added were not painted"
    whole = QRegion(projector.rect())
    assert all(not whole.subtracted(region).isEmpty() for region in paints.regions), (
        "three phone ideas repainted the whole wall"
    )
    # About three cards (with their rings' room), not the rectangle around them nor the page.
    page = projector._card_pages(three.cards, projector._body_rect())[projector.page]
    card_w, card_h = page.grid.card
    pad = projector._floor() * 0.3 * 2
    assert paints.area() <= 3 * (card_w + pad + 2) * (card_h + pad + 2)
    body = projector._body_rect().toAlignedRect()
    assert on_screen(projector).copy(body) == painted_whole(projector).copy(body)


def test_a_wall_painted_from_its_cards_images_is_the_wall_painted_card_by_card(
    projector: ProjectorWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = wall(12)
    projector.show_room(shown)
    blocks = projector._kept_blocks()

    def cards_kept() -> int:
        return sum(1 for key in blocks._kept if isinstance(key, tuple) and key[0] == "card")

    projector.repaint()  # new cards are painted straight: a new card is mostly seen once
    assert cards_kept() == 0
    straight_on_screen = on_screen(projector)
    projector.repaint()  # seen again: kept
    assert cards_kept() == len(shown.cards)
    assert on_screen(projector) == straight_on_screen
    painted = blocks.painted
    with recording() as recorder:
        from_images = projector.grab().toImage()
    assert blocks.painted == painted, "a repaint painted a card again instead of its image"
    # The cards' texts are told to a recording as if drawn again (tests read them).
    assert {card.text for card in shown.cards} <= set(recorder.texts())

    monkeypatch.setattr(KeptBlocks, "draw", _straight)
    card_by_card = projector.grab().toImage()
    assert from_images == card_by_card


def test_the_vote_painted_from_its_candidates_images_is_the_same_and_paints_them_once(
    projector: ProjectorWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = tuple(f"参与者 {n}" for n in range(1, 41))
    view = dataclasses.replace(
        rooms("zh")["vote"],
        objectives=objectives("zh", 8),
        ballots=RoomBallots(1, False, True, 10, len(people), people[10:]),
    )
    projector.show_room(view)
    projector.repaint()
    blocks = projector._kept_blocks()
    painted = blocks.painted
    assert painted >= 1
    for voted in (11, 12):  # ballots in: the candidates are not painted again
        projector.show_room(
            dataclasses.replace(
                view, ballots=RoomBallots(1, False, True, voted, 40, people[voted:])
            )
        )
        QApplication.processEvents()
        projector.repaint()
    assert blocks.painted == painted
    from_images = projector.grab().toImage()

    monkeypatch.setattr(KeptBlocks, "draw", _straight)
    # A candidate's image is blended onto the screen: an antialiased edge may round to the
    # next level of a channel, no more.
    assert largest_difference(projector.grab().toImage(), from_images) <= 1


def largest_difference(first: QImage, second: QImage) -> int:
    """The largest difference of one channel of one pixel between two images of one size."""
    assert first.size() == second.size()
    one = first.convertToFormat(QImage.Format.Format_RGB32).constBits().tobytes()
    other = second.convertToFormat(QImage.Format.Format_RGB32).constBits().tobytes()
    if one == other:
        return 0
    return max(abs(a - b) for a, b in zip(one, other, strict=True))


def test_kept_blocks_stay_within_their_budget_and_forget_the_least_recently_drawn(
    qapp: QApplication,
) -> None:
    image = QImage(200, 200, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    one = QImage(50, 50, QImage.Format.Format_ARGB32_Premultiplied).sizeInBytes()
    blocks = KeptBlocks(budget=3 * one, largest=one)
    area = QRect(0, 0, 50, 50)
    for key in ("a", "b", "c", "a", "d"):  # "a" drawn again: "b" is now the oldest
        blocks.draw(painter, key, area, lambda _on: None)
    assert len(blocks) == 3 and blocks.painted == 4
    assert set(blocks._kept) == {"c", "a", "d"}
    # A block bigger than the largest kept is painted straight each time, never kept.
    painted: list[str] = []
    for _ in range(2):
        blocks.draw(painter, "big", QRect(0, 0, 60, 60), lambda _on: painted.append("big"))
    painter.end()
    assert painted == ["big", "big"] and "big" not in blocks._kept and blocks.painted == 4

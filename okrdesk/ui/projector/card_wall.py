"""The brainstorm wall on the projector: idea cards in a grid that fits how many there are
(a few cards are big), the newest card always on screen and highlighted for a moment, and
pages turned by the facilitator, never by a timer (a mixin of the projector window).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import cast

from PySide6.QtCore import QCoreApplication, QObject, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QRegion
from PySide6.QtWidgets import QWidget

from okrdesk.engine.room_view import RoomCard, RoomShows, RoomView
from okrdesk.ui.projector.colours import BACKGROUND, CARD, CARD_TEXT
from okrdesk.ui.projector.painting import Painting
from okrdesk.ui.projector.text_fit import draw_text, sized, wrap

AUTHOR = QColor("#44403c")  # on the yellow card: 9:1
NEWEST = QColor("#fbbf24")
HIGHLIGHT_SECONDS = 3.0
LARGEST = 2.6  # a card's text at most this many floors high
MIN_WIDTH = 7.0  # a card at least this many floors wide...
MIN_LINES = 2  # ...and high enough for this many lines and its author (more if needed)


@dataclass(frozen=True)
class CardGrid:
    """A page's grid: columns and rows of cards this big."""

    columns: int
    rows: int
    card: tuple[float, float]  # width, height
    gap: float


@dataclass(frozen=True)
class CardPage:
    """The cards[start:end] on one page, and their grid."""

    start: int
    end: int
    grid: CardGrid


def _signed(card: RoomCard) -> str | None:
    """The card's bottom line: its author, or for a card carried over from the last cycle
    (which has none) that mark, in the room's language."""
    if card.author:
        return card.author
    if card.carried:
        return QCoreApplication.translate("CardWallPainting", "carried over from the last cycle")
    return None


def _inside(rect: QRectF, radius: float) -> QRect:
    """The whole pixels a rounded rectangle (corners of this radius) covers entirely: inside
    it by more than its corners take, and a pixel more for the antialiased edge."""
    inset = radius * (1 - 1 / math.sqrt(2)) + 1.0
    inner = rect.adjusted(inset, inset, -inset, -inset)
    left, top = math.ceil(inner.left()), math.ceil(inner.top())
    right, bottom = math.floor(inner.right()), math.floor(inner.bottom())
    return QRect(left, top, max(0, right - left), max(0, bottom - top))


def is_chinese(text: str) -> bool:
    return any("\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef" for char in text)


class CardWallPainting(Painting):
    """The idea cards, paged; needs the window's frozen and update()."""

    frozen: bool
    # Monotonic seconds (injectable: tests move it by hand).
    clock: Callable[[], float] = time.monotonic
    _newest: tuple[int, float] | None = None  # the card highlighted, until when
    _fonts: dict[tuple[int, int, str], tuple[QFont, QFont]] | None = None
    _fitting: dict[tuple[str, str | None, float, float, int, int], bool] | None = None
    _page_turned = False  # the last change turned the page (to show the newest card)
    _dirty: QRegion | None = None  # what the paint in progress must cover
    # (the page's cards, card width, card height, floor) -> the page's text size.
    _page_px: dict[tuple[tuple[RoomCard, ...], float, float, int], int] | None = None
    _pages_kept: (
        list[tuple[tuple[float, float, float], tuple[RoomCard, ...], tuple[CardPage, ...]]] | None
    ) = None

    def _repaint(self, area: QRect | None = None) -> None:
        """QWidget.update (the window's; a stub here would clash with its overloads)."""
        widget = cast(QWidget, self)
        if area is None:
            widget.update()
        else:
            widget.update(area)

    # Paging, by the facilitator (keys on the projector, the laptop's View menu)
    def next_page(self) -> None:
        if self.pages > 1 and not self.frozen:
            self.page = (self.page + 1) % self.pages
            self._repaint()

    def previous_page(self) -> None:
        if self.pages > 1 and not self.frozen:
            self.page = (self.page - 1) % self.pages
            self._repaint()

    # The newest card
    def _follow_newest(self, before: RoomView | None, after: RoomView | None, body: QRectF) -> None:
        """A card just added: turn to its page and highlight it for a moment."""
        self._page_turned = False
        if after is None or after.shows != RoomShows.CARDS or after.newest_card_id is None:
            return
        known = before.newest_card_id if before is not None else None
        if before is None or before.shows != RoomShows.CARDS or known == after.newest_card_id:
            return
        if known is not None and after.newest_card_id < known:
            return  # the newest was removed (an undo): nothing new to show
        cards = after.cards
        # The newest card is the last on the wall but for a card added before it was undone
        # and the like: looked for from the end, not through a wall of a thousand cards.
        index = next(
            (n for n in range(len(cards) - 1, -1, -1) if cards[n].id == after.newest_card_id),
            None,
        )
        if index is None:
            return
        page = self._card_page_of(after.cards, body, index)
        self._page_turned = page != self.page
        self.page = page
        self._newest = (after.newest_card_id, self.clock() + HIGHLIGHT_SECONDS)
        laid = self._card_pages(after.cards, body)[page]
        ring = self._ringed(self._card_rect(laid, body, index - laid.start))
        # The ring goes after its moment (the window as context: nothing fires once it is gone).
        window = cast(QObject, self)
        QTimer.singleShot(int(HIGHLIGHT_SECONDS * 1000) + 50, window, lambda: self._repaint(ring))

    def highlighted_card(self) -> int | None:
        """The card highlighted as the newest now, if any."""
        if self._newest is None or self.clock() >= self._newest[1]:
            return None
        return self._newest[0]

    # Layout
    def _card_sizes(self, floor: int, px: int) -> tuple[QFont, QFont]:
        """The card's text and author fonts at this size (made once per size)."""
        if self._fonts is None:
            self._fonts = {}
        key = (floor, px, self._font(1.0).key())
        fonts = self._fonts.get(key)
        if fonts is None:
            base = self._font(1.0)
            fonts = (sized(base, px), sized(base, max(floor, round(px * 0.72))))
            self._fonts[key] = fonts
        return fonts

    def _card_fits(self, card: RoomCard, width: float, height: float, floor: int, px: int) -> bool:
        """Whether the card's text (and author) fits a card this size at this text size
        (worked out once per card, size and text size)."""
        if self._fitting is None or len(self._fitting) > 50_000:
            self._fitting = {}
        key = (card.text, _signed(card), width, height, floor, px)
        known = self._fitting.get(key)
        if known is None:
            known = self._fitting[key] = self._measure_fit(card, width, height, floor, px)
        return known

    def _measure_fit(
        self, card: RoomCard, width: float, height: float, floor: int, px: int
    ) -> bool:
        text_font, author_font = self._card_sizes(floor, px)
        pad = floor * 0.35
        inner = width - 2 * pad
        text = wrap(card.text, text_font, inner, balanced=is_chinese(card.text))
        needed = text.height()
        widths = list(text.widths)
        signed = _signed(card)
        if signed:
            author = wrap(signed, author_font, inner)
            needed += floor * 0.2 + author.height()
            widths += author.widths
        return all(w <= inner + 0.5 for w in widths) and needed <= height - 2 * pad + 0.5

    def _shape(self, count: int, body: QRectF, gap: float, most: tuple[int, int]) -> CardGrid:
        """The grid for ``count`` cards with the biggest cards (close to 8:5)."""
        best: CardGrid | None = None
        best_score = -1.0
        for columns in range(1, min(count, most[0]) + 1):
            rows = math.ceil(count / columns)
            if rows > most[1]:
                continue
            width = (body.width() - gap * (columns - 1)) / columns
            height = (body.height() - gap * (rows - 1)) / rows
            score = min(width / 1.6, height)
            if score > best_score:
                best_score = score
                best = CardGrid(columns, rows, (width, height), gap)
        if best is None:  # no room at all (a body squeezed to nothing): one empty card
            return CardGrid(1, 1, (max(0.0, body.width()), max(0.0, body.height())), gap)
        return best

    def _card_pages(self, cards: tuple[RoomCard, ...], body: QRectF) -> tuple[CardPage, ...]:
        """The cards page by page: each page as many as fit at the floor in the biggest
        grid, fewer (and bigger) while a card's text would not fit its card.

        The last two layouts are kept (the one painted and the one a change brings); a
        layout for cards that begin with a kept layout's cards lays out its last page and
        what follows alone (a card added, the usual change, costs a page, not the wall).
        """
        screen = (body.width(), body.height(), float(self._floor()))
        kept_layouts = self._pages_kept or []
        for kept_screen, kept_cards, kept in kept_layouts:
            if kept_cards is cards and kept_screen == screen:
                return kept
        floor = self._floor()
        gap = floor * 0.4
        line = floor * 1.25
        min_height = 2 * floor * 0.35 + MIN_LINES * line + floor * 0.2 + line
        most = (
            max(1, int((body.width() + gap) // (floor * MIN_WIDTH + gap))),
            max(1, int((body.height() + gap) // (min_height + gap))),
        )
        pages: list[CardPage] = []
        for kept_screen, kept_cards, kept in reversed(kept_layouts):
            settled = kept[-1].start if kept else 0
            if kept_screen == screen and cards[:settled] == kept_cards[:settled]:
                pages = list(kept[:-1])  # the pages before the last stay as they were
                break
        reused = max(0, len(pages) - 1)  # the last kept page may get a new grid below
        start = pages[-1].end if pages else 0
        while start < len(cards):
            count = min(len(cards) - start, most[0] * most[1])
            while True:
                grid = self._shape(count, body, gap, most)
                width, height = grid.card
                shown = cards[start : start + count]
                if count == 1 or all(
                    self._card_fits(card, width, height, floor, floor) for card in shown
                ):
                    break
                count -= 1  # fewer, bigger cards before any text goes below the floor
            pages.append(CardPage(start, start + count, grid))
            start += count
        if len(pages) > 1:
            pages[-1] = self._steady_last(cards, pages[-1], body, gap, most, floor)
        laid = tuple(pages) or (CardPage(0, 0, self._shape(1, body, gap, most)),)
        self._pages_kept = [*kept_layouts[-1:], (screen, cards, laid)]
        # Each page's text size found with its layout (a page turned to or painted again
        # searches nothing; the pages kept from before have theirs already).
        for page in laid[reused:]:
            width, height = page.grid.card
            self._page_text_size(cards[page.start : page.end], width, height, floor)
        return laid

    def _steady_last(
        self,
        cards: tuple[RoomCard, ...],
        last: CardPage,
        body: QRectF,
        gap: float,
        most: tuple[int, int],
        floor: int,
    ) -> CardPage:
        """On a wall of several pages the last page keeps a full page's grid while its cards
        fit it: its cards keep their places and size as cards are added (and cost a card)."""
        full = self._shape(most[0] * most[1], body, gap, most)
        width, height = full.card
        if all(self._card_fits(card, width, height, floor, floor) for card in cards[last.start :]):
            return CardPage(last.start, last.end, full)
        return last

    def _card_rect(self, page: CardPage, body: QRectF, index: int) -> QRectF:
        """Where the page's index-th card goes."""
        grid = page.grid
        width, height = grid.card
        column, row = index % grid.columns, index // grid.columns
        return QRectF(
            body.left() + column * (width + grid.gap),
            body.top() + row * (height + grid.gap),
            width,
            height,
        )

    def _ringed(self, rect: QRectF) -> QRect:
        """A card with its highlight ring and the antialiasing past it."""
        pad = self._floor() * 0.3
        return rect.adjusted(-pad, -pad, pad, pad).toAlignedRect()

    def _cards_region(
        self, before: RoomView, after: RoomView, body: QRectF
    ) -> QRect | QRegion | None:
        """What a change to the cards alone repaints of the page shown: nothing (a change
        off the page), the new cards alone (cards added to the page shown, the newest among
        them, the page otherwise as it was: the phones' ideas come several at once), or
        everything (None)."""
        if self._page_turned:
            return None
        old, new = self._card_pages(before.cards, body), self._card_pages(after.cards, body)
        if len(old) != len(new):
            return None
        page = min(self.page, len(new) - 1)
        was, now = old[page], new[page]
        if (was.start, was.end) == (now.start, now.end) and (
            before.cards[was.start : was.end] == after.cards[now.start : now.end]
        ):
            return QRect()  # the page shown is as it was
        shown = after.cards[now.start : now.end]
        kept = was.end - was.start  # the cards the page had: they must stay as they were
        added = shown[kept:]
        if (
            was.grid != now.grid
            or now.start != was.start
            or now.end <= was.end
            or shown[:kept] != before.cards[was.start : was.end]
            or after.newest_card_id not in {card.id for card in added}
        ):
            return None
        floor = self._floor()
        width, height = now.grid.card
        px = self._page_text_size(before.cards[was.start : was.end], width, height, floor)
        if not all(self._card_fits(card, width, height, floor, px) for card in added):
            return None  # the page's text must shrink for them: paint it all
        self._page_sizes()[(shown, width, height, floor)] = px  # the page keeps its size
        # The card newest before loses its ring when its own moment ends (its timer).
        region = QRegion()
        for index in range(kept, len(shown)):
            region |= QRegion(self._ringed(self._card_rect(now, body, index)))
        # The cards themselves, not the rectangle around them (two rows' ends, a third of
        # the wall); one card as its rectangle.
        return region.boundingRect() if region.rectCount() == 1 else region

    def _card_page_of(self, cards: tuple[RoomCard, ...], body: QRectF, index: int) -> int:
        pages = self._card_pages(cards, body)
        return next((n for n, page in enumerate(pages) if page.start <= index < page.end), 0)

    def _page_text_size(
        self, shown: tuple[RoomCard, ...], width: float, height: float, floor: int
    ) -> int:
        """The largest text at which every card on the page fits its card (kept for the
        page: a repaint, a tick or a turn back to it measures nothing again)."""
        key = (shown, width, height, floor)
        sizes = self._page_sizes()
        if key in sizes:
            return sizes[key]
        px = floor
        low, high = floor, round(floor * LARGEST)
        while low <= high:
            middle = (low + high) // 2
            if all(self._card_fits(card, width, height, floor, middle) for card in shown):
                px, low = middle, middle + 1
            else:
                high = middle - 1
        sizes[key] = px
        return px

    def _page_sizes(self) -> dict[tuple[tuple[RoomCard, ...], float, float, int], int]:
        if self._page_px is None or len(self._page_px) > 2_000:
            self._page_px = {}
        return self._page_px

    def _cards_covering(self, cards: tuple[RoomCard, ...], body: QRectF) -> QRegion:
        """The pixels the page's cards cover, each drawn as an opaque image whenever a
        repaint touches it (see _paint_cards): nothing needs painting under them first."""
        pages = self._card_pages(cards, body)
        page = pages[min(self.page, len(pages) - 1)]
        covered = QRegion()
        for index in range(page.end - page.start):
            covered += self._card_rect(page, body, index).toAlignedRect()
        return covered

    def _paint_cards(self, painter: QPainter, body: QRectF, view: RoomView) -> None:
        floor = self._floor()
        pages = self._card_pages(view.cards, body)
        self.pages = len(pages)
        self.page = min(self.page, self.pages - 1)
        page = pages[self.page]
        shown = view.cards[page.start : page.end]
        if not shown:
            return
        grid = page.grid
        width, height = grid.card
        px = self._page_text_size(shown, width, height, floor)
        fonts = self._card_sizes(floor, px)
        fonts_key = (fonts[0].key(), fonts[1].key())
        newest = self.highlighted_card()
        pad = floor * 0.35
        blocks = self._kept_blocks()
        for index, card in enumerate(shown):
            rect = self._card_rect(page, body, index)
            touched = self._ringed(rect) if card.id == newest else rect.toAlignedRect()
            if self._dirty is not None and not self._dirty.intersects(touched):
                continue  # untouched by this repaint
            signed = _signed(card)
            # The card painted once (its text laid out and drawn line by line), then drawn
            # from its image: a repaint of the wall costs an image per card.
            blocks.draw(
                painter,
                ("card", card.text, signed, rect.getRect(), floor, fonts_key),
                rect.toAlignedRect().adjusted(-1, -1, 1, 1),
                partial(
                    self._paint_card,
                    rect=rect,
                    card=card,
                    signed=signed,
                    fonts=fonts,
                    floor=floor,
                    author_key=fonts_key[1],
                ),
                background=BACKGROUND,
                kept_when_seen_again=True,
                solid=_inside(rect, floor * 0.3),
            )
            if card.id == newest:  # after its card: the card's image covers its corners
                ring = floor * 0.14
                painter.setPen(QPen(NEWEST, ring * 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(rect.adjusted(-ring, -ring, ring, ring), pad, pad)

    @staticmethod
    def _paint_card(
        painter: QPainter,
        rect: QRectF,
        card: RoomCard,
        signed: str | None,
        fonts: tuple[QFont, QFont],
        floor: int,
        author_key: str | None = None,
    ) -> None:
        """One card: its text, balanced when Chinese, and its author at the bottom
        (``author_key``: the author font's key, when the caller has it)."""
        text_font, author_font = fonts
        pad = floor * 0.35
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(CARD)
        painter.drawRoundedRect(rect, floor * 0.3, floor * 0.3)
        inner = rect.adjusted(pad, pad, -pad, -pad)
        painter.setPen(CARD_TEXT)
        # Every line the layout made room for (the card was sized for all of them).
        draw_text(
            painter,
            inner,
            card.text,
            text_font,
            max_lines=10_000,
            balanced=is_chinese(card.text),
        )
        if signed:
            painter.setPen(AUTHOR)
            author = wrap(signed, author_font, inner.width(), key=author_key)
            draw_text(
                painter,
                QRectF(
                    inner.left(), inner.bottom() - author.height(), inner.width(), author.height()
                ),
                signed,
                author_font,
                max_lines=len(author.lines),
            )

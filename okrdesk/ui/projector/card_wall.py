"""The brainstorm wall on the projector: idea cards in a grid that fits how many there are
(a few cards are big), the newest card always on screen and highlighted for a moment, and
pages turned by the facilitator, never by a timer (a mixin of the projector window).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from okrdesk.engine.room_view import RoomCard, RoomShows, RoomView
from okrdesk.ui.projector.colours import CARD, CARD_TEXT
from okrdesk.ui.projector.text_fit import draw_text, floor_px, sized, wrap

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


def is_chinese(text: str) -> bool:
    return any("\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef" for char in text)


class CardWallPainting:
    """Needs the window's page, pages, frozen, _font() and update()."""

    page: int
    pages: int
    frozen: bool
    # Monotonic seconds (injectable: tests move it by hand).
    clock: Callable[[], float] = time.monotonic
    _newest: tuple[int, float] | None = None  # the card highlighted, until when
    _page_px: tuple[tuple[tuple[RoomCard, ...], float, float, int], int] | None = None
    _pages_kept: (
        list[tuple[tuple[float, float, float], tuple[RoomCard, ...], tuple[CardPage, ...]]] | None
    ) = None

    def _font(self, scale: float, bold: bool = False) -> QFont:
        raise NotImplementedError

    if TYPE_CHECKING:  # QWidget's, which comes after this mixin: never shadow them

        def height(self) -> int: ...

        def update(self) -> None: ...

    # Paging, by the facilitator (keys on the projector, the laptop's View menu)
    def next_page(self) -> None:
        if self.pages > 1 and not self.frozen:
            self.page = (self.page + 1) % self.pages
            self.update()

    def previous_page(self) -> None:
        if self.pages > 1 and not self.frozen:
            self.page = (self.page - 1) % self.pages
            self.update()

    # The newest card
    def _follow_newest(self, before: RoomView | None, after: RoomView | None, body: QRectF) -> None:
        """A card just added: turn to its page and highlight it for a moment."""
        if after is None or after.shows != RoomShows.CARDS or after.newest_card_id is None:
            return
        known = before.newest_card_id if before is not None else None
        if before is None or before.shows != RoomShows.CARDS or known == after.newest_card_id:
            return
        if known is not None and after.newest_card_id < known:
            return  # the newest was removed (an undo): nothing new to show
        index = next(
            (n for n, card in enumerate(after.cards) if card.id == after.newest_card_id), None
        )
        if index is None:
            return
        self.page = self._card_page_of(after.cards, body, index)
        self._newest = (after.newest_card_id, self.clock() + HIGHLIGHT_SECONDS)
        QTimer.singleShot(int(HIGHLIGHT_SECONDS * 1000) + 50, self.update)

    def highlighted_card(self) -> int | None:
        """The card highlighted as the newest now, if any."""
        if self._newest is None or self.clock() >= self._newest[1]:
            return None
        return self._newest[0]

    # Layout
    def _card_sizes(self, floor: int, px: int) -> tuple[QFont, QFont]:
        text = sized(self._font(1.0), px)
        author = sized(self._font(1.0), max(floor, round(px * 0.72)))
        return text, author

    def _card_fits(self, card: RoomCard, width: float, height: float, floor: int, px: int) -> bool:
        """Whether the card's text (and author) fits a card this size at this text size."""
        text_font, author_font = self._card_sizes(floor, px)
        pad = floor * 0.35
        inner = width - 2 * pad
        text = wrap(card.text, text_font, inner, balanced=is_chinese(card.text))
        needed = text.height()
        widths = list(text.widths)
        if card.author:
            author = wrap(card.author, author_font, inner)
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
        assert best is not None
        return best

    def _card_pages(self, cards: tuple[RoomCard, ...], body: QRectF) -> tuple[CardPage, ...]:
        """The cards page by page: each page as many as fit at the floor in the biggest
        grid, fewer (and bigger) while a card's text would not fit its card.

        The last two layouts are kept (the one painted and the one a change brings); a
        layout for cards that begin with a kept layout's cards lays out its last page and
        what follows alone (a card added, the usual change, costs a page, not the wall).
        """
        screen = (body.width(), body.height(), float(self.height()))
        kept_layouts = self._pages_kept or []
        for kept_screen, kept_cards, kept in kept_layouts:
            if kept_cards is cards and kept_screen == screen:
                return kept
        floor = floor_px(self.height())
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
        laid = tuple(pages) or (CardPage(0, 0, self._shape(1, body, gap, most)),)
        self._pages_kept = [*kept_layouts[-1:], (screen, cards, laid)]
        return laid

    def _card_page_of(self, cards: tuple[RoomCard, ...], body: QRectF, index: int) -> int:
        pages = self._card_pages(cards, body)
        return next((n for n, page in enumerate(pages) if page.start <= index < page.end), 0)

    def _cards_changed(self, before: RoomView, after: RoomView, body: QRectF) -> bool:
        """Whether the page of cards shown, or the number of pages, differs between these."""
        old, new = self._card_pages(before.cards, body), self._card_pages(after.cards, body)
        if len(old) != len(new):
            return True
        page = min(self.page, len(new) - 1)
        was, now = old[page], new[page]
        return (was.start, was.end) != (now.start, now.end) or (
            before.cards[was.start : was.end] != after.cards[now.start : now.end]
        )

    def _page_text_size(
        self, shown: tuple[RoomCard, ...], width: float, height: float, floor: int
    ) -> int:
        """The largest text at which every card on the page fits its card (kept for the
        page: a repaint, a tick or a turn back to it measures nothing again)."""
        key = (shown, width, height, floor)
        if self._page_px is not None and self._page_px[0] == key:
            return self._page_px[1]
        px = floor
        low, high = floor, round(floor * LARGEST)
        while low <= high:
            middle = (low + high) // 2
            if all(self._card_fits(card, width, height, floor, middle) for card in shown):
                px, low = middle, middle + 1
            else:
                high = middle - 1
        self._page_px = (key, px)
        return px

    def _paint_cards(self, painter: QPainter, body: QRectF, view: RoomView) -> None:
        floor = floor_px(self.height())
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
        text_font, author_font = self._card_sizes(floor, px)
        newest = self.highlighted_card()
        pad = floor * 0.35
        for index, card in enumerate(shown):
            column, row = index % grid.columns, index // grid.columns
            rect = QRectF(
                body.left() + column * (width + grid.gap),
                body.top() + row * (height + grid.gap),
                width,
                height,
            )
            if card.id == newest:
                ring = floor * 0.14
                painter.setPen(QPen(NEWEST, ring * 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(rect.adjusted(-ring, -ring, ring, ring), pad, pad)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(CARD)
            painter.drawRoundedRect(rect, floor * 0.3, floor * 0.3)
            inner = rect.adjusted(pad, pad, -pad, -pad)
            painter.setPen(CARD_TEXT)
            wrapped = wrap(card.text, text_font, inner.width(), balanced=is_chinese(card.text))
            draw_text(
                painter,
                inner,
                card.text,
                text_font,
                max_lines=len(wrapped.lines),
                balanced=is_chinese(card.text),
            )
            if card.author:
                painter.setPen(AUTHOR)
                author = wrap(card.author, author_font, inner.width())
                draw_text(
                    painter,
                    QRectF(
                        inner.left(),
                        inner.bottom() - author.height(),
                        inner.width(),
                        author.height(),
                    ),
                    card.author,
                    author_font,
                    max_lines=len(author.lines),
                )

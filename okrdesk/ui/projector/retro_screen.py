"""The projector during a retrospective: the question the room is on, large, and its answers
as cards under their groups' titles (a mixin of the window, shown while the retrospective is
open). Every text fits: the sizes shrink to the floor, then the answers go on pages the
facilitator turns."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QColor, QFont, QPainter

from okrdesk.engine.retro_view import RetroAnswerView, RetroQuestionView
from okrdesk.ui.projector.colours import CARD, CARD_TEXT, MUTED, TEXT
from okrdesk.ui.projector.painting import Painting
from okrdesk.ui.projector.text_fit import Wrapped, draw_text, paginate, sized, wrap

translate = QCoreApplication.translate

ABOUT = QColor("#44403c")  # the objective an answer is about, on the yellow card: 9:1
CARD_FLOORS = 8.0  # a card at least this many floors wide


@dataclass(frozen=True)
class RetroSlide:
    """What the retrospective shows the room: one question and its answers."""

    heading: str  # "Northstar · 2027-Q1"
    question: RetroQuestionView
    words: str  # the question, in the room's language
    count: int = 4  # questions in all


def answer_lines(answer: RetroAnswerView) -> list[str]:
    """An answer's card: its text, the objective it is about, and who wrote it (a phone's
    answer, unless the workshop is anonymous)."""
    lines = [answer.text]
    if answer.objective is not None:
        lines.append(translate("RetroPainting", "About: %1").replace("%1", answer.objective))
    if answer.author is not None:
        lines.append(answer.author)
    return lines


def retro_lines(slide: RetroSlide) -> list[str]:
    """Everything the slide says, as plain lines (for accessibility and tests)."""
    said = [slide.heading, slide.words]
    question = slide.question
    for group in question.groups:
        said.append(group.title)
        for answer in group.answers:
            said += answer_lines(answer)
    for answer in question.loose:
        said += answer_lines(answer)
    return said


@dataclass(frozen=True)
class _Block:
    """A line of the slide's body: a group's title, or a row of cards."""

    title: str | None
    muted: bool
    answers: tuple[RetroAnswerView, ...]


@dataclass(frozen=True)
class _Layout:
    factor: float  # the texts' size, in units
    columns: int
    card_width: float
    blocks: tuple[_Block, ...]
    heights: tuple[float, ...]
    pages: tuple[tuple[int, int], ...]
    room: float  # the body's height on a page


def _pages(
    blocks: list[_Block], heights: list[float], room: float, gap: float
) -> tuple[tuple[int, int], ...]:
    """The blocks in pages; a group's title never ends a page (it goes on with its cards)."""
    if not blocks:
        return ((0, 0),)
    pages = list(paginate(heights, room, gap))
    for n in range(len(pages) - 1):
        start, end = pages[n]
        if end - start > 1 and blocks[end - 1].title is not None:
            pages[n] = (start, end - 1)
            pages[n + 1] = (end - 1, pages[n + 1][1])
    return tuple(pages)


def _draw(painter: QPainter, rect: QRectF, text: str, font: QFont) -> Wrapped:
    """Every line of the text (the layout made room for them all)."""
    return draw_text(painter, rect, text, font, max_lines=len(wrap(text, font, rect.width()).lines))


class RetroPainting(Painting):
    """The retrospective page: the question on top, then its answers as cards."""

    retro: RetroSlide | None = None

    def _retro_blocks(self, question: RetroQuestionView, columns: int) -> list[_Block]:
        blocks: list[_Block] = []
        for group in question.groups:
            blocks.append(_Block(group.title, False, ()))
            answers = group.answers
            blocks += [
                _Block(None, False, answers[i : i + columns])
                for i in range(0, len(answers), columns)
            ]
        loose = question.loose
        if loose and question.groups:
            blocks.append(_Block(translate("RetroPainting", "Not grouped yet"), True, ()))
        blocks += [
            _Block(None, False, loose[i : i + columns]) for i in range(0, len(loose), columns)
        ]
        return blocks

    def _retro_font(self, scale: float, bold: bool = False) -> QFont:
        return sized(self._font(1.0, bold=bold), max(self._floor(), round(self.unit() * scale)))

    def _retro_columns(self, width: float) -> int:
        return max(1, min(4, int(width // (self._floor() * CARD_FLOORS))))

    def _retro_card_width(self, width: float, columns: int) -> float:
        gap = self.unit() * 0.5
        return (width - gap * (columns - 1)) / columns

    def _retro_block_height(self, block: _Block, factor: float, card_width: float) -> float:
        unit = self.unit()
        if block.title is not None:
            font = self._retro_font(1.2 * factor, not block.muted)
            return wrap(block.title, font, self._retro_body_width()).height()
        pad = unit * 0.35
        tallest = 0.0
        for answer in block.answers:
            tallest = max(tallest, self._retro_card_height(answer, factor, card_width - 2 * pad))
        return tallest + 2 * pad

    def _retro_card_height(self, answer: RetroAnswerView, factor: float, inner: float) -> float:
        lines = answer_lines(answer)
        height = wrap(lines[0], self._retro_font(factor), inner).height()
        for line in lines[1:]:
            height += self.unit() * 0.2 + wrap(line, self._retro_font(0.8 * factor), inner).height()
        return height

    def _retro_body_width(self) -> float:
        return self.width() - 2 * self.unit()

    def _retro_head(self, slide: RetroSlide) -> list[tuple[str, float, QColor, bool]]:
        heading = (
            translate("RetroPainting", "Retrospective · %1 · question %2 of %3")
            .replace("%1", slide.heading)
            .replace("%2", str(slide.question.number))
            .replace("%3", str(slide.count))
        )
        return [(heading, 1.0, MUTED, False), (slide.words, 1.8, TEXT, True)]

    def _retro_layout(self, slide: RetroSlide) -> _Layout:
        """The layout on the fewest pages, then with the largest text, of those with one to
        four columns of cards (long answers read better in fewer, wider cards); never one
        whose card would not fit a page."""
        width = self._retro_body_width()
        best: _Layout | None = None
        for columns in range(self._retro_columns(width), 0, -1):
            layout = self._retro_layout_in(slide, columns)
            fits = all(h <= layout.room + 0.5 for h in layout.heights)
            if not fits and columns > 1:
                continue
            if best is None or (len(layout.pages), -layout.factor) < (
                len(best.pages),
                -best.factor,
            ):
                best = layout
        assert best is not None  # one column is always taken
        return best

    def _retro_layout_in(self, slide: RetroSlide, columns: int) -> _Layout:
        unit = self.unit()
        width = self._retro_body_width()
        card_width = self._retro_card_width(width, columns)
        blocks = self._retro_blocks(slide.question, columns)
        room = self.height() - 2 * unit
        gap = unit * 0.4
        factor = 1.3
        while True:
            head = sum(
                wrap(text, self._retro_font(scale * factor, bold), width).height() + gap
                for text, scale, _colour, bold in self._retro_head(slide)
            )
            heights = [self._retro_block_height(b, factor, card_width) for b in blocks]
            total = head + gap + sum(heights) + gap * max(0, len(heights) - 1)
            at_floor = round(unit * factor) <= self._floor()
            if total <= room or at_floor:
                break
            factor *= 0.92
        body = room - head - gap
        pages = _pages(blocks, heights, body, gap)
        if len(pages) > 1:  # room at the bottom for the page's number
            body -= wrap("0 / 0", self._retro_font(0.9), width).height() + unit * 0.2
            pages = _pages(blocks, heights, body, gap)
        return _Layout(factor, columns, card_width, tuple(blocks), tuple(heights), pages, body)

    def _paint_retro(self, painter: QPainter, slide: RetroSlide) -> None:
        unit = self.unit()
        width = self._retro_body_width()
        left = unit
        layout = self._retro_layout(slide)
        factor, blocks, heights, pages = layout.factor, layout.blocks, layout.heights, layout.pages
        self.pages = len(pages)
        self.page = min(self.page, self.pages - 1)
        gap = unit * 0.4
        y = unit
        for text, scale, colour, bold in self._retro_head(slide):
            font = self._retro_font(scale * factor, bold)
            wrapped = wrap(text, font, width)
            painter.setPen(colour)
            _draw(painter, QRectF(left, y, width, wrapped.height()), text, font)
            y += wrapped.height() + gap
        y += gap
        if not blocks:
            painter.setPen(MUTED)
            empty = translate("RetroPainting", "No answers yet.")
            font = self._retro_font(factor)
            wrapped = wrap(empty, font, width)
            _draw(painter, QRectF(left, y, width, wrapped.height()), empty, font)
            return
        card_width = layout.card_width
        start, end = pages[self.page]
        for index in range(start, end):
            block, height = blocks[index], heights[index]
            if block.title is not None:
                font = self._retro_font(1.2 * factor, not block.muted)
                painter.setPen(MUTED if block.muted else TEXT)
                _draw(painter, QRectF(left, y, width, height), block.title, font)
            else:
                for column, answer in enumerate(block.answers):
                    x = left + column * (card_width + unit * 0.5)
                    self._retro_card(painter, answer, QRectF(x, y, card_width, height), factor)
            y += height + gap
        if self.pages > 1:
            painter.setPen(MUTED)
            counter = f"{self.page + 1} / {self.pages}"
            font = self._retro_font(0.9)
            wrapped = wrap(counter, font, width)
            top = self.height() - unit * 0.2 - wrapped.height()
            _draw(painter, QRectF(left, top, width, wrapped.height()), counter, font)

    def _retro_card(
        self, painter: QPainter, answer: RetroAnswerView, rect: QRectF, factor: float
    ) -> None:
        pad = self.unit() * 0.35
        painter.setPen(CARD)
        painter.setBrush(CARD)
        painter.drawRoundedRect(rect, pad * 0.6, pad * 0.6)
        inner = rect.width() - 2 * pad
        y = rect.top() + pad
        lines = answer_lines(answer)
        font = self._retro_font(factor)
        wrapped = wrap(lines[0], font, inner)
        painter.setPen(CARD_TEXT)
        _draw(painter, QRectF(rect.left() + pad, y, inner, wrapped.height()), lines[0], font)
        y += wrapped.height()
        for line in lines[1:]:
            y += self.unit() * 0.2
            small = self._retro_font(0.8 * factor)
            wrapped = wrap(line, small, inner)
            painter.setPen(ABOUT)
            _draw(painter, QRectF(rect.left() + pad, y, inner, wrapped.height()), line, small)
            y += wrapped.height()

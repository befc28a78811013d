"""The projector during the all-hands: one slide at a time, as large as it fits (a mixin of
the window, shown while the presenter is open; the presenter's preview paints the same).

Every text fits: the sizes shrink down to the screen's floor, the title last; what is still
too long (a long why, many aligned objectives) goes on pages the presenter turns, the
slide's kicker and title repeated on each, a long paragraph broken between its lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from okrdesk.export.allhands_slides import LineStyle, SlideText
from okrdesk.ui.projector.colours import MUTED, OVERTIME, TEXT
from okrdesk.ui.projector.painting import Painting
from okrdesk.ui.projector.text_fit import draw_text, sized, wrap

HEADING = QColor("#93c5fd")  # a part of the slide ("Why", a unit): light blue, 8:1 on the dark
START = 1.5  # the body's size to start from, in units (the floor is 1.0)
TITLE = 1.9  # the title's size against the body's
HEAD_SHARE = 0.45  # the most of the screen the kicker and title take before the title shrinks
INDENT = 1.2  # units a level in
FIGURE_SHARE = 0.4  # a figure wider than this share of the line goes below the text


@dataclass(frozen=True)
class AllHandsSlide:
    """What the presenter puts on the screen: a slide, which of how many, and its page."""

    text: SlideText
    number: int  # 1-based
    count: int
    page: int = 0


@dataclass(frozen=True)
class _Line:
    """One drawn line of the body: a wrapped line of a slide's line."""

    text: str
    font: QFont
    colour: QColor
    indent: float
    width: float  # the width the text was wrapped in
    height: float
    space: float  # before it (dropped at a page's top)
    figure: str  # drawn at the right end of the block's first line
    block: int  # the slide's line it is part of: kept together on a page when it fits one


@dataclass(frozen=True)
class _Layout:
    factor: float
    title_scale: float
    head: float  # the kicker's and title's height, with the gap below
    lines: tuple[_Line, ...]
    pages: tuple[tuple[int, int], ...]


_STYLE = {
    LineStyle.HEADING: (1.05, True, HEADING),
    LineStyle.BODY: (1.0, False, TEXT),
    LineStyle.WHY: (1.15, False, TEXT),
    LineStyle.MUTED: (0.85, False, MUTED),
}


def allhands_lines(slide: AllHandsSlide) -> list[str]:
    """Everything the slide says, as plain lines (for accessibility and tests)."""
    return list(slide.text.said())


class AllHandsPainting(Painting):
    """The all-hands slide: kicker, title, then the body's lines, paged when they must be."""

    allhands: AllHandsSlide | None = None

    def _allhands_font(self, scale: float, bold: bool = False) -> QFont:
        return sized(self._font(1.0, bold=bold), max(self._floor(), round(self.unit() * scale)))

    def _allhands_width(self) -> float:
        return self.width() - 2 * self.unit()

    def _allhands_head(self, text: SlideText, factor: float, title_scale: float) -> float:
        width, gap = self._allhands_width(), self.unit() * 0.35
        kicker = wrap(text.kicker, self._allhands_font(factor), width).height()
        title_font = self._allhands_font(title_scale * factor, True)
        title = wrap(text.title, title_font, width, balanced=True).height()
        return kicker + gap + title + self.unit() * 0.8

    def _allhands_body(self, text: SlideText, factor: float) -> list[_Line]:
        unit, width = self.unit(), self._allhands_width()
        lines: list[_Line] = []
        for number, line in enumerate(text.lines):
            scale, bold, colour = _STYLE[line.style]
            font = self._allhands_font(scale * factor, bold)
            indent = line.level * INDENT * unit
            figure, figure_width = line.figure, 0.0
            if figure:
                figure_width = sum(wrap(figure, font, width).widths[:1]) + unit * 0.6
                if figure_width > FIGURE_SHARE * (width - indent):
                    figure_width = 0.0  # too long beside the text: on lines of its own below
            room = width - indent - figure_width
            space = 0.0 if number == 0 else unit * (0.7 if line.style is LineStyle.HEADING else 0.3)
            beside = figure if figure_width else ""
            lines += self._wrapped_lines(
                line.text, font, colour, indent, room, space, beside, number
            )
            if figure and not figure_width:
                lines += self._wrapped_lines(
                    figure,
                    font,
                    OVERTIME,
                    indent + INDENT * unit,
                    room - INDENT * unit,
                    0.0,
                    "",
                    number,
                )
        return lines

    @staticmethod
    def _wrapped_lines(
        text: str,
        font: QFont,
        colour: QColor,
        indent: float,
        width: float,
        space: float,
        figure: str,
        block: int,
    ) -> list[_Line]:
        wrapped = wrap(text, font, width)
        between = wrapped.line_spacing - wrapped.font_height
        return [
            _Line(
                text=part,
                font=font,
                colour=colour,
                indent=indent,
                width=width,
                height=wrapped.font_height,
                space=space if index == 0 else between,
                figure=figure if index == 0 else "",
                block=block,
            )
            for index, part in enumerate(wrapped.lines or ("",))
        ]

    def _allhands_layout(self, text: SlideText) -> _Layout:
        """The largest sizes at which the slide fits one page; at the floor, pages."""
        unit = self.unit()
        room = self.height() - 2 * unit
        factor = START
        while True:
            lines = self._allhands_body(text, factor)
            body = sum(line.space + line.height for line in lines)
            head = self._allhands_head(text, factor, TITLE)
            if head + body <= room or round(unit * factor) <= self._floor():
                break
            factor = max(1.0, factor * 0.92)
        title_scale = TITLE
        while head > room * HEAD_SHARE and title_scale > 1.0:
            title_scale = max(1.0, title_scale * 0.92)
            head = self._allhands_head(text, factor, title_scale)
        pages = self._allhands_pages(lines, room - head)
        if len(pages) > 1:  # room at the bottom for the page's number
            counter = wrap("0 / 0", self._allhands_font(0.9), self._allhands_width()).height()
            pages = self._allhands_pages(lines, room - head - counter - unit * 0.2)
        return _Layout(factor, title_scale, head, tuple(lines), pages)

    @staticmethod
    def _allhands_pages(lines: list[_Line], room: float) -> tuple[tuple[int, int], ...]:
        """Lines in pages: a slide's line (all its wrapped lines) moves whole to the next page
        when it would be split and fits one page; a longer one is split between lines."""
        pages: list[tuple[int, int]] = []
        start, used = 0, 0.0
        for index, line in enumerate(lines):
            need = line.height if index == start else used + line.space + line.height
            if index > start and need > room + 0.5:
                first = index
                while first > start and lines[first - 1].block == line.block:
                    first -= 1
                whole = sum(
                    (0.0 if i == first else lines[i].space) + lines[i].height
                    for i in range(first, len(lines))
                    if lines[i].block == line.block
                )
                if first == start or whole > room + 0.5:
                    first = index  # the page holds nothing else, or the block needs pages
                pages.append((start, first))
                start = first
                used = sum(
                    (0.0 if i == first else lines[i].space) + lines[i].height
                    for i in range(first, index + 1)
                )
            else:
                used = need
        pages.append((start, len(lines)))
        return tuple(pages)

    def allhands_pages(self, text: SlideText) -> int:
        """How many pages the slide takes on this screen."""
        return len(self._allhands_layout(text).pages)

    def _paint_allhands(self, painter: QPainter, slide: AllHandsSlide) -> None:
        unit, width = self.unit(), self._allhands_width()
        layout = self._allhands_layout(slide.text)
        self.pages = len(layout.pages)
        self.page = min(slide.page, self.pages - 1)
        left, y = unit, unit
        font = self._allhands_font(layout.factor)
        wrapped = wrap(slide.text.kicker, font, width)
        painter.setPen(MUTED)
        draw_text(
            painter,
            QRectF(left, y, width, wrapped.height()),
            slide.text.kicker,
            font,
            max_lines=len(wrapped.lines),
        )
        y += wrapped.height() + unit * 0.35
        font = self._allhands_font(layout.title_scale * layout.factor, True)
        wrapped = wrap(slide.text.title, font, width, balanced=True)
        painter.setPen(TEXT)
        draw_text(
            painter,
            QRectF(left, y, width, wrapped.height()),
            slide.text.title,
            font,
            max_lines=len(wrapped.lines),
            balanced=True,
        )
        y = unit + layout.head
        start, end = layout.pages[self.page]
        for index in range(start, end):
            line = layout.lines[index]
            if index > start:
                y += line.space
            painter.setPen(line.colour)
            x = left + line.indent
            draw_text(
                painter, QRectF(x, y, line.width, line.height), line.text, line.font, max_lines=1
            )
            if line.figure:
                painter.setPen(OVERTIME)
                draw_text(
                    painter,
                    QRectF(left, y, width, line.height),
                    line.figure,
                    line.font,
                    align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                    max_lines=1,
                )
            y += line.height
        if self.pages > 1:
            painter.setPen(MUTED)
            counter = f"{self.page + 1} / {self.pages}"
            font = self._allhands_font(0.9)
            wrapped = wrap(counter, font, width)
            top = self.height() - unit * 0.6 - wrapped.height()
            draw_text(
                painter,
                QRectF(left, top, width, wrapped.height()),
                counter,
                font,
                align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                max_lines=1,
            )

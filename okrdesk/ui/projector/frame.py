"""The frame around the wall on the projector: where the header and the body go, and the
header itself (the workshop's title, its phase, the countdown) (a mixin of the window)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QPainter

from okrdesk.ui.projector.colours import BACKGROUND, MUTED, OVERTIME, TEXT
from okrdesk.ui.projector.painting import Painting
from okrdesk.ui.projector.text_fit import (
    ELLIPSIS,
    MAX_LINES,
    Wrapped,
    draw_text,
    fit_size,
    sized,
    wrap,
)
from okrdesk.ui.timer import format_seconds
from okrdesk.ui.words import phase_name
from okrdesk.vocabulary import Phase

# No countdown at setup (the work has not begun) nor at export (it is done).
QUIET_PHASES = frozenset({Phase.SETUP, Phase.EXPORT})
CLOCK_SHARE = 0.3  # the countdown takes at most this share of the header's width


@dataclass(frozen=True)
class HeaderLayout:
    """The header laid out: where it goes, the title's size and lines, the phase's font and
    the countdown's room (kept for what it depends on, ``key``)."""

    key: tuple[object, ...]
    rect: QRectF
    title_font: QFont
    title: Wrapped
    text: str  # the title as shown (cut to three lines at the floor, when it must be)
    phase_font: QFont
    clock_width: float
    clock_height: float | None  # the countdown's row when the phase goes below it
    clock_font: QFont | None  # None: no countdown shows


class FramePainting(Painting):
    """The header (the workshop's title, the phase, the countdown) and the body below it."""

    seconds_left: float | None
    # What the header's rectangle was worked out for, and the rectangle (see _header_rect).
    _header_kept: tuple[tuple[object, ...], HeaderLayout] | None = None

    def _body_rect(self) -> QRectF:
        """Below the header: the wall, the ballots or the result; a footer line below it."""
        unit = self.unit()
        header = self._header_rect()
        # Never a negative rectangle: a body with no room is empty and draws nothing.
        return QRectF(
            unit,
            header.bottom() + unit * 0.5,
            max(0.0, self.width() - 2 * unit),
            max(0.0, self.height() - header.bottom() - unit * 2.0),
        )

    def _header_fonts(self) -> tuple[QFont, QFont, QFont]:
        """The title's, the phase's and the countdown's fonts."""
        return self._font(1.3, bold=True), self._font(1.0), self._font(1.9, bold=True)

    def _clock_width(self) -> float:
        """Room for the countdown on the header's right; none when no countdown shows (the
        title then takes the whole width)."""
        if self._clock_text() is None:
            return 0.0
        clock_font = self._header_fonts()[2]
        sample, pad = self._clock_sample(), self.unit() * 0.8
        needed = wrap(sample, clock_font, 10_000).widths[0] + pad
        smallest = wrap(sample, sized(clock_font, self._floor()), 10_000).widths[0]
        # Capped: on a narrow (portrait) screen the countdown shrinks (never below the
        # floor) and the title keeps most of the width.
        return min(needed, max(smallest + pad, (self.width() - 2 * self.unit()) * CLOCK_SHARE))

    def _clock_font(self) -> QFont:
        """The countdown's font: its size, smaller when its capped room needs it."""
        font = self._header_fonts()[2]
        room = self._clock_width() - self.unit() * 0.8
        size = fit_size(
            [self._clock_sample()],
            font,
            room,
            largest=font.pixelSize(),
            smallest=self._floor(),
            max_lines=1,
        )
        return sized(font, size or self._floor())

    def _clock_sample(self) -> str:
        """The widest countdown the header makes room for: as many digits as the timebox or
        the time shown needs (hours once either reaches an hour), each the widest digit, with
        the overtime's sign; it changes only when hours appear (or a tenth hour)."""
        view = self.view
        planned = 0 if view is None else (view.timer.planned_minutes or 0) * 60
        shown = 0.0 if self.seconds_left is None else abs(self.seconds_left)
        widest = format_seconds(max(planned, shown))
        return "+" + "".join("8" if char.isdigit() else char for char in widest)

    def _title_layout(self) -> tuple[QFont, Wrapped, str]:
        """The workshop's title in the header: one line if it can (shrinking to the floor),
        else two, else three at the floor size; a title longer than three lines at the floor
        is cut to three, ending in an ellipsis (the one text on the projector that may be: a header
        growing without end would leave no room for the wall). The font, the lines and the
        text shown."""
        view = self.view
        title = "" if view is None else view.title
        font = self._header_fonts()[0]
        width = max(1.0, self.width() - 2 * self.unit() - self._clock_width())
        floor = self._floor()
        size = None
        for lines in range(1, MAX_LINES + 1):
            size = fit_size(
                [title], font, width, largest=font.pixelSize(), smallest=floor, max_lines=lines
            )
            if size is not None:
                break
        font = sized(font, size or floor)
        wrapped = wrap(title, font, width, balanced=True)
        if size is None:
            title = self._cut_title(title, font, width)
            wrapped = wrap(title, font, width, balanced=True)
        return font, wrapped, title

    @staticmethod
    def _cut_title(title: str, font: QFont, width: float) -> str:
        """The longest start of the title that, with an ellipsis, wraps into MAX_LINES lines."""
        low, high = 0, len(title)
        while low < high:
            middle = (low + high + 1) // 2
            if wrap(title[:middle].rstrip() + ELLIPSIS, font, width, balanced=True).fits():
                low = middle
            else:
                high = middle - 1
        return title[:low].rstrip() + ELLIPSIS

    def _clock_height(self, title: Wrapped) -> float | None:
        """How high the countdown's row is when the phase cannot stand beside it (a narrow
        screen: the phase then takes the whole width below the title and the countdown);
        None when it can."""
        view = self.view
        if view is None or self._clock_text() is None:
            return None
        phase_font = self._header_fonts()[1]
        beside = self.width() - 2 * self.unit() - self._clock_width()
        if wrap(phase_name(view.phase, view.light), phase_font, beside).fits(max_lines=1):
            return None
        return max(title.height(), wrap("0", self._clock_font(), 10_000).height())

    def _header_rect(self) -> QRectF:
        """The title (its lines), the phase below it, the countdown on the right (kept for
        what it depends on: a change and its paint ask for it several times, with the title
        fitted each time)."""
        return QRectF(self._header_laid().rect)

    def _header_laid(self) -> HeaderLayout:
        """The header laid out, kept for what it depends on (see _header_rect)."""
        view = self.view
        key = (
            self.width(),
            self.height(),
            self.font().key(),
            None if view is None else (view.title, view.phase, view.light),
            self._clock_text() is None,
            self._clock_sample(),
        )
        kept = self._header_kept
        if kept is None or kept[0] != key:
            kept = self._header_kept = (key, self._lay_out_header(key))
        return kept[1]

    def _lay_out_header(self, key: tuple[object, ...]) -> HeaderLayout:
        unit = self.unit()
        title_font, title, text = self._title_layout()
        phase_font = self._header_fonts()[1]
        phase = wrap("0", phase_font, 10_000).height()
        clock_height = self._clock_height(title)
        above = title.height() if clock_height is None else clock_height
        height = max(above + phase + unit * 0.1, unit * 2.4)
        clock = self._clock_text() is not None
        return HeaderLayout(
            key=key,
            rect=QRectF(unit, unit * 0.5, self.width() - 2 * unit, height),
            title_font=title_font,
            title=title,
            text=text,
            phase_font=phase_font,
            clock_width=self._clock_width(),
            clock_height=clock_height,
            clock_font=self._clock_font() if clock else None,
        )

    def _paint_header(self, painter: QPainter, rect: QRectF) -> None:
        view = self.view
        assert view is not None
        laid = self._header_laid()
        phase = phase_name(view.phase, view.light)
        # The title and the phase painted once (the title fitted, its lines drawn), then
        # drawn from their image; the countdown, which changes every second, on top.
        pad = self.unit() * 0.3
        self._kept_blocks().draw(
            painter,
            ("header", laid.key, phase, rect.getRect()),
            rect.adjusted(-pad, -pad, pad, pad).toAlignedRect(),
            partial(self._paint_title_and_phase, rect=rect, laid=laid, phase=phase),
            background=BACKGROUND,  # painted first: the body and the countdown come after
        )
        clock = self._clock_text()
        if clock is not None and laid.clock_font is not None:
            # Overtime in amber: a nudge to the facilitator, not an alarm for the room.
            painter.setPen(OVERTIME if clock.startswith("+") else TEXT)
            draw_text(
                painter,
                QRectF(
                    rect.right() - laid.clock_width,
                    rect.top(),
                    laid.clock_width,
                    rect.height() if laid.clock_height is None else laid.clock_height,
                ),
                clock,
                laid.clock_font,
                align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                max_lines=1,
            )

    def _paint_title_and_phase(
        self, painter: QPainter, rect: QRectF, laid: HeaderLayout, phase: str
    ) -> None:
        title = laid.title
        width = rect.width() - laid.clock_width
        painter.setPen(TEXT)
        draw_text(
            painter,
            QRectF(rect.left(), rect.top(), width, title.height()),
            laid.text,
            laid.title_font,
            max_lines=len(title.lines),
            balanced=True,
        )
        painter.setPen(MUTED)
        if laid.clock_height is None:
            top = rect.top() + title.height() + self.unit() * 0.1
            phase_width = width
        else:  # below the title and the countdown, the whole width
            top = rect.top() + laid.clock_height + self.unit() * 0.1
            phase_width = rect.width()
        draw_text(
            painter,
            QRectF(rect.left(), top, phase_width, rect.bottom() - top),
            phase,
            laid.phase_font,
            max_lines=1,
        )

    def _clock_text(self) -> str | None:
        """The countdown, only while the room works in a timeboxed phase (not at setup nor at
        the end: there is nothing to run over before the work begins or after it is done)."""
        view = self.view
        if self.seconds_left is None or view is None:
            return None
        timer = view.timer
        if view.phase in QUIET_PHASES or not timer.running or timer.planned_minutes is None:
            return None
        return ("+" if self.seconds_left < 0 else "") + format_seconds(self.seconds_left)

"""The frame around the wall on the projector: where the header and the body go, and the
header itself (the workshop's title, its phase, the countdown) (a mixin of the window)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QPainter

from okrdesk.engine.room_view import RoomView
from okrdesk.ui.projector.colours import MUTED, OVERTIME, TEXT
from okrdesk.ui.projector.text_fit import Wrapped, draw_text, fit_size, floor_px, sized, wrap
from okrdesk.ui.timer import format_seconds
from okrdesk.ui.words import phase_name
from okrdesk.vocabulary import Phase

# No countdown at setup (the work has not begun) nor at export (it is done).
QUIET_PHASES = frozenset({Phase.SETUP, Phase.EXPORT})


class FramePainting:
    """Needs the window's unit(), _font(), width(), height(), view and seconds_left."""

    view: RoomView | None
    seconds_left: float | None

    def unit(self) -> float:
        raise NotImplementedError

    def _font(self, scale: float, bold: bool = False) -> QFont:
        raise NotImplementedError

    if TYPE_CHECKING:  # QWidget's, which comes after this mixin: never shadow them

        def width(self) -> int: ...

        def height(self) -> int: ...

    def _body_rect(self) -> QRectF:
        """Below the header: the wall, the ballots or the result; a footer line below it."""
        unit = self.unit()
        header = self._header_rect()
        return QRectF(
            unit,
            header.bottom() + unit * 0.5,
            self.width() - 2 * unit,
            self.height() - header.bottom() - unit * 2.0,
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
        return wrap("+00:00", clock_font, 10_000).widths[0] + self.unit() * 0.8

    def _title_layout(self) -> tuple[QFont, Wrapped]:
        """The workshop's title in the header: one line if it can (shrinking to the floor),
        else wrapped at the floor size; never cut."""
        view = self.view
        title = "" if view is None else view.title
        font = self._header_fonts()[0]
        width = self.width() - 2 * self.unit() - self._clock_width()
        floor = floor_px(self.height())
        size = fit_size([title], font, width, largest=font.pixelSize(), smallest=floor, max_lines=1)
        if size is None:
            size = (
                fit_size(
                    [title], font, width, largest=font.pixelSize(), smallest=floor, max_lines=2
                )
                or floor
            )
        font = sized(font, size)
        return font, wrap(title, font, width, balanced=True)

    def _header_rect(self) -> QRectF:
        """The title (its lines), the phase below it, the countdown on the right."""
        unit = self.unit()
        _title_font, title = self._title_layout()
        phase = wrap("0", self._header_fonts()[1], 10_000).height()
        height = max(title.height() + phase + unit * 0.1, unit * 2.4)
        return QRectF(unit, unit * 0.5, self.width() - 2 * unit, height)

    def _paint_header(self, painter: QPainter, rect: QRectF) -> None:
        view = self.view
        assert view is not None
        title_font, title = self._title_layout()
        _font, phase_font, clock_font = self._header_fonts()
        width = rect.width() - self._clock_width()
        painter.setPen(TEXT)
        draw_text(
            painter,
            QRectF(rect.left(), rect.top(), width, title.height()),
            view.title,
            title_font,
            max_lines=len(title.lines),
            balanced=True,
        )
        painter.setPen(MUTED)
        phase = phase_name(view.phase, view.light)
        top = rect.top() + title.height() + self.unit() * 0.1
        draw_text(
            painter,
            QRectF(rect.left(), top, width, rect.bottom() - top),
            phase,
            phase_font,
            max_lines=1,
        )
        clock = self._clock_text()
        if clock is not None:
            # Overtime in amber: a nudge to the facilitator, not an alarm for the room.
            painter.setPen(OVERTIME if clock.startswith("+") else TEXT)
            draw_text(
                painter,
                QRectF(
                    rect.right() - self._clock_width(),
                    rect.top(),
                    self._clock_width(),
                    rect.height(),
                ),
                clock,
                clock_font,
                align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
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

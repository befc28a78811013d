"""The frame around the wall on the projector: where the header and the body go, and the
header itself (the workshop's title, its phase, the countdown) (a mixin of the window)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter

from okrdesk.engine.room_view import RoomView
from okrdesk.ui.projector.colours import MUTED, OVERTIME, TEXT
from okrdesk.ui.timer import format_seconds
from okrdesk.ui.words import phase_name


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
        """Below the header: the wall, the ballots or the result."""
        unit = self.unit()
        header = self._header_rect()
        return QRectF(
            unit,
            header.bottom() + unit * 0.6,
            self.width() - 2 * unit,
            self.height() - header.bottom() - unit * 1.6,
        )

    def _header_rect(self) -> QRectF:
        unit = self.unit()
        return QRectF(unit, unit * 0.6, self.width() - 2 * unit, unit * 2.6)

    def _paint_header(self, painter: QPainter, rect: QRectF) -> None:
        view = self.view
        assert view is not None
        clock_width = self.unit() * 9
        painter.setPen(TEXT)
        painter.setFont(self._font(1.35, bold=True))
        title_rect = QRectF(
            rect.left(), rect.top(), rect.width() - clock_width, rect.height() * 0.55
        )
        title = QFontMetricsF(painter.font()).elidedText(
            view.title, Qt.TextElideMode.ElideRight, title_rect.width()
        )
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title
        )
        painter.setPen(MUTED)
        painter.setFont(self._font(1.0))
        phase_rect = QRectF(
            rect.left(), title_rect.bottom(), title_rect.width(), rect.height() * 0.45
        )
        painter.drawText(
            phase_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            phase_name(view.phase, view.light),
        )
        clock = self._clock_text()
        if clock is not None:
            painter.setPen(OVERTIME if clock.startswith("+") else TEXT)
            painter.setFont(self._font(2.3, bold=True))
            width = QFontMetricsF(painter.font()).horizontalAdvance(clock) + self.unit() * 0.3
            painter.drawText(
                QRectF(rect.right() - width, rect.top(), width, rect.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                clock,
            )

    def _clock_text(self) -> str | None:
        if self.seconds_left is None:
            return None
        return ("+" if self.seconds_left < 0 else "") + format_seconds(self.seconds_left)

"""The projector's join page: the room's QR code, its address and how to join, as large as
the screen allows (a mixin of the window, shown while the facilitator asks for it)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QColor, QFont, QPainter

from okrdesk.ui.projector.colours import MUTED, TEXT
from okrdesk.ui.projector.painting import Painting
from okrdesk.ui.projector.text_fit import draw_text, sized, wrap
from okrdesk.ui.qr_code import QrCode

GAP = 1.5  # units between the code and the words
SPACING = 0.5  # units between lines of words


@dataclass(frozen=True)
class JoinScreen:
    """What the join page shows: the address phones open (also as a QR code) and the code."""

    url: str
    code: str

    def qr(self) -> QrCode:
        return QrCode(self.url)


def join_steps() -> tuple[str, str, str, str]:
    """The heading and the steps around the address, in the projector's language."""
    translate = QCoreApplication.translate
    return (
        translate("JoinPainting", "Join from your phone"),
        translate("JoinPainting", "1. Connect to this room's Wi-Fi (no internet needed)"),
        translate("JoinPainting", "2. Scan the code, or open:"),
        translate("JoinPainting", "3. Pick your name"),
    )


class JoinPainting(Painting):
    """The join page: the QR code on the left (on top on a portrait screen), the words beside."""

    join: JoinScreen | None = None
    _qr_kept: QrCode | None = None
    _join_kept: tuple[object, tuple[tuple[QFont, QColor, str, float, float], ...]] | None = None

    def _join_qr(self, join: JoinScreen) -> QrCode:
        kept = self._qr_kept
        if kept is None or kept.text != join.url:
            kept = self._qr_kept = join.qr()
        return kept

    def _paint_join(self, painter: QPainter, body: QRectF, join: JoinScreen) -> None:
        self.pages, self.page = 1, 0
        unit = self.unit()
        portrait = body.height() > body.width()
        if portrait:
            side = min(body.width(), body.height() * 0.5)
            square = QRectF(body.left() + (body.width() - side) / 2, body.top(), side, side)
            words = QRectF(
                body.left(), square.bottom() + unit, body.width(), body.bottom() - square.bottom()
            )
        else:
            side = min(body.height(), body.width() * 0.45)
            square = QRectF(body.left(), body.top() + (body.height() - side) / 2, side, side)
            left = square.right() + unit * GAP
            words = QRectF(left, body.top(), body.right() - left, body.height())
        self._join_qr(join).paint(painter, square)
        self._paint_join_words(painter, words, join)

    def _paint_join_words(self, painter: QPainter, rect: QRectF, join: JoinScreen) -> None:
        for font, colour, text, top, height in self._join_layout(rect, join):
            painter.setPen(colour)
            draw_text(painter, QRectF(rect.left(), top, rect.width(), height), text, font)

    def _join_layout(
        self, rect: QRectF, join: JoinScreen
    ) -> tuple[tuple[QFont, QColor, str, float, float], ...]:
        """Each line's font, colour, text, top and height: the largest sizes that fit."""
        heading, connect, scan, pick = join_steps()
        code = QCoreApplication.translate("JoinPainting", "Room code: %1").replace("%1", join.code)
        lines = (
            (1.8, True, heading),
            (1.0, False, connect),
            (1.0, False, scan),
            (1.3, True, join.url),
            (1.0, False, pick),
            (1.0, False, code),
        )
        key = (rect.width(), rect.height(), lines)
        kept = self._join_kept
        if kept is not None and kept[0] == key:
            return kept[1]
        unit, floor = self.unit(), self._floor()
        factor = 1.0
        while True:
            laid: list[tuple[QFont, QColor, str, float, float]] = []
            y, whole = rect.top(), True
            for scale, strong, text in lines:
                font = sized(self._font(1.0, bold=strong), max(floor, round(unit * scale * factor)))
                address = text == join.url
                for part in _address_lines(text, font, rect.width()) if address else [text]:
                    wrapped = wrap(part, font, rect.width())
                    whole &= not address or len(wrapped.lines) == 1  # never cut a number
                    laid.append((font, TEXT if strong else MUTED, part, y, wrapped.height()))
                    y += wrapped.height()
                y += unit * SPACING * factor
            fits = whole and y - unit * SPACING * factor <= rect.bottom()
            if fits or round(unit * lines[0][0] * factor) <= floor:  # the largest at the floor
                break
            factor *= 0.92
        self._join_kept = (key, tuple(laid))
        return self._join_kept[1]


def _address_lines(url: str, font: QFont, width: float) -> list[str]:
    """The address on one line, or broken after the port (never inside a number)."""
    if len(wrap(url, font, width).lines) == 1:
        return [url]
    scheme, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    return [f"{scheme}://{host}", slash + path]

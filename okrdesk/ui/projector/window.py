"""The projector window: big, high-contrast, only what the room should see."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QEvent, QRectF, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from okrdesk.models import Phase
from okrdesk.ui.projector.colours import BACKGROUND, IN, MUTED, OUT, OVERTIME, TEXT, TIE
from okrdesk.ui.projector.room import RoomView
from okrdesk.ui.projector.wall import WallPainting, wrap_flags
from okrdesk.ui.timer import format_seconds
from okrdesk.ui.words import phase_name, signoff_status_name

PAGE_SECONDS = 8


class ProjectorWindow(WallPainting, QWidget):
    """Painted, not built from controls: nothing here can be clicked or read but the room view."""

    thawed = Signal()

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.view: RoomView | None = None
        self.seconds_left: float | None = None
        self.blank = False
        self.frozen = False
        self.page = 0
        self.pages = 1
        self.reveal = 1.0  # 0 -> 1 while the revealed tally builds up
        self._revealed_before = False
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(1600)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._grow)
        self._pager = QTimer(self)
        self._pager.setInterval(PAGE_SECONDS * 1000)
        self._pager.timeout.connect(self._next_page)
        self._pager.start()
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.resize(1024, 768)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("okrdesk — Projector"))
        self.setAccessibleName(self.tr("Projector"))
        self.update()

    # What to show
    def show_room(self, view: RoomView | None) -> None:
        """New content (ignored while frozen); a fresh reveal plays its build-up."""
        if self.frozen:
            return
        revealed = view is not None and view.standings is not None
        if revealed and not self._revealed_before:
            self.reveal = 0.0
            self._animation.stop()
            self._animation.setStartValue(0.0)
            self._animation.setEndValue(1.0)
            self._animation.start()
        self._revealed_before = revealed
        if view is None or self.view is None or view.phase != self.view.phase:
            self.page = 0
        self.view = view
        self.setAccessibleDescription(self.description())
        self.update()

    def set_seconds_left(self, seconds: float | None) -> None:
        if not self.frozen and seconds != self.seconds_left:
            self.seconds_left = seconds
            self.update()

    def toggle_blank(self) -> None:
        self.blank = not self.blank
        self.update()

    def toggle_freeze(self) -> None:
        self.frozen = not self.frozen
        if not self.frozen:
            self.thawed.emit()  # catch up with what happened while frozen
        self.update()

    def description(self) -> str:
        """The visible content as plain text (for accessibility and for checking what shows)."""
        view = self.view
        if view is None:
            return ""
        lines = [view.title, phase_name(view.phase, view.light)]
        lines += [card.text + (f" — {card.author}" if card.author else "") for card in view.cards]
        shown = view.objectives if view.focus is None else (view.objectives[view.focus],)
        for objective in shown:
            lines.append(objective.title)
            lines.extend(view_kr for view_kr in objective.key_results)
        if view.phase == Phase.VOTE and view.standings is None and view.ballots_expected:
            lines.append(self._ballots_text(view))
            lines.extend(view.not_voted)
        for standing in view.standings or ():
            lines.append(f"{standing.title} {standing.dots}")
        if view.signoff_status:
            lines.append(signoff_status_name(view.signoff_status, view.light))
        return "\n".join(lines)

    def _ballots_text(self, view: RoomView) -> str:
        return (
            self.tr("%1 / %2 ballots in")
            .replace("%1", str(view.ballots_in))
            .replace("%2", str(view.ballots_expected))
        )

    # Keys: B blanks, F freezes (as in slide shows); arrows turn pages.
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_B, Qt.Key.Key_Period):
            self.toggle_blank()
        elif event.key() == Qt.Key.Key_F:
            self.toggle_freeze()
        elif event.key() in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self._next_page()
        elif event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        else:
            super().keyPressEvent(event)

    def _next_page(self) -> None:
        if self.pages > 1 and not self.frozen:
            self.page = (self.page + 1) % self.pages
            self.update()

    def _grow(self, value: object) -> None:
        self.reveal = float(value)  # type: ignore[arg-type]
        self.update()

    # Painting
    def unit(self) -> float:
        """The smallest text size: a 30th of the screen height (readable from 8 m)."""
        return max(self.height() / 30, 12.0)

    def _font(self, scale: float, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(1, round(self.unit() * scale)))
        font.setBold(bold)
        return font

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("black") if self.blank else BACKGROUND)
        if self.blank or self.view is None:
            painter.end()
            return
        unit = self.unit()
        margin = unit
        header = QRectF(margin, margin * 0.6, self.width() - 2 * margin, unit * 2.6)
        self._paint_header(painter, header)
        body = QRectF(
            margin,
            header.bottom() + unit * 0.6,
            self.width() - 2 * margin,
            self.height() - header.bottom() - unit * 1.6,
        )
        view = self.view
        if view.phase == Phase.BRAINSTORM:
            self._paint_cards(painter, body, view)
        elif view.phase == Phase.VOTE and view.standings is not None:
            self._paint_results(painter, body, view)
        elif view.phase == Phase.VOTE and view.ballots_expected:
            self._paint_progress(painter, body, view)
        else:
            self._paint_objectives(painter, body, view)
        if self.pages > 1:
            painter.setFont(self._font(1.0))
            painter.setPen(MUTED)
            footer = QRectF(
                margin, self.height() - unit * 1.3, self.width() - 2 * margin, unit * 1.2
            )
            painter.drawText(footer, Qt.AlignmentFlag.AlignRight, f"{self.page + 1} / {self.pages}")
        if self.frozen:
            painter.setFont(self._font(1.0))
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(margin, self.height() - unit * 1.3, self.width(), unit * 1.2),
                self.tr("(paused)"),
            )
        painter.end()

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
        if self.seconds_left is not None:
            overtime = self.seconds_left < 0
            painter.setPen(OVERTIME if overtime else TEXT)
            painter.setFont(self._font(2.3, bold=True))
            clock = ("+" if overtime else "") + format_seconds(self.seconds_left)
            width = QFontMetricsF(painter.font()).horizontalAdvance(clock) + self.unit() * 0.3
            painter.drawText(
                QRectF(rect.right() - width, rect.top(), width, rect.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                clock,
            )

    def _paint_presented(self, painter: QPainter, body: QRectF, view: RoomView) -> None:
        """One objective on its own, larger, for the signer to go through one by one."""
        assert view.focus is not None
        unit = self.unit()
        self.pages, self.page = 1, 0
        painter.setFont(self._font(0.9))
        painter.setPen(MUTED)
        counter = (
            self.tr("Objective %1 of %2")
            .replace("%1", str(view.focus + 1))
            .replace("%2", str(len(view.objectives)))
        )
        painter.drawText(
            QRectF(body.left(), body.top(), body.width(), unit * 1.4), wrap_flags(), counter
        )
        y = body.top() + unit * 1.8
        lines = self._objective_lines(view.objectives[view.focus], view.focus + 1, scale=1.5)
        for font, colour, text, indent in lines:
            painter.setFont(font)
            painter.setPen(colour)
            rect = QRectF(body.left() + indent, y, body.width() - indent, body.bottom() - y)
            bound = painter.boundingRect(rect, wrap_flags(), text)
            painter.drawText(rect, wrap_flags(), text)
            y += bound.height() + unit * 0.4

    def _paint_progress(self, painter: QPainter, body: QRectF, view: RoomView) -> None:
        unit = self.unit()
        painter.setPen(TEXT)
        painter.setFont(self._font(3.2, bold=True))
        big = QRectF(body.left(), body.top(), body.width(), unit * 4.5)
        painter.drawText(big, Qt.AlignmentFlag.AlignCenter, self._ballots_text(view))
        painter.setFont(self._font(1.1))
        painter.setPen(MUTED)
        state = self.tr("Run-off open") if view.runoff else self.tr("Voting open")
        if not view.voting_open:
            state = self.tr("Voting closed — the result comes next")
        painter.drawText(
            QRectF(body.left(), big.bottom(), body.width(), unit * 1.6),
            Qt.AlignmentFlag.AlignCenter,
            state,
        )
        if view.not_voted:
            painter.setPen(TEXT)
            text = self.tr("Not voted yet: %1").replace("%1", "  ·  ".join(view.not_voted))
            painter.drawText(
                QRectF(
                    body.left(),
                    big.bottom() + unit * 2.2,
                    body.width(),
                    body.bottom() - big.bottom() - unit * 2.2,
                ),
                wrap_flags() | Qt.AlignmentFlag.AlignHCenter,
                text,
            )

    def _paint_results(self, painter: QPainter, body: QRectF, view: RoomView) -> None:
        standings = view.standings or ()
        unit = self.unit()
        row_height = unit * 1.9
        per_page = max(1, int(body.height() // row_height) - 1)
        start = self._layout_pages(len(standings), per_page)
        label_width = body.width() * 0.42
        bar_left = body.left() + label_width + unit * 0.5
        bar_room = body.right() - bar_left - unit * 3
        most = max((s.dots for s in standings), default=0) or 1
        y = body.top()
        if view.tie:
            painter.setPen(TIE)
            painter.setFont(self._font(1.2, bold=True))
            painter.drawText(
                QRectF(body.left(), y, body.width(), row_height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.tr("Tie at the cut-off: run-off or decision"),
            )
            y += row_height
        for index, standing in enumerate(standings[start : start + per_page], start=start):
            if index == view.cutoff and index > 0:
                painter.setPen(QPen(TEXT, max(2.0, unit * 0.12), Qt.PenStyle.DashLine))
                painter.drawLine(int(body.left()), int(y), int(body.right()), int(y))
            colour = {"in": IN, "tied": TIE}.get(standing.status, OUT)
            painter.setFont(self._font(1.05, bold=standing.status != "out"))
            painter.setPen(TEXT)
            label = QRectF(body.left(), y, label_width, row_height)
            painter.drawText(
                label,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                QFontMetricsF(painter.font()).elidedText(
                    standing.title, Qt.TextElideMode.ElideRight, label_width
                ),
            )
            length = bar_room * standing.dots / most * self.reveal
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(
                QRectF(bar_left, y + row_height * 0.18, max(length, 2.0), row_height * 0.64),
                unit * 0.2,
                unit * 0.2,
            )
            painter.setPen(TEXT)
            painter.setFont(self._font(1.1, bold=True))
            shown = round(standing.dots * self.reveal)
            tag = f"{shown}" + ("  " + self.tr("TIE") if standing.status == "tied" else "")
            painter.drawText(
                QRectF(bar_left + length + unit * 0.4, y, unit * 6, row_height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                tag,
            )
            y += row_height

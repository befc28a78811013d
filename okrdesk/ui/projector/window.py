"""The projector window: big, high-contrast, only what the room should see."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QRect,
    QRectF,
    Qt,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QRegion,
    QShowEvent,
)
from PySide6.QtWidgets import QWidget

from okrdesk.engine.room_view import RoomShows, RoomView
from okrdesk.ui.paint_first import PaintFirst
from okrdesk.ui.projector.allhands_screen import AllHandsPainting, AllHandsSlide, allhands_lines
from okrdesk.ui.projector.cascade_screen import CascadePainting, CascadeSlide, cascade_lines
from okrdesk.ui.projector.colours import BACKGROUND, MUTED
from okrdesk.ui.projector.frame import FramePainting
from okrdesk.ui.projector.join_screen import JoinPainting, JoinScreen, join_steps
from okrdesk.ui.projector.retro_screen import RetroPainting, RetroSlide, retro_lines
from okrdesk.ui.projector.reveal import RevealPainting
from okrdesk.ui.projector.review_screen import ReviewPainting, ReviewSlide, key_result_line
from okrdesk.ui.projector.slides import SlidePainting
from okrdesk.ui.projector.text_fit import draw_text, wrap
from okrdesk.ui.projector.vote_screen import VotePainting
from okrdesk.ui.projector.wall import WallPainting
from okrdesk.ui.words import phase_name, signoff_status_name


class ProjectorWindow(
    FramePainting,
    WallPainting,
    RevealPainting,
    VotePainting,
    SlidePainting,
    JoinPainting,
    ReviewPainting,
    AllHandsPainting,
    CascadePainting,
    RetroPainting,
    QWidget,
):
    """Painted, not built from controls: nothing here can be clicked or read but the room view."""

    thawed = Signal()
    shown = Signal()  # put on screen again: catch up with what happened while hidden

    def __init__(self, paint_first: PaintFirst | None = None) -> None:
        super().__init__(None, Qt.WindowType.Window)
        # Held while it paints: the window's room readers wait (okrdesk/ui/paint_first.py).
        self.paint_first = paint_first or PaintFirst()
        self.view: RoomView | None = None
        self.seconds_left: float | None = None
        self.blank = False
        self.frozen = False
        self.page = 0
        self.pages = 1
        self._layouts = []
        self.reveal = 1.0  # 0 -> 1 while the revealed tally builds up
        self._revealed_before = False
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(1600)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._grow)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.resize(1024, 768)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._forget_layouts()  # translated texts (outcome lines, labels) change their sizes
        self.setWindowTitle(self.tr("okrdesk — Projector"))
        self.setAccessibleName(self.tr("Projector"))
        self.setAccessibleDescription(self.description())  # in the new language too
        self.update()

    def _forget_layouts(self) -> None:
        """Drop every kept layout (the wall's, the cards', the ballots', the reveal's): the
        next paint lays out again in the language now in use."""
        self._layouts = []
        self._heights = {}
        self._fonts = None
        self._fitting = None
        self._page_px = None
        self._pages_kept = None
        self._reveal_kept = None
        self._columns_kept = None
        self._candidates_kept = ()
        self._bands_kept = ()
        self._column_kept = None
        self._names_kept = None
        self._header_kept = None
        self._blocks = None  # painted in the language before
        self._join_kept = None
        self._review_laid = None
        self._review_fonts = None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        # Hidden, nothing moves: no build-up playing to nobody.
        self._animation.stop()
        self.reveal = 1.0

    # What to show
    def show_room(self, view: RoomView | None) -> None:
        """New content (ignored while frozen); a fresh reveal plays its build-up."""
        if self.frozen:
            return
        revealed = view is not None and view.result is not None
        if revealed and not self._revealed_before:
            self.reveal = 0.0
            self._animation.stop()
            self._animation.setStartValue(0.0)
            self._animation.setEndValue(1.0)
            self._animation.start()
        self._revealed_before = revealed
        if view is None or self.view is None or self._opens_anew(self.view, view):
            self.page = 0
        self._follow_newest(self.view, view, self._body_rect())  # its page, highlighted
        changed = self._objectives_changed(self.view, view)
        header = self._header_geometry()
        self.view = view
        if self._header_geometry() != header:
            changed = None  # the header grew or shrank (a timebox set, a new title): all moves
        self.setAccessibleDescription(self.description())
        if changed is None:
            self.update()
        elif not changed.isEmpty():
            self.update(changed)

    def show_review(self, review: ReviewSlide | None) -> None:
        """Show the progress review's objective (None: back to the workshop's page)."""
        if review == self.review:
            return
        # A check-in: only what differs is painted again (its figures, the highlight moved).
        dirty = self._review_dirty(self.review, review) if self.isVisible() else None
        self.review = review
        self.setAccessibleDescription(self.description())
        if dirty is None:
            self.update()
        elif not dirty.isEmpty():
            self.update(dirty)

    def show_cascade(self, cascade: CascadeSlide | None) -> None:
        """Show the cascade board (None: back to the workshop's page)."""
        if cascade == self.cascade:
            return
        if cascade is None or self.cascade is None or cascade.title != self.cascade.title:
            self.page = 0  # another cycle's board starts on its first page
        self.cascade = cascade
        self.setAccessibleDescription(self.description())
        self.update()

    def show_retro(self, retro: RetroSlide | None) -> None:
        """Show the retrospective's question and answers (None: back to the workshop's page)."""
        if retro == self.retro:
            return
        if (
            retro is None
            or self.retro is None
            or retro.question.question != self.retro.question.question
        ):
            self.page = 0  # another question starts on its first page
        self.retro = retro
        self.setAccessibleDescription(self.description())
        self.update()

    def show_allhands(self, slide: AllHandsSlide | None) -> int:
        """Show a slide of the all-hands (None: back to the workshop's page); returns how many
        pages the slide takes on this screen (0 while the projector is not shown)."""
        if slide != self.allhands:
            if slide is None:
                self.page = 0
            self.allhands = slide
            self.setAccessibleDescription(self.description())
            self.update()
        if slide is None or not self.isVisible():
            return 0
        return self.allhands_pages(slide.text)

    def show_join(self, join: JoinScreen | None) -> None:
        """Show how to join the room from a phone (None: back to the workshop's page)."""
        if join == self.join:
            return
        self.join = join
        self.setAccessibleDescription(self.description())
        self.update()

    @staticmethod
    def _opens_anew(before: RoomView, after: RoomView) -> bool:
        """Whether the room sees another screen, from its first page: another kind of
        content, another phase, or another outcome of the vote (a tie decided shows the
        decision, on the first page)."""

        def outcome(view: RoomView) -> tuple[object, ...] | None:
            result = view.result
            if result is None:
                return None
            return (result.round_number, result.runoff, result.tie, result.decision)

        return (
            after.shows != before.shows
            or after.phase != before.phase
            or outcome(after) != outcome(before)
        )

    def _header_geometry(self) -> tuple[QRectF, float]:
        """The header's rectangle and the countdown's room: when either changes the title
        moves and the body below with it."""
        return self._header_rect(), self._clock_width()

    def _objectives_changed(
        self, before: RoomView | None, after: RoomView | None
    ) -> QRect | QRegion | None:
        """Where the page shown changes when only cards, objectives or ballots did.

        None: everywhere (repaint it all); an empty rectangle: nowhere.
        """
        if before is None or after is None or self.blank or self.frozen:
            return None
        if after.shows == RoomShows.CARDS and before.shows == RoomShows.CARDS:
            # A card changed off the page shown repaints nothing; one added to it, that card.
            same_otherwise = dataclasses.replace(
                before, cards=(), newest_card_id=None, timer=after.timer
            ) == dataclasses.replace(after, cards=(), newest_card_id=None)
            if same_otherwise:
                return self._cards_region(before, after, self._body_rect())
            return None
        if after.shows == RoomShows.BALLOTS:  # a ballot in repaints the ballots alone
            return self._ballots_changed(before, after, self._body_rect())
        same_otherwise = dataclasses.replace(before, objectives=(), timer=after.timer) == (
            dataclasses.replace(after, objectives=())
        )
        if not same_otherwise or after.shows != RoomShows.OBJECTIVES or after.focus is not None:
            return None
        body = self._body_rect()
        top = body.top() + (self.unit() * 2.4 if after.signoff is not None else 0)
        old = self._objective_pages(before.objectives, body, top)
        new = self._objective_pages(after.objectives, body, top)
        page = min(self.page, len(new.pages) - 1)
        if len(old.pages) != len(new.pages) or old.pages[page] != new.pages[page]:
            return None  # other objectives on the page, or another number of pages
        changed = QRect()
        for index in new.pages[page]:
            was, now = before.objectives[index], after.objectives[index]
            if was != now or old.blocks[index] != new.blocks[index]:
                changed |= self._padded(old.blocks[index]).toAlignedRect()
                changed |= self._padded(new.blocks[index]).toAlignedRect()
        return changed

    def set_seconds_left(self, seconds: float | None) -> None:
        """The countdown: repaints the header alone, never the wall below it."""
        if not self.frozen and seconds != self.seconds_left:
            shown, header = self._clock_text(), self._header_geometry()
            self.seconds_left = seconds
            now = self._clock_text()
            if (now is None) != (shown is None) or self._header_geometry() != header:
                # The title takes or gives back the clock's room (hours appear): all moves.
                self.update()
            elif now != shown:
                self.update(self._header_rect().toAlignedRect())

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
        if self.allhands is not None:
            return "\n".join(allhands_lines(self.allhands))
        if self.cascade is not None:
            return "\n".join(cascade_lines(self.cascade))
        if self.retro is not None:
            return "\n".join(retro_lines(self.retro))
        review = self.review
        if review is not None:
            said = [review.heading, review.objective.title]
            for kr in review.objective.key_results:
                said += [kr.title, key_result_line(kr)]
            return "\n".join(said)
        view = self.view
        if view is None:
            return ""
        lines = [view.title, phase_name(view.phase, view.light)]
        if self.join is not None:
            steps = join_steps()
            return "\n".join([*lines, *steps[:3], self.join.url, steps[3], self.join.code])
        lines += [card.text + (f" — {card.author}" if card.author else "") for card in view.cards]
        shown = view.objectives if view.focus is None else (view.objectives[view.focus],)
        for objective in shown:
            lines.append(objective.title)
            lines.extend(view_kr for view_kr in objective.key_results)
        if view.ballots is not None and view.ballots.ballots_expected:
            lines.append(self._ballots_text(view.ballots))
            lines.extend(view.ballots.not_voted)
        if view.result is not None:
            lines.extend(self._outcome_lines(view.result))
            lines += [f"{s.title} {s.dots}" for s in view.result.standings]
        if view.signoff is not None:
            lines.append(signoff_status_name(view.signoff, view.light))
        return "\n".join(lines)

    # Keys: B blanks, F freezes (as in slide shows); the facilitator turns pages, no timer.
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_B, Qt.Key.Key_Period):
            self.toggle_blank()
        elif event.key() == Qt.Key.Key_F:
            self.toggle_freeze()
        elif event.key() in (
            Qt.Key.Key_Right,
            Qt.Key.Key_Down,
            Qt.Key.Key_PageDown,
            Qt.Key.Key_Space,
        ):
            self.next_page()
        elif event.key() in (
            Qt.Key.Key_Left,
            Qt.Key.Key_Up,
            Qt.Key.Key_PageUp,
            Qt.Key.Key_Backspace,
        ):
            self.previous_page()
        elif event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        else:
            super().keyPressEvent(event)

    def _grow(self, value: float) -> None:
        self.reveal = float(value)
        self.update()

    # Painting
    def paintEvent(self, event: QPaintEvent) -> None:
        with self.paint_first.painting():  # the phones' reads wait: the room sees this first
            self._paint(event)

    def _paint(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        background = QColor("black") if self.blank else BACKGROUND
        covered = self._covered_by_cards()
        if covered is None:
            painter.fillRect(event.rect(), background)
        else:  # around the cards: their images are opaque (the screen's memory is slow)
            painter.setClipRegion(event.region().subtracted(covered))
            painter.fillRect(event.rect(), background)
            painter.setClipping(False)
        if not self.blank and self.cascade is not None:
            self._paint_cascade(painter, self.cascade)  # the whole screen, its own heading
            painter.end()
            return
        if not self.blank and self.retro is not None:
            self._paint_retro(painter, self.retro)  # the whole screen, its own heading
            painter.end()
            return
        if not self.blank and self.allhands is not None:
            self._paint_allhands(painter, self.allhands)  # the whole screen, its own heading
            painter.end()
            return
        if not self.blank and self.review is not None:
            # The whole screen, its own heading (or what a check-in changed of it).
            self._paint_review(painter, self.review, event.region())
            painter.end()
            return
        if self.blank or self.view is None:
            painter.end()
            return
        unit = self.unit()
        margin = unit
        header = self._header_rect()
        if event.rect().intersects(header.toAlignedRect()):  # not for a card or a block
            self._paint_header(painter, header)
        body = self._body_rect()
        if body.isEmpty() or not event.rect().intersects(body.toAlignedRect()):
            # The countdown alone (the wall below has not changed), or no room for a body.
            painter.end()
            return
        view = self.view
        whole = event.rect().contains(self.rect())
        self._dirty = None if whole else event.region()
        try:
            if self.join is not None:
                self._paint_join(painter, body, self.join)
            elif self._paint_slide(painter, body, view):
                pass  # welcome, approval, closing (the slide counts its own pages)
            elif view.shows == RoomShows.CARDS:
                self._paint_cards(painter, body, view)
            elif view.shows == RoomShows.RESULT and view.result is not None:
                self._paint_results(painter, body, view.result)
            elif view.shows == RoomShows.BALLOTS and view.ballots is not None:
                self._paint_progress(painter, body, view.ballots, view.objectives)
            else:
                self._paint_objectives(painter, body, view)
        finally:
            self._dirty = None
        footer = QRectF(
            margin, body.bottom(), self.width() - 2 * margin, self.height() - body.bottom()
        )
        if self.pages > 1:
            painter.setPen(MUTED)
            draw_text(
                painter,
                footer,
                f"{self.page + 1} / {self.pages}",
                self._font(1.0),
                align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                max_lines=1,
            )
        if self.frozen:
            painter.setPen(MUTED)
            draw_text(
                painter,
                footer,
                self.tr("(paused)"),
                self._font(1.0),
                align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                max_lines=1,
            )
        painter.end()

    def _covered_by_cards(self) -> QRegion | None:
        """Where the wall's cards will be drawn, each as an opaque image, when the paint
        shows the wall (None: it does not)."""
        view = self.view
        if (
            self.blank
            or view is None
            or view.shows != RoomShows.CARDS
            or self.join is not None
            or self.cascade is not None
            or self.retro is not None
            or self.allhands is not None
            or self.review is not None
        ):
            return None
        return self._cards_covering(view.cards, self._body_rect())

    def _paint_presented(self, painter: QPainter, body: QRectF, view: RoomView) -> None:
        """One objective on its own, larger, for the signer to go through one by one."""
        assert view.focus is not None
        unit = self.unit()
        self.pages, self.page = 1, 0
        painter.setPen(MUTED)
        counter = (
            self.tr("Objective %1 of %2")
            .replace("%1", str(view.focus + 1))
            .replace("%2", str(len(view.objectives)))
        )
        font = self._font(1.0)
        wrapped = wrap(counter, font, body.width())
        draw_text(
            painter,
            QRectF(body.left(), body.top(), body.width(), wrapped.height()),
            counter,
            font,
            max_lines=len(wrapped.lines),
        )
        y = body.top() + wrapped.height() + unit * 0.6
        objective = view.objectives[view.focus]
        scale = 1.5  # as large as the objective fits, down to the wall's size
        while True:
            lines = self._objective_lines(objective, view.focus + 1, scale=scale)
            needed = sum(
                wrap(text, font, body.width() - indent, balanced=True).height() + unit * 0.4
                for font, _colour, text, indent in lines
            )
            if y + needed - unit * 0.4 <= body.bottom() or scale <= 1.0:
                break
            scale = max(1.0, scale - 0.05)
        for font, colour, text, indent in lines:
            painter.setPen(colour)
            width = body.width() - indent
            wrapped = wrap(text, font, width, balanced=True)
            draw_text(
                painter,
                QRectF(body.left() + indent, y, width, wrapped.height()),
                text,
                font,
                max_lines=len(wrapped.lines),
                balanced=True,
            )
            y += wrapped.height() + unit * 0.4

"""The slides around the OKRs on the projector: the welcome at setup, the approval moment at
sign-off and the closing slide at export (a mixin of the projector window).

Each slide is a column (or two) of text blocks sized together: the largest size at which
everything fits the screen, never below the floor (a 22nd of the screen height), drawn
through text_fit so nothing is ever cut or elided.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QRectF, Qt, QTimeZone
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from okrdesk.engine.room_meeting import RoomApproval, RoomClosing, RoomQuestion, RoomWelcome
from okrdesk.engine.room_view import RoomShows, RoomView
from okrdesk.engine.signature import parse_signature
from okrdesk.errors import ValidationError
from okrdesk.ui.projector.colours import IN, MUTED, TEXT
from okrdesk.ui.projector.painting import Painting
from okrdesk.ui.projector.text_fit import draw_text, sized, wrap
from okrdesk.ui.signature_pad import draw_signature
from okrdesk.ui.words import phase_name

GOLD = QColor("#fbbf24")  # the question the room answers, the call to start
SIGNATURE_CARD = QColor("#f8fafc")
LARGEST = 3.0  # the largest base size, in floors (a 7th of the screen height)


translate = QCoreApplication.translate  # lupdate reads translate("ProjectorSlides", "…")


@dataclass(frozen=True)
class Block:
    """A text on a slide: its size relative to the slide's base size, colour and weight."""

    text: str
    scale: float = 1.0
    colour: QColor = field(default_factory=lambda: QColor(TEXT))
    bold: bool = False
    gap_before: float = 0.35  # in base sizes
    balanced: bool | None = None  # None: Chinese lines balanced, others wrapped at spaces
    max_lines: int = 3

    @property
    def balance(self) -> bool:
        if self.balanced is not None:
            return self.balanced
        return any(
            "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef" for char in self.text
        )


def local_time(iso: str) -> QDateTime:
    """An ISO time from the room view, in the laptop's time zone."""
    moment = datetime.fromisoformat(iso)
    utc = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone.utc())
    return utc.toLocalTime()


def long_date(iso: str) -> str:
    """A date (or a time's date) written out, without the weekday: "14 December 2026"."""
    if "T" in iso:
        day = local_time(iso).date()
    else:
        parsed = datetime.fromisoformat(iso).date()
        day = QDate(parsed.year, parsed.month, parsed.day)
    # The pattern is the language's own (zh_CN: "yyyy年M月d日").
    return QLocale().toString(day, translate("ProjectorSlides", "d MMMM yyyy"))


def clock_time(iso: str) -> str:
    return QLocale().toString(local_time(iso).time(), QLocale.FormatType.ShortFormat)


def question_text(welcome: RoomWelcome) -> str:
    """The question the room answers today, in words."""
    if welcome.question == RoomQuestion.PERSONAL:
        text = translate(
            "ProjectorSlides", "What will %1 contribute to %2's objectives this cycle?"
        )
    elif welcome.question == RoomQuestion.ALIGNED:
        text = translate(
            "ProjectorSlides", "To reach %2's objectives, what must %1 focus on in %3?"
        )
    else:
        text = translate("ProjectorSlides", "What must %1 achieve in %3?")
    return (
        text.replace("%1", welcome.unit)
        .replace("%2", welcome.parent_unit or "")
        .replace("%3", welcome.cycle)
    )


def welcome_blocks(
    view: RoomView, welcome: RoomWelcome, lean: bool = False
) -> tuple[list[Block], list[Block]]:
    """The welcome: who meets and when (left), the question, then the agenda (right).
    ``lean``: without the facilitator, the question's label and the agenda's total (for a
    small screen, before any text would go below the floor)."""
    when = long_date(welcome.meeting_at)
    left = [
        Block(welcome.unit, 1.7, TEXT, True, 0.0),
        Block(f"{welcome.cycle}  ·  {when}", 1.0, MUTED, gap_before=0.3),
    ]
    if welcome.facilitator and not lean:
        left.append(
            Block(
                translate("ProjectorSlides", "Facilitator: %1").replace("%1", welcome.facilitator),
                1.0,
                MUTED,
                False,
                0.2,
            )
        )
    if not lean:
        left.append(Block(translate("ProjectorSlides", "Today we answer"), 1.0, MUTED, False, 0.9))
    # The question is a sentence, not a title: it may take a few more lines.
    question = Block(question_text(welcome), 1.35, GOLD, True, 0.6 if lean else 0.2, max_lines=5)
    left.append(question)
    # The heading's gap shows when the agenda goes under the question (a small screen).
    right = [Block(translate("ProjectorSlides", "Agenda"), 1.0, MUTED, True, 0.8)]
    for item in welcome.agenda:
        minutes = (
            translate("ProjectorSlides", "%1 min").replace("%1", str(item.minutes))
            if item.minutes is not None
            else "—"
        )
        right.append(
            Block(
                f"{phase_name(item.phase, view.light)}  ·  {minutes}",
                1.0,
                TEXT,
                False,
                0.1 if lean else 0.2,
                False,
            )
        )
    if welcome.agenda_minutes and not lean:
        total = translate("ProjectorSlides", "%1 minutes in all").replace(
            "%1", str(welcome.agenda_minutes)
        )
        right.append(Block(total, 1.0, MUTED, False, 0.35))
    return left, right


def approval_blocks(view: RoomView, approval: RoomApproval) -> list[Block]:
    """The approval moment: approved, by whom, when; what was approved."""
    title = (
        translate("ProjectorSlides", "Confirmed")
        if view.light
        else translate("ProjectorSlides", "Approved")
    )
    at = local_time(approval.at)
    signed = (
        translate("ProjectorSlides", "%1 signed on %2 at %3")
        .replace("%1", approval.signer)
        .replace("%2", long_date(approval.at))
        .replace("%3", QLocale().toString(at.time(), QLocale.FormatType.ShortFormat))
    )
    blocks = [Block("✓  " + title, 2.2, IN, True, 0.0), Block(signed, 1.2, TEXT, False, 0.3)]
    for number, objective in enumerate(view.objectives, start=1):
        blocks.append(Block(f"O{number}  {objective.title}", 1.0, MUTED, False, 0.25))
    return blocks


def closing_blocks(
    view: RoomView, closing: RoomClosing, detail: int = 2
) -> tuple[list[Block], list[Block]]:
    """What was agreed, the next steps and the call to start; ``detail`` 2: each objective
    with its number of key results, 1: titles alone, 0: how many objectives."""
    blocks = [Block(translate("ProjectorSlides", "What we agreed"), 1.0, MUTED, True, 0.0)]
    if detail == 0:
        agreed = translate("ProjectorSlides", "%1 objectives").replace(
            "%1", str(len(view.objectives))
        )
        blocks.append(Block(agreed, 1.15, TEXT, True, 0.3))
    for number, objective in enumerate(view.objectives if detail else (), start=1):
        title = f"O{number}  {objective.title}"
        count = len(objective.key_results)
        if detail == 2 and count:
            krs = (
                translate("ProjectorSlides", "%1 key results").replace("%1", str(count))
                if count != 1
                else translate("ProjectorSlides", "1 key result")
            )
            title += f"  ·  {krs}"
        blocks.append(Block(title, 1.1, TEXT, True, 0.3))
    steps = [Block(translate("ProjectorSlides", "Next steps"), 1.0, MUTED, True, 0.9)]
    if closing.approval is not None:
        approved = (
            translate("ProjectorSlides", "Approved by %1 on %2")
            .replace("%1", closing.approval.signer)
            .replace("%2", long_date(closing.approval.at))
        )
        steps.append(Block(approved, 1.0, IN, False, 0.3, max_lines=5))
    if closing.cascade_to:
        units = translate("ProjectorSlides", ", ").join(closing.cascade_to)
        cascade = (
            translate("ProjectorSlides", "%1 set their OKRs the same way by %2")
            .replace("%1", units)
            .replace("%2", long_date(closing.cascade_by))
        )
        steps.append(Block(cascade, 1.0, TEXT, False, 0.3, max_lines=5))
    # The call to start reads as one phrase: on one line (the layout sizes for it).
    start = translate("ProjectorSlides", "We start now.")
    steps.append(Block(start, 1.8, GOLD, True, 0.6, max_lines=1))
    return blocks, steps


class SlidePainting(Painting):
    """The welcome, the approval moment and the closing slide."""

    def _paint_slide(self, painter: QPainter, body: QRectF, view: RoomView) -> bool:
        """Paint the phase's slide if it has one (True), else leave the body alone."""
        self.pages = 1  # the welcome may need two on a small screen
        if view.shows == RoomShows.WELCOME and view.welcome is not None:
            self._paint_welcome(painter, body, view, view.welcome)
            return True
        if view.shows == RoomShows.APPROVED and view.approval is not None:
            self._paint_approval(painter, body, view, view.approval)
            return True
        if view.shows == RoomShows.CLOSING and view.closing is not None:
            self._paint_closing(painter, body, view, view.closing)
            return True
        return False

    # Layout
    def _block_font(self, block: Block, base: float) -> QFont:
        font = self._font(1.0, block.bold)
        return sized(font, max(self._floor(), round(base * block.scale)))

    def _stack_height(self, blocks: Sequence[Block], width: float, base: float) -> float | None:
        """The blocks' height stacked in this width at this base size (None: one does not
        wrap into its lines)."""
        total = 0.0
        for index, block in enumerate(blocks):
            wrapped = wrap(block.text, self._block_font(block, base), width, balanced=block.balance)
            if not wrapped.fits(block.max_lines):
                return None
            total += wrapped.height() + (block.gap_before * base if index else 0.0)
        return total

    def _base_size(
        self, columns: Sequence[tuple[Sequence[Block], float]], height: float
    ) -> tuple[float, bool]:
        """The largest base size at which every column fits its width and the height, and
        whether it does (at the floor, with more lines allowed, when nothing else fits)."""
        floor = float(self._floor())
        low, high = floor, floor * LARGEST

        def ok(base: float) -> bool:
            for blocks, width in columns:
                needed = self._stack_height(blocks, width, base)
                if needed is None or needed > height + 0.5:
                    return False
            return True

        if not ok(low):
            return low, False
        while high - low > 1:
            middle = (low + high) / 2
            low, high = (middle, high) if ok(middle) else (low, middle)
        return low, True

    def _paint_stack(
        self, painter: QPainter, rect: QRectF, blocks: Sequence[Block], base: float, spill: bool
    ) -> float:
        """Draw the blocks from the top of rect; returns where they ended. ``spill``: more
        lines than a block's usual limit rather than a word cut."""
        y = rect.top()
        for index, block in enumerate(blocks):
            if index:
                y += block.gap_before * base
            font = self._block_font(block, base)
            wrapped = wrap(block.text, font, rect.width(), balanced=block.balance)
            lines = len(wrapped.lines) if spill else block.max_lines
            height = min(wrapped.height(lines), max(0.0, rect.bottom() - y))
            painter.setPen(block.colour)
            draw_text(
                painter,
                QRectF(rect.left(), y, rect.width(), height),
                block.text,
                font,
                max_lines=lines,
                balanced=block.balance,
            )
            y += wrapped.height(lines)
        return y

    def _columns_base(
        self, body: QRectF, left: Sequence[Block], right: Sequence[Block], share: float
    ) -> tuple[float, bool]:
        floor = self._floor()
        gap = floor * 1.5
        left_width = (body.width() - gap) * share
        right_width = body.width() - gap - left_width
        columns = ((left, left_width), (right, right_width))
        return self._base_size(columns, body.height() - floor * 0.5)

    def _fit(self, measure: Callable[[float], float | None], room: float) -> tuple[float, bool]:
        """The largest base size whose measured height fits the room (at least the floor)."""
        floor = float(self._floor())

        def ok(base: float) -> bool:
            needed = measure(base)
            return needed is not None and needed <= room + 0.5

        if not ok(floor):
            return floor, False
        low, high = floor, floor * LARGEST
        while high - low > 1:
            middle = (low + high) / 2
            low, high = (middle, high) if ok(middle) else (low, middle)
        return low, True

    def _paint_welcome(
        self, painter: QPainter, body: QRectF, view: RoomView, welcome: RoomWelcome
    ) -> None:
        """Side by side (the meeting and its question; the agenda) at the largest text; on a
        small screen the question over the agenda in two columns, or fewer words."""
        floor = self._floor()
        best: tuple[float, int, float] | None = None  # base, variant, share (0: stacked)
        for variant in range(3):
            left, right = self._welcome_variant(view, welcome, variant)
            for share in (0.58, 0.5):
                base, fits = self._columns_base(body, left, right, share)
                if fits and (best is None or base > best[0] + 1):
                    best = (base, variant, share)
            base, fits = self._fit(self._agenda_under(left, right, body.width()), body.height())
            if fits and (best is None or base > best[0] + 1):
                best = (base, variant, 0.0)
            if best is not None:
                break  # every word when it fits at all; fewer only when it must
        if best is None:  # too much for one screen: the meeting, then the agenda (paged)
            self._paint_welcome_pages(painter, body, view, welcome)
            return
        self.page = 0
        _base, variant, share = best
        left, right = self._welcome_variant(view, welcome, variant)
        if share:
            self._paint_columns(painter, body, left, right, share)
            return
        base, fits = self._fit(self._agenda_under(left, right, body.width()), body.height())
        y = self._paint_stack(painter, body, [*left, right[0]], base, not fits)
        y += base * right[1].gap_before if len(right) > 1 else 0.0
        gap = floor * 1.5
        half = (body.width() - gap) / 2
        first, second = self._agenda_halves(right)
        for number, part in enumerate((first, second)):
            x = body.left() + number * (half + gap)
            self._paint_stack(painter, QRectF(x, y, half, body.bottom() - y), part, base, not fits)

    def _paint_welcome_pages(
        self, painter: QPainter, body: QRectF, view: RoomView, welcome: RoomWelcome
    ) -> None:
        """The welcome on two pages the facilitator turns: the meeting and its question,
        then the agenda in two columns."""
        self.pages = 2
        self.page = min(self.page, 1)
        left, right = self._welcome_variant(view, welcome, 1)
        if self.page == 0:
            base, fits = self._base_size(((left, body.width()),), body.height())
            if not fits:  # all at the smallest size before anything is cut
                left = self._welcome_variant(view, welcome, 2)[0]
                base, fits = self._base_size(((left, body.width()),), body.height())
            self._paint_stack(painter, body, left, base, not fits)
            return
        heading = [replace(right[0], gap_before=0.0)]
        base, fits = self._fit(self._agenda_under([], right, body.width()), body.height())
        y = self._paint_stack(painter, body, heading, base, not fits)
        y += base * right[1].gap_before if len(right) > 1 else 0.0
        gap = self._floor() * 1.5
        half = (body.width() - gap) / 2
        for number, part in enumerate(self._agenda_halves(right)):
            x = body.left() + number * (half + gap)
            self._paint_stack(painter, QRectF(x, y, half, body.bottom() - y), part, base, not fits)

    @staticmethod
    def _welcome_variant(
        view: RoomView, welcome: RoomWelcome, variant: int
    ) -> tuple[list[Block], list[Block]]:
        """0: every word; 1: fewer words; 2: fewer words, all at the smallest size."""
        left, right = welcome_blocks(view, welcome, lean=variant > 0)
        if variant < 2:
            return left, right
        flat = [replace(block, scale=1.0) for block in left]
        return flat, [replace(block, scale=1.0) for block in right]

    @staticmethod
    def _agenda_halves(agenda: Sequence[Block]) -> tuple[list[Block], list[Block]]:
        """The agenda's items (after its heading) in two halves, the first the longer."""
        items = list(agenda[1:])
        middle = (len(items) + 1) // 2
        return items[:middle], items[middle:]

    def _agenda_under(
        self, left: Sequence[Block], agenda: Sequence[Block], width: float
    ) -> Callable[[float], float | None]:
        """The height at a base size of the meeting's blocks over the agenda."""

        def measure(base: float) -> float | None:
            return self._over_agenda(left, agenda, width, base)

        return measure

    def _over_agenda(
        self, left: Sequence[Block], agenda: Sequence[Block], width: float, base: float
    ) -> float | None:
        """The height of the meeting's blocks over the agenda in two columns."""
        top = self._stack_height([*left, agenda[0]], width, base)
        half = (width - self._floor() * 1.5) / 2
        first, second = self._agenda_halves(agenda)
        parts = [self._stack_height(part, half, base) for part in (first, second) if part]
        if top is None or any(part is None for part in parts):
            return None
        gap = base * agenda[1].gap_before if len(agenda) > 1 else 0.0
        return top + gap + max((p for p in parts if p is not None), default=0.0)

    def _paint_closing(
        self, painter: QPainter, body: QRectF, view: RoomView, closing: RoomClosing
    ) -> None:
        """The largest text of: what was agreed beside the next steps (or one after the
        other), each objective with its key results counted or titles alone, else how many
        objectives were agreed; the call to start across the foot, on one line."""
        floor = self._floor()
        gap = floor * 1.5
        best: tuple[float, int, float] | None = None  # base, detail, share (0: one column)
        for detail in (2, 1, 0):
            left, right = closing_blocks(view, closing, detail)
            steps, call = right[:-1], right[-1]
            for share in (0.6, 0.5, 0.0):
                measure = self._closing_measure(left, steps, call, body.width(), share, gap)
                base, fits = self._fit(measure, body.height())
                if fits and (best is None or base > best[0] + 1):
                    best = (base, detail, share)
            if best is not None:
                break  # the most detail that fits
        base, detail, share = best if best is not None else (float(floor), 0, 0.0)
        left, right = closing_blocks(view, closing, detail)
        steps, call = right[:-1], right[-1]
        spill = best is None
        if share:
            left_width = (body.width() - gap) * share
            right_rect = QRectF(
                body.left() + left_width + gap, body.top(), body.width() - gap - left_width, 0
            )
            right_rect.setBottom(body.bottom())
            end = max(
                self._paint_stack(
                    painter,
                    QRectF(body.left(), body.top(), left_width, body.height()),
                    left,
                    base,
                    spill,
                ),
                self._paint_stack(painter, right_rect, steps, base, spill),
            )
            divider = body.left() + left_width + gap / 2
            painter.setPen(QPen(MUTED.darker(220), max(2.0, floor * 0.06)))
            painter.drawLine(int(divider), int(body.top()), int(divider), int(end))
        else:
            end = self._paint_stack(painter, body, [*left, *steps], base, spill)
        rest = QRectF(body.left(), end + call.gap_before * base, body.width(), 0)
        rest.setBottom(body.bottom())
        self._paint_stack(painter, rest, [replace(call, gap_before=0.0)], base, spill)

    def _closing_measure(
        self,
        left: Sequence[Block],
        steps: Sequence[Block],
        call: Block,
        width: float,
        share: float,
        gap: float,
    ) -> Callable[[float], float | None]:
        """The closing's height at a base size: the columns (or the stack), then the call."""

        def measure(base: float) -> float | None:
            below = self._stack_height([call], width, base)
            if share:
                left_width = (width - gap) * share
                parts = [
                    self._stack_height(left, left_width, base),
                    self._stack_height(steps, width - gap - left_width, base),
                ]
            else:
                parts = [self._stack_height([*left, *steps], width, base)]
            if below is None or any(part is None for part in parts):
                return None
            return max(p for p in parts if p is not None) + call.gap_before * base + below

        return measure

    def _paint_columns(
        self,
        painter: QPainter,
        body: QRectF,
        left: Sequence[Block],
        right: Sequence[Block],
        share: float,
    ) -> None:
        """Two columns side by side when the screen is wide enough for them at a size
        above the floor, else one after the other."""
        floor = self._floor()
        gap = floor * 1.5
        left_width = (body.width() - gap) * share
        right_width = body.width() - gap - left_width
        base, fits = self._columns_base(body, left, right, share)
        if fits:
            top = body.top() + floor * 0.5
            self._paint_stack(
                painter, QRectF(body.left(), top, left_width, body.height()), left, base, False
            )
            divider = body.left() + left_width + gap / 2
            painter.setPen(QPen(MUTED.darker(220), max(2.0, floor * 0.06)))
            painter.drawLine(int(divider), int(top), int(divider), int(body.bottom() - floor * 0.5))
            right_rect = QRectF(body.left() + left_width + gap, top, right_width, body.height())
            self._paint_stack(painter, right_rect, right, base, False)
            return
        together = [*left, *right]
        base, fits = self._base_size(((together, body.width()),), body.height())
        self._paint_stack(painter, body, together, base, not fits)

    def _paint_approval(
        self, painter: QPainter, body: QRectF, view: RoomView, approval: RoomApproval
    ) -> None:
        """Approved, large; the signer and the time; the drawn signature on a white card;
        then what was approved."""
        floor = self._floor()
        try:
            signature = parse_signature(approval.signature)
        except ValidationError:
            signature = None
        blocks = approval_blocks(view, approval)
        head, objectives = blocks[:2], blocks[2:]
        card_height = body.height() * 0.3 if signature is not None else 0.0
        room = body.height() - card_height - (floor * 0.6 if signature is not None else 0)
        base, fits = self._base_size(((blocks, body.width()),), room)
        if not fits:  # too many objectives to list at the floor: say how many instead
            count = translate("ProjectorSlides", "%1 objectives approved").replace(
                "%1", str(len(view.objectives))
            )
            blocks = [*head, Block(count, 1.0, MUTED, False, 0.3)]
            base, fits = self._base_size(((blocks, body.width()),), room)
            objectives = blocks[2:]
        y = self._paint_stack(painter, body, head, base, not fits)
        if signature is not None:
            y += floor * 0.4
            card = QRectF(body.left(), y, min(body.width(), card_height * 3.2), card_height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(SIGNATURE_CARD)
            painter.drawRoundedRect(card, floor * 0.25, floor * 0.25)
            margin = floor * 0.3
            draw_signature(painter, signature, card.adjusted(margin, margin, -margin, -margin))
            y = card.bottom()
        rest = QRectF(body.left(), y, body.width(), max(0.0, body.bottom() - y))
        self._paint_stack(painter, rest, objectives, base, not fits)

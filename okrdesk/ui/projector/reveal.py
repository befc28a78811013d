"""The reveal on the projector: the vote's result as full-width rows (rank, the title on its
own lines, a bar, the count), filling the screen's height, with the cut-off line labelled, a
tie marked on its rows and in words, and a run-off's or a decision's outcome with its reason
(a mixin of the projector window)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from okrdesk.engine.room_view import RoomResult, RoomStanding, SeatStatus, TieState
from okrdesk.ui.projector.colours import IN, MUTED, OUT, TEXT, TIE
from okrdesk.ui.projector.painting import Painting
from okrdesk.ui.projector.text_fit import draw_text, lay_out_pages, sized, wrap

LEFT_TOP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT_TOP = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
MIN_ROWS = 4  # fewer rows than this on a page: shrink the text (down to the floor) instead


@dataclass(frozen=True)
class RevealLayout:
    """The reveal laid out for a body and a result: the title size and the pages of rows."""

    pixels: int  # the titles' size; ranks and counts are larger
    pages: tuple[tuple[int, int], ...]  # standings [start, end) page by page
    heights: tuple[float, ...]  # each row's height (the cut-off band included in its row)
    outcome_height: float
    gap: float  # between rows


def tag_of(status: SeatStatus) -> str:
    """The word beside a row's count for a seat that a tie decided (or still hangs on)."""
    if status == SeatStatus.TIED:
        return QCoreApplication.translate("ProjectorWindow", "TIE")
    if status == SeatStatus.WON_RUNOFF:
        return QCoreApplication.translate("ProjectorWindow", "won run-off")
    if status == SeatStatus.CHOSEN_BY_DECISION:
        return QCoreApplication.translate("ProjectorWindow", "chosen")
    return ""


def colour_of(status: SeatStatus) -> QColor:
    return IN if status.seated else TIE if status == SeatStatus.TIED else OUT


class RevealPainting(Painting):
    """The vote's result; needs the window's reveal (the build-up, 0 -> 1)."""

    reveal: float
    _reveal_kept: tuple[tuple[object, ...], RevealLayout] | None = None
    _columns_kept: tuple[RoomResult, dict[int, tuple[float, float]]] | None = None

    # Words
    def _outcome_lines(self, result: RoomResult) -> list[str]:
        """What the revealed round says about a tie at the cut-off, one line each."""
        if result.tie.open:
            tied = sum(1 for s in result.standings if s.status == SeatStatus.TIED)
            seated = sum(1 for s in result.standings if s.status.seated)
            open_seats = max(0, result.seats - seated)
            return [
                QCoreApplication.translate(
                    "ProjectorWindow", "Tie at the cut-off: run-off or decision"
                ),
                (
                    QCoreApplication.translate("ProjectorWindow", "%1 objectives tied for 1 seat")
                    if open_seats == 1
                    else QCoreApplication.translate(
                        "ProjectorWindow", "%1 objectives tied for %2 seats"
                    )
                )
                .replace("%1", str(tied))
                .replace("%2", str(open_seats)),
            ]
        if result.tie == TieState.RESOLVED_BY_RUNOFF:
            won = [s.title for s in result.standings if s.status == SeatStatus.WON_RUNOFF]
            lines = [QCoreApplication.translate("ProjectorWindow", "The run-off settled the tie")]
            if won:
                lines.append(
                    QCoreApplication.translate(
                        "ProjectorWindow", "Seats won in the run-off: %1"
                    ).replace("%1", "  ·  ".join(won))
                )
            return lines
        if result.tie == TieState.DECIDED and result.decision is not None:
            return [
                QCoreApplication.translate(
                    "ProjectorWindow", "Tie decided by the facilitator: %1"
                ).replace("%1", "  ·  ".join(result.decision.chosen)),
                QCoreApplication.translate("ProjectorWindow", "Reason: %1").replace(
                    "%1", result.decision.reason
                ),
            ]
        return []

    def _cutoff_label(self, result: RoomResult) -> str:
        return QCoreApplication.translate("ProjectorWindow", "Cut-off · top %1").replace(
            "%1", str(result.seats)
        )

    # Sizes, all from the titles' size
    def _reveal_fonts(self, pixels: int) -> tuple[QFont, QFont, QFont, QFont]:
        """The title's (regular; bold), the rank's and the count's fonts at this title size."""
        regular = sized(self._font(1.0), pixels)
        bold = sized(self._font(1.0, bold=True), pixels)
        rank = sized(self._font(1.0, bold=True), round(pixels * 1.35))
        count = sized(self._font(1.0, bold=True), round(pixels * 1.2))
        return regular, bold, rank, count

    def _columns(self, result: RoomResult, pixels: int) -> tuple[float, float]:
        """The rank's and the count's column widths at this size (worked out once a result)."""
        kept = self._columns_kept
        if kept is None or kept[0] is not result:
            kept = self._columns_kept = (result, {})
        found = kept[1].get(pixels)
        if found is None:
            found = kept[1][pixels] = (
                self._rank_width(result, pixels),
                self._count_width(result, pixels),
            )
        return found

    def _rank_width(self, result: RoomResult, pixels: int) -> float:
        rank_font = self._reveal_fonts(pixels)[2]
        widest = max((str(s.rank) for s in result.standings), key=len, default="0")
        return wrap(widest, rank_font, 10_000).widths[0] + pixels * 0.6

    def _count_width(self, result: RoomResult, pixels: int) -> float:
        """The column on the right for the count and, before it, its tag."""
        _regular, bold, _rank, count = self._reveal_fonts(pixels)
        most = max((s.dots for s in result.standings), default=0)
        widest = wrap(str(most), count, 10_000).widths[0]
        tags = {tag_of(s.status) for s in result.standings} - {""}
        if tags:
            widest += pixels * 0.4 + max(wrap(tag, bold, 10_000).widths[0] for tag in tags)
        return widest + pixels * 0.6

    def _row_heights(self, result: RoomResult, body: QRectF, pixels: int) -> list[float]:
        """Each row's height (the cut-off band above its row included). Measured with lines
        filled one after the other: balancing them (as painted) keeps their number."""
        regular, bold, _rank, count = self._reveal_fonts(pixels)
        rank_width, count_width = self._columns(result, pixels)
        width = body.width() - rank_width - count_width
        beside = wrap("0", count, 10_000).height()
        below = pixels * 0.15 + self._bar_height(pixels)
        heights = []
        for index, standing in enumerate(result.standings):
            strong = standing.status.seated or standing.status == SeatStatus.TIED
            title = wrap(standing.title, bold if strong else regular, width).height()
            band = self._band_height(pixels) if self._line_before(result, index) else 0.0
            heights.append(band + max(title, beside) + below)
        return heights

    @staticmethod
    def _bar_height(pixels: int) -> float:
        return pixels * 0.35

    def _band_height(self, pixels: int) -> float:
        return wrap("0", sized(self._font(1.0, bold=True), pixels), 10_000).height() + pixels * 0.5

    @staticmethod
    def _line_before(result: RoomResult, index: int) -> bool:
        return index == result.cutoff and 0 < index < len(result.standings)

    def _outcome_height(self, result: RoomResult, body: QRectF) -> float:
        lines = self._outcome_lines(result)
        if not lines:
            return 0.0
        unit = self.unit()
        heights = [
            wrap(line, self._outcome_font(number), body.width()).height()
            for number, line in enumerate(lines)
        ]
        return sum(heights) + unit * 0.2 * (len(lines) - 1) + unit * 0.6

    def _outcome_font(self, number: int) -> QFont:
        """The outcome's first line bold and larger; what follows (a reason) plainer."""
        return self._font(1.1, bold=True) if number == 0 else self._font(1.0)

    def _reveal_layout(self, result: RoomResult, body: QRectF) -> RevealLayout:
        """The largest title size at which all rows fit one page; else pages at the preferred
        size, shrinking (never below the floor) only to keep MIN_ROWS rows a page. Kept."""
        unit = self.unit()
        key = (
            result,
            tuple(self._outcome_lines(result)),  # translated: a language switch changes them
            body.x(),
            body.y(),
            body.width(),
            body.height(),
            unit,
            self._font(1).key(),
        )
        kept = self._reveal_kept
        if kept is not None and kept[0] == key:
            return kept[1]
        floor = self._floor()
        preferred = max(floor, round(unit * 1.2))
        # The outcome heads the first page alone: the pages after it give the rows all.
        outcome = self._outcome_height(result, body)
        pages = lay_out_pages(
            lambda pixels: self._row_heights(result, body, pixels),
            body.height(),
            floor=floor,
            preferred=preferred,
            largest=max(preferred, round(unit * 1.7)),
            least=MIN_ROWS,
            gap=0.35,
            first=body.height() - outcome,
        )
        layout = RevealLayout(
            pixels=pages.pixels,
            pages=pages.pages,
            heights=pages.heights,
            outcome_height=outcome,
            gap=pages.gap,
        )
        self._reveal_kept = (key, layout)
        return layout

    # Painting
    def _paint_results(self, painter: QPainter, body: QRectF, result: RoomResult) -> None:
        layout = self._reveal_layout(result, body)
        self.pages = len(layout.pages)
        self.page = min(self.page, self.pages - 1)
        unit = self.unit()
        y = body.top()
        lines = self._outcome_lines(result) if self.page == 0 else []
        for number, line in enumerate(lines):
            # The tie still open in amber; its outcome in green, the decision's reason muted.
            painter.setPen(TIE if result.tie.open else (IN if number == 0 else MUTED))
            font = self._outcome_font(number)
            wrapped = wrap(line, font, body.width())
            draw_text(
                painter,
                QRectF(body.left(), y, body.width(), wrapped.height()),
                line,
                font,
                max_lines=len(wrapped.lines),
            )
            y += wrapped.height() + unit * 0.2
        y = body.top() + (layout.outcome_height if self.page == 0 else 0.0)
        start, end = layout.pages[self.page]
        used = sum(layout.heights[start:end]) + layout.gap * (end - start - 1)
        spare = max(0.0, body.bottom() - y - used)
        # Rows fill the height: the room left goes between them (up to a row's gap again).
        gap = layout.gap + min(spare / max(1, end - start), layout.pixels * 1.5)
        most = max((s.dots for s in result.standings), default=0) or 1
        for index in range(start, end):
            height = layout.heights[index]
            self._paint_row(painter, body, y, result, index, layout.pixels, most)
            y += height + gap

    def _paint_row(
        self,
        painter: QPainter,
        body: QRectF,
        y: float,
        result: RoomResult,
        index: int,
        pixels: int,
        most: int,
    ) -> None:
        """Rank | title (its lines) | count and tag; the bar below the title."""
        standing: RoomStanding = result.standings[index]
        regular, bold, rank_font, count_font = self._reveal_fonts(pixels)
        rank_width, count_width = self._columns(result, pixels)
        left = body.left() + rank_width
        title_width = body.width() - rank_width - count_width
        if self._line_before(result, index):
            band = self._band_height(pixels)
            self._paint_cutoff(painter, QRectF(left, y, body.right() - left, band), result, pixels)
            y += band
        status = standing.status
        strong = status.seated or status == SeatStatus.TIED
        title_font = bold if strong else regular
        title = wrap(standing.title, title_font, title_width, balanced=True)
        # Rank and count sit on the title's first baseline.
        baseline = y + title.font_height
        painter.setPen(colour_of(status) if strong else MUTED)
        rank = wrap(str(standing.rank), rank_font, 10_000)
        draw_text(
            painter,
            QRectF(
                body.left(), baseline - rank.font_height, rank_width - pixels * 0.5, rank.height()
            ),
            str(standing.rank),
            rank_font,
            align=RIGHT_TOP,
            max_lines=1,
        )
        painter.setPen(TEXT if strong else MUTED)
        draw_text(
            painter,
            QRectF(left, y, title_width, title.height()),
            standing.title,
            title_font,
            max_lines=len(title.lines),
            balanced=True,
        )
        shown = str(round(standing.dots * self.reveal))
        count = wrap(shown, count_font, 10_000)
        column = QRectF(body.right() - count_width, y, count_width, count.height())
        painter.setPen(TEXT)
        draw_text(
            painter,
            column.translated(0, baseline - count.font_height - y),
            shown,
            count_font,
            align=RIGHT_TOP,
            max_lines=1,
        )
        tag = tag_of(status)
        if tag:  # before the count, on its baseline
            painter.setPen(colour_of(status))
            label = wrap(tag, bold, 10_000)
            most_width = wrap(str(most), count_font, 10_000).widths[0]
            right = body.right() - max(most_width, count.widths[0]) - pixels * 0.4
            draw_text(
                painter,
                QRectF(
                    right - label.widths[0] - 1,
                    baseline - label.font_height,
                    label.widths[0] + 1,
                    label.height(),
                ),
                tag,
                bold,
                align=RIGHT_TOP,
                max_lines=1,
            )
        bar_top = y + max(title.height(), count.height()) + pixels * 0.15
        length = title_width * standing.dots / most * self.reveal
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour_of(status))
        painter.drawRoundedRect(
            QRectF(left, bar_top, max(length, 3.0), self._bar_height(pixels)),
            pixels * 0.12,
            pixels * 0.12,
        )

    def _paint_cutoff(
        self, painter: QPainter, band: QRectF, result: RoomResult, pixels: int
    ) -> None:
        """The dashed cut-off line across the band, its label on it ("Cut-off · top 3")."""
        middle = band.center().y()
        font = sized(self._font(1.0, bold=True), pixels)
        label = self._cutoff_label(result)
        wrapped = wrap(label, font, band.width())
        box = QRectF(band.left(), band.top(), wrapped.widths[0] + pixels * 0.6, band.height())
        painter.setPen(QPen(TEXT, max(2.0, pixels * 0.08), Qt.PenStyle.DashLine))
        painter.drawLine(QLineF(box.right(), middle, band.right(), middle))
        painter.setPen(TIE if result.tie.open else TEXT)
        draw_text(
            painter,
            box.adjusted(0, 0, -pixels * 0.4, 0),
            label,
            font,
            align=LEFT_MIDDLE,
            max_lines=1,
        )

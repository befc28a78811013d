"""The vote on the projector while ballots come in: the candidates (numbered, each with its
key results) beside the ballot progress ("6 / 10 ballots in") and the names not yet voted.
Never a count per objective: the room view holds none before the reveal (a mixin of the
projector window)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from PySide6.QtCore import QCoreApplication, QRect, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPen, QRegion

from okrdesk.engine.room_view import RoomBallots, RoomObjective, RoomShows, RoomView
from okrdesk.isolated import isolated
from okrdesk.ui.projector.colours import MUTED, OUT, TEXT, TIE
from okrdesk.ui.projector.painting import Painting
from okrdesk.ui.projector.text_fit import (
    NBSP,
    WORD_JOINER,
    Wrapped,
    draw_text,
    largest_size,
    lay_out_pages,
    paginate,
    sized,
    wrap,
)

LEFT_TOP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
CENTRE_TOP = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
RIGHT_TOP = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
MIN_CANDIDATES = 3  # fewer a page than this: shrink the text (down to the floor) instead
MIN_COLUMN_UNITS = 12  # two columns of candidates only when each is this many units wide
CANDIDATE_GAP = 0.6  # between candidates, in title sizes
# The key results stay while the candidates with them take at most this many pages; past
# it the titles alone show, on fewer pages (the room sees what it votes on at once).
KEY_RESULT_PAGES = 2
NAME_FITS_KEPT = 8  # the names' fits kept (a ballot in asks for the one before it and its own)
LAYOUTS_KEPT = 4  # the candidates' layouts kept (see _candidates_kept)
KEPT_PAGES = 3  # candidates on at most this many pages are drawn from kept images


@dataclass(frozen=True)
class CandidateLayout:
    """How the vote screen shows its candidates: where, in how many columns, at what size,
    page by page, and whether with their key results."""

    key_results: bool  # under their titles (False: the titles alone, all of them in view)
    band: bool  # the ballots in a band above, the candidates across the whole width below
    columns: int
    pixels: int  # the titles' size
    pages: tuple[tuple[tuple[int, int], ...], ...]  # each page's columns: candidates [start, end)
    heights: tuple[float, ...]  # each candidate's height at that size
    gap: float  # between candidates


class VotePainting(Painting):
    """The candidates beside the ballots coming in."""

    # The candidates' layouts kept, newest last: one for each height the ballots' band has
    # had (the names not voted yet in one line or two), so that the band growing back does
    # not lay 200 candidates out again.
    _candidates_kept: tuple[tuple[tuple[object, ...], CandidateLayout], ...] = ()
    _column_kept: tuple[tuple[object, ...], bool] | None = None
    # (names, width, height, font) -> the names not voted yet fitted there: a ballot in asks
    # for its band's height (before and after), its layout and its paint: fitted once.
    _names_kept: (
        dict[tuple[tuple[str, ...], float, float, str], tuple[str, Wrapped] | None] | None
    ) = None
    # (width, height, font) -> how many names the last fit there showed (where the next starts)
    _names_shown: dict[tuple[float, float, str], int] = {}  # noqa: RUF012 (replaced, never changed)
    _dirty: QRegion | None = None  # what the paint in progress must cover (None: all of it)
    # (body, window size), the ballots, and where their band ends (see _band_bottom)
    _bands_kept: tuple[tuple[tuple[object, ...], RoomBallots, float], ...] = ()

    def _ballots_text(self, ballots: RoomBallots) -> str:
        return (
            QCoreApplication.translate("ProjectorWindow", "%1 / %2 ballots in")
            .replace("%1", str(ballots.ballots_in))
            .replace("%2", str(ballots.ballots_expected))
        )

    def _state_text(self, ballots: RoomBallots) -> str:
        if not ballots.open:
            return QCoreApplication.translate(
                "ProjectorWindow", "Voting closed — the result comes next"
            )
        if ballots.runoff:
            return QCoreApplication.translate("ProjectorWindow", "Run-off open")
        return QCoreApplication.translate("ProjectorWindow", "Voting open")

    def _paint_progress(
        self,
        painter: QPainter,
        body: QRectF,
        ballots: RoomBallots,
        candidates: tuple[RoomObjective, ...] = (),
    ) -> None:
        """The candidates (paged by the facilitator) on the left and the ballots on the
        right, or the ballots in a band above the candidates (see _candidate_layout)."""
        unit = self.unit()
        if not candidates:
            self.pages, self.page = 1, 0
            self._paint_ballot_panel(painter, body, ballots, centred=True)
            return
        layout = self._candidate_layout(candidates, body, ballots)
        self.pages = len(layout.pages)
        self.page = min(self.page, self.pages - 1)
        left, right, below = self._vote_areas(body, ballots)
        if layout.band:
            self._paint_ballot_band(painter, body, ballots)
            area = below
        else:
            gap = right.left() - left.right()
            painter.setPen(QPen(OUT, max(1.0, unit * 0.06)))
            painter.drawLine(
                int(right.left() - gap / 2),
                int(body.top()),
                int(right.left() - gap / 2),
                int(body.bottom()),
            )
            self._paint_ballot_panel(painter, right, ballots, centred=False)
            area = left
        dirty = self._dirty
        if dirty is not None and self._ballots_rect(body, ballots, layout).contains(
            dirty.boundingRect()
        ):
            return  # the ballots alone changed (see _ballots_changed): the candidates stay
        width = self._column_width(area, layout.columns)
        for column, (start, end) in enumerate(layout.pages[self.page]):
            rect = QRectF(area.left() + column * (width + unit), area.top(), width, area.height())
            self._paint_candidates(painter, rect, candidates, layout, start, end)

    def _vote_areas(self, body: QRectF, ballots: RoomBallots) -> tuple[QRectF, QRectF, QRectF]:
        """The candidates' column and the ballots' panel side by side, and the candidates'
        room below the ballots' band when the band is used instead."""
        unit = self.unit()
        panel_width = max(body.width() * 0.34, unit * 11)
        gap = unit * 1.2
        left = QRectF(body.left(), body.top(), body.width() - panel_width - gap, body.height())
        right = QRectF(left.right() + gap, body.top(), panel_width, body.height())
        top = self._band_bottom(body, ballots) + unit * 0.6
        below = QRectF(body.left(), top, body.width(), max(0.0, body.bottom() - top))
        return left, right, below

    def _ballots_changed(self, before: RoomView, after: RoomView, body: QRectF) -> QRect | None:
        """Where the vote screen changes when only its ballots did (one handed in or taken
        back): the ballots' band, or their panel beside the candidates. None: elsewhere too
        (the band grew or shrank, so the candidates move; anything else changed)."""
        was, now = before.ballots, after.ballots
        if (
            was is None
            or now is None
            or not after.objectives
            or before.shows != RoomShows.BALLOTS
            or after.shows != RoomShows.BALLOTS
            or replace(before, ballots=None, timer=after.timer) != replace(after, ballots=None)
        ):
            return None
        bottom = self._band_bottom(body, now)
        if bottom != self._band_bottom(body, was):
            return None
        return self._ballots_rect(body, now, self._candidate_layout(after.objectives, body, now))

    def _ballots_rect(self, body: QRectF, ballots: RoomBallots, layout: CandidateLayout) -> QRect:
        """The ballots' panel beside the candidates, or their band above them (with a fifth
        of a unit below its text: the candidates start 0.6 units lower, and a candidate's
        number reaches at most about a third of a unit above its title)."""
        _left, right, _below = self._vote_areas(body, ballots)
        if not layout.band:
            return right.toAlignedRect()
        bottom = self._band_bottom(body, ballots) + self.unit() * 0.2
        return QRectF(body.left(), body.top(), body.width(), bottom - body.top()).toAlignedRect()

    def _column_width(self, area: QRectF, columns: int) -> float:
        return (area.width() - self.unit() * (columns - 1)) / columns

    def _fits_a_column(self, candidates: tuple[RoomObjective, ...], column: QRectF) -> bool:
        """Whether every candidate fits the column at the floor size (worked out once)."""
        key = (candidates, column.width(), column.height(), self._floor())
        kept = self._column_kept
        if kept is None or kept[0] != key:
            floor = self._floor()
            heights = self._candidate_heights(candidates, column.width(), floor)
            kept = self._column_kept = (key, max(heights, default=0.0) <= column.height())
        return kept[1]

    # The ballots: how many are in, the round's state, who has not voted yet
    def _paint_ballot_panel(
        self, painter: QPainter, rect: QRectF, ballots: RoomBallots, centred: bool
    ) -> None:
        unit = self.unit()
        align = CENTRE_TOP if centred else LEFT_TOP
        big = self._font(3.0 if centred else 2.2, bold=True)
        text = self._ballots_text(ballots).replace(" / ", f"{NBSP}/{NBSP}")  # "6 / 10" whole
        # The big figure shrinks to its column (never below the floor).
        floor = self._floor()
        while wrap(text, big, rect.width()).height() > unit * 7 and big.pixelSize() - 2 >= floor:
            big = sized(big, big.pixelSize() - 2)
        if not centred:  # the names not voted first: the figure gives them its room
            big = self._figure_for_names(rect, ballots, text, big)
        y = rect.top()
        if ballots.ballots_expected:  # nobody is expected yet: no "0 / 0"
            painter.setPen(TEXT)
            wrapped = wrap(text, big, rect.width(), balanced=True)
            draw_text(
                painter,
                QRectF(rect.left(), y, rect.width(), wrapped.height()),
                text,
                big,
                align=align,
                max_lines=len(wrapped.lines),
                balanced=True,
            )
            y += wrapped.height() + unit * 0.5
        state_font = self._font(1.1)
        state = self._state_text(ballots)
        painter.setPen(TIE if ballots.runoff and ballots.open else MUTED)
        wrapped = wrap(state, state_font, rect.width())
        draw_text(
            painter,
            QRectF(rect.left(), y, rect.width(), wrapped.height()),
            state,
            state_font,
            align=align,
            max_lines=len(wrapped.lines),
        )
        y += wrapped.height() + unit * 1.0
        if not ballots.not_voted:
            return
        self._paint_not_voted(
            painter,
            QRectF(rect.left(), y, rect.width(), rect.bottom() - y),
            ballots.not_voted,
            align,
        )

    def _figure_for_names(self, rect: QRectF, ballots: RoomBallots, text: str, big: QFont) -> QFont:
        """The big figure, smaller (down to a third above the floor) while the names not
        voted yet would not all show below it: who still has to vote matters more to the
        room than the figure's size."""
        if not ballots.not_voted or not ballots.ballots_expected:
            return big
        unit = self.unit()
        names_font = sized(self._font(1.0), self._floor())
        names = self._not_voted_text(
            ballots.not_voted, len(ballots.not_voted), names_font, rect.width()
        )
        state = wrap(self._state_text(ballots), self._font(1.1), rect.width()).height()
        needed = wrap(names, names_font, rect.width()).height()
        smallest = max(self._floor(), round(unit * 1.3))
        while big.pixelSize() - 2 >= smallest:
            figure = wrap(text, big, rect.width(), balanced=True).height()
            if figure + unit * 0.5 + state + unit * 1.0 + needed <= rect.height():
                break
            big = sized(big, big.pixelSize() - 2)
        return big

    def _band_parts(self, body: QRectF, ballots: RoomBallots) -> tuple[QFont, QFont, str, str]:
        """The band's figure font, state font, figure text and state text."""
        text = self._ballots_text(ballots).replace(" / ", f"{NBSP}/{NBSP}")
        if not ballots.ballots_expected:
            text = ""  # nobody is expected yet: no "0 / 0"
        return self._font(1.6, bold=True), self._font(1.0), text, self._state_text(ballots)

    def _band_bottom(self, body: QRectF, ballots: RoomBallots) -> float:
        """Where the band of ballots above the candidates ends (as _paint_ballot_band draws
        it, the names not voted yet in the one or two lines they take). Kept: a ballot in
        asks for it about eight times (the layout, the areas, the repaint's rectangle)."""
        where = (body.getRect(), self.width(), self.height())
        for kept_where, kept_ballots, bottom in self._bands_kept:
            if kept_where == where and kept_ballots == ballots:
                return bottom
        bottom = self._lay_out_band(body, ballots)
        self._bands_kept = (*self._bands_kept, (where, ballots, bottom))[-LAYOUTS_KEPT:]
        return bottom

    def _lay_out_band(self, body: QRectF, ballots: RoomBallots) -> float:
        unit = self.unit()
        big, state_font, text, state = self._band_parts(body, ballots)
        figure = wrap(text, big, body.width())
        status = wrap(state, state_font, body.width())
        y = body.top() + figure.height()
        if not self._state_beside(figure, status, body):
            y += unit * 0.2 + status.height()
        if ballots.not_voted:
            y += unit * 0.3
            fitted = self._not_voted_fit(self._names_room(body, y), ballots.not_voted)
            y += 0.0 if fitted is None else fitted[1].height()
        return y

    def _names_room(self, body: QRectF, top: float) -> QRectF:
        """Two lines across the band for the names not voted yet."""
        names = wrap("0", self._font(1.0), 10_000)
        return QRectF(body.left(), top, body.width(), names.font_height + names.line_spacing)

    def _state_beside(self, figure: Wrapped, status: Wrapped, body: QRectF) -> bool:
        """Whether the round's state fits on the figure's line, at its right."""
        return (
            len(figure.lines) == 1
            and len(status.lines) == 1
            and (figure.widths[0] + self.unit() + status.widths[0] <= body.width())
        )

    def _paint_ballot_band(self, painter: QPainter, body: QRectF, ballots: RoomBallots) -> float:
        """The ballots in, the round's state and who has not voted, across the top; returns
        where the band ends."""
        unit = self.unit()
        big, state_font, text, state = self._band_parts(body, ballots)
        figure = wrap(text, big, body.width())
        status = wrap(state, state_font, body.width())
        y = body.top()
        painter.setPen(TEXT)
        draw_text(
            painter,
            QRectF(body.left(), y, body.width(), figure.height()),
            text,
            big,
            max_lines=len(figure.lines),
        )
        painter.setPen(TIE if ballots.runoff and ballots.open else MUTED)
        beside = self._state_beside(figure, status, body)
        if beside:  # on the figure's line, at its right
            state_rect = QRectF(
                body.right() - status.widths[0] - 1, y, status.widths[0] + 1, figure.height()
            )
            y += figure.height()
        else:
            y += figure.height() + unit * 0.2
            state_rect = QRectF(body.left(), y, body.width(), status.height())
            y += status.height()
        draw_text(
            painter,
            state_rect,
            state,
            state_font,
            align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            if beside
            else LEFT_TOP,
            max_lines=len(status.lines),
        )
        if ballots.not_voted:
            y += unit * 0.3
            room = self._names_room(body, y)
            y += self._paint_not_voted(painter, room, ballots.not_voted, LEFT_TOP)
        return y

    def _paint_not_voted(
        self,
        painter: QPainter,
        rect: QRectF,
        names: tuple[str, ...],
        align: Qt.AlignmentFlag,
    ) -> float:
        """The names not voted yet, as many as fit, then how many more (never cut); returns
        the height they took."""
        fitted = self._not_voted_fit(rect, names)
        if fitted is None:
            return 0.0  # no room even for the count: the ballots above say enough
        text, wrapped = fitted
        painter.setPen(TEXT)
        draw_text(
            painter,
            QRectF(rect.left(), rect.top(), rect.width(), wrapped.height()),
            text,
            sized(self._font(1.0), self._floor()),
            align=align,
            max_lines=len(wrapped.lines),
        )
        return wrapped.height()

    def _not_voted_fit(self, rect: QRectF, names: tuple[str, ...]) -> tuple[str, Wrapped] | None:
        """The most names not voted yet that fit the rectangle, with how many more: the
        text and its lines (None: not even the count fits). Kept: a ballot handed in asks
        for it several times (the band before and after, the layout, the paint)."""
        font = sized(self._font(1.0), self._floor())
        key = (names, rect.width(), rect.height(), font.key())
        kept = self._names_kept
        if kept is not None and key in kept:
            return kept[key]
        if kept is None or len(kept) >= NAME_FITS_KEPT:
            kept = self._names_kept = {}
        fitted = kept[key] = self._fit_names(rect, names, font)
        return fitted

    def _fit_names(
        self, rect: QRectF, names: tuple[str, ...], font: QFont
    ) -> tuple[str, Wrapped] | None:
        """The fit itself (see _not_voted_fit), searched from where the last one ended: a
        ballot handed in or taken back moves it by a name or two."""

        listed = _names_as_listed(names, font, rect.width())

        def laid(shown: int) -> tuple[str, Wrapped]:
            text = self._not_voted_text(names, shown, font, rect.width(), listed)
            return text, wrap(text, font, rect.width())

        def fits(shown: int) -> bool:
            return laid(shown)[1].height() <= rect.height()

        where = (rect.width(), rect.height(), font.key())
        shown = most_that_fit(len(names), fits, self._names_shown.get(where))
        self._names_shown = {where: shown}
        text, wrapped = laid(shown)
        return None if wrapped.height() > rect.height() else (text, wrapped)

    @staticmethod
    def _not_voted_text(
        names: tuple[str, ...],
        shown: int,
        font: QFont,
        width: float,
        listed: tuple[str, ...] | None = None,
    ) -> str:
        """The first ``shown`` names and how many more; ``listed``: the names as
        _names_as_listed gives them (a fit tries several counts of the same names)."""
        if listed is None:
            listed = _names_as_listed(names[:shown], font, width)
        text = QCoreApplication.translate("ProjectorWindow", "Not voted yet: %1").replace(
            "%1",
            # A separator never starts a line; a name turns only itself around.
            f"{NBSP}·  ".join(isolated(name) for name in listed[:shown]),
        )
        if shown < len(names):
            text += " " + QCoreApplication.translate("ProjectorWindow", "(and %1 more)").replace(
                "%1", str(len(names) - shown)
            )
        return text

    # The candidates: what the room votes on, numbered, with their key results
    def _candidate_fonts(self, pixels: int) -> tuple[QFont, QFont, QFont]:
        """The title's, the key results' and the number's fonts at this title size."""
        floor = self._floor()
        title = sized(self._font(1.0, bold=True), pixels)
        key_result = sized(self._font(1.0), max(floor, round(pixels * 0.85)))
        number = sized(self._font(1.0, bold=True), round(pixels * 1.2))
        return title, key_result, number

    def _number_width(self, count: int, pixels: int) -> float:
        number = self._candidate_fonts(pixels)[2]
        return wrap(str(max(count, 1)), number, 10_000).widths[0] + pixels * 0.6

    def _candidate_heights(
        self,
        candidates: tuple[RoomObjective, ...],
        width: float,
        pixels: int,
        key_results: bool = True,
    ) -> list[float]:
        title_font, kr_font, _number = self._candidate_fonts(pixels)
        text_width = width - self._number_width(len(candidates), pixels)
        heights = []
        for candidate in candidates:
            # Lines filled one after the other: balancing them (as painted) keeps their number.
            height = wrap(candidate.title, title_font, text_width).height()
            for kr in candidate.key_results if key_results else ():
                height += pixels * 0.15 + wrap(kr, kr_font, text_width - pixels * 0.6).height()
            heights.append(height)
        return heights

    def _candidate_layout(
        self, candidates: tuple[RoomObjective, ...], body: QRectF, ballots: RoomBallots
    ) -> CandidateLayout:
        """How the candidates show, so that the room sees them all at once (the point of
        the screen): with their key results (beside the ballots, or in one or two columns
        below them) while they take at most KEY_RESULT_PAGES pages; else the titles alone,
        on as few pages as they need (one column beside the ballots, or one or two below
        them), rather than a page per candidate. When the titles alone would need as many
        pages, the key results stay. Kept."""
        left, _right, below = self._vote_areas(body, ballots)
        key = (candidates, left.getRect(), below.getRect(), self.unit())
        # Compared, not hashed: the same candidates are the same tuple (equal at once).
        for kept_key, kept_layout in self._candidates_kept:
            if kept_key == key:
                return kept_layout
        if self._fits_a_column(candidates, left):
            full = self._stacked(candidates, left, key_results=True, columns=1, band=False)
        else:  # a candidate too long for a column: the whole width below the ballots
            full = self._stacked(candidates, below, key_results=True, columns=1, band=True)
        chosen = full
        if len(full.pages) > 1:
            options = [
                (left, False, 1, False),
                (below, False, 1, True),
                (below, False, 2, True),
            ]
            if len(full.pages) <= 3 * KEY_RESULT_PAGES:  # two columns might hold them
                options.append((below, True, 2, True))
            laid = [
                (area, self._stacked(candidates, area, key_results=kr, columns=n, band=band))
                for area, kr, n, band in options
                if self._column_width(area, n) >= self.unit() * MIN_COLUMN_UNITS or n == 1
            ]
            # Every candidate whole in a column; then the fewest pages; then beside the
            # ballots, then in one column.
            possible = [o for area, o in laid if max(o.heights) <= area.height() + 0.5]

            def best(options: list[CandidateLayout]) -> CandidateLayout | None:
                return min(options, key=lambda o: (len(o.pages), o.band, o.columns), default=None)

            wider = best([o for o in possible if o.key_results])  # key results in two columns
            if wider is not None and len(wider.pages) < len(chosen.pages):
                chosen = wider
            titles = best([o for o in possible if not o.key_results])
            if (
                len(chosen.pages) > KEY_RESULT_PAGES
                and titles is not None
                and len(titles.pages) < len(chosen.pages)
            ):
                chosen = titles
        self._candidates_kept = (*self._candidates_kept, (key, chosen))[-LAYOUTS_KEPT:]
        return chosen

    def _stacked(
        self,
        candidates: tuple[RoomObjective, ...],
        area: QRectF,
        *,
        key_results: bool,
        columns: int,
        band: bool,
    ) -> CandidateLayout:
        """The candidates stacked down ``columns`` columns of the area, page after page.

        With their key results in one column: all on one page at the largest size that
        fits, else pages at the preferred size, shrinking (never below the floor) only to
        keep MIN_CANDIDATES a page. Otherwise the fewest pages there can be (at the floor)
        at the largest size that still needs no more."""
        unit = self.unit()
        floor = self._floor()
        preferred = max(floor, round(unit * 1.15))
        largest = max(preferred, round(unit * 1.5))
        width = self._column_width(area, columns)
        room = area.height()

        def heights_at(pixels: int) -> list[float]:
            return self._candidate_heights(candidates, width, pixels, key_results)

        if key_results and columns == 1:
            laid = lay_out_pages(
                heights_at,
                room,
                floor=floor,
                preferred=preferred,
                largest=largest,
                least=MIN_CANDIDATES,
                gap=CANDIDATE_GAP,
            )
            pixels, stacks = laid.pixels, laid.pages
        else:

            def stacks_at(pixels: int) -> tuple[tuple[int, int], ...]:
                return paginate(heights_at(pixels), room, pixels * CANDIDATE_GAP)

            fewest = -(-len(stacks_at(floor)) // columns)
            found = None
            if fewest <= KEY_RESULT_PAGES:  # a long list stays at the floor (not searched)
                found = largest_size(
                    lambda pixels: -(-len(stacks_at(pixels)) // columns) <= fewest, floor, largest
                )
            pixels = floor if found is None else found
            stacks = stacks_at(pixels)
        pages = tuple(tuple(stacks[n : n + columns]) for n in range(0, len(stacks), columns))
        return CandidateLayout(
            key_results=key_results,
            band=band,
            columns=columns,
            pixels=pixels,
            pages=pages,
            heights=tuple(heights_at(pixels)),
            gap=pixels * CANDIDATE_GAP,
        )

    def _paint_candidates(
        self,
        painter: QPainter,
        rect: QRectF,
        candidates: tuple[RoomObjective, ...],
        layout: CandidateLayout,
        start: int,
        end: int,
    ) -> None:
        """One column of candidates [start, end): numbered titles, each with its key
        results when the layout shows them."""
        pixels = layout.pixels
        title_font, kr_font, number_font = self._candidate_fonts(pixels)
        number_width = self._number_width(len(candidates), pixels)
        left = rect.left() + number_width
        width = rect.right() - left
        gap = layout.gap
        if layout.columns == 1:  # a single column spreads over the height it has
            used = sum(layout.heights[start:end]) + layout.gap * (end - start - 1)
            gap += min(max(0.0, rect.height() - used) / max(1, end - start), pixels)
        y = rect.top()
        fonts = (title_font, kr_font, number_font)
        fonts_key = tuple(font.key() for font in fonts)
        blocks = self._kept_blocks()
        for index in range(start, end):
            candidate = candidates[index]
            key_results = candidate.key_results if layout.key_results else ()
            number = wrap(str(index + 1), number_font, 10_000)
            title = wrap(candidate.title, title_font, width, balanced=True)
            height = title.height() + sum(
                pixels * 0.15 + wrap(kr, kr_font, width - pixels * 0.6, balanced=True).height()
                for kr in key_results
            )
            top = min(y, y + title.font_height - number.font_height)  # the number may be taller
            pad = pixels * 0.3  # for what glyphs paint past their lines
            area = QRectF(rect.left(), top, rect.width(), y + height - top)
            paint = partial(
                self._paint_candidate,
                rect=rect,
                y=y,
                number=index + 1,
                title_text=candidate.title,
                key_results=key_results,
                fonts=fonts,
                number_width=number_width,
                pixels=pixels,
            )
            if len(layout.pages) > KEPT_PAGES:
                # A long list is paged through: its images would push each other out.
                paint(painter)
            else:  # painted once, then drawn from its image (see kept_blocks)
                blocks.draw(
                    painter,
                    (
                        "candidate",
                        index + 1,
                        candidate.title,
                        key_results,
                        rect.getRect(),
                        y,
                        fonts_key,
                    ),
                    area.adjusted(-pad, -pad, pad, pad).toAlignedRect(),
                    paint,
                )
            y += height + gap

    @staticmethod
    def _paint_candidate(
        painter: QPainter,
        rect: QRectF,
        y: float,
        number: int,
        title_text: str,
        key_results: tuple[str, ...],
        fonts: tuple[QFont, QFont, QFont],
        number_width: float,
        pixels: int,
    ) -> None:
        """One candidate in its column from ``y`` down: its number, its title and the key
        results given."""
        title_font, kr_font, number_font = fonts
        left = rect.left() + number_width
        width = rect.right() - left
        painter.setPen(TIE)
        numbered = wrap(str(number), number_font, 10_000)
        title = wrap(title_text, title_font, width, balanced=True)
        draw_text(
            painter,
            QRectF(
                rect.left(),
                y + title.font_height - numbered.font_height,
                number_width - pixels * 0.5,
                numbered.height(),
            ),
            str(number),
            number_font,
            align=RIGHT_TOP,
            max_lines=1,
        )
        painter.setPen(TEXT)
        draw_text(
            painter,
            QRectF(left, y, width, title.height()),
            title_text,
            title_font,
            max_lines=len(title.lines),
            balanced=True,
        )
        y += title.height()
        painter.setPen(MUTED)
        for kr in key_results:
            y += pixels * 0.15
            wrapped = wrap(kr, kr_font, width - pixels * 0.6, balanced=True)
            draw_text(
                painter,
                QRectF(left + pixels * 0.6, y, width - pixels * 0.6, wrapped.height()),
                kr,
                kr_font,
                max_lines=len(wrapped.lines),
                balanced=True,
            )
            y += wrapped.height()


def most_that_fit(count: int, fits: Callable[[int], bool], start: int | None = None) -> int:
    """The most of ``count`` items that fit (``fits(n)``: whether the first n do; fewer never
    fit worse), searched from ``start`` (the last answer: up one, one more, then by doubling
    steps; down by halving), in a few tries rather than one per item; 0 when none do (not
    asked: the caller checks 0 itself)."""
    start = count if start is None else max(0, min(start, count))
    if fits(start):
        low, steps = start, 0
        while low < count:
            probe = min(count, low + (1 if steps < 2 else 2 ** (steps - 1)))
            if not fits(probe):
                high = probe
                break
            low, steps = probe, steps + 1
        else:
            return low
    else:
        low, high = 0, start  # fits(high) is false
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    return low


def _names_as_listed(names: tuple[str, ...], font: QFont, width: float) -> tuple[str, ...]:
    """The names as the list shows them: a name breaks between its parts only when it is
    wider than the line."""
    return tuple(
        _unbroken(name) if wrap(name, font, 100_000).widths[0] < width else name for name in names
    )


def _unbroken(name: str) -> str:
    """The name with no line break inside it (its Chinese characters joined, its parts
    spaced by no-break spaces)."""
    name = name.replace(" ", NBSP)
    if any(unicodedata.east_asian_width(char) in ("W", "F") for char in name):
        return WORD_JOINER.join(name)
    return name

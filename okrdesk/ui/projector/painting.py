"""What every painter of the projector window shares (the frame, the walls, the reveal, the
vote and the slides are mixins of the window, each declaring only what it adds): the
screen's size, the one size unit derived from it, fonts in that unit, the view shown and
its pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFont

from okrdesk.engine.room_view import RoomView
from okrdesk.ui.projector.kept_blocks import KeptBlocks
from okrdesk.ui.projector.text_fit import floor_px


class Painting:
    """The base of the projector's painters (the window, a QWidget, comes after them)."""

    view: RoomView | None
    page: int  # the page shown, turned by the facilitator
    pages: int  # how many the screen shown has (set by its paint)

    if TYPE_CHECKING:  # QWidget's, which comes after the mixins: never shadow them

        def width(self) -> int: ...

        def height(self) -> int: ...

        def font(self) -> QFont: ...

    # (width, height, floor, unit) for the size last asked about: a layout asks thousands
    # of times (a line's size at 1,000 objectives) and the size seldom changes.
    _sized: tuple[int, int, int, float] | None = None

    _blocks: KeptBlocks | None = None  # the cards and candidates painted once (see kept_blocks)

    def _kept_blocks(self) -> KeptBlocks:
        if self._blocks is None:
            self._blocks = KeptBlocks()
        return self._blocks

    def _floor(self) -> int:
        """The smallest text on this screen, in pixels: every size on the projector derives
        from this one rule (text_fit.floor_px), portrait and narrow screens included."""
        width, height, kept = self.width(), self.height(), self._sized
        if kept is None or kept[0] != width or kept[1] != height:
            floor = floor_px(height, width)
            kept = self._sized = (width, height, floor, max(float(floor), 12.0))
        return kept[2]

    def unit(self) -> float:
        """The smallest text size: readable from the back of a 10 m room."""
        width, height, kept = self.width(), self.height(), self._sized
        if kept is None or kept[0] != width or kept[1] != height:
            self._floor()
            kept = self._sized
            assert kept is not None
        return kept[3]

    def _font(self, scale: float, bold: bool = False) -> QFont:
        """The window's font at this many units."""
        font = QFont(self.font())
        font.setPixelSize(max(1, round(self.unit() * scale)))
        font.setBold(bold)
        return font

"""Blocks of the projector's screen (an idea card, a candidate of the vote) painted once into
an image and drawn from it: a repaint draws one image per block instead of laying out and
drawing each of its lines again (a paint of the wall while the phones write must fit in a
frame, and the phones' work shares the interpreter with it)."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from okrdesk.ui.projector.text_fit import DrawnText, replay, set_aside

KEPT_BYTES = 48 * 1024 * 1024  # the blocks' images kept, at most (the least recently drawn go)
LARGEST_SHARE = 24  # a block bigger than this share of the budget is never kept
SEEN_KEYS = 4096  # the blocks remembered as drawn once (see KeptBlocks.draw)
_ARGB = QImage.Format.Format_ARGB32_Premultiplied
_OPAQUE = QImage.Format.Format_RGB32


@dataclass(frozen=True)
class KeptBlock:
    """A block's image, where its top-left goes, and the texts painting it drew."""

    image: QImage
    at: QPoint
    drawn: tuple[DrawnText, ...]


class KeptBlocks:
    """Blocks painted into images, kept by what they show (the key names every input of
    their painting: texts, sizes, fonts and where they go on the screen)."""

    def __init__(self, budget: int = KEPT_BYTES, largest: int | None = None) -> None:
        self._kept: dict[Hashable, KeptBlock] = {}  # the most recently drawn last
        self._bytes = 0
        self._budget = budget
        self._largest = budget // LARGEST_SHARE if largest is None else largest  # bytes
        self.painted = 0  # how many blocks were painted into an image (tests count them)
        self._seen: dict[Hashable, None] = {}  # blocks drawn once, not kept (see draw)

    def __len__(self) -> int:
        return len(self._kept)

    def draw(
        self,
        painter: QPainter,
        key: Hashable,
        area: QRect,
        paint: Callable[[QPainter], None],
        background: QColor | None = None,
        *,
        kept_when_seen_again: bool = False,
        solid: QRect | None = None,
    ) -> None:
        """Draw the block kept under ``key``, painting it first when it is not kept.

        ``paint`` paints the block in the screen's own coordinates, within ``area`` (what
        it paints outside is lost): the image is moved by whole pixels only, so every line
        lands on the same pixels as painted straight onto the screen. ``background``: the
        screen's colour under the block, for an opaque image (drawn as a copy, not blended;
        it covers the whole area, so nothing else may be painted there before it).

        ``kept_when_seen_again``: the first draw paints the block straight (as its image
        would show it, pixel for pixel: only for an opaque block) and keeps nothing; the
        image is made at the second. A new card is mostly painted once while the phones
        write (a page turned to shows new cards), and its image would cost a fill and a
        copy more than painting it.

        ``solid``: within the area, the pixels ``paint`` covers opaquely whatever lies under
        them (a card's inside): the background goes around them only (the memory written
        is what a paint costs most here).
        """
        block = self._kept.pop(key, None)
        seen_first = False
        if block is None and kept_when_seen_again and background is not None:
            seen_first = key not in self._seen
            self._seen.pop(key, None)
            self._seen[key] = None  # the most recently seen last
            while len(self._seen) > SEEN_KEYS:
                del self._seen[next(iter(self._seen))]
        if block is None and (seen_first or area.width() * area.height() * 4 > self._largest):
            # Seen for the first time, or too big to keep many of (a page of two or three
            # cards): painted straight. Few such big blocks fill a page, and their large
            # lines come from text_fit's kept line images anyway; keeping them would push
            # out the small ones.
            if background is not None:
                _fill_around(painter, area, solid, background)
            with_clip = painter.hasClipping()
            painter.save()
            painter.setClipRect(
                area, Qt.ClipOperation.IntersectClip if with_clip else Qt.ClipOperation.ReplaceClip
            )
            paint(painter)
            painter.restore()
            return
        if block is None:
            block = self._painted(painter, area, paint, background, solid)
            self._bytes += block.image.sizeInBytes()
            self.painted += 1
        self._kept[key] = block
        while self._bytes > self._budget and len(self._kept) > 1:
            oldest = next(iter(self._kept))
            self._bytes -= self._kept.pop(oldest).image.sizeInBytes()
        painter.drawImage(block.at, block.image)
        if block.drawn:
            replay(block.drawn)

    @staticmethod
    def _painted(
        painter: QPainter,
        area: QRect,
        paint: Callable[[QPainter], None],
        background: QColor | None,
        solid: QRect | None,
    ) -> KeptBlock:
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        image = QImage(
            max(1, math.ceil(area.width() * ratio)),
            max(1, math.ceil(area.height() * ratio)),
            _ARGB if background is None else _OPAQUE,
        )
        image.setDevicePixelRatio(ratio)
        if background is None:
            image.fill(Qt.GlobalColor.transparent)
        on_image = QPainter(image)
        on_image.setRenderHints(painter.renderHints())
        on_image.translate(-area.x(), -area.y())
        if background is not None:  # the image's memory is new: all but the solid part filled
            _fill_around(on_image, area, solid if ratio == 1.0 else None, background)
        try:
            with set_aside() as recorder:
                paint(on_image)
        finally:
            on_image.end()
        return KeptBlock(image, area.topLeft(), tuple(recorder.drawn))

    def clear(self) -> None:
        self._kept.clear()
        self._seen.clear()
        self._bytes = 0


def _fill_around(painter: QPainter, area: QRect, solid: QRect | None, colour: QColor) -> None:
    """The area filled with the colour, but for the solid rectangle inside it."""
    if solid is None or not area.contains(solid) or solid.isEmpty():
        painter.fillRect(area, colour)
        return
    left, top = area.x(), area.y()
    right, bottom = left + area.width(), top + area.height()  # past the last pixel
    solid_right, solid_bottom = solid.x() + solid.width(), solid.y() + solid.height()
    for x, y, width, height in (
        (left, top, area.width(), solid.y() - top),  # above
        (left, solid_bottom, area.width(), bottom - solid_bottom),  # below
        (left, solid.y(), solid.x() - left, solid.height()),  # beside, left
        (solid_right, solid.y(), right - solid_right, solid.height()),  # beside, right
    ):
        if width > 0 and height > 0:
            painter.fillRect(QRect(x, y, width, height), colour)

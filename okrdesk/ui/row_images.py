"""Rows of a list or tree drawn once into images, kept by everything they show.

A change to a card or an objective repaints every visible row of the views that show it,
nearly all of them as they were, and drawing a row (its text laid out and shaped, a rounded
card antialiased) costs several times copying its image. A delegate names what a row's look
depends on (its key) and how to draw it; the row is drawn on the view's own background, so
its image is opaque and its text antialiased as on screen, and copied pixel for pixel.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

# The option's state bits a row's look depends on: selection, focus, hover, enabled, active.
DRAWN_STATES = (
    QStyle.StateFlag.State_Selected.value
    | QStyle.StateFlag.State_HasFocus.value
    | QStyle.StateFlag.State_MouseOver.value
    | QStyle.StateFlag.State_Enabled.value
    | QStyle.StateFlag.State_Active.value
    | QStyle.StateFlag.State_Editing.value
)

Draw = Callable[[QPainter, QRect], None]  # draws the row into this rectangle (at 0, 0)


def background(option: QStyleOptionViewItem) -> QColor:
    """What shows around and behind a row: the view's base colour in the row's colour group."""
    active = option.state.value & QStyle.StateFlag.State_Active.value
    group = QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive
    return option.palette.color(group, QPalette.ColorRole.Base)


def option_key(option: QStyleOptionViewItem, ratio: float) -> tuple[Hashable, ...]:
    """What of the option a row's look depends on: its size, state, palette, font, features."""
    rect: QRect = option.rect
    return (
        rect.width(),
        rect.height(),
        option.state.value & DRAWN_STATES,
        option.palette.cacheKey(),
        option.font.key(),
        option.features.value,
        option.decorationSize.width(),
        ratio,
    )


class RowImages:
    """The images of the rows drawn lately (at most ``kept``, the least recently used go)."""

    def __init__(self, kept: int) -> None:
        self.kept = kept
        self._images: OrderedDict[Hashable, QPixmap] = OrderedDict()

    def __len__(self) -> int:
        return len(self._images)

    def __iter__(self) -> Iterator[Hashable]:
        """The rows' keys, the least recently drawn first."""
        return iter(list(self._images))

    def image(self, key: Hashable) -> QPixmap | None:
        return self._images.get(key)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        key: tuple[Hashable, ...],
        draw: Draw,
    ) -> None:
        """Copy the row's image into the option's rectangle, drawing it first if not kept."""
        rect: QRect = option.rect
        ratio = painter.device().devicePixelRatioF()
        full = (*key, *option_key(option, ratio))
        image = self._images.get(full)
        if image is None:
            width, height = rect.width(), rect.height()
            image = QPixmap(max(1, round(width * ratio)), max(1, round(height * ratio)))
            image.setDevicePixelRatio(ratio)
            image.fill(background(option))
            drawing = QPainter(image)
            draw(drawing, QRect(0, 0, width, height))
            drawing.end()
            self._images[full] = image
            if len(self._images) > self.kept:
                self._images.popitem(last=False)
        else:
            self._images.move_to_end(full)
        painter.save()
        # Copied pixel for pixel: the smooth-transform hint some views set would send the
        # copy down Qt's transforming path (about 200 µs a card instead of 8).
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawPixmap(rect.topLeft(), image)
        painter.restore()


def at_origin(option: QStyleOptionViewItem, rect: QRect) -> QStyleOptionViewItem:
    """A copy of the option for drawing the row into an image of its own."""
    here = QStyleOptionViewItem(option)
    here.rect = rect
    return here

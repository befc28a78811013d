"""Lists and trees that repaint alone: a change to a row repaints the view, not the page.

A scroll area's scroll-bar containers are transparent by default, the style sheet turns its
viewport's own background off (it paints the sheet's background instead, transparently to
Qt), and a rounded border would make the frame transparent too. Then every repaint of a row
also repaints, beneath it, each widget up to the window: at 1,000 cards a moved card cost
about 12 ms of painting where the two views alone take 6. The window's views have square
borders (style.py), and this keeps their viewports and scroll-bar containers filling their
own background, each time the style polishes them again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


class _Refill(QObject):
    """Turns a scroll area's background filling back on after each polish of its parts."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        polished = event.type() in (QEvent.Type.Polish, QEvent.Type.StyleChange)
        if polished and isinstance(watched, QWidget):
            area = watched if isinstance(watched, QAbstractScrollArea) else watched.parent()
            if isinstance(area, QAbstractScrollArea):
                _fill(area)
        return False


def _parts(area: QAbstractScrollArea) -> list[QWidget]:
    bars = (area.verticalScrollBar().parentWidget(), area.horizontalScrollBar().parentWidget())
    return [part for part in (area.viewport(), *bars) if part is not None and part is not area]


def _fill(area: QAbstractScrollArea) -> None:
    for part in _parts(area):
        part.setAutoFillBackground(True)


def paint_views_opaque(root: QWidget) -> None:
    """Every scroll area under root (root included) paints its viewport and bars opaque."""
    areas = root.findChildren(QAbstractScrollArea)
    if isinstance(root, QAbstractScrollArea):
        areas.append(root)
    refill = _Refill(root)
    for area in areas:
        _fill(area)
        area.installEventFilter(refill)
        area.viewport().installEventFilter(refill)

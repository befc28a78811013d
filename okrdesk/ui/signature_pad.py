"""A pad to sign on with a mouse, a pen or a finger, and drawing a stored signature."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QTabletEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from okrdesk.engine.signature import Point, Signature

INK = QColor("#0f2a5f")


def draw_signature(painter: QPainter, signature: Signature, area: QRectF) -> None:
    """Draw the strokes scaled to fit the area, keeping their proportions."""
    scale = min(area.width() / signature.width, area.height() / signature.height)
    left = area.left() + (area.width() - signature.width * scale) / 2
    top = area.top() + (area.height() - signature.height * scale) / 2
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(INK, max(1.2, 2.2 * scale))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    for stroke in signature.strokes:
        points = [QPointF(left + x * scale, top + y * scale) for x, y in stroke]
        if len(points) == 1:
            painter.drawPoint(points[0])
            continue
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        painter.drawPath(path)
    painter.restore()


def signature_pixmap(signature: Signature | None, size: QSize) -> QPixmap:
    """The signature on a white card, e.g. as the icon of a decision (blank: no signature)."""
    pixmap = QPixmap(size)
    pixmap.fill(QColor("white") if signature is not None else QColor(0, 0, 0, 0))
    if signature is not None:
        painter = QPainter(pixmap)
        draw_signature(painter, signature, QRectF(2, 2, size.width() - 4, size.height() - 4))
        painter.end()
    return pixmap


class SignaturePad(QWidget):
    """Sign here: every press-drag-release is a stroke; clear() starts again."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(280, 110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(130)
        self.setCursor(Qt.CursorShape.CrossCursor)
        # Touch arrives as synthesised mouse events; a pen arrives as tablet events.
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, False)
        self._strokes: list[list[Point]] = []
        self._drawing = False
        self._box: tuple[float, float] | None = None  # the pad's size when signing began
        self.placeholder = ""

    def sizeHint(self) -> QSize:
        return QSize(360, 130)

    def signature(self) -> Signature | None:
        """What was drawn, in this pad's coordinates; None if nothing was."""
        strokes = tuple(tuple(stroke) for stroke in self._strokes if stroke)
        if not strokes:
            return None
        width, height = self._box or (float(self.width()), float(self.height()))
        return Signature(width, height, strokes)

    def clear(self) -> None:
        self._strokes.clear()
        self._drawing = False
        self._box = None
        self.update()
        self.changed.emit()

    # Drawing
    def _begin(self, position: QPointF) -> None:
        if not self._strokes:
            self._box = (float(self.width()), float(self.height()))
        self._drawing = True
        self._strokes.append([self._point(position)])
        self.update()

    def _extend(self, position: QPointF) -> None:
        point = self._point(position)
        if self._drawing and self._strokes[-1][-1] != point:
            self._strokes[-1].append(point)
            self.update()

    def _end(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def _point(self, position: QPointF) -> Point:
        x = min(max(position.x(), 0.0), float(self.width()))
        y = min(max(position.y(), 0.0), float(self.height()))
        return (x, y)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position())
            self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QTabletEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
        event.accept()  # no synthesised mouse events as well

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(QColor("#94a3b8"), 1))
        painter.setBrush(QColor("white"))
        painter.drawRoundedRect(rect, 6, 6)
        baseline = rect.bottom() - rect.height() * 0.25
        painter.setPen(QPen(QColor("#cbd5e1"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(rect.left() + 16, baseline), QPointF(rect.right() - 16, baseline))
        signature = self.signature()
        if signature is None:
            painter.setPen(QColor("#94a3b8"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.placeholder)
        else:
            draw_signature(painter, signature, QRectF(self.rect()))
        painter.end()

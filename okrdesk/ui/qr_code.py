"""A QR code of a join address, painted module by module: sharp at any size, on any screen."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

QUIET_ZONE = 4  # modules of white around the code: what scanners need to find it


class QrCode:
    """The modules of one text's QR code (segno; error correction M survives a glare)."""

    def __init__(self, text: str) -> None:
        import segno

        self.text = text
        symbol = segno.make(text, error="m", micro=False)
        self.rows: tuple[bytes, ...] = tuple(bytes(row) for row in symbol.matrix)

    @property
    def modules(self) -> int:
        """Modules across, the quiet zone included."""
        return len(self.rows) + 2 * QUIET_ZONE

    def paint(self, painter: QPainter, square: QRectF) -> None:
        """Black modules on white in the square (whole pixels per module where it fits)."""
        side = min(square.width(), square.height())
        module = side / self.modules
        if module >= 2:
            module = float(int(module))  # crisp edges: every module the same whole pixels
        size = module * self.modules
        left = square.left() + (square.width() - size) / 2
        top = square.top() + (square.height() - size) / 2
        painter.fillRect(QRectF(left, top, size, size), QColor("white"))
        black = QColor("black")
        origin = QUIET_ZONE * module
        for y, row in enumerate(self.rows):
            x = 0
            while x < len(row):  # one rectangle per run of dark modules
                if not row[x]:
                    x += 1
                    continue
                start = x
                while x < len(row) and row[x]:
                    x += 1
                painter.fillRect(
                    QRectF(
                        left + origin + start * module,
                        top + origin + y * module,
                        (x - start) * module,
                        module,
                    ),
                    black,
                )

    def image(self, pixels: int) -> QImage:
        """The code as an image about ``pixels`` square (for a label in the window)."""
        module = max(1, pixels // self.modules)
        side = module * self.modules
        image = QImage(side, side, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        self.paint(painter, QRectF(0, 0, side, side))
        painter.end()
        return image

"""Paints an idea as a sticky card: wrapped text, its author, and how many duplicates it holds."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPen,
    QPixmap,
    QStaticText,
    QTextOption,
)
from PySide6.QtWidgets import (
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from okrdesk.engine.validation import CARD_LENGTH
from okrdesk.ui.models.roles import AUTHOR_ROLE, CARRIED_ROLE, DUPLICATES_ROLE
from okrdesk.ui.row_images import RowImages, at_origin
from okrdesk.ui.style import ACCENT, CARD, CARD_BORDER

Index = QModelIndex | QPersistentModelIndex


class CardDelegate(QStyledItemDelegate):
    """Cards are a fixed size so a wall of 40+ reads as a grid; long text is elided."""

    def __init__(self, parent: QWidget | None = None, width: int = 230, height: int = 120) -> None:
        super().__init__(parent)
        self.card_size = QSize(width, height)
        # A card's text laid out once: a repaint of the wall re-wraps no card.
        self._laid_out: OrderedDict[tuple[str, str, int, int], QStaticText] = OrderedDict()
        self._sheets: dict[tuple[int, int, bool, float], QPixmap] = {}
        self.cards = RowImages(CARDS_KEPT)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return self.card_size

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        """F2's line holds what a new card holds (the same limit as typing one)."""
        editor = QLineEdit(parent)
        editor.setObjectName("cardEditor")
        editor.setFrame(False)
        editor.setMaxLength(CARD_LENGTH)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QLineEdit):
            # A card saved longer (before the limit was one) is shown whole, never cut by
            # the editor: saving it still asks for it to be shortened.
            editor.setMaxLength(max(CARD_LENGTH, len(text)))
            editor.setText(text)
            return
        super().setEditorData(editor, index)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        author = index.data(AUTHOR_ROLE)
        duplicates = int(index.data(DUPLICATES_ROLE) or 0)
        # The badge's words, in the language now in use (kept with the card's image).
        carried = self.tr("carried over") if index.data(CARRIED_ROLE) else None
        key = (text, author, duplicates, carried)

        def draw(drawing: QPainter, rect: QRect) -> None:
            self._draw(drawing, at_origin(option, rect), text, author, duplicates, carried)

        # Drawn once into an image kept by what the card shows (row_images.py): adding a
        # card repaints every card in view.
        self.cards.paint(painter, option, key, draw)

    def _draw(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        text: str,
        author: object,
        duplicates: int,
        carried: str | None = None,
    ) -> None:
        painter.save()
        rect = QRectF(option.rect.adjusted(6, 6, -6, -6))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ratio = painter.device().devicePixelRatioF()
        painter.drawPixmap(option.rect.topLeft(), self.sheet(option.rect.size(), selected, ratio))
        text_rect = rect.adjusted(10, 8, -10, -26).toRect()
        painter.setPen(QColor("#1f2937"))
        font = scaled(option.font, 1.1)
        painter.setFont(font)
        painter.drawStaticText(text_rect.topLeft(), self.laid_out(text, font, text_rect))
        footer = QRect(text_rect.left(), int(rect.bottom()) - 22, text_rect.width(), 18)
        small = scaled(option.font, 0.9)
        painter.setFont(small)
        painter.setPen(QColor("#6b7280"))
        if carried:
            # A small badge at the footer's start: the card came from the last cycle.
            width = QFontMetrics(small).horizontalAdvance(carried) + 12
            badge = QRectF(footer.left(), footer.top(), width, footer.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(CARRIED))
            painter.drawRoundedRect(badge, 6, 6)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, carried)
            painter.setPen(QColor("#6b7280"))
            footer.setLeft(footer.left() + round(width) + 6)
        if author:
            # Name and department on one line, cut with "…" before the duplicates' count.
            room = footer.width() - (40 if duplicates else 0)
            line = QFontMetrics(small).elidedText(str(author), Qt.TextElideMode.ElideRight, room)
            painter.drawText(
                footer, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line
            )
        if duplicates:
            painter.setPen(QColor(ACCENT))
            painter.drawText(
                footer,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"+{duplicates}",
            )
        painter.restore()

    def sheet(self, size: QSize, selected: bool, ratio: float) -> QPixmap:
        """The card itself (its paper, border and corners) for a row this size, drawn once:
        an antialiased rounded rectangle cost more than all the rest of a card's paint."""
        key = (size.width(), size.height(), selected, ratio)
        sheet = self._sheets.get(key)
        if sheet is None:
            sheet = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
            sheet.setDevicePixelRatio(ratio)
            sheet.fill(Qt.GlobalColor.transparent)
            painter = QPainter(sheet)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pen = QPen(QColor(ACCENT if selected else CARD_BORDER), 3 if selected else 1)
            painter.setPen(pen)
            painter.setBrush(QColor(CARD))
            card = QRectF(6, 6, size.width() - 12, size.height() - 12)
            painter.drawRoundedRect(card, 8, 8)
            painter.end()
            if len(self._sheets) > 16:
                self._sheets.clear()
            self._sheets[key] = sheet
        return sheet

    def laid_out(self, text: str, font: QFont, rect: QRect) -> QStaticText:
        """The card's text wrapped (and cut with an ellipsis) to the rectangle, kept."""
        key = (text, font.key(), rect.width(), rect.height())
        laid_out = self._laid_out.get(key)
        if laid_out is not None:
            self._laid_out.move_to_end(key)
            return laid_out
        laid_out = QStaticText(_elide_lines(text, QFontMetrics(font), rect))
        laid_out.setTextFormat(Qt.TextFormat.PlainText)
        laid_out.setTextWidth(rect.width())
        laid_out.setTextOption(QTextOption(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop))
        laid_out.prepare(font=font)
        self._laid_out[key] = laid_out
        if len(self._laid_out) > KEPT:
            self._laid_out.popitem(last=False)
        return laid_out


CARRIED = "#0f766e"  # the "carried over" badge: white on teal, 5.5:1
KEPT = 4000  # cards' laid-out texts kept (a wall of 1,000 cards, and its edits)
CARDS_KEPT = 200  # cards' images kept (a wall's screen many times over; about 110 KB each)


def scaled(font: QFont, factor: float) -> QFont:
    """A copy of the font this much larger or smaller, sized in pixels or in points as the
    font is (the application's font is sized in pixels)."""
    larger = QFont(font)
    if font.pixelSize() > 0:
        larger.setPixelSize(max(1, round(font.pixelSize() * factor)))
    else:
        larger.setPointSizeF(font.pointSizeF() * factor)
    return larger


def _wrap_flags() -> int:
    return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)


def _elide_lines(text: str, metrics: QFontMetrics, rect: QRect) -> str:
    """The text, cut with an ellipsis if it would not fit the card."""
    bound = metrics.boundingRect(rect, _wrap_flags(), text)
    if bound.height() <= rect.height():
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        candidate = text[:middle] + "…"
        if metrics.boundingRect(rect, _wrap_flags(), candidate).height() <= rect.height():
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"


class CardStripDelegate(QStyledItemDelegate):
    """A card as a strip in a list: every strip two lines high, longer text elided (the whole
    text is its tooltip). One height for all lets the list lay out thousands of cards
    without asking each card its size on every change."""

    LINES = 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The list asks one card's size on each layout (every change): the answer, kept by
        # what it depends on, saves laying out that card's text each time.
        self._sizes: dict[tuple[str, str, int, int], QSize] = {}
        self.strips = RowImages(STRIPS_KEPT)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        key = (text, option.font.key(), option.rect.width(), option.features.value)
        size = self._sizes.get(key)
        if size is None:
            measured = super().sizeHint(option, index)
            line = QFontMetrics(option.font).lineSpacing()
            size = QSize(measured.width(), self.LINES * line + 8)
            if len(self._sizes) > 1000:
                self._sizes.clear()
            self._sizes[key] = size
        return QSize(size)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """The strip as Qt's own delegate paints it, drawn once into an image kept by what it
        shows (row_images.py): Qt lays out a strip's text again on every paint."""
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        carried = bool(index.data(CARRIED_ROLE))

        def draw(drawing: QPainter, rect: QRect) -> None:
            placed = at_origin(option, rect)
            super(CardStripDelegate, self).paint(drawing, placed, index)
            if carried:  # carried over from the last cycle: a teal edge, as the card's badge
                edge = placed.rect
                drawing.fillRect(
                    QRect(edge.left(), edge.top() + 2, 4, edge.height() - 4), QColor(CARRIED)
                )

        self.strips.paint(painter, option, (text, carried), draw)


STRIPS_KEPT = 300  # strips' images kept (a column of strips many times over)

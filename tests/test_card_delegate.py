"""The wall's card delegate: each card's text is wrapped and cut once, not on every repaint."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QListView, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from okrdesk.ui import card_delegate
from okrdesk.ui.card_delegate import CardDelegate


def _wall(qtbot: QtBot, texts: list[str]) -> tuple[QListView, CardDelegate]:
    view = QListView()
    model = QStandardItemModel(view)
    for text in texts:
        model.appendRow(QStandardItem(text))
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setModel(model)
    delegate = CardDelegate(view)
    view.setItemDelegate(delegate)
    view.resize(800, 600)
    qtbot.addWidget(view)
    return view, delegate


def test_a_long_text_is_cut_to_the_card_with_an_ellipsis(qtbot: QtBot) -> None:
    _view, delegate = _wall(qtbot, [])
    rect = QRect(0, 0, 200, 60)
    laid_out = delegate.laid_out("提升客户满意度以及产品质量，" * 20, QFont(), rect)
    assert laid_out.text().endswith("…")
    assert laid_out.size().height() <= rect.height()
    short = delegate.laid_out("短的想法", QFont(), rect)
    assert short.text() == "短的想法"


def test_a_repaint_lays_out_no_card_again(qtbot: QtBot) -> None:
    view, delegate = _wall(qtbot, [f"想法 {n}：提升转化率" for n in range(6)])
    view.grab()
    first = dict(delegate._laid_out)
    assert len(first) == 6
    view.grab()
    assert delegate._laid_out == first
    assert all(delegate._laid_out[key] is first[key] for key in first)


def test_the_kept_texts_are_bounded(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(card_delegate, "KEPT", 5)
    _view, delegate = _wall(qtbot, [])
    for n in range(12):
        delegate.laid_out(f"想法 {n}", QFont(), QRect(0, 0, 200, 60))
    assert len(delegate._laid_out) == 5
    assert [key[0] for key in delegate._laid_out] == [f"想法 {n}" for n in range(7, 12)]


def test_card_fonts_scale_in_pixels_or_in_points() -> None:
    from okrdesk.ui.card_delegate import scaled

    pixels = QFont()
    pixels.setPixelSize(14)
    assert scaled(pixels, 1.1).pixelSize() == 15 and pixels.pixelSize() == 14
    points = QFont()
    points.setPointSizeF(10.0)
    assert scaled(points, 0.9).pointSizeF() == pytest.approx(9.0)


def test_the_card_itself_is_drawn_once_per_size_and_looks_as_drawn_directly(
    qtbot: QtBot,
) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter, QPen

    from okrdesk.ui.style import ACCENT, CARD, CARD_BORDER

    view, delegate = _wall(qtbot, [f"想法 {n}" for n in range(6)])
    view.grab()
    view.grab()
    assert len(delegate._sheets) == 1  # six cards, two paints: one sheet
    row = QRect(20, 10, 242, 132)
    for selected in (False, True):
        direct = QImage(300, 160, QImage.Format.Format_ARGB32_Premultiplied)
        direct.fill(QColor("white"))
        cached = QImage(direct)
        painter = QPainter(direct)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(ACCENT if selected else CARD_BORDER), 3 if selected else 1))
        painter.setBrush(QColor(CARD))
        painter.drawRoundedRect(QRectF(row.adjusted(6, 6, -6, -6)), 8, 8)
        painter.end()
        painter = QPainter(cached)
        painter.drawPixmap(row.topLeft(), delegate.sheet(row.size(), selected, 1.0))
        painter.end()
        differences = [
            abs(QColor(direct.pixel(x, y)).red() - QColor(cached.pixel(x, y)).red())
            + abs(QColor(direct.pixel(x, y)).blue() - QColor(cached.pixel(x, y)).blue())
            for x in range(300)
            for y in range(160)
        ]
        assert max(differences) <= 3  # the same card, up to rounding in its antialiasing


def test_a_strip_is_measured_once_per_text_and_width(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QStyledItemDelegate

    from okrdesk.ui.card_delegate import CardStripDelegate

    model = QStandardItemModel()
    for text in ("短的想法", "A much longer card that wraps onto a second line " * 3):
        model.appendRow(QStandardItem(text))
    delegate = CardStripDelegate()
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 260, 40)
    option.features = QStyleOptionViewItem.ViewItemFeature.WrapText
    plain = QStyledItemDelegate()
    measured: list[str] = []
    measure = QStyledItemDelegate.sizeHint

    def counting(self, option, index):  # type: ignore[no-untyped-def]
        measured.append(index.data())
        return measure(self, option, index)

    monkeypatch.setattr(QStyledItemDelegate, "sizeHint", counting)
    for row in (0, 1, 0, 1, 0):
        index = model.index(row, 0)
        size = delegate.sizeHint(option, index)
        assert size.width() == measure(plain, option, index).width()
        assert size.height() == 2 * QFontMetrics(option.font).lineSpacing() + 8
    assert measured == [model.index(0, 0).data(), model.index(1, 0).data()]


def test_a_strip_is_drawn_once_and_looks_as_qt_draws_it(qtbot: QtBot) -> None:
    from PySide6.QtGui import QColor, QImage, QPainter, QPalette
    from PySide6.QtWidgets import QStyle, QStyledItemDelegate

    from okrdesk.ui.card_delegate import CardStripDelegate

    view = QListView()
    model = QStandardItemModel(view)
    for text in ("短的想法", "A much longer card that wraps onto a second line " * 3):
        model.appendRow(QStandardItem(text))
    view.setModel(model)
    view.setWordWrap(True)
    delegate = CardStripDelegate(view)
    view.setItemDelegate(delegate)
    view.resize(260, 300)
    qtbot.addWidget(view)
    view.grab()
    drawn = {key: delegate.strips.image(key) for key in delegate.strips}
    assert len(drawn) == 2
    view.grab()
    assert all(delegate.strips.image(key) is drawn[key] for key in drawn)

    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 250, 40)
    option.palette = view.palette()
    option.font = view.font()
    option.features = QStyleOptionViewItem.ViewItemFeature.WrapText
    for state in (QStyle.StateFlag.State_None, QStyle.StateFlag.State_Selected):
        option.state = state | QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Active
        images = []
        for paint in (delegate.paint, QStyledItemDelegate().paint):
            image = QImage(250, 40, QImage.Format.Format_RGB32)
            image.fill(option.palette.color(QPalette.ColorRole.Base))
            painter = QPainter(image)
            paint(painter, option, model.index(1, 0))
            painter.end()
            images.append(image)
        cached, direct = images
        worst = max(
            abs(QColor(cached.pixel(x, y)).value() - QColor(direct.pixel(x, y)).value())
            for x in range(250)
            for y in range(40)
        )
        assert worst <= 3  # the same strip, up to rounding at the selection's corners


def test_the_kept_strips_are_bounded(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QImage, QPainter

    from okrdesk.ui.card_delegate import CardStripDelegate

    monkeypatch.setattr(card_delegate, "STRIPS_KEPT", 3)
    model = QStandardItemModel()
    delegate = CardStripDelegate()
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 200, 40)
    image = QImage(200, 40, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    for n in range(6):
        model.appendRow(QStandardItem(f"想法 {n}"))
        delegate.paint(painter, option, model.index(n, 0))
    painter.end()
    assert [key[0] for key in delegate.strips] == ["想法 3", "想法 4", "想法 5"]


def test_a_repaint_draws_no_card_anew(qtbot: QtBot) -> None:
    view, delegate = _wall(qtbot, [f"想法 {n}：提升转化率" for n in range(6)])
    view.grab()
    drawn = {key: delegate.cards.image(key) for key in delegate.cards}
    assert len(drawn) == 6
    view.grab()
    assert all(delegate.cards.image(key) is drawn[key] for key in drawn)
    model = view.model()
    assert isinstance(model, QStandardItemModel)
    model.item(0).setText("想法 0：改过了")
    view.grab()
    assert len(delegate.cards) == 7  # the edited card alone is drawn again

"""The window's visual system: body text size, tabular timer digits, visible focus rings."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from okrdesk.ui.app import application
from okrdesk.ui.style import ACCENT, BODY_PX
from okrdesk.ui.timer import PhaseTimer


def _accent_pixels(image: QImage) -> int:
    accent = QColor(ACCENT).rgb()
    pixels = (image.pixel(x, y) for y in range(image.height()) for x in range(image.width()))
    return sum(1 for pixel in pixels if pixel == accent)


def test_body_text_is_at_least_14_pixels(qtbot: QtBot) -> None:
    app = application()
    assert BODY_PX >= 14
    assert app.font().pixelSize() == BODY_PX
    assert QWidget().font().pixelSize() == BODY_PX


def test_the_timer_uses_tabular_digits(qtbot: QtBot) -> None:
    application()
    timer = PhaseTimer()
    qtbot.addWidget(timer)
    assert timer.label.font().featureValue(QFont.Tag("tnum")) == 1


def test_a_focused_control_shows_a_ring_in_the_accent_colour(qtbot: QtBot) -> None:
    application()
    window = QWidget()
    layout = QVBoxLayout(window)
    button, line = QPushButton("Add"), QLineEdit()
    layout.addWidget(button)
    layout.addWidget(line)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    unfocused = _accent_pixels(button.grab().toImage())
    ringed_line = _accent_pixels(line.grab().toImage())
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    focused = _accent_pixels(button.grab().toImage())
    assert unfocused == 0 and focused > 2 * (button.width() + button.height())
    assert ringed_line > 2 * line.width()

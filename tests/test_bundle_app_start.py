"""What the app's start-up gained with the bundle (issue 17): its icon on every window, and
SIGTERM or Ctrl+C closing the window as Quit does (the bundle's own run is tests/test_bundle.py).
"""

import os
import signal

import pytest
from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from okrdesk.ui.app import application
from okrdesk.ui.app_icon import ICON_SIZES, app_icon
from okrdesk.ui.close_on_signal import CloseOnSignal


def test_the_icon_has_every_size_shipped_and_the_application_shows_it(qapp):
    icon = app_icon()
    assert not icon.isNull()
    assert sorted(size.width() for size in icon.availableSizes()) == sorted(ICON_SIZES)
    image = icon.pixmap(QSize(48, 48)).toImage()
    assert image.width() == 48
    centre = image.pixelColor(24, 24)
    assert (centre.red(), centre.alpha()) > (200, 250)  # the amber dot, opaque
    assert image.pixelColor(0, 0).alpha() == 0  # rounded corners: transparent
    assert application().windowIcon().availableSizes() == icon.availableSizes()
    assert QApplication.desktopFileName() == "okrdesk"


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_closing_signal_closes_every_window_and_ends_the_loop_with_status_0(qtbot, qapp, number):
    before = signal.getsignal(number)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    closing = CloseOnSignal()
    try:
        # The application's own loop, as run_app runs it (PySide's QEventLoop.exec would
        # take SIGINT itself).
        QTimer.singleShot(0, lambda: os.kill(os.getpid(), number))
        QTimer.singleShot(10_000, lambda: qapp.exit(1))  # never heard: fail, do not hang
        assert qapp.exec() == 0  # ended by the signal, not by the time-out
        assert closing.received == [number]
        assert not window.isVisible()
    finally:
        closing.uninstall()
    assert signal.getsignal(number) == before

"""What the app's start-up gained with the bundle (issue 17): its icon on every window, and
SIGTERM or Ctrl+C closing the window as Quit does (the bundle's own run is tests/test_bundle.py).
"""

import os
import signal
import subprocess
import sys

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from okrdesk.ui.app import application
from okrdesk.ui.app_icon import ICON_SIZES, app_icon


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


# The application's own loop ends by the signal (QCoreApplication.exit): run in a process of
# its own, since an application whose exec() has returned leaves the test process's later
# windows unpainted (the export preview waits for a paint, the keyboard tests for focus).
CLOSING = """
import os, signal, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from okrdesk.ui.close_on_signal import CloseOnSignal
app = QApplication(sys.argv[:1])
number = int(sys.argv[1])
before = signal.getsignal(number)
window = QWidget()
window.show()
closing = CloseOnSignal()
# The application's own loop, as run_app runs it (PySide's QEventLoop.exec would take
# SIGINT itself).
QTimer.singleShot(0, lambda: os.kill(os.getpid(), number))
QTimer.singleShot(10_000, lambda: app.exit(1))  # never heard: fail, do not hang
status = app.exec()
closing.uninstall()
assert closing.received == [number], closing.received
assert not window.isVisible()
assert signal.getsignal(number) == before
sys.exit(status)
"""


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_closing_signal_closes_every_window_and_ends_the_loop_with_status_0(number):
    done = subprocess.run(
        [sys.executable, "-c", CLOSING, str(int(number))],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr  # ended by the signal, not by the time-out

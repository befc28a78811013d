"""SIGTERM and SIGINT close the window as the facilitator's Quit does (exit status 0).

A desktop session ending, ``kill PID`` or Ctrl+C in the terminal that started okrdesk would
otherwise end the process on the spot: the plan's lock, a demo copy's folder and the room
server left behind. Qt's event loop runs no Python while it waits, so the signal handler
alone would run only at the next event; the signal also writes a byte to a socket that a
QSocketNotifier watches, which wakes the loop at once (signal.set_wakeup_fd).
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication

# What signal.signal returns: a handler, SIG_DFL/SIG_IGN, or None (one not set from Python).
_Handler = Callable[[int, FrameType | None], object] | int | signal.Handlers | None

CLOSING_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class CloseOnSignal(QObject):
    """While installed, a closing signal closes every window and ends the event loop."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.received: list[int] = []
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_wakeup = signal.set_wakeup_fd(self._writer.fileno())
        self._previous: dict[int, _Handler] = {}
        for number in CLOSING_SIGNALS:
            self._previous[number] = signal.signal(number, self._heard)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    def _heard(self, number: int, frame: FrameType | None) -> None:
        self.received.append(number)

    def _woken(self) -> None:
        try:
            while self._reader.recv(64):
                pass
        except BlockingIOError:
            pass
        if self.received:
            self.close_everything()

    @staticmethod
    def close_everything() -> None:
        # Each window closes as if its close button were pressed (the main window releases
        # the plan); a dialog's own loop ends too, then the application's.
        QApplication.closeAllWindows()
        QCoreApplication.exit(0)

    def uninstall(self) -> None:
        """The handlers and wake-up socket there were before."""
        self._notifier.setEnabled(False)
        for number, previous in self._previous.items():
            signal.signal(number, previous if previous is not None else signal.SIG_DFL)
        signal.set_wakeup_fd(self._previous_wakeup)
        self._reader.close()
        self._writer.close()

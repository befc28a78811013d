"""Reading from the organisation store off the GUI thread: a slow or unreachable store never
freezes the window; the answer (or what went wrong, in words) comes back as a signal."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, SignalInstance

from okrdesk.errors import OkrdeskError

log = logging.getLogger(__name__)


class StoreReader(QObject):
    """Runs one read at a time on a thread of its own; a newer read makes older answers
    stale (they are dropped: a slow answer never replaces a newer one)."""

    answered = Signal(int, object)  # the read's number, what it read
    failed = Signal(int, object)  # the read's number, the error (an OkrdeskError or other)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.latest = 0  # the number of the newest read asked for
        self.threads: list[threading.Thread] = []

    @property
    def busy(self) -> bool:
        """Whether the newest read is still under way."""
        return any(t.is_alive() and t.name.endswith(f"-{self.latest}") for t in self.threads)

    def start(self, work: Callable[[], object]) -> int:
        """Start ``work`` on a thread; its number (what ``answered``/``failed`` carry)."""
        self.latest += 1
        number = self.latest
        self.threads = [t for t in self.threads if t.is_alive()]
        thread = threading.Thread(
            target=self._run, args=(number, work), name=f"okrdesk-store-read-{number}", daemon=True
        )
        self.threads.append(thread)
        thread.start()
        return number

    def _run(self, number: int, work: Callable[[], object]) -> None:
        try:
            result = work()
        except Exception as error:  # said to the person, never lost in the thread
            if not isinstance(error, OkrdeskError):
                log.warning("reading the store failed", exc_info=error)
            self._emit(self.failed, number, error)
        else:
            self._emit(self.answered, number, result)

    @staticmethod
    def _emit(signal: SignalInstance, number: int, value: object) -> None:
        with contextlib.suppress(RuntimeError):  # the window closed while the store was read
            signal.emit(number, value)

"""A storage error raised while a screen reads the plan reaches the user, not only stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from okrdesk.models.storage_errors import storage_error
from okrdesk.ui.main_window import MainWindow

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class StorageAlarm:
    """An excepthook: a full disk, an I/O error or a lost file met by a read in a slot is
    said in the window's message bar in the user's language; anything else goes on to the
    previous hook (a traceback on stderr)."""

    def __init__(self, window: MainWindow, previous: ExceptHook = sys.__excepthook__) -> None:
        self.window = window
        self.previous = previous

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        session, view = self.window.session, self.window.view
        refusal = None if session is None else storage_error(error, session.plan.path)
        if refusal is None or view is None:
            self.previous(kind, error, trace)
            return
        view.messages.show_message(refusal.message(self.window.translations.language), "error")

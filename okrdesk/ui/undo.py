"""Qt's undo stack as a mirror of the engine's undo history (okrdesk/engine/history.py).

The history decides: undo and redo go to it first, and the Qt stack only follows what it
did, so the Edit menu's texts and enabled states show the engine's history as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from okrdesk.engine.changes import Change
from okrdesk.engine.editor import StaleUndoError
from okrdesk.engine.history import History
from okrdesk.errors import OkrdeskError


class ChangeCommand(QUndoCommand):
    """One step of the engine history as the Qt stack shows it (its text).

    It does nothing itself: the change was applied before it was pushed, and HistoryStack
    moves the engine history before it moves the Qt stack over this command.
    """

    def __init__(self, change: Change, text: str) -> None:
        super().__init__(text)
        self.change = change

    def redo(self) -> None:
        pass

    def undo(self) -> None:
        pass


class HistoryStack(QUndoStack):
    """Undo and redo the engine history, and move the Qt stack as it moved.

    A step the history refuses because its rows changed since (a ballot handed in at the
    booth after it) is dropped by the history, so it is dropped here too (an obsolete
    command); a refusal that leaves the step (a disk that cannot be written) moves nothing.
    """

    def __init__(
        self,
        history: History,
        notify: Callable[[Change], None],
        report: Callable[[OkrdeskError], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.history = history
        self._notify = notify
        self._report = report

    def record(self, change: Change, text: str) -> None:
        """Show a step the history has just recorded."""
        self.push(ChangeCommand(change, text))

    def undo(self) -> None:
        if not self.canUndo() or not self.history.can_undo:
            return
        command = self.command(self.index() - 1)
        try:
            change = self.history.undo()
        except StaleUndoError as error:
            command.setObsolete(True)  # the history dropped it: Qt drops it in undo()
            super().undo()
            self._report(error)
            return
        except OkrdeskError as error:
            self._report(error)
            return
        super().undo()
        self._notify(change)

    def redo(self) -> None:
        if not self.canRedo() or not self.history.can_redo:
            return
        command = self.command(self.index())
        try:
            change = self.history.redo()
        except StaleUndoError as error:
            command.setObsolete(True)
            super().redo()  # removes the command; the index stays, so say it changed
            self.indexChanged.emit(self.index())
            self._report(error)
            return
        except OkrdeskError as error:
            self._report(error)
            return
        if isinstance(command, ChangeCommand):
            command.change = change
        super().redo()
        self._notify(change)

    def clear(self) -> None:
        self.history.clear()
        super().clear()

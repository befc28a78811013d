"""Undo commands: each wraps one applied engine change; undo and redo revert row images."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from okrdesk.engine.changes import Change
from okrdesk.engine.editor import PlanEditor
from okrdesk.errors import OkrdeskError


class ChangeCommand(QUndoCommand):
    """A change already applied to the plan; the stack's first redo() must not apply it again.

    Operations are applied before the command is pushed, so a refused operation never
    reaches the stack. Undo puts the rows back; redo re-applies them.
    """

    def __init__(
        self,
        editor: PlanEditor,
        change: Change,
        text: str,
        notify: Callable[[Change], None],
        report: Callable[[OkrdeskError], None],
    ) -> None:
        super().__init__(text)
        self._editor = editor
        self._done = change
        self._undone: Change | None = None
        self._notify = notify
        self._report = report
        self._first_redo = True

    @property
    def change(self) -> Change:
        return self._done

    def redo(self) -> None:
        if self._first_redo:
            self._first_redo = False
            return
        if self._undone is None:
            return  # the undo before it was refused: nothing to redo
        try:
            self._done = self._editor.revert(self._undone, kind="redo")
        except OkrdeskError as error:
            self._report(error)
            return
        self._undone = None
        self._notify(self._done)

    def undo(self) -> None:
        # Qt moves the stack's index whatever happens here, so a refusal is reported
        # (and leaves the plan as it is) instead of being raised inside Qt.
        try:
            self._undone = self._editor.revert(self._done)
        except OkrdeskError as error:
            self._undone = None
            self._report(error)
            return
        self._notify(self._undone)

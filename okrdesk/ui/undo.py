"""Undo commands: each wraps one applied engine change; undo and redo revert row images."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from okrdesk.engine.changes import Change
from okrdesk.engine.editor import PlanEditor


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
    ) -> None:
        super().__init__(text)
        self._editor = editor
        self._done = change
        self._undone: Change | None = None
        self._notify = notify
        self._first_redo = True

    @property
    def change(self) -> Change:
        return self._done

    def redo(self) -> None:
        if self._first_redo:
            self._first_redo = False
            return
        assert self._undone is not None
        self._done = self._editor.revert(self._undone, kind="redo")
        self._notify(self._done)

    def undo(self) -> None:
        self._undone = self._editor.revert(self._done)
        self._notify(self._undone)

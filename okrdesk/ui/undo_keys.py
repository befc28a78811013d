"""Ctrl+Z in an empty entry box undoes the last change, not the box's own typing history."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit

_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class PassUndoWhenEmpty(QObject):
    """An empty quick-entry box lets Undo/Redo through to the window's undo stack.

    After Enter the box is empty but still remembers the typing; without this, Ctrl+Z
    would bring old text back instead of taking the card off the wall.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(watched, QLineEdit)
            and not watched.text()
            and isinstance(event, QKeyEvent)
            and any(event.matches(key) for key in _KEYS)
        ):
            event.ignore()  # not ours: the window's Undo action takes it
            return True
        return False


def pass_undo_when_empty(entry: QLineEdit) -> None:
    entry.installEventFilter(PassUndoWhenEmpty(entry))

"""A label that shows its text exactly as written, never as rich text.

A QLabel guesses: a text that starts like HTML is drawn as HTML, so an idea, a name or a file
name typed as ``<b>…</b><img src=…>`` would be drawn bold and load an image. Texts in okrdesk
come from people (phones included), files and plans; every label is plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import QLabel, QWidget


class PlainLabel(QLabel):
    """A QLabel whose text is always plain text."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        if text:
            self.setText(text)


def plain_tip(text: str) -> str:
    """A tooltip that shows the text as written: Qt guesses rich text for tooltips too, so a
    text that looks like HTML is handed over escaped (as HTML of the plain text)."""
    if not QtGuiNamespace.mightBeRichText(text):
        return text
    return QtGuiNamespace.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpacePre)

"""An inline strip that says why something was refused, or warns, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from okrdesk.ui.plain_label import PlainLabel


class MessageBar(QFrame):
    """A strip above the page that pushes it down (it never covers what it speaks of).

    An error stays until the next change, a dismissal or another page; a warning until the
    next change (an undo can make it untrue); a confirmation fades.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAutoFillBackground(True)
        self.label = PlainLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self._fade = QTimer(self)
        self._fade.setSingleShot(True)
        self._fade.timeout.connect(self.hide)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.setAccessibleName(self.tr("Dismiss message"))

    def show_message(self, text: str, level: str = "error") -> None:
        """level: "error" (refusals), "notice" (warnings) or "info" (confirmations)."""
        self._fade.stop()
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.show()
        if level == "info":
            self._fade.start(4000)

    def clear_error(self) -> None:
        """The next thing worked: a refusal shown before no longer applies."""
        if self.property("level") == "error":
            self.hide()

    def clear_notice(self) -> None:
        """Something changed: a warning about the state before may no longer be true."""
        if self.property("level") == "notice":
            self.hide()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

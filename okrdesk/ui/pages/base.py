"""What every phase page shares: its workshop, its title, reloading and retranslating."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from okrdesk.engine.changes import Change
from okrdesk.ui.plain_label import PlainLabel
from okrdesk.ui.session import PlanSession


class PhasePage(QWidget):
    """A page shows one workshop; it changes data only through session.run()."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.session = session
        self.workshop_id: int | None = None
        # Hidden pages do not refresh on every change; they reload when shown again.
        self._stale = False
        self.title = PlainLabel()
        self.title.setObjectName("pageTitle")
        self.hint = PlainLabel()
        self.hint.setObjectName("pageHint")
        self.hint.setWordWrap(True)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(18, 14, 18, 14)
        self.layout_.setSpacing(10)
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.hint)

    def set_workshop(self, workshop_id: int | None) -> None:
        self.workshop_id = workshop_id
        if self.isVisible():
            self._stale = False
            self.reload()
        else:
            self._stale = True  # read when the page is first shown

    def notify(self, change: Change) -> None:
        """A change happened: refresh now if the page is on screen, else when it is shown."""
        if self.isVisible():
            self.apply_change(change)
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale and not self.session.closed:
            self._stale = False
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        """Read everything the page shows from the plan."""

    def apply_change(self, change: Change) -> None:
        """Refresh after an operation, undo or redo (by default: reload everything)."""
        self.reload()

    def retranslate(self) -> None:
        """Set every visible text in the current language."""

    def focus_default(self) -> None:
        """Put keyboard focus where the facilitator types first on this page."""

    def changeEvent(self, event: QEvent) -> None:
        # A page of a plan being closed may still hear events until it is deleted.
        if event.type() == QEvent.Type.LanguageChange and not self.session.closed:
            self.retranslate()
        super().changeEvent(event)

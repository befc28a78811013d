"""What every phase page shares: its workshop, its title, reloading and retranslating."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from okrdesk.engine.changes import Change
from okrdesk.ui.session import PlanSession


class PhasePage(QWidget):
    """A page shows one workshop; it changes data only through session.run()."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.session = session
        self.workshop_id: int | None = None
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.hint = QLabel()
        self.hint.setObjectName("pageHint")
        self.hint.setWordWrap(True)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(18, 14, 18, 14)
        self.layout_.setSpacing(10)
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.hint)

    def set_workshop(self, workshop_id: int | None) -> None:
        self.workshop_id = workshop_id
        self.reload()

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
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

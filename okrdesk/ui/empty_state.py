"""What an empty list says: what to do to fill it ("Type an idea and press Enter")."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyState(QLabel):
    """A quiet line over an item view's empty viewport, gone as soon as a row is there."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view.viewport())
        self.view = view
        self.setObjectName("emptyState")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        model = view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self.follow)
        view.viewport().installEventFilter(self)
        self.follow()

    def follow(self) -> None:
        """Shown exactly while the view has no rows."""
        self.setVisible(self.view.model().rowCount() == 0)
        self.setGeometry(self.view.viewport().rect().adjusted(16, 16, -16, -16))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.view.viewport().rect().adjusted(16, 16, -16, -16))
        return False

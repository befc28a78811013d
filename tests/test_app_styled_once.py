"""The application is styled once: asking for it again repolishes no widget."""

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel

from okrdesk.ui.app import BODY_PX, application
from okrdesk.ui.style import STYLESHEET


class Restyled(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.events = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self.events += 1
        return False


def test_asking_for_the_application_again_restyles_nothing(qtbot):
    app = application()
    assert app.styleSheet() == STYLESHEET and app.font().pixelSize() == BODY_PX
    label = QLabel("已有的窗口")
    qtbot.addWidget(label)
    label.show()
    restyled = Restyled()
    label.installEventFilter(restyled)
    assert application() is app
    assert restyled.events == 0

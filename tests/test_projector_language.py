"""A language switch on a projector already painted lays out anew: nothing laid out for the
old language (the outcome's lines, labels) is kept."""

from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from benchmarks.rooms import rooms
from okrdesk.ui.projector.text_fit import recording
from okrdesk.ui.projector.window import ProjectorWindow

ROOT = Path(__file__).resolve().parent.parent


def window_for(qtbot, view):
    window = ProjectorWindow()
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show_room(view)
    window._animation.stop()
    window.reveal = 1.0
    window.set_seconds_left(-41.0)
    return window


def drawn(window):
    """Every page's texts and where they went."""
    found = []
    with recording() as recorder:
        for page in range(3):
            window.page = page
            window.grab()
            if page + 1 >= window.pages:
                break
    window.page = 0
    found = [(item.text, item.rect, item.pixels) for item in recorder.drawn]
    return found, window.pages


def test_a_decided_tie_switched_from_chinese_lays_out_as_a_fresh_english_window(qtbot):
    for name in ("decided", "tie", "runoff-open", "vote", "brainstorm", "group"):
        view = rooms("zh")[name]
        translator = QTranslator()
        assert translator.load(str(ROOT / "resources" / "i18n" / "okrdesk_zh_CN.qm"))
        QApplication.installTranslator(translator)
        QApplication.processEvents()
        switched = window_for(qtbot, view)
        switched.grab()  # laid out in Chinese
        QApplication.removeTranslator(translator)
        QApplication.processEvents()  # the language change reaches the window
        assert drawn(switched) == drawn(window_for(qtbot, view)), name

"""A scroll bar repaints when its handle moves on screen, not for every row added or taken."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QListView, QWidget

from okrdesk.models import Phase
from okrdesk.ui.steady_scroll_bars import SteadyScrollBar, steady_scroll_bars
from tests.ui_helpers import grouping_window


class Paints(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _settled() -> None:
    for _ in range(5):  # the view lays its rows out on a zero timer, then paints
        QApplication.processEvents()


def test_a_row_more_among_many_leaves_the_bar_alone_and_a_visible_change_repaints_it(qtbot):
    model = QStandardItemModel()
    model.appendColumn([QStandardItem(f"card {n}") for n in range(1000)])
    view = QListView()
    view.setModel(model)
    steady_scroll_bars(view)
    qtbot.addWidget(view)
    view.resize(300, 400)
    view.show()
    qtbot.waitExposed(view)
    _settled()
    bar = view.verticalScrollBar()
    assert isinstance(bar, SteadyScrollBar)
    paints = Paints(bar)
    drawn = bar.look()

    model.appendRow(QStandardItem("one more"))
    _settled()
    assert bar.maximum() > 0 and bar.look() == drawn
    assert paints.count == 0  # the handle did not move: nothing to repaint

    model.removeRows(0, 900)  # a tenth of the rows: a much longer handle
    _settled()
    assert bar.look() != drawn
    assert paints.count > 0

    painted = paints.count
    bar.setValue(bar.maximum() // 2)  # scrolling always repaints
    _settled()
    assert paints.count > painted


def test_the_window_views_have_steady_bars(qtbot, tmp_path):
    window, _cards = grouping_window(qtbot, tmp_path / "plan.okrdesk", ("A", "B"))
    page = window.view.pages[Phase.GROUP]
    for view in (page.tree, page.loose_view):
        assert isinstance(view.verticalScrollBar(), SteadyScrollBar)
        assert isinstance(view.horizontalScrollBar(), SteadyScrollBar)


def test_the_window_scroll_bars_are_flat_a_handle_on_a_light_track(qtbot, tmp_path):
    from PySide6.QtGui import QColor

    from okrdesk.ui.style import HANDLE, TRACK

    window, _cards = grouping_window(
        qtbot, tmp_path / "plan.okrdesk", [f"想法 {n}" for n in range(60)]
    )
    view = window.view.pages[Phase.GROUP].loose_view
    qtbot.waitUntil(lambda: view.verticalScrollBar().isVisible())
    bar = view.verticalScrollBar()
    bar.setValue(0)
    image = bar.grab().toImage()
    handle, _top, _bottom, _enabled = bar.look()
    middle = bar.width() // 2
    assert QColor(image.pixel(middle, handle.center().y())) == QColor(HANDLE)
    assert QColor(image.pixel(middle, bar.height() - 3)) == QColor(TRACK)  # below the handle

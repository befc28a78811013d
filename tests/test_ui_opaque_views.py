"""A change to a row repaints the list or tree that shows it, not the page beneath it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from okrdesk.engine import ops
from okrdesk.models import Phase
from tests.ui_helpers import grouping_window


class Paints(QObject):
    """Paint events each watched widget received."""

    def __init__(self, *widgets: QWidget) -> None:
        super().__init__()
        self.count = {widget: 0 for widget in widgets}
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched in self.count:
            self.count[watched] += 1
        return False


def test_moving_a_card_repaints_the_two_views_and_not_the_page(qtbot, tmp_path):
    window, cards = grouping_window(qtbot, tmp_path / "plan.okrdesk", ("A", "B", "C", "D"))
    session = window.session
    objective = session.run(ops.MakeObjectiveFromIdea(cards[0])).result
    page = window.view.pages[Phase.GROUP]
    page.tree.setFocus()  # the focus ring's rule polishes the tree again
    qtbot.wait(50)
    tree, wall = page.tree.viewport(), page.loose_view.viewport()
    assert tree.autoFillBackground() and wall.autoFillBackground()
    assert page.tree.verticalScrollBar().parentWidget().autoFillBackground()
    paints = Paints(page, window.view, tree, wall)

    session.run(ops.MoveIdea(cards[1], objective, 0))
    qtbot.waitUntil(lambda: paints.count[tree] > 0 and paints.count[wall] > 0)
    qtbot.wait(50)

    assert paints.count[page] == 0
    assert paints.count[window.view] == 0

"""The Select page's table cuts nothing off with "…" at 1366x768 and 1024x768, in both
languages: headers and cells are measured against their columns."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle, QTableWidget

from okrdesk.engine import ops
from okrdesk.models import Phase
from tests.ui_helpers import empty_workshop_plan, open_window

WRAPPED = 1  # the objective's title wraps within its column; the others hold one line


def cut_off(table: QTableWidget) -> list[str]:
    """Every header or cell text that does not fit its column (or its row, if wrapped):
    measured with the text's own font, as the style draws it (and elides what is wider)."""
    found = []
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        text = table.horizontalHeaderItem(column).text()
        # The header's own measure of the text with its margins, in its (style sheet) font.
        if header.sectionSizeHint(column) > header.sectionSize(column):
            found.append(f"header {text!r}: {header.sectionSize(column)} px")
    metrics = QFontMetrics(table.font())
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            text = "" if item is None else item.text()
            width = table.columnWidth(column) - margin
            if column == WRAPPED:
                flags = int(Qt.TextFlag.TextWordWrap)
                needed = metrics.boundingRect(QRect(0, 0, width, 10_000), flags, text).height()
                if needed > table.rowHeight(row):
                    found.append(f"row {row} {text!r}: {needed} > {table.rowHeight(row)} px high")
            elif column and metrics.horizontalAdvance(text) > width:
                found.append(f"row {row} column {column} {text!r}: {width} px")
    return found


LONG = {
    "en": "Make every customer's first week a success, from the signed contract to the first "
    "report they share with their own team, without a single call to support",
    "zh_CN": "让每一位客户的第一周都顺利成功：从签约到他们第一次与自己团队分享报告，"
    "整个过程无需拨打一次客服电话，并且在第一个月内完成全部数据迁移和培训",
}


def selected_window(qtbot, tmp_path, language):
    """A workshop on the Select page after a vote whose tie was decided: every seat's words
    (above and below the cut-off, chosen by decision, not chosen), one long objective."""
    path = tmp_path / "plan.okrdesk"
    workshop = empty_workshop_plan(path)
    window = open_window(qtbot, path, language)

    def run(op):
        change = window.session.run(op)
        assert change is not None, (op, window.view.messages.text())
        return change

    run(ops.ChangePhase(workshop, Phase.BRAINSTORM))
    titles = (LONG[language], "Cut churn", "Ship weekly", "Hire two designers")
    cards = [run(ops.AddIdea(workshop, title)).result for title in titles]
    run(ops.ChangePhase(workshop, Phase.GROUP))
    ids = [run(ops.MakeObjectiveFromIdea(card)).result for card in cards]
    run(ops.UpdateWorkshopSettings(workshop, selection_size=2))
    run(ops.ChangePhase(workshop, Phase.VOTE))
    run(ops.OpenVoting(workshop))
    for person, objective in ((1, ids[0]), (2, ids[0]), (1, ids[1]), (3, ids[2])):
        run(ops.CastDot(workshop, person, objective))
    run(ops.CloseVoting(workshop))
    run(ops.RevealTally(workshop))
    run(ops.DecideTie(workshop, (ids[2],), "Closer to the company objectives"))
    run(ops.ChangePhase(workshop, Phase.SELECT))
    window.view.go_to_phase(Phase.SELECT)
    return window


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_nothing_in_the_select_table_is_cut_off(qtbot, tmp_path, language) -> None:
    window = selected_window(qtbot, tmp_path, language)
    view = window.view
    table = view.pages[Phase.SELECT].table
    seats = {table.item(r, 3).text() for r in range(table.rowCount())}
    assert len(seats) == 4, seats  # above, below, chosen by decision, not chosen
    window.resize(1366, 768)
    QApplication.processEvents()
    assert cut_off(table) == [], "1366"
    assert view.pages[Phase.SELECT].minimumSizeHint().width() < 1024 - 300  # never the widest
    # A 1024-pixel screen: the window is held wider by other pages (its minimum is about
    # 1100 px), so the table gets the width a 1024-pixel window would leave it.
    table.setFixedWidth(table.width() - (window.width() - 1024))
    QApplication.processEvents()
    assert cut_off(table) == [], "1024"

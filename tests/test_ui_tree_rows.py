"""The objective tree's rows paint what the model says: text, font, badge, selection."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from okrdesk.engine import ops
from okrdesk.models import Phase
from okrdesk.ui.models.objectives import RowLook
from okrdesk.ui.models.roles import LOOK_ROLE
from okrdesk.ui.style import ACCENT
from okrdesk.ui.tree_row_delegate import TreeRowDelegate
from tests.ui_helpers import grouping_window

LONG = "Win the mid-market with a product customers recommend to their peers " * 2


def group_page(qtbot, tmp_path):
    window, ideas = grouping_window(qtbot, tmp_path / "plan.okrdesk", (LONG, "More leads"))
    session = window.session
    objective = session.run(ops.MakeObjectiveFromIdea(ideas[0])).result
    session.run(ops.MoveIdea(ideas[1], objective, None))
    session.run(
        ops.AddKeyResult(objective, ops.KeyResultFields("Grow leads from 40 to 150", target="150"))
    )
    return window.view.pages[Phase.GROUP], objective


def all_rows(model, parent=None):
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from all_rows(model, index)


def test_each_rows_look_is_what_its_roles_say(qtbot, tmp_path):
    page, _objective = group_page(qtbot, tmp_path)
    model = page.tree_model
    looks = [(index, model.data(index, LOOK_ROLE)) for index in all_rows(model)]
    assert len(looks) == 4  # the objective, its key result, its two cards
    for index, look in looks:
        assert isinstance(look, RowLook)
        assert look.text == model.data(index, Qt.ItemDataRole.DisplayRole)
        assert look.font == model.data(index, Qt.ItemDataRole.FontRole)
        assert (look.icon is None) == (model.data(index, Qt.ItemDataRole.DecorationRole) is None)
    objective, key_result, _first, card = (look for _index, look in looks)
    assert objective.font.bold() and objective.icon is not None  # one KR: a finding
    assert key_result.text.startswith("KR1  Grow leads")
    assert card.font.italic() and card.colour is not None and card.text == "▪ More leads"


def test_a_long_title_is_cut_with_an_ellipsis_within_its_row(qtbot, tmp_path):
    page, _objective = group_page(qtbot, tmp_path)
    delegate = page.tree.itemDelegate()
    assert isinstance(delegate, TreeRowDelegate)
    font = page.tree.font()
    font.setBold(True)
    line = delegate.laid_out(LONG, font, 300)
    assert line.text().endswith("…") and LONG.startswith(line.text()[:-1])
    assert QFontMetrics(font).horizontalAdvance(line.text()) <= 300
    assert delegate.laid_out(LONG, font, 300) is line  # laid out once, kept


def test_the_selected_row_and_the_badge_are_painted(qtbot, tmp_path):
    page, objective = group_page(qtbot, tmp_path)
    tree, model = page.tree, page.tree_model
    row = model.objective_index(objective)
    tree.setFocus()
    tree.setCurrentIndex(row)
    tree.selectionModel().select(row, tree.selectionModel().SelectionFlag.ClearAndSelect)
    qtbot.wait(20)
    rect = tree.visualRect(row)
    image = tree.viewport().grab().toImage()
    highlight = tree.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    # The row's right end holds no text: the selection's colour fills it.
    assert QColor(image.pixel(rect.right() - 3, rect.center().y())) == highlight


def test_the_badge_is_painted_before_the_text(qapp):
    red = QPixmap(16, 16)
    red.fill(QColor("red"))
    model = QStandardItemModel()
    item = QStandardItem()
    item.setData(RowLook("Objective", QFont(), None, QIcon(red)), LOOK_ROLE)
    model.appendRow(item)
    delegate = TreeRowDelegate()
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 300, 24)
    option.decorationSize = QSize(16, 16)
    option.palette = QPalette()
    image = QImage(300, 24, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(0, 0))
    painter.end()
    assert QColor(image.pixel(4 + 8, 12)) == QColor("red")  # the badge, after the margin
    assert QColor(image.pixel(2, 12)) == QColor("white")


def test_the_row_with_focus_is_ringed_in_the_accent_colour(qapp):
    model = QStandardItemModel()
    item = QStandardItem()
    item.setData(RowLook("Objective", QFont(), None, None), LOOK_ROLE)
    model.appendRow(item)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 300, 24)
    option.palette = QPalette()
    for state, ringed in (
        (QStyle.StateFlag.State_HasFocus, True),
        (QStyle.StateFlag.State_None, False),
    ):
        option.state = state
        image = QImage(300, 24, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        TreeRowDelegate().paint(painter, option, model.index(0, 0))
        painter.end()
        edge = QColor(image.pixel(299, 12)), QColor(image.pixel(0, 12))
        assert (edge == (QColor(ACCENT), QColor(ACCENT))) is ringed


def test_a_repaint_draws_no_row_anew_and_a_changed_row_is_drawn_again(qtbot, tmp_path):
    page, objective = group_page(qtbot, tmp_path)
    tree, delegate = page.tree, page.tree.itemDelegate()
    assert isinstance(delegate, TreeRowDelegate)
    tree.viewport().grab()
    drawn = {key: delegate.rows.image(key) for key in delegate.rows}
    assert len(drawn) == 4  # the objective, its key result, its two cards
    tree.viewport().grab()
    assert list(delegate.rows) == list(drawn)
    assert all(delegate.rows.image(key) is drawn[key] for key in drawn)

    page.session.run(ops.RenameObjective(objective, "Win the mid-market"))
    qtbot.waitUntil(lambda: page.tree_model.objective(objective).title == "Win the mid-market")
    image = tree.viewport().grab().toImage()
    assert len(delegate.rows) == 5  # the renamed row, drawn once more; the others as they were
    row = tree.visualRect(page.tree_model.objective_index(objective))
    text = QFontMetrics(tree.font()).horizontalAdvance("Win the mid-market")
    # The row's end, past the short title, is blank: the long title's image is not reused.
    assert QColor(image.pixel(row.left() + text + 40, row.center().y())) == QColor(
        image.pixel(row.right() - 2, row.center().y())
    )


def test_the_kept_row_images_are_bounded(qapp, monkeypatch):
    from okrdesk.ui import tree_row_delegate

    monkeypatch.setattr(tree_row_delegate, "ROWS_KEPT", 3)
    model = QStandardItemModel()
    delegate = TreeRowDelegate()
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 200, 20)
    option.palette = QPalette()
    image = QImage(200, 20, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    for n in range(6):
        item = QStandardItem()
        item.setData(RowLook(f"Objective {n}", QFont(), None, None), LOOK_ROLE)
        model.appendRow(item)
        delegate.paint(painter, option, model.index(n, 0))
    painter.end()
    assert [key[0] for key in delegate.rows] == [f"Objective {n}" for n in (3, 4, 5)]

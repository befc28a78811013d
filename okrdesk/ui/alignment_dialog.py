"""The alignment tree of a cycle, for the all-hands: who supports which company OKR."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine.alignment import ParentKind
from okrdesk.engine.alignment_tree import AlignmentTree, TreeNode

DRAFT = QColor("#b45309")


class AlignmentTreeView(QTreeWidget):
    """The tree's nodes nested (the plan's tree and the organisation store's): a key result
    nothing supports says so, the objectives aligned to nothing are grouped apart, and a
    node of a draft workshop (``drafts``, the store's) is marked as a draft. Its words are
    in the AlignmentDialog context, where they were first translated."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(
            [
                QCoreApplication.translate("AlignmentDialog", "OKR"),
                QCoreApplication.translate("AlignmentDialog", "Unit"),
            ]
        )
        self.setAccessibleName(
            QCoreApplication.translate("AlignmentDialog", "Alignment tree of the cycle")
        )
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.drafts: frozenset[int] = frozenset()

    def show_tree(self, tree: AlignmentTree, drafts: frozenset[int] = frozenset()) -> None:
        self.clear()
        self.drafts = drafts
        for node in tree.roots:
            self.addTopLevelItem(self._item(node))
        if tree.unaligned:
            group = QTreeWidgetItem(
                [QCoreApplication.translate("AlignmentDialog", "Not aligned to anything"), ""]
            )
            group.setForeground(0, QBrush(QColor("#b91c1c")))
            for node in tree.unaligned:
                group.addChild(self._item(node))
            self.addTopLevelItem(group)
        self.expandAll()

    def _item(self, node: TreeNode) -> QTreeWidgetItem:
        prefix = "O" if node.kind is ParentKind.OBJECTIVE else "KR"
        text = f"{prefix}  {node.title}"
        draft = node.id in self.drafts
        if draft:
            text += "   " + QCoreApplication.translate("AlignmentDialog", "[draft]")
        if node.flagged and node.kind is ParentKind.KEY_RESULT:
            text += "   " + QCoreApplication.translate(
                "AlignmentDialog", "(nothing supports this yet)"
            )
        item = QTreeWidgetItem([text, node.unit])
        if node.flagged:
            item.setForeground(
                0, QBrush(QColor("#b45309" if node.kind is ParentKind.KEY_RESULT else "#b91c1c"))
            )
        elif draft:
            item.setForeground(0, QBrush(DRAFT))
        if draft:
            font = item.font(0)
            font.setItalic(True)
            item.setFont(0, font)
        for child in node.children:
            item.addChild(self._item(child))
        return item


class AlignmentDialog(QDialog):
    def __init__(self, tree: AlignmentTree, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Alignment tree"))
        self.view = AlignmentTreeView()
        self.view.show_tree(tree)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(900, 640)

"""The alignment tree of a cycle, for the all-hands: who supports which company OKR."""

from __future__ import annotations

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


class AlignmentDialog(QDialog):
    def __init__(self, tree: AlignmentTree, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Alignment tree"))
        self.view = QTreeWidget()
        self.view.setHeaderLabels([self.tr("OKR"), self.tr("Unit")])
        self.view.setAccessibleName(self.tr("Alignment tree of the cycle"))
        for node in tree.roots:
            self.view.addTopLevelItem(self._item(node))
        if tree.unaligned:
            group = QTreeWidgetItem([self.tr("Not aligned to anything"), ""])
            group.setForeground(0, QBrush(QColor("#b91c1c")))
            for node in tree.unaligned:
                group.addChild(self._item(node))
            self.view.addTopLevelItem(group)
        self.view.expandAll()
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(900, 640)

    def _item(self, node: TreeNode) -> QTreeWidgetItem:
        prefix = "O" if node.kind is ParentKind.OBJECTIVE else "KR"
        text = f"{prefix}  {node.title}"
        if node.flagged and node.kind is ParentKind.KEY_RESULT:
            text += "   " + self.tr("(nothing supports this yet)")
        item = QTreeWidgetItem([text, node.unit])
        if node.flagged:
            item.setForeground(
                0, QBrush(QColor("#b45309" if node.kind is ParentKind.KEY_RESULT else "#b91c1c"))
            )
        for child in node.children:
            item.addChild(self._item(child))
        return item

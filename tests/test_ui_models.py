"""Qt binding sanity: a Python model answering None must not damage the interpreter."""

import sys

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSortFilterProxyModel, Qt


class Empty(QAbstractListModel):
    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        return 3

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


def test_returning_none_from_data_keeps_none_alive(qapp):
    model = Empty()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    before = sys.getrefcount(None)
    for n in range(3000):
        proxy.data(proxy.index(n % 3, 0), Qt.ItemDataRole.ToolTipRole)  # C++ calls our override
    # PySide6 6.12.0 loses one reference per call here, and the process later aborts.
    assert sys.getrefcount(None) >= before - 100

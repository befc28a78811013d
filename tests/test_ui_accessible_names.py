"""Every control a person fills in or chooses from has a name a screen reader can say."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)

from okrdesk.models import Phase
from tests.ui_helpers import signed_demo_window

CONTROLS = (QComboBox, QAbstractItemView, QLineEdit, QAbstractSpinBox)


def unnamed(page: QWidget) -> list[str]:
    """The page's visible controls with no accessible name (a line inside a box aside)."""
    missing = []
    for control in page.findChildren(QWidget):
        if not isinstance(control, CONTROLS) or not control.isVisibleTo(page):
            continue
        # A box's own line, a table's header: parts of a named control.
        inner = isinstance(control.parent(), (QComboBox, QAbstractSpinBox, QAbstractItemView))
        if not inner and not control.accessibleName().strip():
            missing.append(f"{type(control).__name__} {control.objectName()}".strip())
    return missing


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_pages_controls_are_named(qtbot, tmp_path: Path, monkeypatch, language) -> None:
    monkeypatch.setenv("OKRDESK_DATA_DIR", str(tmp_path / "data"))
    window = signed_demo_window(qtbot, tmp_path, language)
    view = window.view
    assert view is not None
    found = {}
    for phase in Phase:
        view.look_at(phase) if phase != view.phase else None
        QApplication.processEvents()
        missing = unnamed(view.pages[phase])
        if missing:
            found[phase.value] = missing
    assert found == {}
    # The Group page's key-result drawer, closed here: its fields, as when it opens.
    assert unnamed(view.pages[Phase.GROUP].form) == []
    window.close_plan()

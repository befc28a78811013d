"""Every page fits a 1024x768 screen in both languages: no page makes the window wider."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from okrdesk.models import Phase
from tests.ui_helpers import signed_demo_window


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_page_fits_a_1024_pixel_window(qtbot, tmp_path: Path, monkeypatch, language) -> None:
    monkeypatch.setenv("OKRDESK_DATA_DIR", str(tmp_path / "data"))
    window = signed_demo_window(qtbot, tmp_path, language, size=(1024, 768))
    view = window.view
    assert view is not None
    too_wide = {}
    for phase in Phase:
        view.look_at(phase) if phase != view.phase else None
        QApplication.processEvents()
        needed = window.minimumSizeHint().width()
        if needed > 1024 or window.width() > 1024:
            too_wide[phase.value] = (needed, window.width())
    assert too_wide == {}
    window.close_plan()

"""Export: the agreed OKRs as text, and the plan as JSON (the PDF handout comes next)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPlainTextEdit, QPushButton, QWidget

from okrdesk.engine.snapshot import plan_snapshot
from okrdesk.export.plan_json import plan_to_json
from okrdesk.export.summary import plan_summary
from okrdesk.ui.pages.base import PhasePage
from okrdesk.ui.session import PlanSession


class ExportPage(PhasePage):
    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.json_button = QPushButton()
        self.json_button.clicked.connect(self.save_json)
        self.text_button = QPushButton()
        self.text_button.clicked.connect(self.save_text)
        row = QHBoxLayout()
        row.addWidget(self.json_button)
        row.addWidget(self.text_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.preview, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Export"))
        self.hint.setText(
            self.tr(
                "The agreed OKRs of this workshop. Save them as text, or the whole plan as JSON."
            )
        )
        self.json_button.setText(self.tr("Save plan as JSON…"))
        self.text_button.setText(self.tr("Save summary as text…"))
        self.preview.setAccessibleName(self.tr("Summary of the workshop"))
        self.reload()

    def _summary(self) -> str:
        with self.session.read() as session:
            snapshot = plan_snapshot(session)
        workshops = tuple(w for w in snapshot.workshops if w.id == self.workshop_id)
        return plan_summary(
            dataclasses.replace(snapshot, workshops=workshops),
            self.session.plan.path.name,
            self.session.language,
        )

    def reload(self) -> None:
        if self.workshop_id is not None:
            self.preview.setPlainText(self._summary())

    def save_json(self) -> None:
        suggested = str(self.session.plan.path.with_suffix(".json"))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save plan as JSON"), suggested, self.tr("JSON (*.json)")
        )
        if path:
            self._guarded(self.write_json, Path(path))

    def _guarded(self, write: Callable[[Path], Path], path: Path) -> None:
        try:
            write(path)
        except OSError as error:
            self.session.refused.emit(self.tr("Could not save: %1").replace("%1", str(error)))

    def write_json(self, path: Path) -> Path:
        target = path if path.suffix else path.with_suffix(".json")
        with self.session.read() as session:
            document = plan_to_json(plan_snapshot(session))
        target.write_text(
            json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        self.session.noticed.emit(self.tr("Saved to %1").replace("%1", str(target)))
        return target

    def save_text(self) -> None:
        suggested = str(self.session.plan.path.with_suffix(".txt"))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save summary"), suggested, self.tr("Text (*.txt)")
        )
        if path:
            self._guarded(self.write_text, Path(path))

    def write_text(self, path: Path) -> Path:
        target = path if path.suffix else path.with_suffix(".txt")
        target.write_text(self._summary() + "\n", encoding="utf-8")
        self.session.noticed.emit(self.tr("Saved to %1").replace("%1", str(target)))
        return target

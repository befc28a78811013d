"""The import preview: a file's first rows as they will be imported, and the encoding to read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine.importer import (
    CsvFile,
    ImportIdeas,
    ImportRow,
    SourceRows,
    cell_text,
    open_source,
    parse_rows,
)
from okrdesk.engine.text_encoding import OFFERED, describe, name_of
from okrdesk.errors import OkrdeskError
from okrdesk.ui.session import PlanSession

PREVIEW_ROWS = 12
PREVIEW_COLUMNS = 8
UNICODE = ("utf-8", "utf-16", "utf-32")


class ImportPreviewDialog(QDialog):
    """Shows the rows as decoded; for a CSV file, the encoding can be changed and re-read live."""

    def __init__(
        self,
        session: PlanSession,
        workshop_id: int,
        path: Path,
        source: CsvFile | SourceRows,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.workshop_id = workshop_id
        self.source = source
        self.parsed: list[ImportRow] | None = None
        detected = source.guess.encoding if isinstance(source, CsvFile) else None
        self.detected = None if detected is None else name_of(detected)
        self.setWindowTitle(self.tr("Import ideas and participants"))
        self.encoding = QComboBox()
        self.encoding.setAccessibleName(self.tr("Encoding of the file"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(self.tr("The file's first rows"))
        self.summary = QLabel()
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton(self.tr("Import"))
        self.button_box.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("File:"), QLabel(path.name))
        if isinstance(source, CsvFile):
            form.addRow(self.tr("Encoding:"), self.encoding)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.button_box)
        self.resize(720, 460)
        if isinstance(source, CsvFile):
            self._offer_encodings(source)
            self.encoding.currentIndexChanged.connect(self._encoding_chosen)
            self._encoding_chosen()
        else:
            self._show(source, None)

    def _offer_encodings(self, source: CsvFile) -> None:
        language = self.session.language
        first = source.guess.encoding or source.guess.likely
        if source.guess.encoding is None:
            self.encoding.addItem(self.tr("Choose the encoding…"), None)
        offered = [name_of(first)] if first else []
        offered += [name for name in OFFERED if name not in offered]
        for name in offered:
            self.encoding.addItem(describe(name, language), name)

    def _encoding_chosen(self) -> None:
        assert isinstance(self.source, CsvFile)
        chosen = self.encoding.currentData()
        if chosen is None:
            assert self.source.guess.problem is not None
            self._refuse(self.source.guess.problem.message(self.session.language), [])
            return
        try:
            rows = self.source.read(chosen)
        except OkrdeskError as error:
            self._refuse(error.message(self.session.language), [])
            return
        self._show(rows, chosen)

    def _show(self, source: SourceRows, encoding: str | None) -> None:
        self._fill(source.rows)
        try:
            self.parsed = parse_rows(source.rows)
        except OkrdeskError as error:
            self._refuse(error.message(self.session.language), source.rows)
            return
        self.import_button.setEnabled(True)
        ideas = sum(row.idea is not None for row in self.parsed)
        people = len({row.author for row in self.parsed if row.author is not None})
        self.summary.setText(
            self.tr("Ideas to import: %1; people named: %2.")
            .replace("%1", str(ideas))
            .replace("%2", str(people))
        )
        if encoding is None:
            self.status.setText(self.tr("The first rows of the workbook's first sheet:"))
            return
        named = describe(encoding, self.session.language)
        if encoding == self.detected:
            text = self.tr(
                "Read as %1 (detected). If the rows look wrong, choose another encoding."
            )
        else:
            text = self.tr("Read as %1. If the rows look wrong, choose another encoding.")
        self.status.setText(text.replace("%1", named))

    def _refuse(self, message: str, rows: list[list[Any]]) -> None:
        self.parsed = None
        self.import_button.setEnabled(False)
        self.status.setText(message)
        self.summary.clear()
        self._fill(rows)

    def _fill(self, rows: list[list[Any]]) -> None:
        shown = rows[:PREVIEW_ROWS]
        self.table.clear()
        self.table.setRowCount(len(shown))
        self.table.setColumnCount(min(PREVIEW_COLUMNS, max((len(row) for row in shown), default=0)))
        self.table.setVerticalHeaderLabels([str(number) for number in range(1, len(shown) + 1)])
        for r, row in enumerate(shown):
            for c, value in enumerate(row[:PREVIEW_COLUMNS]):
                self.table.setItem(r, c, QTableWidgetItem(cell_text(value)))

    def accept(self) -> None:
        if self.parsed is None:
            return
        self.session.run(ImportIdeas(self.workshop_id, tuple(self.parsed)))
        super().accept()


def preview_import(
    parent: QWidget, session: PlanSession, workshop_id: int, path: Path
) -> ImportPreviewDialog | None:
    """Open the preview of the file (window-modal) and return it; or say why it cannot be.

    A file no choice of encoding could help (a workbook, or a Unicode text with a bad row) is
    refused in the window's message bar, with no preview.
    """
    try:
        source = open_source(path)
        if not isinstance(source, CsvFile):
            parse_rows(source.rows)
        elif source.guess.encoding is not None and name_of(source.guess.encoding) in UNICODE:
            parse_rows(source.read(source.guess.encoding).rows)
    except OkrdeskError as error:
        session.refused.emit(error.message(session.language))
        return None
    dialog = ImportPreviewDialog(session, workshop_id, path, source, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog

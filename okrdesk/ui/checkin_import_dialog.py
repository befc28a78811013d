"""Check-ins from the owners' spreadsheet: write the sheet to hand out, choose the filled-in
copy, see every row it gives and every problem (by row), then import them all as one undo step.

Nothing is imported while a row has a problem: the facilitator corrects the sheet and chooses
it again.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine.checkin_import import (
    CheckInEntry,
    CheckInSheet,
    ImportCheckIns,
    arrival,
    read_check_in_sheet,
)
from okrdesk.engine.review_view import review_view
from okrdesk.engine.snapshot import plain_number
from okrdesk.engine.source_files import CsvFile, SourceRows, open_source
from okrdesk.engine.text_encoding import OFFERED, describe, name_of
from okrdesk.errors import OkrdeskError
from okrdesk.models import KeyResultKind
from okrdesk.ui.plain_label import PlainLabel
from okrdesk.ui.session import PlanSession
from okrdesk.ui.style import DANGER


def filled(text: str, *values: str) -> str:
    for number, value in enumerate(values, start=1):
        text = text.replace(f"%{number}", value)
    return text


class CheckInImportDialog(QDialog):
    """The import of one workshop's check-ins: the sheet's rows, its problems, Import."""

    imported = Signal(str)  # what arrived, in a sentence

    def __init__(
        self, session: PlanSession, workshop_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkin_import_dialog")
        self.session = session
        self.workshop_id = workshop_id
        self.path: Path | None = None
        self.encoding: str | None = None
        self.sheet: CheckInSheet | None = None
        self.intro = PlainLabel()
        self.intro.setWordWrap(True)
        self.template_button = QPushButton()
        self.template_button.clicked.connect(self.write_template)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_file)
        self.text_file: CsvFile | None = None
        self.encodings = QComboBox()  # a CSV file's encoding: the one detected, or another
        self.encodings.hide()
        self.encodings.currentIndexChanged.connect(
            lambda _index: self.read_as(self.encodings.currentData())
        )
        self.source = PlainLabel()
        self.source.setWordWrap(True)
        self.rows = QTableWidget(0, 7)
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.verticalHeader().hide()
        self.rows.setWordWrap(True)
        header = self.rows.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.problems = QListWidget()
        self.problems.setObjectName("checkin_import_problems")
        self.problems.setStyleSheet(f"color: {DANGER};")
        self.problems.setWordWrap(True)
        self.status = PlainLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.template_button)
        top.addWidget(self.choose_button)
        top.addWidget(self.encodings)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addWidget(self.source)
        layout.addWidget(self.rows, 3)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(1000, 640)
        self.retranslate()
        self.show_sheet()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import Check-ins"))
        self.intro.setText(
            self.tr(
                "Hand the owners the check-in sheet (one row per key result of the approved "
                "OKRs), then choose the filled-in copy: every row is checked first, and the "
                "check-ins are recorded together, as one step to undo, only when every row is "
                "right."
            )
        )
        self.template_button.setText(self.tr("Write Check-in Sheet…"))
        self.choose_button.setText(self.tr("Choose Filled-in Sheet…"))
        self.encodings.setAccessibleName(self.tr("Encoding of the CSV file"))
        self.encodings.setToolTip(self.tr("Encoding of the CSV file"))
        self.rows.setHorizontalHeaderLabels(
            [
                self.tr("Row"),
                self.tr("Key result"),
                self.tr("Progress"),
                self.tr("Confidence"),
                self.tr("Comment"),
                self.tr("Who"),
                self.tr("Date"),
            ]
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Import"))
        self.show_sheet()

    def show_sheet(self) -> None:
        """The rows and problems of the sheet read last (or the invitation to choose one)."""
        sheet = self.sheet
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(sheet is not None and sheet.ready and not self.session.read_only)
        if self.path is None:
            self.source.setText("")
        elif self.encoding is None:
            self.source.setText(filled(self.tr("Read from %1."), self.path.name))
        else:
            encoding = describe(self.encoding, self.session.language)
            self.source.setText(filled(self.tr("Read from %1 (as %2)."), self.path.name, encoding))
        entries = () if sheet is None else sheet.entries
        self.rows.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            for column, value in enumerate(self._cells(entry)):
                self.rows.setItem(row, column, QTableWidgetItem(value))
        self.problems.clear()
        if sheet is not None:
            self.problems.addItems(sheet.refusals(self.session.language))
        self.problems.setVisible(self.problems.count() > 0)
        self.status.setText(self._status())

    def _status(self) -> str:
        sheet = self.sheet
        if sheet is None:
            return self.tr("Choose the filled-in sheet to see its check-ins here.")
        if not sheet.ready:
            return self.tr(
                "Nothing will be imported until every row is right: correct the sheet and "
                "choose it again."
            )
        text = filled(
            self.tr("%1 check-ins on %2 key results are ready to import."),
            str(len(sheet.entries)),
            str(len({e.key_result_id for e in sheet.entries})),
        )
        if sheet.blank:
            text += " " + filled(self.tr("%1 key results were left blank."), str(sheet.blank))
        if sheet.already_there:
            text += " " + filled(
                self.tr("%1 rows are in the plan already and are left out."),
                str(sheet.already_there),
            )
        return text

    def _cells(self, entry: CheckInEntry) -> list[str]:
        if entry.kind == KeyResultKind.METRIC:
            progress = plain_number(entry.value)
        elif entry.done:
            progress = self.tr("Done")
        else:
            progress = f"{entry.percent or 0} %"
        return [
            str(entry.row),
            entry.key_result,
            progress,
            "" if entry.confidence is None else f"{entry.confidence}/10",
            entry.comment or "",
            entry.who or "",
            "" if entry.at is None else entry.at.date().isoformat(),
        ]

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the filled-in check-in sheet"),
            "",
            self.tr("Spreadsheets (*.csv *.xlsx *.txt *.tsv)"),
        )
        if path:
            self.read(Path(path))

    def read(self, path: Path) -> None:
        """Read the sheet at path and check every row against the approved key results; a
        CSV file is read in the encoding detected, and another may be chosen."""
        self.path = path
        self.encoding = None
        self.text_file = None
        self.encodings.blockSignals(True)
        self.encodings.clear()
        self.encodings.blockSignals(False)
        self.encodings.hide()
        try:
            source = open_source(path)
        except OkrdeskError as error:
            self._refused(error)
            return
        if isinstance(source, SourceRows):
            self._check(source)
            return
        self.text_file = source
        first = source.guess.encoding or source.guess.likely
        offered = [name_of(first)] if first else []
        offered += [name for name in OFFERED if name not in offered]
        self.encodings.blockSignals(True)
        for name in offered:
            self.encodings.addItem(describe(name, self.session.language), name)
        self.encodings.blockSignals(False)
        self.encodings.show()
        if source.guess.encoding is None:  # unsure: said, and read in the likeliest one
            assert source.guess.problem is not None
            self._refused(source.guess.problem)
            if first is None:
                return
        self.read_as(self.encodings.currentData())

    def read_as(self, encoding: str) -> None:
        """Read the chosen CSV file again in the encoding."""
        if self.text_file is None:
            return
        try:
            self._check(self.text_file.read(encoding))
        except OkrdeskError as error:
            self._refused(error)

    def _refused(self, error: OkrdeskError) -> None:
        self.sheet = None
        self.show_sheet()
        self.problems.addItem(error.message(self.session.language))
        self.problems.show()

    def _check(self, source: SourceRows) -> None:
        self.encoding = source.encoding
        now = self.session.clock()
        zone = datetime.now().astimezone().tzinfo
        assert zone is not None
        self.sheet = self.session.view(
            read_check_in_sheet, self.workshop_id, source.rows, now, zone
        )
        self.show_sheet()

    def write_template(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Write the check-in sheet"),
            "check-ins.xlsx",
            self.tr("Spreadsheets (*.xlsx *.csv)"),
        )
        if path:
            self.write_template_to(Path(path))

    def write_template_to(self, path: Path) -> bool:
        """Write the sheet owners fill in; a refusal is said in the dialog."""
        from okrdesk.export.checkin_template import write_check_in_template

        view = self.session.view(review_view, self.workshop_id, self.session.clock())
        try:
            if view is None or not view.approved:
                raise OkrdeskError(
                    "rule.check_in_not_approved", title="" if view is None else view.title
                )
            write_check_in_template(view, path, self.session.language)
        except OkrdeskError as error:
            self.problems.clear()
            self.problems.addItem(error.message(self.session.language))
            self.problems.show()
            return False
        self.status.setText(filled(self.tr("The check-in sheet was written to %1."), path.name))
        return True

    def accept(self) -> None:
        sheet = self.sheet
        if sheet is None or not sheet.ready:
            return
        change = self.session.run(ImportCheckIns(self.workshop_id, sheet.entries))
        if change is None:
            return  # refused: said in the window's message bar
        self.imported.emit(arrival(change.result, self.session.language, sheet, self.encoding))
        super().accept()


def open_check_in_import(
    parent: QWidget, session: PlanSession, workshop_id: int
) -> CheckInImportDialog:
    """Open the import (window-modal); what arrived is said in the plan view's message bar."""
    from okrdesk.ui.import_dialog import message_bar_of

    dialog = CheckInImportDialog(session, workshop_id, parent)
    bar = message_bar_of(parent)
    if bar is not None:
        dialog.imported.connect(lambda text: bar.show_message(text, "info"))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog

"""The import preview: a file's first rows as they will be imported, and the encoding to read."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine.importer import (
    Columns,
    CsvFile,
    ImportIdeas,
    ImportPlan,
    ImportTarget,
    SourceRows,
    arrival,
    columns_for,
    counted,
    header_index,
    import_target,
    open_source,
    plan_import,
)
from okrdesk.engine.survey_columns import Layout
from okrdesk.engine.text_encoding import OFFERED, describe, name_of
from okrdesk.errors import OkrdeskError
from okrdesk.messages import translate
from okrdesk.ui.import_table import PreviewTable, filled
from okrdesk.ui.message_bar import MessageBar
from okrdesk.ui.plain_label import PlainLabel
from okrdesk.ui.session import PlanSession

UNICODE = ("utf-8", "utf-16", "utf-32")
# The dialog's preferred size, within the screen (a 1024x768 one included).
WIDTH, HEIGHT, SCREEN_MARGIN = 880, 560, 48

# The sentence that ends the engine's refusals. Inside the preview nothing was going to be
# imported before Import is pressed, so it is left out there (the window's bar keeps it).
NOTHING_IMPORTED = {
    "en": (("; nothing was imported.", "."), (" Nothing was imported.", "")),
    "zh_CN": (("；未导入任何内容。", "。"), ("未导入任何内容。", "")),
}

# How the status line marks its levels: as the window's message bar does (style.py). Every
# level has the same box, so the table never moves when the level changes.
STATUS_STYLE = """
QLabel#importStatus { border: 1px solid transparent; border-radius: 6px; padding: 6px 8px; }
QLabel#importStatus[level="error"] { background: #fee2e2; border-color: #fca5a5; }
QLabel#importStatus[level="notice"] { background: #fef3c7; border-color: #fcd34d; }
"""


def without_nothing_imported(message: str, language: str) -> str:
    """The engine's refusal without its closing "Nothing was imported." sentence."""
    for ending, replacement in NOTHING_IMPORTED.get(language, ()):
        if message.endswith(ending):
            return message[: -len(ending)] + replacement
    return message


def continued(message: str) -> str:
    """A sentence continued after a colon: its first word in lower case, unless a name.

    ("Row 3 has…" becomes "row 3 has…"; "UTF-8", a path or Chinese text stay as they are.)
    """
    first = message.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].isalpha() and first[1:].islower():
        return message[0].lower() + message[1:]
    return message


class ImportPreviewDialog(QDialog):
    """Shows the rows as decoded; for a CSV file, the encoding can be changed and re-read live."""

    imported = Signal(str)  # what was imported, in the user's language

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
        self.parsed: ImportPlan | None = None
        self.rows: Sequence[Sequence[Any]] = ()
        self.detected_columns: Columns | None = None
        self.target: ImportTarget = session.view(import_target, workshop_id)
        self.read_as: str | None = None  # the encoding the rows to import were read in
        detected = source.guess.encoding if isinstance(source, CsvFile) else None
        self.detected = None if detected is None else name_of(detected)
        self.setWindowTitle(self.tr("Import ideas and participants"))
        self.setStyleSheet(STATUS_STYLE)
        self.setSizeGripEnabled(True)
        self.encoding = QComboBox()
        self.encoding.setAccessibleName(self.tr("Encoding of the file"))
        self.status = PlainLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.idea_column = self._column_picker(self.tr("Column holding the ideas"))
        self.author_column = self._column_picker(self.tr("Column holding the authors' names"))
        self.department_column = self._column_picker(self.tr("Column holding the departments"))
        self.layout_label = PlainLabel()
        self.layout_label.setObjectName("importLayout")
        self.table = PreviewTable()
        self.table.setAccessibleName(self.tr("The file's first rows"))
        self.summary = PlainLabel()
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton(self.tr("Import"))
        self.button_box.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("File:"), PlainLabel(path.name))
        if isinstance(source, CsvFile):
            form.addRow(self.tr("Encoding:"), self.encoding)
        # The ideas' column on its own row (its question is long), the names' and the
        # departments' side by side: the dialog stays narrow enough for a small screen.
        form.addRow(self.tr("Ideas:"), self.idea_column)
        people = QHBoxLayout()
        people.addWidget(self.author_column, 1)
        people.addWidget(PlainLabel(self.tr("Departments:")))
        people.addWidget(self.department_column, 1)
        form.addRow(self.tr("Authors:"), people)
        form.addRow("", self.layout_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.button_box)
        self._size_for_screen()
        if isinstance(source, CsvFile):
            self._offer_encodings(source)
            self.encoding.currentIndexChanged.connect(self._encoding_chosen)
            self._encoding_chosen()
        else:
            self._show(source, None)
        for picker in (self.idea_column, self.author_column, self.department_column):
            picker.currentIndexChanged.connect(self._columns_chosen)

    def _column_picker(self, name: str) -> QComboBox:
        picker = QComboBox()
        picker.setAccessibleName(name)
        picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        picker.setMinimumContentsLength(6)
        return picker

    def _size_for_screen(self) -> None:
        screen = (self.parentWidget() or self).screen().availableGeometry()
        self.resize(
            min(WIDTH, screen.width() - SCREEN_MARGIN), min(HEIGHT, screen.height() - SCREEN_MARGIN)
        )

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
            self._refuse(self._choose_text(), [], "notice")
            return
        try:
            rows = self.source.read(chosen)
        except OkrdeskError as error:
            self._refuse(self._read_as(chosen, error), [], "error")
            return
        self._show(rows, chosen)

    def _choose_text(self) -> str:
        """Why the encoding is to be chosen, and how: in this window, not on a command line."""
        assert isinstance(self.source, CsvFile)
        problem = self.source.guess.problem
        assert problem is not None
        if problem.message_id == "import.encoding_unsure":
            likely = describe(problem.params["encoding"], self.session.language)
            text = self.tr(
                "okrdesk is not sure which encoding this file was saved in (perhaps %1). "
                "Choose the encoding the file was saved in; the preview shows the result at once."
            )
            return filled(text, likely)
        if problem.message_id == "import.encoding_unknown":
            return self.tr(
                "This file is not UTF-8 text, and okrdesk cannot tell which encoding it was saved "
                "in. Choose the encoding the file was saved in; the preview shows the result at "
                "once."
            )
        text = self.tr(
            "%1 Choose the encoding the file was saved in; the preview shows the result at once."
        )
        return filled(text, self._message(problem))

    def _read_as(self, encoding: str, error: OkrdeskError) -> str:
        """A refusal of the rows as read in the encoding, naming it."""
        named = describe(encoding, self.session.language)
        if error.message_id == "import.encoding_wrong":
            text = self.tr(
                "Read as %1: line %2 holds bytes this encoding cannot read. "
                "Choose another encoding."
            )
            return filled(text, named, str(error.params["line"]))
        return filled(self.tr("Read as %1: %2"), named, continued(self._message(error)))

    def _message(self, error: OkrdeskError) -> str:
        language = self.session.language
        return without_nothing_imported(error.message(language), language)

    def _show(self, source: SourceRows, encoding: str | None) -> None:
        """Show the rows read, detect their columns, offer them and check the rows."""
        self.table.show_rows(source.rows, header_index(source.rows))
        self.rows = source.rows
        self.read_as = encoding
        try:
            columns = columns_for(source.rows)
        except OkrdeskError as error:
            self.detected_columns = None
            self._offer_columns(None)
            self._refuse_rows(error, encoding)
            return
        self.detected_columns = columns
        self._offer_columns(columns)
        self._check_rows()

    def _offer_columns(self, columns: Columns | None) -> None:
        """Fill the pickers with the file's columns; the detection's choice is selected, but
        for the ideas only when it is certain (else the user is asked to choose)."""
        header = columns.header if columns is not None else ()
        for picker, empty in (
            (self.idea_column, self.tr("Choose the column…")),
            (self.author_column, self.tr("(none)")),
            (self.department_column, self.tr("(none)")),
        ):
            picker.blockSignals(True)
            picker.clear()
            picker.addItem(empty, None)
            for index in range(len(header)):
                assert columns is not None
                picker.addItem(columns.named(index), index)
            picker.blockSignals(False)
        if columns is None:
            self.layout_label.clear()
            return
        sure_idea = columns.idea if columns.sure else None
        chosen: tuple[tuple[QComboBox, int | None], ...] = (
            (self.idea_column, sure_idea),
            (self.author_column, columns.author),
            (self.department_column, columns.department),
        )
        for picker, column in chosen:
            picker.blockSignals(True)
            picker.setCurrentIndex(max(0, picker.findData(column)) if column is not None else 0)
            picker.blockSignals(False)
        self.layout_label.setText(self._layout_text(columns.layout))

    def _layout_text(self, layout: Layout) -> str:
        if layout is Layout.CHINESE_SURVEY:
            return self.tr("Recognised: a Wenjuanxing or Tencent Survey export.")
        if layout is Layout.MICROSOFT_FORMS:
            return self.tr("Recognised: a Microsoft Forms export.")
        if layout is Layout.GOOGLE_FORMS:
            return self.tr("Recognised: a Google Forms export.")
        return ""

    def chosen_columns(self) -> Columns | None:
        """The columns as picked (None before the file's columns are known)."""
        if self.detected_columns is None:
            return None
        return Columns(
            self.detected_columns.header,
            self.detected_columns.layout,
            self.idea_column.currentData(),
            self.author_column.currentData(),
            self.department_column.currentData(),
            sure=True,
            candidates=self.detected_columns.candidates,
            header_row=self.detected_columns.header_row,
        )

    def _columns_chosen(self) -> None:
        if self.detected_columns is not None:
            self._check_rows()

    def _check_rows(self) -> None:
        """Read the rows through the chosen columns: what would be imported, or why not."""
        columns = self.chosen_columns()
        assert columns is not None and self.detected_columns is not None
        self.table.mark_columns(columns.idea, columns.author, columns.department)
        guess = self.detected_columns.idea
        if columns.idea is None and (columns.author is None or guess is not None):
            if guess is not None:
                text = self.tr(
                    "Which column holds the ideas? Perhaps %1. Choose it above; "
                    "the summary below shows what would be imported."
                )
                message = filled(text, self.detected_columns.named(guess))
            elif self.read_as is not None:
                text = self.tr(
                    "Read as %1: the first row names no column okrdesk knows. "
                    "Choose the columns above, or another encoding."
                )
                message = filled(text, describe(self.read_as, self.session.language))
            else:
                message = self.tr(
                    "The first row names no column okrdesk knows. Choose the column holding "
                    "the ideas above (and the one holding the names, if any)."
                )
            self._hold(message, "notice")
            return
        try:
            parsed = plan_import(self.rows, columns)
        except OkrdeskError as error:
            self._refuse_rows(error, self.read_as)
            return
        again = self.target.already_there(parsed.rows)
        language = self.session.language
        if again == parsed.ideas and not self._new_people(parsed):
            if parsed.ideas:
                message = translate("import.already_imported", language, count=again)
            else:
                message = translate("import.people_known", language)
            self._hold(without_nothing_imported(message, language), "error")
            return
        self.parsed = parsed
        self.import_button.setEnabled(True)
        self.summary.setText(self._summary(parsed, again))
        encoding = self.read_as
        if encoding is None:
            self._set_status(self.tr("The first rows of the workbook's first sheet:"), "")
            return
        named = describe(encoding, language)
        if encoding == self.detected:
            text = self.tr(
                "Read as %1 (detected). If the rows look wrong, choose another encoding."
            )
        else:
            text = self.tr("Read as %1. If the rows look wrong, choose another encoding.")
        self._set_status(filled(text, named), "")

    def _new_people(self, parsed: ImportPlan) -> bool:
        known = self.target.participants
        return any(row.author is not None and row.author not in known for row in parsed.rows)

    def _summary(self, parsed: ImportPlan, again: int) -> str:
        """What Import would add, as the command line says what it added."""
        language = self.session.language
        details = ""
        if parsed.anonymous:
            details += translate("arrival.anonymous", language, count=parsed.anonymous)
        if again:
            details += translate("arrival.again", language, count=again)
        if parsed.skipped:
            details += translate(
                "arrival.skipped", language, answers=counted("answer", parsed.skipped, language)
            )
        return translate(
            "import.to_import",
            language,
            ideas=counted("idea", parsed.ideas - again, language),
            people=counted("person", parsed.people, language),
            details=details,
        )

    def _refuse_rows(self, error: OkrdeskError, encoding: str | None) -> None:
        """The rows as read cannot be imported: say why, keeping them and the pickers shown."""
        if encoding is None:
            self._hold(self._message(error), "error")
        else:
            self._hold(self._read_as(encoding, error), "error")

    def _hold(self, message: str, level: str) -> None:
        """Nothing to import as chosen: the message, Import disabled, the rows still shown."""
        self.parsed = None
        self.import_button.setEnabled(False)
        self.summary.clear()
        self._set_status(message, level)

    def _refuse(self, message: str, rows: Sequence[Sequence[Any]], level: str) -> None:
        self.parsed = None
        self.read_as = None
        self.detected_columns = None
        self._offer_columns(None)
        self.import_button.setEnabled(False)
        self._set_status(message, level)
        self.summary.clear()
        self.table.show_rows(rows)

    def _set_status(self, text: str, level: str) -> None:
        """level: "" (what the preview shows), "notice" (choose) or "error" (cannot import)."""
        self.status.setProperty("level", level)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(text)

    def status_level(self) -> str:
        return str(self.status.property("level") or "")

    def accept(self) -> None:
        if self.parsed is None:
            return
        change = self.session.run(ImportIdeas(self.workshop_id, self.parsed.rows))
        if change is not None:
            encoding = None if self.read_as is None else name_of(self.read_as)
            said = arrival(change.result, self.session.language, encoding, self.parsed.skipped)
            self.imported.emit(said)
        super().accept()


def choose_and_preview_import(
    parent: QWidget, session: PlanSession, workshop_id: int
) -> ImportPreviewDialog | None:
    """Import ideas and participants: ask for a spreadsheet, then preview it.

    The one flow behind File > Import and the Setup page's Import button.
    """
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("MainWindow", "Import ideas and participants"),
        "",
        QCoreApplication.translate("MainWindow", "Spreadsheets (*.csv *.xlsx *.txt *.tsv)"),
    )
    return preview_import(parent, session, workshop_id, Path(path)) if path else None


def preview_import(
    parent: QWidget, session: PlanSession, workshop_id: int, path: Path
) -> ImportPreviewDialog | None:
    """Open the preview of the file (window-modal) and return it; or say why it cannot be.

    A file no choice of encoding could help (a workbook, or a Unicode text with a bad row) is
    refused in the window's message bar, with no preview. What an import added is confirmed
    in the message bar of the plan view the parent belongs to.
    """
    refused = session.view(import_target, workshop_id).refusal(session.language)
    if refused is not None:
        session.refused.emit(refused)
        return None
    source: CsvFile | SourceRows | None = None
    try:
        source = open_source(path)
        if not isinstance(source, CsvFile):
            _check_if_sure(source.rows)
        elif source.guess.encoding is not None and name_of(source.guess.encoding) in UNICODE:
            _check_if_sure(source.read(source.guess.encoding).rows)
    except OkrdeskError as error:
        workbook = path.suffix.lower() == ".xlsx"
        session.refused.emit(refusal(error, path.name, workbook, session.language))
        return None
    dialog = ImportPreviewDialog(session, workshop_id, path, source, parent)
    bar = message_bar_of(parent)
    if bar is not None:
        dialog.imported.connect(lambda text: bar.show_message(text, "info"))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def _check_if_sure(rows: Sequence[Sequence[Any]]) -> None:
    """Refuse a file whose columns are certain and whose rows cannot be imported: no choice in
    the preview could help. A file whose columns are unsure goes to the preview, to choose."""
    columns = columns_for(rows)
    if columns.sure or (columns.idea is None and columns.author is not None):
        plan_import(rows, columns)


def refusal(error: OkrdeskError, name: str, workbook: bool, language: str) -> str:
    """The refusal for the window's message bar, naming the file (and, in a workbook, the sheet
    read) when the engine's message does not."""
    message = error.message(language)
    if "path" in error.params:
        return message
    if workbook:
        text = QCoreApplication.translate("ImportPreviewDialog", "In the first sheet of %1: %2")
    else:
        text = QCoreApplication.translate("ImportPreviewDialog", "%1: %2")
    return filled(text, name, message)


def message_bar_of(widget: QWidget) -> MessageBar | None:
    """The message bar of the plan view the widget shows or sits in (the nearest one up)."""
    current: QWidget | None = widget
    while current is not None:
        bar = current.findChild(MessageBar)
        if bar is not None:
            return bar
        current = current.parentWidget()
    return None

"""The form for one key result: start -> target, unit, deadline, owner, commitment."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from okrdesk.engine.key_result_ops import KeyResultFields
from okrdesk.engine.objective_tree import KeyResultRow
from okrdesk.engine.snapshot import plain_number
from okrdesk.engine.validation import LIMITS
from okrdesk.models import Commitment, KeyResultKind
from okrdesk.ui.plain_label import PlainLabel
from okrdesk.ui.undo_keys import pass_undo_when_empty


class DateField(QDateEdit):
    """A date whose Tab goes on to the next field in one step (QDateEdit's own Tab walks
    through the year, the month and the day first)."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class KeyResultForm(QGroupBox):
    """Adds a KR to the selected objective, or edits the selected KR (Enter saves, Esc
    closes): a drawer under the objectives, open only while a key result is written."""

    submitted = Signal(object)  # KeyResultFields
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(LIMITS["key_result"])
        self.kind = QComboBox()
        self.start = QLineEdit()
        self.target = QLineEdit()
        self.unit = QLineEdit()
        self.unit.setMaxLength(LIMITS["unit"])
        self.has_deadline = QCheckBox()
        self.deadline = DateField()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.commitment = QComboBox()
        self.save_button = QPushButton()
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.submit)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close_drawer)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close_drawer)
        span = QHBoxLayout()
        span.addWidget(self.start)
        span.addWidget(self.target)
        span.addWidget(self.unit)
        due = QHBoxLayout()
        due.addWidget(self.has_deadline)
        due.addWidget(self.deadline, 1)
        self.form = QFormLayout(self)
        self.labels = [PlainLabel() for _ in range(6)]
        fields: tuple[QWidget | QHBoxLayout, ...] = (
            self.title_edit,
            self.kind,
            span,
            due,
            self.owner,
            self.commitment,
        )
        for label, field in zip(self.labels, fields, strict=True):
            if isinstance(field, QWidget):
                self.form.addRow(label, field)
            else:
                self.form.addRow(label, field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button, 1)
        buttons.addWidget(self.close_button)
        self.form.addRow(buttons)
        for line in (self.title_edit, self.start, self.target, self.unit):
            line.returnPressed.connect(self.submit)
            pass_undo_when_empty(line)
        owner_line = self.owner.lineEdit()
        assert owner_line is not None  # the box is editable
        owner_line.setMaxLength(LIMITS["name"])
        owner_line.returnPressed.connect(self.submit)
        self.editing: int | None = None
        self.retranslate()
        self.clear_for_new(None)

    def retranslate(self) -> None:
        labels = [
            self.tr("Key result"),
            self.tr("Kind"),
            self.tr("Start → target, unit"),
            self.tr("Deadline"),
            self.tr("Owner"),
            self.tr("Commitment"),
        ]
        for label, text in zip(self.labels, labels, strict=True):
            label.setText(text)
        self.kind.setAccessibleName(labels[1])
        self.commitment.setAccessibleName(labels[-1])
        self.title_edit.setPlaceholderText(
            self.tr("e.g. Get 150 qualified leads from email by 31 March")
        )
        self.title_edit.setAccessibleName(self.tr("Key result title"))
        self.start.setPlaceholderText(self.tr("start"))
        self.start.setAccessibleName(self.tr("Start value"))
        self.target.setPlaceholderText(self.tr("target"))
        self.target.setAccessibleName(self.tr("Target value"))
        self.unit.setPlaceholderText(self.tr("unit"))
        self.unit.setAccessibleName(self.tr("Unit"))
        self.has_deadline.setText(self.tr("by"))
        self.deadline.setAccessibleName(self.tr("Deadline"))
        self.owner.setAccessibleName(self.tr("Owner"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close the form (Esc)"))
        kind, commitment = self.kind.currentIndex(), self.commitment.currentIndex()
        self.kind.clear()
        self.kind.addItem(self.tr("Metric (start → target)"), KeyResultKind.METRIC)
        self.kind.addItem(self.tr("Milestone"), KeyResultKind.MILESTONE)
        self.kind.setCurrentIndex(max(kind, 0))
        self.commitment.clear()
        self.commitment.addItem(self.tr("Committed"), Commitment.COMMITTED)
        self.commitment.addItem(self.tr("Aspirational"), Commitment.ASPIRATIONAL)
        self.commitment.setCurrentIndex(max(commitment, 0))
        self._set_mode_texts()

    def _set_mode_texts(self) -> None:
        if self.editing is None:
            self.setTitle(self.tr("New key result for the selected objective"))
            self.save_button.setText(self.tr("Add key result"))
        else:
            self.setTitle(self.tr("Edit key result"))
            self.save_button.setText(self.tr("Save"))

    def set_owners(self, names: list[str]) -> None:
        text = self.owner.currentText()
        self.owner.clear()
        self.owner.addItem("")
        self.owner.addItems(names)
        self.owner.setCurrentText(text)

    def clear_for_new(self, default_deadline: date | None) -> None:
        self.editing = None
        for line in (self.title_edit, self.start, self.target, self.unit):
            line.clear()
        self.kind.setCurrentIndex(0)
        self.commitment.setCurrentIndex(0)
        self.owner.setCurrentText("")
        self.has_deadline.setChecked(default_deadline is not None)
        self.deadline.setEnabled(default_deadline is not None)
        if default_deadline is not None:
            self.deadline.setDate(
                QDate(default_deadline.year, default_deadline.month, default_deadline.day)
            )
        self._set_mode_texts()

    def show_key_result(self, kr: KeyResultRow) -> None:
        self.editing = kr.id
        self.title_edit.setText(kr.title)
        self.kind.setCurrentIndex(self.kind.findData(kr.kind))
        self.start.setText(plain_number(kr.start))
        self.target.setText(plain_number(kr.target))
        self.unit.setText(kr.unit or "")
        self.has_deadline.setChecked(kr.deadline is not None)
        if kr.deadline is not None:
            self.deadline.setDate(QDate(kr.deadline.year, kr.deadline.month, kr.deadline.day))
        self.owner.setCurrentText(kr.owner or "")
        self.commitment.setCurrentIndex(self.commitment.findData(kr.commitment))
        self._set_mode_texts()

    def fields(self) -> KeyResultFields:
        qdate = self.deadline.date()
        return KeyResultFields(
            title=self.title_edit.text(),
            kind=self.kind.currentData(),
            start=self.start.text(),
            target=self.target.text(),
            unit=self.unit.text(),
            deadline=date(qdate.year(), qdate.month(), qdate.day())
            if self.has_deadline.isChecked()
            else None,
            owner=self.owner.currentText(),
            commitment=self.commitment.currentData(),
        )

    def submit(self) -> None:
        self.submitted.emit(self.fields())

    def open_new(self, default_deadline: date | None, title: str = "") -> None:
        """Open the drawer for a new key result (its title given when a card becomes one)."""
        self.clear_for_new(default_deadline)
        self.title_edit.setText(title)
        self.show()
        self.title_edit.setFocus()

    def open_key_result(self, kr: KeyResultRow) -> None:
        """Open the drawer on a key result to edit it."""
        self.show_key_result(kr)
        self.show()
        self.title_edit.setFocus()

    def close_drawer(self) -> None:
        self.hide()
        self.closed.emit()

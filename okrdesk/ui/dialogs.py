"""Small keyboard-first dialogs: choose from a list, ask for text, confirm, templates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.engine.alignment import AlignmentChoice, ParentKind
from okrdesk.engine.templates import role_templates
from okrdesk.ui.plain_label import PlainLabel

CANCELLED: Any = object()


class ChoiceDialog(QDialog):
    """Type to filter, arrows to pick, Enter to accept."""

    def __init__(
        self, parent: QWidget | None, title: str, prompt: str, choices: list[tuple[str, Any]]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Type to filter…"))
        self.filter.setAccessibleName(self.tr("Filter the choices"))
        self.list = QListWidget()
        self.list.setAccessibleName(prompt)
        for text, value in choices:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, value)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self.accept)
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(PlainLabel(prompt))
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(480, 420)

    def keyPressEvent(self, event: Any) -> None:
        # Arrow keys move in the list even while typing in the filter.
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.filter.hasFocus():
            self.list.keyPressEvent(event)
            return
        super().keyPressEvent(event)

    def _filter(self, text: str) -> None:
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = text.casefold() not in item.text().casefold()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = row
        if first is not None:
            self.list.setCurrentRow(first)

    def value(self) -> Any:
        item = self.list.currentItem()
        return CANCELLED if item is None or item.isHidden() else item.data(Qt.ItemDataRole.UserRole)


def choose(parent: QWidget | None, title: str, prompt: str, choices: list[tuple[str, Any]]) -> Any:
    """The value of the chosen entry, or CANCELLED."""
    dialog = ChoiceDialog(parent, title, prompt, choices)
    return dialog.value() if dialog.exec() else CANCELLED


class TextDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, title: str, prompt: str, multiline: bool, text: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.edit: QLineEdit | QPlainTextEdit
        if multiline:
            self.edit = QPlainTextEdit(text)
            self.edit.setTabChangesFocus(True)  # Tab goes on to OK; Enter starts a new line
        else:
            self.edit = QLineEdit(text)
            self.edit.returnPressed.connect(self.accept)
        self.edit.setAccessibleName(prompt)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(PlainLabel(prompt))
        layout.addWidget(self.edit)
        layout.addWidget(buttons)
        self.resize(460, 220 if multiline else 120)

    def text(self) -> str:
        return (
            self.edit.toPlainText() if isinstance(self.edit, QPlainTextEdit) else self.edit.text()
        )


def ask_text(
    parent: QWidget | None, title: str, prompt: str, *, multiline: bool = False, text: str = ""
) -> str | None:
    """The text typed, or None if cancelled (validation is the engine's job)."""
    dialog = TextDialog(parent, title, prompt, multiline, text)
    return dialog.text() if dialog.exec() else None


def confirm(parent: QWidget | None, question: str) -> bool:
    """Yes or Cancel (Cancel by default); the question shown as plain text (it may quote an
    idea or a name typed on a phone)."""
    box = QMessageBox(QMessageBox.Icon.Question, "okrdesk", question, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


def parent_okr_labels(choices: Sequence[AlignmentChoice]) -> list[tuple[str, AlignmentChoice]]:
    """The engine's alignment choices as the list shows them: unit (draft or not), O or KR."""
    draft = QCoreApplication.translate("Dialogs", "(draft, not yet approved)")
    labels: list[tuple[str, AlignmentChoice]] = []
    for choice in choices:
        # Alignment is to approved OKRs; a parent still being worked on is marked as a draft.
        unit = choice.unit if choice.approved else f"{choice.unit} {draft}"
        if choice.kind is ParentKind.OBJECTIVE:
            labels.append((f"{unit} · O: {choice.title}", choice))
        else:
            labels.append((f"{unit} ·    KR: {choice.title}", choice))
    return labels


class TemplateDialog(QDialog):
    """Pick an example objective (with its key results) from the template library."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Template library"))
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Example objectives by role"))
        for role in role_templates(language):
            role_item = QTreeWidgetItem([role.name])
            role_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for index, objective in enumerate(role.objectives):
                child = QTreeWidgetItem([objective.title])
                child.setData(0, Qt.ItemDataRole.UserRole, (role.id, index))
                child.setToolTip(0, "\n".join(kr.title for kr in objective.key_results))
                role_item.addChild(child)
            self.tree.addTopLevelItem(role_item)
        self.tree.expandAll()
        self.tree.itemActivated.connect(lambda _item, _col: self.accept())
        self.preview = PlainLabel()
        self.preview.setWordWrap(True)
        self.tree.currentItemChanged.connect(
            lambda item, _old: self.preview.setText(item.toolTip(0) if item else "")
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.preview)
        layout.addWidget(buttons)
        self.resize(640, 560)
        first = self.tree.topLevelItem(0)
        example: QTreeWidgetItem | None = None
        if first is not None and first.childCount():
            example = first.child(0)
        if example is not None:
            self.tree.setCurrentItem(example)

    def choice(self) -> tuple[str, int] | None:
        item = self.tree.currentItem()
        value = None if item is None else item.data(0, Qt.ItemDataRole.UserRole)
        return None if value is None else (str(value[0]), int(value[1]))


class TieDialog(QDialog):
    """The facilitator's decision on a tie at the cut-off: which items go through, and why."""

    def __init__(self, parent: QWidget | None, tied: list[tuple[str, int]], seats: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Decide the tie"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            PlainLabel(self.tr("Choose %n objective(s) to take through the cut-off:", "", seats))
        )
        self.boxes: list[tuple[QCheckBox, int]] = []
        for title, objective_id in tied:
            box = QCheckBox(title)
            layout.addWidget(box)
            self.boxes.append((box, objective_id))
        layout.addWidget(PlainLabel(self.tr("Reason (recorded with the decision):")))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)  # Tab goes on to OK, not into the text
        self.reason_edit.setAccessibleName(self.tr("Reason for the decision"))
        layout.addWidget(self.reason_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(480, 360)

    def chosen(self) -> tuple[int, ...]:
        return tuple(objective_id for box, objective_id in self.boxes if box.isChecked())

    def reason(self) -> str:
        return self.reason_edit.toPlainText()

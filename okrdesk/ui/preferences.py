"""Preferences (the interface language) and the list of keyboard shortcuts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.ui.i18n import LANGUAGE_NAMES


class PreferencesDialog(QDialog):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.choice = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.choice.addItem(name, code)
        self.choice.setCurrentIndex(max(self.choice.findData(language), 0))
        self.choice.setAccessibleName(self.tr("Interface language"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.choice)
        form.addRow(buttons)

    def language(self) -> str:
        return str(self.choice.currentData())


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut of the window and its pages, in the current language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = [
            ("Ctrl+N", self.tr("New plan")),
            ("Ctrl+O", self.tr("Open a plan")),
            ("Ctrl+Shift+S", self.tr("Save a copy of the plan")),
            ("S", self.tr("Group: split the selected cards and key results off")),
            ("Ctrl+I", self.tr("Import ideas and participants")),
            ("Ctrl+Z", self.tr("Undo")),
            ("Ctrl+Shift+Z / Ctrl+Y", self.tr("Redo")),
            ("Ctrl+Shift+W", self.tr("New workshop")),
            ("Ctrl+PgDown / Ctrl+PgUp", self.tr("Next / previous phase")),
            ("Ctrl+1 … Ctrl+7", self.tr("Go to a phase")),
            ("Ctrl+Shift+L", self.tr("Alignment tree of the cycle")),
            ("Ctrl+T", self.tr("Start or pause the timer")),
            ("Ctrl+Shift+T", self.tr("Add five minutes to the phase")),
            ("Enter", self.tr("Brainstorm: add the typed idea")),
            ("F2", self.tr("Edit the selected card, objective or key result")),
            ("Delete", self.tr("Delete the selection")),
            ("Ctrl+M", self.tr("Merge the selected cards or objectives")),
            ("Ctrl+Return", self.tr("Group: make the selected card an objective")),
            ("M", self.tr("Group: move the selection to an objective")),
            ("Ctrl+Shift+N", self.tr("Group: new objective")),
            ("Ctrl+K", self.tr("Group: add a key result")),
            ("Ctrl+L", self.tr("Group: align to a parent OKR")),
            ("+ / −", self.tr("Vote: add or take back a dot")),
            ("F5", self.tr("Show or hide the projector")),
            ("Ctrl+B / Ctrl+Shift+B", self.tr("Blank or freeze the projector")),
            ("F1", self.tr("This list")),
        ]
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, (keys, text) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(text))
        table.setAccessibleName(self.tr("Keyboard shortcuts"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(620, 620)

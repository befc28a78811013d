"""File > Publish to / Pull from Organisation Store: the store's address, and its password
when neither the keyring nor PGPASSWORD has one."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from okrdesk.errors import OkrdeskError
from okrdesk.store.connect import StoreAddress, store_password
from okrdesk.ui.plain_label import PlainLabel


class StoreWork(Enum):
    PUBLISH = "publish"
    PULL = "pull"


def password_kept(address: StoreAddress) -> bool:
    """The keyring or PGPASSWORD has the store's password (none is needed then)."""
    return store_password(address) is not None


class StoreDialog(QDialog):
    """Asks where the store is; asks the password only when none is kept for it."""

    def __init__(
        self,
        work: StoreWork,
        address: str | None,
        language: str,
        parent: QWidget | None = None,
        *,
        has_password: Callable[[StoreAddress], bool] = password_kept,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("storeDialog")
        self.work = work
        self.language = language
        self._has_password = has_password
        self.address: StoreAddress | None = None
        self.intro = PlainLabel()
        self.intro.setWordWrap(True)
        self.address_field = QLineEdit(address or "")
        self.address_field.setPlaceholderText("postgresql://okr@db.example.com/okrdesk")
        self.address_field.setMinimumWidth(420)
        self.password_hint = PlainLabel()
        self.password_hint.setWordWrap(True)
        self.password_field = QLineEdit()
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox()
        self.error = PlainLabel()
        self.error.setObjectName("storeDialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.form = QFormLayout()
        self.address_label = PlainLabel()
        self.password_label = PlainLabel()
        self.form.addRow(self.address_label, self.address_field)
        self.form.addRow(self.password_label, self.password_field)
        self.form.addRow("", self.remember)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.password_hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._asking_password = False
        self._show_password_row(False)
        self.retranslate()

    def retranslate(self) -> None:
        if self.work == StoreWork.PUBLISH:
            self.setWindowTitle(self.tr("Publish to Organisation Store"))
            self.intro.setText(
                self.tr(
                    "Sends this plan's workshops (drafts marked as drafts) to the "
                    "organisation's store. When the store cannot be reached, the publish "
                    "waits in the plan and is retried in the background."
                )
            )
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Publish"))
        else:
            self.setWindowTitle(self.tr("Pull from Organisation Store"))
            self.intro.setText(
                self.tr(
                    "Brings the approved OKRs of the units above this plan's, and check-ins "
                    "entered elsewhere, from the organisation's store (one step you can undo)."
                )
            )
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Pull"))
        self.address_label.setText(self.tr("Store address:"))
        self.address_field.setToolTip(
            self.tr("A PostgreSQL address without a password, e.g. postgresql://okr@host/db")
        )
        self.password_label.setText(self.tr("Password:"))
        self.password_hint.setText(
            self.tr(
                "Neither this computer's keyring nor PGPASSWORD holds a password for this "
                "store. Type it (leave it empty if the store needs none)."
            )
        )
        self.remember.setText(self.tr("Remember in this computer's keyring"))

    def _show_password_row(self, shown: bool) -> None:
        self._asking_password = shown
        for widget in (self.password_label, self.password_field, self.remember):
            widget.setVisible(shown)
        self.password_hint.setVisible(shown)

    @property
    def password(self) -> str | None:
        """The password typed, if asked and typed (held in memory only)."""
        text = self.password_field.text()
        return text if self._asking_password and text else None

    def accept(self) -> None:
        try:
            address = StoreAddress.parse(self.address_field.text().strip())
        except OkrdeskError as error:
            self.error.setText(error.message(self.language))
            self.error.show()
            self.address_field.setFocus()
            return
        self.error.hide()
        if not self._asking_password and not self._has_password(address):
            self._show_password_row(True)
            self.password_field.setFocus()
            return
        self.address = address
        super().accept()

    @property
    def keep(self) -> bool:
        """Asked to keep the typed password in the keyring (once the store has taken it)."""
        return self.password is not None and self.remember.isChecked()

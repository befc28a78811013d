"""The window's organisation-store actions: File > Publish to / Pull from Organisation Store,
the status indicator in the status bar and its detail, what they say in the message bar."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog
from shiboken6 import isValid

from okrdesk.ui.store_dialog import StoreDialog, StoreWork, password_kept
from okrdesk.ui.store_link import StoreLink
from okrdesk.ui.store_status import StoreIndicator, StoreStatusDialog

if TYPE_CHECKING:
    from okrdesk.ui.main_window import MainWindow


class StoreActions:
    """Made with the window's first plan; follows the open plan from then on."""

    def __init__(self, window: MainWindow, link: StoreLink | None = None) -> None:
        self.window = window
        self.link = link or StoreLink(window)
        self.link.said.connect(self._say)
        self.link.open_store.connect(window.settings.set_store_takes_no_password)
        self.indicator = StoreIndicator(self.link)
        self.indicator.clicked.connect(self.show_status)
        window.statusBar().insertPermanentWidget(0, self.indicator)
        self.dialog: StoreDialog | None = None
        self.status: StoreStatusDialog | None = None

    def follow(self) -> None:
        """The window's plan changed (opened, closed): serve it."""
        self.link.follow(self.window.session)
        if self.window.session is None and self.status is not None:
            self.status.close()

    def publish(self) -> StoreDialog | None:
        return self.ask(StoreWork.PUBLISH)

    def pull(self) -> StoreDialog | None:
        return self.ask(StoreWork.PULL)

    def ask(self, work: StoreWork) -> StoreDialog | None:
        """The store's address (and password) for a publish or a pull (window-modal)."""
        session = self.window.session
        if session is None:
            return None
        remembered = self.window.settings.store_address(session.plan.path)
        if self.dialog is not None:
            self.dialog.deleteLater()  # the last one asked (closed: it is window-modal)
        dialog = StoreDialog(
            work,
            remembered,
            session.language,
            self.window,
            has_password=lambda a: (
                self.link.knows_password(a)
                or self.window.settings.store_takes_no_password(a.shown)
                or password_kept(a)
            ),
        )
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._go(dialog))
        dialog.open()
        return dialog

    def _go(self, dialog: StoreDialog) -> None:
        session, address = self.window.session, dialog.address
        if session is None or address is None:
            return
        self.window.settings.set_store_address(session.plan.path, address.shown)
        if dialog.password is not None:
            self.link.remember_password(address, dialog.password, keep=dialog.keep)
        if dialog.work == StoreWork.PUBLISH:
            self.link.publish(address)
        else:
            self.link.pull(address)

    def show_status(self) -> None:
        """The detail of what is published, queued or out of date (not modal)."""
        if self.status is None:
            self.status = StoreStatusDialog(self.link, self.window)
        self.link.refresh_status()
        self.status.show()
        self.status.activateWindow()

    def _say(self, text: str, level: str) -> None:
        view = self.window.view
        if view is not None:
            view.messages.show_message(text, level)

    @contextmanager
    def _held(self) -> Iterator[None]:
        """While closing waits on the store (the event loop running), the facilitator can
        neither edit the plan nor open, close or make another: the window and each of its
        actions (their shortcuts too) are disabled, then given back as they were."""
        window = self.window
        actions = [a for a in window.findChildren(QAction) if a.isEnabled()]
        for action in actions:
            action.setEnabled(False)
        window.setEnabled(False)
        try:
            yield
        finally:
            window.setEnabled(True)
            for action in actions:
                if isValid(action):  # not one deleted meanwhile (a closed dialog's)
                    action.setEnabled(True)

    def close(self) -> None:
        """The plan closes: what is on its way to the store is recorded first, then the
        retry stops."""
        if self.link.working:
            self.window.statusBar().showMessage(
                self.window.tr("Finishing the work with the organisation store…")
            )
            with self._held():
                self.link.finish()
            self.window.statusBar().clearMessage()
        else:
            self.link.finish()  # nothing more is started
        self.link.follow(None)
        if self.status is not None:
            self.status.close()
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.done(QDialog.DialogCode.Rejected)

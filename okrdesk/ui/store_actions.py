"""The window's organisation-store actions: File > Publish to / Pull from Organisation Store,
the status indicator in the status bar and its detail, what they say in the message bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

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
            has_password=lambda a: self.link.knows_password(a) or password_kept(a),
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
            self.link.remember_password(address, dialog.password)
        why_not = dialog.keep_password()
        if why_not is not None:
            self._say(why_not, "notice")
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

    def close(self) -> None:
        """The plan closes: what is on its way to the store is recorded first, then the
        retry stops."""
        if self.link.busy:
            self.window.statusBar().showMessage(
                self.window.tr("Finishing the work with the organisation store…")
            )
            self.link.finish()
            self.window.statusBar().clearMessage()
        self.link.follow(None)
        if self.status is not None:
            self.status.close()
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.done(QDialog.DialogCode.Rejected)

"""Plan file actions of the main window: open, new, open recent, save a copy, import, close."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from okrdesk.errors import OkrdeskError
from okrdesk.models.durable import overwrites
from okrdesk.models.planfile import PlanFile, ReadOnly
from okrdesk.ui.plan_view import PlanView
from okrdesk.ui.session import PlanSession

if TYPE_CHECKING:
    from okrdesk.ui.main_window import MainWindow

PLAN_FILTER = "okrdesk (*.okrdesk)"


class PlanFileActions:
    """What the File menu does to the window's plan; the window holds the open session.

    Its texts are the window's own (translated in the "MainWindow" context).
    """

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def open(self, path: Path) -> bool:
        """Open the plan (closing the current one); say why if it cannot be opened."""
        window = self.window
        session, view = window.session, window.view
        if session is not None and view is not None and overwrites(path, [session.plan.path]):
            # Open here already (by this or another name): opening it a second time
            # would only make this window its read-only reader. Show it as it is.
            view.messages.show_message(
                QCoreApplication.translate(
                    "MainWindow", "This plan is already open in this window."
                ),
                "info",
            )
            return True
        try:
            plan = PlanFile.open(path)
        except OkrdeskError as error:
            window.opening_path = None
            if window.session is None:
                window.central.setCurrentWidget(window.welcome)
                window.update_title()
            QMessageBox.warning(window, "okrdesk", error.message(window.translations.language))
            return False
        self.close()
        session = PlanSession(plan, window.translations.language, parent=window)
        window.session = session
        session.confirmer = window.confirm
        session.undo_stack.indexChanged.connect(window._undo_index_changed)
        view = PlanView(session)
        window.view = view
        view.workshop_shown.connect(window.workshop_shown)
        window.central.addWidget(view)
        window.central.setCurrentWidget(view)
        window.opening_path = None
        window.settings.add_recent_plan(path)
        window.settings.set_last_plan(path)
        view.show_workshop(window.settings.last_workshop(path))
        window.projector.follow(session, view)
        if window._room is not None:
            window._room.follow(session)
        window.store.follow()  # its status, and the retry of a publish queued in the plan
        if plan.read_only:
            view.messages.show_message(self._read_only_banner(plan.read_only_reason), "notice")
        if plan.backup_path is not None:
            view.messages.show_message(
                QCoreApplication.translate(
                    "MainWindow",
                    "The plan was upgraded to this version of okrdesk; a backup is at %1",
                ).replace("%1", str(plan.backup_path)),
                "info",
            )
        if plan.recovery is not None:
            # Never silent: what was recovered or set aside, and where the copy is.
            view.messages.show_message(
                plan.recovery.message(window.translations.language), "notice"
            )
        window._update_undo_texts()
        window.update_actions()
        return True

    def _read_only_banner(self, reason: str | None) -> str:
        """Why the plan is read-only here (PlanFile.read_only_reason), in the user's words."""
        if reason == ReadOnly.FILE:
            return QCoreApplication.translate(
                "MainWindow",
                "This plan file is read-only (no write permission), so nothing can be changed.",
            )
        if reason == ReadOnly.FOLDER:
            return QCoreApplication.translate(
                "MainWindow",
                "This plan is in a folder okrdesk cannot write to, so nothing can be changed.",
            )
        return QCoreApplication.translate(
            "MainWindow", "This plan is open in another okrdesk window, so it is read-only here."
        )

    def close(self) -> None:
        window = self.window
        window.close_review()
        window.close_cascade()
        window.close_retro()
        window.close_allhands()
        if window._room is not None:
            window._room.follow(None)  # the room stops with its plan
        if window._store is not None:
            window._store.close()  # so does the retry of a queued publish
        if window._projector is not None:
            window._projector.follow(None, None)
        if window.view is not None:
            window.central.removeWidget(window.view)
            window.view.deleteLater()
            window.view = None
        if window.session is not None:
            session, window.session = window.session, None
            session.undo_stack.indexChanged.disconnect(window._undo_index_changed)
            session.close()
            session.deleteLater()
        window.central.setCurrentWidget(window.welcome)
        window._update_undo_texts()
        window.update_title()
        window.update_actions()

    def new(self) -> None:
        from okrdesk.ui.dialogs import ask_text

        window = self.window
        path, _ = QFileDialog.getSaveFileName(
            window, QCoreApplication.translate("MainWindow", "New plan"), "", PLAN_FILTER
        )
        if not path:
            return
        target = Path(path) if path.endswith(".okrdesk") else Path(path + ".okrdesk")
        organisation = ask_text(
            window,
            QCoreApplication.translate("MainWindow", "New plan"),
            QCoreApplication.translate("MainWindow", "Organisation:"),
        )
        if organisation is None:
            return
        try:
            PlanFile.create(target, organisation or target.stem).close()
        except OkrdeskError as error:
            QMessageBox.warning(window, "okrdesk", error.message(window.translations.language))
            return
        if self.open(target) and window.view is not None:
            window.view.new_workshop()

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, QCoreApplication.translate("MainWindow", "Open plan"), "", PLAN_FILTER
        )
        if path:
            self.open(Path(path))

    def fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        recent = self.window.settings.recent_plans()
        for path in recent:
            action = menu.addAction(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open(p))
        menu.setEnabled(bool(recent))

    def save_copy(self) -> None:
        if self.window.session is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self.window, QCoreApplication.translate("MainWindow", "Save a copy"), "", PLAN_FILTER
        )
        if path:
            self.save_copy_to(Path(path))

    def save_copy_to(self, target: Path) -> bool:
        """Copy the open plan to target; say where, or why not."""
        session, view = self.window.session, self.window.view
        if session is None or view is None:
            return False
        try:
            session.plan.save_copy(target)
        except OkrdeskError as error:
            view.messages.show_message(error.message(session.language), "error")
            return False
        view.messages.show_message(
            QCoreApplication.translate("MainWindow", "A copy was saved to %1").replace(
                "%1", str(target)
            ),
            "info",
        )
        return True

    def import_file(self) -> None:
        session, view = self.window.session, self.window.view
        if session is None or view is None or view.workshop_id is None:
            return
        from okrdesk.ui.import_dialog import choose_and_preview_import

        choose_and_preview_import(self.window, session, view.workshop_id)

    def import_parent(self) -> None:
        """A parent unit's approved OKRs from another laptop's plan or JSON export."""
        from okrdesk.ui.parent_import_dialog import import_parent_okrs, pick_source

        if self.window.session is not None:
            import_parent_okrs(self.window, self.window.session, pick_source(self.window))

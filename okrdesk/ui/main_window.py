"""The facilitator's main window: menus, the open plan, and everything the keyboard reaches."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from okrdesk.errors import OkrdeskError
from okrdesk.models.durable import overwrites
from okrdesk.models.planfile import PlanFile, ReadOnly
from okrdesk.ui.i18n import Translations
from okrdesk.ui.plan_view import PlanView
from okrdesk.ui.session import PlanSession
from okrdesk.ui.settings import AppSettings
from okrdesk.ui.words import phase_name

PLAN_FILTER = "okrdesk (*.okrdesk)"


class MainWindow(QMainWindow):
    def __init__(self, settings: AppSettings, translations: Translations) -> None:
        super().__init__()
        self.settings = settings
        self.translations = translations
        self.session: PlanSession | None = None
        self.view: PlanView | None = None
        self.welcome = QWidget()
        self.welcome_label = QLabel()
        self.welcome_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome_label.setWordWrap(True)
        self.welcome_new = QPushButton()
        self.welcome_open = QPushButton()
        layout = QVBoxLayout(self.welcome)
        layout.addStretch(1)
        layout.addWidget(self.welcome_label)
        layout.addWidget(self.welcome_new, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.welcome_open, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        self.central = QStackedWidget()
        self.central.addWidget(self.welcome)
        self.setCentralWidget(self.central)
        self.saved = QLabel()
        self.statusBar().addPermanentWidget(self.saved)
        from okrdesk.ui.projector.controller import ProjectorController

        self.projector = ProjectorController(self)
        self._build_actions()
        self.welcome_new.clicked.connect(self.new_plan)
        self.welcome_open.clicked.connect(self.open_plan_dialog)
        self.retranslate()
        self.resize(1366, 768)

    # Actions and menus
    def _action(self, slot: object, shortcut: object = None) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))  # type: ignore[arg-type]
        action.triggered.connect(slot)  # type: ignore[arg-type]
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_action = self._action(self.new_plan, key.New)
        self.open_action = self._action(self.open_plan_dialog, key.Open)
        self.copy_action = self._action(self.save_copy, key.SaveAs)
        self.import_action = self._action(self.import_file, "Ctrl+I")
        self.import_parent_action = self._action(self.import_parent)
        self.close_action = self._action(self.close_plan, "Ctrl+W")
        self.quit_action = self._action(self.close, "Ctrl+Q")
        self.recent_menu = QMenu(self)
        self.undo_action = self._action(self.undo, key.Undo)
        self.redo_action = self._action(self.redo, "Ctrl+Shift+Z")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.new_workshop_action = self._action(
            lambda: self.view and self.view.new_workshop(), "Ctrl+Shift+W"
        )
        self.next_phase_action = self._action(
            lambda: self.view and self.view.step_phase(1), "Ctrl+PgDown"
        )
        self.previous_phase_action = self._action(
            lambda: self.view and self.view.step_phase(-1), "Ctrl+PgUp"
        )
        self.phase_actions = []
        from okrdesk.models import Phase

        for number in range(1, len(Phase) + 1):
            # Ctrl+N: the workshop's Nth phase (a person's OKRs go through four).
            action = self._action(
                lambda _c=False, n=number: self.view and self.view.go_to_step(n), f"Ctrl+{number}"
            )
            self.phase_actions.append(action)
        self.alignment_action = self._action(self.show_alignment, "Ctrl+Shift+L")
        self.timer_action = self._action(
            lambda: self.view and self.view.timer.toggle_pause(), "Ctrl+T"
        )
        self.more_time_action = self._action(
            lambda: self.view and self.view.add_minutes(5), "Ctrl+Shift+T"
        )
        self.preferences_action = self._action(self.preferences, key.Preferences)
        if self.preferences_action.shortcut().isEmpty():
            self.preferences_action.setShortcut(QKeySequence("Ctrl+,"))
        self.shortcuts_action = self._action(self.show_shortcuts, "F1")
        self.projector_action = self._action(lambda: self.projector.toggle(), "F5")
        self.blank_action = self._action(lambda: self.projector.window.toggle_blank(), "Ctrl+B")
        self.freeze_action = self._action(
            lambda: self.projector.window.toggle_freeze(), "Ctrl+Shift+B"
        )
        self.screen_menu = QMenu(self)
        self.about_action = self._action(self.about)

        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        for action in (self.new_action, self.open_action):
            self.file_menu.addAction(action)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        for action in (self.copy_action, self.import_action, self.import_parent_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.close_action)
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.preferences_action)
        self.workshop_menu = bar.addMenu("")
        self.workshop_menu.addAction(self.new_workshop_action)
        self.workshop_menu.addSeparator()
        self.workshop_menu.addAction(self.next_phase_action)
        self.workshop_menu.addAction(self.previous_phase_action)
        self.phase_menu = self.workshop_menu.addMenu("")
        for action in self.phase_actions:
            self.phase_menu.addAction(action)
        self.workshop_menu.addAction(self.alignment_action)
        self.workshop_menu.addSeparator()
        self.workshop_menu.addAction(self.timer_action)
        self.workshop_menu.addAction(self.more_time_action)
        self.view_menu = bar.addMenu("")
        for action in (self.projector_action, self.blank_action, self.freeze_action):
            self.view_menu.addAction(action)
        self.view_menu.addMenu(self.screen_menu)
        self.screen_menu.aboutToShow.connect(self._fill_screens)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.about_action)
        self.file_menu.aboutToShow.connect(self._fill_recent)
        self.edit_menu.aboutToShow.connect(self._update_undo_texts)

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.workshop_menu.setTitle(self.tr("&Workshop"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.view_menu.setTitle(self.tr("&View"))
        self.projector_action.setText(self.tr("Show or Hide the &Projector"))
        self.blank_action.setText(self.tr("&Blank the Projector"))
        self.freeze_action.setText(self.tr("&Freeze the Projector"))
        self.screen_menu.setTitle(self.tr("Projector &Screen"))
        self.phase_menu.setTitle(self.tr("Go to phase"))
        self.recent_menu.setTitle(self.tr("Open &Recent"))
        self.new_action.setText(self.tr("&New Plan…"))
        self.open_action.setText(self.tr("&Open…"))
        self.copy_action.setText(self.tr("Save a Copy &As…"))
        self.import_action.setText(self.tr("&Import Ideas and Participants…"))
        self.import_parent_action.setText(self.tr("Import &Parent OKRs…"))
        self.close_action.setText(self.tr("&Close Plan"))
        self.quit_action.setText(self.tr("&Quit"))
        self.preferences_action.setText(self.tr("&Preferences…"))
        self.new_workshop_action.setText(self.tr("&New Workshop…"))
        self.next_phase_action.setText(self.tr("Next Phase"))
        self.previous_phase_action.setText(self.tr("Previous Phase"))
        self._name_phase_actions()
        self.timer_action.setText(self.tr("Start or Pause the Timer"))
        self.alignment_action.setText(self.tr("&Alignment Tree…"))
        self.more_time_action.setText(self.tr("Add 5 Minutes"))
        self.shortcuts_action.setText(self.tr("Keyboard &Shortcuts"))
        self.about_action.setText(self.tr("&About okrdesk"))
        self.welcome_label.setText(self.tr("No plan is open. Create a new plan or open one."))
        self.welcome_new.setText(self.tr("New plan…"))
        self.welcome_open.setText(self.tr("Open plan…"))
        self.saved.setText(self.tr("Every change is saved"))
        self._update_undo_texts()
        self.update_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update_undo_texts(self) -> None:
        stack = None if self.session is None else self.session.undo_stack
        can_undo = stack is not None and stack.canUndo()
        can_redo = stack is not None and stack.canRedo()
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)
        self.undo_action.setText(
            self.tr("&Undo %1").replace("%1", stack.undoText()) if can_undo else self.tr("&Undo")
        )  # type: ignore[union-attr]
        self.redo_action.setText(
            self.tr("&Redo %1").replace("%1", stack.redoText()) if can_redo else self.tr("&Redo")
        )  # type: ignore[union-attr]

    def _undo_index_changed(self, _index: int) -> None:
        self._update_undo_texts()

    def undo(self) -> None:
        if self.session is not None and self.session.undo_stack.canUndo():
            self.session.undo_stack.undo()

    def redo(self) -> None:
        if self.session is not None and self.session.undo_stack.canRedo():
            self.session.undo_stack.redo()

    def update_title(self) -> None:
        parts = ["okrdesk"]
        if self.session is not None and self.view is not None:
            parts.append(self.session.plan.path.name)
            title = self.view.workshop_title()
            if title:
                parts.append(title)
                parts.append(phase_name(self.view.phase, self.view.light))
            if self.session.read_only:
                parts.append(self.tr("read-only"))
        self.setWindowTitle(" — ".join(parts))

    # Plans
    def open_plan(self, path: Path) -> bool:
        """Open the plan (closing the current one); say why if it cannot be opened."""
        if self.session is not None and overwrites(path, [self.session.plan.path]):
            # It is open here already (by this or another name): opening it a second time
            # would only make this window its read-only reader.
            return True
        try:
            plan = PlanFile.open(path)
        except OkrdeskError as error:
            QMessageBox.warning(self, "okrdesk", error.message(self.translations.language))
            return False
        self.close_plan()
        self.session = PlanSession(plan, self.translations.language, parent=self)
        self.session.confirmer = self._confirm
        self.session.undo_stack.indexChanged.connect(self._undo_index_changed)
        self.view = PlanView(self.session)
        self.view.workshop_shown.connect(self._workshop_shown)
        self.central.addWidget(self.view)
        self.central.setCurrentWidget(self.view)
        self.settings.add_recent_plan(path)
        self.settings.set_last_plan(path)
        self.view.show_workshop(self.settings.last_workshop(path))
        self.projector.follow(self.session, self.view)
        if plan.read_only:
            self.view.messages.show_message(self._read_only_banner(plan.read_only_reason), "notice")
        if plan.backup_path is not None:
            self.view.messages.show_message(
                self.tr(
                    "The plan was upgraded to this version of okrdesk; a backup is at %1"
                ).replace("%1", str(plan.backup_path)),
                "info",
            )
        if plan.recovery is not None:
            # Never silent: what was recovered or set aside, and where the copy is.
            self.view.messages.show_message(
                plan.recovery.message(self.translations.language), "notice"
            )
        self._update_undo_texts()
        return True

    def _read_only_banner(self, reason: str | None) -> str:
        """Why the plan is read-only here (PlanFile.read_only_reason), in the user's words."""
        if reason == ReadOnly.FILE:
            return self.tr(
                "This plan file is read-only (no write permission), so nothing can be changed."
            )
        if reason == ReadOnly.FOLDER:
            return self.tr(
                "This plan is in a folder okrdesk cannot write to, so nothing can be changed."
            )
        return self.tr("This plan is open in another okrdesk window, so it is read-only here.")

    def _workshop_shown(self) -> None:
        if self.session is not None and self.view is not None and self.view.workshop_id is not None:
            self.settings.set_last_workshop(self.session.plan.path, self.view.workshop_id)
        self._name_phase_actions()
        self.update_title()

    def _name_phase_actions(self) -> None:
        """Go to phase lists the phases the shown workshop goes through, in order."""
        from okrdesk.engine.phases import phases_for

        sequence = phases_for(self.view is not None and self.view.light)
        for number, action in enumerate(self.phase_actions):
            action.setVisible(number < len(sequence))
            if number < len(sequence):
                action.setText(
                    phase_name(sequence[number], self.view is not None and self.view.light)
                )

    def close_plan(self) -> None:
        self.projector.follow(None, None)
        if self.view is not None:
            self.central.removeWidget(self.view)
            self.view.deleteLater()
            self.view = None
        if self.session is not None:
            session, self.session = self.session, None
            session.undo_stack.indexChanged.disconnect(self._undo_index_changed)
            session.close()
            session.deleteLater()
        self.central.setCurrentWidget(self.welcome)
        self._update_undo_texts()
        self.update_title()

    def new_plan(self) -> None:
        from okrdesk.ui.dialogs import ask_text

        path, _ = QFileDialog.getSaveFileName(self, self.tr("New plan"), "", PLAN_FILTER)
        if not path:
            return
        target = Path(path) if path.endswith(".okrdesk") else Path(path + ".okrdesk")
        organisation = ask_text(self, self.tr("New plan"), self.tr("Organisation:"))
        if organisation is None:
            return
        try:
            PlanFile.create(target, organisation or target.stem).close()
        except OkrdeskError as error:
            QMessageBox.warning(self, "okrdesk", error.message(self.translations.language))
            return
        if self.open_plan(target) and self.view is not None:
            self.view.new_workshop()

    def open_plan_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open plan"), "", PLAN_FILTER)
        if path:
            self.open_plan(Path(path))

    def _fill_screens(self) -> None:
        from okrdesk.ui.projector.controller import available_screens

        self.screen_menu.clear()
        for screen in available_screens():
            size = screen.geometry()
            action = self.screen_menu.addAction(f"{screen.name()} ({size.width()}×{size.height()})")
            action.triggered.connect(lambda _c=False, s=screen: self.projector.choose_screen(s))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_plans():
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_plan(p))
        self.recent_menu.setEnabled(bool(self.settings.recent_plans()))

    def save_copy(self) -> None:
        if self.session is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy"), "", PLAN_FILTER)
        if path:
            self.save_copy_to(Path(path))

    def save_copy_to(self, target: Path) -> bool:
        """Copy the open plan to target; say where, or why not."""
        if self.session is None or self.view is None:
            return False
        try:
            self.session.plan.save_copy(target)
        except OkrdeskError as error:
            self.view.messages.show_message(error.message(self.session.language), "error")
            return False
        self.view.messages.show_message(
            self.tr("A copy was saved to %1").replace("%1", str(target)), "info"
        )
        return True

    def import_file(self) -> None:
        if self.session is None or self.view is None or self.view.workshop_id is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import ideas and participants"),
            "",
            self.tr("Spreadsheets (*.csv *.xlsx)"),
        )
        if path:
            from okrdesk.ui.import_dialog import preview_import

            preview_import(self, self.session, self.view.workshop_id, Path(path))

    def import_parent(self) -> None:
        """A parent unit's approved OKRs from another laptop's plan or JSON export."""
        from okrdesk.ui.parent_import_dialog import import_parent_okrs, pick_source

        if self.session is not None:
            import_parent_okrs(self, self.session, pick_source(self))

    # Language, help
    def set_language(self, language: str) -> None:
        """Speak another language at once; nothing typed, selected or undoable is lost."""
        self.translations.install(language)
        self.settings.set_language(language)
        if self.session is not None:
            self.session.set_language(language)
        # Every widget retranslates on its LanguageChange event; deliver them now.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self.retranslate()

    def preferences(self) -> None:
        from okrdesk.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.translations.language, self)
        if dialog.exec() and dialog.language() != self.translations.language:
            self.set_language(dialog.language())

    def show_alignment(self) -> None:
        """The alignment tree of the shown workshop's cycle."""
        from okrdesk.engine.alignment_tree import alignment_tree
        from okrdesk.engine.snapshot import plan_snapshot
        from okrdesk.models import Workshop
        from okrdesk.ui.alignment_dialog import AlignmentDialog

        if self.session is None or self.view is None or self.view.workshop_id is None:
            return
        with self.session.read() as session:
            workshop = session.get(Workshop, self.view.workshop_id)
            if workshop is None:
                return
            tree = alignment_tree(
                plan_snapshot(session, self.session.editor.clock), workshop.cycle_id
            )
        self.alignment_dialog = AlignmentDialog(tree, self)
        self.alignment_dialog.show()

    def show_shortcuts(self) -> None:
        from okrdesk.ui.preferences import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def about(self) -> None:
        from okrdesk import __version__

        QMessageBox.about(
            self,
            self.tr("About okrdesk"),
            self.tr(
                "okrdesk %1 — runs OKR-setting workshops from brainstorm to signed handout."
            ).replace("%1", __version__),
        )

    def _confirm(self, question: str) -> bool:
        from okrdesk.ui.dialogs import confirm

        return confirm(self, question)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Nothing to save: every change was committed when it was made.
        self.close_plan()
        self.projector.window.close()
        super().closeEvent(event)

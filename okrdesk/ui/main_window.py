"""The facilitator's main window: menus from the actions table, the open plan, help.

This module imports no database layer: the window can paint its first frame (the plan's
name and the phase navigator) before the plan, its pages and SQLAlchemy have loaded.
Opening, creating and closing plans live in plan_file_actions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QWindow
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from okrdesk.ui.actions import ACTIONS, MENUS, SEPARATOR, SUBMENUS, Needs
from okrdesk.ui.i18n import Translations
from okrdesk.ui.navigator import PhaseNavigator
from okrdesk.ui.paint_first import PaintFirst
from okrdesk.ui.projector_slot import ProjectorSlot
from okrdesk.ui.settings import AppSettings
from okrdesk.ui.words import phase_name
from okrdesk.vocabulary import Phase

if TYPE_CHECKING:
    from okrdesk.ui.allhands_dialog import AllHandsDialog
    from okrdesk.ui.cascade_dialog import CascadeDialog
    from okrdesk.ui.org_dialog import OrgViewDialog
    from okrdesk.ui.plan_file_actions import PlanFileActions
    from okrdesk.ui.plan_view import PlanView
    from okrdesk.ui.projector.cascade_screen import CascadeSlide
    from okrdesk.ui.projector.controller import ProjectorController
    from okrdesk.ui.retro_dialog import RetroDialog
    from okrdesk.ui.review_dialog import ReviewDialog
    from okrdesk.ui.room_panel import RoomPanel
    from okrdesk.ui.session import PlanSession
    from okrdesk.ui.store_actions import StoreActions


class OpeningScreen(QWidget):
    """What the first frame shows while a plan loads: the phases and the plan's name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.navigator = PhaseNavigator()
        self.navigator.setEnabled(False)
        self.label = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.navigator)
        # Centred by stretches: Qt's enum namespace would cost the first frame ~70 ms.
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addStretch(1)
        self.path: Path | None = None

    def show_path(self, path: Path) -> None:
        self.path = path
        self.retranslate()

    def retranslate(self) -> None:
        name = "" if self.path is None else self.path.name
        self.label.setText(self.tr("Opening %1…").replace("%1", name))
        self.navigator.retranslate()


class WelcomeScreen(QWidget):
    """No plan is open: make one or open one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        # Not at the top: the first frame does without Qt's enum namespace (~70 ms to load).
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.new = QPushButton()
        self.open = QPushButton()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.new, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.open, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(
            QCoreApplication.translate(
                "MainWindow", "No plan is open. Create a new plan or open one."
            )
        )
        self.new.setText(QCoreApplication.translate("MainWindow", "New plan…"))
        self.open.setText(QCoreApplication.translate("MainWindow", "Open plan…"))


class MainWindow(QMainWindow):
    def __init__(self, settings: AppSettings, translations: Translations) -> None:
        super().__init__()
        self.settings = settings
        self.translations = translations
        self.session: PlanSession | None = None
        self.view: PlanView | None = None
        self.opening_path: Path | None = None
        self._files: PlanFileActions | None = None
        self._projector: ProjectorController | None = None
        # The projector's paints go first: the room's readers wait while it paints.
        self.paint_first = PaintFirst()
        self._room: RoomPanel | None = None
        self._store: StoreActions | None = None
        self.review: ReviewDialog | None = None
        self.allhands: AllHandsDialog | None = None
        self.cascade: CascadeDialog | None = None
        self.org_views: dict[str, OrgViewDialog] = {}  # the store's board and tree, by kind
        # The projector's board page, which the cascade board and the organisation's views
        # share: the one opened last shows; closing it shows the one before it again.
        self.board_page: ProjectorSlot[CascadeSlide] = ProjectorSlot(
            lambda slide: self.projector.window.show_cascade(slide)
        )
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._board_to_front)
        self.retro: RetroDialog | None = None
        self._welcome: WelcomeScreen | None = None
        self.opening = OpeningScreen()
        self.central = QStackedWidget()
        self.central.addWidget(self.opening)
        self.setCentralWidget(self.central)
        self.saved = QLabel()
        self.statusBar().addPermanentWidget(self.saved)
        self.actions_by_id: dict[str, QAction] = {}
        self.phase_actions: list[QAction] = []
        self.menus: dict[str, QMenu] = {}
        self._build_actions()
        self._build_menus()
        self.retranslate()
        self.update_actions()
        self.resize(1366, 768)

    @property
    def welcome(self) -> WelcomeScreen:
        """What shows when no plan is open (made when first needed)."""
        if self._welcome is None:
            self._welcome = WelcomeScreen()
            self._welcome.new.clicked.connect(self.new_plan)
            self._welcome.open.clicked.connect(self.open_plan_dialog)
            self.central.addWidget(self._welcome)
        return self._welcome

    # The parts that load with the plan
    @property
    def files(self) -> PlanFileActions:
        """Opening, creating, copying and closing plans (loaded with the database layer)."""
        if self._files is None:
            from okrdesk.ui.plan_file_actions import PlanFileActions

            self._files = PlanFileActions(self)
        return self._files

    @property
    def projector(self) -> ProjectorController:
        """The projector's controller, made when first needed (it reads the plan)."""
        if self._projector is None:
            from okrdesk.ui.projector.controller import ProjectorController

            self._projector = ProjectorController(self, self.paint_first)
        return self._projector

    @property
    def room(self) -> RoomPanel:
        """The Room panel (phones join the workshop), made when first needed."""
        if self._room is None:
            from PySide6.QtCore import Qt

            from okrdesk.ui.room_panel import RoomPanel

            self._room = RoomPanel(
                lambda: None if self.view is None else self.view.workshop_id,
                lambda join: self.projector.window.show_join(join),
                self,
            )
            self._room.follow(self.session)
            self._room.control.paint_first = self.paint_first
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self._room)
            self._room.hide()
        return self._room

    @property
    def store(self) -> StoreActions:
        """Publish to and pull from the organisation store, its status (made with a plan)."""
        if self._store is None:
            from okrdesk.ui.store_actions import StoreActions

            self._store = StoreActions(self)
        return self._store

    def show_review(self) -> None:
        """The progress review of the workshop on screen (a window of its own, not modal)."""
        if self.session is None or self.view is None or self.view.workshop_id is None:
            return
        from okrdesk.ui.review_dialog import ReviewDialog

        if self.review is None or self.review.workshop_id != self.view.workshop_id:
            self.close_review()
            self.review = ReviewDialog(
                self.session,
                self.view.workshop_id,
                self,
                projector=lambda slide: self.projector.window.show_review(slide),
            )
        self.review.show()
        self.review.activateWindow()  # brings it to the front where the desktop allows

    def import_check_ins(self) -> None:
        """Check-ins of the workshop on screen from the owners' sheet (window-modal)."""
        if self.session is None or self.view is None or self.view.workshop_id is None:
            return
        from okrdesk.ui.checkin_import_dialog import open_check_in_import

        open_check_in_import(self, self.session, self.view.workshop_id)

    def close_review(self) -> None:
        if self.review is not None:
            self.review.close()
            self.review.deleteLater()
            self.review = None

    def show_retro(self) -> None:
        """The retrospective of the workshop on screen (a window of its own, not modal)."""
        if self.session is None or self.view is None or self.view.workshop_id is None:
            return
        from okrdesk.ui.retro_dialog import RetroDialog

        if self.retro is None or self.retro.workshop_id != self.view.workshop_id:
            self.close_retro()
            self.retro = RetroDialog(
                self.session,
                self.view.workshop_id,
                self,
                projector=lambda slide: self.projector.window.show_retro(slide),
            )
        self.retro.show()
        self.retro.activateWindow()  # brings it to the front where the desktop allows

    def close_retro(self) -> None:
        if self.retro is not None:
            self.retro.close()
            self.retro.deleteLater()
            self.retro = None

    def show_cascade(self) -> None:
        """The cascade board of the shown workshop's cycle (a window of its own, not modal)."""
        if self.session is None:
            return
        from okrdesk.ui.cascade_dialog import CascadeDialog, board_cycle

        cycle = board_cycle(self.session, None if self.view is None else self.view.workshop_id)
        if cycle is None:
            return
        if self.cascade is None:
            self.cascade = CascadeDialog(
                self.session,
                cycle,
                self,
                projector=self.board_page.project_for("cascade"),
                open_workshop=self.show_board_workshop,
            )
        elif self.cascade.cycle_id != cycle:
            self.cascade.show_cycle(cycle)
        self.cascade.show()
        self.cascade.activateWindow()

    def show_org_view(self, kind: str) -> None:
        """The organisation store's board or alignment tree ("board", "tree"): a window of
        its own, with or without a plan open."""
        from PySide6.QtCore import QSettings

        from okrdesk.ui.org_dialog import OrgView, OrgViewDialog

        dialog = self.org_views.get(kind)
        if dialog is None:
            settings = QSettings(str(self.settings.path), QSettings.Format.IniFormat)
            dialog = self.org_views[kind] = OrgViewDialog(
                OrgView(kind),
                settings,
                lambda: self.translations.language,
                self,
                projector=self.board_page.project_for(f"org-{kind}"),
                password=self._typed_store_password,
            )
        dialog.show()
        dialog.activateWindow()

    def _board_to_front(self, focused: QWindow | None) -> None:
        """A board's window brought to the front shows its board on the projector."""
        boards = {"cascade": self.cascade} | {f"org-{k}": v for k, v in self.org_views.items()}
        for owner, dialog in boards.items():
            if focused is not None and dialog is not None and dialog.windowHandle() is focused:
                self.board_page.front(owner)

    def _typed_store_password(self, address: str) -> str | None:
        """A store's password typed into the publish or pull dialog in this run."""
        return None if self._store is None else self._store.link.password_for(address)

    def show_board_workshop(self, workshop_id: int) -> None:
        """A unit's row chosen on the cascade board: its workshop on the window's page."""
        if self.view is not None:
            self.view.show_workshop(workshop_id)
            self.activateWindow()

    def close_cascade(self) -> None:
        if self.cascade is not None:
            self.cascade.close()
            self.cascade.deleteLater()
            self.cascade = None

    def show_allhands(self) -> None:
        """The all-hands presenter of the workshop on screen (a window of its own)."""
        if self.session is None or self.view is None or self.view.workshop_id is None:
            return
        from okrdesk.ui.allhands_dialog import AllHandsDialog

        if self.allhands is None or self.allhands.workshop_id != self.view.workshop_id:
            self.close_allhands()
            self.allhands = AllHandsDialog(
                self.session,
                self.view.workshop_id,
                self,
                projector=lambda slide: self.projector.window.show_allhands(slide),
            )
        self.allhands.show()
        self.allhands.activateWindow()  # brings it to the front where the desktop allows

    def close_allhands(self) -> None:
        if self.allhands is not None:
            self.allhands.close()
            self.allhands.deleteLater()
            self.allhands = None

    def toggle_room(self) -> None:
        """Show the Room panel (or hide it: the room stays open until stopped)."""
        panel = self.room
        panel.setVisible(not panel.isVisible())
        if panel.isVisible():
            panel.raise_()
            panel.toggle.setFocus()

    def toggle_join_on_projector(self) -> None:
        """How to join, on the projector (or back); the room panel when the room is closed."""
        panel = self.room
        if panel.control.address is None:
            panel.show()
            panel.raise_()
            panel.toggle.setFocus()
            return
        panel.set_on_projector(not panel.on_projector)

    # Actions and menus, from the actions table
    def _slots(self) -> dict[str, Callable[[], object]]:
        return {
            "new": self.new_plan,
            "open": self.open_plan_dialog,
            "copy": lambda: self.files.save_copy(),
            "import": lambda: self.files.import_file(),
            "import_parent": lambda: self.files.import_parent(),
            "publish_store": lambda: self.store.publish(),
            "pull_store": lambda: self.store.pull(),
            "close": self.close_plan,
            "quit": self.close,
            "undo": self.undo,
            "redo": self.redo,
            "preferences": self.preferences,
            "new_workshop": self._in_view(lambda view: view.new_workshop()),
            "carry_over": self._in_view(lambda view: view.offer_carry_over(asked=True)),
            "next_phase": self._in_view(lambda view: view.step_phase(1)),
            "previous_phase": self._in_view(lambda view: view.step_phase(-1)),
            "alignment": self.show_alignment,
            "cascade": self.show_cascade,
            "org_board": lambda: self.show_org_view("board"),
            "org_tree": lambda: self.show_org_view("tree"),
            "review": self.show_review,
            "import_check_ins": self.import_check_ins,
            "allhands": self.show_allhands,
            "retro": self.show_retro,
            "room": self.toggle_room,
            "room_on_projector": self.toggle_join_on_projector,
            "timer": self._in_view(lambda view: view.timer.toggle_pause()),
            "more_time": self._in_view(lambda view: view.add_minutes(5)),
            "projector": lambda: self.projector.toggle(),
            "blank": lambda: self.projector.window.toggle_blank(),
            "freeze": lambda: self.projector.window.toggle_freeze(),
            "projector_next_page": lambda: self.projector.window.next_page(),
            "projector_previous_page": lambda: self.projector.window.previous_page(),
            "shortcuts": self.show_shortcuts,
            "about": self.about,
        }

    def _in_view(self, call: Callable[[PlanView], object]) -> Callable[[], None]:
        """A slot that calls into the plan's view, if a plan is open."""

        def slot() -> None:
            if self.view is not None:
                call(self.view)

        return slot

    def _build_actions(self) -> None:
        slots = self._slots()
        for spec in ACTIONS:
            if spec.id == "phase":
                for number, key in enumerate(spec.sequences(), start=1):
                    # Ctrl+N: the workshop's Nth phase (a person's OKRs go through four).
                    action = QAction(self)
                    action.setShortcuts([key])  # (setShortcut(key) would load Qt.Key)

                    def go(view: PlanView, n: int = number) -> None:
                        view.go_to_step(n)

                    action.triggered.connect(self._in_view(go))
                    self.addAction(action)
                    self.phase_actions.append(action)
                continue
            action = QAction(self)
            action.setShortcuts(spec.sequences())
            action.triggered.connect(slots[spec.id])
            self.addAction(action)
            self.actions_by_id[spec.id] = action
            setattr(self, f"{spec.id}_action", action)

    def _build_menus(self) -> None:
        submenus = {menu.id: QMenu(self) for menu in SUBMENUS}
        for menu in SUBMENUS:
            for item in menu.items:
                submenus[menu.id].addActions(self.phase_actions if item == "phase" else [])
        self.menus.update(submenus)
        bar = self.menuBar()
        for menu in MENUS:
            shown = bar.addMenu("")
            self.menus[menu.id] = shown
            for item in menu.items:
                if item == SEPARATOR:
                    shown.addSeparator()
                elif item.startswith("menu:"):
                    shown.addMenu(submenus[item.removeprefix("menu:")])
                else:
                    shown.addAction(self.actions_by_id[item])
        self.file_menu, self.edit_menu = self.menus["file"], self.menus["edit"]
        self.recent_menu, self.screen_menu = self.menus["recent"], self.menus["screen"]
        self.phase_menu = self.menus["phase"]
        self.screen_menu.aboutToShow.connect(self._fill_screens)
        self.file_menu.aboutToShow.connect(lambda: self.files.fill_recent(self.recent_menu))
        self.edit_menu.aboutToShow.connect(self._update_undo_texts)

    def retranslate(self) -> None:
        for menu in (*MENUS, *SUBMENUS):
            self.menus[menu.id].setTitle(QCoreApplication.translate("MainWindow", menu.title))
        for spec in ACTIONS:
            if spec.id in self.actions_by_id:
                self.actions_by_id[spec.id].setText(spec.label())
        self._name_phase_actions()
        if self._welcome is not None:
            self._welcome.retranslate()
        self.saved.setText(self.tr("Every change is saved"))
        self.opening.retranslate()
        self._update_undo_texts()
        self.update_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def update_actions(self) -> None:
        """Enable each action where it applies (undo and redo follow the undo stack)."""
        plan = self.session is not None
        workshop = plan and self.view is not None and self.view.workshop_id is not None
        writable = workshop and self.session is not None and not self.session.read_only
        met = {
            Needs.NOTHING: True,
            Needs.PLAN: plan,
            Needs.WORKSHOP: workshop,
            Needs.WRITABLE: writable,
        }
        for spec in ACTIONS:
            if spec.id == "phase":
                for action in self.phase_actions:
                    action.setEnabled(met[spec.needs])
            elif spec.id not in ("undo", "redo"):
                self.actions_by_id[spec.id].setEnabled(met[spec.needs])

    def _update_undo_texts(self) -> None:
        stack = None if self.session is None else self.session.undo_stack
        undo, redo = self.actions_by_id["undo"], self.actions_by_id["redo"]
        can_undo = stack is not None and stack.canUndo()
        can_redo = stack is not None and stack.canRedo()
        undo.setEnabled(can_undo)
        redo.setEnabled(can_redo)
        undo_text = stack.undoText() if stack is not None and can_undo else ""
        redo_text = stack.redoText() if stack is not None and can_redo else ""
        undo.setText(self.tr("&Undo %1").replace("%1", undo_text) if can_undo else self.tr("&Undo"))
        redo.setText(self.tr("&Redo %1").replace("%1", redo_text) if can_redo else self.tr("&Redo"))

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
        elif self.opening_path is not None:
            parts.append(self.opening_path.name)
        self.setWindowTitle(" — ".join(parts))

    def _name_phase_actions(self) -> None:
        """Go to phase lists the phases the shown workshop goes through, in order."""
        light = self.view is not None and self.view.light
        sequence = _phases_for(light)
        for number, action in enumerate(self.phase_actions):
            action.setVisible(number < len(sequence))
            if number < len(sequence):
                action.setText(phase_name(sequence[number], light))

    # Plans (see plan_file_actions)
    def show_opening(self, path: Path) -> None:
        """The first frame: the plan's name and the phases, while the plan loads."""
        self.opening_path = path
        self.opening.show_path(path)
        self.central.setCurrentWidget(self.opening)
        self.update_title()

    def open_plan(self, path: Path) -> bool:
        """Open the plan (closing the current one); say why if it cannot be opened."""
        return self.files.open(path)

    def close_plan(self) -> None:
        if self.session is not None or self._files is not None:
            self.files.close()

    def new_plan(self) -> None:
        self.files.new()

    def open_plan_dialog(self) -> None:
        self.files.open_dialog()

    def save_copy_to(self, target: Path) -> bool:
        """Copy the open plan to target; say where, or why not."""
        return self.files.save_copy_to(target)

    def workshop_shown(self) -> None:
        """The shown workshop or its phase changed: remember it, rename, re-enable."""
        if self.session is not None and self.view is not None and self.view.workshop_id is not None:
            self.settings.set_last_workshop(self.session.plan.path, self.view.workshop_id)
        self._name_phase_actions()
        self.update_title()
        self.update_actions()

    def _fill_screens(self) -> None:
        from okrdesk.ui.projector.controller import available_screens

        self.screen_menu.clear()
        for screen in available_screens():
            size = screen.geometry()
            action = self.screen_menu.addAction(f"{screen.name()} ({size.width()}×{size.height()})")
            action.triggered.connect(lambda _c=False, s=screen: self.projector.choose_screen(s))

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
        if self.view is not None:
            self.view.show_alignment()

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

    def confirm(self, question: str) -> bool:
        from okrdesk.ui.dialogs import confirm

        return confirm(self, question)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Nothing to save: every change was committed when it was made. The room (if open)
        # stops with the plan.
        self.close_plan()
        if self._projector is not None:
            self._projector.window.close()
        super().closeEvent(event)


def _phases_for(light: bool) -> tuple[Phase, ...]:
    """The phases a workshop goes through (the engine's rule, read when a plan is open)."""
    if not light:
        return tuple(Phase)
    from okrdesk.engine.phases import phases_for

    return phases_for(light)

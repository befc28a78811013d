"""Keeps the projector on the right screen and showing the current workshop."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from okrdesk.models.types import utc_now
from okrdesk.ui.projector.room import room_view
from okrdesk.ui.projector.window import ProjectorWindow


def available_screens() -> list[QScreen]:
    """The connected screens (one place, so tests can unplug one)."""
    return QGuiApplication.screens()


class ProjectorController(QObject):
    """Opens the projector full screen on a second screen, follows plugging and unplugging."""

    def __init__(self, laptop: QWidget) -> None:
        super().__init__(laptop)
        self.laptop = laptop
        self.window = ProjectorWindow()
        self.window.thawed.connect(self.refresh)
        self.chosen: QScreen | None = None  # the facilitator's pick, if any
        self.session = None
        self.view = None
        app = QGuiApplication.instance()
        app.screenAdded.connect(self._screen_added)  # type: ignore[union-attr]
        app.screenRemoved.connect(self._screen_removed)  # type: ignore[union-attr]
        self._clock = QTimer(self)
        self._clock.setInterval(500)
        self._clock.timeout.connect(self._tick)
        self._clock.start()

    def follow(self, session: object, view: object) -> None:
        """Show this plan view's workshop (None: nothing open)."""
        self.session, self.view = session, view
        if view is None:
            self.window.frozen = False  # a closed plan's content must not stay on the wall
        else:
            view.session.changed.connect(self._changed)  # type: ignore[attr-defined]
            view.workshop_shown.connect(self.refresh)  # type: ignore[attr-defined]
            view.presentation_changed.connect(self.refresh)  # type: ignore[attr-defined]
        self.refresh()

    def _changed(self, change: object) -> None:
        # Before the reveal the room sees no counts: a dot or a paper count changes nothing.
        shown = self.window.view
        quiet = change.tables() <= {"dot", "paper_tally"}  # type: ignore[attr-defined]
        if quiet and shown is not None and shown.standings is None:
            return
        self.refresh()

    def refresh(self) -> None:
        view = self.view
        if view is None or view.workshop_id is None or view.session.closed:  # type: ignore[attr-defined]
            self.window.show_room(None)
            return
        with view.session.read() as session:  # type: ignore[attr-defined]
            shown = room_view(session, view.workshop_id, view.presented_objective())  # type: ignore[attr-defined]
        self.window.show_room(shown)

    def _tick(self) -> None:
        view = self.view
        if view is None or view.workshop_id is None:  # type: ignore[attr-defined]
            self.window.set_seconds_left(None)
            return
        self.window.set_seconds_left(view.timer.countdown.remaining(utc_now()))  # type: ignore[attr-defined]

    # Screens
    def projector_screen(self) -> QScreen | None:
        """The chosen screen if still there, else any screen the laptop window is not on."""
        screens = available_screens()
        if self.chosen in screens:
            return self.chosen
        laptop = self.laptop.screen()
        others = [s for s in screens if s is not laptop]
        return others[0] if others else None

    def place(self) -> None:
        """Full screen on the projector's screen; with one screen, a normal window."""
        screen = self.projector_screen()
        if screen is None:
            primary = QGuiApplication.primaryScreen()
            if self.window.isFullScreen():
                self.window.showNormal()
            if primary is not None:
                area = primary.availableGeometry()
                self.window.setGeometry(
                    area.adjusted(
                        area.width() // 6,
                        area.height() // 6,
                        -area.width() // 6,
                        -area.height() // 6,
                    )
                )
            self.window.show()
            return
        self.window.setScreen(screen)
        self.window.setGeometry(screen.geometry())
        self.window.showFullScreen()

    def open_automatically(self) -> None:
        """At start-up: open by itself only when a second screen is there."""
        if self.projector_screen() is not None:
            self.place()

    def toggle(self) -> None:
        if self.window.isVisible():
            self.window.hide()
        else:
            self.place()

    def choose_screen(self, screen: QScreen) -> None:
        self.chosen = screen
        self.place()

    def _screen_added(self, _screen: QScreen) -> None:
        if not self.window.isVisible() or not self.window.isFullScreen():
            QTimer.singleShot(0, self.open_automatically)

    def _screen_removed(self, screen: QScreen) -> None:
        if screen is self.chosen:
            self.chosen = None
        if self.window.isVisible() and self.window.screen() is screen:
            # Never left on a screen that is gone: move to one that remains.
            QTimer.singleShot(0, self._rehome)

    def _rehome(self) -> None:
        if available_screens():
            self.place()

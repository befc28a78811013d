"""Keeps the projector on the right screen and showing the current workshop."""

from __future__ import annotations

import time
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from okrdesk.engine.aspects import Actor
from okrdesk.engine.changes import Change
from okrdesk.engine.room_changes import (
    room_view_after,
    room_view_after_all,
    room_view_changed_by,
)
from okrdesk.engine.room_view import RoomView, room_view
from okrdesk.ui.paint_first import PaintFirst
from okrdesk.ui.projector.window import ProjectorWindow

PHONES_SHOWN_PER_SECOND = 5  # the wall relaid for phones' changes at most this often

if TYPE_CHECKING:
    from okrdesk.ui.plan_view import PlanView
    from okrdesk.ui.session import PlanSession


def available_screens() -> list[QScreen]:
    """The connected screens (one place, so tests can unplug one)."""
    return QGuiApplication.screens()


class ProjectorController(QObject):
    """Opens the projector full screen on a second screen, follows plugging and unplugging.

    The room view is read only while the projector is shown and not frozen, and only for a
    change about its workshop that can change what it shows (a dot before the reveal, a card
    moved while grouping: nothing); a change to a few objectives reads those alone. A change
    met while hidden or frozen is caught up on showing or thawing. The 0.5 s tick repaints
    the countdown alone.
    """

    def __init__(self, laptop: QWidget, paint_first: PaintFirst | None = None) -> None:
        super().__init__(laptop)
        self.laptop = laptop
        self.window = ProjectorWindow(paint_first)
        self.window.thawed.connect(self.refresh)
        self.window.shown.connect(self._shown)
        self.chosen: QScreen | None = None  # the facilitator's pick, if any
        self.session: PlanSession | None = None
        self.view: PlanView | None = None
        self.stale = True  # the room view painted is not known to be current
        self._phones: list[Change] = []  # phones' changes not yet shown (see _changed)
        self._phones_shown_at = -1.0  # time.monotonic() of the last time they were
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.screenAdded.connect(self._screen_added)
        app.screenRemoved.connect(self._screen_removed)
        self._clock = QTimer(self)
        self._clock.setInterval(500)
        self._clock.timeout.connect(self._tick)  # runs only while the projector is shown

    def follow(self, session: PlanSession | None, view: PlanView | None) -> None:
        """Show this plan view's workshop (None: nothing open)."""
        if self.view is not None and self.session is not None:
            self.session.changed.disconnect(self._changed)
            self.view.workshop_shown.disconnect(self._workshop_shown)
            self.view.presentation_changed.disconnect(self.refresh)
        self.session, self.view = session, view
        if view is None or session is None:
            self.session = self.view = None
            self.window.frozen = False  # a closed plan's content must not stay on the wall
        else:
            session.changed.connect(self._changed)
            view.workshop_shown.connect(self._workshop_shown)
            view.presentation_changed.connect(self.refresh)
        self.refresh()

    def _workshop_shown(self) -> None:
        # Another workshop on the laptop; a phase move of this one comes as a change too.
        shown = self.window.view
        if self.view is None or shown is None or shown.workshop_id != self.view.workshop_id:
            self.refresh()

    def _changed(self, change: Change) -> None:
        view = self.view
        if view is None or not change.about(view.workshop_id):
            return
        if change.actor == Actor.PHONE:
            # Phones' changes come in groups (the room's writer commits together what waits):
            # the wall is laid out once for the group, when the Qt thread comes back to its
            # event loop, not once per card.
            # During a crowd's burst, at most PHONES_SHOWN_PER_SECOND layouts: each costs the
            # Qt thread tens of milliseconds that the phones' next writes wait for.
            self._phones.append(change)
            if len(self._phones) == 1:
                wait = self._phones_shown_at + 1 / PHONES_SHOWN_PER_SECOND - time.monotonic()
                QTimer.singleShot(max(0, round(wait * 1000)), self._phones_changed)
            return
        self._phones_changed()  # the phones' first, in the order they came
        self._show_change(change)

    def _phones_changed(self) -> None:
        """The phones' changes that came since the last turn of the event loop, shown at once."""
        changes, self._phones = self._phones, []
        self._phones_shown_at = time.monotonic()
        view, session, shown = self.view, self.session, self.window.view
        if not changes or view is None or session is None:
            return
        if self.stale or shown is None or shown.workshop_id != view.workshop_id:
            self.refresh()
            return
        if not any(room_view_changed_by(shown, change.aspects) for change in changes):
            return
        if not self.window.isVisible() or self.window.frozen:
            self.stale = True
            return
        room = session.view(
            room_view_after_all, shown, tuple(changes), self.now(), view.presented_objective()
        )
        self.window.show_room(room)

    def _show_change(self, change: Change) -> None:
        view = self.view
        shown, session = self.window.view, self.session
        if view is None:
            return
        if self.stale or shown is None or session is None or shown.workshop_id != view.workshop_id:
            self.refresh()
            return
        if not room_view_changed_by(shown, change.aspects):
            return
        if not self.window.isVisible() or self.window.frozen:
            self.stale = True
            return
        room = session.view(room_view_after, shown, change, self.now(), view.presented_objective())
        self.window.show_room(room)

    def refresh(self) -> None:
        """Read and show the room view now, or (hidden, frozen) remember to when it can."""
        self.stale = True
        self._phones.clear()  # read whole below: whatever they changed is in it
        view, session = self.view, self.session
        if view is None or session is None or view.workshop_id is None or session.closed:
            self.window.show_room(None)
            self.stale = False
            return
        if not self.window.isVisible() or self.window.frozen:
            return
        room = session.view(room_view, view.workshop_id, self.now(), view.presented_objective())
        self.stale = False
        self.window.show_room(room)

    def room(self) -> RoomView | None:
        """The room view last painted (what the room sees)."""
        return self.window.view

    def now(self) -> datetime:
        """The plan's one clock (the editor's): room views and the countdown both read it."""
        assert self.session is not None
        return self.session.editor.clock()

    def _shown(self) -> None:
        if self.stale:
            self.refresh()
        self._tick()
        self._clock.start()

    def _tick(self) -> None:
        if not self.window.isVisible():
            self._clock.stop()  # hidden: nothing to count down for; caught up when shown
            return
        view = self.view
        if view is None or view.workshop_id is None or self.session is None:
            self.window.set_seconds_left(None)
            return
        # None once signed off: the room sees no clock (nor months of overtime).
        self.window.set_seconds_left(view.timer.seconds_left(self.now()))

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

"""Starting and stopping the room for phones from the window; the room stops with the plan.

The room serves one workshop (the one on screen when it started) on a thread of its own;
phones' operations run on the window's PlanSession through the WindowWriter. Closing the
plan or the window stops the room: the server listens only while the facilitator has it on.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from okrdesk.engine.aspects import Actor
from okrdesk.engine.room_ops import OpenRoom
from okrdesk.errors import OkrdeskError
from okrdesk.room.serving import RoomAddress, RoomService
from okrdesk.ui.paint_first import PaintFirst
from okrdesk.ui.room_writer import WindowWriter
from okrdesk.ui.session import PlanSession


class RoomControl(QObject):
    """The window's one room: ``start(workshop)``, ``stop()``, and what it serves."""

    started = Signal()
    stopped = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session: PlanSession | None = None
        self.service: RoomService | None = None
        self.writer: WindowWriter | None = None
        self.host = "0.0.0.0"
        self.paint_first: PaintFirst | None = None  # the projector's: its paints go first

    @property
    def address(self) -> RoomAddress | None:
        """Where phones join, while the room is open."""
        return None if self.service is None else self.service.address

    @property
    def workshop_id(self) -> int | None:
        return None if self.service is None else self.service.workshop_id

    def follow(self, session: PlanSession | None) -> None:
        """Another plan (or none): the room of the one before stops."""
        if session is not self.session:
            self.stop()
        self.session = session

    def start(self, workshop_id: int) -> str | None:
        """Open the workshop's room; None, or why it could not open (in the user's words)."""
        session = self.session
        if session is None:
            return None
        if self.service is not None:
            if self.service.workshop_id == workshop_id:
                return None
            self.stop()
        try:
            # Here, on the Qt thread: the service's start waits for the server's thread,
            # which must not wait for this one.
            code: str = session.apply_for(OpenRoom(workshop_id), Actor.ROOM).result
        except OkrdeskError as error:
            return error.message(session.language)
        writer = WindowWriter(session, self.paint_first)
        service = RoomService(writer, workshop_id, self.host)
        try:
            service.start(code)
        except OSError as error:
            writer.deleteLater()
            return self.tr("The room could not start: %1").replace(
                "%1", error.strerror or str(error)
            )
        self.service, self.writer = service, writer
        self.started.emit()
        return None

    def stop(self) -> None:
        """Stop listening; phones' connections close; nothing they were told is lost."""
        service, writer = self.service, self.writer
        if service is None or writer is None:
            return
        self.service = self.writer = None
        writer.shut()  # first: the server must not wait on this (Qt) thread while stopping
        try:
            service.stop()
        finally:
            writer.deleteLater()  # its connection to the session goes with it
            self.stopped.emit()

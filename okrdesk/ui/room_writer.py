"""The room's writer inside the window: a phone's operation runs on the window's PlanSession.

The room server lives on a thread of its own; the plan's writing connection and its undo
stack belong to the Qt thread. Every write a phone asks for is queued to the Qt thread and
runs there between the facilitator's own, one at a time, so a phone's change and the
facilitator's never interleave. A phone's reads run on reader threads of the room's own,
beside the Qt thread. The server awaits the answer; every change the window announces (the
facilitator's, an undo, a phone's) is passed on to the server's event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import deque
from concurrent.futures import Future, InvalidStateError, ThreadPoolExecutor
from datetime import datetime
from typing import ParamSpec, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from okrdesk.engine.aspects import Actor
from okrdesk.engine.changes import Change
from okrdesk.engine.editor import ViewBuilder
from okrdesk.engine.operation import Operation
from okrdesk.errors import StorageError
from okrdesk.room.writer import ChangeListener
from okrdesk.ui.paint_first import PaintFirst
from okrdesk.ui.session import PlanSession

READERS = 2  # threads reading views for phones (SQLite's WAL lets them read beside the writer)
# At most this many writes are applied together before the Qt thread turns once more: a
# thousand dots arriving at once would otherwise hold it for seconds (a few ms each), and the
# projector and the window would not paint meanwhile. A group this size takes about 50 ms.
GROUP_AT_MOST = 16
P = ParamSpec("P")
T = TypeVar("T")


class _Job:
    """A phone's write for the Qt thread and the future the server awaits."""

    def __init__(self, operation: Operation, actor: Actor) -> None:
        self.operation = operation
        self.actor = actor
        self.future: Future[Change] = Future()


class WindowWriter(QObject):
    """A RoomWriter whose operations and views run on the window's PlanSession."""

    # Wakes the Qt thread to run what waits; the jobs themselves pass through a thread-safe
    # deque, so no Python object crosses threads inside a Qt event.
    _wake = Signal()

    def __init__(self, session: PlanSession, paint_first: PaintFirst | None = None) -> None:
        super().__init__(session)
        self.session = session
        self.paint_first = paint_first or PaintFirst()  # the projector's, when there is one
        self._listeners: list[ChangeListener] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiting: set[Future[Change]] = set()
        self._readers = ThreadPoolExecutor(READERS, thread_name_prefix="okrdesk-room-reader")
        self._jobs: deque[_Job] = deque()
        self._lock = threading.Lock()  # the jobs and whether a drain is on its way
        self._woken = False
        self._wake.connect(self._drain, Qt.ConnectionType.QueuedConnection)
        # A timer, not a posted event: the event loop sends every event posted meanwhile in
        # the same turn, and only a timer lets it paint and run its clock in between.
        self._later = QTimer(self, singleShot=True, interval=0)
        self._later.timeout.connect(self._drain)
        self.groups = 0  # groups of writes applied together so far (the tests and benchmark)
        session.changed.connect(self._changed)

    async def start(self) -> None:
        """Remember the server's loop: changes are passed on to it."""
        self._loop = asyncio.get_running_loop()

    async def close(self) -> None:
        """Answer every request still waiting with a refusal: the room is closing."""
        self.shut()
        self._readers.shutdown(wait=True)  # before the window closes the plan

    def shut(self) -> None:
        """From now on refuse; answer what waits (the Qt thread is about to wait on the
        server, so nothing queued for it could run before the server stops)."""
        self._loop = None
        for future in list(self._waiting):
            _answer(future, StorageError("file.room_closed"))
        self._waiting.clear()

    async def submit(self, operation: Operation, actor: Actor = Actor.PHONE) -> Change:
        """Queue the write for the Qt thread, which applies every write waiting together."""
        if self._loop is None or self.session.closed:
            raise StorageError("file.room_closed")
        job = _Job(operation, actor)
        self._waiting.add(job.future)
        with self._lock:
            self._jobs.append(job)
            woken, self._woken = self._woken, True
        if not woken:  # one wake waits at a time: the drain takes every job it finds
            self._wake.emit()
        try:
            return await asyncio.wrap_future(job.future)
        finally:
            self._waiting.discard(job.future)

    async def view(self, build: ViewBuilder[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Read on the room's own reader threads, never on the Qt thread: two hundred phones
        reading after every change would leave the window and the projector no time to
        paint. They read what is committed (everything a phone was told was received)."""
        if self._loop is None or self.session.closed:
            raise StorageError("file.room_closed")
        editor = self.session.editor

        def read() -> T:
            self.paint_first.wait()  # a read starts when no projector paint is under way
            return editor.committed_view(build, *args, **kwargs)

        return await self._loop.run_in_executor(self._readers, read)

    @property
    def queued(self) -> int:
        """Writes waiting for the Qt thread."""
        return len(self._jobs)

    def listen(self, listener: ChangeListener) -> None:
        self._listeners.append(listener)

    def now(self) -> datetime:
        return self.session.clock()

    def _drain(self) -> None:
        """On the Qt thread: apply the writes waiting, in the order they came, in one
        transaction (``PlanSession.apply_together_for``): one commit for them all; at most
        GROUP_AT_MOST of them, the rest once the event loop has turned."""
        jobs: list[_Job] = []
        with self._lock:
            while self._jobs and len(jobs) < GROUP_AT_MOST:
                job = self._jobs.popleft()
                if not job.future.done():  # else the room closed while it waited
                    jobs.append(job)
            if self._jobs:  # the rest once the event loop has run its paints and timers
                self._later.start()
            else:
                self._woken = False
        if not jobs:
            return
        if self._loop is None or self.session.closed:
            for job in jobs:
                _answer(job.future, StorageError("file.room_closed"))
            return
        self.groups += 1
        try:
            answers = self.session.apply_together_for([(job.operation, job.actor) for job in jobs])
        except Exception as failure:  # the file itself failed: nothing was changed
            for job in jobs:
                _answer(job.future, failure)
            return
        for job, outcome in zip(jobs, answers, strict=True):
            _answer(job.future, outcome)

    def _changed(self, change: Change) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        for listener in list(self._listeners):
            loop.call_soon_threadsafe(listener, change)


def _answer(future: Future[Change], outcome: Change | Exception) -> None:
    """Settle the future unless the room's closing settled it first (on the other thread)."""
    with contextlib.suppress(InvalidStateError):
        if isinstance(outcome, Change):
            future.set_result(outcome)
        else:
            future.set_exception(outcome)

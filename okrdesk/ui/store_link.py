"""The window's link to the organisation store: publish and pull off the Qt thread, the
plan's publishing status, and the background retry of a queued publish.

The network (and reading a big plan's content) runs on a worker thread; what it brings
back is written to the plan on the window's thread, through its PlanSession: a publish
recorded or queued as Actor.STORE (never on the undo stack), a pull as one undoable step.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal

from okrdesk.engine.aspects import Actor, Aspect
from okrdesk.engine.changes import Change
from okrdesk.errors import OkrdeskError
from okrdesk.messages import translate
from okrdesk.store.connect import StoreAddress
from okrdesk.store.deliver import Delivery, recorded, send
from okrdesk.store.outbox import plan_outbox
from okrdesk.store.pull import FromStore, pull_steps, read_pull, wanted_by
from okrdesk.store.status import NOTHING, PublishStatus, publish_status
from okrdesk.ui.session import PlanSession

log = logging.getLogger(__name__)

FIRST_RETRY_MS = 30_000
LAST_RETRY_MS = 600_000
# After a change that is not the store's own, the status waits this long for the next one
# before reading the changed workshops' content again (typing is not read key by key).
STATUS_SETTLE_MS = 1_000
# How long closing the plan waits for a publish or pull under way (a connection attempt
# gives up after CONNECT_TIMEOUT_SECONDS; a publish itself takes well under a second).
FINISH_MS = 20_000


def retry_delay(retries: int) -> int:
    """The wait before the n-th retry (from 0): 30 s doubling to 10 min."""
    return min(FIRST_RETRY_MS * 2 ** min(retries, 10), LAST_RETRY_MS)


# Runs work() off the window's thread, then done(its result or the exception) on it.
Runner = Callable[[Callable[[], Any], Callable[[Any], None]], None]


class _Returns(QObject):
    """Carries a worker thread's result back to the window's thread (a queued signal)."""

    came = Signal(object, object)  # (done, result)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.came.connect(lambda done, result: done(result))


def thread_runner(returns: _Returns) -> Runner:
    def run(work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        def body() -> None:
            try:
                result: Any = work()
            except Exception as error:  # handed to the window's thread, which says it
                result = error
            with contextlib.suppress(RuntimeError):  # the window went away meanwhile
                returns.came.emit(done, result)

        threading.Thread(target=body, name="okrdesk-store", daemon=True).start()

    return run


@dataclass
class Retrying:
    """The background retry of one store's queued publish."""

    retries: int = 0  # made in this window, for the backoff
    refused: str | None = None  # the store's refusal: no more retries until asked


class StoreLink(QObject):
    """One per window; follows the open plan (``follow``)."""

    status_changed = Signal(object)  # PublishStatus
    said = Signal(str, str)  # a text for the message bar, its level
    busy_changed = Signal(bool)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        delay: Callable[[int], int] = retry_delay,
        settle_ms: int = STATUS_SETTLE_MS,
        runner: Runner | None = None,
    ) -> None:
        super().__init__(parent)
        self.session: PlanSession | None = None
        self.status: PublishStatus = NOTHING
        self.retrying: dict[str, Retrying] = {}
        self.in_flight: set[str] = set()  # stores a publish or pull is on its way to
        # Typed in the window, kept in memory for this run only (never in settings, plan, log).
        self._passwords: dict[str, str] = {}
        self._delay = delay
        # Without a parent: a worker finishing after the window is gone still has a live
        # object to hand its result to (the result is then dropped: see _background).
        self._returns = _Returns()
        self._run = runner or thread_runner(self._returns)
        self._generation = 0  # a result from a plan closed since is dropped
        self._status_running = False
        self._status_again = False
        # The workshops changed since the status was read (None: anything, read it all).
        self._changed: set[int] | None = None
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(settle_ms)
        self._settle.timeout.connect(self.refresh_status)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._retry_due)

    # The plan
    def follow(self, session: PlanSession | None) -> None:
        """Serve this plan from now on (None: none; the retry stops with the plan)."""
        if self.session is not None:
            self.session.changed.disconnect(self._plan_changed)
        self._generation += 1
        self._settle.stop()
        self._retry.stop()
        self.retrying.clear()
        self.in_flight.clear()
        self._status_running = self._status_again = False
        self._changed = None
        self.session = session
        self.status = NOTHING
        self.status_changed.emit(self.status)
        self.busy_changed.emit(False)
        if session is not None:
            session.changed.connect(self._plan_changed)
            self.refresh_status()

    @property
    def busy(self) -> bool:
        return bool(self.in_flight)

    def finish(self, timeout_ms: int = FINISH_MS) -> None:
        """Wait (the event loop running) for what is on its way to the store, so its outcome
        is written to the plan before it closes: a publish the store took but the plan did
        not record would be refused as a conflict the next time."""
        if not self.busy:
            return
        loop = QEventLoop()
        limit = QTimer()
        limit.setSingleShot(True)
        limit.timeout.connect(loop.quit)
        limit.start(timeout_ms)
        self.busy_changed.connect(loop.quit)
        try:
            while self.busy and limit.isActive():
                loop.exec()
        finally:
            self.busy_changed.disconnect(loop.quit)
            limit.stop()

    def remember_password(self, address: StoreAddress, password: str) -> None:
        """A password typed in the window, for this run's publishes, pulls and retries."""
        self._passwords[address.shown] = password

    def knows_password(self, address: StoreAddress) -> bool:
        return address.shown in self._passwords

    def password_for(self, shown: str) -> str | None:
        """The password typed for this store (by its address as shown) in this run, if any:
        the organisation's views read with it too."""
        return self._passwords.get(shown)

    def _forget_refused_password(self, address: StoreAddress, error: OkrdeskError) -> None:
        """The server refused the connection (a wrong password, most often): the password
        typed is asked again next time rather than tried again."""
        if error.message_id == "store.refused":
            self._passwords.pop(address.shown, None)

    def _plan_changed(self, change: Change) -> None:
        if change.touches(Aspect.PLAN, Aspect.CYCLES, Aspect.UNITS):
            self._changed = None  # every workshop's unit path or cycle may read otherwise
        elif self._changed is not None:
            self._changed |= change.workshops
        if change.touches(Aspect.PUBLISHING):
            self.refresh_status()
        elif self.status.ever_published:
            # A plan that never published has nothing to fall out of date.
            self._settle.start()

    def _background(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        generation = self._generation

        def back(result: Any) -> None:
            if generation == self._generation:
                done(result)

        self._run(work, back)

    # Status
    def refresh_status(self) -> None:
        """Read the status again, off the window's thread (one read at a time)."""
        session = self.session
        if session is None:
            return
        self._settle.stop()
        if self._status_running:
            self._status_again = True
            return
        self._status_running = True
        editor, previous, changed = session.editor, self.status, self._changed
        self._changed = set()  # what changes from now on is read by the next refresh
        self._background(
            lambda: editor.committed_view(publish_status, previous, changed),
            lambda result: self._status_read(result, changed),
        )

    def _status_read(self, result: Any, changed: set[int] | None) -> None:
        self._status_running = False
        if isinstance(result, BaseException):
            log.warning("the publishing status could not be read: %s", result)
            # Read again what this read was to read (and what changed since).
            if changed is None or self._changed is None:
                self._changed = None
            else:
                self._changed |= changed
        else:
            self.status = result
            for entry in result.queued:
                self.retrying.setdefault(entry.store, Retrying())
            for store in set(self.retrying) - {q.store for q in result.queued}:
                del self.retrying[store]
            self.status_changed.emit(result)
            self._schedule_retry()
        if self._status_again:
            self._status_again = False
            self.refresh_status()

    # Publish
    def publish(self, address: StoreAddress, *, retry: bool = False) -> bool:
        """Publish the plan's workshops to the store in the background; False when one is
        already on its way there."""
        session = self.session
        if session is None or address.shown in self.in_flight:
            return False
        self._set_in_flight(address.shown, True)
        editor, label = session.editor, session.plan.path.name
        now = session.clock()
        password = self._passwords.get(address.shown)

        def work() -> Delivery:
            outbox = editor.committed_view(plan_outbox, address.shown, label)
            return send(address, outbox, now, password=password)

        self._background(work, lambda result: self._published(address, result, retry))
        return True

    def _published(self, address: StoreAddress, result: Any, retry: bool) -> None:
        self._set_in_flight(address.shown, False)
        session = self.session
        assert session is not None
        language = session.language
        if isinstance(result, OkrdeskError):
            self._forget_refused_password(address, result)
            self._refused(address.shown, result.message(language), retry)
            return
        if isinstance(result, BaseException):
            log.error("publish to %s failed", address.shown, exc_info=result)
            self._refused(address.shown, str(result), retry)
            return
        try:
            session.apply_for(recorded(result), Actor.STORE)
        except OkrdeskError as error:
            self.said.emit(error.message(language), "error")
            return
        if result.published is None:
            entry = self.retrying.setdefault(address.shown, Retrying())
            entry.refused = None
            if retry:
                entry.retries += 1
            else:
                entry.retries = 0
                self.said.emit(
                    QCoreApplication.translate(
                        "StoreLink",
                        "The store at %1 cannot be reached now (%2). The publish is queued in "
                        "the plan and retried in the background.",
                    )
                    .replace("%1", address.shown)
                    .replace("%2", result.queued_because or ""),
                    "notice",
                )
            self._schedule_retry()
            return
        self.retrying.pop(address.shown, None)
        published = result.published
        self.said.emit(
            translate(
                "store.published",
                language,
                address=address.shown,
                count=len(published.versions),
                drafts=published.drafts,
            ),
            "info",
        )

    def _refused(self, store: str, message: str, retry: bool) -> None:
        """A refusal stops the store's retries; a retry's is said once, the facilitator's
        own publish's every time."""
        entry = self.retrying.get(store)
        repeated = entry is not None and entry.refused == message
        if entry is not None:
            entry.refused = message
            self._schedule_retry()
            self.status_changed.emit(self.status)
        if retry and repeated:
            return
        text = QCoreApplication.translate("StoreLink", "The store refused the publish: %1")
        self.said.emit(text.replace("%1", message), "error")

    # Retry
    def _schedule_retry(self) -> None:
        due = [
            store
            for store, entry in self.retrying.items()
            if entry.refused is None and store not in self.in_flight
        ]
        if not due:
            self._retry.stop()
            return
        if not self._retry.isActive():
            self._retry.start(min(self._delay(self.retrying[s].retries) for s in due))

    def _retry_due(self) -> None:
        for store, entry in list(self.retrying.items()):
            if entry.refused is None and store not in self.in_flight:
                self._publish_queued(store)

    def _publish_queued(self, store: str) -> None:
        try:
            address = StoreAddress.parse(store)
        except OkrdeskError as error:  # a queue entry no okrdesk wrote
            self._refused(
                store, error.message(self.session.language if self.session else "en"), True
            )
            return
        self.publish(address, retry=True)

    def retry_now(self) -> None:
        """Asked from the status: every queued publish now, refused ones included."""
        self._retry.stop()
        for store, entry in list(self.retrying.items()):
            entry.refused = None
            if store not in self.in_flight:
                self._publish_queued(store)

    def next_retry_ms(self) -> int | None:
        """How long until the next retry (None: none is waiting)."""
        return self._retry.remainingTime() if self._retry.isActive() else None

    # Pull
    def pull(self, address: StoreAddress) -> bool:
        """Pull the parents' OKRs and new check-ins in the background; they become one
        undoable step in the plan. False when something is already on its way there."""
        session = self.session
        if session is None or address.shown in self.in_flight:
            return False
        self._set_in_flight(address.shown, True)
        editor = session.editor
        password = self._passwords.get(address.shown)

        def work() -> FromStore:
            wanted = editor.committed_view(wanted_by)
            return read_pull(address, wanted, password=password)

        self._background(work, lambda result: self._pulled(address, result))
        return True

    def _pulled(self, address: StoreAddress, result: Any) -> None:
        self._set_in_flight(address.shown, False)
        session = self.session
        assert session is not None
        language = session.language
        if isinstance(result, OkrdeskError):
            self._forget_refused_password(address, result)
            self.said.emit(result.message(language), "error")
            return
        if isinstance(result, BaseException):
            log.error("pull from %s failed", address.shown, exc_info=result)
            self.said.emit(str(result), "error")
            return
        if not result.parents and not result.new_check_ins:
            self.said.emit(
                translate("store.nothing_to_pull", language, address=address.shown), "info"
            )
            return
        counted: list[int] = []

        def steps(apply: Callable[[Any], Any]) -> None:
            pulled = pull_steps(result, apply)
            counted[:] = [pulled.parents, pulled.check_ins]

        if session.run_batch("op.pull_from_store", steps):
            parents, check_ins = counted
            self.said.emit(
                translate(
                    "store.pulled",
                    language,
                    address=address.shown,
                    parents=parents,
                    check_ins=check_ins,
                ),
                "info",
            )

    def _set_in_flight(self, store: str, going: bool) -> None:
        before = self.busy
        if going:
            self.in_flight.add(store)
        else:
            self.in_flight.discard(store)
        if self.busy != before:
            self.busy_changed.emit(self.busy)

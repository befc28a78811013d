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
from okrdesk.store.connect import (
    WINDOW_LIMITS,
    SessionLimits,
    StoreAddress,
    forget_password,
    remember_password,
    store_password,
)
from okrdesk.store.deliver import Delivery, recorded, send
from okrdesk.store.outbox import plan_outbox
from okrdesk.store.pull import FromStore, pull_steps, read_pull, wanted_by
from okrdesk.store.status import NOTHING, PublishStatus, publish_status_unless_stopped
from okrdesk.ui.session import PlanSession

log = logging.getLogger(__name__)

FIRST_RETRY_MS = 30_000
LAST_RETRY_MS = 600_000
# After a change that is not the store's own, the status waits this long for the next one
# before reading the changed workshops' content again (typing is not read key by key).
STATUS_SETTLE_MS = 1_000
# How long closing the plan waits for a publish or pull under way: the window's store
# sessions are over within WINDOW_LIMITS.most_ms (a publish itself takes well under a
# second), so a store that is down, silent, stuck or slow ends the wait with room to spare.
# The status's read of the plan is given up when closing starts
# (okrdesk/store/status.py, publish_status_unless_stopped).
FINISH_MS = 20_000
assert WINDOW_LIMITS.most_ms < FINISH_MS


def unexpected_kind(error: BaseException) -> str:
    """What kind of failure an unexpected error is (its class, the server's code), for the
    plan's queue and the message bar: never its text, which for a failed statement holds
    the statement's parameters (the plan's content)."""
    cause = getattr(error, "orig", None) or error
    code = getattr(cause, "sqlstate", None)
    name = type(cause).__name__
    return f"{name} ({code})" if code else name


def _password_given(address: StoreAddress, typed: str | None, supplied: list[bool]) -> str | None:
    """On the worker: the password okrdesk gives the store (the one typed, else the keyring's
    or PGPASSWORD's, read once), noting in ``supplied`` whether there was one."""
    given = typed if typed is not None else store_password(address)
    supplied.append(given is not None)
    return given


def password_refused(error: OkrdeskError) -> bool:
    """The store refused the password (PostgreSQL's 28P01, or libpq's own word that a
    password is missing), not the connection for another reason."""
    if error.message_id != "store.refused":
        return False
    cause = error.__cause__
    code = getattr(getattr(cause, "orig", cause), "sqlstate", None) or ""
    if code:
        return code == "28P01"
    return "password" in str(error.params.get("reason", "")).lower()


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
    # A store took (True) a connection okrdesk made with no password of its own (trust,
    # .pgpass, a certificate), or refused one for want of a password (False).
    open_store = Signal(str, bool)
    _settled = Signal()  # a worker's result came back (finish() waits on it)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        delay: Callable[[int], int] = retry_delay,
        settle_ms: int = STATUS_SETTLE_MS,
        runner: Runner | None = None,
        limits: SessionLimits = WINDOW_LIMITS,
    ) -> None:
        super().__init__(parent)
        self._limits = limits
        self.session: PlanSession | None = None
        self.status: PublishStatus = NOTHING
        self.retrying: dict[str, Retrying] = {}
        self.in_flight: set[str] = set()  # stores a publish or pull is on its way to
        # Typed in the window, kept in memory for this run only (never in settings, plan, log).
        self._passwords: dict[str, str] = {}
        # Typed passwords to keep in the keyring once the store has taken them.
        self._to_keep: dict[str, StoreAddress] = {}
        self._finishing = False  # the plan closes: nothing new is started
        self._delay = delay
        # Without a parent: a worker finishing after the window is gone still has a live
        # object to hand its result to (the result is then dropped: see _background).
        self._returns = _Returns()
        self._run = runner or thread_runner(self._returns)
        self._generation = 0  # a result from a plan closed since is dropped
        self._status_running = False
        self._status_again = False
        self._stop_status = threading.Event()  # set: the status's read under way gives up
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
        self._finishing = False
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

    @property
    def working(self) -> bool:
        """A worker thread is on this plan: a publish, a pull or the status's read."""
        return self.busy or self._status_running

    @property
    def read_only(self) -> bool:
        """The plan is open read-only: nothing is published from it (a publish is
        recorded in the plan), nothing retried, nothing pulled."""
        return self.session is not None and self.session.read_only

    def finish(self, timeout_ms: int = FINISH_MS) -> None:
        """Start nothing more, and wait (the event loop running) for what runs on a worker
        thread, so it is done before the plan closes: a publish's outcome is written to the
        plan (a publish the store took but the plan did not record would be refused as a
        conflict the next time), and the status's read ends its transaction (one still
        open when the plan closes leaves its write-ahead log, shown as a recovery at the
        next open)."""
        self._finishing = True
        self._settle.stop()
        self._retry.stop()
        self._stop_status.set()
        if not self.working:
            return
        loop = QEventLoop()
        limit = QTimer()
        limit.setSingleShot(True)
        limit.timeout.connect(loop.quit)
        limit.start(timeout_ms)
        self._settled.connect(loop.quit)
        try:
            while self.working and limit.isActive():
                loop.exec()
        finally:
            self._settled.disconnect(loop.quit)
            limit.stop()

    def remember_password(
        self, address: StoreAddress, password: str, *, keep: bool = False
    ) -> None:
        """A password typed in the window, for this run's publishes, pulls and retries;
        ``keep``: into the keyring too, once the store has taken it (a wrong one never is)."""
        self._passwords[address.shown] = password
        if keep:
            self._to_keep[address.shown] = address
        else:
            self._to_keep.pop(address.shown, None)

    def knows_password(self, address: StoreAddress) -> bool:
        return address.shown in self._passwords

    def password_for(self, shown: str) -> str | None:
        """The password typed for this store (by its address as shown) in this run, if any:
        the organisation's views read with it too."""
        return self._passwords.get(shown)

    def _forget_refused_password(
        self, address: StoreAddress, error: OkrdeskError, typed: str | None
    ) -> None:
        """The server refused the connection (a wrong password, most often): the password
        typed is asked again next time rather than tried again; one the keyring gave that
        the server refused is forgotten there too."""
        if error.message_id != "store.refused":
            return
        self._passwords.pop(address.shown, None)
        self._to_keep.pop(address.shown, None)
        if password_refused(error):
            self.open_store.emit(address.shown, False)  # asked for a password from now on
        if typed is None and password_refused(error):
            try:
                forget_password(address)
            except OkrdeskError as why:  # no keyring here: the password came from elsewhere
                log.info("store %s: %s", address.shown, why.message_id)

    def _took(self, address: StoreAddress, supplied: bool, language: str) -> None:
        """The store took the connection: the typed password into the keyring, if asked to
        keep it; taken with no password from okrdesk (none typed, kept or in the
        environment, as the worker found), the store needs none."""
        if not supplied:
            self.open_store.emit(address.shown, True)
        self._keep_password(address, language)

    def _keep_password(self, address: StoreAddress, language: str) -> None:
        """The store took the typed password: into the keyring, if asked to keep it."""
        if self._to_keep.pop(address.shown, None) is None:
            return
        password = self._passwords.get(address.shown)
        if password is None:
            return
        try:
            remember_password(address, password)
        except OkrdeskError as error:
            self.said.emit(error.message(language), "notice")

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
        if session is None or self._finishing:
            return
        self._settle.stop()
        if self._status_running:
            self._status_again = True
            return
        self._status_running = True
        editor, previous, changed = session.editor, self.status, self._changed
        self._changed = set()  # what changes from now on is read by the next refresh
        self._stop_status = stop = threading.Event()
        self._background(
            lambda: editor.committed_view(publish_status_unless_stopped, stop, previous, changed),
            lambda result: self._status_read(result, changed),
        )

    def _status_read(self, result: Any, changed: set[int] | None) -> None:
        self._status_running = False
        self._settled.emit()
        if isinstance(result, BaseException):
            if self._finishing:  # given up as the plan closes: nobody will see it
                log.info("the publishing status's read stopped: the plan closes")
            else:
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
        if (
            session is None
            or session.read_only
            or self._finishing
            or address.shown in self.in_flight
        ):
            return False
        self._set_in_flight(address.shown, True)
        editor, label = session.editor, session.plan.path.name
        now = session.clock()
        password = self._passwords.get(address.shown)
        supplied: list[bool] = []  # whether okrdesk gave the store a password (worker's)
        limits = self._limits

        def work() -> Delivery:
            given = _password_given(address, password, supplied)
            outbox = editor.committed_view(plan_outbox, address.shown, label)
            try:
                return send(address, outbox, now, password=given, limits=limits)
            except OkrdeskError:
                raise  # a refusal: said, not queued
            except Exception as error:  # the connection dropped, timed out…: try again later
                kind = unexpected_kind(error)
                log.warning("publish to %s failed after connecting: %s", address.shown, kind)
                return Delivery(address.shown, None, kind)

        self._background(
            work,
            lambda result: self._published(
                address, result, retry, password, supplied=supplied != [False]
            ),
        )
        return True

    def _published(
        self,
        address: StoreAddress,
        result: Any,
        retry: bool,
        typed: str | None,
        *,
        supplied: bool = True,
    ) -> None:
        self._set_in_flight(address.shown, False)
        session = self.session
        assert session is not None
        language = session.language
        if isinstance(result, OkrdeskError):
            self._forget_refused_password(address, result, typed)
            self._refused(address.shown, result.message(language), retry)
            return
        if isinstance(result, BaseException):  # reading the plan failed
            log.error("publish to %s failed", address.shown, exc_info=result)
            self._refused(address.shown, unexpected_kind(result), retry)
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
        self._took(address, supplied, language)
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
        if self.read_only or self._finishing:
            self._retry.stop()
            return
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
        if self.read_only or self._finishing:
            return
        self._retry.stop()
        for store, entry in list(self.retrying.items()):
            entry.refused = None
            if store not in self.in_flight:
                self._publish_queued(store)

    def next_retry_ms(self) -> int | None:
        """How long until the next retry (None: none is waiting)."""
        return self._retry.remainingTime() if self._retry.isActive() else None

    def retry_wait_ms(self) -> int | None:
        """The wait the next retry was given when it was set (None: none is waiting)."""
        return self._retry.interval() if self._retry.isActive() else None

    # Pull
    def pull(self, address: StoreAddress) -> bool:
        """Pull the parents' OKRs and new check-ins in the background; they become one
        undoable step in the plan. False when something is already on its way there."""
        session = self.session
        if (
            session is None
            or session.read_only
            or self._finishing
            or address.shown in self.in_flight
        ):
            return False
        self._set_in_flight(address.shown, True)
        editor = session.editor
        password = self._passwords.get(address.shown)
        supplied: list[bool] = []  # whether okrdesk gave the store a password (worker's)
        limits = self._limits

        def work() -> FromStore:
            given = _password_given(address, password, supplied)
            wanted = editor.committed_view(wanted_by)
            return read_pull(address, wanted, password=given, limits=limits)

        self._background(
            work,
            lambda result: self._pulled(address, result, password, supplied=supplied != [False]),
        )
        return True

    def _pulled(
        self, address: StoreAddress, result: Any, typed: str | None, *, supplied: bool = True
    ) -> None:
        self._set_in_flight(address.shown, False)
        session = self.session
        assert session is not None
        language = session.language
        if isinstance(result, OkrdeskError):
            self._forget_refused_password(address, result, typed)
            self.said.emit(result.message(language), "error")
            return
        if isinstance(result, BaseException):  # the connection dropped, timed out…
            kind = unexpected_kind(result)
            log.warning("pull from %s failed: %s", address.shown, kind)
            self.said.emit(
                QCoreApplication.translate(
                    "StoreLink",
                    "The store at %1 cannot be reached now (%2). Nothing was pulled: "
                    "pull again later.",
                )
                .replace("%1", address.shown)
                .replace("%2", kind),
                "error",
            )
            return
        self._took(address, supplied, language)
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
        if not going:
            self._settled.emit()

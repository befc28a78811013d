"""The organisation store in the window (issue 16): File > Publish / Pull, the status in the
status bar and its detail, the background retry of a queued publish — against a real
PostgreSQL, with the network off the window's thread."""

from __future__ import annotations

import logging
import socket
import threading
import time
from contextlib import closing, contextmanager, suppress

import pytest
from keyring.errors import KeyringLocked
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from okrdesk import cli
from okrdesk.engine import ops
from okrdesk.store.connect import KEYRING_SERVICE, SessionLimits, StoreAddress
from okrdesk.store.deliver import deliver
from okrdesk.ui.i18n import Translations
from okrdesk.ui.main_window import MainWindow
from okrdesk.ui.settings import AppSettings
from okrdesk.ui.store_actions import StoreActions
from okrdesk.ui.store_link import StoreLink, retry_delay
from tests.pg_cluster import fresh_database
from tests.test_store_credentials import PASSWORD, memory_keyring, roles  # noqa: F401
from tests.test_store_publish import copy_of, department_plan, sql
from tests.ui_helpers import rows

RETRY_MS = 20  # the injected backoff: every retry after 20 ms of the event loop


@pytest.fixture(scope="module")
def store(pg_server):
    url = fresh_database(pg_server, "okrdesk_window")
    assert cli.main(["store", "init", url, "--lang", "en"]) == 0
    return url


@pytest.fixture
def no_password(monkeypatch, memory_keyring):  # noqa: F811
    monkeypatch.delenv("PGPASSWORD", raising=False)
    return memory_keyring


def store_window(qtbot, path, *, delay=lambda _n: RETRY_MS, settle_ms=0, **link_options):
    """The window on the plan, its store link with an injected backoff and settle time."""
    from okrdesk.ui.app import application

    application()
    translations = Translations()
    translations.install("en")
    window = MainWindow(AppSettings(), translations)
    qtbot.addWidget(window)
    link = StoreLink(window, delay=delay, settle_ms=settle_ms, **link_options)
    window._store = StoreActions(window, link)
    assert window.open_plan(path)
    window.show()
    return window


def ask(qtbot, window, action, address, password=None, remember=False):
    """Trigger the File menu's action and answer its dialog as a facilitator would; whether
    it asked for the password."""
    action.trigger()
    dialog = window.store.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.address_field.setText(address)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    asked = dialog.isVisible()
    if asked:  # no password kept for the store: it asks for one
        assert dialog.password_field.isVisible()
        dialog.password_field.setText(password or "")
        dialog.remember.setChecked(remember)
        ok.click()
    assert not dialog.isVisible()
    return asked


def message(window):
    return window.view.messages.text()


def free_port():
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Forwarder:
    """A loopback port that forwards to the store's server once opened (the store 'comes
    back'), or that accepts and never answers (a store slow to answer)."""

    def __init__(self, port, target_port=None):
        self.port, self.target_port = port, target_port
        self.listener = socket.create_server(("127.0.0.1", port))
        self.accepted = []
        self.arrived = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(client)
            self.arrived.set()
            if self.target_port is not None:
                server = socket.create_connection(("127.0.0.1", self.target_port))
                self.accepted.append(server)
                for a, b in ((client, server), (server, client)):
                    threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def close(self):
        with suppress(OSError):  # wakes the thread waiting in accept(), frees the port
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for connection in self.accepted:
            with suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()


def at_port(url, port):
    return make_url(url).set(port=port).render_as_string(hide_password=False)


def test_retries_back_off_from_30_seconds_doubling_to_10_minutes():
    assert [retry_delay(n) for n in range(7)] == [
        30_000,
        60_000,
        120_000,
        240_000,
        480_000,
        600_000,
        600_000,
    ]


def test_publish_from_the_window_then_out_of_date_after_an_edit(
    qtbot, store, tmp_path, no_password
):
    plan = department_plan(tmp_path / "sales.okrdesk", unit="Sales", title="Sales OKRs")
    window = store_window(qtbot, plan)
    indicator = window.store.indicator
    assert not indicator.isVisible()  # never published: nothing to say
    ask(qtbot, window, window.publish_store_action, store)
    qtbot.waitUntil(lambda: "Published to" in message(window))
    assert "1 workshop(s), 1 of them drafts" in message(window)
    qtbot.waitUntil(lambda: indicator.text() == "Store: published")
    assert rows(plan, "SELECT store, version FROM publication") == [
        (StoreAddress.parse(store).shown, 1)
    ]
    assert sql(store, "SELECT draft FROM workshops WHERE title = 'Sales OKRs'") == [(True,)]
    # Store bookkeeping is not the facilitator's to undo.
    assert not window.session.undo_stack.canUndo()
    # The address is remembered for the next time.
    window.publish_store_action.trigger()
    assert window.store.dialog.address_field.text() == StoreAddress.parse(store).shown
    window.store.dialog.reject()
    # An edit: the workshop is out of date until published again.
    (objective,) = rows(plan, "SELECT id FROM objective")
    window.session.run(ops.RenameObjective(objective[0], "Close every deal within a week"))
    qtbot.waitUntil(lambda: indicator.text() == "Store: 1 out of date")
    indicator.click()
    status = window.store.status
    assert status.isVisible()
    assert status.workshops.item(0, 3).text() == "Out of date: changed since published"
    assert status.workshops.item(0, 1).text() == "Sales OKRs (draft)"
    status.grab().save("/tmp/store_status_out_of_date.png")
    # Undone, it says what was published again: the digest, not a flag, decides.
    window.session.undo_stack.undo()
    qtbot.waitUntil(lambda: indicator.text() == "Store: published")
    assert status.workshops.item(0, 3).text() == "Published"
    assert not status.again.isEnabled()
    # Changed again and published again from the status: version 2 in the store.
    window.session.run(ops.RenameObjective(objective[0], "Close every deal within a week"))
    qtbot.waitUntil(lambda: status.again.isEnabled())
    status.again.click()
    qtbot.waitUntil(lambda: status.workshops.item(0, 4).text() == "2")
    assert status.workshops.item(0, 3).text() == "Published"
    assert sql(store, "SELECT version FROM workshops WHERE title = 'Sales OKRs'") == [(2,)]


def test_an_unreachable_store_queues_and_the_background_retry_delivers(
    qtbot, store, pg_server, tmp_path, no_password
):
    plan = department_plan(tmp_path / "ops.okrdesk", unit="Operations", title="Ops OKRs")
    port = free_port()  # nothing listens there: the store is down
    address = at_port(store, port)
    window = store_window(qtbot, plan)
    link = window.store.link
    ask(qtbot, window, window.publish_store_action, address)
    qtbot.waitUntil(lambda: "is queued in the plan" in message(window))
    assert "Connection refused" in message(window)
    # Retried in the background (the injected backoff): each try counted in the plan.
    qtbot.waitUntil(lambda: rows(plan, "SELECT attempts FROM publish_queue")[0][0] >= 3)
    qtbot.waitUntil(lambda: window.store.indicator.text().startswith("Store: queued ("))
    window.store.show_status()
    status = window.store.status
    qtbot.waitUntil(lambda: status.queue.rowCount() == 1)
    assert status.queue.item(0, 0).text() == StoreAddress.parse(address).shown
    assert "Connection refused" in status.queue.item(0, 4).text()
    status.grab().save("/tmp/store_status_queued.png")
    # The store comes back at the queued address: the next retry delivers the publish.
    forwarder = Forwarder(port, make_url(pg_server).port)
    try:
        qtbot.waitUntil(lambda: rows(plan, "SELECT count(*) FROM publish_queue") == [(0,)])
        qtbot.waitUntil(lambda: window.store.indicator.text() == "Store: published")
        assert link.next_retry_ms() is None and not link.retrying
        assert sql(store, "SELECT count(*) FROM workshops WHERE title = 'Ops OKRs'") == [(1,)]
        assert status.queue_label.text() == "Nothing is queued."
    finally:
        window.close_plan()
        forwarder.close()


def test_a_queued_publish_is_retried_when_the_plan_opens_and_stops_when_it_closes(
    qtbot, store, tmp_path, no_password
):
    plan = department_plan(tmp_path / "hr.okrdesk", unit="HR", title="HR OKRs")
    down = at_port(store, free_port())
    assert cli.main(["publish", str(plan), "--store", down, "--lang", "en"]) == 0
    window = store_window(qtbot, plan)
    link = window.store.link
    qtbot.waitUntil(lambda: rows(plan, "SELECT attempts FROM publish_queue")[0][0] >= 2)
    window.close_plan()
    assert link.session is None and link.next_retry_ms() is None and not link.retrying
    tried = rows(plan, "SELECT attempts FROM publish_queue")[0][0]
    # Nothing more is tried: a later event loop leaves the file alone.
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(RETRY_MS)
    qtbot.waitUntil(lambda: len(ticks) >= 10)
    timer.stop()
    assert rows(plan, "SELECT attempts FROM publish_queue")[0][0] == tried


def test_a_refusal_is_shown_and_a_refused_retry_stops_the_retries_said_once(
    qtbot, pg_server, tmp_path, no_password
):
    not_a_store = fresh_database(pg_server, "okrdesk_window_empty")  # no okrdesk schema
    plan = department_plan(tmp_path / "it.okrdesk", unit="IT", title="IT OKRs")
    window = store_window(qtbot, plan)
    said = []
    window.store.link.said.connect(lambda text, level: said.append((text, level)))
    ask(qtbot, window, window.publish_store_action, not_a_store)
    qtbot.waitUntil(lambda: "The store refused the publish" in message(window))
    assert "holds no okrdesk store" in message(window)
    assert rows(plan, "SELECT count(*) FROM publish_queue") == [(0,)]
    # Queued while down; the store that answers at that address then refuses.
    port = free_port()
    ask(qtbot, window, window.publish_store_action, at_port(not_a_store, port))
    qtbot.waitUntil(lambda: "is queued in the plan" in message(window))
    forwarder = Forwarder(port, make_url(pg_server).port)
    try:
        link = window.store.link
        qtbot.waitUntil(lambda: window.store.indicator.text() == "Store: refused")
        assert link.next_retry_ms() is None and not link.busy
        refusals = [s for s in said if s[0].startswith("The store refused") and s[1] == "error"]
        assert len(refusals) == 2  # the first publish's, and the retry's once
        window.store.show_status()
        assert window.store.status.queue.item(0, 3).text().startswith("Refused: ")
        # Asked from the status: tried again at once (and refused again, said again).
        window.store.status.retry.click()
        qtbot.waitUntil(lambda: len([s for s in said if s[0].startswith("The store ref")]) == 3)
    finally:
        window.close_plan()
        forwarder.close()


def test_a_typed_password_is_used_and_written_nowhere(
    qtbot,
    roles,  # noqa: F811
    tmp_path,
    no_password,
    caplog,
):
    _admin, writer, _reader = roles
    caplog.set_level(logging.DEBUG)
    plan = department_plan(tmp_path / "legal.okrdesk", unit="Legal", title="Legal OKRs")
    window = store_window(qtbot, plan)
    # An address holding a password is refused in the dialog, with the engine's words.
    window.publish_store_action.trigger()
    dialog = window.store.dialog
    with_password = make_url(writer).set(password=PASSWORD).render_as_string(hide_password=False)
    dialog.address_field.setText(with_password)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and "must not hold a password" in dialog.error.text()
    assert PASSWORD not in dialog.error.text()
    dialog.reject()
    # A wrong password: refused, and asked again the next time (not tried again).
    assert ask(qtbot, window, window.publish_store_action, writer, password="wrong")
    qtbot.waitUntil(lambda: "refused the connection" in message(window))
    assert rows(plan, "SELECT count(*) FROM publish_queue") == [(0,)]
    assert ask(qtbot, window, window.publish_store_action, writer, password=PASSWORD)
    qtbot.waitUntil(lambda: "Published to" in message(window))
    assert no_password.kept == {}  # not asked to remember it
    # The organisation's views read the store with the password typed for it in this run.
    window.show_org_view("board")
    shown = StoreAddress.parse(writer).shown
    assert window.org_views["board"].password(shown) == PASSWORD
    window.org_views["board"].close()
    # Pulled with the same password (kept in memory for this run only): nothing asked.
    window.pull_store_action.trigger()
    window.store.dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not window.store.dialog.isVisible()
    qtbot.waitUntil(lambda: "no approved OKRs" in message(window))
    window.close_plan()
    for path in (plan, plan.with_name(plan.name + "-wal"), window.settings.path):
        if path.exists():
            assert PASSWORD.encode() not in path.read_bytes(), path
    assert PASSWORD not in caplog.text
    # The next run of okrdesk asks again; asked to remember it, the keyring holds it.
    window.close()
    window = store_window(qtbot, plan)
    ask(qtbot, window, window.publish_store_action, writer, password=PASSWORD, remember=True)
    qtbot.waitUntil(lambda: "Published to" in message(window))
    # Kept once the store has taken it.
    assert no_password.kept == {
        (KEYRING_SERVICE, StoreAddress.parse(writer).keyring_name): PASSWORD
    }


def test_a_password_the_store_refuses_is_not_kept_and_forgotten_from_the_keyring(
    qtbot,
    roles,  # noqa: F811
    tmp_path,
    no_password,
):
    _admin, writer, _reader = roles
    kept_as = (KEYRING_SERVICE, StoreAddress.parse(writer).keyring_name)
    plan = department_plan(tmp_path / "audit.okrdesk", unit="Audit", title="Audit OKRs")
    window = store_window(qtbot, plan)
    said = []
    window.store.link.said.connect(lambda text, _level: said.append(text))

    def refused():
        return any("refused the connection" in text for text in said)

    # A typo, asked to be remembered: refused, so never written to the keyring.
    assert ask(qtbot, window, window.publish_store_action, writer, "typo", remember=True)
    qtbot.waitUntil(refused)
    assert no_password.kept == {}
    # A wrong password the keyring held (an earlier 'okrdesk store login'): not asked, tried,
    # refused, and forgotten there, so the next publish asks for it instead of trying it again.
    no_password.kept[kept_as] = "stale"
    said.clear()
    assert not ask(qtbot, window, window.publish_store_action, writer)
    qtbot.waitUntil(refused)
    qtbot.waitUntil(lambda: not window.store.link.busy)
    assert no_password.kept == {}
    assert rows(plan, "SELECT count(*) FROM publish_queue") == [(0,)]
    assert ask(qtbot, window, window.publish_store_action, writer, PASSWORD, remember=True)
    qtbot.waitUntil(lambda: "Published to" in message(window))
    assert no_password.kept == {kept_as: PASSWORD}


def test_a_store_that_needs_no_password_is_not_asked_for_one_again(
    qtbot,
    store,
    roles,  # noqa: F811
    tmp_path,
    no_password,
):
    """A store on trust or a .pgpass file: asked once whether it needs a password, then not,
    in this run or the next; one that then asks for a password is asked for it again."""
    plan = department_plan(tmp_path / "ops.okrdesk", unit="Ops", title="Ops OKRs")
    window = store_window(qtbot, plan)
    assert ask(qtbot, window, window.publish_store_action, store)  # left empty: none needed
    qtbot.waitUntil(lambda: "Published to" in message(window))
    assert window.settings.store_takes_no_password(StoreAddress.parse(store).shown)
    assert not ask(qtbot, window, window.publish_store_action, store)
    qtbot.waitUntil(lambda: "Published to" in message(window))
    window.close()
    window = store_window(qtbot, plan)  # the next run of okrdesk
    assert not ask(qtbot, window, window.pull_store_action, store)
    qtbot.waitUntil(lambda: "no approved OKRs" in message(window))
    # A store that asks for a password after all (its set-up changed): refused, then asked.
    _admin, writer, _reader = roles
    shown = StoreAddress.parse(writer).shown
    window.settings.set_store_takes_no_password(shown, True)
    assert not ask(qtbot, window, window.publish_store_action, writer)
    qtbot.waitUntil(lambda: "refused the connection" in message(window))
    qtbot.waitUntil(lambda: not window.settings.store_takes_no_password(shown))
    assert ask(qtbot, window, window.publish_store_action, writer, password=PASSWORD)
    qtbot.waitUntil(lambda: "Published to" in message(window))
    assert not window.settings.store_takes_no_password(shown)  # a password was typed


def test_a_store_that_took_the_keyrings_password_is_never_noted_as_needing_none(
    qtbot,
    roles,  # noqa: F811
    tmp_path,
    no_password,
    monkeypatch,
):
    """The keyring is read once on the worker, for the connection and for the note alike: a
    keyring that locks once it has answered the dialog and the worker does not make the
    store look open."""
    _admin, writer, _reader = roles
    shown = StoreAddress.parse(writer).shown
    no_password.kept[(KEYRING_SERVICE, StoreAddress.parse(writer).keyring_name)] = PASSWORD
    answered = []
    kept = no_password.get_password

    def twice(service, username):  # the dialog's question, the worker's connection
        if len(answered) == 2:
            raise KeyringLocked("the collection is locked")
        answered.append(username)
        return kept(service, username)

    monkeypatch.setattr(no_password, "get_password", twice)
    plan = department_plan(tmp_path / "tax.okrdesk", unit="Tax", title="Tax OKRs")
    window = store_window(qtbot, plan)
    assert not ask(qtbot, window, window.publish_store_action, writer)  # the keyring has it
    qtbot.waitUntil(lambda: "Published to" in message(window))
    assert not window.settings.store_takes_no_password(shown)
    assert len(answered) == 2


def test_a_slow_store_never_holds_the_window(qtbot, store, tmp_path, no_password):
    plan = department_plan(tmp_path / "slow.okrdesk", unit="Finance", title="Finance OKRs")
    port = free_port()
    silent = Forwarder(port)  # accepts the connection and never answers
    window = store_window(qtbot, plan, delay=lambda _n: 3_600_000)
    try:
        ask(qtbot, window, window.publish_store_action, at_port(store, port))
        assert silent.arrived.wait(10)
        link = window.store.link
        assert link.busy and window.store.indicator.text() == "Store: sending…"
        # The event loop runs on while the connection waits: timers fire, the plan edits.
        ticks = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(10)
        qtbot.waitUntil(lambda: len(ticks) >= 20)
        timer.stop()
        (objective,) = rows(plan, "SELECT id FROM objective")
        assert window.session.run(ops.RenameObjective(objective[0], "Close the books in 3 days"))
        assert link.busy  # still connecting
        silent.close()  # the server hangs up: the publish is queued
        qtbot.waitUntil(lambda: not link.busy)
        qtbot.waitUntil(lambda: "is queued in the plan" in message(window))
        assert rows(plan, "SELECT count(*) FROM publish_queue") == [(1,)]
        # Closed while a publish is on its way: its outcome is in the plan before it closes.
        again = Forwarder(port)  # the queued address answers again, and says nothing
        window.store.show_status()
        qtbot.waitUntil(lambda: window.store.status.retry.isEnabled())
        window.store.status.retry.click()
        assert again.arrived.wait(10) and link.busy
        QTimer.singleShot(50, again.close)  # the server hangs up while the plan closes
        window.close_plan()
        assert not link.busy and window.session is None
        assert rows(plan, "SELECT attempts FROM publish_queue") == [(2,)]
    finally:
        window.close_plan()
        silent.close()


def test_pull_from_the_window_is_one_step_to_undo(
    qtbot, pg_server, signed_demo_plan, tmp_path, no_password
):
    url = fresh_database(pg_server, "okrdesk_window_pull")
    assert cli.main(["store", "init", url, "--lang", "en"]) == 0
    from okrdesk.engine.editor import PlanEditor
    from okrdesk.models.planfile import PlanFile

    company = copy_of(signed_demo_plan, tmp_path / "company.okrdesk")
    with PlanFile.open(company) as opened:
        deliver(PlanEditor(opened), StoreAddress.parse(url), company.name)
    plan = department_plan(tmp_path / "support.okrdesk")
    window = store_window(qtbot, plan)
    ask(qtbot, window, window.pull_store_action, url)
    qtbot.waitUntil(lambda: "Pulled from" in message(window))
    assert "1 parent workshop(s)" in message(window)
    assert rows(plan, "SELECT count(*) FROM workshop WHERE imported_from IS NOT NULL") == [(1,)]
    assert window.session.undo_stack.canUndo()
    window.session.undo_stack.undo()
    assert rows(plan, "SELECT count(*) FROM workshop WHERE imported_from IS NOT NULL") == [(0,)]


def test_the_status_says_when_the_next_retry_is(qtbot, store, tmp_path, no_password):
    plan = department_plan(tmp_path / "pr.okrdesk", unit="PR", title="PR OKRs")
    down = at_port(store, free_port())
    assert cli.main(["publish", str(plan), "--store", down, "--lang", "en"]) == 0
    window = store_window(qtbot, plan, delay=retry_delay)  # the real backoff: 30 s first
    qtbot.waitUntil(lambda: window.store.indicator.text() == "Store: queued (attempts: 1)")
    link = window.store.link
    assert link.retry_wait_ms() == 30_000  # the wait set, whatever the clock did since
    # What the status says of the time left (the link's, not the wall clock's).
    link.next_retry_ms = lambda: 29_600
    window.store.indicator.click()
    status = window.store.status
    assert status.queue.item(0, 3).text() == "Retried in 30 s"
    assert status.queue.item(0, 2).text() == "1" and status.retry.isEnabled()
    link.next_retry_ms = lambda: 4_400
    status._count_down()
    assert status.queue.item(0, 3).text() == "Retried in 4 s"
    window.close_plan()
    assert not status.isVisible()


STORE_DOWN = "postgresql://okr@127.0.0.1:1/okrdesk"


def queue_publish(plan, store=STORE_DOWN):
    """A publish waiting in the plan's queue for the store."""
    from okrdesk.engine.aspects import Actor
    from okrdesk.engine.editor import PlanEditor
    from okrdesk.models.planfile import PlanFile
    from okrdesk.store.plan_ops import QueuePublish

    with PlanFile.open(plan) as opened:
        PlanEditor(opened).apply(QueuePublish(store, "unreachable"), actor=Actor.STORE)


def event_loop_turns(qtbot, count):
    """Let the event loop run through `count` of the injected retry waits."""
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(RETRY_MS)
    qtbot.waitUntil(lambda: len(ticks) >= count)
    timer.stop()


def test_a_plan_open_read_only_never_publishes(qtbot, tmp_path, monkeypatch, no_password):
    from okrdesk.models import planfile
    from okrdesk.store.deliver import Delivery
    from okrdesk.ui import store_link

    plan = department_plan(tmp_path / "ro.okrdesk", unit="Risk", title="Risk OKRs")
    queue_publish(plan)
    sent = []

    def fake_send(address, outbox, now, engine=None, password=None):
        sent.append(address.shown)
        return Delivery(address.shown, None, "still unreachable")

    monkeypatch.setattr(store_link, "send", fake_send)
    monkeypatch.setattr(planfile.os, "access", lambda _path, _mode: False)  # as a 0444 file
    window = store_window(qtbot, plan)
    assert window.session.read_only
    link = window.store.link
    qtbot.waitUntil(lambda: window.store.indicator.text() == "Store: queued (attempts: 1)")
    event_loop_turns(qtbot, 10)
    assert sent == [] and link.next_retry_ms() is None
    # Neither asked from the status nor directly.
    window.store.show_status()
    status = window.store.status
    qtbot.waitUntil(lambda: status.queue.rowCount() == 1)
    reason = "The plan is open read-only: nothing is published from it."
    assert not status.retry.isEnabled() and status.retry.toolTip() == reason
    assert not status.again.isEnabled() and status.again.toolTip() == reason
    assert status.queue.item(0, 3).text() == "Not retried: the plan is open read-only"
    status.grab().save("/tmp/store_status_read_only.png")
    link.retry_now()
    assert not link.publish(StoreAddress.parse(STORE_DOWN))
    assert not link.pull(StoreAddress.parse(STORE_DOWN))
    event_loop_turns(qtbot, 5)
    assert sent == [] and not link.busy
    assert rows(plan, "SELECT attempts FROM publish_queue") == [(1,)]


def test_closing_waits_for_the_status_read_so_the_plan_closes_clean(qtbot, tmp_path, monkeypatch):
    from pathlib import Path

    from okrdesk.store import status

    plan = department_plan(tmp_path / "wal.okrdesk", unit="Tax", title="Tax OKRs")
    queue_publish(plan)  # a status worth reading
    reading, release = threading.Event(), threading.Event()
    real = status.publish_status

    def slow(session, *args):
        out = real(session, *args)  # the read's transaction stays open…
        reading.set()
        release.wait(10)  # …as a big plan's read of seconds would
        return out

    monkeypatch.setattr(status, "publish_status", slow)
    window = store_window(qtbot, plan, delay=lambda _n: 3_600_000)
    assert reading.wait(10)
    link = window.store.link
    assert not link.busy  # nothing on its way to the store: only the status's read
    (objective,) = rows(plan, "SELECT id FROM objective")
    assert window.session.run(ops.RenameObjective(objective[0], "File every return early"))
    QTimer.singleShot(50, release.set)  # the read ends while closing waits
    window.close_plan()
    assert release.is_set()  # closing waited for the read to end
    assert not link.working
    assert not Path(f"{plan}-wal").exists()  # the last reader gone, the log folded in
    assert window.open_plan(plan)
    assert window.session.plan.recovery is None
    assert rows(plan, "SELECT title FROM objective") == [("File every return early",)]


def test_while_closing_waits_for_the_store_the_window_takes_no_input(qtbot, tmp_path, monkeypatch):
    from okrdesk.store.deliver import Delivery
    from okrdesk.ui import store_link

    plan = department_plan(tmp_path / "hold.okrdesk", unit="Legal", title="Legal OKRs")
    gate = threading.Event()

    def slow_send(address, outbox, now, engine=None, password=None, **_limits):
        gate.wait(10)
        return Delivery(address.shown, None, "unreachable")

    monkeypatch.setattr(store_link, "send", slow_send)
    from okrdesk.ui import plan_file_actions

    asked = []  # File > Open's file dialog, had it been let through
    monkeypatch.setattr(
        plan_file_actions.QFileDialog,
        "getOpenFileName",
        lambda *_args, **_kwargs: asked.append(1) or ("", ""),
    )
    window = store_window(qtbot, plan, delay=lambda _n: 3_600_000)
    link = window.store.link
    assert link.publish(StoreAddress.parse(STORE_DOWN)) and link.busy
    seen = {}

    def meanwhile():  # the facilitator, waiting, reaches for File > Open or an edit
        seen["window"] = window.isEnabled()
        seen["enabled"] = [
            spec
            for spec in ("open", "new", "close", "publish_store")
            if spec in window.actions_by_id and window.actions_by_id[spec].isEnabled()
        ]
        opened = []
        window.actions_by_id["open"].triggered.connect(lambda *_a: opened.append(1))
        window.actions_by_id["open"].trigger()
        seen["opened"] = opened
        gate.set()

    QTimer.singleShot(50, meanwhile)
    window.close_plan()
    assert seen == {"window": False, "enabled": [], "opened": []} and asked == []
    assert window.session is None and window.isEnabled()
    assert window.actions_by_id["open"].isEnabled()
    assert rows(plan, "SELECT count(*) FROM publish_queue") == [(1,)]


def test_an_unexpected_failure_after_connecting_is_queued_and_says_only_its_kind(
    qtbot, tmp_path, monkeypatch, no_password
):
    import psycopg
    from sqlalchemy.exc import OperationalError

    from okrdesk.ui import store_link

    secret = "Win the Zhejiang tender"
    plan = department_plan(tmp_path / "drop.okrdesk", unit="Bids", title="Bids OKRs")

    def dropped(*_args, **_kwargs):
        raise OperationalError(
            "INSERT INTO objectives (title) VALUES (%(title)s)",
            {"title": secret},
            psycopg.OperationalError("server closed the connection unexpectedly"),
        )

    monkeypatch.setattr(store_link, "send", dropped)
    monkeypatch.setattr(store_link, "read_pull", dropped)
    window = store_window(qtbot, plan, delay=lambda _n: 3_600_000)
    link = window.store.link
    assert link.publish(StoreAddress.parse(STORE_DOWN))
    qtbot.waitUntil(lambda: "is queued in the plan" in message(window))
    assert "cannot be reached now (OperationalError)" in message(window)
    assert secret not in message(window) and "INSERT" not in message(window)
    assert rows(plan, "SELECT last_error FROM publish_queue") == [("OperationalError",)]
    assert link.next_retry_ms() is not None  # retried, not refused
    assert not any(entry.refused for entry in link.retrying.values())
    assert link.pull(StoreAddress.parse(STORE_DOWN))
    qtbot.waitUntil(lambda: "Nothing was pulled" in message(window))
    assert secret not in message(window) and "INSERT" not in message(window)
    # A refusal stays a refusal.
    from okrdesk.store.errors import StoreError

    def refused(address, *_args, **_kwargs):
        raise StoreError("store.refused", address=address.shown, reason="no such role")

    monkeypatch.setattr(store_link, "send", refused)
    link.retry_now()
    qtbot.waitUntil(lambda: window.store.indicator.text() == "Store: refused")
    assert link.next_retry_ms() is None


# Closing waits for the store at most FINISH_MS; none of the window's work may outlast it.


@contextmanager
def store_locked(url):
    """Another session holds the store's version table (every publish and read checks it
    first): the store answers no statement of okrdesk's until it lets go."""
    engine = create_engine(url)
    try:
        with engine.connect() as holder:
            holder.execute(text("LOCK TABLE okrdesk_store_version IN ACCESS EXCLUSIVE MODE"))
            yield
            holder.rollback()
    finally:
        engine.dispose()


def test_the_windows_store_sessions_have_the_server_cancel_a_slow_statement(store):
    from okrdesk.store.connect import (
        CONNECT_TIMEOUT_SECONDS,
        WINDOW_LIMITS,
        SessionLimits,
        store_engine,
    )
    from okrdesk.ui.store_link import FINISH_MS

    # The address's own libpq options are kept beside the timeout.
    address = StoreAddress.parse(f"{store}?options=-c%20search_path%3Dpublic")
    engine = store_engine(address, limits=SessionLimits(statement_ms=300, give_up_ms=60_000))
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SHOW statement_timeout")).scalar() == "300ms"
            assert connection.execute(text("SHOW search_path")).scalar() == "public"
            started = time.monotonic()
            with pytest.raises(DBAPIError) as slow:
                connection.execute(text("SELECT pg_sleep(30)"))
            assert time.monotonic() - started < 10
            assert slow.value.orig.sqlstate == "57014"  # cancelled by the server
    finally:
        engine.dispose()
    # The command line sets none; the window's end within the wait of a closing plan, a
    # connection attempt included.
    engine = store_engine(StoreAddress.parse(store))
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SHOW statement_timeout")).scalar() == "0"
    finally:
        engine.dispose()
    assert WINDOW_LIMITS.most_ms < FINISH_MS
    assert WINDOW_LIMITS.give_up_ms > CONNECT_TIMEOUT_SECONDS * 1_000


def test_closing_while_a_publish_waits_on_a_stuck_store_ends_within_the_wait(
    qtbot, store, tmp_path, no_password
):
    from okrdesk.ui.store_link import FINISH_MS

    plan = department_plan(tmp_path / "stuck.okrdesk", unit="Audit", title="Audit OKRs")
    window = store_window(qtbot, plan, delay=lambda _n: 3_600_000)  # the window's own limits
    link = window.store.link
    with store_locked(store):
        ask(qtbot, window, window.publish_store_action, store)
        assert link.busy
        started = time.monotonic()
        window.close_plan()  # the publish waits for the lock: the server cancels it
        waited = time.monotonic() - started
    assert not link.working and window.session is None
    assert waited < FINISH_MS / 1_000 / 2, waited
    # Not lost: queued in the plan (its kind only), delivered by a later publish.
    assert rows(plan, "SELECT attempts, last_error FROM publish_queue") == [
        (1, "QueryCanceled (57014)")
    ]


def test_a_pull_from_a_stuck_store_ends_and_says_so(qtbot, store, tmp_path, no_password):
    plan = department_plan(tmp_path / "stuckpull.okrdesk", unit="Risk", title="Risk OKRs")
    window = store_window(qtbot, plan, delay=lambda _n: 3_600_000, limits=SessionLimits(300, 5_000))
    link = window.store.link
    try:
        with store_locked(store):
            ask(qtbot, window, window.pull_store_action, store)
            qtbot.waitUntil(lambda: not link.busy, timeout=10_000)
        assert "Nothing was pulled" in message(window)
        assert "QueryCanceled (57014)" in message(window)
    finally:
        window.close_plan()


def test_a_store_slow_on_every_statement_is_given_up_and_the_publish_queued(
    qtbot, pg_server, tmp_path, no_password
):
    slow = fresh_database(pg_server, "okrdesk_slow")
    assert cli.main(["store", "init", slow, "--lang", "en"]) == 0
    # Each of a publish's inserts of objectives and key results takes 0.4 s: answered, each
    # well within the statement's limit, but the publish as a whole runs on.
    sql(slow, "CREATE FUNCTION okr_slow() RETURNS trigger LANGUAGE plpgsql AS"
        " $$ BEGIN PERFORM pg_sleep(0.4); RETURN NULL; END $$")  # fmt: skip
    for table in ("objectives", "key_results"):
        sql(slow, f"CREATE TRIGGER slow BEFORE INSERT ON {table}"
            " FOR EACH STATEMENT EXECUTE FUNCTION okr_slow()")  # fmt: skip
    plan = department_plan(tmp_path / "slowly.okrdesk", unit="Payroll", title="Payroll OKRs")
    limits = SessionLimits(statement_ms=2_000, give_up_ms=300)
    window = store_window(qtbot, plan, delay=lambda _n: 3_600_000, limits=limits)
    link = window.store.link
    try:
        started = time.monotonic()
        ask(qtbot, window, window.publish_store_action, slow)
        qtbot.waitUntil(lambda: not link.busy, timeout=10_000)
        assert time.monotonic() - started < limits.most_ms / 1_000 + 1.5
        assert "cannot be reached now (StoreTooSlowError)" in message(window)
        assert rows(plan, "SELECT last_error FROM publish_queue") == [("StoreTooSlowError",)]
        assert sql(slow, "SELECT count(*) FROM workshops") == [(0,)]  # rolled back whole
    finally:
        window.close_plan()


def test_closing_while_a_publish_waits_on_a_silent_server_ends_within_the_wait(
    qtbot, store, tmp_path, no_password
):
    from okrdesk.ui.store_link import FINISH_MS

    plan = department_plan(tmp_path / "silent.okrdesk", unit="Treasury", title="Treasury OKRs")
    port = free_port()
    silent = Forwarder(port)  # takes the connection, never answers, never hangs up
    window = store_window(qtbot, plan, delay=lambda _n: 3_600_000)
    link = window.store.link
    try:
        ask(qtbot, window, window.publish_store_action, at_port(store, port))
        assert silent.arrived.wait(10) and link.busy
        started = time.monotonic()
        window.close_plan()
        waited = time.monotonic() - started
        assert not link.working and window.session is None
        assert waited < FINISH_MS / 1_000 / 2, waited
        ((attempts, error),) = rows(plan, "SELECT attempts, last_error FROM publish_queue")
        assert attempts == 1 and "timeout" in error
    finally:
        silent.close()


def test_closing_gives_up_a_long_status_read_and_leaves_no_log(qtbot, tmp_path, monkeypatch):
    from pathlib import Path

    from okrdesk.store import status

    plan = department_plan(tmp_path / "long.okrdesk", unit="Tax", title="Tax OKRs")
    queue_publish(plan)  # a status worth reading
    reading = threading.Event()
    real = status.publish_status

    def endless(session, *args):  # a read of minutes, as a huge plan's on a busy machine
        reading.set()
        session.execute(
            text(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                " WHERE i < 10000000000) SELECT count(*) FROM n"
            )
        ).scalar()
        return real(session, *args)

    monkeypatch.setattr(status, "publish_status", endless)
    window = store_window(qtbot, plan, delay=lambda _n: 3_600_000)
    assert reading.wait(10)
    link = window.store.link
    started = time.monotonic()
    window.close_plan()
    assert time.monotonic() - started < 5  # given up at once, not waited for 20 s
    assert not link.working
    assert not Path(f"{plan}-wal").exists()  # the reader gone, the log folded in
    monkeypatch.setattr(status, "publish_status", real)
    assert window.open_plan(plan)
    assert window.session.plan.recovery is None

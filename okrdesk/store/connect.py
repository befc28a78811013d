"""Reaching the store: its address (never with a password), the password, the engine.

The address is a PostgreSQL URL without a password (``postgresql://okr@db.example/okr``,
``?sslmode=require`` passes through to libpq). The password comes from the OS keyring
(service ``okrdesk-store``, the address's ``user@host:port/database`` as the name), else
from PGPASSWORD (libpq's own variable; libpq's ~/.pgpass works too). It is handed to the
driver as a connection argument, so it is in no URL okrdesk shows, writes or logs.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from okrdesk.store.errors import StoreError

KEYRING_SERVICE = "okrdesk-store"
# A store that does not answer within this is taken as unreachable (the publish is queued).
CONNECT_TIMEOUT_SECONDS = 5


@dataclass(frozen=True)
class SessionLimits:
    """How long one use of the store (a publish, a pull, a view) may take.

    ``statement_ms``: the server cancels a statement running longer (a lock held elsewhere,
    an overloaded server). ``give_up_ms``: after this (from the engine's making, the
    connection included) no statement is started any more. Together: the use is over
    within give_up_ms + statement_ms, and the commit after its last statement (not a statement
    the give-up sees, but under the same timeout) within one statement_ms more, whatever the
    server does short of hanging altogether.
    """

    statement_ms: int
    give_up_ms: int

    @property
    def most_ms(self) -> int:
        return self.give_up_ms + 2 * self.statement_ms  # the last statement, then the commit


# The window's: a publish, pull or view it started ends well before a closing plan stops
# waiting for it (store_link.FINISH_MS). The command line sets none: its user can interrupt.
WINDOW_LIMITS = SessionLimits(statement_ms=5_000, give_up_ms=8_000)


class StoreTooSlowError(Exception):
    """A use of the store went on past its SessionLimits.give_up_ms and was given up (its
    transaction rolled back): not a refusal, so a publish is queued and retried."""


# Query parameters of a libpq address that hold a secret.
SECRET_PARAMETERS = ("password", "sslpassword")


@dataclass(frozen=True)
class StoreAddress:
    """Where the store is: a PostgreSQL URL that holds no password."""

    url: URL

    @classmethod
    def parse(cls, text: str) -> StoreAddress:
        """The address in ``text``; refused if it is not PostgreSQL's or carries a password."""
        try:
            url = make_url(text)
        except (ArgumentError, ValueError) as error:
            raise StoreError("store.bad_address", address=text) from error
        if url.get_backend_name() != "postgresql" or not url.database:
            raise StoreError("store.bad_address", address=_without_password(url))
        # libpq takes a password from the query too (``?password=``), and the client key's
        # passphrase (``?sslpassword=``): refused the same way, so neither reaches the
        # settings, the plan's queue or a log.
        if url.password is not None or any(key in url.query for key in SECRET_PARAMETERS):
            raise StoreError("store.password_in_address", address=_without_password(url))
        return cls(url.set(drivername="postgresql+psycopg"))

    @property
    def shown(self) -> str:
        """The address as written in the plan's queue, in messages and logs."""
        return self.url.set(drivername="postgresql").render_as_string(hide_password=True)

    @property
    def keyring_name(self) -> str:
        """The name the keyring holds this store's password under."""
        url = self.url
        return f"{url.username or ''}@{url.host or ''}:{url.port or 5432}/{url.database}"


def _without_password(url: URL) -> str:
    return (
        url._replace(password=None)  # set() takes None as "unchanged"
        .difference_update_query(SECRET_PARAMETERS)
        .render_as_string(hide_password=True)
    )


def store_password(address: StoreAddress) -> str | None:
    """The store's password: the OS keyring's, else PGPASSWORD's, else none (trust, .pgpass)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        found = keyring.get_password(KEYRING_SERVICE, address.keyring_name)
    except KeyringError:  # no keyring on this machine (a server, a CI runner)
        found = None
    return found or os.environ.get("PGPASSWORD") or None


def remember_password(address: StoreAddress, password: str) -> None:
    """Keep the store's password in the OS keyring (``okrdesk store login``)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, address.keyring_name, password)
    except KeyringError as error:
        raise StoreError("store.no_keyring") from error


def forget_password(address: StoreAddress) -> None:
    """Drop the store's password from the OS keyring (the store refused it): the next
    publish or pull asks for it again instead of trying it again. Nothing kept: nothing done."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(KEYRING_SERVICE, address.keyring_name)
    except PasswordDeleteError:  # none was kept under that name
        pass
    except KeyringError as error:
        raise StoreError("store.no_keyring") from error


def store_engine(
    address: StoreAddress,
    timeout: int = CONNECT_TIMEOUT_SECONDS,
    password: str | None = None,
    limits: SessionLimits | None = None,
) -> Engine:
    """An engine on the store; the password, if any, goes to the driver, not into the URL.

    ``password``: one the facilitator typed in the window (kept in memory only), else the
    keyring's or PGPASSWORD's. ``limits``: see SessionLimits (the statement's limit is sent
    in the connection's start-up, no round trip of its own); make the engine for one use.
    """
    arguments: dict[str, str | int] = {"connect_timeout": timeout, "application_name": "okrdesk"}
    password = password or store_password(address)
    if password:
        arguments["password"] = password
    if limits is not None:
        arguments["options"] = _with_option(
            address.url.query.get("options"), f"-c statement_timeout={limits.statement_ms}"
        )
    engine = create_engine(address.url, connect_args=arguments, pool_pre_ping=True)
    if limits is not None:
        _give_up_after(engine, limits.give_up_ms)
    return engine


def _give_up_after(engine: Engine, give_up_ms: int) -> None:
    """No statement on the engine starts later than ``give_up_ms`` from now."""
    deadline = time.monotonic() + give_up_ms / 1_000

    def check(*_args: Any) -> None:
        if time.monotonic() > deadline:
            raise StoreTooSlowError(f"given up after {give_up_ms} ms")

    event.listen(engine, "before_cursor_execute", check)


def _with_option(given: str | tuple[str, ...] | None, option: str) -> str:
    """libpq's ``options`` of the address (``?options=...``) with one more: the connection
    argument replaces the address's, so the address's own are kept in it."""
    if isinstance(given, tuple):
        given = " ".join(given)
    return f"{given} {option}" if given else option

"""The room server on a thread of its own: started, serving, stopped, with any writer.

The window and the tests start a room with ``RoomService(writer, workshop_id).start()`` and
stop it with ``stop()``; both return once the server listens or has stopped. The server's
event loop runs on its own thread, so a slow phone never holds up the window, and the
writer decides where operations run (the window's Qt thread, or a thread of its own).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Protocol, TypeVar

from aiohttp import web

from okrdesk.engine.aspects import Actor
from okrdesk.engine.room_ops import OpenRoom
from okrdesk.room.addresses import ANY_ADDRESS, join_addresses, join_url
from okrdesk.room.heap import release_heap, settle_heap
from okrdesk.room.server import ROOM_KEY, Room, make_app
from okrdesk.room.writer import RoomWriter

T = TypeVar("T")
WAIT_SECONDS = 20.0
# On stopping, a request still running gets this long to finish; its phone retries it later.
SHUTDOWN_SECONDS = 2.0
# A connection that has not sent a whole request by then (silent, or its headers a byte at a
# time) is closed, as is one idle that long between requests: a phone's browser simply opens
# another. aiohttp's own default is an hour, long enough to hold every socket the laptop has.
IDLE_SECONDS = 15.0
# Connections the kernel holds for the server before it accepts them. aiohttp's default, 128,
# is less than a room's phones opening their first page at once (each browser opens several):
# the kernel drops the rest and their phones try again a second later. Each system caps it:
# Linux at net.core.somaxconn (4096 since 5.4), macOS at kern.ipc.somaxconn (128 unless
# raised), Windows at its own limit; asking for more than the cap is no error.
BACKLOG = 1024
# Turns of the loop a connection just accepted takes to reach the server: its transport made,
# the server told of it, its waiter woken (asyncio's _accept_connection2).
ACCEPT_TURNS = 4


class ServedWriter(RoomWriter, Protocol):
    """A writer the service starts on its loop before serving and closes after."""

    async def start(self) -> None: ...

    async def close(self) -> None: ...


@dataclass(frozen=True)
class RoomAddress:
    """Where phones join an open room: its code, its port and the addresses to try."""

    code: str
    port: int
    hosts: tuple[str, ...]

    @property
    def urls(self) -> tuple[str, ...]:
        """The join page's address on each of the laptop's networks."""
        return tuple(join_url(host, self.port, self.code) for host in self.hosts)


class RoomService:
    """``start()`` serves the workshop's room on a thread; ``stop()`` stops and joins it."""

    def __init__(
        self,
        writer: ServedWriter,
        workshop_id: int,
        host: str = ANY_ADDRESS,
        port: int = 0,
    ) -> None:
        self.writer = writer
        self.workshop_id = workshop_id
        self.host = host
        self.port = port
        self.address: RoomAddress | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._room: Room | None = None
        self._listening: socket.socket | None = None

    @property
    def running(self) -> bool:
        return self.address is not None

    def start(self, code: str | None = None) -> RoomAddress:
        """Open the room (give it its code, unless its owner did) and listen; the addresses
        phones join at.

        Raises what opening refused (an OkrdeskError) or OSError when the port is taken;
        nothing is left running then.
        """
        if self.address is not None:
            return self.address
        settle_heap()  # before the phones come: the collector's pauses stay short
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="okrdesk-room", daemon=True
        )
        self._thread.start()
        try:
            self.address = self._run(self._start(code))
        except BaseException:
            self._finish()
            release_heap()
            raise
        return self.address

    def present(self) -> frozenset[str]:
        """The token hashes of the phones in the room now (from any thread)."""
        room = self._room
        return frozenset() if room is None else room.presence.present()

    def stop(self) -> None:
        """Stop listening, close the phones' connections and the writer; join the thread."""
        if self._loop is None:
            return
        try:
            self._run(self._stop())
        finally:
            self._finish()
            release_heap()

    def call(self, work: Coroutine[None, None, T], timeout: float = WAIT_SECONDS) -> T:
        """Run a coroutine on the room's loop (where the room hears of every change) and
        wait for its answer: the facilitator's operations through the room's writer."""
        if self._loop is None:
            work.close()
            raise RuntimeError("the room is not running")
        return asyncio.run_coroutine_threadsafe(work, self._loop).result(timeout)

    def _run(self, work: Coroutine[None, None, T]) -> T:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(work, self._loop).result(WAIT_SECONDS)

    def _finish(self) -> None:
        loop, thread = self._loop, self._thread
        self._loop = self._thread = None
        self.address = None
        if loop is None or thread is None:
            return
        loop.call_soon_threadsafe(loop.stop)
        thread.join(WAIT_SECONDS)
        if not thread.is_alive():
            loop.close()

    async def _start(self, code: str | None) -> RoomAddress:
        await self.writer.start()
        try:
            if code is None:
                code = (await self.writer.submit(OpenRoom(self.workshop_id), Actor.ROOM)).result
            app = make_app(self.writer, self.workshop_id, code)
            self._room = app[ROOM_KEY]
            self._runner = web.AppRunner(
                app,
                handle_signals=False,
                shutdown_timeout=SHUTDOWN_SECONDS,
                keepalive_timeout=IDLE_SECONDS,
            )
            await self._runner.setup()
            self._listening = _listen(self.host, self.port)
            await web.SockSite(self._runner, self._listening, backlog=BACKLOG).start()
        except BaseException:
            await self._stop()
            raise
        port = self._listening.getsockname()[1]
        return RoomAddress(code, port, tuple(join_addresses(self.host)))

    async def _stop(self) -> None:
        runner, self._runner, self._room = self._runner, None, None
        listening, self._listening = self._listening, None
        try:
            if runner is not None:
                if listening is not None:
                    # Accept no more, then let the connections just accepted reach the
                    # server before it closes: one whose transport is made after the close
                    # is refused by asyncio half-made and left open (Python 3.11).
                    with contextlib.suppress(NotImplementedError):  # Windows' proactor
                        asyncio.get_running_loop().remove_reader(listening.fileno())
                    for _ in range(ACCEPT_TURNS):
                        await asyncio.sleep(0)
                await runner.cleanup()  # the connections queued in the kernel are refused
        finally:
            if listening is not None:
                listening.close()
            await self.writer.close()


def _listen(host: str, port: int) -> socket.socket:
    """The room's listening socket, IPv4 or IPv6 as the address is (the room stops reading
    it before the server closes)."""
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    return socket.create_server((host, port), family=family[0][0], backlog=BACKLOG)

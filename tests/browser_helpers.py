"""The room server on a real port in a thread of its own, and the system's Chromium, for
tests/test_room_browser.py and tools/phone_shots.py.

Playwright drives Debian's Chromium (``/usr/bin/chromium``, installed by .ci/run); it never
downloads a browser of its own. The room runs in-process: an event loop on a thread serves
``make_app`` on 127.0.0.1 port 0 with the ``HeadlessWriter`` on the plan file.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from collections.abc import Coroutine
from pathlib import Path
from types import TracebackType

from aiohttp import web

from okrdesk.engine.aspects import Actor
from okrdesk.engine.operation import Operation
from okrdesk.engine.room_ops import OpenRoom
from okrdesk.room.server import make_app
from okrdesk.room.writer import HeadlessWriter

START_SECONDS = 20.0


def chromium_path() -> str | None:
    """The system's Chromium, or None when this machine has none."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


class RoomThread:
    """``with RoomThread(plan, workshop) as room:`` serves the room at ``room.address``."""

    def __init__(self, path: Path, workshop_id: int) -> None:
        self.path = path
        self.workshop_id = workshop_id
        self.address = ""
        self.code = ""
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._writer = HeadlessWriter(path)
        self._runner: web.AppRunner | None = None

    def __enter__(self) -> RoomThread:
        self._thread.start()
        self._run(self._start())
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            self._run(self._stop())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(START_SECONDS)
            self._loop.close()

    def _run(self, work: Coroutine[None, None, None]) -> None:
        asyncio.run_coroutine_threadsafe(work, self._loop).result(START_SECONDS)

    def facilitator(self, *operations: Operation) -> None:
        """Run the facilitator's operations through the room's writer, as the window would
        (the phones hear of each change over their WebSocket)."""

        async def submit() -> None:
            for operation in operations:
                await self._writer.submit(operation, Actor.FACILITATOR)

        self._run(submit())

    async def _start(self) -> None:
        await self._writer.start()
        change = await self._writer.submit(OpenRoom(self.workshop_id), Actor.FACILITATOR)
        self.code = change.result
        self._runner = web.AppRunner(make_app(self._writer, self.workshop_id, self.code))
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        port = next(port for _host, port, *_rest in self._runner.addresses)
        self.address = f"http://127.0.0.1:{port}/r/{self.code}/"

    async def _stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        await self._writer.close()

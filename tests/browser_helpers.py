"""The room server on a real port in a thread of its own, and the system's Chromium, for
tests/test_room_browser.py and tools/phone_shots.py.

Playwright drives Debian's Chromium (``/usr/bin/chromium``, installed by .ci/run); it never
downloads a browser of its own. The room runs in-process, as ``okrdesk room`` runs it:
``RoomService`` on 127.0.0.1 port 0 with the ``HeadlessWriter`` on the plan file.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from okrdesk.engine.aspects import Actor
from okrdesk.engine.operation import Operation
from okrdesk.room.serving import RoomService
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


def until(page: Any, condition: Callable[[], bool]) -> None:
    """Let the page's events reach the test (a route's handler) until the condition holds."""
    for _ in range(100):
        if condition():
            return
        page.wait_for_timeout(50)
    raise AssertionError("the condition never held")


def tap_with_replies_lost(page: Any, address: str, tap: Callable[[], None]) -> list[str]:
    """Tap while the laptop gets what the page sends to ``address`` (a pattern) but its
    replies never reach the phone; the page's own two retries run out. The Idempotency-Key
    of each of the three sends; replies come through again afterwards."""
    sent: list[str] = []
    pattern = re.compile(address)

    def reply_lost(route: Any) -> None:
        route.fetch()
        sent.append(route.request.headers["idempotency-key"])
        route.abort()

    page.route(pattern, reply_lost)
    tap()
    page.clock.run_for(2000)  # the page's own two retries
    until(page, lambda: len(sent) == 3)
    page.unroute(pattern)
    return sent


class RoomThread:
    """``with RoomThread(plan, workshop) as room:`` serves the room at ``room.address``
    (``RoomService`` on 127.0.0.1, the headless writer), as ``okrdesk room`` serves it."""

    def __init__(self, path: Path, workshop_id: int) -> None:
        self.path = path
        self.workshop_id = workshop_id
        self.address = ""
        self.code = ""
        self._writer = HeadlessWriter(path)
        self._service = RoomService(self._writer, workshop_id, "127.0.0.1")

    def __enter__(self) -> RoomThread:
        opened = self._service.start()
        self.code = opened.code
        (self.address,) = opened.urls
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._service.stop()

    def facilitator(self, *operations: Operation) -> None:
        """Run the facilitator's operations through the room's writer, as the window would
        (the phones hear of each change over their WebSocket)."""

        async def submit() -> None:
            for operation in operations:
                await self._writer.submit(operation, Actor.FACILITATOR)

        self._service.call(submit())

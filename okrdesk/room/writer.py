"""The one writer: every write the room server makes goes through it, one at a time.

The server never opens a writing connection of its own. Headless (``okrdesk room``), the
writer owns the plan and its PlanEditor on one thread of its own; inside the window, the
writer runs operations on the window's PlanSession (the Qt thread: okrdesk/ui/room_writer.py),
so a phone's write and the facilitator's never interleave. Views are read beside the writer,
on reader threads, from what is committed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from sqlalchemy.orm import Session

from okrdesk.engine.aspects import Actor
from okrdesk.engine.changes import Change
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.operation import Operation
from okrdesk.errors import OkrdeskError
from okrdesk.models.planfile import PlanFile
from okrdesk.models.types import utc_now

READERS = 2  # threads reading views (SQLite's WAL lets them read beside the writer)
P = ParamSpec("P")
T = TypeVar("T")

ChangeListener = Callable[[Change], None]


class RoomWriter(Protocol):
    """What the room server needs of whoever owns the plan: writes, reads and change news."""

    async def submit(self, operation: Operation, actor: Actor = Actor.PHONE) -> Change:
        """Run the operation after every one submitted before it; its change, or its refusal."""
        ...

    async def view(
        self, build: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """An engine view of the plan as the writer has it now."""
        ...

    def listen(self, listener: ChangeListener) -> None:
        """Call the listener (on the server's event loop) with every change, whoever made it."""
        ...

    def now(self) -> datetime:
        """The time the views are built for."""
        ...


class HeadlessWriter:
    """The writer without a window: the plan and its editor live on one thread of their own."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="okrdesk-writer")
        self._readers = ThreadPoolExecutor(READERS, thread_name_prefix="okrdesk-room-reader")
        self._plan: PlanFile | None = None
        self._editor: PlanEditor | None = None
        self._listeners: list[ChangeListener] = []
        self._waiting: list[tuple[Operation, Actor, asyncio.Future[Change]]] = []
        self._draining: asyncio.Task[None] | None = None
        self.groups = 0  # groups of writes applied together so far (the tests and benchmark)

    async def start(self) -> None:
        """Open the plan on the writer's thread (SQLite connections stay on the thread)."""
        await asyncio.get_running_loop().run_in_executor(self._thread, self._open)

    def _open(self) -> None:
        self._plan = PlanFile.open(self.path)
        self._editor = PlanEditor(self._plan)

    async def close(self) -> None:
        """Close the plan (everything acknowledged is already committed) and the thread."""
        if self._draining is not None:
            await self._draining  # the writes already handed over are answered first
        self._readers.shutdown(wait=True)
        await asyncio.get_running_loop().run_in_executor(self._thread, self._close)
        self._thread.shutdown(wait=True)

    def _close(self) -> None:
        if self._plan is not None:
            self._plan.close()
        self._plan = self._editor = None

    def _ready(self) -> PlanEditor:
        if self._editor is None:
            raise RuntimeError("the writer is not started")
        return self._editor

    async def submit(self, operation: Operation, actor: Actor = Actor.PHONE) -> Change:
        """Queue the operation; the writes waiting when the writer's thread comes free are
        applied together (``PlanEditor.apply_together``): one commit for them all."""
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[Change] = loop.create_future()
        self._waiting.append((operation, actor, answer))
        if self._draining is None:
            self._draining = loop.create_task(self._drain())
        return await answer

    async def _drain(self) -> None:
        """Apply what waits, group by group, until nothing does; then tell the listeners."""
        loop = asyncio.get_running_loop()
        try:
            while self._waiting:
                group, self._waiting = self._waiting, []
                self.groups += 1
                work = [(operation, actor) for operation, actor, _answer in group]
                answers: list[Change | Exception]
                try:
                    answers = list(await loop.run_in_executor(self._thread, self._apply, work))
                except Exception as failure:  # the file itself failed: nothing was changed
                    answers = [failure] * len(group)
                for (_operation, _actor, answer), outcome in zip(group, answers, strict=True):
                    if answer.done():  # the phone's request went away meanwhile
                        continue
                    if isinstance(outcome, Change):
                        answer.set_result(outcome)
                    else:
                        answer.set_exception(outcome)
                for outcome in answers:
                    if isinstance(outcome, Change) and outcome.rows:
                        for listener in list(self._listeners):
                            listener(outcome)
        finally:
            self._draining = None

    def _apply(self, work: list[tuple[Operation, Actor]]) -> list[Change | OkrdeskError]:
        return self._ready().apply_together(work)

    async def view(
        self, build: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Read on the reader threads, beside the writer: what is committed."""
        editor = self._ready()
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._readers, lambda: editor.committed_view(build, *args, **kwargs)
        )

    def listen(self, listener: ChangeListener) -> None:
        self._listeners.append(listener)

    def now(self) -> datetime:
        return utc_now()

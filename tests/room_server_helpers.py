"""The room server under test: a phone's calls through aiohttp's test client against
make_app on a copy of a plan, read back from the plan file with sqlite3 (tests/test_room_*)."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol, TypeVar

from aiohttp.test_utils import TestClient

from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.room_ops import OpenRoom
from okrdesk.models import Phase
from okrdesk.models.planfile import PlanFile
from okrdesk.room.server import make_app
from okrdesk.room.writer import HeadlessWriter


@dataclass
class Built:
    """A plan being built: ``do`` applies an operation; the company, cycle and workshop."""

    do: Callable[[Any], Any]
    cycle: int
    company: int
    workshop: int
    people: dict[str, int]


@contextmanager
def brainstorming(path: Path, empty_plan_bytes: bytes) -> Iterator[Built]:
    """A plan at path: Northstar's management meeting brainstorming with Ana, Bo and 陈."""
    path.write_bytes(empty_plan_bytes)
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan)

        def do(operation: Any) -> Any:
            return editor.apply(operation).result

        cycle = do(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)))
        company = do(ops.CreateUnit("Northstar"))
        workshop = do(ops.CreateWorkshop(company, cycle, "Management meeting"))
        people = {name: do(ops.AddParticipant(workshop, name)) for name in ("Ana", "Bo", "陈")}
        do(ops.ChangePhase(workshop, Phase.BRAINSTORM))
        yield Built(do, cycle, company, workshop, people)


class Plan(Protocol):
    """A plan built for a test module: its file, its workshop and its people by name."""

    path: Path
    workshop: int
    people: dict[str, int]


PlanT = TypeVar("PlanT", bound=Plan)


def copy_plan(built: PlanT, folder: Path) -> PlanT:
    """A copy of the module's built plan for one test."""
    path = folder / "plan.okrdesk"
    path.write_bytes(built.path.read_bytes())
    return replace(built, path=path)  # type: ignore[type-var]


@dataclass
class Room:
    client: TestClient
    writer: HeadlessWriter
    code: str
    plan: Any  # the module's Plan

    def url(self, path: str, code: str | None = None) -> str:
        return f"/r/{code or self.code}/{path}"

    async def token(self, name: str) -> str:
        """Join as this person; the phone's token."""
        return str((await self.join(name))["token"])

    async def join(self, name: str) -> dict[str, Any]:
        response = await self.client.post(
            self.url("api/join"), json={"participant_id": self.plan.people[name]}
        )
        assert response.status == 200, await response.text()
        return await response.json()

    async def call(
        self,
        method: str,
        path: str,
        token: str,
        *,
        key: str | None = None,
        lang: str = "en",
        **json: Any,
    ) -> tuple[int, dict[str, Any]]:
        headers = {"Authorization": f"Bearer {token}"}
        if key is not None:
            headers["Idempotency-Key"] = key
        response = await self.client.request(
            method,
            self.url(path) + f"?lang={lang}",
            headers=headers,
            json=json if json else None,
        )
        return response.status, await response.json()

    async def add(self, token: str, text: str, key: str) -> tuple[int, dict[str, Any]]:
        return await self.call("POST", "api/ideas", token, key=key, text=text)

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """Read back from the plan file itself, through a connection of its own."""
        db = sqlite3.connect(f"{self.plan.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return db.execute(sql).fetchall()
        finally:
            db.close()


def seconds() -> Callable[[], float]:
    """A clock one second later on every call: never rate-limited."""
    return itertools.count().__next__  # type: ignore[return-value]


RoomT = TypeVar("RoomT", bound="Room")


async def open_room(
    aiohttp_client: Callable[..., Any],
    plan: Plan,
    clock: Callable[[], float],
    room: type[RoomT],
) -> AsyncIterator[RoomT]:
    """The plan's room open on a test client, closed after."""
    writer = HeadlessWriter(plan.path)
    await writer.start()
    try:
        code = (await writer.submit(OpenRoom(plan.workshop), Actor.FACILITATOR)).result
        client = await aiohttp_client(make_app(writer, plan.workshop, code, clock=clock))
        yield room(client, writer, code, plan)
    finally:
        await writer.close()

"""The phones of benchmarks/room_load.py: a crowd of aiohttp clients behaving like the page.

Run as ``python -m benchmarks.phone_crowd`` by the benchmark, in a process of its own (the
phones are other devices: their work must not share the room server's interpreter). It reads
one JSON line of orders on stdin, joins every phone, adds the ideas, prints one JSON line,
waits for ``vote`` on stdin (the facilitator moves the room to voting), casts the dots, and
prints the results as a last JSON line.

Each phone does what ``resources/room/room.js`` does: it reads ``api/people``, joins, opens
the WebSocket and sends its token; it reads ``api/state`` (and ``api/ballot`` in the vote)
after each of its own writes and on every "changed" notice; every write, the join included,
carries an ``Idempotency-Key``. A phone sends its next write once its previous one was acknowledged
(at ``pace`` 0: at once; at 1 after a person's pause, ``TYPING_SECONDS`` before an idea,
``TAPPING_SECONDS`` before a dot); after a dot it waits for its refreshed page first, as the
page's dot buttons do. What it
does not do like the page: a notice that arrives while its page is refreshing queues one
more refresh instead of starting a second one at once (``coalesce``; ``page`` overlaps them
as room.js does today).
"""

from __future__ import annotations

import asyncio
import json
import random
import secrets
import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from aiohttp import ClientSession, ClientTimeout, TCPConnector, WSMsgType

REQUEST_SECONDS = 60.0
# A person's pace (``pace``): seconds typing an idea, and between tapping one dot and the next.
TYPING_SECONDS = (2.0, 6.0)
TAPPING_SECONDS = (0.5, 2.0)


@dataclass(frozen=True)
class Orders:
    """What the crowd does: where, as whom, how many of each write, how pages refresh."""

    base: str  # http://127.0.0.1:PORT/r/CODE/
    people: list[int]  # one participant a phone
    ideas: int
    dots: int
    refresh: str  # "coalesce", "page" or "none"
    retry_every: int  # every n-th phone sends its first idea and first dot twice (same key)
    seconds: float  # the whole run's bound
    # 0: each write as soon as the last was acknowledged; 1: a person's pace (a smoke run
    # takes a fraction of it)
    pace: float


@dataclass
class Write:
    """One write as the phone saw it: sent to acknowledged."""

    kind: str  # "idea" or "dot"
    phone: int  # its participant
    key: str
    status: int
    answer: Any  # the "id" answered
    ms: float
    retry: bool = False
    target: int | None = None  # the objective of a dot


@dataclass
class Tally:
    writes: list[Write] = field(default_factory=list)
    reads: int = 0
    read_ms: list[float] = field(default_factory=list)
    notices: int = 0
    errors: list[str] = field(default_factory=list)


class Phone:
    """One phone: its session, token, socket and page refreshes."""

    def __init__(self, orders: Orders, number: int, participant: int, tally: Tally) -> None:
        self.orders = orders
        self.participant = participant
        self.tally = tally
        self.token = ""
        self.phase = ""
        self.candidates: list[int] = []
        self._http = ClientSession(
            # A browser's connections to one host, from the phone's own address.
            connector=TCPConnector(limit=6, local_addr=phone_address(number)),
            timeout=ClientTimeout(total=REQUEST_SECONDS),
        )
        self._socket_task: asyncio.Task[None] | None = None
        self._refreshing: asyncio.Task[None] | None = None
        self._again = False
        self._tasks: set[asyncio.Task[None]] = set()
        self.ready = asyncio.Event()
        self._person = random.Random(number)  # the same pace for this phone in every run

    async def think(self, seconds: tuple[float, float]) -> None:
        """A person's pause before their next write (none when the phones go at once)."""
        if self.orders.pace:
            await asyncio.sleep(self._person.uniform(*seconds) * self.orders.pace)

    def _headers(self, key: str | None = None) -> dict[str, str]:
        headers = {"Accept": "application/json", "Authorization": f"Bearer {self.token}"}
        if key is not None:
            headers["Idempotency-Key"] = key
        return headers

    async def _get(self, path: str) -> Any:
        start = time.perf_counter()
        async with self._http.get(self.orders.base + path, headers=self._headers()) as reply:
            data = await reply.json()
            if reply.status != 200:
                self.tally.errors.append(f"GET {path}: {reply.status} {data}")
        self.tally.reads += 1
        self.tally.read_ms.append((time.perf_counter() - start) * 1000)
        return data

    async def join(self) -> None:
        await self._get("api/people")
        async with self._http.post(
            self.orders.base + "api/join",
            json={"participant_id": self.participant},
            headers={"Idempotency-Key": secrets.token_hex(16)},  # as the page joins
        ) as reply:
            data = await reply.json()
            if reply.status != 200:
                raise RuntimeError(f"join refused: {reply.status} {data}")
        self.token = data["token"]
        if self.orders.refresh != "none":
            self._socket_task = asyncio.create_task(self._listen())
            await self.ready.wait()
        else:
            self.ready.set()

    async def _listen(self) -> None:
        async with self._http.ws_connect(self.orders.base + "ws") as socket:
            await socket.send_json({"token": self.token})
            self.ready.set()
            async for message in socket:
                if message.type != WSMsgType.TEXT:
                    break
                self.tally.notices += 1
                self.refresh_soon()

    def refresh_soon(self) -> None:
        """What the page does on a notice: read its state again."""
        if self.orders.refresh == "none":
            return
        if self.orders.refresh == "page":
            task = asyncio.create_task(self._refresh())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            return
        if self._refreshing is not None and not self._refreshing.done():
            self._again = True
            return
        self._refreshing = asyncio.create_task(self._refresh_coalesced())

    async def _refresh_coalesced(self) -> None:
        while True:
            self._again = False
            await self._refresh()
            if not self._again:
                return

    async def _refresh(self) -> None:
        state = await self._get("api/state")
        self.phase = state.get("phase", "")
        if self.phase == "vote":
            ballot = await self._get("api/ballot")
            self.candidates = [c["objective_id"] for c in ballot.get("candidates", ())]

    async def write(
        self, kind: str, path: str, body: dict[str, Any], key: str, retry: bool = False
    ) -> Write:
        start = time.perf_counter()
        async with self._http.post(
            self.orders.base + path, json=body, headers=self._headers(key)
        ) as reply:
            data = await reply.json()
            status = reply.status
        ms = (time.perf_counter() - start) * 1000
        if status != 200:
            self.tally.errors.append(f"POST {path}: {status} {data}")
        done = Write(kind, self.participant, key, status, data.get("id"), ms, retry)
        self.tally.writes.append(done)
        return done

    async def add_ideas(self, number: int) -> None:
        retry = self.orders.retry_every > 0 and number % self.orders.retry_every == 0
        for n in range(self.orders.ideas):
            await self.think(TYPING_SECONDS)
            key = secrets.token_hex(16)
            body = {"text": f"想法 {self.participant}-{n}：让客户更快看到价值"}
            await self.write("idea", "api/ideas", body, key)
            if retry and n == 0:  # its reply "lost": the same request again
                await self.write("idea", "api/ideas", body, key, retry=True)
            self.refresh_soon()  # the page refreshes; the person types the next idea

    async def cast_dots(self, number: int) -> None:
        if self.orders.refresh == "none" or not self.candidates:
            await self._refresh()  # the ballot the person sees
        retry = self.orders.retry_every > 0 and number % self.orders.retry_every == 0
        candidates = self.candidates
        for n in range(self.orders.dots):
            # Spread over the ballot, within the cap: a dot on each of five candidates.
            target = candidates[(number + n) % len(candidates)]
            await self.think(TAPPING_SECONDS)
            key = secrets.token_hex(16)
            body = {"objective_id": target}
            done = await self.write("dot", "api/dots", body, key)
            done.target = target
            if retry and n == 0:
                again = await self.write("dot", "api/dots", body, key, retry=True)
                again.target = target
            if self.orders.refresh != "none":
                await self._refresh()  # the dot buttons wait for the page to show the dot

    async def settle(self) -> None:
        """Wait for the page's refreshes in flight."""
        while self._tasks or (self._refreshing is not None and not self._refreshing.done()):
            pending = list(self._tasks)
            if self._refreshing is not None:
                pending.append(self._refreshing)
            await asyncio.gather(*pending, return_exceptions=True)

    async def close(self) -> None:
        if self._socket_task is not None:
            self._socket_task.cancel()
        await self._http.close()


def phone_address(number: int) -> tuple[str, int]:
    """Where a phone's requests come from: an address of its own, as phones in a room have.

    The room limits joins and reads per address; every 127.x.y.z is the loopback on Linux
    and Windows (macOS answers only 127.0.0.1 unless more are aliased on lo0).
    """
    return (f"127.1.{number // 250}.{number % 250 + 1}", 0)


async def _line() -> str:
    return (await asyncio.to_thread(sys.stdin.readline)).strip()


def _say(data: dict[str, Any]) -> None:
    print(json.dumps(data), flush=True)


async def crowd(orders: Orders) -> None:
    tally = Tally()
    phones = [Phone(orders, n, person, tally) for n, person in enumerate(orders.people)]
    try:
        await asyncio.gather(*(phone.join() for phone in phones))
        await asyncio.gather(*(phone.ready.wait() for phone in phones))
        start = time.perf_counter()
        await asyncio.gather(*(phone.add_ideas(n) for n, phone in enumerate(phones)))
        await asyncio.gather(*(phone.settle() for phone in phones))
        _say({"stage": "ideas", "seconds": time.perf_counter() - start})
        if await _line() != "vote":
            raise RuntimeError("the facilitator did not open the vote")
        start = time.perf_counter()
        # Each phone waits until its page shows the ballot (the vote's notice and refresh).
        for phone in phones:
            if orders.refresh != "none":
                while phone.phase != "vote" or not phone.candidates:
                    phone.refresh_soon()
                    await phone.settle()
        await asyncio.gather(*(phone.cast_dots(n) for n, phone in enumerate(phones)))
        await asyncio.gather(*(phone.settle() for phone in phones))
        _say(
            {
                "stage": "done",
                "seconds": time.perf_counter() - start,
                "writes": [asdict(w) for w in tally.writes],
                "reads": tally.reads,
                "read_ms": tally.read_ms,
                "notices": tally.notices,
                "errors": tally.errors[:20],
                "error_count": len(tally.errors),
            }
        )
    finally:
        await asyncio.gather(*(phone.close() for phone in phones))


def main() -> int:
    orders = Orders(**json.loads(sys.stdin.readline()))
    asyncio.run(asyncio.wait_for(crowd(orders), orders.seconds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

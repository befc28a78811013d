"""200 phones in one room (issue 14's load figure): request sent to acknowledgement received.

A workshop brainstorming with 200 participants; its room served as in the app (the room
server's event loop on a thread of its own, the one writer owning the plan). 200 phones
(benchmarks/phone_crowd.py, aiohttp clients in a process of their own, loopback only) join,
each adds 3 ideas; the facilitator moves the workshop to voting (grouping a dozen cards into
candidates, through the writer as the facilitator); then each casts 5 dots. Two figures:
*at once* (every phone sends its next write the moment the last was acknowledged: the
issue's burst) and *at a person's pace* (seconds typing an idea, a second or so between
dots). Every phone behaves like the page: it reads its state after its own writes and on the
room's notices (see phone_crowd.py for exactly what it does, and where it is kinder).

One run is one such room from a fresh copy of the plan; the figure of a run is the p99 over
its 1,600 acknowledgements (the harness's p50/p95 are over runs; each run's p50, p95, p99,
lost and duplicated are printed as it ends). The rate limit (10 writes a second a phone) is
never reached: a phone writes at most 10 times in a run; each phone joins and reads from an
address of its own (every 127.x.y.z is the loopback on Linux and Windows; macOS needs them
aliased on lo0), as phones in a room do, so the per-address limits on joins and reads are
never reached either. After each run the plan
file is read back with sqlite3: an idea or dot acknowledged but not in the file is *lost*,
one in the file more often than acknowledged is *duplicated*; every tenth phone sends its
first idea and its first dot twice with the same Idempotency-Key, as a phone whose reply was
lost does. Either count above zero fails the figure, smoke or not.

The baseline, in the same run: the same crowd against a bare aiohttp server (no writer, no
plan: it parses each request's JSON and answers, and pushes notices after writes as the
room does, at most one every PUSH_SECONDS a phone), so the figure shows what the writer and
the plan add to aiohttp, loopback and the phones themselves.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import queue
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any, TypeVar

from aiohttp import WSMsgType, web
from sqlalchemy import select
from sqlalchemy.orm import Session

from benchmarks.core import Benchmark, Setup, Step, Target, percentile, sized
from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor
from okrdesk.engine.editor import PlanEditor
from okrdesk.models import Idea, Phase
from okrdesk.models.planfile import PlanFile
from okrdesk.room.server import PUSH_SECONDS
from okrdesk.room.serving import BACKLOG, RoomService
from okrdesk.room.writer import HeadlessWriter, RoomWriter

T = TypeVar("T")

PHONES = 200
IDEAS = 3  # each phone
DOTS = 5  # each phone: the workshop's default budget, one on each of five candidates
CANDIDATES = 12  # cards the facilitator makes candidates of before the vote
RETRY_EVERY = 10  # every tenth phone sends a write twice, the same key
RUN_SECONDS = 300.0  # the crowd's bound: a run that takes longer fails
WAIT_SECONDS = 30.0
HOST = "127.0.0.1"  # loopback only
SMOKE_PACE = 0.05  # a smoke run's people think a twentieth as long
REFRESH = "coalesce"  # how phones refresh on notices (benchmarks/phone_crowd.py)


def write_room_plan(path: Path, participants: int) -> tuple[int, list[int]]:
    """A workshop brainstorming with this many participants; its id and the participants."""
    with PlanFile.create(path, "Bench Co") as plan:
        editor = PlanEditor(plan)
        with editor.batch("op.generic"):
            cycle = editor.apply(
                ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31))
            ).result
            unit = editor.apply(ops.CreateUnit("Bench Co")).result
            workshop = editor.apply(ops.CreateWorkshop(unit, cycle, "全员共创会")).result
            people = [
                editor.apply(ops.AddParticipant(workshop, f"参与者 {n}")).result
                for n in range(participants)
            ]
            editor.apply(ops.ChangePhase(workshop, Phase.BRAINSTORM))
    return workshop, people


class ServerThread:
    """An event loop on a thread of its own serving an app, as the window serves its room."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="okrdesk-room")
        self._runner: web.AppRunner | None = None
        self.port = 0

    def __enter__(self) -> ServerThread:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        try:
            if self._runner is not None:
                self.run(self._runner.cleanup())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(WAIT_SECONDS)
            self.loop.close()

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(work, self.loop).result(WAIT_SECONDS)

    def serve(self, make: Callable[[], web.Application]) -> int:
        """Serve the app made on the server's loop, on a free loopback port; the port."""

        async def start() -> int:
            self._runner = web.AppRunner(make(), handle_signals=False)
            await self._runner.setup()
            await web.TCPSite(self._runner, HOST, 0, backlog=BACKLOG).start()
            return int(next(port for _host, port, *_rest in self._runner.addresses))

        self.port = self.run(start())
        return self.port


def bare_app() -> web.Application:
    """The baseline: the room's routes answered by parsing the JSON and nothing else."""
    sockets: set[web.WebSocketResponse] = set()
    numbers = iter(range(1, 1 << 30))
    state = {"phase": "brainstorm", "cards": []}
    ballot = {"candidates": [{"objective_id": n} for n in range(1, CANDIDATES + 1)]}

    async def answer(data: object) -> web.Response:
        return web.json_response(data)

    async def people(_request: web.Request) -> web.Response:
        return await answer({"people": []})

    async def join(request: web.Request) -> web.Response:
        await request.json()
        return await answer({"token": f"t{next(numbers)}", "name": "", "pending": False})

    async def read_state(_request: web.Request) -> web.Response:
        return await answer(state)

    async def read_ballot(_request: web.Request) -> web.Response:
        return await answer(ballot)

    pushing: set[web.WebSocketResponse] = set()
    again: set[web.WebSocketResponse] = set()
    tasks: set[asyncio.Task[None]] = set()

    async def push(socket: web.WebSocketResponse) -> None:
        # As the room pushes: at once, then at most once more every PUSH_SECONDS.
        try:
            while True:
                again.discard(socket)
                if not socket.closed:
                    with contextlib.suppress(ConnectionResetError):  # a phone gone meanwhile
                        await socket.send_str('{"type": "changed"}')
                await asyncio.sleep(PUSH_SECONDS)
                if socket not in again or socket not in sockets:
                    return
        finally:
            pushing.discard(socket)

    async def write(request: web.Request) -> web.Response:
        body = await request.json()
        for socket in list(sockets):
            if socket in pushing:
                again.add(socket)
                continue
            pushing.add(socket)
            task = asyncio.get_running_loop().create_task(push(socket))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        return await answer({"id": body.get("objective_id", next(numbers))})

    async def vote(_request: web.Request) -> web.Response:
        state["phase"] = "vote"
        for socket in list(sockets):
            await socket.send_str('{"type": "changed"}')
        return await answer({})

    async def socket(request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.receive_json()
        sockets.add(ws)
        await ws.send_str('{"type": "changed"}')
        try:
            async for message in ws:
                if message.type == WSMsgType.ERROR:
                    break
        finally:
            sockets.discard(ws)
        return ws

    async def close(_app: web.Application) -> None:
        for ws in list(sockets):
            await ws.close()

    app = web.Application()
    app.on_shutdown.append(close)
    app.router.add_get("/r/bare/api/people", people)
    app.router.add_post("/r/bare/api/join", join)
    app.router.add_get("/r/bare/api/state", read_state)
    app.router.add_get("/r/bare/api/ballot", read_ballot)
    app.router.add_post("/r/bare/api/ideas", write)
    app.router.add_post("/r/bare/api/dots", write)
    app.router.add_post("/r/bare/vote", vote)
    app.router.add_get("/r/bare/ws", socket)
    return app


@dataclass(frozen=True)
class Run:
    """One room's run: each first write's milliseconds, and what the file holds of them."""

    ideas: tuple[float, ...]  # milliseconds, request sent to acknowledgement
    dots: tuple[float, ...]
    retries: int  # writes sent a second time with the same key (not in the figures)
    lost: int
    duplicated: int
    reads: int  # the pages' reads of api/state and api/ballot
    seconds: float

    @property
    def ms(self) -> tuple[float, ...]:
        return self.ideas + self.dots

    def percentile(self, fraction: float) -> float:
        return percentile(list(self.ms), fraction)

    def line(self, name: str) -> str:
        def p99(ms: tuple[float, ...]) -> str:
            return f"{percentile(list(ms), 0.99):.1f}" if ms else "-"

        return (
            f"  {name}: {len(self.ms)} writes, p50 {self.percentile(0.5):.1f} ms, "
            f"p95 {self.percentile(0.95):.1f} ms, p99 {self.percentile(0.99):.1f} ms "
            f"(ideas {p99(self.ideas)}, dots {p99(self.dots)}), max {max(self.ms):.1f} ms; "
            f"{self.retries} sent twice; lost {self.lost}, duplicated {self.duplicated}; "
            f"{self.reads} page reads; {self.seconds:.1f} s"
        )


def _run(done: dict[str, Any], seconds: float, lost: int = 0, duplicated: int = 0) -> Run:
    first, retries = _writes(done)
    ideas = tuple(w["ms"] for w in first if w["kind"] == "idea")
    dots = tuple(w["ms"] for w in first if w["kind"] == "dot")
    return Run(ideas, dots, len(retries), lost, duplicated, done["reads"], seconds)


class Crowd:
    """The phones' process: orders in, one JSON line at each stage out.

    ``pump`` is what the caller's thread does while it waits for the phones: nothing
    (headless), or the Qt event loop (the window's writer runs the phones' operations there).
    """

    def __init__(
        self, base: str, people: list[int], pace: float, pump: Callable[[], None] | None = None
    ) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.phone_crowd"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        self.pump = pump
        self._lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, name="phone-crowd", daemon=True)
        self._reader.start()
        orders = {
            "base": base,
            "people": people,
            "ideas": IDEAS,
            "dots": DOTS,
            "refresh": REFRESH,
            "retry_every": RETRY_EVERY,
            "seconds": RUN_SECONDS,
            "pace": pace,
        }
        self._send(json.dumps(orders))

    def _read(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        for line in stdout:
            self._lines.put(line)
        self._lines.put("")

    def _send(self, line: str) -> None:
        stdin: IO[str] | None = self.process.stdin
        assert stdin is not None
        stdin.write(line + "\n")
        stdin.flush()

    def _next_line(self) -> str:
        deadline = time.monotonic() + RUN_SECONDS + WAIT_SECONDS
        while time.monotonic() < deadline:
            if self.pump is None:
                return self._lines.get(timeout=deadline - time.monotonic())
            self.pump()
            with contextlib.suppress(queue.Empty):
                return self._lines.get_nowait()
        raise TimeoutError("the phones did not finish in time")

    def expect(self, stage: str) -> dict[str, Any]:
        line = self._next_line()
        if not line:
            self.process.wait(WAIT_SECONDS)
            raise RuntimeError(f"the phones stopped before {stage!r} ({self.process.returncode})")
        said: dict[str, Any] = json.loads(line)
        if said.get("stage") != stage:
            raise RuntimeError(f"the phones said {said.get('stage')!r}, not {stage!r}")
        return said

    def vote(self) -> None:
        self._send("vote")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(WAIT_SECONDS)
        self._reader.join(WAIT_SECONDS)
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


def _writes(done: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    if done["error_count"]:
        raise RuntimeError(f"{done['error_count']} phone requests refused: {done['errors']}")
    writes = done["writes"]
    return [w for w in writes if not w["retry"]], [w for w in writes if w["retry"]]


def check_retries(first: list[dict[str, Any]], retries: list[dict[str, Any]]) -> None:
    """A write sent twice got the first answer again."""
    answers = {w["key"]: w["answer"] for w in first}
    wrong = [w for w in retries if answers.get(w["key"]) != w["answer"]]
    if wrong:
        raise RuntimeError(f"{len(wrong)} writes sent twice got another answer: {wrong[:3]}")


def read_back(path: Path, first: list[dict[str, Any]], people: list[int]) -> tuple[int, int]:
    """What the plan file holds against what the phones were told: (lost, duplicated)."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        marks = ",".join("?" * len(people))
        ideas = Counter(
            (author, idea)
            for author, idea in db.execute(
                f"SELECT author_id, id FROM idea WHERE author_id IN ({marks})", people
            )
        )
        dots: Counter[tuple[int, int]] = Counter()
        for person, objective, number in db.execute(
            "SELECT participant_id, objective_id, count FROM dot"
            f" WHERE participant_id IN ({marks})",
            people,
        ):
            dots[(person, objective)] += number
    finally:
        db.close()
    told_ideas = Counter((w["phone"], w["answer"]) for w in first if w["kind"] == "idea")
    told_dots = Counter((w["phone"], w["target"]) for w in first if w["kind"] == "dot")
    lost = sum((told_ideas - ideas).values()) + sum((told_dots - dots).values())
    duplicated = sum((ideas - told_ideas).values()) + sum((dots - told_dots).values())
    return lost, duplicated


def room_run(
    source: Path, workshop: int, people: list[int], folder: Path, *, pace: float = 0.0
) -> Run:
    """One room from a fresh copy of the plan, served as ``okrdesk room`` serves it (the
    server's loop on a thread of its own, the headless writer): join, ideas, the vote
    opened, dots; read back."""
    path = folder / "room.okrdesk"
    shutil.copyfile(source, path)
    writer = HeadlessWriter(path)
    service = RoomService(writer, workshop, HOST)
    address = service.start()

    def facilitator(work: Coroutine[Any, Any, None]) -> None:
        # The facilitator's operations go through the same writer, on the server's loop
        # (where the room hears of every change).
        service.call(work, WAIT_SECONDS)

    try:
        crowd = Crowd(f"http://{HOST}:{address.port}/r/{address.code}/", people, pace)
        try:
            ideas = crowd.expect("ideas")
            facilitator(open_vote(writer, workshop))
            crowd.vote()
            done = crowd.expect("done")
        finally:
            crowd.close()
    finally:
        service.stop()
    first, retries = _writes(done)
    check_retries(first, retries)
    lost, duplicated = read_back(path, first, people)
    return _run(done, ideas["seconds"] + done["seconds"], lost, duplicated)


def first_cards(session: Session, workshop_id: int) -> list[int]:
    """The workshop's first cards, the ones the facilitator makes candidates of."""
    query = select(Idea.id).where(Idea.workshop_id == workshop_id).order_by(Idea.id)
    return list(session.scalars(query.limit(CANDIDATES)))


async def open_vote(writer: RoomWriter, workshop: int) -> None:
    """The facilitator groups a dozen cards into candidates and opens the vote."""
    cards = await writer.view(first_cards, workshop)
    await writer.submit(ops.ChangePhase(workshop, Phase.GROUP), Actor.FACILITATOR)
    for card in cards:
        await writer.submit(ops.MakeObjectiveFromIdea(card), Actor.FACILITATOR)
    await writer.submit(ops.ChangePhase(workshop, Phase.VOTE), Actor.FACILITATOR)
    await writer.submit(ops.OpenVoting(workshop), Actor.FACILITATOR)


def bare_run(people: list[int], *, pace: float = 0.0) -> Run:
    """The same crowd against the bare server."""
    with ServerThread() as server:
        port = server.serve(bare_app)
        crowd = Crowd(f"http://{HOST}:{port}/r/bare/", people, pace)
        try:
            ideas = crowd.expect("ideas")
            request = urllib.request.Request(f"http://{HOST}:{port}/r/bare/vote", method="POST")
            urllib.request.urlopen(request, timeout=WAIT_SECONDS).close()
            crowd.vote()
            done = crowd.expect("done")
        finally:
            crowd.close()
    return _run(done, ideas["seconds"] + done["seconds"])


def _load(pace: float) -> Setup:
    """Rooms run one after the other; a step is one whole room, its figure that room's p99.

    The harness's warm-up call of each step runs a tenth of the phones: a whole room is
    tens of seconds, and what it warms (imports, the plan's pages) needs no more.
    """

    @contextmanager
    def setup() -> Iterator[tuple[Step, Step]]:
        phones = sized(PHONES, 5)
        with tempfile.TemporaryDirectory(prefix="okrdesk-bench-") as folder:
            source = Path(folder) / "plan.okrdesk"
            workshop, people = write_room_plan(source, phones)
            warm = people[: max(2, phones // 10)]
            paced = pace if sized(1, 0) else pace * SMOKE_PACE
            runs: list[Run] = []

            def measured() -> float:
                crowd = people if runs else warm
                done = room_run(source, workshop, crowd, Path(folder), pace=paced)
                print(done.line(f"room, {len(crowd)} phones"), file=sys.stderr, flush=True)
                if done.lost or done.duplicated:
                    raise RuntimeError(f"lost {done.lost}, duplicated {done.duplicated}")
                runs.append(done)
                return done.percentile(0.99)

            bases: list[Run] = []

            def baseline() -> float:
                crowd = people if bases else warm
                done = bare_run(crowd, pace=paced)
                print(done.line(f"bare, {len(crowd)} phones"), file=sys.stderr, flush=True)
                bases.append(done)
                return done.percentile(0.99)

            yield measured, baseline

    return setup


WHAT = (
    f"{PHONES} phones join; each adds {IDEAS} ideas, the facilitator opens the vote, each"
    f" casts {DOTS} dots{{pace}}; each page reads its state after its writes and the room's"
    " notices (one read at a time); a room's p99, request sent to acknowledgement; 0 lost,"
    " 0 duplicated (read back from the file)"
)
BASELINE = "the same phones against a bare aiohttp server (parse the JSON, answer, notify)"
BENCHMARKS = [
    Benchmark(
        "room: 200 phones at once, a write acknowledged",
        WHAT.format(pace=", all at once (each write as soon as the last was acknowledged)"),
        BASELINE,
        _load(pace=0.0),
        runs=1,
        target=Target(max_ms=50.0),
    ),
    Benchmark(
        "room: 200 phones at a person's pace, a write acknowledged",
        WHAT.format(pace=" at a person's pace (2-6 s typing an idea, 0.5-2 s between dots)"),
        BASELINE,
        _load(pace=1.0),
        runs=1,
        target=Target(max_ms=50.0),
    ),
]

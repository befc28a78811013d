"""The room server's HTTP and WebSocket routes: the phone page and its small JSON API.

Everything lives under ``/r/{code}/``: without the workshop's join code the server answers
404 and nothing else. A phone proves itself with the token it was given when it joined
(``Authorization: Bearer``); every write goes through the one writer, with the request's
Idempotency-Key, and is limited in size and rate. Texts travel as JSON strings only.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import json
import secrets
import time
from collections import Counter, deque
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from aiohttp import WSMsgType, web

from okrdesk.engine.aspects import Actor, Aspect
from okrdesk.engine.ballot_frame import (
    NO_MARKS,
    BallotFrame,
    ballot_frame,
    frame_outlives,
    person_marks,
)
from okrdesk.engine.changes import Change
from okrdesk.engine.operation import Operation
from okrdesk.engine.phone_follow import handout_allowed, handout_snapshot, phone_follow
from okrdesk.engine.phone_retro import (
    PhoneAddRetroAnswer,
    PhoneWithdrawRetroAnswer,
    phone_retro,
)
from okrdesk.engine.phones import (
    WALK_IN_KEY_LENGTH,
    PhoneIdentity,
    active,
    ballot_of,
    identify_phone,
    join_token,
    room_join_list,
    token_hash,
    walk_in_token,
)
from okrdesk.engine.room_ops import (
    IDEMPOTENCY_KEY_LENGTH,
    JoinRoom,
    PhoneAddIdea,
    PhoneCastDot,
    PhoneEditIdea,
    PhoneHandIn,
    PhoneTakeBack,
    PhoneWithdrawDot,
    PhoneWithdrawIdea,
    WalkIn,
)
from okrdesk.errors import OkrdeskError, RuleError, StorageError, ValidationError
from okrdesk.isolated import isolated
from okrdesk.messages import normalise_language, translate
from okrdesk.resource_paths import resource_path
from okrdesk.room.handout import handout_disposition, render_handout
from okrdesk.room.kept import BuiltOnce
from okrdesk.room.presence import Presence
from okrdesk.room.shared_wall import SharedWall, state_json
from okrdesk.room.writer import RoomWriter

BODY_LIMIT = 4096  # bytes: an idea is at most a few hundred characters
BODY_SECONDS = 10.0  # to send those 4 KB, however poor the Wi-Fi
WRITES_PER_SECOND = 10  # per phone (per address for joining): a stuck button, not a person
# Per address: a page reads up to three views on a notice, and notices come at most every
# PUSH_SECONDS; the rest is someone reading in a loop.
READS_PER_SECOND = 30
WRITES_PER_ADDRESS = 20  # a second, whatever tokens it sends them with
# Cards stay on the wall when their phone is released, and the facilitator removes them one
# by one: one address may add this many in ten minutes (a prolific person adds a dozen).
IDEAS_PER_ADDRESS = 40
IDEA_WINDOW_SECONDS = 600.0
PUSH_SECONDS = 0.25
WEBSOCKET_HELLO_SECONDS = 10.0
SOCKETS_PER_ADDRESS = 8  # a phone's page holds one; a few for tabs and reconnections
SOCKETS_PER_PHONE = 2
ROW_ID_LIMIT = 2**63 - 1  # SQLite's largest integer
# A handout link works this long (the page reads a fresh one every minute while it shows it).
HANDOUT_LINK_SECONDS = 15 * 60
# Each join is a phone in the plan and, for a name another phone holds, one more line
# waiting for the facilitator's approval: one address may join this many times an hour.
JOINS_PER_ADDRESS = 20
JOIN_WINDOW_SECONDS = 3600.0
# A walk-in adds a person to the list for good (and to the vote's "not voted yet"): one
# address may add this many an hour, however slowly it goes.
WALK_INS_PER_ADDRESS = 10
WALK_IN_WINDOW_SECONDS = 3600.0
PAGE_FILES = {"room.js": "text/javascript", "room.css": "text/css"}
# The page and its two files come from the laptop alone; nothing runs that it did not send.
PAGE_POLICY = (
    "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
CHANGED = json.dumps({"type": "changed"})
# The booth's refusals a phone may meet, in the phone's words (its buttons are not the booth's).
PHONE_WORDS = {"voting.ballot_confirmed": "room.ballot_confirmed"}

# The HTTP status each refusal is answered with (any other rule: 409, a bad input: 422).
STATUS = {
    "rule.room_token_unknown": 401,
    "rule.room_phone_released": 401,
    "rule.room_phone_pending": 403,
    "rule.room_not_your_idea": 403,
    "rule.room_key_needed": 400,
    "rule.room_bad_request": 400,
    "rule.room_unknown_person": 404,
    "rule.not_found": 404,
    "rule.room_too_big": 413,
    "rule.room_too_many": 429,
    "rule.room_walk_ins_off": 403,
    "rule.room_walk_ins_too_many": 429,
    "rule.room_joins_too_many": 429,
    "rule.room_ideas_too_many": 429,
    "rule.room_walk_in_key": 400,
    "rule.room_link_expired": 403,
}


def _refused(message_id: str, **params: Any) -> RuleError:
    return RuleError(message_id, **params)


@dataclass
class RateLimit:
    """At most ``per_second`` writes in any second (any ``window``), for each phone.

    Checked before the token is (a made-up token costs nothing to send), so whoever was not
    heard from in the last window is forgotten at most once a window: made-up tokens or
    addresses never pile up in memory."""

    per_second: int
    clock: Callable[[], float]
    window: float = 1.0
    refusal: str = "rule.room_too_many"
    _recent: dict[str, deque[float]] = field(default_factory=dict)
    _swept: float = float("-inf")

    def check(self, who: str) -> None:
        """Refused if ``who`` is at the limit; else counted."""
        self.admit(who)
        self.count(who)

    def admit(self, who: str) -> None:
        """Refused if ``who`` is at the limit (not counted: see count)."""
        now, window = self.clock(), self.window
        if now - self._swept >= window:
            self._swept = now
            self._recent = {k: v for k, v in self._recent.items() if v and now - v[-1] < window}
        recent = self._recent.get(who)
        while recent and now - recent[0] >= window:
            recent.popleft()
        if recent is not None and len(recent) >= self.per_second:
            raise _refused(self.refusal)

    def count(self, who: str) -> None:
        self._recent.setdefault(who, deque()).append(self.clock())

    def __len__(self) -> int:
        """How many phones (or addresses) it keeps a count for now."""
        return len(self._recent)


class Room:
    """One workshop's room: its code, its writer, its phones' live connections."""

    def __init__(
        self,
        writer: RoomWriter,
        workshop_id: int,
        code: str,
        *,
        limit: RateLimit,
        body_limit: int,
    ) -> None:
        self.writer = writer
        self.workshop_id = workshop_id
        self.code = code
        self.limit = limit
        self.reads = RateLimit(READS_PER_SECOND, limit.clock)
        self.address_writes = RateLimit(WRITES_PER_ADDRESS, limit.clock)
        self.ideas = RateLimit(
            IDEAS_PER_ADDRESS,
            limit.clock,
            window=IDEA_WINDOW_SECONDS,
            refusal="rule.room_ideas_too_many",
        )
        self.joins = RateLimit(
            JOINS_PER_ADDRESS,
            limit.clock,
            window=JOIN_WINDOW_SECONDS,
            refusal="rule.room_joins_too_many",
        )
        self.walk_ins = RateLimit(
            WALK_INS_PER_ADDRESS,
            limit.clock,
            window=WALK_IN_WINDOW_SECONDS,
            refusal="rule.room_walk_ins_too_many",
        )
        self.body_limit = body_limit
        self.sockets: set[web.WebSocketResponse] = set()
        self._from_address: Counter[str] = Counter()
        self._of_phone: dict[str, list[web.WebSocketResponse]] = {}
        self._phone_of: dict[web.WebSocketResponse, tuple[int, str]] = {}  # id, token hash
        self.presence = Presence(limit.clock)
        self.shared_wall = SharedWall(writer, workshop_id)
        self.ballot_frame = BuiltOnce(self._build_frame)  # every phone's ballot, but its marks
        self._identities: dict[str, PhoneIdentity] = {}  # token hash -> phone, while current
        self._phones_generation = 0
        self._sending: set[asyncio.Task[None]] = set()
        self._pushing: set[web.WebSocketResponse] = set()  # told lately: wait before again
        self._again: set[web.WebSocketResponse] = set()  # changed since it was told
        # Handout links are signed with a secret of this server's run: a restart voids them.
        self._link_secret = secrets.token_bytes(32)
        # Changes to the plan so far (but phones joining): the handouts are kept per this count.
        self.version = 0
        self._handouts: dict[tuple[str, int, date], tuple[bytes, str]] = {}
        self._drawing = asyncio.Lock()
        writer.listen(self.changed)

    # -- checks -------------------------------------------------------------------------

    def check_code(self, request: web.Request) -> None:
        given = request.match_info.get("code", "")
        if not secrets.compare_digest(given.encode(), self.code.encode()):
            raise web.HTTPNotFound(text="")

    def read_by(self, request: web.Request) -> None:
        """Counted against its address's reads (each one is a view the writer's readers
        build): one phone reading in a loop cannot keep the others waiting."""
        self.reads.check(sender(request))

    def token(self, request: web.Request) -> str:
        """The SHA-256 of the phone's token from its Authorization header."""
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _refused("rule.room_token_unknown")
        return token_hash(token.strip())

    async def body(self, request: web.Request) -> Mapping[str, Any]:
        if request.content_length is not None and request.content_length > self.body_limit:
            raise _refused("rule.room_too_big", limit=self.body_limit)
        try:
            async with asyncio.timeout(BODY_SECONDS):
                raw = await request.read()
        except web.HTTPRequestEntityTooLarge as error:
            raise _refused("rule.room_too_big", limit=self.body_limit) from error
        except TimeoutError as error:  # a body sent a byte at a time holds the handler
            raise _refused("rule.room_bad_request") from error
        try:
            data = json.loads(raw or b"{}")
        except (ValueError, RecursionError) as error:  # [[[[… nested past the parser's depth
            raise _refused("rule.room_bad_request") from error
        if not isinstance(data, dict):
            raise _refused("rule.room_bad_request")
        return data

    # -- pages --------------------------------------------------------------------------

    async def page(self, request: web.Request) -> web.StreamResponse:
        response = web.FileResponse(resource_path("room", "index.html"))
        response.headers["Content-Security-Policy"] = PAGE_POLICY
        response.headers["Cache-Control"] = "no-store"
        return response

    async def page_file(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        if name not in PAGE_FILES:
            raise web.HTTPNotFound(text="")
        response = web.FileResponse(resource_path("room", name))
        response.content_type = PAGE_FILES[name]
        return response

    # -- the API ------------------------------------------------------------------------

    async def people(self, request: web.Request) -> web.Response:
        self.read_by(request)
        listed = await self.writer.view(room_join_list, self.workshop_id)
        return _json(
            {
                "people": [{"id": p.participant_id, "name": p.name} for p in listed.people],
                "walk_ins": listed.walk_ins,
            }
        )

    async def join(self, request: web.Request) -> web.Response:
        address = sender(request)
        self.limit.check(address)
        self.joins.admit(address)
        data = await self.body(request)
        participant_id = _row_id(data.get("participant_id"), "rule.room_unknown_person")
        key = request.headers.get("Idempotency-Key", "")
        if key:  # a retry with the key gets the phone its first try made, and its token
            if not WALK_IN_KEY_LENGTH <= len(key) <= IDEMPOTENCY_KEY_LENGTH:
                raise _refused("rule.room_key_needed", limit=IDEMPOTENCY_KEY_LENGTH)
            token, hashed = join_token(key)
        else:
            token = secrets.token_urlsafe(32)
            hashed = token_hash(token)
        await self.writer.submit(JoinRoom(self.workshop_id, self.code, participant_id, hashed))
        self.joins.count(address)
        phone = await self.writer.view(identify_phone, self.workshop_id, hashed)
        # The only time the token travels from the laptop: the phone keeps it.
        return _json({"token": token, "name": phone.name, "pending": phone.participant_id is None})

    async def walk_in(self, request: web.Request) -> web.Response:
        """A name not on the list: a new participant and this phone bound to it (when the
        facilitator allows walk-ins); the token is made from the request's key, so a retry
        gets the same one."""
        address = sender(request)
        self.limit.check(address)
        self.walk_ins.admit(address)
        data = await self.body(request)
        name = data.get("name")
        if not isinstance(name, str):
            raise ValidationError("validation.not_text", field="name")
        key = request.headers.get("Idempotency-Key", "")
        await self.writer.submit(WalkIn(self.workshop_id, self.code, name, key))
        self.walk_ins.count(address)  # a name refused is not one more person
        token, hashed = walk_in_token(key)
        phone = await self.writer.view(identify_phone, self.workshop_id, hashed)
        return _json({"token": token, "name": phone.name, "pending": False})

    async def state(self, request: web.Request) -> web.Response:
        """The phone's state: the wall kept for the latest change, and its own part."""
        self.read_by(request)
        hashed = self.token(request)
        phone = await self._identify(hashed)
        wall = await self.shared_wall.wall()
        self.presence.read(hashed)
        return _json_text(state_json(wall, phone))

    async def _identify(self, hashed: str) -> PhoneIdentity:
        """The phone holding this token, kept until a phone or a name changes: a room of
        phones reading their state after every card asks the plan nothing."""
        known = self._identities.get(hashed)
        if known is not None:
            return known
        generation = self._phones_generation
        phone = await self.writer.view(identify_phone, self.workshop_id, hashed)
        if generation == self._phones_generation:  # no release or rename meanwhile
            self._identities[hashed] = phone
        return phone

    async def add_idea(self, request: web.Request) -> web.Response:
        hashed, key = self._writer_of(request)
        address = sender(request)
        self.ideas.admit(address)
        data = await self.body(request)
        answer = await self._write(PhoneAddIdea(self.workshop_id, hashed, key, _text(data)))
        self.ideas.count(address)
        return answer

    async def edit_idea(self, request: web.Request) -> web.Response:
        hashed, key = self._writer_of(request)
        data = await self.body(request)
        idea_id = _idea_id(request)
        return await self._write(PhoneEditIdea(self.workshop_id, hashed, key, idea_id, _text(data)))

    async def withdraw_idea(self, request: web.Request) -> web.Response:
        hashed, key = self._writer_of(request)
        return await self._write(
            PhoneWithdrawIdea(self.workshop_id, hashed, key, _idea_id(request))
        )

    async def retro(self, request: web.Request) -> web.Response:
        """The retrospective's question the room is on (in the phone's language) and the
        phone's own answers to it; {"retro": null} before the facilitator starts it."""
        self.read_by(request)
        hashed = self.token(request)
        retro = await self.writer.view(phone_retro, self.workshop_id, hashed)
        self.presence.read(hashed)
        if retro is None:
            return _json({"retro": None})
        data = asdict(retro)
        data["text"] = translate(retro.question.message_id, phone_language(request))
        return _json({"retro": data})

    async def add_retro_answer(self, request: web.Request) -> web.Response:
        hashed, key = self._writer_of(request)
        address = sender(request)
        self.ideas.admit(address)
        data = await self.body(request)
        answer = await self._write(PhoneAddRetroAnswer(self.workshop_id, hashed, key, _text(data)))
        self.ideas.count(address)
        return answer

    async def withdraw_retro_answer(self, request: web.Request) -> web.Response:
        hashed, key = self._writer_of(request)
        answer_id = _path_id(request, "answer", "rule.room_not_your_answer")
        return await self._write(PhoneWithdrawRetroAnswer(self.workshop_id, hashed, key, answer_id))

    async def ballot(self, request: web.Request) -> web.Response:
        self.read_by(request)
        hashed = self.token(request)
        phone = active(await self._identify(hashed))
        assert phone.participant_id is not None
        frame = await self.ballot_frame.get()
        marks = NO_MARKS
        if frame.round_id is not None:
            marks = await self.writer.view(person_marks, frame.round_id, phone.participant_id)
        self.presence.read(hashed)
        return _json(asdict(ballot_of(frame, marks)))

    async def _build_frame(self) -> BallotFrame:
        return await self.writer.view(ballot_frame, self.workshop_id, self.writer.now())

    async def follow(self, request: web.Request) -> web.Response:
        """The follow-along screen; with a signed link to the handout once it may be taken."""
        self.read_by(request)
        hashed = self.token(request)
        now = self.writer.now()
        follow = await self.writer.view(phone_follow, self.workshop_id, hashed, now)
        self.presence.read(hashed)
        data = asdict(follow)
        data["handout_url"] = (
            f"api/handout.pdf?ticket={self.handout_ticket(hashed, now.timestamp())}"
            if follow.handout
            else None
        )
        return _json(data)

    def handout_ticket(self, hashed: str, issued: float) -> str:
        """A link's proof that a phone asked for it lately: expiry, token hash, signature.

        A plain link, tapped, downloads in every browser a QR code opens (WeChat's and iOS
        Safari's too), where a script's download of a fetched file does not always work."""
        expires = int(issued) + HANDOUT_LINK_SECONDS
        return f"{expires}.{hashed}.{self._sign(f'{expires}.{hashed}')}"

    def _sign(self, text: str) -> str:
        return hmac.new(self._link_secret, text.encode(), "sha256").hexdigest()[:32]

    def _handout_phone(self, request: web.Request) -> str:
        """The token hash of the phone asking: its bearer token, or a handout link it got."""
        ticket = request.query.get("ticket")
        if ticket is None:
            return self.token(request)
        expires, _, rest = ticket.partition(".")
        hashed, _, signature = rest.partition(".")
        if not secrets.compare_digest(
            signature.encode(), self._sign(f"{expires}.{hashed}").encode()
        ):
            raise _refused("rule.room_token_unknown")
        if not expires.isdigit() or int(expires) < self.writer.now().timestamp():
            raise _refused("rule.room_link_expired")
        return hashed

    async def handout(self, request: web.Request) -> web.StreamResponse:
        """The handout PDF in the phone's language, once the workshop is signed off.

        Read as frozen data through the writer, drawn on a thread of the server (never on
        the writer's, which may be the window's), and kept per language and change: twenty
        phones tapping at once draw it once."""
        self.read_by(request)
        hashed = self._handout_phone(request)
        if not await self.writer.view(handout_allowed, self.workshop_id, hashed):
            raise _refused("rule.room_handout_not_yet")
        language = phone_language(request)
        now = self.writer.now()
        key = (language, self.version, now.date())
        async with self._drawing:
            drawn = self._handouts.get(key)
            if drawn is None:
                snapshot = await self.writer.view(handout_snapshot, self.workshop_id, now)
                if snapshot is None or not snapshot.workshops:
                    raise _refused("rule.room_handout_not_yet")
                pdf = await asyncio.to_thread(
                    render_handout, snapshot, self.workshop_id, language, now.date()
                )
                drawn = pdf, snapshot.workshops[0].title
                # Only this change's handouts stay (one per language asked for).
                kept = {k: v for k, v in self._handouts.items() if k[1:] == key[1:]}
                self._handouts = {**kept, key: drawn}
        pdf, title = drawn
        response = web.Response(body=pdf, content_type="application/pdf")
        response.headers["Content-Disposition"] = handout_disposition(title)
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    async def cast_dot(self, request: web.Request) -> web.Response:
        hashed, key = self._writer_of(request)
        data = await self.body(request)
        objective_id = _row_id(data.get("objective_id"), "rule.room_bad_request")
        return await self._write(PhoneCastDot(self.workshop_id, hashed, key, objective_id))

    async def withdraw_dot(self, request: web.Request) -> web.Response:
        hashed, key = self._writer_of(request)
        objective_id = _path_id(request, "objective", "rule.room_bad_request")
        return await self._write(PhoneWithdrawDot(self.workshop_id, hashed, key, objective_id))

    async def hand_in(self, request: web.Request) -> web.Response:
        hashed, key = self._writer_of(request)
        return await self._write(PhoneHandIn(self.workshop_id, hashed, key))

    async def take_back(self, request: web.Request) -> web.Response:
        hashed, key = self._writer_of(request)
        return await self._write(PhoneTakeBack(self.workshop_id, hashed, key))

    def _writer_of(self, request: web.Request) -> tuple[str, str]:
        hashed = self.token(request)
        self.limit.check(hashed)
        # A phone holding several tokens (several names joined) is still one phone.
        self.address_writes.check(sender(request))
        return hashed, request.headers.get("Idempotency-Key", "")

    async def _write(self, operation: Operation) -> web.Response:
        change = await self.writer.submit(operation)
        return _json({"id": change.result})

    # -- live notices -------------------------------------------------------------------

    async def socket(self, request: web.Request) -> web.StreamResponse:
        """Pushes "changed" to a phone that said who it is; the phone then reads its state.

        One address holds at most SOCKETS_PER_ADDRESS sockets (said hello or not), one phone
        at most SOCKETS_PER_PHONE (a new one closes its oldest: a phone back on the Wi-Fi
        replaces the socket it lost)."""
        address = sender(request)
        if self._from_address[address] >= SOCKETS_PER_ADDRESS:
            raise _refused("rule.room_too_many")
        self._from_address[address] += 1
        try:
            return await self._serve_socket(request)
        finally:
            self._from_address[address] -= 1
            if self._from_address[address] <= 0:
                del self._from_address[address]

    async def _serve_socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(heartbeat=30.0, max_msg_size=self.body_limit)
        await socket.prepare(request)
        try:
            hello = await socket.receive_json(timeout=WEBSOCKET_HELLO_SECONDS)
            token = hello.get("token") if isinstance(hello, dict) else None
            if not isinstance(token, str):
                raise _refused("rule.room_token_unknown")
            hashed = token_hash(token)
            phone = await self.writer.view(identify_phone, self.workshop_id, hashed)
        except (TimeoutError, ValueError, TypeError, RecursionError, OkrdeskError):
            await socket.close(code=4401)
            return socket
        own = self._of_phone.setdefault(hashed, [])
        while len(own) >= SOCKETS_PER_PHONE:
            await own.pop(0).close(code=4409)
        own.append(socket)
        self.sockets.add(socket)
        self._phone_of[socket] = phone.phone_id, hashed
        self.presence.connected(hashed)
        try:
            # Said once registered: the phone reads its state now (it may have missed changes).
            await socket.send_str(CHANGED)
            async for message in socket:
                if message.type == WSMsgType.ERROR:
                    break
        finally:
            self.sockets.discard(socket)
            self._phone_of.pop(socket, None)
            self.presence.disconnected(hashed)
            with contextlib.suppress(ValueError):
                own.remove(socket)
            if not own and self._of_phone.get(hashed) is own:
                del self._of_phone[hashed]
        return socket

    def changed(self, change: Change) -> None:
        """Tell every phone; a phone told less than PUSH_SECONDS ago is told once more when
        they have passed (however many changes came meanwhile), so a busy room does not
        make every page read its state after every one of two hundred ideas."""
        if change.aspects - {Aspect.PHONES}:  # a phone joining changes nothing the handout shows
            # Whatever workshop it is about: a handout also names what lies outside its own
            # (the objectives of the parent workshop its objectives align to).
            self.version += 1
        if not change.about(self.workshop_id):
            return
        self.shared_wall.changed()
        if not frame_outlives(change):
            self.ballot_frame.changed()
        if change.touches(Aspect.PHONES, Aspect.PARTICIPANTS):
            self._phones_generation += 1
            self._identities.clear()
        if not phones_hear_of(change):
            return
        touched = change.ids(Aspect.PHONES)
        for socket, (phone_id, hashed) in list(self._phone_of.items()):
            if phone_id in touched:  # released (or its claim approved): still this phone?
                self._start(self._recheck(socket, hashed))
        for socket in list(self.sockets):
            if socket in self._pushing:
                self._again.add(socket)
                continue
            self._pushing.add(socket)
            self._start(self._push(socket))

    def _start(self, work: Coroutine[None, None, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._sending.add(task)
        task.add_done_callback(self._sending.discard)

    async def _recheck(self, socket: web.WebSocketResponse, hashed: str) -> None:
        """Close the socket of a phone released meanwhile: it hears no more of the room and
        no longer counts as connected in the window's Room panel."""
        try:
            await self.writer.view(identify_phone, self.workshop_id, hashed)
        except OkrdeskError:
            await socket.close(code=4401)

    async def _push(self, socket: web.WebSocketResponse) -> None:
        try:
            while True:
                self._again.discard(socket)
                await _send(socket)
                await asyncio.sleep(PUSH_SECONDS)
                if socket not in self._again or socket not in self.sockets:
                    return
        finally:
            self._pushing.discard(socket)
            self._again.discard(socket)

    async def close_sockets(self, _app: web.Application) -> None:
        for task in list(self._sending):
            task.cancel()
        for socket in list(self.sockets):
            await socket.close(code=1001)


async def _send(socket: web.WebSocketResponse) -> None:
    if not socket.closed:
        # A phone that went away reads its state when it comes back.
        with contextlib.suppress(ConnectionError):
            await socket.send_str(CHANGED)


def _text(data: Mapping[str, Any]) -> str:
    text = data.get("text")
    if not isinstance(text, str):
        raise ValidationError("validation.not_text", field="idea")
    return text


def _idea_id(request: web.Request) -> int:
    return _path_id(request, "idea", "rule.room_not_your_idea")


def _row_id(value: object, refusal: str) -> int:
    """A row's id as a phone sent it: a whole number SQLite can hold, or the refusal (a
    bigger one made the database driver raise, answered 500)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= ROW_ID_LIMIT:
        raise _refused(refusal)
    return value


def _path_id(request: web.Request, name: str, refusal: str) -> int:
    """A row's id from the request's path (plain ASCII digits only)."""
    given = request.match_info[name]
    if not (given.isascii() and given.isdigit()) or len(given) > len(str(ROW_ID_LIMIT)):
        raise _refused(refusal)
    return _row_id(int(given), refusal)


# What a person's own vote changes: nothing another phone shows (no one sees another's dots
# or ballot; the projector's "ballots in" is the window's to paint).
PRIVATE_VOTE = frozenset({Aspect.DOTS, Aspect.BALLOTS})
OWN_ANSWERS = frozenset({Aspect.RETROSPECTIVE})


def phones_hear_of(change: Change) -> bool:
    """Whether the phones are told of the change: not of a person's own dots and ballot
    (from a phone or the booth), which two hundred phones would each read their state for,
    nor of a phone's own retrospective answer (no other phone shows it)."""
    own_vote = change.actor in (Actor.PHONE, Actor.BOOTH) and change.aspects <= PRIVATE_VOTE
    own_answer = change.actor == Actor.PHONE and change.aspects <= OWN_ANSWERS
    return not (own_vote or own_answer)


def _json_text(text: str) -> web.Response:
    """An answer already encoded as JSON (the phone's state, joined from kept pieces)."""
    response = web.Response(text=text, content_type="application/json")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _json(data: Mapping[str, Any], status: int = 200) -> web.Response:
    response = web.json_response(
        data, status=status, dumps=lambda value: json.dumps(value, ensure_ascii=False)
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def phone_language(request: web.Request) -> str:
    """The phone's language: ?lang= first, else its browser's Accept-Language."""
    asked = request.query.get("lang") or request.headers.get("Accept-Language") or ""
    return normalise_language(asked.split(",")[0].split(";")[0].strip())


def sender(request: web.Request) -> str:
    """Whom the per-address limits count a request against: its IPv4 address, or the /64 of
    an IPv6 one (a phone on IPv6 makes itself new addresses within its /64 at will)."""
    remote = request.remote or ""
    try:
        address = ipaddress.ip_address(remote)
    except ValueError:
        return f"address:{remote}"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return f"address:{address.ipv4_mapped}"
        return f"address:{ipaddress.ip_network(f'{address}/64', strict=False)}"
    return f"address:{address}"


def _status(error: OkrdeskError) -> int:
    if error.message_id in STATUS:
        return STATUS[error.message_id]
    if isinstance(error, ValidationError):
        return 422
    if isinstance(error, StorageError):
        return 503
    return 409


ROOM_KEY = web.AppKey("room", Room)


@web.middleware
async def _guard(request: web.Request, handler: Callable[[web.Request], Any]) -> web.StreamResponse:
    """The join code first (404 and nothing else), then refusals as JSON in the phone's words."""
    request.app[ROOM_KEY].check_code(request)
    try:
        response: web.StreamResponse = await handler(request)
        return response
    except OkrdeskError as error:
        language = phone_language(request)
        message_id = PHONE_WORDS.get(error.message_id, error.message_id)
        # A name or title in the message (a participant's, from a spreadsheet; a card's
        # title, from a phone) turns only itself around, not the words after it.
        params = {
            name: isolated(value) if isinstance(value, str) else value
            for name, value in error.params.items()
        }
        message = translate(message_id, language, **params)
        return _json(
            {"error": {"id": error.message_id, "message": message}},
            status=_status(error),
        )


def make_app(
    writer: RoomWriter,
    workshop_id: int,
    code: str,
    *,
    clock: Callable[[], float] = time.monotonic,
    writes_per_second: int = WRITES_PER_SECOND,
    body_limit: int = BODY_LIMIT,
) -> web.Application:
    """The room's web application for one workshop whose room is open with this code."""
    app = web.Application(middlewares=[_guard], client_max_size=body_limit)
    room = Room(
        writer,
        workshop_id,
        code,
        limit=RateLimit(writes_per_second, clock),
        body_limit=body_limit,
    )
    app[ROOM_KEY] = room
    app.on_shutdown.append(room.close_sockets)
    app.router.add_get("/r/{code}/", room.page)
    app.router.add_get("/r/{code}/{name:room\\.(js|css)}", room.page_file)
    app.router.add_get("/r/{code}/api/people", room.people)
    app.router.add_post("/r/{code}/api/join", room.join)
    app.router.add_post("/r/{code}/api/walkin", room.walk_in)
    app.router.add_get("/r/{code}/api/state", room.state)
    app.router.add_post("/r/{code}/api/ideas", room.add_idea)
    app.router.add_patch("/r/{code}/api/ideas/{idea}", room.edit_idea)
    app.router.add_delete("/r/{code}/api/ideas/{idea}", room.withdraw_idea)
    app.router.add_get("/r/{code}/api/ballot", room.ballot)
    app.router.add_post("/r/{code}/api/dots", room.cast_dot)
    app.router.add_delete("/r/{code}/api/dots/{objective}", room.withdraw_dot)
    app.router.add_post("/r/{code}/api/handin", room.hand_in)
    app.router.add_post("/r/{code}/api/takeback", room.take_back)
    app.router.add_get("/r/{code}/api/follow", room.follow)
    app.router.add_get("/r/{code}/api/retro", room.retro)
    app.router.add_post("/r/{code}/api/retro/answers", room.add_retro_answer)
    app.router.add_delete("/r/{code}/api/retro/answers/{answer}", room.withdraw_retro_answer)
    app.router.add_get("/r/{code}/api/handout.pdf", room.handout)
    app.router.add_get("/r/{code}/ws", room.socket)
    return app

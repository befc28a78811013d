"""The facilitator's words at the terminal of a room served without the window.

``okrdesk room`` serves phones until Ctrl+C. A phone that picks a name another phone holds,
or the name of someone who has voted, waits for the facilitator, as in the window's Room
panel: here the terminal says so, and the facilitator answers with a line. ``phones`` lists
the room's phones, ``approve N`` lets waiting phone N take part, ``release N`` stops phone N
(its ideas stay). Both go through the same operations as the window's buttons, recorded in
the audit log; anything else typed gets the list of commands.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import TextIO

from okrdesk.engine.aspects import Actor, Aspect
from okrdesk.engine.changes import Change
from okrdesk.engine.operation import Operation
from okrdesk.engine.room_ops import ApprovePhone, ReleasePhone
from okrdesk.engine.room_phones import RoomPhoneRow, room_phones
from okrdesk.errors import OkrdeskError
from okrdesk.messages import translate
from okrdesk.room.serving import RoomService


class RoomConsole:
    """Reads the facilitator's commands and tells them of phones waiting for approval."""

    def __init__(
        self,
        service: RoomService,
        workshop_id: int,
        language: str,
        say: Callable[[str], None] = print,
    ) -> None:
        self.service = service
        self.workshop_id = workshop_id
        self.language = language
        self.say = say
        self._told: set[int] = set()  # the waiting phones already announced
        self._tasks: set[asyncio.Task[None]] = set()

    def watch(self) -> None:
        """From now on, announce each phone that starts waiting for approval."""
        self.service.writer.listen(self._changed)

    def read(self, lines: TextIO) -> threading.Thread:
        """Answer each line typed, on a thread of its own, until the input ends."""
        thread = threading.Thread(
            target=self._read, args=(lines,), name="okrdesk-room-console", daemon=True
        )
        thread.start()
        return thread

    def _read(self, lines: TextIO) -> None:
        for line in lines:
            if not self.service.running:
                return
            try:
                self.handle(line)
            except RuntimeError:  # the room closed while the command waited for it
                return

    def handle(self, line: str) -> None:
        """Carry out one typed command and say what came of it."""
        words = line.split()
        if not words:
            return
        command, argument = words[0].lower(), words[1] if len(words) == 2 else None
        if command == "phones" and len(words) == 1:
            self._list()
        elif command in ("approve", "release") and argument is not None and argument.isdigit():
            self._act(command, int(argument))
        else:
            self.say(self._t("cli.room_commands"))

    def _list(self) -> None:
        phones = self._phones()
        if not phones:
            self.say(self._t("cli.room_no_phones"))
            return
        present = self.service.present()
        for phone in phones:
            state = (
                "cli.room_phone_waiting_state"
                if phone.pending
                else "cli.room_phone_here"
                if phone.token_sha256 in present
                else "cli.room_phone_away"
            )
            self.say(
                self._t("cli.room_phone_line", id=phone.id, name=phone.name, state=self._t(state))
            )

    def _act(self, command: str, phone_id: int) -> None:
        phone = next((phone for phone in self._phones() if phone.id == phone_id), None)
        if phone is None:
            self.say(self._t("cli.room_no_such_phone", id=phone_id))
            return
        operation: Operation = (
            ApprovePhone(phone_id) if command == "approve" else ReleasePhone(phone_id)
        )
        try:
            self.service.call(self.service.writer.submit(operation, Actor.FACILITATOR))
        except OkrdeskError as refusal:
            self.say(translate(refusal.message_id, self.language, **refusal.params))
            return
        done = "cli.room_phone_approved" if command == "approve" else "cli.room_phone_released"
        self.say(self._t(done, id=phone_id, name=phone.name))

    def _phones(self) -> tuple[RoomPhoneRow, ...]:
        return self.service.call(self.service.writer.view(room_phones, self.workshop_id))

    def announce_waiting(self) -> None:
        """Tell of the phones waiting now (a room opened again may have some)."""
        self.service.call(self._announce())

    def _changed(self, change: Change) -> None:
        """On the room's loop: a phone joined, was approved or released; tell of new waiters."""
        if not change.touches(Aspect.PHONES):
            return
        task = asyncio.get_running_loop().create_task(self._announce())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _announce(self) -> None:
        phones = await self.service.writer.view(room_phones, self.workshop_id)
        waiting = {phone.id: phone for phone in phones if phone.pending}
        for phone_id in sorted(waiting.keys() - self._told):
            self.say(self._t("cli.room_phone_waiting", id=phone_id, name=waiting[phone_id].name))
        self._told = set(waiting)

    def _t(self, message_id: str, **params: object) -> str:
        return translate(message_id, self.language, **params)

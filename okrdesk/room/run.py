"""``okrdesk room``: the room server without the window, until Ctrl+C or SIGTERM."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

from okrdesk.engine.aspects import Actor
from okrdesk.engine.room_ops import AllowWalkIns
from okrdesk.errors import PlanFileError, RuleError
from okrdesk.messages import translate
from okrdesk.room.console import RoomConsole
from okrdesk.room.serving import RoomAddress, RoomService
from okrdesk.room.writer import HeadlessWriter

# How often the waiting main thread looks up: Windows delivers Ctrl+C only between waits.
WAKE_SECONDS = 0.5
# What signal.signal returns: a handler, SIG_DFL/SIG_IGN, or None (one not set from Python).
SignalHandler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


def serve(
    path: Path,
    workshop_id: int,
    host: str,
    port: int,
    language: str,
    walk_ins: bool | None = None,
    commands: TextIO | None = None,
) -> int:
    """Serve the workshop's room until told to stop; print the join addresses first.

    walk_ins True or False allows or stops names not on the list, as the window's Room panel
    does (the workshop keeps the setting); None leaves it as the plan has it. Meanwhile the
    facilitator's commands are read from ``commands`` (okrdesk/room/console.py).
    """
    writer = HeadlessWriter(path)
    service = RoomService(writer, workshop_id, host, port)
    stop = threading.Event()
    handlers = _stop_on_signals(stop)
    try:
        address = _start(service)
        if walk_ins is not None:
            allow = writer.submit(AllowWalkIns(workshop_id, walk_ins), Actor.FACILITATOR)
            service.call(allow)
        print(translate("cli.room_open", language, code=address.code))
        for url in address.urls:
            print(f"  {url}")
        if walk_ins:
            print(translate("cli.room_walk_ins", language))
        print(translate("cli.room_stop_with", language))
        console = RoomConsole(service, workshop_id, language, _say)
        print(translate("cli.room_commands", language), flush=True)
        console.watch()
        console.announce_waiting()
        if commands is not None:
            console.read(commands)
        while not stop.wait(WAKE_SECONDS):
            pass
    except KeyboardInterrupt:  # where Ctrl+C is no signal handler's (Windows)
        pass
    finally:
        service.stop()
        for number, handler in handlers.items():
            signal.signal(number, handler)
    print(translate("cli.room_stopped", language), flush=True)
    return 0


def _say(text: str) -> None:
    print(text, flush=True)


def _start(service: RoomService) -> RoomAddress:
    try:
        return service.start()
    except RuleError as error:
        if error.message_id == "rule.not_found":  # the only thing opening the room looks up
            raise PlanFileError("cli.no_workshop", id=service.workshop_id) from error
        raise


def _stop_on_signals(stop: threading.Event) -> dict[int, SignalHandler]:
    def handle(_number: int, _frame: FrameType | None) -> None:
        stop.set()

    previous: dict[int, SignalHandler] = {}
    for number in (signal.SIGINT, signal.SIGTERM):
        previous[number] = signal.signal(number, handle)
    return previous

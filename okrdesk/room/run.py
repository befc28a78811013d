"""``okrdesk room``: the room server without the window, until Ctrl+C or SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import signal
from pathlib import Path

from aiohttp import web
from sqlalchemy.orm import Session

from okrdesk.engine.aspects import Actor
from okrdesk.engine.room_ops import OpenRoom
from okrdesk.errors import PlanFileError
from okrdesk.messages import translate
from okrdesk.models import Workshop
from okrdesk.room.server import make_app
from okrdesk.room.writer import HeadlessWriter

ANY_ADDRESS = "0.0.0.0"


def serve(path: Path, workshop_id: int, host: str, port: int, language: str) -> int:
    """Serve the workshop's room until told to stop; print the join addresses first."""
    try:
        return asyncio.run(_serve(path, workshop_id, host, port, language))
    except KeyboardInterrupt:  # where Ctrl+C is no signal handler's (Windows)
        return 0


def _has_workshop(session: Session, workshop_id: int) -> bool:
    return session.get(Workshop, workshop_id) is not None


async def _serve(path: Path, workshop_id: int, host: str, port: int, language: str) -> int:
    writer = HeadlessWriter(path)
    await writer.start()
    runner: web.AppRunner | None = None
    try:
        if not await writer.view(_has_workshop, workshop_id):
            raise PlanFileError("cli.no_workshop", id=workshop_id)
        code = (await writer.submit(OpenRoom(workshop_id), Actor.FACILITATOR)).result
        runner = web.AppRunner(make_app(writer, workshop_id, code), handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        bound = next(port for _host, port, *_rest in runner.addresses)
        print(translate("cli.room_open", language, code=code))
        for address in join_addresses(host):
            print(f"  http://{_in_url(address)}:{bound}/r/{code}/")
        print(translate("cli.room_stop_with", language), flush=True)
        await _until_stopped()
    finally:
        if runner is not None:
            await runner.cleanup()
        await writer.close()
    print(translate("cli.room_stopped", language), flush=True)
    return 0


async def _until_stopped() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    # Windows has no signal handlers in asyncio: Ctrl+C arrives as KeyboardInterrupt there.
    with contextlib.suppress(NotImplementedError, RuntimeError):
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, stop.set)
    await stop.wait()


def join_addresses(host: str) -> list[str]:
    """The addresses phones can reach: for every interface, its private-network addresses."""
    if host not in (ANY_ADDRESS, "", "::"):
        return [host]
    import ifaddr

    found = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if not ip.is_IPv4 or not isinstance(ip.ip, str):
                continue
            address = ipaddress.ip_address(ip.ip)
            if address.is_private and not address.is_loopback and not address.is_link_local:
                found.append(ip.ip)
    return sorted(set(found)) or ["127.0.0.1"]


def _in_url(address: str) -> str:
    return f"[{address}]" if ":" in address else address

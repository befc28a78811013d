"""The served room against slow connections (issue 14's review): a RoomService on 127.0.0.1
and plain sockets that send nothing, headers a byte at a time, or half a body."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from okrdesk.room import server, serving
from okrdesk.room.serving import RoomAddress, RoomService
from okrdesk.room.writer import HeadlessWriter
from tests.room_server_helpers import brainstorming

WAIT = 5.0  # seconds a test waits for the server at most (the limits below are far shorter)


@pytest.fixture
def served(
    tmp_path: Path, empty_plan_bytes: bytes, monkeypatch: pytest.MonkeyPatch
) -> Iterator[RoomAddress]:
    monkeypatch.setattr(serving, "IDLE_SECONDS", 0.5)
    monkeypatch.setattr(server, "BODY_SECONDS", 0.5)
    path = tmp_path / "plan.okrdesk"
    with brainstorming(path, empty_plan_bytes) as built:
        workshop = built.workshop
    service = RoomService(HeadlessWriter(path), workshop, "127.0.0.1")
    try:
        yield service.start()
    finally:
        service.stop()


def _answer(address: RoomAddress, sent: bytes) -> bytes:
    """The first thing the server sends back (b"": it closed the connection silently); a
    TimeoutError if it sends nothing and keeps the connection open."""
    with socket.create_connection(("127.0.0.1", address.port), timeout=WAIT) as connection:
        connection.sendall(sent)
        return connection.recv(65536)


def test_connections_that_never_finish_a_request_are_closed(served: RoomAddress) -> None:
    """Before: a connection that sent nothing, or its headers a byte at a time, or half a
    body, was kept for an hour (aiohttp's default), the last one holding a handler: a
    laptop runs out of sockets long before that."""
    assert _answer(served, b"") == b""
    half_headers = f"GET /r/{served.code}/api/people HTTP/1.1\r\nHost: x\r\n".encode()
    assert _answer(served, half_headers) == b""
    half_body = (
        f"POST /r/{served.code}/api/join HTTP/1.1\r\nHost: x\r\n"
        "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
    ).encode()
    answer = _answer(served, half_body)
    assert answer.startswith(b"HTTP/1.1 400 ") and b"room_bad_request" in answer
    # A whole request is answered as ever.
    whole = f"GET /r/{served.code}/api/people HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    assert b"Ana" in _answer(served, whole.encode())

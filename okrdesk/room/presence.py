"""Which phones are in the room now: an open WebSocket, or a read within the last seconds.

A phone whose network blocks WebSockets polls every 5 s, so a phone seen within
``RECENT_SECONDS`` counts as present too. Phones are known by their token's hash (what the
plan keeps); the window matches them to its list of phones. Written on the server's event
loop, read from the window's thread: readers take copies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

RECENT_SECONDS = 15.0  # three missed polls and a phone is no longer counted


class Presence:
    """Open sockets and last reads, per phone."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self._sockets: Counter[str] = Counter()
        self._seen: dict[str, float] = {}

    def connected(self, token_sha256: str) -> None:
        self._sockets[token_sha256] += 1

    def disconnected(self, token_sha256: str) -> None:
        self._sockets[token_sha256] -= 1
        if self._sockets[token_sha256] <= 0:
            del self._sockets[token_sha256]
        self._seen[token_sha256] = self.clock()

    def read(self, token_sha256: str) -> None:
        """The phone read its state (a poll, or after a notice)."""
        self._seen[token_sha256] = self.clock()

    def present(self) -> frozenset[str]:
        """The token hashes of the phones in the room now."""
        now = self.clock()
        recent = {token for token, at in self._seen.copy().items() if now - at <= RECENT_SECONDS}
        return frozenset(self._sockets.copy()) | recent

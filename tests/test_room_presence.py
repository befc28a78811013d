"""Which phones are in the room: an open WebSocket, or a read within the last seconds."""

from __future__ import annotations

from okrdesk.room.presence import RECENT_SECONDS, Presence


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_phone_is_present_while_its_socket_is_open_and_a_little_after():
    clock = Clock()
    presence = Presence(clock)
    assert presence.present() == frozenset()
    presence.connected("ana")
    presence.connected("ana")  # a second tab
    presence.disconnected("ana")
    clock.now += 3600  # an hour on one socket: still there
    assert presence.present() == {"ana"}
    presence.disconnected("ana")
    clock.now += RECENT_SECONDS
    assert presence.present() == {"ana"}  # a dropped socket: it may come straight back
    clock.now += 1
    assert presence.present() == frozenset()


def test_a_polling_phone_is_present_while_it_keeps_reading():
    clock = Clock()
    presence = Presence(clock)
    for _ in range(4):
        presence.read("bo")
        clock.now += 5  # the page polls every 5 s where WebSockets are blocked
        assert presence.present() == {"bo"}
    clock.now += RECENT_SECONDS
    assert presence.present() == frozenset()

"""A name set into a line as one piece (okrdesk/isolated.py): its direction controls turn
only itself, even when it brings isolates of its own."""

from __future__ import annotations

from okrdesk.isolated import isolated


def test_a_plain_name_is_left_as_it_is() -> None:
    assert isolated("Ana Lima") == "Ana Lima"


def test_a_name_turning_text_around_is_isolated() -> None:
    assert isolated("\u202eoB") == "\u2068\u202eoB\u2069"


def test_a_name_s_own_isolates_cannot_end_ours_early() -> None:
    # Its PDI first would close our FSI, and its RLO would then run to the end of the line.
    shown = isolated("\u2069\u202eChen Bo\u2066")
    assert shown == "\u2068\u202eChen Bo\u2069"
    assert shown.count("\u2068") == 1 and shown.count("\u2069") == 1

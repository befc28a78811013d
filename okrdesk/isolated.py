"""A person's name set into a line as one piece: in the window, on the projector, and in
the messages the room sends to phones.

Names come from phones and spreadsheets: one holding a direction control (U+202E turns what
follows around) would turn the rest of its line with it. Isolated (U+2068 ... U+2069), it
turns only itself. No Qt here: the room server uses it too.
"""

from __future__ import annotations

_ISOLATES = dict.fromkeys(range(0x2066, 0x206A))
_DIRECTION = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def isolated(name: str) -> str:
    """The name as one piece of a line: a direction control in it turns only the name around."""
    if _DIRECTION.isdisjoint(name):
        return name
    # The name's own isolates are taken out: its PDI would end ours early, and what follows
    # it would turn around with the line.
    return "\u2068" + name.translate(_ISOLATES) + "\u2069"

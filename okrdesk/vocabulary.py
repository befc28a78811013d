"""The workshop's phases, importable without the database layer.

The plan file stores them (``okrdesk.models`` re-exports this enum); the window's first frame
lists them in its navigator before SQLAlchemy has loaded.
"""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    """The workshop's phases, in the order the room goes through them."""

    SETUP = "setup"
    BRAINSTORM = "brainstorm"
    GROUP = "group"
    VOTE = "vote"
    SELECT = "select"
    SIGNOFF = "signoff"
    EXPORT = "export"

    @property
    def order(self) -> int:
        """The phase's place in the meeting, from 0 (Setup)."""
        return list(Phase).index(self)

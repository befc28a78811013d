"""One projector page that several windows can fill: the plan's cascade board and the
organisation's board and alignment tree all show on the projector's board page.

The room sees the one opened (or brought to the front) last; when it closes (or stops
showing), the page goes back to the one before it, not to the workshop's page while another
board is still open. A window that refreshes its slide keeps its place: a board refreshed in
the background never takes the projector from the one the facilitator is working in.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Slide = TypeVar("Slide")


class ProjectorSlot(Generic[Slide]):
    """The windows showing on one projector page, in the order they began to."""

    def __init__(self, show: Callable[[Slide | None], None]) -> None:
        self._show = show
        self._held: dict[Hashable, Slide] = {}  # insertion order: the order they began

    def project_for(self, owner: Hashable) -> Callable[[Slide | None], None]:
        """What ``owner`` calls with its slide (None: it no longer shows)."""

        def project(slide: Slide | None) -> None:
            if slide is None:
                self._held.pop(owner, None)
            else:
                self._held[owner] = slide  # a refresh keeps its place; a new one goes last
            self._show(next(reversed(self._held.values()), None))

        return project

    def front(self, owner: Hashable) -> None:
        """``owner``'s window came to the front (the facilitator is working in it): its slide,
        if it shows one, is the room's."""
        slide = self._held.pop(owner, None)
        if slide is not None:
            self._held[owner] = slide
            self._show(slide)

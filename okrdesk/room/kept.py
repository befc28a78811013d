"""A value the room builds at most once per change, however many phones ask for it at once.

Two hundred phones read their state (or their ballot) within a second of a change: the first
to ask starts the build, the others wait for that same build, and all get the one result. A
change makes the next ask build anew; a build that failed is not kept, so the next ask
retries it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class BuiltOnce(Generic[T]):
    """The value of the latest generation, built once; ``changed`` starts a new generation."""

    def __init__(self, build: Callable[[], Awaitable[T]]) -> None:
        self._build = build
        self.generation = 0  # changes that could alter the value so far
        self.builds = 0  # builds started (for the tests and the load benchmark)
        self._kept: tuple[int, T] | None = None
        self._building: tuple[int, asyncio.Task[T]] | None = None

    def changed(self) -> None:
        """The value may have changed: the next ask builds it anew."""
        self.generation += 1

    async def get(self) -> T:
        generation = self.generation
        kept = self._kept
        if kept is not None and kept[0] == generation:
            return kept[1]
        building = self._building
        if building is None or building[0] != generation:
            building = (generation, asyncio.get_running_loop().create_task(self._run()))
            self._building = building
        try:
            value = await building[1]
        except Exception:
            if self._building is building:  # a failed build is not kept: the next ask retries
                self._building = None
            raise
        if self._kept is None or self._kept[0] < building[0]:
            self._kept = (building[0], value)
        return value

    async def _run(self) -> T:
        self.builds += 1
        return await self._build()

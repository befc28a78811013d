"""The wall every phone shows, built once per change and served to every phone.

When a card is added, every phone in the room reads its state: two hundred phones would
build the same wall two hundred times and encode it as JSON two hundred times. The room
keeps the wall of the latest change instead (its title, phase and each card's JSON, with and
without the phone's "own" mark), and a phone's answer is its own few fields joined to it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from okrdesk.engine.phones import PhoneIdentity, phone_wall, phones_write_ideas
from okrdesk.errors import RuleError
from okrdesk.room.kept import BuiltOnce
from okrdesk.room.writer import RoomWriter
from okrdesk.vocabulary import Phase


@dataclass(frozen=True)
class KeptWall:
    """The wall of one change: the title, the phase and each card as JSON, both ways."""

    workshop_title: str
    phase: Phase
    cards: tuple[tuple[int | None, str, str], ...]  # author, the card's JSON not own, own


def _card(card_id: int, text: str, author: str | None, own: bool) -> str:
    fields = {"id": card_id, "text": text, "author": author, "own": own}
    return json.dumps(fields, ensure_ascii=False)


class SharedWall:
    """The wall kept for the latest change; built once however many phones ask at once."""

    def __init__(self, writer: RoomWriter, workshop_id: int) -> None:
        self.writer = writer
        self.workshop_id = workshop_id
        self._wall = BuiltOnce(self._build)
        # Each card's JSON (not own, own) by what it shows, from the last build.
        self._encoded: dict[tuple[int, str, str | None], tuple[str, str]] = {}

    def changed(self) -> None:
        """The wall may have changed: the next phone to ask builds it anew."""
        self._wall.changed()

    async def wall(self) -> KeptWall:
        return await self._wall.get()

    async def _build(self) -> KeptWall:
        wall = await self.writer.view(phone_wall, self.workshop_id, self.writer.now())
        if wall is None:
            raise RuleError("rule.room_token_unknown")
        # A new card changes one card: the others' JSON is kept from the last build.
        known, encoded = self._encoded, {}
        cards = []
        for card, author in zip(wall.cards, wall.authors, strict=True):
            key = (card.id, card.text, card.author)
            pair = known.get(key)
            if pair is None:
                pair = (
                    _card(card.id, card.text, card.author, False),
                    _card(card.id, card.text, card.author, True),
                )
            encoded[key] = pair
            cards.append((author, *pair))
        self._encoded = encoded  # this wall's cards only: a withdrawn card is forgotten
        return KeptWall(wall.workshop_title, wall.phase, tuple(cards))


def state_json(wall: KeptWall, phone: PhoneIdentity) -> str:
    """One phone's state (PhoneState's fields) from the kept wall and who the phone is."""
    person = phone.participant_id
    pending = person is None
    head = json.dumps(
        {
            "workshop_title": wall.workshop_title,
            "phase": str(wall.phase),
            "name": phone.name,
            "pending": pending,
            "can_write_ideas": not pending and phones_write_ideas(wall.phase),
        },
        ensure_ascii=False,
    )
    cards = ""
    if not pending:
        cards = ",".join(own if author == person else other for author, other, own in wall.cards)
    return f'{head[:-1]},"cards":[{cards}]}}'

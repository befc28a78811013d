"""Brainstorming: idea cards added, edited, deleted, merged and moved between groups."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, insert, select, update
from sqlalchemy.orm import InstrumentedAttribute

from okrdesk.engine.context import OperationContext
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.validation import clean_text
from okrdesk.errors import RuleError
from okrdesk.models import AuditKind, Idea, KeyResult, Objective, Participant, RoomPhone, Workshop


def place_at(
    ctx: OperationContext,
    column: InstrumentedAttribute[int],
    where: ColumnElement[bool],
    item: Idea | Objective | KeyResult,
    index: int | None,
) -> None:
    """Give the item the position ``index`` among its siblings (None: last), shifting others."""
    if index is None:
        item.position = ctx.next_position(column, where, column.class_.id != item.id)
        return
    siblings = [
        s
        for s in ctx.session.scalars(select(column.class_).where(where).order_by(column))
        if s is not item
    ]
    index = max(0, min(index, len(siblings)))
    siblings.insert(index, item)
    for position, sibling in enumerate(siblings):
        if sibling.position != position:
            sibling.position = position


_AUTHOR_WORKSHOP = select(Participant.workshop_id).where(Participant.id == bindparam("author"))
_LAST_CARD = select(func.max(Idea.position)).where(Idea.workshop_id == bindparam("workshop"))
_ADD = insert(Idea)


def _author(ctx: OperationContext, workshop_id: int, author_id: int | None) -> int | None:
    if author_id is None:
        return None
    connection = ctx.session.connection()
    found = connection.execute(_AUTHOR_WORKSHOP, {"author": author_id}).scalar()
    if found is None:
        raise RuleError("rule.not_found", what=Participant.__tablename__, id=author_id)
    if found != workshop_id:
        raise RuleError("rule.wrong_workshop")
    return author_id


@dataclass(frozen=True)
class AddIdea(OperationBase):
    """Put a new card on the wall (at the end), by an author or anonymous."""

    workshop_id: int
    text: str
    author_id: int | None = None
    label = "op.add_idea"

    def apply(self, ctx: OperationContext) -> int:
        # Cards come in one after another, up to thousands: written through prebuilt
        # statements on the connection (an ORM object and its flush cost twice as much).
        ctx.check_editable(self.workshop_id)
        text = clean_text(self.text, "idea")
        author_id = _author(ctx, self.workshop_id, self.author_id)
        connection = ctx.session.connection()
        last = connection.execute(_LAST_CARD, {"workshop": self.workshop_id}).scalar()
        added = connection.execute(
            _ADD,
            {
                "workshop_id": self.workshop_id,
                "text": text,
                "author_id": author_id,
                "position": 0 if last is None else last + 1,
                "created_at": ctx.now,
            },
        )
        return added.lastrowid  # the card's id: its rowid in the plan file


@dataclass(frozen=True)
class EditIdea(OperationBase):
    """Change a card's text (and, if given, its author; 0 makes it anonymous)."""

    idea_id: int
    text: str
    author_id: int | None = None
    label = "op.edit_idea"

    def apply(self, ctx: OperationContext) -> None:
        idea = ctx.get(Idea, self.idea_id)
        ctx.workshop(idea.workshop_id)
        idea.text = clean_text(self.text, "idea")
        if self.author_id == 0:
            idea.author_id = None
        elif self.author_id is not None:
            idea.author_id = _author(ctx, idea.workshop_id, self.author_id)


@dataclass(frozen=True)
class DeleteIdea(OperationBase):
    """Take a card off the wall (cards merged into it come back as their own cards).

    The card of a person who joined the room from a phone is someone else's contribution
    they cannot see being taken away: its removal is audited (not when the phone withdraws
    its own card, ``by_its_phone``).
    """

    idea_id: int
    by_its_phone: bool = False
    label = "op.delete_idea"

    def apply(self, ctx: OperationContext) -> None:
        idea = ctx.get(Idea, self.idea_id)
        ctx.workshop(idea.workshop_id)
        if not self.by_its_phone and idea.author_id is not None and _on_a_phone(ctx, idea):
            author = ctx.get(Participant, idea.author_id)
            ctx.audit(AuditKind.IDEA_REMOVED, idea.workshop_id, text=idea.text, name=author.name)
        ctx.session.execute(
            update(Idea).where(Idea.merged_into_id == idea.id).values(merged_into_id=None)
        )
        ctx.session.delete(idea)


def _on_a_phone(ctx: OperationContext, idea: Idea) -> bool:
    """Whether the card's author ever joined its workshop's room from a phone."""
    joined = select(RoomPhone.id).where(
        RoomPhone.workshop_id == idea.workshop_id, RoomPhone.participant_id == idea.author_id
    )
    return ctx.session.execute(joined.limit(1)).first() is not None


@dataclass(frozen=True)
class MergeIdeas(OperationBase):
    """Fold duplicate cards into one; the duplicates are kept behind it, not discarded."""

    target_id: int
    source_ids: tuple[int, ...]
    label = "op.merge_ideas"

    def label_params(self) -> dict[str, Any]:
        return {"count": len(self.source_ids) + 1}

    def apply(self, ctx: OperationContext) -> None:
        target = ctx.get(Idea, self.target_id)
        ctx.workshop(target.workshop_id)
        if target.merged_into_id is not None:
            raise RuleError("rule.idea_already_merged")
        if not self.source_ids or self.target_id in self.source_ids:
            raise RuleError("rule.merge_needs_two")
        for source_id in dict.fromkeys(self.source_ids):
            source = ctx.get(Idea, source_id)
            if source.workshop_id != target.workshop_id:
                raise RuleError("rule.wrong_workshop")
            # Cards already merged into the source follow it into the target.
            ctx.session.execute(
                update(Idea)
                .where(Idea.merged_into_id == source.id)
                .values(merged_into_id=target.id, objective_id=target.objective_id)
            )
            source.merged_into_id = target.id
            source.objective_id = target.objective_id


@dataclass(frozen=True)
class UnmergeIdea(OperationBase):
    """Bring a merged duplicate back onto the wall as its own card."""

    idea_id: int
    label = "op.unmerge_idea"

    def apply(self, ctx: OperationContext) -> None:
        idea = ctx.get(Idea, self.idea_id)
        ctx.workshop(idea.workshop_id)
        if idea.merged_into_id is None:
            raise RuleError("rule.idea_not_merged")
        idea.merged_into_id = None
        # Back on the wall as the last card of its group (its old place may be taken).
        group = (Idea.workshop_id == idea.workshop_id) & (Idea.objective_id == idea.objective_id)
        place_at(ctx, Idea.position, group & Idea.merged_into_id.is_(None), idea, None)


# A card is moved on every drag, among up to 20,000 cards: MoveIdea works through these
# prebuilt statements on the transaction's connection. Loading the card, its workshop and the
# objective as ORM objects, then flushing their changes, took about twice as long.
_CARD = (
    select(Idea.workshop_id, Idea.merged_into_id, Workshop.locked, Workshop.title)
    .join(Workshop, Workshop.id == Idea.workshop_id)
    .where(Idea.id == bindparam("card"))
)
_OBJECTIVE_WORKSHOP = select(Objective.workshop_id).where(Objective.id == bindparam("objective"))
_SHOWN = (Idea.workshop_id == bindparam("workshop")) & Idea.merged_into_id.is_(None)
_IN_OBJECTIVE = _SHOWN & (Idea.objective_id == bindparam("objective"))
_ON_WALL = _SHOWN & Idea.objective_id.is_(None)
# The cards of a group in order (the moved card among them or not), and its last position.
_GROUP = {
    loose: select(Idea.id, Idea.position).where(where).order_by(Idea.position, Idea.id)
    for loose, where in ((True, _ON_WALL), (False, _IN_OBJECTIVE))
}
_LAST = {
    loose: select(func.max(Idea.position)).where(where & (Idea.id != bindparam("card")))
    for loose, where in ((True, _ON_WALL), (False, _IN_OBJECTIVE))
}
_PLACE = (
    update(Idea)
    .where(Idea.id == bindparam("card"))
    .values(objective_id=bindparam("objective"), position=bindparam("position"))
)
_SHIFT = update(Idea).where(Idea.id == bindparam("card")).values(position=bindparam("position"))
_MOVE_DUPLICATES = (
    update(Idea)
    .where(Idea.merged_into_id == bindparam("card"))
    .values(objective_id=bindparam("objective"))
)


@dataclass(frozen=True)
class MoveIdea(OperationBase):
    """Drop a card into an objective's group (or back on the loose wall), at a position."""

    idea_id: int
    objective_id: int | None
    index: int | None = None
    label = "op.move_idea"

    def apply(self, ctx: OperationContext) -> None:
        connection = ctx.session.connection()
        card = connection.execute(_CARD, {"card": self.idea_id}).one_or_none()
        if card is None:
            raise RuleError("rule.not_found", what=Idea.__tablename__, id=self.idea_id)
        if card.locked:
            raise RuleError("rule.locked", title=card.title)
        if card.merged_into_id is not None:
            raise RuleError("rule.idea_already_merged")
        if self.objective_id is not None:
            objective = {"objective": self.objective_id}
            in_workshop = connection.execute(_OBJECTIVE_WORKSHOP, objective).scalar()
            if in_workshop is None:
                raise RuleError(
                    "rule.not_found", what=Objective.__tablename__, id=self.objective_id
                )
            if in_workshop != card.workshop_id:
                raise RuleError("rule.wrong_workshop")
        keys = {"card": self.idea_id, "workshop": card.workshop_id, "objective": self.objective_id}
        loose = self.objective_id is None
        # Its duplicates go with it (into the group; their positions are behind it).
        connection.execute(_MOVE_DUPLICATES, keys)
        if self.index is None:
            last = connection.execute(_LAST[loose], keys).scalar()
            connection.execute(_PLACE, {**keys, "position": 0 if last is None else last + 1})
            return
        was = {
            row.id: row.position
            for row in connection.execute(_GROUP[loose], keys)
            if row.id != self.idea_id
        }
        order = list(was)
        at = max(0, min(self.index, len(order)))
        order.insert(at, self.idea_id)
        connection.execute(_PLACE, {**keys, "position": at})
        shifted = [
            {"card": card_id, "position": position}
            for position, card_id in enumerate(order)
            if card_id != self.idea_id and was[card_id] != position
        ]
        if shifted:
            connection.execute(_SHIFT, shifted)

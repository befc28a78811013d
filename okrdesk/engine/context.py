"""What an operation works with: its session, the time, the audit log and lookups."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, bindparam, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from okrdesk.engine.changes import Notice
from okrdesk.errors import RuleError
from okrdesk.models import AuditEvent, AuditKind, Base, Workshop

EntityT = TypeVar("EntityT", bound=Base)

_LOCK = select(Workshop.locked, Workshop.title).where(Workshop.id == bindparam("workshop"))


@dataclass
class OperationContext:
    """Handed to an operation while it runs inside one transaction."""

    session: Session
    now: datetime
    notices: list[Notice] = field(default_factory=list)
    audited: bool = False

    def get(self, entity: type[EntityT], key: int) -> EntityT:
        """The row, or a refusal saying it no longer exists."""
        row = self.session.get(entity, key)
        if row is None:
            raise RuleError("rule.not_found", what=entity.__tablename__, id=key)
        return row

    def workshop(self, workshop_id: int, *, editable: bool = True) -> Workshop:
        """The workshop; refused if it is locked by sign-off and the operation edits it."""
        workshop = self.get(Workshop, workshop_id)
        if editable and workshop.locked:
            raise RuleError("rule.locked", title=workshop.title)
        return workshop

    def check_editable(self, workshop_id: int) -> None:
        """Refused if the workshop is gone or locked by sign-off (read, not loaded: for the
        operations run on every keystroke's worth of input, like a card added)."""
        found = self.session.connection().execute(_LOCK, {"workshop": workshop_id}).one_or_none()
        if found is None:
            raise RuleError("rule.not_found", what=Workshop.__tablename__, id=workshop_id)
        if found.locked:
            raise RuleError("rule.locked", title=found.title)

    def next_position(self, column: InstrumentedAttribute[int], *where: ColumnElement[bool]) -> int:
        """One past the highest position among sibling rows."""
        highest = self.session.scalar(select(func.max(column)).where(*where))
        return 0 if highest is None else highest + 1

    def notice(self, message_id: str, **params: Any) -> None:
        self.notices.append(Notice(message_id, params))

    def audit(self, kind: AuditKind, workshop_id: int | None, **detail: Any) -> None:
        """Record a significant event; it stays even if the operation is undone."""
        self.session.add(
            AuditEvent(
                workshop_id=workshop_id,
                at=self.now,
                kind=kind,
                detail=json.dumps(detail, ensure_ascii=False, default=str, sort_keys=True),
            )
        )
        self.audited = True


Clock = Callable[[], datetime]

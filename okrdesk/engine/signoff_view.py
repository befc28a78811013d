"""What the sign-off page shows: the OKRs presented, the status, the history and the checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from okrdesk.engine.phases import light_form
from okrdesk.engine.quality import Finding, check_workshop
from okrdesk.engine.snapshot import DecisionView, workshop_snapshot
from okrdesk.models import DecisionKind, SignoffStatus, UnitLevel


@dataclass(frozen=True)
class PresentedObjective:
    """A selected objective as the signer sees it: its title and its key results' titles."""

    id: int
    title: str
    key_results: tuple[str, ...]


@dataclass(frozen=True)
class SignoffPageView:
    """One workshop at its sign-off.

    ``history`` holds every decision and every reopening, oldest first (DecisionView's kind
    says which); ``signers`` are the names that decided before, in the order they first did.
    """

    workshop_id: int
    light: bool  # a person's OKRs: the manager's 1:1 confirmation
    status: SignoffStatus
    locked: bool
    imported: bool  # a parent's OKRs imported from elsewhere: read-only here
    presented: tuple[PresentedObjective, ...]
    history: tuple[DecisionView, ...]
    signers: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def can_decide(self) -> bool:
        """Approve and return need something presented and a set not yet approved."""
        return not self.locked and bool(self.presented)

    @property
    def can_reopen(self) -> bool:
        return self.locked and not self.imported

    @property
    def approval(self) -> DecisionView | None:
        """The approval the OKRs stand on while they are locked (None before, or after a
        reopening): who approved, when, and the drawn signature."""
        if not self.locked:
            return None
        return next(
            (entry for entry in reversed(self.history) if entry.decision == DecisionKind.APPROVE),
            None,
        )


def signoff_view(session: Session, workshop_id: int, now: datetime) -> SignoffPageView | None:
    """The workshop's sign-off (the queries of one workshop's snapshot); None if it is gone."""
    snapshot = workshop_snapshot(session, workshop_id, now)
    if not snapshot.workshops:
        return None
    (workshop,) = snapshot.workshops
    unit = next(u for u in snapshot.units if u.id == workshop.unit_id)
    level = UnitLevel(unit.level)
    signoff = workshop.signoff
    history = () if signoff is None else signoff.history
    signers: list[str] = []
    for entry in history:
        if entry.decision != DecisionKind.REOPEN and entry.signer not in signers:
            signers.append(entry.signer)
    return SignoffPageView(
        workshop_id=workshop.id,
        light=light_form(level),
        status=SignoffStatus.APPROVED
        if workshop.locked
        else (SignoffStatus.PENDING if signoff is None else signoff.status),
        locked=workshop.locked,
        imported=workshop.imported_from is not None,
        presented=tuple(
            PresentedObjective(o.id, o.title, tuple(kr.title for kr in o.key_results))
            for o in workshop.objectives
            if o.selected
        ),
        history=history,
        signers=tuple(signers),
        findings=tuple(check_workshop(workshop, level)),
    )

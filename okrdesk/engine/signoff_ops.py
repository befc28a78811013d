"""Sign-off: the signer approves (and the OKRs lock) or returns them; reopening is logged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from okrdesk.engine.context import OperationContext
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.phase_ops import enter_phase
from okrdesk.engine.selection import selection_notices
from okrdesk.engine.validation import clean_text, optional_text
from okrdesk.errors import RuleError, ValidationError
from okrdesk.models import Decision, Phase, SignOff


@dataclass(frozen=True)
class SignOffWorkshop(OperationBase):
    """Record the signer's decision; a return needs a reason and sends the room back to select."""

    workshop_id: int
    decision: Decision
    signer: str
    comment: str | None = None
    signature: str | None = None
    label = "op.sign_off"

    def label_params(self) -> dict[str, Any]:
        return {}

    def apply(self, ctx: OperationContext) -> int:
        workshop = ctx.workshop(self.workshop_id)
        if workshop.phase != Phase.SIGNOFF:
            raise RuleError("rule.wrong_phase", phase=Phase.SIGNOFF.value)
        try:
            decision = Decision(self.decision)
        except ValueError as error:
            raise ValidationError("validation.bad_choice", field="decision") from error
        signer = clean_text(self.signer, "signer")
        comment = (
            clean_text(self.comment, "comment")
            if decision == Decision.RETURN
            else optional_text(self.comment, "comment")
        )
        record = SignOff(
            workshop_id=workshop.id,
            round=len(workshop.signoffs) + 1,
            decision=decision,
            signer=signer,
            comment=comment,
            decided_at=ctx.now,
            signature=self.signature,
        )
        ctx.session.add(record)
        ctx.session.flush()
        if decision == Decision.APPROVE:
            workshop.locked = True
            ctx.notices.extend(selection_notices([o for o in workshop.objectives if o.selected]))
        else:
            enter_phase(ctx, workshop, Phase.SELECT)
        ctx.audit(
            f"signoff_{decision.value}",
            workshop.id,
            signer=signer,
            round=record.round,
            comment=comment,
        )
        return record.id


@dataclass(frozen=True)
class ReopenWorkshop(OperationBase):
    """Unlock approved OKRs for editing; the reason goes to the audit log."""

    workshop_id: int
    reason: str
    by: str | None = None
    label = "op.reopen"

    def apply(self, ctx: OperationContext) -> None:
        workshop = ctx.workshop(self.workshop_id, editable=False)
        if not workshop.locked:
            raise RuleError("rule.not_locked")
        reason = clean_text(self.reason, "reason")
        workshop.locked = False
        enter_phase(ctx, workshop, Phase.SELECT)
        ctx.audit("reopened", workshop.id, reason=reason, by=optional_text(self.by, "name"))

"""Sign-off: the signer approves (and the OKRs lock) or returns them; reopening is logged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from okrdesk.engine.context import OperationContext
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.phase_ops import enter_phase
from okrdesk.engine.phases import light_form, refine_phase
from okrdesk.engine.selection import selection_notices
from okrdesk.engine.signature import parse_signature, signature_json
from okrdesk.engine.validation import clean_text, optional_text
from okrdesk.errors import RuleError, ValidationError
from okrdesk.models import AuditKind, Decision, Objective, Phase, SignOff, SignOffNote, Workshop


def _notes(
    ctx: OperationContext, workshop: Workshop, notes: tuple[tuple[int, str], ...]
) -> list[SignOffNote]:
    """The per-objective comments that say something, for objectives of this workshop."""
    kept: list[SignOffNote] = []
    for objective_id, text in dict(notes).items():  # one note per objective: the last
        comment = optional_text(text, "comment")
        if comment is None:
            continue
        objective = ctx.get(Objective, objective_id)
        if objective.workshop_id != workshop.id:
            raise RuleError("rule.not_found", what="objective", id=objective_id)
        if not objective.selected:
            raise RuleError("rule.note_not_presented", title=objective.title)
        kept.append(
            SignOffNote(objective_id=objective.id, objective_title=objective.title, comment=comment)
        )
    return kept


@dataclass(frozen=True)
class SignOffWorkshop(OperationBase):
    """Record the signer's decision; a return needs a reason and sends the room back to refine.

    The reason may be given overall, per objective (notes: objective id and comment), or both.
    The signature is the drawn signature's JSON (see engine.signature), if one was drawn.
    """

    workshop_id: int
    decision: Decision
    signer: str
    comment: str | None = None
    signature: str | None = None
    notes: tuple[tuple[int, str], ...] = ()
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
        notes = _notes(ctx, workshop, self.notes)
        comment = (
            clean_text(self.comment, "comment")
            if decision == Decision.RETURN and not notes
            else optional_text(self.comment, "comment")
        )
        signature = parse_signature(self.signature)
        record = SignOff(
            workshop_id=workshop.id,
            round=len(workshop.signoffs) + 1,
            decision=decision,
            signer=signer,
            comment=comment,
            decided_at=ctx.now,
            signature=None if signature is None else signature_json(signature),
            notes=notes,
        )
        ctx.session.add(record)
        ctx.session.flush()
        if decision == Decision.APPROVE:
            workshop.locked = True
            ctx.notices.extend(selection_notices([o for o in workshop.objectives if o.selected]))
        else:
            enter_phase(ctx, workshop, refine_phase(light_form(workshop.unit.level)))
        ctx.audit(
            AuditKind.SIGNOFF_APPROVE if decision == Decision.APPROVE else AuditKind.SIGNOFF_RETURN,
            workshop.id,
            signer=signer,
            round=record.round,
            comment=comment,
            notes=[[note.objective_title, note.comment] for note in notes],
            signed=signature is not None,
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
        if workshop.imported_from is not None:
            raise RuleError("rule.imported_read_only", source=workshop.imported_from)
        reason = clean_text(self.reason, "reason")
        workshop.locked = False
        enter_phase(ctx, workshop, refine_phase(light_form(workshop.unit.level)))
        ctx.audit(AuditKind.REOPENED, workshop.id, reason=reason, by=optional_text(self.by, "name"))

"""Applies operations to an open plan, one transaction each, and undoes or redoes them."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from okrdesk.engine.changes import Change
from okrdesk.engine.context import Clock, OperationContext
from okrdesk.engine.operation import Operation
from okrdesk.errors import ReadOnlyPlanError, RuleError
from okrdesk.models.changelog import (
    StaleChangeError,
    apply_row_images,
    clear_row_changes,
    take_row_changes,
)
from okrdesk.models.planfile import PlanFile
from okrdesk.models.types import utc_now


class PlanEditor:
    """The only way the app changes a plan: every change commits at once and can be undone."""

    def __init__(self, plan: PlanFile, clock: Clock = utc_now) -> None:
        self.plan = plan
        self.clock = clock

    def apply(self, operation: Operation) -> Change:
        """Run the operation in one transaction; on any refusal nothing is changed."""
        self._refuse_if_read_only()
        with self.plan.transaction() as session:
            clear_row_changes(session.connection())
            ctx = OperationContext(session=session, now=self.clock())
            result = operation.apply(ctx)
            try:
                session.flush()
            except IntegrityError as error:
                raise RuleError("rule.conflict") from error
            rows = take_row_changes(session.connection())
        return Change(
            label_id=operation.label,
            label_params=operation.label_params(),
            rows=tuple(rows),
            result=result,
            notices=tuple(ctx.notices),
            audited=ctx.audited,
        )

    def revert(self, change: Change, *, kind: str = "undo") -> Change:
        """Put back every row the change touched; the returned change reverts this revert.

        Undo is ``revert(change)``; redo is ``revert(undo_change, kind="redo")``.
        """
        self._refuse_if_read_only()
        with self.plan.transaction() as session:
            connection = session.connection()
            clear_row_changes(connection)
            try:
                apply_row_images(connection, change.rows)
            except StaleChangeError as error:
                raise RuleError("rule.undo_stale") from error
            rows = take_row_changes(connection)
            ctx = OperationContext(session=session, now=self.clock())
            if change.audited:
                # The audit log keeps history: an undone decision is recorded, not erased.
                ctx.audit(kind, None, label=change.label_id, params=change.label_params)
                session.flush()
        return Change(
            label_id=change.label_id,
            label_params=change.label_params,
            rows=tuple(rows),
            result=change.result,
            audited=change.audited,
        )

    def _refuse_if_read_only(self) -> None:
        if self.plan.read_only:
            raise ReadOnlyPlanError("rule.read_only", path=str(self.plan.path))

"""Applies operations to an open plan, one transaction each, and undoes or redoes them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from okrdesk.engine.aspects import Actor, row_workshops
from okrdesk.engine.changes import Change, Notice
from okrdesk.engine.context import Clock, OperationContext
from okrdesk.engine.operation import Operation
from okrdesk.errors import OkrdeskError, ReadOnlyPlanError, RuleError
from okrdesk.models import AuditKind, Workshop
from okrdesk.models.changelog import (
    RowChange,
    StaleChangeError,
    apply_row_images,
    clear_row_changes,
    take_row_changes,
)
from okrdesk.models.planfile import PlanFile, ReadOnly
from okrdesk.models.storage_errors import storage_error
from okrdesk.models.types import utc_now

P = ParamSpec("P")
T = TypeVar("T")

# An engine view function: reads through the session it is given, returns a frozen view.
ViewBuilder = Callable[Concatenate[Session, P], T]

# Why nothing can be changed, by PlanFile.read_only_reason (else: another window has it).
READ_ONLY_BECAUSE: dict[str, str] = {
    ReadOnly.FILE: "rule.read_only_file",
    ReadOnly.FOLDER: "rule.read_only_folder",
}


@dataclass
class Batch:
    """Several operations committed together as one change (one undo step)."""

    label_id: str
    session: Session
    actor: Actor = Actor.FACILITATOR
    notices: list[Notice] = field(default_factory=list)
    audited: bool = False
    change: Change | None = None


class _AllRefusedError(Exception):
    """Every operation applied together was refused: the transaction is rolled back."""


class StaleUndoError(RuleError):
    """An undo or redo refused because the rows it would put back changed since."""


class PlanEditor:
    """The only way the app changes a plan: every change commits at once and can be undone."""

    def __init__(self, plan: PlanFile, clock: Clock = utc_now) -> None:
        self.plan = plan
        self.clock = clock
        self._batch: Batch | None = None

    def apply(self, operation: Operation, actor: Actor = Actor.FACILITATOR) -> Change:
        """Run the operation in one transaction; on any refusal nothing is changed.

        Inside ``batch()`` the operation joins the batch's transaction instead; its own
        change then lists no rows (the batch's change has them all).
        """
        self._refuse_if_read_only()
        with self._refusing_storage_errors():
            if self._batch is not None:
                with self._batch.session.begin_nested():
                    return self._run(
                        operation, self._batch.session, self._batch.actor, collect_rows=False
                    )
            with self.plan.transaction() as session:
                clear_row_changes(session.connection())
                return self._run(operation, session, actor, collect_rows=True)

    def apply_together(
        self, operations: Sequence[tuple[Operation, Actor]]
    ) -> list[Change | OkrdeskError]:
        """Run the operations in one transaction, each as if applied alone (a change of its
        own, its own rows): a refused one is rolled back alone and its refusal is returned in
        its place; the others are committed together, so one sync to disk serves them all.

        The room's writer hands over every phone's write waiting at once: two hundred dots
        arriving together cost one commit instead of two hundred. Nothing is returned before
        the commit, so nothing is acknowledged that a crash could lose. A failure of the file
        itself (a full disk) refuses them all, and nothing is changed.
        """
        self._refuse_if_read_only()
        if self._batch is not None:
            raise RuntimeError("operations applied together cannot run inside a batch")
        answers: list[Change | OkrdeskError] = []
        try:
            with self._refusing_storage_errors(), self.plan.transaction() as session:
                clear_row_changes(session.connection())
                for operation, actor in operations:
                    try:
                        with session.begin_nested():
                            answers.append(self._run(operation, session, actor, collect_rows=True))
                    except OkrdeskError as refusal:
                        answers.append(refusal)
                if not any(isinstance(answer, Change) for answer in answers):
                    raise _AllRefusedError  # nothing to commit: the file is left as it was
        except _AllRefusedError:
            pass
        return answers

    def _run(
        self, operation: Operation, session: Session, actor: Actor, *, collect_rows: bool
    ) -> Change:
        ctx = OperationContext(session=session, now=self.clock())
        result = operation.apply(ctx)
        try:
            session.flush()
        except IntegrityError as error:
            raise RuleError("rule.conflict") from error
        if self._batch is not None:
            self._batch.notices.extend(ctx.notices)
            self._batch.audited = self._batch.audited or ctx.audited
        rows = take_row_changes(session.connection()) if collect_rows else []
        return Change(
            label_id=operation.label,
            label_params=operation.label_params(),
            rows=tuple(rows),
            result=result,
            notices=tuple(ctx.notices),
            audited=ctx.audited,
            workshops=row_workshops(session, rows),
            actor=actor,
        )

    @contextmanager
    def batch(self, label_id: str, actor: Actor = Actor.FACILITATOR) -> Iterator[Batch]:
        """Group the operations applied inside into one transaction and one change.

        A refused operation inside the batch is rolled back alone and its error raised;
        an exception that leaves the block rolls the whole batch back.
        """
        self._refuse_if_read_only()
        if self._batch is not None:
            raise RuntimeError("batches do not nest")
        with self._refusing_storage_errors(), self.plan.transaction() as session:
            clear_row_changes(session.connection())
            batch = Batch(label_id=label_id, session=session, actor=actor)
            self._batch = batch
            try:
                yield batch
                session.flush()
                rows = take_row_changes(session.connection())
                workshops = row_workshops(session, rows)
            finally:
                self._batch = None
        batch.change = Change(
            label_id=label_id,
            label_params={},
            rows=tuple(rows),
            notices=tuple(batch.notices),
            audited=batch.audited,
            workshops=workshops,
            actor=actor,
        )

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session that sees the plan as operations do: inside a batch, the batch's own."""
        if self._batch is not None:
            yield self._batch.session
            return
        with self.plan.reader() as session:
            yield session

    def view(self, build: ViewBuilder[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """A view of the plan as it is now, built by an engine view function.

        Screens read the plan only this way: the function reads through the session it is
        given and returns a plain frozen object, so nothing it returns is tied to the session.
        """
        with self.reading() as session:
            return build(session, *args, **kwargs)

    def committed_view(self, build: ViewBuilder[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """A view of what is committed, read on a connection of its own.

        Safe from any thread (the room server's readers run beside the window's thread): it
        never sees a batch in progress, only changes already committed, which is everything
        a phone was told was received.
        """
        with self.plan.reader() as session:
            return build(session, *args, **kwargs)

    def revert(self, change: Change, *, kind: AuditKind = AuditKind.UNDO) -> Change:
        """Put back every row the change touched; the returned change reverts this revert.

        Undo is ``revert(change)``; redo is ``revert(undo_change, kind=AuditKind.REDO)``.
        """
        self._refuse_if_read_only()
        if self._batch is not None:
            raise RuntimeError("undo and redo cannot run inside a batch")
        try:
            with self._refusing_storage_errors(), self.plan.transaction() as session:
                connection = session.connection()
                clear_row_changes(connection)
                try:
                    apply_row_images(connection, change.rows)
                except StaleChangeError as error:
                    raise StaleUndoError("rule.undo_stale") from error
                rows = take_row_changes(connection)
                if not _only_rows_of(rows, change):
                    # Putting a row back took rows written since with it (a vote round's
                    # delete cascading to the ballots handed in at the booth): refused.
                    raise StaleUndoError("rule.undo_stale")
                workshops = row_workshops(session, rows) | change.workshops
                if change.audited:
                    # The audit log keeps history: an undone decision is recorded, not erased.
                    ctx = OperationContext(session=session, now=self.clock())
                    workshop_id = workshop_of(change)
                    if workshop_id is not None and session.get(Workshop, workshop_id) is None:
                        workshop_id = None  # the undo removed the workshop itself
                    ctx.audit(kind, workshop_id, label=change.label_id, params=change.label_params)
                    session.flush()
        except IntegrityError as error:
            # Rows written since still refer to a row the revert would take away (a ballot
            # handed in at the booth for the vote round being undone): as stale as a row
            # that changed.
            raise StaleUndoError("rule.undo_stale") from error
        return Change(
            label_id=change.label_id,
            label_params=change.label_params,
            rows=tuple(rows),
            result=change.result,
            audited=change.audited,
            workshops=workshops,
            actor=change.actor,
        )

    def _refuse_if_read_only(self) -> None:
        if self.plan.read_only:
            raise ReadOnlyPlanError(
                READ_ONLY_BECAUSE.get(self.plan.read_only_reason or "", "rule.read_only"),
                path=str(self.plan.path),
            )

    @contextmanager
    def _refusing_storage_errors(self) -> Iterator[None]:
        """A failed read or write of the file becomes a refusal naming its cause.

        The transaction has been rolled back by then (a full disk, a file that became
        read-only, an I/O error, a lock held elsewhere): nothing was changed, so no change
        is returned and nothing can be recorded as done. Other database errors are bugs
        and are raised as they are.
        """
        try:
            yield
        except (DBAPIError, sqlite3.Error) as error:
            refusal = storage_error(error, self.plan.path)
            if refusal is None:
                raise
            raise refusal from error


def _only_rows_of(rows: list[RowChange], change: Change) -> bool:
    """Whether a revert wrote only rows the reverted change had written."""
    own = {(row.table, row.key) for row in change.rows}
    return all((row.table, row.key) in own for row in rows)


def workshop_of(change: Change) -> int | None:
    """The workshop a change was about (for the audit log), if its rows name one."""
    for row in change.rows:
        image = row.after or row.before or {}
        if row.table == "workshop":
            return int(image["id"])
        if image.get("workshop_id") is not None:
            return int(image["workshop_id"])
    return None

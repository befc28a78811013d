"""The window's handle on an open plan: operations become undo steps; says what changed."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, ParamSpec, TypeVar

from PySide6.QtCore import QObject, Signal

from okrdesk.engine.aspects import Actor
from okrdesk.engine.changes import Change, announced_together
from okrdesk.engine.context import Clock
from okrdesk.engine.editor import PlanEditor, ViewBuilder
from okrdesk.engine.history import History
from okrdesk.engine.operation import Operation
from okrdesk.errors import ConfirmationNeededError, OkrdeskError
from okrdesk.models.planfile import PlanFile
from okrdesk.models.types import utc_now
from okrdesk.ui.undo import ChangeCommand, HistoryStack

P = ParamSpec("P")
T = TypeVar("T")

# Asked when an operation would discard something: (message) -> proceed?
Confirmer = Callable[[str], bool]


class PlanSession(QObject):
    """Every change the window makes goes through run(): applied, committed, undoable."""

    changed = Signal(object)  # Change: what an operation, undo or redo changed
    refused = Signal(str)  # why an operation was refused, in the user's language
    noticed = Signal(str)  # a warning that did not block the operation

    def __init__(
        self,
        plan: PlanFile,
        language: str,
        clock: Clock = utc_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.plan = plan
        self.language = language
        self.editor = PlanEditor(plan, clock=clock)
        self.history = History(self.editor)
        self.undo_stack = HistoryStack(self.history, self.changed.emit, self._refused, self)
        self.confirmer: Confirmer = lambda _message: False
        self.closed = False

    @property
    def read_only(self) -> bool:
        return self.plan.read_only

    @property
    def clock(self) -> Clock:
        """The one clock of the open plan: what operations and views take as "now"."""
        return self.editor.clock

    def view(self, build: ViewBuilder[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """A frozen view of the plan as it is now, built by an engine view function."""
        return self.editor.view(build, *args, **kwargs)

    def run(self, operation: Operation, actor: Actor = Actor.FACILITATOR) -> Change | None:
        """Apply the operation; on refusal say why and change nothing.

        The facilitator's change becomes one undo step. Another actor's (a ballot handed in
        at the booth, a phone's dot) is announced the same way but is no step: the
        facilitator's Undo never takes it back.
        """
        try:
            change = self._apply_confirming(operation, actor)
        except OkrdeskError as error:
            self.refused.emit(error.message(self.language))
            return None
        if change is None:
            return None
        self._record(change)
        return change

    def apply_for(self, operation: Operation, actor: Actor) -> Change:
        """Apply someone else's operation (a phone's) and announce it; a refusal is raised.

        The refusal is the other's to hear (the phone is told), not the facilitator's: it is
        not emitted as ``refused``. Nothing is asked: another's operation never needs the
        facilitator's confirmation.
        """
        change = self.editor.apply(operation, actor)
        self._record(change)
        return change

    def apply_together_for(
        self, work: Sequence[tuple[Operation, Actor]]
    ) -> list[Change | OkrdeskError]:
        """Apply others' operations (phones') together, one commit for all; a refusal is
        returned in its operation's place, not emitted.

        The changes are announced as one (``announced_together``): two hundred phones' writes
        committed together cost the window, the projector and the room panel one re-read, not
        one each, so the Qt thread comes back for the next group sooner.
        """
        answers = self.editor.apply_together(work)
        for change in announced_together([a for a in answers if isinstance(a, Change)]):
            self._record(change)
        return answers

    def run_batch(
        self,
        label_id: str,
        steps: Callable[[Callable[[Operation], Any]], None],
        actor: Actor = Actor.FACILITATOR,
    ) -> bool:
        """Apply several operations as one change (all or nothing), as run() applies one."""
        try:
            with self.editor.batch(label_id, actor) as batch:
                steps(lambda operation: self.editor.apply(operation).result)
        except OkrdeskError as error:
            self.refused.emit(error.message(self.language))
            return False
        assert batch.change is not None
        if not batch.change.empty:
            self._record(batch.change)
        return True

    def _apply_confirming(self, operation: Operation, actor: Actor) -> Change | None:
        try:
            return self.editor.apply(operation, actor)
        except ConfirmationNeededError as question:
            if not self.confirmer(question.message(self.language)):
                return None
            # Only an operation that asks is a dataclass with a confirm field; the Operation
            # protocol cannot say so.
            again = dataclasses.replace(operation, confirm=True)  # type: ignore[type-var]
            return self.editor.apply(again, actor)

    def _record(self, change: Change) -> None:
        if self.history.record(change):  # the facilitator's, and not a change of nothing
            self.undo_stack.record(change, change.label(self.language))
        if not change.empty:
            self.changed.emit(change)
        for notice in change.notices:
            self.noticed.emit(notice.message(self.language))

    def _refused(self, error: OkrdeskError) -> None:
        self.refused.emit(error.message(self.language))

    def set_language(self, language: str) -> None:
        """Speak another language, including the names of steps already on the undo stack."""
        self.language = language
        for index in range(self.undo_stack.count()):
            command = self.undo_stack.command(index)
            if isinstance(command, ChangeCommand):
                command.setText(command.change.label(language))

    def close(self) -> None:
        self.closed = True
        self.undo_stack.clear()
        self.plan.close()

"""The facilitator's undo history: the steps done and undone, in order, kept by the engine.

Only the facilitator's own changes are steps. A ballot handed in at the booth (or, later, a
phone's dot) is applied and announced but never recorded here, so the facilitator's Undo
never takes it back; if an earlier step touched rows such a change touched since, undoing
that step is refused (``rule.undo_stale``) and the step leaves the history rather than
clobbering the later change.

No Qt here: the window's QUndoStack mirrors this history (okrdesk/ui/undo.py), and the room
server can run the same history without a window.
"""

from __future__ import annotations

from dataclasses import dataclass

from okrdesk.engine.aspects import Actor
from okrdesk.engine.changes import Change
from okrdesk.engine.editor import PlanEditor, StaleUndoError
from okrdesk.messages import DEFAULT_LANGUAGE
from okrdesk.models import AuditKind


@dataclass(frozen=True)
class Step:
    """One undoable step: the change as it now stands applied, and its label."""

    change: Change  # the operation's change, or the latest redo of it

    def label(self, language: str = DEFAULT_LANGUAGE) -> str:
        return self.change.label(language)


@dataclass(frozen=True)
class UndoneStep:
    """A step that was undone: redoing it reverts ``revert``."""

    step: Step
    revert: Change  # the change the undo made

    def label(self, language: str = DEFAULT_LANGUAGE) -> str:
        return self.step.label(language)


class History:
    """Done and undone steps of one open plan; undo and redo go through the plan's editor."""

    def __init__(self, editor: PlanEditor) -> None:
        self._editor = editor
        self._done: list[Step] = []
        self._undone: list[UndoneStep] = []  # the next to redo last

    def record(self, change: Change) -> bool:
        """Add the facilitator's applied change as the newest step; whether it became one.

        An empty change, or one made by another actor (the booth, a phone), is no step.
        Recording a step forgets what was undone (it can no longer be redone).
        """
        if change.empty or change.actor is not Actor.FACILITATOR:
            return False
        self._done.append(Step(change))
        self._undone.clear()
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def done(self) -> tuple[Step, ...]:
        """The steps that can be undone, oldest first."""
        return tuple(self._done)

    @property
    def undone(self) -> tuple[UndoneStep, ...]:
        """The steps that can be redone, the next to redo first."""
        return tuple(reversed(self._undone))

    def undo_label(self, language: str = DEFAULT_LANGUAGE) -> str | None:
        """What Undo would take back, in words (None: nothing)."""
        return self._done[-1].label(language) if self._done else None

    def redo_label(self, language: str = DEFAULT_LANGUAGE) -> str | None:
        """What Redo would do again, in words (None: nothing)."""
        return self._undone[-1].label(language) if self._undone else None

    def undo(self) -> Change:
        """Take back the newest step; the returned change is what the undo did.

        Refused (an OkrdeskError is raised, nothing changed) when the plan cannot be written,
        and the step stays; refused with ``StaleUndoError`` when its rows changed since (by
        the booth, a phone...), and then the step is dropped: it can no longer be undone
        exactly, so Undo goes on to the step before it.
        """
        if not self._done:
            raise IndexError("nothing to undo")
        step = self._done[-1]
        try:
            revert = self._editor.revert(step.change)
        except StaleUndoError:
            self._done.pop()
            raise
        self._done.pop()
        self._undone.append(UndoneStep(step, revert))
        return revert

    def redo(self) -> Change:
        """Do the next undone step again; the returned change is what the redo did.

        Refusals as for undo: a stale step is dropped from what can be redone.
        """
        if not self._undone:
            raise IndexError("nothing to redo")
        undone = self._undone[-1]
        try:
            change = self._editor.revert(undone.revert, kind=AuditKind.REDO)
        except StaleUndoError:
            self._undone.pop()
            raise
        self._undone.pop()
        self._done.append(Step(change))
        return change

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()

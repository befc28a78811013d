"""The shape every workshop operation has: a label, and apply() inside one transaction."""

from __future__ import annotations

from typing import Any, ClassVar, Protocol

from okrdesk.engine.context import OperationContext


class Operation(Protocol):
    """A change the facilitator can make; the editor commits it and can undo it."""

    label: ClassVar[str]

    def label_params(self) -> dict[str, Any]:
        """Parameters for the label's message text."""
        ...

    def apply(self, ctx: OperationContext) -> Any:
        """Make the change through ctx.session; return a result (e.g. a new id) or None."""
        ...


class OperationBase:
    """Default behaviour shared by the operation dataclasses."""

    label: ClassVar[str] = "op.generic"

    def label_params(self) -> dict[str, Any]:
        return {}

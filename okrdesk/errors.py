"""The errors okrdesk reports to people: each carries a message id and its parameters."""

from __future__ import annotations

from typing import Any

from okrdesk.messages import DEFAULT_LANGUAGE, translate


class OkrdeskError(Exception):
    """A refusal or failure that is shown to the user in their language."""

    def __init__(self, message_id: str, **params: Any) -> None:
        self.message_id = message_id
        self.params = params
        super().__init__(self.message())

    def message(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The one-line message in the given language."""
        return translate(self.message_id, language, **self.params)


class PlanFileError(OkrdeskError):
    """The file cannot be opened or created as a plan file; it was left unchanged."""


class StorageError(PlanFileError):
    """The disk or the file system refused to read or write the plan; nothing was changed."""


class ValidationError(OkrdeskError):
    """Input was refused (empty, too long, out of range); nothing was changed."""


class RuleError(OkrdeskError):
    """A workshop rule refused the operation (phase guard, budget, cap, lock...)."""


class ConfirmationNeededError(RuleError):
    """The operation would discard something; repeat it with confirm=True to proceed."""


class ReadOnlyPlanError(RuleError):
    """The plan is open read-only, so nothing can be changed."""

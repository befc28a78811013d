"""The store's refusals, each with a message id (both languages in resources/i18n)."""

from __future__ import annotations

from okrdesk.errors import OkrdeskError


class StoreError(OkrdeskError):
    """The store refused, or cannot be used as it is; nothing was changed in it."""


class StoreUnreachableError(StoreError):
    """The store's server could not be reached (down, no network, a wrong address)."""


class StoreConflictError(StoreError):
    """Another publish changed the workshop in the store since this plan last published it."""


class OwnedElsewhereError(StoreError):
    """Another plan owns the unit's workshops for the cycle."""

"""Where okrdesk keeps the user's default plan."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

DEFAULT_PLAN_NAME = "plan.okrdesk"


def data_dir() -> Path:
    """The user's okrdesk data folder (``OKRDESK_DATA_DIR`` overrides it, e.g. in tests)."""
    override = os.environ.get("OKRDESK_DATA_DIR")
    if override:
        return Path(override)
    return user_data_path("okrdesk", appauthor=False)


def default_plan_path() -> Path:
    return data_dir() / DEFAULT_PLAN_NAME

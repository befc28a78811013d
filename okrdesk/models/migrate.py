"""Schema migrations shipped inside the package, applied when a plan file is opened."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from okrdesk.models import durable
from okrdesk.models.storage_errors import write_refusal

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The schema revisions this version ships, oldest first (file names start with them).
# Alembic itself is imported only to migrate: opening a current plan stays fast.
# tests/test_planfile.py checks these against Alembic's own view of the scripts.
REVISIONS = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
    "0013",
)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest schema revision this version of okrdesk knows."""
    return REVISIONS[-1]


def known_revisions() -> set[str]:
    """Every schema revision this version of okrdesk can upgrade from."""
    return set(REVISIONS)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to the revision, in one transaction."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def backup_copy(path: Path, revision: str) -> Path:
    """A consistent copy of the plan next to it, taken before its schema is upgraded.

    Written whole under a temporary name and flushed to disk before it gets the backup's
    name: a kill or a full disk leaves no backup at all, never one that holds nothing.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.schema-{revision}-{stamp}.bak")
    try:
        durable.copy_database(path, target)
    except (OSError, sqlite3.Error) as error:
        raise write_refusal(
            error, path, full="file.backup_disk_full", failed="file.backup_failed"
        ) from error
    return target

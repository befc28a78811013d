"""Demo plans (and new empty plans) for tests, each written once per test process and copied
where a test wants one.

``copy_demo(path, stage, language)`` stands in for ``okrdesk.demo.write_demo`` in tests that
use a demo plan as their material rather than test the demo itself: writing the signed demo
is a few hundred operations (seconds on the test machine), copying it a few milliseconds.
The copy is then made "just reached" again as write_demo leaves a new demo (each workshop's
running phase began a minute ago, at the time of the copy), so a copy made late in the run
shows the same timers as a demo written then.

Every copy of one stage and language is the same file (its plan and row UUIDs too): a test
that needs two independent demo plans of the same stage writes one with write_demo.

``copy_new_plan(path, organisation)`` stands in for ``PlanFile.create(path, organisation)``
where a test only wants a new plan to fill (creating one runs every schema migration, about
0.3 s of CPU here; a copy a few milliseconds), as conftest's ``empty_plan_bytes`` does.
"""

from __future__ import annotations

import atexit
import os
import shutil
import stat
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

from okrdesk import demo
from okrdesk.demo import STAGES, _just_reached, write_demo
from okrdesk.models.planfile import PlanFile

_folder: Path | None = None


def _shared_folder() -> Path:
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="okrdesk-test-plans-"))
        atexit.register(shutil.rmtree, _folder, True)
    return _folder


def demo_template(stage: str = "signed", language: str = "en") -> Path:
    """The demo plan of stage and language written once in this process (read-only: copy it)."""
    if stage not in STAGES:  # the quarter demos take their own time (write_quarter_demo)
        raise ValueError(f"no shared demo for stage {stage!r}")
    folder = _shared_folder()
    path = folder / f"{stage}-{language}.okrdesk"
    if not path.exists():
        building = folder / f"building-{stage}-{language}.okrdesk"
        building.unlink(missing_ok=True)
        write_demo(building, stage, language)
        os.chmod(building, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        building.rename(path)
    return path


def copy_demo(path: Path, stage: str = "signed", language: str = "en") -> None:
    """A new demo plan at path (which must not exist yet), as write_demo(path, stage, language)
    would write it now."""
    if path.exists():
        raise FileExistsError(path)
    shutil.copyfile(demo_template(stage, language), path)
    with PlanFile.open(path) as plan:
        _just_reached(plan)


def demo_reached_at(path: Path, moment: datetime) -> None:
    """Move the demo plan at path so its workshops' running phases began a minute before
    moment, as a demo written at moment would be (its sign-offs on moment's day).

    A demo follows the real date (copy_demo, write_demo), while its cycle is fixed (2027-Q1):
    a test that counts days from the demo's approval, or asks whether it was approved within
    the cycle, pins the demo to a moment instead, so it reads the same on every date."""

    class _At(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            return moment.astimezone(tz or UTC)

    with PlanFile.open(path) as plan, mock.patch.object(demo, "datetime", _At):
        _just_reached(plan)


_new_plans: dict[str, bytes] = {}


def copy_new_plan(path: Path, organisation: str = "Northstar") -> None:
    """A new, empty plan of organisation at path (which must not exist yet), as
    PlanFile.create(path, organisation) writes one (the caller opens it)."""
    if path.exists():
        raise FileExistsError(path)
    if organisation not in _new_plans:
        made = _shared_folder() / f"new-{len(_new_plans)}.okrdesk"
        PlanFile.create(made, organisation).close()
        _new_plans[organisation] = made.read_bytes()
    path.write_bytes(_new_plans[organisation])

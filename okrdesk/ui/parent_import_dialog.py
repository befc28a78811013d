"""File > Import Parent OKRs: bring a parent unit's approved OKRs from another plan or export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from okrdesk.engine import ops
from okrdesk.engine.parent_import import ParentOkrs, approved_okrs, importable_parents
from okrdesk.engine.sources import read_snapshot
from okrdesk.errors import OkrdeskError, PlanFileError
from okrdesk.models.durable import overwrites
from okrdesk.ui.dialogs import CANCELLED, choose
from okrdesk.ui.session import PlanSession

translate = QCoreApplication.translate


def describe(okrs: ParentOkrs) -> str:
    """How an offered workshop reads in the list: cycle, unit, title, signer and size."""
    return f"{okrs.cycle} · {okrs.unit} · {okrs.title} — " + translate(
        "ParentImport", "approved by %1, %2 objectives"
    ).replace("%1", okrs.signer).replace("%2", str(len(okrs.objectives)))


def pick_source(parent: QWidget) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        translate("ParentImport", "Import parent OKRs"),
        "",
        translate("ParentImport", "okrdesk plans and plan exports (*.okrdesk *.json)"),
    )
    return Path(path) if path else None


def import_parent_okrs(parent: QWidget, session: PlanSession, source: Path | None) -> int | None:
    """Read the source, let the facilitator pick an approved workshop, import it.

    Returns the new workshop's id, or None when cancelled or refused (the reason is shown
    in the window's message bar, in the user's language).
    """
    if source is None:
        return None
    if overwrites(source, [session.plan.path]) is not None:
        # Reading the open plan again through a new descriptor would drop SQLite's locks.
        error = PlanFileError("file.parent_is_this_plan", path=str(source))
        session.refused.emit(error.message(session.language))
        return None
    try:
        offered = approved_okrs(read_snapshot(source, session.clock), source.name)
    except OkrdeskError as error:
        session.refused.emit(error.message(session.language))
        return None
    offered = list(session.view(importable_parents, tuple(offered)))
    if not offered:
        session.refused.emit(
            translate("ParentImport", "%1 has no approved OKRs this plan could align to.").replace(
                "%1", source.name
            )
        )
        return None
    chosen = choose(
        parent,
        translate("ParentImport", "Import parent OKRs"),
        translate("ParentImport", "Which approved OKRs should this plan align to?"),
        [(describe(okrs), okrs) for okrs in offered],
    )
    if chosen is CANCELLED:
        return None
    change = session.run(ops.ImportParentOkrs(chosen))
    return None if change is None else change.result

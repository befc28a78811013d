"""Export by the output's extension: .pdf (handout, wall summary or alignment tree),
.md, .csv or .json; written whole or not at all."""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import BinaryIO

from okrdesk.engine.alignment_tree import alignment_tree
from okrdesk.engine.snapshot import PlanSnapshot
from okrdesk.errors import PlanFileError
from okrdesk.export.pdf.fonts import PdfFont
from okrdesk.export.plan_json import plan_to_json
from okrdesk.export.report import Report, build_report, latest_cycle_id
from okrdesk.export.tables import report_csv, report_markdown

DOCUMENTS = ("handout", "wall", "alignment")
FORMATS = (".pdf", ".md", ".csv", ".json")


def write_pdf(
    snapshot: PlanSnapshot,
    report: Report,
    out: Path | BinaryIO,
    document: str,
    paper: str,
    font: PdfFont | None = None,
) -> None:
    """The chosen PDF document of the report."""
    from okrdesk.export.pdf.alignment_doc import write_alignment
    from okrdesk.export.pdf.handout import write_handout
    from okrdesk.export.pdf.wall import write_wall

    if document == "wall":
        write_wall(report, out, paper, font)
    elif document == "alignment":
        cycle = next((c for c in snapshot.cycles if c.name == report.cycle), None)
        cycle_id = cycle.id if cycle is not None else latest_cycle_id(snapshot)
        cycle_workshops = [w for w in snapshot.workshops if w.cycle_id == cycle_id]
        write_alignment(
            alignment_tree(snapshot, cycle_id or 0),
            out,
            organisation=snapshot.organisation,
            cycle=report.cycle,
            language=report.language,
            draft=any(not w.locked for w in cycle_workshops),
            printed=report.generated,
            paper=paper,
            font=font,
        )
    else:
        write_handout(report, out, paper, font)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(out: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write to a temporary file beside the output, then move it into place.

    The file gets the usual permissions for a new file (not the temporary file's 0600).
    A file-system failure is reported with the output's name, never the temporary one's.
    """
    try:
        handle, temporary = tempfile.mkstemp(prefix=".okrdesk-", suffix=out.suffix, dir=out.parent)
    except OSError as error:
        raise PlanFileError("cli.cannot_write", path=str(out), reason=error.strerror) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, out)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise PlanFileError("cli.cannot_write", path=str(out), reason=error.strerror) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def export(
    snapshot: PlanSnapshot,
    out: Path,
    *,
    language: str,
    workshop_id: int | None = None,
    paper: str = "a4",
    document: str = "handout",
    today: date | None = None,
    font: PdfFont | None = None,
    cycle_id: int | None = None,
) -> None:
    """Write the export the output's extension asks for.

    Without a workshop it covers every workshop of the cycle (default: the latest cycle
    that has workshops).
    """
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise PlanFileError("cli.export_format", path=str(out))
    if workshop_id is not None and all(w.id != workshop_id for w in snapshot.workshops):
        raise PlanFileError("cli.no_workshop", id=workshop_id)
    if not out.parent.is_dir():
        raise PlanFileError("cli.no_folder", path=str(out.parent))
    if suffix == ".json":
        chosen = snapshot  # the whole plan, unless one workshop is asked for
        if workshop_id is not None:
            chosen = dataclasses.replace(
                snapshot, workshops=tuple(w for w in snapshot.workshops if w.id == workshop_id)
            )
        data = json.dumps(plan_to_json(chosen), ensure_ascii=False, indent=2) + "\n"
        write_atomically(out, lambda stream: stream.write(data.encode("utf-8")))
        return
    report = build_report(snapshot, language, workshop_id, today, cycle_id)
    if suffix == ".md":
        write_atomically(out, lambda stream: stream.write(report_markdown(report).encode("utf-8")))
    elif suffix == ".csv":
        # With a byte-order mark, so spreadsheet programs read the Chinese right.
        write_atomically(out, lambda stream: stream.write(report_csv(report).encode("utf-8-sig")))
    else:
        write_atomically(
            out, lambda stream: write_pdf(snapshot, report, stream, document, paper, font)
        )

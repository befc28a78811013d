"""Export by the output's extension: .pdf (handout, wall summary or alignment tree),
.md, .csv or .json; written whole or not at all."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import BinaryIO

from okrdesk.engine.snapshot import PlanSnapshot
from okrdesk.errors import PlanFileError
from okrdesk.export import DOCUMENTS
from okrdesk.export.pdf.fonts import PdfFont
from okrdesk.export.report import Report, build_report, latest_cycle_id
from okrdesk.models import durable
from okrdesk.models.storage_errors import storage_error, write_refusal

__all__ = ["DOCUMENTS", "FORMATS", "check_target", "export", "write_atomically", "write_pdf"]

FORMATS = (".pdf", ".md", ".csv", ".json")


def write_pdf(
    snapshot: PlanSnapshot,
    report: Report,
    out: Path | BinaryIO,
    document: str,
    paper: str,
    font: PdfFont | None = None,
) -> None:
    """The chosen PDF document of the report (its module imported alone)."""
    if document == "wall":
        from okrdesk.export.pdf.wall import write_wall

        write_wall(report, out, paper, font)
    elif document == "alignment":
        from okrdesk.engine.alignment_tree import alignment_tree
        from okrdesk.export.pdf.alignment_doc import write_alignment

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
        from okrdesk.export.pdf.handout import write_handout

        write_handout(report, out, paper, font)


def check_target(out: Path, protect: Iterable[Path | None] = ()) -> None:
    """Refuse an output that would replace what is being exported from, or a read-only file.

    protect: the plan (or plan JSON) read, and any backup in use; a plan's journals and
    lock beside it are protected with it. The same file is found by identity, so a hard
    link or a symbolic link to it is refused too. A pipe, a device or a socket is refused
    (a symbolic link to a regular file is written through: see durable.write_atomically).
    """
    sources = [path for path in protect if path is not None]
    if durable.overwrites(out, sources) is not None:
        raise PlanFileError("file.export_onto_source", path=str(out))
    if durable.overwrites(out, [f for p in sources for f in durable.database_files(p)]) is not None:
        raise PlanFileError("file.onto_plan_file", path=str(out))
    if durable.is_special(out):  # replacing a pipe or a device would write nothing to it
        raise PlanFileError("file.target_not_regular", path=str(out))
    if durable.is_read_only(out):
        raise PlanFileError("file.read_only_target", path=str(out))


def write_atomically(
    out: Path, write: Callable[[BinaryIO], object], *, protect: Iterable[Path | None] = ()
) -> None:
    """Write the output whole or not at all, flushed to disk (see okrdesk.models.durable).

    The target is checked first (check_target). The file gets the usual permissions for a
    new file, and a failure is reported with the output's name, never the temporary one's.
    """
    check_target(out, protect)
    try:
        durable.write_atomically(out, write)
    except OSError as error:
        # A cause with words of its own (a read-only disk, no permission, an I/O error)
        # is said in the user's language, not in the system's English.
        said = storage_error(
            OSError(error.errno, error.strerror), out
        )  # out's name, not a temporary's
        if said is not None and said.message_id != "file.disk_full":
            raise said from error
        raise write_refusal(
            error, out, full="file.write_disk_full", failed="cli.cannot_write"
        ) from error


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
    protect: Iterable[Path | None] = (),
) -> None:
    """Write the export the output's extension asks for.

    Without a workshop it covers every workshop of the cycle (default: the latest cycle
    that has workshops). protect names the files read (the plan, a backup in use): an
    output that is one of them, by any name or link, is refused.
    """
    suffix = out.suffix.lower()
    protect = tuple(protect)

    def write(content: Callable[[BinaryIO], object]) -> None:
        write_atomically(out, content, protect=protect)

    # The plan itself named as the output is said as such first, whatever its extension.
    check_target(out, protect)
    if suffix not in FORMATS:
        raise PlanFileError("cli.export_format", path=str(out))
    if workshop_id is not None and all(w.id != workshop_id for w in snapshot.workshops):
        raise PlanFileError("cli.no_workshop", id=workshop_id)
    if not out.parent.is_dir():
        raise PlanFileError("cli.no_folder", path=str(out.parent))
    if suffix == ".json":
        from okrdesk.export.plan_json import plan_to_json

        chosen = snapshot  # the whole plan, unless one workshop is asked for
        if workshop_id is not None:
            chosen = dataclasses.replace(
                snapshot, workshops=tuple(w for w in snapshot.workshops if w.id == workshop_id)
            )
        data = json.dumps(plan_to_json(chosen), ensure_ascii=False, indent=2) + "\n"
        write(lambda stream: stream.write(data.encode("utf-8")))
        return
    report = build_report(snapshot, language, workshop_id, today, cycle_id)
    # Each format's writer is imported for it alone (an export loads one of them).
    if suffix == ".md":
        from okrdesk.export.tables import report_markdown

        write(lambda stream: stream.write(report_markdown(report).encode("utf-8")))
    elif suffix == ".csv":
        from okrdesk.export.tables import report_csv

        # With a byte-order mark, so spreadsheet programs read the Chinese right.
        write(lambda stream: stream.write(report_csv(report).encode("utf-8-sig")))
    else:
        write(lambda stream: write_pdf(snapshot, report, stream, document, paper, font))

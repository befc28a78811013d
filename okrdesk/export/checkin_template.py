"""The check-in sheet handed to owners: a row per approved key result, as CSV or XLSX, whose
filled-in copy the check-in import reads back."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from okrdesk.engine.review_view import ReviewView
from okrdesk.errors import PlanFileError
from okrdesk.export.exporter import write_atomically
from okrdesk.messages import translate
from okrdesk.models import KeyResultKind

TEMPLATE_FORMATS = (".csv", ".xlsx")
# The columns, by message id; the import reads its own (id, key result, value, done, percent,
# confidence, comment, who, date) by header and passes over the ones for reading only.
COLUMNS = (
    "checkin_template.id",
    "checkin_template.objective",
    "checkin_template.key_result",
    "checkin_template.kind",
    "checkin_template.start",
    "checkin_template.target",
    "checkin_template.unit",
    "checkin_template.value",
    "checkin_template.done",
    "checkin_template.percent",
    "checkin_template.confidence",
    "checkin_template.comment",
    "checkin_template.who",
    "checkin_template.date",
)
Cell = str | int | Decimal | None


def template_rows(review: ReviewView, language: str) -> list[list[Cell]]:
    """The header and a row per key result of the review's objectives, progress left empty."""
    rows: list[list[Cell]] = [[translate(column, language) for column in COLUMNS]]
    for objective in review.objectives:
        for kr in objective.key_results:
            kind = (
                "checkin_template.kind_metric"
                if kr.kind == KeyResultKind.METRIC
                else "checkin_template.kind_milestone"
            )
            rows.append(
                [
                    kr.id,
                    objective.title,
                    kr.title,
                    translate(kind, language),
                    kr.start,
                    kr.target,
                    kr.unit,
                    None,
                    None,
                    None,
                    None,
                    None,
                    kr.owner,
                    None,
                ]
            )
    return rows


def write_check_in_template(
    review: ReviewView, out: Path, language: str, protect: Iterable[Path | None] = ()
) -> None:
    """Write the sheet (.csv with a byte-order mark for spreadsheet programs, or .xlsx),
    whole or not at all."""
    suffix = out.suffix.lower()
    if suffix not in TEMPLATE_FORMATS:
        raise PlanFileError("checkin_template.format", path=str(out))
    rows = template_rows(review, language)
    if suffix == ".csv":
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerows([["" if cell is None else str(cell) for cell in row] for row in rows])
        data = text.getvalue().encode("utf-8-sig")
        write_atomically(out, lambda stream: stream.write(data), protect=protect)
        return
    write_atomically(out, lambda stream: _workbook(rows, review.title, stream), protect=protect)


def _workbook(rows: list[list[Cell]], title: str, stream: BinaryIO) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    # A sheet's name: at most 31 characters, none of []:*?/\
    sheet.title = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "OKR"
    for row in rows:
        sheet.append([float(c) if isinstance(c, Decimal) else c for c in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = (8, 30, 40, 10, 8, 8, 8, 10, 10, 10, 12, 30, 12, 12)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    book.save(stream)

"""Candidate ideas and participants collected before the meeting: rows checked, one change."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from okrdesk.engine.context import OperationContext
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.source_files import (
    CsvFile,
    SourceRows,
    open_source,
    read_rows,
    read_source,
)
from okrdesk.engine.source_limits import SourceFileError
from okrdesk.engine.validation import clean_text
from okrdesk.errors import ValidationError
from okrdesk.models import Idea, Participant

__all__ = [
    "CsvFile",
    "ImportIdeas",
    "ImportRow",
    "SourceFileError",
    "SourceRows",
    "cell_text",
    "open_source",
    "parse_rows",
    "read_rows",
    "read_source",
]

# Header words accepted for each column, in English and Chinese (compared case-folded).
IDEA_HEADERS = {
    *("idea", "ideas", "text", "objective", "candidate"),
    *("想法", "候选目标", "目标", "内容"),
}
AUTHOR_HEADERS = {"author", "participant", "name", "作者", "参与者", "姓名", "提交人"}


@dataclass(frozen=True)
class ImportRow:
    """One usable row: an idea (or None for a participant-only row) and its author."""

    row_number: int
    idea: str | None
    author: str | None


# A cell as read: text from a CSV file; text, a number, a truth value or a date from a workbook.
Cell = str | int | float | bool | datetime | date | time | timedelta | None


def cell_text(value: Cell) -> str:
    """A cell's value as the text an idea or a name is made of."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_rows(rows: Sequence[Sequence[Cell]]) -> list[ImportRow]:
    """Check every row; refuse the whole file at the first bad row, naming its number."""
    if not rows:
        raise SourceFileError("import.no_header")
    header = [cell_text(cell).strip().casefold() for cell in rows[0]]
    idea_column = next((i for i, h in enumerate(header) if h in IDEA_HEADERS), None)
    author_column = next((i for i, h in enumerate(header) if h in AUTHOR_HEADERS), None)
    if idea_column is None and author_column is None:
        raise SourceFileError("import.no_header")
    width = len(header)
    parsed: list[ImportRow] = []
    for number, row in enumerate(rows[1:], start=2):
        cells = [cell_text(cell) for cell in row]
        if not any(cell.strip() for cell in cells):
            continue  # blank spreadsheet rows are not mistakes
        if len([c for c in cells[width:] if c.strip()]) > 0:
            raise SourceFileError("import.extra_cells", row=number)
        cells += [""] * (width - len(cells))
        try:
            idea = None
            if idea_column is not None and cells[idea_column].strip():
                idea = clean_text(cells[idea_column], "idea")
            author = None
            if author_column is not None and cells[author_column].strip():
                author = clean_text(cells[author_column], "name")
        except ValidationError as error:
            raise SourceFileError("import.bad_row", row=number, reason=error.message()) from error
        if idea is None and author is None:
            raise SourceFileError("import.empty_row", row=number)
        parsed.append(ImportRow(number, idea, author))
    if not parsed:
        raise SourceFileError("import.nothing")
    return parsed


@dataclass(frozen=True)
class ImportIdeas(OperationBase):
    """Add the imported participants (new names only) and ideas, as one change."""

    workshop_id: int
    rows: tuple[ImportRow, ...]
    label = "op.import"

    def apply(self, ctx: OperationContext) -> tuple[int, int]:
        ctx.workshop(self.workshop_id)
        existing = {
            p.name: p.id
            for p in ctx.session.scalars(
                select(Participant).where(Participant.workshop_id == self.workshop_id)
            )
        }
        new_people = 0
        for name in _authors(self.rows):
            if name not in existing:
                person = Participant(
                    workshop_id=self.workshop_id,
                    name=name,
                    position=ctx.next_position(
                        Participant.position, Participant.workshop_id == self.workshop_id
                    ),
                )
                ctx.session.add(person)
                ctx.session.flush()
                existing[name] = person.id
                new_people += 1
        position = ctx.next_position(Idea.position, Idea.workshop_id == self.workshop_id)
        ideas = 0
        for row in self.rows:
            if row.idea is None:
                continue
            ctx.session.add(
                Idea(
                    workshop_id=self.workshop_id,
                    text=row.idea,
                    author_id=None if row.author is None else existing[row.author],
                    position=position,
                    created_at=ctx.now,
                )
            )
            position += 1
            ideas += 1
        return ideas, new_people


def _authors(rows: Iterable[ImportRow]) -> list[str]:
    return list(dict.fromkeys(row.author for row in rows if row.author is not None))

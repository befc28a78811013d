"""Candidate ideas and participants collected before the meeting: rows checked, one change."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.engine.context import OperationContext
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.phases import light_form
from okrdesk.engine.source_files import (
    CsvFile,
    SourceRows,
    open_source,
    read_rows,
    read_source,
)
from okrdesk.engine.source_limits import SourceFileError, column_letter
from okrdesk.engine.survey_columns import (
    HEADER_SEARCH,
    Columns,
    detect_columns,
    header_row,
    resolve_column,
)
from okrdesk.engine.validation import clean_text
from okrdesk.errors import RuleError, ValidationError
from okrdesk.messages import translate
from okrdesk.models import Idea, Participant, Phase, Workshop

__all__ = [
    "Columns",
    "CsvFile",
    "ImportIdeas",
    "ImportPlan",
    "ImportResult",
    "ImportRow",
    "SourceFileError",
    "SourceRows",
    "arrival",
    "cell_text",
    "columns_for",
    "header_index",
    "import_refusal",
    "import_target",
    "open_source",
    "parse_rows",
    "plan_import",
    "read_rows",
    "read_source",
]

# What a survey tool writes for a responder who gave no name: kept anonymous.
ANONYMOUS_NAMES = frozenset({"anonymous", "匿名", "匿名用户", "(匿名)", "（匿名）"})


@dataclass(frozen=True)
class ImportRow:
    """One usable row: an idea (or None for a participant-only row), its author, department."""

    row_number: int
    idea: str | None
    author: str | None
    department: str | None = None


# A cell as read: text from a CSV file; text, a number, a truth value or a date from a workbook.
Cell = str | int | float | bool | datetime | date | time | timedelta | None


def cell_text(value: Cell) -> str:
    """A cell's value as the text an idea or a name is made of."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class ImportPlan:
    """The rows a file gives, read through its columns, before anything is imported."""

    columns: Columns
    rows: tuple[ImportRow, ...]
    skipped: int = 0  # survey answers with neither an idea nor a name

    @property
    def ideas(self) -> int:
        return sum(row.idea is not None for row in self.rows)

    @property
    def people(self) -> int:
        """The people named as authors of ideas."""
        return len({row.author for row in self.rows if row.idea is not None and row.author})

    @property
    def anonymous(self) -> int:
        """Ideas with no name beside them (kept, without an author)."""
        return sum(row.idea is not None and row.author is None for row in self.rows)


def columns_for(
    rows: Sequence[Sequence[Cell]],
    idea: str | None = None,
    author: str | None = None,
    department: str | None = None,
) -> Columns:
    """The columns detected in the header row (the first, or the one below a survey's title);
    a column a user named replaces the detected one (and makes the idea column certain). An
    author or department named "-" or "none" means no such column."""
    first = header_index(rows)
    if len(rows) <= first or not any(cell_text(cell).strip() for cell in rows[first]):
        raise SourceFileError("import.no_header")
    header = [cell_text(cell) for cell in rows[first]]
    body = [[cell_text(cell) for cell in row] for row in rows[first + 1 : first + 51]]
    columns = replace(detect_columns(header, body), header_row=first)
    if author is not None:
        column = _chosen(author, columns)
        columns = replace(columns, author=column)
        if column is not None and column == columns.idea:
            columns = replace(columns, idea=_next_candidate(columns, column), sure=False)
    if department is not None:
        column = _chosen(department, columns)
        columns = replace(columns, department=column)
        if column is not None and column == columns.idea:
            columns = replace(columns, idea=_next_candidate(columns, column), sure=False)
    if idea is not None:
        columns = replace(columns, idea=resolve_column(idea, columns), sure=True)
    return columns


def header_index(rows: Sequence[Sequence[Cell]]) -> int:
    """Where the file's header row is (0, or below a survey's title line; see header_row)."""
    return header_row([[cell_text(cell) for cell in row] for row in rows[:HEADER_SEARCH]])


def _chosen(spec: str, columns: Columns) -> int | None:
    """The column a user named, or None for "-", "none" or "无" (no such column)."""
    return None if spec.strip().casefold() in {"-", "none", "无"} else resolve_column(spec, columns)


def _next_candidate(columns: Columns, taken: int) -> int | None:
    return next((c for c in columns.candidates if c != taken), None)


def plan_import(rows: Sequence[Sequence[Cell]], columns: Columns | None = None) -> ImportPlan:
    """Check every row through the columns; refuse the whole file at the first bad row.

    Without columns they are detected; an unsure detection is refused, naming the columns
    and how to choose (the window asks with its own pickers and passes its columns).
    """
    if columns is None:
        columns = columns_for(rows)
    if columns.idea is None and columns.author is None:
        raise SourceFileError("import.no_idea_column", columns=columns.listing())
    if not columns.sure and columns.idea is not None:
        raise SourceFileError(
            "import.idea_column_unsure",
            columns=columns.listing(),
            guess=columns.named(columns.idea),
            letter=column_letter(columns.idea + 1),
        )
    width = len(columns.header)
    parsed: list[ImportRow] = []
    skipped = 0
    first = columns.header_row + 1  # rows are numbered as a spreadsheet numbers them
    for number, row in enumerate(rows[first:], start=first + 1):
        cells = [cell_text(cell) for cell in row]
        if not any(cell.strip() for cell in cells):
            continue  # blank spreadsheet rows are not mistakes
        if len([c for c in cells[width:] if c.strip()]) > 0:
            raise SourceFileError("import.extra_cells", row=number)
        cells += [""] * (width - len(cells))
        try:
            idea = _text(cells, columns.idea, "idea")
            author = _text(cells, columns.author, "name")
            department = _text(cells, columns.department, "department")
        except ValidationError as error:
            if error.message_id == "validation.too_long" and error.params["field"] == "idea":
                # Kept whole or not at all: a card is never cut; the person shortens it.
                raise SourceFileError(
                    "import.idea_too_long",
                    row=number,
                    column=columns.named(columns.idea or 0),
                    length=error.params["length"],
                    limit=error.params["limit"],
                ) from error
            raise SourceFileError("import.bad_row", row=number, reason=error.message()) from error
        if author is not None and author.casefold() in ANONYMOUS_NAMES:
            author = None
        if idea is None and author is None:
            if columns.layout.survey:
                skipped += 1  # an answer left blank: the survey allowed it
                continue
            raise SourceFileError("import.empty_row", row=number)
        parsed.append(ImportRow(number, idea, author, department))
    if not parsed:
        raise SourceFileError("import.nothing")
    return ImportPlan(columns, tuple(parsed), skipped)


def _text(cells: Sequence[str], column: int | None, field: str) -> str | None:
    if column is None or not cells[column].strip():
        return None
    return clean_text(cells[column], field)


def parse_rows(rows: Sequence[Sequence[Cell]]) -> list[ImportRow]:
    """The rows of a file whose columns are detected with certainty (see plan_import)."""
    return list(plan_import(rows).rows)


@dataclass(frozen=True)
class ImportResult:
    """What an import added, and what it left out because the workshop already had it."""

    ideas: int
    people: int  # named authors of the ideas added
    anonymous: int  # ideas added without a name
    new_participants: int
    already_there: int  # ideas the workshop already had (this file imported before)


def import_refusal(session: Session, workshop_id: int) -> RuleError | None:
    """Why ideas cannot be imported into the workshop now (None: they can)."""
    workshop = session.get(Workshop, workshop_id)
    if workshop is None:
        return RuleError("rule.not_found", what="workshop", id=workshop_id)
    if light_form(workshop.unit.level):
        return RuleError("import.person_workshop", title=workshop.title)
    if workshop.phase.order > Phase.BRAINSTORM.order:
        return RuleError("import.past_brainstorm", title=workshop.title, phase=workshop.phase.value)
    if workshop.locked:
        return RuleError("rule.locked", title=workshop.title)
    return None


@dataclass(frozen=True)
class ImportTarget:
    """What the import preview needs of the workshop: why it refuses ideas (if it does), and
    the ideas it has (text as compared, author's name; once per card) to tell a file imported
    before."""

    refusal_id: str | None
    refusal_params: tuple[tuple[str, str | int | None], ...]
    known: tuple[tuple[str, str | None], ...]
    participants: frozenset[str] = frozenset()

    def refusal(self, language: str) -> str | None:
        if self.refusal_id is None:
            return None
        return translate(self.refusal_id, language, **dict(self.refusal_params))

    def already_there(self, rows: Iterable[ImportRow]) -> int:
        """How many of the rows' ideas the workshop has already (see ImportIdeas)."""
        left = Counter(self.known)
        again = 0
        for row in rows:
            if row.idea is not None and _matched(left, row.idea, row.author):
                again += 1
        return again


def _matched(left: Counter[tuple[str, str | None]], idea: str, author: str | None) -> bool:
    """Whether one of the workshop's ideas not matched yet is this one (and match it)."""
    key = (_same(idea), author)
    if left[key] <= 0:
        return False
    left[key] -= 1
    return True


def import_target(session: Session, workshop_id: int) -> ImportTarget:
    """The view of the workshop the import preview reads (a query for its ideas, one for its
    participants)."""
    refusal = import_refusal(session, workshop_id)
    if refusal is not None:
        params = tuple(
            (k, v) for k, v in refusal.params.items() if v is None or isinstance(v, str | int)
        )
        return ImportTarget(refusal.message_id, params, ())
    people = session.scalars(select(Participant.name).where(Participant.workshop_id == workshop_id))
    known = tuple(sorted(known_ideas(session, workshop_id).elements(), key=str))
    return ImportTarget(None, (), known, frozenset(people))


def known_ideas(session: Session, workshop_id: int) -> Counter[tuple[str, str | None]]:
    """The workshop's ideas as compared for duplicates, (text, author's name): how many of each."""
    rows = session.execute(
        select(Idea.text, Participant.name)
        .outerjoin(Participant, Idea.author_id == Participant.id)
        .where(Idea.workshop_id == workshop_id)
    )
    return Counter((_same(text), name) for text, name in rows)


def _same(text: str) -> str:
    """An idea's text as compared for duplicates: spaces and case do not matter."""
    return " ".join(text.casefold().split())


def arrival(
    result: ImportResult, language: str, encoding: str | None = None, skipped: int = 0
) -> str:
    """What arrived, in a sentence ("6 ideas from 6 people; 1 without a name, kept anonymous.")."""
    details = ""
    if result.anonymous:
        details += translate("arrival.anonymous", language, count=result.anonymous)
    if result.new_participants:
        new = counted("participant", result.new_participants, language)
        details += translate("arrival.new", language, participants=new)
    if result.already_there:
        details += translate("arrival.again", language, count=result.already_there)
    if skipped:
        details += translate(
            "arrival.skipped", language, answers=counted("answer", skipped, language)
        )
    text = translate(
        "import.arrived",
        language,
        ideas=counted("idea", result.ideas, language),
        people=counted("person", result.people, language),
        details=details,
    )
    if encoding is not None:
        text += translate("import.read_as", language, encoding=encoding)
    return text


COUNTED = {
    "idea": ("count.idea", "count.idea_one"),
    "person": ("count.person", "count.person_one"),
    "participant": ("count.participant", "count.participant_one"),
    "answer": ("count.answer", "count.answer_one"),
}


def counted(what: str, count: int, language: str) -> str:
    """A count with its noun ("1 idea", "6 ideas", "6 条想法")."""
    many, one = COUNTED[what]
    return translate(one if count == 1 else many, language, count=count)


@dataclass(frozen=True)
class ImportIdeas(OperationBase):
    """Add the imported participants (new names only) and ideas, as one change.

    An idea the workshop already has from the same author (the same file imported again) is
    left out and counted: each card on the wall stands for one row of the file, so two people
    answering the same words anonymously stay two ideas, and a file imported twice adds none.
    An import that would add nothing at all is refused, saying why.
    """

    workshop_id: int
    rows: tuple[ImportRow, ...]
    label = "op.import"

    def apply(self, ctx: OperationContext) -> ImportResult:
        ctx.workshop(self.workshop_id)
        refusal = import_refusal(ctx.session, self.workshop_id)
        if refusal is not None:
            raise refusal
        people_there = {
            p.name: p
            for p in ctx.session.scalars(
                select(Participant).where(Participant.workshop_id == self.workshop_id)
            )
        }
        existing = {name: person.id for name, person in people_there.items()}
        had = known_ideas(ctx.session, self.workshop_id)
        departments = _departments(self.rows)
        new_people = 0
        for name in _authors(self.rows):
            known = people_there.get(name)
            if known is not None:
                # Someone already in the room gets the department the survey gives, if none
                # was said for them yet (one said before is not overwritten).
                if known.department is None and name in departments:
                    known.department = departments[name]
                continue
            person = Participant(
                workshop_id=self.workshop_id,
                name=name,
                department=departments.get(name),
                position=ctx.next_position(
                    Participant.position, Participant.workshop_id == self.workshop_id
                ),
            )
            ctx.session.add(person)
            ctx.session.flush()
            existing[name] = person.id
            new_people += 1
        position = ctx.next_position(Idea.position, Idea.workshop_id == self.workshop_id)
        ideas = anonymous = again = 0
        people: set[str] = set()
        for row in self.rows:
            if row.idea is None:
                continue
            if _matched(had, row.idea, row.author):
                again += 1
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
            if row.author is None:
                anonymous += 1
            else:
                people.add(row.author)
        if ideas == 0 and new_people == 0:
            if again:
                raise RuleError("import.already_imported", count=again)
            if existing and _authors(self.rows):
                raise RuleError("import.people_known")
            raise SourceFileError("import.nothing")
        return ImportResult(ideas, len(people), anonymous, new_people, again)


def _departments(rows: Iterable[ImportRow]) -> dict[str, str]:
    """Each named author's department: the first their rows give."""
    found: dict[str, str] = {}
    for row in rows:
        if row.author is not None and row.department is not None:
            found.setdefault(row.author, row.department)
    return found


def _authors(rows: Iterable[ImportRow]) -> list[str]:
    return list(dict.fromkeys(row.author for row in rows if row.author is not None))

"""Check-ins from the spreadsheet owners fill in: its rows read against the approved key
results, every problem said by row, and all of them recorded in one undoable change."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.engine.checkin_cells import (
    HEADERS,
    PROGRESS_FIELDS,
    Field,
    confidence_of,
    done_of,
    done_word,
    header_key,
    percent_of,
    same_title,
    text_of,
    when_of,
)
from okrdesk.engine.checkin_ops import RecordCheckIn, checked_progress
from okrdesk.engine.context import OperationContext
from okrdesk.engine.importer import Cell, cell_text
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.validation import optional_text, parse_decimal
from okrdesk.errors import OkrdeskError, RuleError, ValidationError
from okrdesk.messages import translate
from okrdesk.models import CheckIn, KeyResult, KeyResultKind, Objective, Workshop

__all__ = [
    "CheckInEntry",
    "CheckInImportResult",
    "CheckInSheet",
    "Field",
    "ImportCheckIns",
    "RowError",
    "SheetProblem",
    "arrival",
    "read_check_in_sheet",
]

# The header row is looked for among the first rows (a title line above it is allowed).
HEADER_SEARCH = 10
# A check-in dated after today by more than this is a mistyped date, not a report.
FUTURE_SLACK = timedelta(days=1)


@dataclass(frozen=True)
class SheetProblem:
    """Why one row (0: the whole sheet) cannot be imported, said in either language."""

    row: int
    message_id: str
    params: tuple[tuple[str, str | int], ...] = ()
    # A refusal of the value itself (validation.*), said inside the row's sentence.
    reason_id: str | None = None
    reason_params: tuple[tuple[str, str | int], ...] = ()

    def message(self, language: str = "en") -> str:
        params = dict(self.params)
        if self.reason_id is not None:
            params["reason"] = translate(self.reason_id, language, **dict(self.reason_params))
        return translate(self.message_id, language, row=self.row, **params)


def _problem(row: int, error: OkrdeskError) -> SheetProblem:
    return SheetProblem(row, "checkin_import.row", (), error.message_id, _plain(error.params))


def _plain(params: dict[str, object]) -> tuple[tuple[str, str | int], ...]:
    return tuple((k, v if isinstance(v, int | str) else str(v)) for k, v in params.items())


@dataclass(frozen=True)
class CheckInEntry:
    """One row of the sheet, ready to be recorded as a check-in."""

    row: int
    key_result_id: int
    key_result: str
    objective: str
    kind: KeyResultKind
    value: Decimal | None
    done: bool | None
    percent: int | None
    confidence: int | None
    comment: str | None
    who: str | None
    at: datetime | None  # None: when imported


@dataclass(frozen=True)
class CheckInSheet:
    """A sheet read against a workshop's approved key results, before anything is recorded.

    ``refusal`` says why the workshop takes no check-ins at all; ``problems`` each row that
    cannot be imported. Nothing is imported unless both are empty (``ready``).
    """

    workshop_id: int
    title: str
    columns: tuple[tuple[Field, str], ...]  # what each column found was read as: its header
    entries: tuple[CheckInEntry, ...]
    problems: tuple[SheetProblem, ...]
    refusal: SheetProblem | None = None
    blank: int = 0  # key results listed with nothing filled in (a template's untouched rows)
    already_there: int = 0  # rows the plan has as check-ins already (the file imported before)

    @property
    def ready(self) -> bool:
        return self.refusal is None and not self.problems and bool(self.entries)

    def refusals(self, language: str = "en") -> list[str]:
        """Every reason the sheet is not imported, the whole sheet's first, in the language."""
        found = [] if self.refusal is None else [self.refusal.message(language)]
        found += [problem.message(language) for problem in self.problems]
        if not found and not self.entries:
            key = "checkin_import.all_there" if self.already_there else "checkin_import.nothing"
            found.append(translate(key, language, count=self.already_there))
        return found


@dataclass(frozen=True)
class _Target:
    id: int
    title: str
    objective: str
    kind: KeyResultKind


def read_check_in_sheet(
    session: Session,
    workshop_id: int,
    rows: Sequence[Sequence[Cell]],
    now: datetime,
    zone: tzinfo = UTC,
) -> CheckInSheet:
    """Read the sheet's rows against the workshop's approved key results (a view: it changes
    nothing). A date without a zone is read in ``zone`` (the laptop's); ``now`` bounds the
    dates (a check-in is not reported from the future)."""
    workshop = session.get(Workshop, workshop_id)
    if workshop is None:
        return _refused(workshop_id, "", "cli.no_workshop", id=workshop_id)
    if workshop.imported_from is not None:
        return _refused(
            workshop_id, workshop.title, "rule.imported_read_only", source=workshop.imported_from
        )
    if not workshop.locked:
        return _refused(
            workshop_id, workshop.title, "rule.check_in_not_approved", title=workshop.title
        )
    header_at, columns = _columns(rows)
    found = tuple(
        (field, cell_text(rows[header_at][index]).strip()) for field, index in columns.items()
    )
    if Field.ID not in columns and Field.KEY_RESULT not in columns:
        return _refused(workshop_id, workshop.title, "checkin_import.no_key_result_column")
    if not any(field in columns for field in PROGRESS_FIELDS):
        return _refused(workshop_id, workshop.title, "checkin_import.no_progress_column")
    reader = _SheetReader(session, workshop, columns, now, zone)
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        reader.read(number, row)
    return CheckInSheet(
        workshop_id=workshop_id,
        title=workshop.title,
        columns=found,
        entries=tuple(reader.entries),
        problems=tuple(reader.problems),
        blank=reader.blank,
        already_there=reader.again,
    )


def _refused(
    workshop_id: int, workshop_title: str, message_id: str, **params: str | int
) -> CheckInSheet:
    refusal = SheetProblem(0, message_id, tuple(params.items()))
    return CheckInSheet(workshop_id, workshop_title, (), (), (), refusal)


def _columns(rows: Sequence[Sequence[Cell]]) -> tuple[int, dict[Field, int]]:
    """The header row (the first naming a key result or its id) and each field's column."""
    for at, row in enumerate(rows[:HEADER_SEARCH]):
        columns: dict[Field, int] = {}
        for index, cell in enumerate(row):
            key = header_key(cell_text(cell))
            for field, words in HEADERS.items():
                if key in words and field not in columns:
                    columns[field] = index
        if Field.ID in columns or Field.KEY_RESULT in columns:
            return at, columns
    return 0, {}


class _SheetReader:
    """Reads rows one by one, keeping the entries and the problems found."""

    def __init__(
        self,
        session: Session,
        workshop: Workshop,
        columns: dict[Field, int],
        now: datetime,
        zone: tzinfo,
    ) -> None:
        self.session = session
        self.workshop = workshop
        self.columns = columns
        self.now = now
        self.zone = zone
        self.entries: list[CheckInEntry] = []
        self.problems: list[SheetProblem] = []
        self.blank = 0
        self.again = 0
        rows = session.execute(
            select(
                KeyResult.id,
                KeyResult.title,
                KeyResult.kind,
                Objective.title,
                Objective.selected,
            )
            .join(Objective, Objective.id == KeyResult.objective_id)
            .where(Objective.workshop_id == workshop.id)
            .order_by(Objective.position, KeyResult.position)
        ).all()
        self.approved = {r[0]: _Target(r[0], r[1], r[3], r[2]) for r in rows if r[4]}
        self.not_selected = {r[0]: r[3] for r in rows if not r[4]}
        self.titles: dict[str, list[int]] = defaultdict(list)
        for r in rows:
            self.titles[same_title(r[1])].append(r[0])
        self.known, self.known_today = _known_check_ins(session, workshop.id, now, zone)
        self._other_key_results: list[tuple[int, int, str, str]] | None = None

    def cell(self, row: Sequence[Cell], field: Field) -> Cell:
        index = self.columns.get(field)
        if index is None or index >= len(row):
            return None
        value = row[index]
        return None if isinstance(value, str) and not value.strip() else value

    def read(self, number: int, row: Sequence[Cell]) -> None:
        if not any(cell_text(cell).strip() for cell in row):
            return  # blank spreadsheet rows are not mistakes
        target = self._target(number, row)
        if target is None:
            return
        filled = [self.cell(row, f) for f in (*PROGRESS_FIELDS, Field.CONFIDENCE, Field.COMMENT)]
        if all(cell is None for cell in filled):
            self.blank += 1  # a key result nobody reported on this time
            return
        try:
            entry = self._entry(number, row, target)
        except OkrdeskError as error:
            self.problems.append(_problem(number, error))
            return
        if entry.at is not None and _key(entry) in self.known:
            self.again += 1
            return
        if entry.at is None and _undated_key(entry) in self.known_today:
            # An undated row is recorded at the import's time: the same sheet imported again
            # the same day would add every row again, a flat step in every trend.
            self.again += 1
            return
        self.entries.append(entry)

    def _target(self, number: int, row: Sequence[Cell]) -> _Target | None:
        """The approved key result the row is about, or None with the problem kept."""
        id_cell = self.cell(row, Field.ID)
        text_cell = self.cell(row, Field.KEY_RESULT)
        text = cell_text(text_cell).strip()
        if id_cell is not None:
            id_text = cell_text(id_cell).strip()
            try:
                key_result_id = int(id_text.removeprefix("#"))
            except ValueError:
                self._say(number, "checkin_import.bad_id", id=id_text)
                return None
            target = self.approved.get(key_result_id)
            if target is None:
                self._unknown_id(number, key_result_id)
                return None
            if text and same_title(text) != same_title(target.title):
                self._say(
                    number,
                    "checkin_import.id_other_text",
                    id=key_result_id,
                    title=target.title,
                    text=text,
                )
                return None
            return target
        if not text:
            self._say(number, "checkin_import.no_key_result")
            return None
        ids = self.titles.get(same_title(text), [])
        chosen = [i for i in ids if i in self.approved]
        if len(chosen) > 1:
            self._say(number, "checkin_import.ambiguous", text=text, count=len(chosen))
            return None
        if chosen:
            return self.approved[chosen[0]]
        if ids:
            self._say(
                number,
                "checkin_import.not_selected",
                text=text,
                objective=self.not_selected[ids[0]],
            )
            return None
        self._elsewhere(number, text)
        return None

    def _others(self) -> list[tuple[int, int, str, str]]:
        """Every key result of the plan's other workshops: (its id, the workshop's id and
        title, its text); read once, the first time a row needs it (not once per row)."""
        if self._other_key_results is None:
            self._other_key_results = [
                (kr_id, workshop_id, workshop, title)
                for kr_id, workshop_id, workshop, title in self.session.execute(
                    select(KeyResult.id, Workshop.id, Workshop.title, KeyResult.title)
                    .join(Objective, Objective.workshop_id == Workshop.id)
                    .join(KeyResult, KeyResult.objective_id == Objective.id)
                    .where(Workshop.id != self.workshop.id)
                    .order_by(Workshop.id, Objective.position, KeyResult.position)
                )
            ]
        return self._other_key_results

    def _unknown_id(self, number: int, key_result_id: int) -> None:
        if key_result_id in self.not_selected:
            self._say(
                number,
                "checkin_import.not_selected",
                text=f"#{key_result_id}",
                objective=self.not_selected[key_result_id],
            )
            return
        home = next((o for o in self._others() if o[0] == key_result_id), None)
        if home is None:
            self._say(number, "checkin_import.no_such_id", id=key_result_id)
        else:
            self._say(
                number,
                "checkin_import.other_workshop",
                text=f"#{key_result_id}",
                workshop=home[2],
                workshop_id=home[1],
            )

    def _elsewhere(self, number: int, text: str) -> None:
        """Say that no approved key result is called so here, and where one is, if any."""
        wanted = same_title(text)
        for _kr_id, workshop_id, workshop, title in self._others():
            if same_title(title) == wanted:
                self._say(
                    number,
                    "checkin_import.other_workshop",
                    text=text,
                    workshop=workshop,
                    workshop_id=workshop_id,
                )
                return
        self._say(number, "checkin_import.unknown", text=text, workshop=self.workshop.title)

    def _say(self, number: int, message_id: str, **params: str | int) -> None:
        self.problems.append(SheetProblem(number, message_id, tuple(params.items())))

    def _entry(self, number: int, row: Sequence[Cell], target: _Target) -> CheckInEntry:
        value, done, percent = self._progress(row, target.kind)
        checked = checked_progress(target.kind, value, done, percent)
        return CheckInEntry(
            row=number,
            key_result_id=target.id,
            key_result=target.title,
            objective=target.objective,
            kind=target.kind,
            value=checked[0],
            done=checked[1],
            percent=checked[2],
            confidence=confidence_of(self.cell(row, Field.CONFIDENCE)),
            comment=optional_text(text_of(self.cell(row, Field.COMMENT)), "comment"),
            who=optional_text(text_of(self.cell(row, Field.WHO)), "name"),
            at=self._date(self.cell(row, Field.DATE)),
        )

    def _progress(
        self, row: Sequence[Cell], kind: KeyResultKind
    ) -> tuple[Decimal | None, bool | None, int | None]:
        value_cell = self.cell(row, Field.VALUE)
        done = done_of(self.cell(row, Field.DONE))
        percent = percent_of(self.cell(row, Field.PERCENT))
        if kind == KeyResultKind.METRIC:
            if isinstance(value_cell, str):
                value_cell = value_cell.strip().removesuffix("%").removesuffix("％")
            return parse_decimal(value_cell, "value"), done, percent
        if value_cell is not None and done is None and percent is None:
            # A milestone's one progress column may say "done" or "60%" itself.
            text = cell_text(value_cell).strip()
            if text.endswith(("%", "％")):
                return None, None, percent_of(text)
            word = done_word(text)
            if word is not None:
                return None, word, None
            raise ValidationError("validation.check_in_milestone")
        return None, done, percent

    def _date(self, cell: Cell) -> datetime | None:
        if cell is None:
            return None
        at = when_of(cell, self.zone)
        if at > self.now + FUTURE_SLACK:
            raise ValidationError("checkin_import.future_date", date=at.date().isoformat())
        return at


_CheckInKey = tuple[
    int, datetime, Decimal | None, bool | None, int | None, int | None, str | None, str | None
]


def _key(entry: CheckInEntry) -> _CheckInKey:
    assert entry.at is not None
    at = entry.at.astimezone(UTC).replace(microsecond=0)
    value = None if entry.value is None else entry.value.normalize()
    return (
        entry.key_result_id,
        at,
        value,
        entry.done,
        entry.percent,
        entry.confidence,
        entry.comment,
        entry.who,
    )


_UndatedKey = tuple[
    int, Decimal | None, bool | None, int | None, int | None, str | None, str | None
]


def _undated_key(entry: CheckInEntry) -> _UndatedKey:
    value = None if entry.value is None else entry.value.normalize()
    return (
        entry.key_result_id,
        value,
        entry.done,
        entry.percent,
        entry.confidence,
        entry.comment,
        entry.who,
    )


def _known_check_ins(
    session: Session, workshop_id: int, now: datetime, zone: tzinfo
) -> tuple[Counter[_CheckInKey], set[_UndatedKey]]:
    """The workshop's check-ins as an imported row is compared with them (one query): every
    one by its time, and those recorded today (in ``zone``) by what they say, for the rows
    that give no date."""
    rows = session.execute(
        select(
            CheckIn.key_result_id,
            CheckIn.recorded_at,
            CheckIn.value,
            CheckIn.done,
            CheckIn.percent,
            CheckIn.confidence,
            CheckIn.comment,
            CheckIn.recorded_by,
        )
        .join(KeyResult, KeyResult.id == CheckIn.key_result_id)
        .join(Objective, Objective.id == KeyResult.objective_id)
        .where(Objective.workshop_id == workshop_id)
    )
    today = now.astimezone(zone).date()
    known: Counter[_CheckInKey] = Counter()
    known_today: set[_UndatedKey] = set()
    for kr, at, value, done, percent, confidence, comment, by in rows:
        exact = None if value is None else value.normalize()
        known[
            (
                kr,
                at.astimezone(UTC).replace(microsecond=0),
                exact,
                done,
                percent,
                confidence,
                comment,
                by,
            )
        ] += 1
        if at.astimezone(zone).date() == today:
            known_today.add((kr, exact, done, percent, confidence, comment, by))
    return known, known_today


class RowError(OkrdeskError):
    """A row of the sheet was refused as it was recorded; nothing was imported."""

    def __init__(self, row: int, error: OkrdeskError) -> None:
        self.row = row
        self.error = error
        super().__init__("checkin_import.row", row=row)

    def message(self, language: str = "en") -> str:
        reason = self.error.message(language)
        return translate("checkin_import.refused", language, row=self.row, reason=reason)


@dataclass(frozen=True)
class CheckInImportResult:
    """What an import recorded."""

    check_ins: int
    key_results: int


@dataclass(frozen=True)
class ImportCheckIns(OperationBase):
    """Record every entry of a sheet as a check-in, as one change (one undo): all or none.

    The entries come from read_check_in_sheet; each is checked again as it is recorded
    (RecordCheckIn's rules), and a refusal names its row and rolls everything back.
    """

    workshop_id: int
    entries: tuple[CheckInEntry, ...]
    label = "op.import_check_ins"

    def apply(self, ctx: OperationContext) -> CheckInImportResult:
        ctx.workshop(self.workshop_id, editable=False)
        if not self.entries:
            raise RuleError("checkin_import.nothing")
        homes = {
            key_result_id: workshop_id
            for key_result_id, workshop_id in ctx.session.execute(
                select(KeyResult.id, Objective.workshop_id)
                .join(Objective, Objective.id == KeyResult.objective_id)
                .where(KeyResult.id.in_({e.key_result_id for e in self.entries}))
            )
        }
        for entry in self.entries:
            try:
                if homes.get(entry.key_result_id) != self.workshop_id:
                    raise RuleError("rule.wrong_workshop")
                RecordCheckIn(
                    entry.key_result_id,
                    value=entry.value,
                    done=entry.done,
                    percent=None if entry.done else entry.percent,
                    confidence=entry.confidence,
                    comment=entry.comment,
                    who=entry.who,
                    at=entry.at,
                ).apply(ctx)
            except OkrdeskError as error:
                raise RowError(entry.row, error) from error
        return CheckInImportResult(len(self.entries), len({e.key_result_id for e in self.entries}))


def arrival(
    result: CheckInImportResult,
    language: str,
    sheet: CheckInSheet | None = None,
    encoding: str | None = None,
) -> str:
    """What arrived, in a sentence ("12 check-ins on 9 key results; 3 left blank.")."""
    details = ""
    if sheet is not None and sheet.blank:
        details += translate("checkin_import.arrived_blank", language, count=sheet.blank)
    if sheet is not None and sheet.already_there:
        details += translate("checkin_import.arrived_again", language, count=sheet.already_there)
    text = translate(
        "checkin_import.arrived",
        language,
        count=result.check_ins,
        key_results=result.key_results,
        details=details,
    )
    if encoding is not None:
        text += translate("import.read_as", language, encoding=encoding)
    return text

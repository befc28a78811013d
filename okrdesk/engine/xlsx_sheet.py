"""One sheet's stream of XML elements turned into rows of values, within the import's limits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter
from openpyxl.utils.datetime import from_excel, from_ISO8601

from okrdesk.engine.source_limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_TEXT_CHARS,
    SourceFileError,
    within_columns,
)

MAX_SHEET_COLUMN = 16_384  # XFD, the last column a sheet can have
DATE, DURATION = 1, 2  # what a cell style's number format makes of a number


class UnreadableError(Exception):
    """The workbook breaks the format; the reason is said in English (a technical detail)."""


def local_name(name: str) -> str:
    """An element or attribute name without its namespace (expat gives "namespace}name")."""
    return name.rpartition("}")[2]


def whole_number(text: str | None) -> int:
    if text is None or not text.strip().lstrip("-").isdigit():
        raise UnreadableError(f"{text!r} is not a whole number")
    return int(text)


def refuse_much_text(kept: int, path: str) -> None:
    """Refuse a workbook once the text kept from it passes MAX_TEXT_CHARS characters."""
    if kept > MAX_TEXT_CHARS:
        raise SourceFileError("import.xlsx_too_much_text", path=path, limit=MAX_TEXT_CHARS)


class SheetReader:
    """Turns a sheet's stream of elements into rows of values, refusing what breaks a limit."""

    def __init__(
        self, strings: list[str], dates: bytearray, epoch: datetime, path: str = "", kept: int = 0
    ) -> None:
        self.strings = strings
        self.path = path
        self.kept = kept  # characters of text kept so far (the shared texts' to begin with)
        self.dates = dates
        self.epoch = epoch
        self.rows: list[list[Any]] = []
        self.row_number = 0
        self.row: list[Any] | None = None
        self.column = 0
        self.cell: dict[str, Any] = {}
        self.collecting: list[str] | None = None
        self.collected = 0
        self.phonetic = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = local_name(name)
        if local == "row":
            number = whole_number(attributes["r"]) if "r" in attributes else self.row_number + 1
            if number <= self.row_number:
                raise UnreadableError(f"row {number} comes after row {self.row_number}")
            self.row_number = number
            self.row = []
            self.column = 0
        elif local == "c" and self.row is not None:
            self.column = self._column(attributes.get("r"))
            self.cell = {"type": attributes.get("t", "n"), "style": attributes.get("s", "0")}
        elif not self.cell:
            return
        elif local == "f":
            self.cell["formula"] = True
        elif local == "v":
            self.cell["value"] = self.collecting = []
            self.collected = 0
        elif local == "is":
            self.cell["inline"] = []
            self.collected = 0
        elif local == "rPh":
            self.phonetic += 1
        elif local == "t" and "inline" in self.cell and not self.phonetic:
            self.collecting = self.cell["inline"]

    def end(self, name: str) -> None:
        local = local_name(name)
        if local == "row" and self.row is not None:
            if self.row:
                self._keep_row()
            self.row = None
        elif local == "c" and self.cell:
            self._keep_cell()
            self.cell = {}
        elif local == "rPh":
            self.phonetic -= 1
        elif local in ("v", "t") and self.collecting is not None:
            self.collecting = None

    def text(self, data: str) -> None:
        if self.collecting is not None:
            self.collected += len(data)
            if self.collected > MAX_CELL_CHARS:
                raise SourceFileError(
                    "import.cell_too_long", row=self.row_number, limit=MAX_CELL_CHARS
                )
            self.collecting.append(data)

    def _column(self, reference: str | None) -> int:
        if reference:
            letters, _row = coordinate_from_string(reference)
            column = column_index_from_string(letters)
        else:
            column = self.column + 1
        if column > MAX_SHEET_COLUMN:
            raise UnreadableError(f"row {self.row_number} has a cell beyond column XFD")
        return column

    def _keep_cell(self) -> None:
        value = self._value()
        if value is None or value == "":
            return
        if self.column > MAX_COLUMNS:
            raise SourceFileError(
                "import.too_many_columns",
                row=self.row_number,
                column=get_column_letter(self.column),
                limit=MAX_COLUMNS,
            )
        if self.row_number > MAX_ROWS + 1:
            raise SourceFileError("import.too_many_rows", limit=MAX_ROWS)
        assert self.row is not None
        self.row.extend([None] * (self.column - len(self.row)))
        self.row[self.column - 1] = value

    def _keep_row(self) -> None:
        assert self.row is not None
        self.rows.extend([] for _ in range(self.row_number - 1 - len(self.rows)))
        self.rows.append(within_columns(self.row, self.row_number))

    def _value(self) -> Any:
        cell = self.cell
        kind = cell["type"]
        stored = "".join(cell["inline"]) if "inline" in cell else None
        stored = "".join(cell["value"]) if "value" in cell else stored
        if cell.get("formula") and (stored is None or (stored == "" and kind != "str")):
            raise SourceFileError(
                "import.xlsx_formula", row=self.row_number, column=get_column_letter(self.column)
            )
        if not stored:
            return None
        if kind == "s":
            index = whole_number(stored)
            if not 0 <= index < len(self.strings):
                raise UnreadableError(f"cell text {index} is not in the workbook's texts")
            if len(self.strings[index]) > MAX_CELL_CHARS:
                raise SourceFileError(
                    "import.cell_too_long", row=self.row_number, limit=MAX_CELL_CHARS
                )
            return self.strings[index]
        if kind in ("str", "inlineStr", "e"):
            return self._keep_text(stored)
        if kind == "b":
            return stored.strip() in ("1", "true")
        if kind == "d":
            try:
                return from_ISO8601(stored)  # type: ignore[no-untyped-call]  # unannotated in its stubs
            except ValueError:
                return self._keep_text(stored)
        return self._number(stored)

    def _keep_text(self, text: str) -> str:
        self.kept += len(text)
        refuse_much_text(self.kept, self.path)
        return text

    def _number(self, stored: str) -> Any:
        try:
            number: int | float = (
                float(stored) if any(mark in stored for mark in ".eE") else int(stored)
            )
        except ValueError:
            return stored
        style = whole_number(self.cell["style"])
        if 0 <= style < len(self.dates) and self.dates[style]:
            try:
                return from_excel(number, self.epoch, timedelta=self.dates[style] == DURATION)
            except (OverflowError, ValueError):
                return number
        return number

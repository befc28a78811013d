"""Reading a .csv or .xlsx file of ideas into rows of cells, within the import's limits."""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okrdesk.engine.source_limits import (
    MAX_CELL_CHARS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    SourceFileError,
    megabytes,
    within_columns,
)
from okrdesk.engine.text_encoding import (
    EncodingGuess,
    check_decodes,
    encoding_for,
    guess_encoding,
    name_of,
)
from okrdesk.errors import PlanFileError
from okrdesk.models.fileformat import regular_file_size

# What the plan file's check refuses a path for, as the import says it.
_IMPORT_REFUSALS = {
    "file.not_found": "import.not_found",
    "file.broken_link": "import.broken_link",
    "file.link_loop": "import.link_loop",
    "file.not_a_file": "import.not_a_file",
    "file.not_regular": "import.not_regular",
    "file.unreadable": "import.unreadable",
}

# Delimited text: CSV, and Excel's "Unicode Text" (.txt, tab-separated UTF-16) or a .tsv.
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
DELIMITERS = ",;\t"
SNIFF_CHARS = 4096  # what the delimiter (comma, semicolon or tab) is guessed from
CHUNK_CHARS = 1 << 20


@dataclass(frozen=True)
class SourceRows:
    """A file's cells row by row, and for a CSV file the encoding it was read in (its codec)."""

    rows: list[list[Any]]
    encoding: str | None = None


def read_source(source: Path, encoding: str | None = None) -> SourceRows:
    """The cells of a .csv file (in the named encoding, or the one detected) or an .xlsx file."""
    suffix = source.suffix.lower()
    if suffix not in (*TEXT_SUFFIXES, ".xlsx"):
        raise SourceFileError("import.unknown_type", path=str(source))
    if suffix == ".xlsx":
        from okrdesk.engine.xlsx_reader import read_workbook

        check_file(source)
        return SourceRows(read_workbook(source))
    data = read_bytes(source)
    chosen = csv_encoding(data, str(source), encoding)
    return SourceRows(csv_rows(data, chosen, str(source)), name_of(chosen))


@dataclass(frozen=True)
class CsvFile:
    """A CSV file's bytes and what the encoding policy makes of them, to read in any encoding."""

    path: str
    data: bytes
    guess: EncodingGuess

    def read(self, encoding: str) -> SourceRows:
        chosen = csv_encoding(self.data, self.path, encoding)
        return SourceRows(csv_rows(self.data, chosen, self.path), name_of(chosen))


def open_source(source: Path) -> CsvFile | SourceRows:
    """A CSV file ready to be read in an encoding (and its guess), or a workbook's rows."""
    if source.suffix.lower() in TEXT_SUFFIXES:
        data = read_bytes(source)
        return CsvFile(str(source), data, guess_encoding(data, str(source)))
    return read_source(source)


def read_rows(source: Path, encoding: str | None = None) -> list[list[Any]]:
    """The source's cells, row by row, from a .csv or .xlsx file."""
    return read_source(source, encoding).rows


def check_file(source: Path) -> None:
    """Refuse what is not a regular file of at most MAX_FILE_BYTES, naming what it is.

    The plan file's own check decides (a pipe or a device is never opened: reading it could
    block, or never end); its refusal is said in the import's words.
    """
    try:
        size = regular_file_size(source)
    except PlanFileError as error:
        message_id = _IMPORT_REFUSALS.get(error.message_id)
        if message_id is None:
            raise  # a cause the import has no words of its own for: said as the check says it
        raise SourceFileError(message_id, **error.params) from error
    if size > MAX_FILE_BYTES:
        raise _too_big(source)


def read_bytes(source: Path) -> bytes:
    """The whole file, refused beyond MAX_FILE_BYTES (even if it grows while read)."""
    check_file(source)
    try:
        with source.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        raise SourceFileError("import.unreadable", path=str(source), reason=reason) from error
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(source)
    return data


def _too_big(source: Path) -> SourceFileError:
    return SourceFileError("import.file_too_big", path=str(source), limit=megabytes(MAX_FILE_BYTES))


def csv_encoding(data: bytes, path: str, named: str | None = None) -> str:
    """The encoding to read a CSV file's bytes in: the one named (checked), or the one detected."""
    if named is not None:
        encoding = encoding_for(named)
        if encoding == "utf-8" and data.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"
        check_decodes(data, encoding, path)
        return encoding
    guess = guess_encoding(data, path)
    if guess.encoding is None:
        assert guess.problem is not None
        raise guess.problem
    return guess.encoding


def csv_rows(data: bytes, encoding: str, path: str) -> list[list[str]]:
    """The rows of CSV bytes (decoded as they are read), within the row, column and cell limits."""
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    rows: list[list[str]] = []
    number = 0
    previous_limit = csv.field_size_limit(MAX_CELL_CHARS)
    try:
        dialect = _dialect(stream.read(SNIFF_CHARS))
        stream.seek(0)
        for number, row in enumerate(csv.reader(stream, dialect), start=1):
            rows.append(within_columns(row, number))
            if number == MAX_ROWS + 1:
                break
        # Blank lines (or empty cells) after the last row allowed do not count.
        while chunk := stream.read(CHUNK_CHARS):
            if chunk.strip(" \t\r\n,;"):
                raise SourceFileError("import.too_many_rows", limit=MAX_ROWS)
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise SourceFileError(
                "import.cell_too_long", row=number + 1, limit=MAX_CELL_CHARS
            ) from error
        raise SourceFileError("import.unreadable", path=path, reason=str(error)) from error
    except UnicodeError as error:  # checked before; a codec may still disagree late
        raise SourceFileError(
            "import.encoding_wrong", path=path, encoding=name_of(encoding), line=number + 1
        ) from error
    finally:
        csv.field_size_limit(previous_limit)
    return rows


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    """The dialect of the text: the header line's one delimiter when it has only one kind
    (a survey's answers, with their quoted line breaks and commas, can mislead the sniffer);
    else the sniffer's guess from the first lines."""
    header = _first_line(sample)
    used = [d for d in DELIMITERS if d in header]
    if len(used) == 1:
        return _excel_with(used[0])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:
        return csv.excel


def _first_line(sample: str) -> str:
    """The sample's first line, outside quotes (a quoted header cell may hold a line break)."""
    quoted = False
    for at, char in enumerate(sample):
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            return _unquoted(sample[:at])
    return _unquoted(sample)


def _unquoted(line: str) -> str:
    return "".join(part for index, part in enumerate(line.split('"')) if index % 2 == 0)


def _excel_with(delimiter: str) -> type[csv.Dialect]:
    """Excel's dialect with the delimiter (its "Unicode Text" is tab-separated)."""
    if delimiter == "\t":
        return csv.excel_tab
    if delimiter == ";":
        return _ExcelSemicolon
    return csv.excel


class _ExcelSemicolon(csv.excel):
    delimiter = ";"

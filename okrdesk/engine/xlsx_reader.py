"""Reading the first sheet of an .xlsx workbook as rows of values: streamed and bounded."""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import (
    CALENDAR_MAC_1904,
    CALENDAR_WINDOWS_1900,
)
from openpyxl.utils.exceptions import CellCoordinatesException

from okrdesk.engine.source_limits import (
    MAX_DIRECTORY_BYTES,
    MAX_FORMAT_CHARS,
    MAX_PART_BYTES,
    MAX_SHARED_STRINGS,
    MAX_SHEET_BYTES,
    MAX_UNPACKED_BYTES,
    MAX_XLSX_PARTS,
    SourceFileError,
    megabytes,
)
from okrdesk.engine.xlsx_sheet import (
    DATE,
    DURATION,
    SheetReader,
    UnreadableError,
    local_name,
    refuse_much_text,
    whole_number,
)

# openpyxl's read-only mode cannot be bounded from outside: it builds every shared string and
# style as objects, walks each sheet to find a missing dimension, pads rows to the dimension a
# sheet claims, and gives a formula without a stored value as an empty cell. So the parts are
# streamed here (expat) within the limits of source_limits, and openpyxl's own helpers give the
# values their meaning (number formats that are dates, Excel's date serials, cell references).
CHUNK_BYTES = 64 * 1024
_END_OF_DIRECTORY = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_END = b"PK\x06\x06"

StartHandler = Callable[[str, dict[str, str]], None]
EndHandler = Callable[[str], None]
TextHandler = Callable[[str], None]


def read_workbook(source: Path) -> list[list[Any]]:
    """The first sheet's values row by row (row 1 first), refused beyond the limits."""
    path = str(source)
    try:
        with source.open("rb") as handle:
            _check_directory(handle, path)
            with zipfile.ZipFile(handle) as archive:
                _check_parts(archive, path)
                return _Workbook(archive, path).first_sheet()
    except SourceFileError:
        raise
    except OSError as error:
        reason = error.strerror or str(error)
        raise SourceFileError("import.unreadable", path=path, reason=reason) from error
    except (
        UnreadableError,
        CellCoordinatesException,
        zipfile.BadZipFile,
        zlib.error,
        expat.ExpatError,
        EOFError,
        NotImplementedError,  # a compression method zipfile lacks
        RuntimeError,  # an encrypted part
        ValueError,
        IndexError,
        KeyError,
    ) as error:
        raise SourceFileError("import.not_workbook", path=path, reason=str(error)) from error


def _check_directory(handle: IO[bytes], path: str) -> None:
    """Refuse a table of contents too large to read (zipfile would read it all at once)."""
    size = handle.seek(0, 2)
    tail_size = min(size, 22 + 0xFFFF)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    at = tail.rfind(_END_OF_DIRECTORY)
    if at < 0:
        return  # not a zip archive: zipfile says so
    directory = int.from_bytes(tail[at + 12 : at + 16], "little")
    record = at - 20 - 56
    zip64 = tail[at - 20 : at - 16] == _ZIP64_LOCATOR and record >= 0
    if zip64 and tail[record : record + 4] == _ZIP64_END:
        directory = int.from_bytes(tail[record + 40 : record + 48], "little")
    handle.seek(0)
    if directory > MAX_DIRECTORY_BYTES:
        raise SourceFileError("import.xlsx_too_many_parts", path=path, limit=MAX_XLSX_PARTS)


def _check_parts(archive: zipfile.ZipFile, path: str) -> None:
    """Refuse too many parts, or too many bytes unpacked, before any part is read.

    The sizes are the archive's own claims; zipfile never unpacks more of a part than its
    claimed size (a part claiming less than it holds fails its checksum instead).
    """
    parts = archive.infolist()
    if len(parts) > MAX_XLSX_PARTS:
        raise SourceFileError("import.xlsx_too_many_parts", path=path, limit=MAX_XLSX_PARTS)
    if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise SourceFileError(
            "import.xlsx_unpacked", path=path, limit=megabytes(MAX_UNPACKED_BYTES)
        )


class _Workbook:
    """The parts of one workbook that lead to its first sheet's values."""

    def __init__(self, archive: zipfile.ZipFile, path: str) -> None:
        self.archive = archive
        self.path = path
        self.names = {info.filename for info in archive.infolist()}

    def first_sheet(self) -> list[list[Any]]:
        book = self._target(self._relations("_rels/.rels"), "/officeDocument") or "xl/workbook.xml"
        sheet_id, date1904 = self._first_sheet_id(book)
        relations = self._relations(_relations_part(book))
        sheet = relations.get(sheet_id, (None, ""))[0] if sheet_id else None
        if sheet is None:
            raise UnreadableError("the workbook has no sheet")
        strings_part = self._target(relations, "/sharedStrings")
        styles_part = self._target(relations, "/styles")
        strings = self._shared_strings(_resolve(book, strings_part)) if strings_part else []
        dates = self._date_styles(_resolve(book, styles_part)) if styles_part else bytearray()
        epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        kept = sum(map(len, strings))
        reader = SheetReader(strings, dates, epoch, self.path, kept)
        self._stream(_resolve(book, sheet), MAX_SHEET_BYTES, reader.start, reader.end, reader.text)
        return reader.rows

    # The parts, streamed
    def _stream(
        self,
        part: str,
        limit: int,
        start: StartHandler,
        end: EndHandler | None = None,
        text: TextHandler | None = None,
    ) -> None:
        if part not in self.names:
            raise UnreadableError(f"there is no part {part}")
        size = self.archive.getinfo(part).file_size
        if size > limit:
            raise SourceFileError(
                "import.xlsx_part_too_big", path=self.path, part=part, limit=megabytes(limit)
            )
        parser = expat.ParserCreate(namespace_separator="}")
        parser.buffer_text = True
        parser.StartDoctypeDeclHandler = _no_doctype
        parser.EntityDeclHandler = _no_doctype
        parser.StartElementHandler = start
        if end is not None:
            parser.EndElementHandler = end
        if text is not None:
            parser.CharacterDataHandler = text
        with self.archive.open(part) as member:
            while chunk := member.read(CHUNK_BYTES):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)

    def _relations(self, part: str) -> dict[str, tuple[str, str]]:
        """A relationships part: id → (target, type), internal targets only."""
        found: dict[str, tuple[str, str]] = {}

        def start(name: str, attributes: dict[str, str]) -> None:
            if local_name(name) == "Relationship" and attributes.get("TargetMode") != "External":
                found[attributes.get("Id", "")] = (
                    attributes.get("Target", ""),
                    attributes.get("Type", ""),
                )

        if part in self.names:
            self._stream(part, MAX_PART_BYTES, start)
        return found

    @staticmethod
    def _target(relations: dict[str, tuple[str, str]], kind: str) -> str | None:
        return next((target for target, type_ in relations.values() if type_.endswith(kind)), None)

    def _first_sheet_id(self, book: str) -> tuple[str | None, bool]:
        """The relationship id of the workbook's first sheet, and whether dates count from 1904."""
        first: list[str] = []
        date1904: list[bool] = []

        def start(name: str, attributes: dict[str, str]) -> None:
            local = local_name(name)
            if local == "sheet" and not first:
                first.extend(v for k, v in attributes.items() if "}" in k and local_name(k) == "id")
            elif local == "workbookPr":
                date1904.append(attributes.get("date1904", "0").lower() in ("1", "true"))

        self._stream(book, MAX_PART_BYTES, start)
        return (first[0] if first else None), any(date1904)

    def _shared_strings(self, part: str) -> list[str]:
        """The texts cells share, each the concatenation of its runs (phonetic hints left out)."""
        strings: list[str] = []
        pieces: list[str] = []
        state = {"in_text": False, "phonetic": 0, "kept": 0}

        def start(name: str, _attributes: dict[str, str]) -> None:
            local = local_name(name)
            if local == "si":
                pieces.clear()
            elif local == "rPh":
                state["phonetic"] += 1
            elif local == "t" and not state["phonetic"]:
                state["in_text"] = True

        def end(name: str) -> None:
            local = local_name(name)
            if local == "si":
                if len(strings) >= MAX_SHARED_STRINGS:
                    raise SourceFileError(
                        "import.xlsx_too_many_texts", path=self.path, limit=MAX_SHARED_STRINGS
                    )
                strings.append("".join(pieces))
                state["kept"] += len(strings[-1])
                refuse_much_text(state["kept"], self.path)
            elif local == "rPh":
                state["phonetic"] -= 1
            elif local == "t":
                state["in_text"] = False

        def text(data: str) -> None:
            if state["in_text"]:
                pieces.append(data)

        self._stream(part, MAX_PART_BYTES, start, end, text)
        return strings

    def _date_styles(self, part: str) -> bytearray:
        """For each cell style, what its number format makes of a number: DATE, DURATION or 0."""
        kinds: dict[int, int] = {}  # number format id → DATE, DURATION or 0
        styles = bytearray()
        inside = {"cellXfs": False}

        def start(name: str, attributes: dict[str, str]) -> None:
            local = local_name(name)
            if local == "numFmt":
                format_id = whole_number(attributes.get("numFmtId", "0"))
                code = attributes.get("formatCode", "")
                if len(code) > MAX_FORMAT_CHARS:  # before openpyxl's check, slow on it
                    raise SourceFileError(
                        "import.xlsx_format_too_long",
                        path=self.path,
                        length=len(code),
                        limit=MAX_FORMAT_CHARS,
                    )
                kinds[format_id] = _kind(code)
            elif local == "cellXfs":
                inside["cellXfs"] = True
            elif local == "xf" and inside["cellXfs"]:
                format_id = whole_number(attributes.get("numFmtId", "0"))
                if format_id not in kinds:
                    kinds[format_id] = _kind(BUILTIN_FORMATS.get(format_id, ""))
                styles.append(kinds[format_id])

        def end(name: str) -> None:
            if local_name(name) == "cellXfs":
                inside["cellXfs"] = False

        self._stream(part, MAX_PART_BYTES, start, end)
        return styles


def _kind(code: str) -> int:
    if not code or not is_date_format(code):
        return 0
    return DURATION if is_timedelta_format(code) else DATE


def _relations_part(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _resolve(source: str, target: str) -> str:
    """A relationship's target as a part name (targets are relative to their source's folder)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _no_doctype(*_args: Any) -> None:
    raise UnreadableError("a workbook part declares a document type or entities")

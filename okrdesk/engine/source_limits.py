"""The limits on a file of ideas to import, all in one place, and the error that refuses one."""

from __future__ import annotations

from typing import Any

from okrdesk.errors import OkrdeskError

# A file beyond a limit is refused with a message that names the limit; nothing is imported.
# Together they bound any import's memory and time whatever the file claims (peak < 300 MB).
MIB = 2**20

# The shape of a list of candidate ideas: rows below the header, and columns.
MAX_ROWS = 20_000
MAX_COLUMNS = 50
# Excel's own limit for the text of one cell.
MAX_CELL_CHARS = 32_767
# Excel's own limit for a number format (a cell style's formatCode, such as "yyyy-mm-dd").
# openpyxl's date check takes time that grows with the square of a format's length (80,000
# brackets: 8.5 s), and no spreadsheet program writes a longer one. The workbook is refused
# naming it, not read as if the format were no date: a cell in that style would then be
# imported as a bare day count (46388) with no word of why.
MAX_FORMAT_CHARS = 255

# A .csv or .xlsx file as it lies on disk.
MAX_FILE_BYTES = 20 * MIB

# Inside an .xlsx (a zip archive): its parts (members), the sheet read (streamed), any other
# part (read whole), all parts together, and the size of the archive's table of contents.
MAX_XLSX_PARTS = 1_000
MAX_SHEET_BYTES = 64 * MIB
MAX_PART_BYTES = 16 * MIB
MAX_UNPACKED_BYTES = 128 * MIB
MAX_DIRECTORY_BYTES = MIB
# The texts a workbook shares between its cells (its shared strings), all sheets together.
MAX_SHARED_STRINGS = 200_000
# The characters of text kept from a workbook: its shared texts and its cells' own texts
# together. A text holding one emoji takes 4 bytes a character in memory, so the unpacked
# sizes above would allow some 320 MB of it (a 100 KB workbook once peaked at 395 MB);
# this keeps it to 64 MB. 20,000 ideas of 500 characters with their authors are 12 million.
MAX_TEXT_CHARS = 16 * MIB


class SourceFileError(OkrdeskError):
    """The source file cannot be imported; nothing was imported."""


def megabytes(size: int) -> int:
    """A limit in bytes as the whole megabytes a message names."""
    return size // MIB


def column_letter(number: int) -> str:
    """A column's name as Excel shows it: 1 is A, 26 is Z, 27 is AA, 16,384 is XFD."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def within_columns(row: list[Any], number: int) -> list[Any]:
    """The row's first MAX_COLUMNS cells; refused if a later one holds a value."""
    if len(row) <= MAX_COLUMNS:
        return row
    for index in range(MAX_COLUMNS, len(row)):
        if row[index] is not None and str(row[index]).strip():
            raise SourceFileError(
                "import.too_many_columns",
                row=number,
                column=column_letter(index + 1),
                limit=MAX_COLUMNS,
            )
    return row[:MAX_COLUMNS]

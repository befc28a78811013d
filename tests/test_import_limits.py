"""Imports are bounded: formulas without values, caps on rows, columns and size, hostile files."""

import io
import json
import os
import struct
import subprocess
import sys
import textwrap
import zipfile
import zlib
from datetime import datetime
from functools import cache
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils.cell import coordinate_from_string, get_column_letter

from okrdesk.engine import source_limits
from okrdesk.engine.importer import SourceFileError, parse_rows, read_rows
from okrdesk.messages import catalogue

MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"


@cache
def workbook_parts():
    """The parts of a plain workbook saved by openpyxl, by name."""
    book = Workbook()
    book.active.append(["idea"])
    buffer = io.BytesIO()
    book.save(buffer)
    archive = zipfile.ZipFile(buffer)
    return {name: archive.read(name) for name in archive.namelist()}


def sheet_xml(rows, dimension=None):
    """A sheet part; rows are XML strings of <row> elements."""
    head = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = "".join(rows)
    return (
        b'<worksheet xmlns="' + MAIN + f'">{head}<sheetData>{body}</sheetData></worksheet>'.encode()
    )


def text_cell(reference, text):
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def workbook_bytes(sheet, **parts):
    """A workbook whose first sheet is `sheet` (bytes), other parts replaced or added."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {**workbook_parts(), SHEET: sheet, **parts}.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def deflated(*pieces):
    """Raw deflate data made of independent, byte-aligned blocks: (bytes, repeat) pieces.

    A block compressed once can be repeated, so a sheet of hundreds of MB costs milliseconds.
    """
    data, crc, size = [], 0, 0
    for piece, repeat in pieces:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        data.append((compressor.compress(piece) + compressor.flush(zlib.Z_FULL_FLUSH)) * repeat)
        for _ in range(repeat):
            crc = zlib.crc32(piece, crc)
        size += len(piece) * repeat
    data.append(zlib.compressobj(9, zlib.DEFLATED, -15).flush())  # the final, empty block
    return b"".join(data), crc, size


def raw_zip(members):
    """A zip archive of (name, deflate data, crc, claimed size) members, written by hand."""
    out, directory = bytearray(), bytearray()
    for name, data, crc, size in members:
        offset, encoded = len(out), name.encode()
        fields = (20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + encoded + data
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, offset)
        directory += encoded
    start = len(out)
    count = len(members)
    out += directory + struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), start, 0
    )
    return bytes(out)


def bomb(sheet_mib, claimed=None):
    """A workbook whose sheet unpacks to sheet_mib MiB of rows (claiming `claimed` bytes)."""
    row = b'<row><c t="inlineStr"><is><t>' + b"a" * 64 + b"</t></is></c></row>"
    block = row * (2**20 // len(row))
    head = b'<worksheet xmlns="' + MAIN + b'"><sheetData>'
    data, crc, size = deflated((head, 1), (block, sheet_mib), (b"</sheetData></worksheet>", 1))
    members = []
    for name, part in workbook_parts().items():
        if name != SHEET:
            part_data, part_crc, part_size = deflated((part, 1))
            members.append((name, part_data, part_crc, part_size))
    members.append((SHEET, data, crc, size if claimed is None else claimed))
    return raw_zip(members)


def heavy_text():
    """About 100 KB: a 63 MB sheet of long ASCII cells with one emoji each (so 4 bytes a
    character in memory), and a 16 MB part of such shared texts. Before: a 368-395 MB peak."""
    text = "a" * 32_000 + "😀"
    row = b"<row>" + f'<c t="str"><v>{text}</v></c>'.encode() * 40 + b"</row>"
    head = (
        b'<worksheet xmlns="'
        + MAIN
        + b'"><sheetData><row>'
        + text_cell("A1", "idea").encode()
        + b"</row>"
    )
    sheet = deflated(
        (head, 1), (row, (63 * 2**20 - len(head)) // len(row)), (b"</sheetData></worksheet>", 1)
    )
    shared = f"<si><t>{text}</t></si>".encode()
    strings = deflated(
        (b'<sst xmlns="' + MAIN + b'">', 1), (shared, 16 * 2**20 // len(shared) - 1), (b"</sst>", 1)
    )
    parts = dict(workbook_parts())
    parts[RELATIONS] = parts[RELATIONS].replace(
        b"</Relationships>", SHARED_RELATION + b"</Relationships>"
    )
    members = [(name, *deflated((part, 1))) for name, part in parts.items() if name != SHEET]
    return raw_zip([*members, (SHEET, *sheet), ("xl/sharedStrings.xml", *strings)])


RELATIONS = "xl/_rels/workbook.xml.rels"
SHARED_RELATION = (
    b'<Relationship Id="rIdShared" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org'
    b'/officeDocument/2006/relationships/sharedStrings"/>'
)


def styles_with_format(code):
    """A styles part whose second cell style shows numbers in the format `code` (id 164)."""
    return (
        b'<styleSheet xmlns="'
        + MAIN
        + b'"><numFmts><numFmt numFmtId="164" formatCode="'
        + escape(code, {'"': "&quot;"}).encode()
        + b'"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>'
    )


def refusal(path, encoding=None):
    with pytest.raises(SourceFileError) as refused:
        parse_rows(read_rows(path, encoding))
    return refused.value


# Formulas


def test_a_formula_without_a_stored_value_is_refused_naming_row_and_column(tmp_path):
    book = Workbook()
    book.active.append(["idea", "author"])
    book.active.append(["Win the mid-market", "Ana"])
    book.active.append(['=A2&" again"', "Bo"])  # as openpyxl and scripts write: no value
    source = tmp_path / "ideas.xlsx"
    book.save(source)
    refused = refusal(source)
    assert refused.message_id == "import.xlsx_formula"
    assert refused.message().startswith("Row 3, column A holds a formula with no stored value.")
    assert "Excel" in refused.message() and "第 3 行 A 列" in refused.message("zh_CN")


def test_a_formula_with_its_stored_value_is_imported_as_that_value(tmp_path):
    rows = [
        "<row r='1'>" + text_cell("A1", "idea") + "</row>",
        "<row r='2'><c r='A2' t='str'><f>\"Grow \"&amp;\"MRR\"</f><v>Grow MRR</v></c></row>",
        "<row r='3'><c r='A3'><f>2026+1</f><v>2027</v></c></row>",
    ]
    source = tmp_path / "ideas.xlsx"
    source.write_bytes(workbook_bytes(sheet_xml(rows)))
    assert [row.idea for row in parse_rows(read_rows(source))] == ["Grow MRR", "2027"]


def test_shared_texts_rich_text_and_dates_are_read_as_excel_writes_them(tmp_path):
    strings = (
        '<sst xmlns="{main}"><si><t>idea</t></si><si><t>when</t></si>'
        "<si><r><t>Grow </t></r><r><rPr><b/></rPr><t>MRR</t></r></si>"
        "<si><t>東京</t><rPh sb='0' eb='2'><t>とうきょう</t></rPh></si></sst>"
    )
    styles = (
        '<styleSheet xmlns="{main}"><numFmts><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
        '</numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>'
    )
    relations = workbook_parts()["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.openxml'
        b'formats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    rows = [
        "<row r='1'><c r='A1' t='s'><v>0</v></c><c r='B1' t='s'><v>1</v></c></row>",
        "<row r='2'><c r='A2' t='s'><v>2</v></c><c r='B2' s='1'><v>46388</v></c></row>",
        "<row r='3'><c r='A3' t='s'><v>3</v></c></row>",
    ]
    parts = {
        "xl/sharedStrings.xml": strings.format(main=MAIN.decode()).encode(),
        "xl/styles.xml": styles.format(main=MAIN.decode()).encode(),
        "xl/_rels/workbook.xml.rels": relations,
    }
    source = tmp_path / "ideas.xlsx"
    source.write_bytes(workbook_bytes(sheet_xml(rows), **parts))
    rows = read_rows(source)
    assert rows[:2] == [["idea", "when"], ["Grow MRR", datetime(2027, 1, 1)]]
    assert rows[2] == ["東京"]  # its phonetic reading is no part of the text


# Limits on rows, columns, cells and size


def test_the_claimed_dimension_is_ignored(tmp_path):
    rows = [
        "<row r='1'>" + text_cell("A1", "idea") + "</row>",
        "<row r='2'>" + text_cell("A2", "x") + "</row>",
    ]
    source = tmp_path / "ideas.xlsx"
    source.write_bytes(workbook_bytes(sheet_xml(rows, "A1:XFD1048576")))
    assert read_rows(source) == [["idea"], ["x"]]


def one_row(reference, text, dimension=None):
    """The header row and one row holding a text at the reference."""
    number = coordinate_from_string(reference)[1]
    cell = f"<row r='{number}'>{text_cell(reference, text)}</row>"
    return sheet_xml(["<row r='1'>" + text_cell("A1", "idea") + "</row>", cell], dimension)


@pytest.mark.parametrize(
    ("reference", "text", "words"),
    [
        ("A20002", "one too many", "The sheet has more than 20,000 rows"),
        ("XFD1048576", "far away", "Row 1048576 has a value in column XFD"),
        ("AY5", "column 51", "Row 5 has a value in column AY; okrdesk reads at most 50 columns"),
        ("A9", "x" * 32_768, "Row 9 has a cell longer than 32,767 characters"),
    ],
)
def test_a_workbook_beyond_a_limit_is_refused_naming_it(tmp_path, reference, text, words):
    source = tmp_path / "ideas.xlsx"
    source.write_bytes(workbook_bytes(one_row(reference, text)))
    assert words in refusal(source).message()


def test_columns_are_named_by_excels_letters_even_beyond_excels_last(tmp_path):
    named = [source_limits.column_letter(n) for n in (1, 26, 27, 52, 53, 702, 703, 16_384)]
    assert named == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"]
    assert all(source_limits.column_letter(n) == get_column_letter(n) for n in range(1, 18_279))
    source = tmp_path / "ideas.csv"  # openpyxl names no column past ZZZ (18,278): it raised
    source.write_text("idea\nx" + "," * 19_999 + "late\n")
    assert "Row 2 has a value in column ACOF;" in refusal(source).message()


def test_the_last_allowed_row_is_read_and_blank_rows_after_it_do_not_count(tmp_path):
    source = tmp_path / "ideas.csv"
    source.write_text("idea\n" + "x\n" * 20_000 + "\n,,\n" * 50)
    assert len(parse_rows(read_rows(source))) == 20_000
    source.write_text("idea\n" + "x\n" * 20_001)
    refused = refusal(source)
    assert refused.message() == (
        "The sheet has more than 20,000 rows below its header; okrdesk imports at most 20,000."
        " Nothing was imported."
    )


def test_a_csv_beyond_a_limit_is_refused_naming_it(tmp_path):
    source = tmp_path / "ideas.csv"
    source.write_text("idea" + "," * 50 + "\nx" + "," * 50 + "late\n")
    assert "Row 2 has a value in column AY" in refusal(source).message()
    source.write_text('idea\nfine\n"' + "x" * 40_000 + '"\n')
    assert refusal(source).message().startswith("Row 3 has a cell longer than 32,767 characters")
    with source.open("wb") as handle:  # a sparse file: big, written in no time
        handle.truncate(source_limits.MAX_FILE_BYTES + 1)
    assert "is larger than 20 MB" in refusal(source).message()


@pytest.mark.parametrize("inline", [False, True])
def test_text_is_counted_shared_and_in_cells_together(tmp_path, monkeypatch, inline):
    """The cap is on all text kept: shared texts as read, and each cell's own text."""
    monkeypatch.setattr("okrdesk.engine.xlsx_sheet.MAX_TEXT_CHARS", 12)
    strings = b'<sst xmlns="' + MAIN + b'"><si><t>idea</t></si><si><t>12345678</t></si></sst>'
    parts = {
        RELATIONS: workbook_parts()[RELATIONS].replace(
            b"</Relationships>", SHARED_RELATION + b"</Relationships>"
        )
    }
    cell = text_cell("A3", "x" if inline else "") if inline else '<c r="A3" t="s"><v>1</v></c>'
    rows = [
        "<row r='1'><c r='A1' t='s'><v>0</v></c></row>",
        "<row r='2'><c r='A2' t='s'><v>1</v></c></row>",
    ]
    source = tmp_path / "ideas.xlsx"
    source.write_bytes(
        workbook_bytes(
            sheet_xml([*rows, f"<row r='3'>{cell}</row>"]),
            **parts,
            **{"xl/sharedStrings.xml": strings},
        )
    )
    if not inline:  # a shared text used again is kept once
        assert read_rows(source) == [["idea"], ["12345678"], ["12345678"]]
        return
    refused = refusal(source)
    assert refused.message_id == "import.xlsx_too_much_text"
    assert (
        "more than 12 characters of text" in refused.message()
        and "超过 12 个字符" in refused.message("zh_CN")
    )


def test_a_workbook_with_more_shared_texts_than_allowed_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("okrdesk.engine.xlsx_reader.MAX_SHARED_STRINGS", 3)
    strings = b'<sst xmlns="' + MAIN + b'">' + b"<si><t>a</t></si>" * 4 + b"</sst>"
    relations = workbook_parts()["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.openxml'
        b'formats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    rows = ["<row r='1'><c r='A1' t='s'><v>0</v></c></row>"]
    source = tmp_path / "ideas.xlsx"
    parts = {"xl/sharedStrings.xml": strings, "xl/_rels/workbook.xml.rels": relations}
    source.write_bytes(workbook_bytes(sheet_xml(rows), **parts))
    assert "more than 3 different texts" in refusal(source).message()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: bomb(200), "unpacks to more than 128 MB"),
        (lambda: bomb(80, claimed=80 * 2**20), "unpacks to more than 64 MB"),
        (lambda: bomb(200, claimed=2**20), "Bad CRC-32"),  # it lies about its size
        (lambda: b"PK\x05\x06" + b"\0" * 8 + struct.pack("<I", 2**31) + b"\0" * 6, "parts"),
        (lambda: workbook_bytes(b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]><worksheet/>"), "document type"),
        # 80,000 brackets (a 4 KB file) took openpyxl's date check 8.5 s; 800,000 would take 14 min.
        (
            lambda: workbook_bytes(
                one_row("A2", "x"), **{"xl/styles.xml": styles_with_format("[" * 80_000)}
            ),
            "a number format 80,000 characters long; Excel allows at most 255",
        ),
    ],
)
def test_a_hostile_workbook_is_refused_quickly_naming_why(tmp_path, make, words):
    source = tmp_path / "hostile.xlsx"
    source.write_bytes(make())
    refused = refusal(source)
    assert words in refused.message()
    assert refused.message("zh_CN") != refused.message()


@pytest.mark.parametrize(("length", "read_as"), [(255, datetime(2027, 1, 1)), (256, None)])
def test_a_date_format_is_read_up_to_excels_255_characters(tmp_path, length, read_as):
    code = "yyyy-mm-dd" + '"' + "x" * (length - 12) + '"'  # a date with a quoted text after it
    rows = [
        "<row r='1'>" + text_cell("A1", "idea") + "</row>",
        "<row r='2'><c r='A2' s='1'><v>46388</v></c></row>",
    ]
    source = tmp_path / "ideas.xlsx"
    source.write_bytes(
        workbook_bytes(sheet_xml(rows), **{"xl/styles.xml": styles_with_format(code)})
    )
    if read_as is not None:
        assert read_rows(source) == [["idea"], [read_as]]
    else:
        refused = refusal(source)
        assert refused.message_id == "import.xlsx_format_too_long"
        assert f"a number format {length} characters long" in refused.message()
        assert f"{length} 个字符" in refused.message("zh_CN")


HOSTILE_RUN = textwrap.dedent(
    """
    import json, resource, sys
    from pathlib import Path
    resource.setrlimit(resource.RLIMIT_AS, (600 * 2**20, 600 * 2**20))
    from okrdesk.engine.importer import SourceFileError, read_rows
    found = {}
    for path in sys.argv[1:]:
        try:
            found[path] = len(read_rows(Path(path)))
        except SourceFileError as error:
            found[path] = error.message_id
    # VmHWM is this program's own peak; ru_maxrss would count the parent's size at fork.
    status = Path("/proc/self/status")
    if status.exists():
        line = next(l for l in status.read_text().splitlines() if l.startswith("VmHWM:"))
        found["peak_mib"] = int(line.split()[1]) // 1024
    else:
        found["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 2**20
    print(json.dumps(found))
    """
)


@pytest.mark.skipif(os.name != "posix", reason="the child's address space is bounded with resource")
def test_hostile_workbooks_are_read_or_refused_within_bounded_memory(tmp_path):
    """In a process that may not pass 600 MB of address space; none passes 300 MB of memory."""
    files = {
        "claims.xlsx": workbook_bytes(
            sheet_xml(["<row r='1'>" + text_cell("A1", "idea") + "</row>"], "A1:XFD1048576")
        ),
        "bomb.xlsx": bomb(1024),  # 1 GiB of sheet in a few MB
        "liar.xlsx": bomb(1024, claimed=60 * 2**20),
        # Before: past 3 GB (each missing row padded to the 16,384 columns the sheet claims).
        "corner.xlsx": workbook_bytes(one_row("B1048576", "x", "A1:XFD1048576")),
        "heavy.xlsx": heavy_text(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    paths = [str(tmp_path / name) for name in files]
    result = subprocess.run(
        [sys.executable, "-c", HOSTILE_RUN, *paths], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found[paths[0]] == 1
    assert found[paths[1]] == "import.xlsx_unpacked"
    assert found[paths[2]] == "import.too_many_rows"  # long before its claim, let alone 1 GiB
    assert found[paths[3]] == "import.too_many_rows"
    assert found[paths[4]] == "import.xlsx_too_much_text"  # before: read, at a 368-395 MB peak
    assert found["peak_mib"] < 300


# Fuzzing: any bytes give rows or a clean refusal in both languages, never another error


def _check_refusal(error):
    english, chinese = error.message("en"), error.message("zh_CN")
    assert english and chinese and english != chinese
    assert error.message_id in catalogue("en") and error.message_id in catalogue("zh_CN")


def _import(path):
    try:
        rows = parse_rows(read_rows(path))
    except SourceFileError as error:
        _check_refusal(error)
        return None
    return rows


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
CELLS = st.lists(
    st.one_of(
        TEXT,
        st.sampled_from(["idea", "author", "想法", "作者", '"', ",", ";", "\t", "\r\n", "\x00"]),
    ),
    max_size=12,
)
ENCODINGS = st.sampled_from(
    ["utf-8", "utf-8-sig", "gb18030", "cp1252", "cp932", "cp949", "cp950", "utf-16"]
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    csv_bytes=st.one_of(
        st.binary(max_size=300),
        st.builds(
            lambda cells, separator, encoding: separator.join(cells).encode(encoding, "ignore"),
            CELLS,
            st.sampled_from([",", ";", "\n", ",\n"]),
            ENCODINGS,
        ),
    )
)
def test_any_csv_bytes_give_rows_or_a_clean_refusal(tmp_path, csv_bytes):
    source = tmp_path / "fuzz.csv"
    source.write_bytes(csv_bytes)
    _import(source)


ATTRIBUTES = st.sampled_from(
    [
        'r="A1"',
        'r="B2"',
        'r="ZZ9"',
        'r="A0"',
        'r="-1"',
        't="s"',
        't="str"',
        't="b"',
        't="e"',
        't="d"',
        't="n"',
        't="inlineStr"',
        's="0"',
        's="7"',
        's="x"',
        "",
    ]
)
CHILDREN = st.sampled_from(
    [
        "<v>1</v>",
        "<v>0</v>",
        "<v>1.5e3</v>",
        "<v>x</v>",
        "<v/>",
        "<f>1+1</f>",
        "<is><t>hi</t></is>",
        "<is><r><t>a</t></r><rPh><t>b</t></rPh></is>",
        "<v>2027-01-01</v>",
        "",
    ]
)
CELL = st.builds(lambda a, b, c: f"<c {a} {b}>{c}</c>", ATTRIBUTES, ATTRIBUTES, CHILDREN)
ROW = st.builds(
    lambda r, cells: f"<row {r}>{''.join(cells)}</row>",
    st.sampled_from(['r="1"', 'r="2"', 'r="5"', 'r="x"', ""]),
    st.lists(CELL, max_size=4),
)


DAMAGE = st.one_of(st.none(), st.tuples(st.integers(0, 4000), st.binary(min_size=1, max_size=8)))


def damaged(data, damage):
    if damage is not None:
        at, junk = damage
        data = data[:at] + junk + data[at + len(junk) :]
    return data


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(ROW, max_size=5),
    part=st.sampled_from([SHEET, "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"]),
    xml_damage=DAMAGE,
    zip_damage=DAMAGE,
    truncate=st.one_of(st.none(), st.integers(0, 4000)),
)
def test_any_workbook_bytes_give_rows_or_a_clean_refusal(
    tmp_path, rows, part, xml_damage, zip_damage, truncate
):
    sheet = sheet_xml(["<row r='1'>" + text_cell("A1", "idea") + "</row>", *rows])
    parts = {SHEET: sheet, **workbook_parts()} if part != SHEET else {}
    parts[part] = damaged(parts.get(part, sheet), xml_damage)
    data = damaged(workbook_bytes(parts.pop(SHEET, sheet), **parts), zip_damage)
    source = tmp_path / "fuzz.xlsx"
    source.write_bytes(data[:truncate])
    _import(source)

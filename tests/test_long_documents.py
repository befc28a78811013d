"""Long tables (export/pdf/long_tables.py): laid out a page at a time, the same rows in the
same order, the header on every page, no page with a lone row, cost linear in the length."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table

from okrdesk.export.pdf.document import GROUP_FILL, make_styles, para
from okrdesk.export.pdf.fonts import cjk_font
from okrdesk.export.pdf.long_tables import LongTable, long_table, plain_para, shift_commands

HEADER = ["Idea", "Author"]


@pytest.fixture(scope="module")
def styles():
    return make_styles(cjk_font(), "en")


def rows(count: int) -> list[list[object]]:
    return [HEADER, *([f"row-{n:05d} some idea text", "Ann"] for n in range(count))]


def build(story: list[Flowable]) -> list[str]:
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(out.getvalue())).pages]


def numbers(page: str) -> list[int]:
    return [int(found) for found in re.findall(r"row-(\d{5})", page)]


@contextmanager
def counted_wraps() -> Iterator[dict[str, int]]:
    """How often paragraphs are broken into lines (what measuring a row costs)."""
    counts = {"wraps": 0}
    original = Paragraph.wrap

    def wrap(self: Paragraph, width: float, height: float) -> tuple[float, float]:
        counts["wraps"] += 1
        return original(self, width, height)

    Paragraph.wrap = wrap  # type: ignore[method-assign]
    try:
        yield counts
    finally:
        Paragraph.wrap = original  # type: ignore[method-assign]


def test_the_same_rows_in_the_same_order_with_the_header_on_every_page(styles):
    pages = build([long_table(rows(400), [300, 100], styles)])
    assert len(pages) > 5
    assert [n for page in pages for n in numbers(page)] == list(range(400))
    for page in pages:
        words = " ".join(page.split())
        assert words.startswith("Idea Author"), words[:40]
        assert words.count("Idea Author") == 1  # the header once a page, never mid-page


@pytest.mark.parametrize("before", [0, 100, 200, 420, 560, 640, 680])
@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 40, 41, 44, 45, 46, 47, 90])
def test_no_page_holds_fewer_than_three_rows_unless_the_table_is_that_short(styles, before, count):
    # The table starts at many heights down the page and ends at many heights on its last.
    story: list[Flowable] = [Spacer(1, before), long_table(rows(count), [300, 100], styles)]
    on_pages = [len(numbers(page)) for page in build(story)]
    held = [n for n in on_pages if n]
    assert sum(held) == count
    assert all(n >= min(3, count) for n in held), on_pages


def test_a_group_heading_row_never_ends_a_page(styles):
    table_rows: list[list[object]] = [HEADER]
    headings: set[int] = set()
    extra = []
    for group in range(60):
        headings.add(len(table_rows) - 1)
        extra += [
            ("SPAN", (0, len(table_rows)), (1, len(table_rows))),
            ("BACKGROUND", (0, len(table_rows)), (1, len(table_rows)), GROUP_FILL),
        ]
        table_rows.append([f"group-{group:03d}", ""])
        table_rows += [[f"row-{group * 7 + n:05d} idea", "Ann"] for n in range(7)]
    pages = build(
        [
            long_table(
                table_rows, [300, 100], styles, extra=extra, keep_with_next=frozenset(headings)
            )
        ]
    )
    assert [n for page in pages for n in numbers(page)] == list(range(60 * 7))
    assert len(pages) > 3
    for page in pages:
        last = page.strip().splitlines()[-1]
        assert "group-" not in last, last
    assert sum(page.count("group-") for page in pages) == 60


def test_style_commands_follow_their_rows_into_each_chunk():
    commands = [
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, "grey"),  # every row: kept as it is
        ("BACKGROUND", (0, 0), (-1, 0), "blue"),  # the header: kept as it is
        ("SPAN", (0, 5), (1, 5)),  # body row 4
        ("BACKGROUND", (0, 8), (1, 12), "red"),  # body rows 7..11
    ]
    # Body rows 4..9 as a chunk: table rows 1..6 under its header.
    assert shift_commands(commands, 4, 10) == [
        commands[0],
        commands[1],
        ("SPAN", (0, 1), (1, 1)),
        ("BACKGROUND", (0, 4), (1, 6), "red"),
    ]
    assert shift_commands(commands, 12, 20) == [commands[0], commands[1]]


def test_each_row_is_measured_once_and_drawn_once_however_long_the_table(styles):
    # The old layout measured every remaining row at each page split (rows x pages).
    for count in (500, 1000):
        table = long_table(rows(count), [300, 100], styles)
        with counted_wraps() as counts:
            pages = build([table])
        cells = 2 * (count + len(pages))  # the body, and the header on each page
        assert counts["wraps"] <= cells + 2 * 2 * len(pages), (count, counts, len(pages))


def test_pages_and_tables_grow_linearly_with_the_rows(styles, monkeypatch):
    built: dict[int, list[int]] = {}
    pages = {}
    original = LongTable._chunk_table
    tables: list[int] = []

    def chunk(self: LongTable, size: int, width: float) -> Table:
        tables.append(size)
        return original(self, size, width)

    monkeypatch.setattr(LongTable, "_chunk_table", chunk)
    for count in (1000, 2000):
        tables.clear()
        pages[count] = len(build([long_table(rows(count), [300, 100], styles)]))
        built[count] = list(tables)
        # A few tables a page (measure, the part placed, the rest at the page foot), each
        # of about a page's rows: never the rest of the table.
        assert len(tables) <= 3 * pages[count] + 2
        assert max(tables) <= 2 * 48
    assert pages[2000] == pytest.approx(2 * pages[1000], abs=2)
    assert len(built[2000]) == pytest.approx(2 * len(built[1000]), rel=0.1)


def test_a_row_taller_than_a_page_splits_inside_itself_on_a_page_of_its_own(styles):
    tall = " ".join(["a long comment"] * 900)
    table_rows: list[list[object]] = [HEADER, ["row-00000 short", "Ann"], [tall, "Bo"]]
    table_rows += [[f"row-{n:05d} short", "Ann"] for n in range(1, 5)]
    pages = build([long_table(table_rows, [300, 100], styles)])
    assert len(pages) >= 2
    assert [n for page in pages for n in numbers(page)] == list(range(5))


def test_a_short_table_is_drawn_whole_like_document_table(styles):
    table = long_table(rows(3), [300, 100], styles)
    assert isinstance(table, LongTable)
    (page,) = build([table])
    assert numbers(page) == [0, 1, 2]


@pytest.mark.parametrize(
    "value", ["    想法 1：缩短时间", "A & B < C > D", "<b>not bold</b> &amp;", "two  spaces", "x"]
)
def test_a_cell_made_without_parsing_reads_as_document_para_makes_it(styles, value):
    made, parsed = plain_para(value, styles.cell), para(value, styles.cell)
    assert type(made) is type(parsed)
    assert "".join(f.text for f in made.frags) == "".join(f.text for f in parsed.frags)
    assert made.wrap(200, 100) == parsed.wrap(200, 100)
    # A line break (or no text) is left to document.para.
    assert len(plain_para("one\ntwo", styles.cell).frags) == len(
        para("one\ntwo", styles.cell).frags
    )


@pytest.mark.parametrize("ideas", [120, 240])
def test_the_handouts_appendix_is_one_long_table_listing_every_idea(ideas):
    from datetime import date

    from benchmarks.export_pdf import big_snapshot
    from okrdesk.export.exporter import write_pdf
    from okrdesk.export.pdf.handout import Handout
    from okrdesk.export.report import build_report

    snapshot = big_snapshot(ideas)
    report = build_report(snapshot, "zh_CN", today=date(2027, 1, 8))
    story = Handout(report, "a4", cjk_font()).story()
    (appendix,) = [flowable for flowable in story if isinstance(flowable, LongTable)]
    assert appendix.remaining == ideas + len(snapshot.workshops[0].objectives)  # + groups
    out = io.BytesIO()
    write_pdf(snapshot, report, out, "handout", "a4", cjk_font())
    words = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(out.getvalue())).pages
    )
    assert all(f"想法 {n + 1}：" in words for n in range(ideas))

"""Long tables (export/pdf/long_tables.py): laid out a page at a time, the same rows in the
same order, the header on every page, no page with a lone row, each row broken into lines
once, cost linear in the length, and the lines a Paragraph of the same text would make."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer

from okrdesk.export.pdf.document import make_styles, para
from okrdesk.export.pdf.fonts import cjk_font
from okrdesk.export.pdf.long_tables import Layout, TextRow, TextTable, text_table

HEADER = ("Idea", "Author")


@pytest.fixture(scope="module")
def styles():
    return make_styles(cjk_font(), "en")


def rows(count: int) -> list[TextRow]:
    return [TextRow((f"row-{n:05d} some idea text", "Ann")) for n in range(count)]


def table_of(body: list[TextRow], styles) -> TextTable:
    return text_table(HEADER, body, [300, 100], styles)


def build(story: list[Flowable]) -> list[str]:
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(out.getvalue())).pages]


def numbers(page: str) -> list[int]:
    return [int(found) for found in re.findall(r"row-(\d{5})", page)]


@contextmanager
def counted_rows() -> Iterator[dict[str, int]]:
    """How often rows are broken into lines, and how often a part asks for a row."""
    counts = {"laid": 0, "asked": 0}
    cell, row = Layout.cell, Layout.row

    def counting_cell(self: Layout, value: str, width: float):
        counts["laid"] += 1
        return cell(self, value, width)

    def counting_row(self: Layout, index: int):
        counts["asked"] += 1
        return row(self, index)

    Layout.cell, Layout.row = counting_cell, counting_row  # type: ignore[method-assign]
    try:
        yield counts
    finally:
        Layout.cell, Layout.row = cell, row  # type: ignore[method-assign]


def test_the_same_rows_in_the_same_order_with_the_header_on_every_page(styles):
    pages = build([table_of(rows(400), styles)])
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
    story: list[Flowable] = [Spacer(1, before), table_of(rows(count), styles)]
    on_pages = [len(numbers(page)) for page in build(story)]
    held = [n for n in on_pages if n]
    assert sum(held) == count
    assert all(n >= min(3, count) for n in held), on_pages


def test_a_group_row_never_ends_a_page(styles):
    body: list[TextRow] = []
    for group in range(60):
        body.append(TextRow((f"group-{group:03d}",), group=True))
        body += [TextRow((f"row-{group * 7 + n:05d} idea", "Ann")) for n in range(7)]
    pages = build([table_of(body, styles)])
    assert [n for page in pages for n in numbers(page)] == list(range(60 * 7))
    assert len(pages) > 3
    for page in pages:
        last = page.strip().splitlines()[-1]
        assert "group-" not in last, last
    assert sum(page.count("group-") for page in pages) == 60


def test_each_row_is_broken_into_lines_once_and_each_page_asks_for_its_rows_only(styles):
    # reportlab's Table measured every remaining row at each page split (rows x pages).
    asked = {}
    for count in (1000, 2000):
        table = table_of(rows(count), styles)
        with counted_rows() as counts:
            pages = build([table])
        assert counts["laid"] == 2 * count  # two cells a row, each broken once
        asked[count] = counts["asked"]
        # A few passes over a page's rows (measure, split, the parts, draw): never the rest.
        assert counts["asked"] <= 6 * count, (count, counts, len(pages))
    assert asked[2000] == pytest.approx(2 * asked[1000], rel=0.05)


def test_a_row_taller_than_a_page_splits_between_its_lines_on_a_page_of_its_own(styles):
    tall = " ".join(["a long comment"] * 900)
    body = [TextRow(("row-00000 short", "Ann")), TextRow((tall, "Bo"))]
    body += [TextRow((f"row-{n:05d} short", "Ann")) for n in range(1, 5)]
    pages = build([table_of(body, styles)])
    assert len(pages) >= 3
    assert [n for page in pages for n in numbers(page)] == list(range(5))
    words = " ".join(pages).split()  # every word drawn once, a page's lines broken anywhere
    assert words.count("long") == words.count("comment") == 900


def test_a_short_table_is_drawn_whole(styles):
    (page,) = build([table_of(rows(3), styles)])
    assert numbers(page) == [0, 1, 2]


@pytest.mark.parametrize("setting", [None, "cid"])
def test_rows_are_drawn_in_truetype_faces_and_in_the_fallback_cid_font(setting):
    # TrueType faces get their text operators written directly; the CID fallback (no
    # TrueType CJK font on the machine) goes through reportlab's text object.
    styles = make_styles(cjk_font(setting), "zh_CN")
    body = [TextRow((f"row-{n:05d} 想法：缩短上手时间 onboarding", "王芳")) for n in range(60)]
    pages = build([table_of(body, styles)])
    assert [n for page in pages for n in numbers(page)] == list(range(60))
    assert all("缩短上手时间" in page and "onboarding" in page for page in pages)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize(
    "value",
    [
        "    想法 1：缩短时间",
        "A & B < C > D",
        "<b>not bold</b> &amp;",
        "two  spaces",
        "x",
        "",
        "line one\nline  two",
        "让中型企业客户愿意向同行推荐我们的产品，" * 6 + "and Microsoft Teams integration" * 3,
        "Supercalifragilisticexpialidocious" * 4,
    ],
)
def test_a_cell_breaks_into_the_lines_a_paragraph_of_its_text_makes(value, language):
    styles = make_styles(cjk_font(), language)
    width = 180.0
    layout = Layout([], [width], styles.cell)
    laid = ["".join(part for _font, part in line) for line in layout.cell(value, width)]
    paragraph = para(value, styles.cell)
    _width, height = paragraph.wrap(width, 1e6)
    lines = getattr(paragraph, "blPara", None)
    made = [line.words[0].text for line in lines.lines] if lines and height else []
    assert laid == made
    assert len(laid) * styles.cell.leading == pytest.approx(height)


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
    (appendix,) = [flowable for flowable in story if isinstance(flowable, TextTable)]
    assert appendix.remaining == ideas + len(snapshot.workshops[0].objectives)  # + groups
    out = io.BytesIO()
    write_pdf(snapshot, report, out, "handout", "a4", cjk_font())
    words = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(out.getvalue())).pages
    )
    assert all(f"想法 {n + 1}：" in words for n in range(ideas))

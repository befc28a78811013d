"""The handout as a CEO signs it: real bold (or a synthetic one), a Latin companion,
objective badges, a cover that stands alone, pagination without orphans, a vote chart
that survives black-and-white print, and lines to sign a draft on paper."""

from __future__ import annotations

import re
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Spacer

from okrdesk.engine.sources import read_snapshot
from okrdesk.export.exporter import export
from okrdesk.export.pdf.document import KeepStart, RowTable, make_styles, para, table, text
from okrdesk.export.pdf.drawings import OTHER, SELECTED, contrast, vote_charts
from okrdesk.export.pdf.fonts import cjk_font
from okrdesk.export.pdf.wrapping import MixedParagraph
from okrdesk.export.report import VoteBar, build_report
from tests.demo_plans import copy_demo
from tests.test_export import signed_with_signature, write_many

# In the slow tier (pytest -m slow, run by .ci/run on every submission): the README's
# command must stay under ten minutes on the 2-core machine.
pytestmark = pytest.mark.slow

LANGUAGES = ("zh_CN", "en")


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    folder = tmp_path_factory.mktemp("handout")
    made = {}
    for language in LANGUAGES:
        for stage in ("selected", "signed"):
            path = folder / f"{stage}-{language}.okrdesk"
            copy_demo(path, stage, language)
            made[stage, language] = path
    return made


def squeeze(value: str) -> str:
    return re.sub(r"\s+", "", value)


def page_texts(path: Path) -> list[str]:
    return [squeeze(page.extract_text() or "") for page in PdfReader(path).pages]


def contents(path: Path) -> list[str]:
    return [page.get_contents().get_data().decode("latin-1") for page in PdfReader(path).pages]


def pdffonts(path: Path) -> str:
    return subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout


# Typography


def test_headings_are_bold_by_weight_a_real_bold_face_embedded_or_a_stroked_one(plans, tmp_path):
    font = cjk_font()
    out = tmp_path / "h.pdf"
    export(read_snapshot(plans["signed", "zh_CN"]), out, language="zh_CN", workshop_id=1)
    listed = pdffonts(out)
    if font.latin_bold is not None:  # DejaVu Sans Bold / Liberation Sans Bold: embedded
        assert re.search(r"\+\S*Bold\s+TrueType.*\byes\s+yes\s+yes", listed), listed
    streams = "".join(contents(out))
    if font.synthetic_bold:
        # Chinese in headings fills and strokes its outlines, body text only fills.
        assert " 2 Tr" in streams and " 0 Tr" in streams
    else:
        assert " 2 Tr" not in streams
    styles = make_styles(font, "zh_CN")
    assert styles.h2.fontName == font.bold_name and styles.body.fontName == font.name
    assert styles.h2.okrdesk_latin == font.latin_bold
    assert styles.body.okrdesk_latin == font.latin


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_font_of_every_document_is_embedded(plans, tmp_path, language):
    # reportlab names Helvetica (never embedded) wherever nothing sets a font: the canvas's
    # first font, a table cell's, a drawing's; none of them may reach the PDF.
    if not cjk_font().embedded:
        pytest.skip("no TrueType CJK font here: the fallback font is not embedded by design")
    snapshot = read_snapshot(plans["signed", language])
    for document in ("handout", "alignment", "wall"):
        out = tmp_path / f"{document}.pdf"
        workshop = None if document == "alignment" else 1
        export(snapshot, out, language=language, workshop_id=workshop, document=document)
        header, rule, *rows = pdffonts(out).splitlines()
        assert rule.startswith("---") and rows, (document, header)
        emb = header.index(" emb ") + 1  # the emb column's offset, from pdffonts' header
        assert [row for row in rows if row[emb : emb + 3] != "yes"] == [], (document, rows)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "value",
    [
        "    想法 1：缩短时间",
        "A & B < C > D",
        "<b>not bold</b> &amp;",
        "two  spaces  ",
        "KR1  关键结果 1：净推荐值从 30 提升到 45，覆盖 2 个行业 with English words" * 3,
        "",
    ],
)
def test_a_paragraph_of_plain_text_made_without_the_parser_reads_as_a_parsed_one(value, language):
    styles = make_styles(cjk_font(), language)
    for style in (styles.cell, styles.head, styles.h2, styles.title):
        made, parsed = para(value, style), MixedParagraph(text(value), style)
        assert type(made) is type(parsed)
        assert "".join(f.text for f in made.frags) == "".join(f.text for f in parsed.frags)
        for fragment in made.frags:  # the style's font, size, colour... as the parser sets them
            assert {k: v for k, v in vars(fragment).items() if k != "text"} == {
                k: v for k, v in vars(parsed.frags[0]).items() if k != "text"
            }
        assert made.wrap(150, 1000) == parsed.wrap(150, 1000)
        if made.frags:
            lines = [line.words[0].text for line in made.blPara.lines]
            assert lines == [line.words[0].text for line in parsed.blPara.lines]


def test_a_bold_cjk_face_when_there_is_one_and_no_stroking_then(monkeypatch, tmp_path):
    # A second face of the collection stands in for a bold face (Windows: msyhbd.ttc).
    monkeypatch.setenv("OKRDESK_PDF_BOLD_FONT", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc:1")
    font = cjk_font()
    assert not font.synthetic_bold and font.bold.endswith("-1") and font.bold != font.name
    plan = tmp_path / "p.okrdesk"
    copy_demo(plan, "signed", "zh_CN")
    out = tmp_path / "h.pdf"
    export(read_snapshot(plan), out, language="zh_CN", workshop_id=1, font=font)
    assert " 2 Tr" not in "".join(contents(out))
    assert len(re.findall(r"WenQuanYi\S*\s+TrueType", pdffonts(out))) >= 2


def test_without_a_latin_companion_the_cjk_face_sets_everything(monkeypatch, tmp_path):
    monkeypatch.setenv("OKRDESK_PDF_LATIN_FONT", "none")
    font = cjk_font()
    assert font.latin is None and font.latin_bold is None
    out = tmp_path / "h.pdf"
    plan = tmp_path / "p.okrdesk"
    copy_demo(plan, "signed", "en")
    export(read_snapshot(plan), out, language="en", workshop_id=1, font=font)
    assert "DejaVu" not in pdffonts(out)
    assert "Winthemid-marketwithaproductcustomersrecommend" in "".join(page_texts(out))


def test_a_bold_face_fontconfig_knows_is_used_and_one_that_cannot_be_embedded_is_not(
    monkeypatch, tmp_path
):
    from okrdesk.export.pdf import fonts

    regular = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
    fake = tmp_path / "NotTrueType-Bold.ttf"  # CFF or broken: reportlab refuses it
    fake.write_bytes(b"OTTO not really a font")
    monkeypatch.setattr(fonts, "_fc_bold_cjk", lambda: ((str(fake), 0), (regular, 2), (regular, 1)))
    assert fonts._bold(regular, None) == "okrdesk-wqy-zenhei-2"
    assert fonts._bold(regular, "synthetic") is None
    monkeypatch.setattr(fonts, "_fc_bold_cjk", lambda: ((str(fake), 0),))
    assert fonts._bold(regular, None) is None  # then the bold is synthetic


def test_latin_runs_use_the_companion_and_chinese_the_cjk_face():
    from okrdesk.export.pdf.wrapping import face_chooser, runs

    font = cjk_font()
    if font.latin is None:
        pytest.skip("no Latin companion font on this machine")
    face = face_chooser(font.name, font.latin, False)
    assert runs("O1 以客户 NPS 45", face) == [
        (font.latin, "O1 "),
        (font.name, "以客户 "),
        (font.latin, "NPS 45"),
    ]
    # In a Chinese document full-width punctuation stays in the CJK face.
    assert face("，") == font.name and face("“") == font.name


def test_objective_numbers_are_badges_in_the_latin_bold(plans, tmp_path):
    from okrdesk.export.pdf.document import Badge

    font = cjk_font()
    styles = make_styles(font, "zh_CN")
    badge = Badge("O1", para("以客户愿意推荐的产品赢得中型企业市场", styles.h3), styles)
    assert badge.font == (font.latin_bold or font.bold_name)
    width, height = badge.wrap(300, 500)
    assert height >= badge.box_height and width == 300
    out = tmp_path / "h.pdf"
    export(read_snapshot(plans["signed", "zh_CN"]), out, language="zh_CN", workshop_id=1)
    pages = page_texts(out)
    assert "O1以客户愿意推荐的产品赢得中型企业市场" in pages[1]
    # The badge box: a filled rounded rectangle (Bezier corners) in the accent colour.
    assert any(".113725 .305882 .847059 rg" in page and " c" in page for page in contents(out))


# Cover


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_cover_stands_alone(plans, tmp_path, language):
    snapshot = read_snapshot(plans["signed", language])
    out = tmp_path / "h.pdf"
    export(snapshot, out, language=language, workshop_id=1)
    report = build_report(snapshot, language, workshop_id=1)
    (workshop,) = report.workshops
    cover = page_texts(out)[0]
    for value in (report.organisation, report.cycle, workshop.signer, workshop.signed_at):
        assert squeeze(value) in cover, value
    for objective in workshop.objectives:
        assert squeeze(f"{objective.label}{objective.title}") in cover
    assert squeeze(workshop.status) in cover
    ink = ".058824 .164706 .372549 RG"  # the drawn signature, as a thumbnail
    assert ink in contents(out)[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_cover_of_many_objectives_is_still_one_page(tmp_path, language):
    plan = tmp_path / "bare.okrdesk"
    write_many(plan, objectives=14, key_results=0)
    out = tmp_path / "h.pdf"
    export(read_snapshot(plan), out, language=language)
    cover, after = page_texts(out)[:2]
    participants = {"zh_CN": "参与者", "en": "Participants"}[language]
    assert "O14Objective14" in cover and participants in cover  # facts last, on the cover
    assert participants not in after and after.startswith("Northstar—Bigroom")


def test_a_cycles_cover_lists_every_workshop_with_its_objectives_and_sign_off(plans, tmp_path):
    snapshot = read_snapshot(plans["signed", "en"])
    out = tmp_path / "h.pdf"
    export(snapshot, out, language="en")
    report = build_report(snapshot, "en")
    cover = page_texts(out)[0]
    for workshop in report.workshops:
        assert squeeze(workshop.status) in cover
        assert squeeze(workshop.objectives[0].title) in cover


# Draft


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unsigned_handout_has_lines_to_sign_on_paper(plans, tmp_path, language):
    line = {"zh_CN": "批准人签字", "en": "Signatureoftheapprover"}[language]
    draft = tmp_path / "draft.pdf"
    export(read_snapshot(plans["selected", language]), draft, language=language, workshop_id=1)
    pages = page_texts(draft)
    signing = [n for n, page in enumerate(pages) if line in page]
    assert 0 in signing and len(signing) == 2  # on the cover and in the sign-off section
    assert all({"zh_CN": "日期", "en": "Date"}[language] in pages[n] for n in signing)
    signed = tmp_path / "signed.pdf"
    export(read_snapshot(plans["signed", language]), signed, language=language, workshop_id=1)
    assert not any(line in page for page in page_texts(signed))


# Pagination


def build(tmp_path: Path, story: list) -> list[str]:
    out = tmp_path / "t.pdf"
    SimpleDocTemplate(str(out), pagesize=A4).build(story)
    return page_texts(out)


def rows_table(count: int, styles) -> RowTable:
    rows = [["Key result", "Owner"]] + [[f"row{n:02d}", "Lin"] for n in range(count)]
    result = table(rows, [300, 100], styles)
    assert isinstance(result, RowTable)
    return result


def spacer_leaving(rows: float) -> Spacer:
    """A spacer that leaves room for about ``rows`` rows (and the header) at the foot."""
    frame = A4[1] - 2 * 72  # SimpleDocTemplate's default margins: an inch
    row = 9 * 1.38 + 7  # a cell's leading and its padding
    return Spacer(1, frame - row * (rows + 1) - 4)


def rows_on(pages: list[str]) -> list[int]:
    return [len(re.findall(r"row\d\d", page)) for page in pages]


def test_a_split_table_leaves_no_page_with_fewer_than_three_rows(tmp_path):
    styles = make_styles(cjk_font(), "en")
    # Room for two rows at the foot: the table starts on the next page instead.
    pages = build(tmp_path, [spacer_leaving(2), rows_table(10, styles)])
    assert rows_on(pages) == [0, 10]
    # Room for nine of ten rows: three go over, not one.
    pages = build(tmp_path, [spacer_leaving(9), rows_table(10, styles)])
    assert rows_on(pages) == [7, 3]
    # A table of two rows is never split.
    pages = build(tmp_path, [spacer_leaving(1), rows_table(2, styles)])
    assert rows_on(pages) == [0, 2]


def test_a_heading_moves_with_the_first_rows_of_its_table(tmp_path):
    styles = make_styles(cjk_font(), "en")
    heading = para("Heading", styles.h3)
    heading.keepWithNext = 0
    grid = rows_table(10, styles)
    pages = build(tmp_path, [spacer_leaving(3.5), KeepStart([heading], grid), heading, grid])
    assert "Heading" not in pages[0] and pages[1].startswith("Heading")


def test_the_real_handout_has_no_page_with_a_single_row_of_a_split_table(tmp_path, monkeypatch):
    parts: list[int] = []  # the body rows of every part of every table split over pages
    split = RowTable.split

    def recording(self, width, height):
        result = split(self, width, height)
        for part in result:
            head = part.repeatRows if isinstance(part.repeatRows, int) else len(part.repeatRows)
            parts.append(len(part._cellvalues) - head)
        return result

    monkeypatch.setattr(RowTable, "split", recording)
    for objectives, key_results in ((9, 7), (3, 41)):
        plan = tmp_path / f"many-{objectives}.okrdesk"
        write_many(plan, objectives=objectives, key_results=key_results)
        for language in LANGUAGES:
            for paper in ("a4", "letter"):
                export(read_snapshot(plan), tmp_path / "m.pdf", language=language, paper=paper)
                assert len(PdfReader(tmp_path / "m.pdf").pages) >= 3
    assert parts and all(rows >= 3 for rows in parts), parts


def test_no_heading_ends_a_page(plans, tmp_path, monkeypatch):
    from reportlab.platypus import Flowable, Spacer

    from okrdesk.export.pdf.document import Badge, Section
    from okrdesk.export.pdf.wrapping import MixedParagraph

    drawn: list[tuple[int, bool]] = []  # (page, is a heading) of everything drawn, in order
    draw_on = Flowable.drawOn

    def recording(self, canvas, x, y, _sW=0):  # noqa: N803 (reportlab's name)
        if not isinstance(self, Spacer | Section | KeepStart):
            style = getattr(getattr(self, "paragraph", self), "style", None)
            heading = isinstance(self, MixedParagraph | Badge) and getattr(style, "name", "") in (
                "h1",
                "h2",
                "h3",
            )
            drawn.append((canvas.getPageNumber(), heading))
        draw_on(self, canvas, x, y, _sW)

    monkeypatch.setattr(Flowable, "drawOn", recording)
    many = tmp_path / "many.okrdesk"
    write_many(many, objectives=9, key_results=7, ideas=40)
    cases = [(plans["signed", language], language) for language in LANGUAGES]
    cases += [(plans["selected", language], language) for language in LANGUAGES]
    cases += [(many, language) for language in LANGUAGES]
    bare = tmp_path / "bare.okrdesk"  # objectives without key results: blocks, not tables
    write_many(bare, objectives=14, key_results=0)
    cases += [(bare, language) for language in LANGUAGES]
    headings = 0
    for plan, language in cases:
        for paper in ("a4", "letter"):
            drawn.clear()
            export(read_snapshot(plan), tmp_path / "h.pdf", language=language, paper=paper)
            for (page, heading), (next_page, _next) in pairwise(drawn):
                assert not heading or next_page == page, (plan.name, language, paper, page)
            headings += sum(heading for _page, heading in drawn)
    assert headings > 100


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sign_off_stays_on_the_page_of_the_last_objective(plans, tmp_path, language, paper):
    snapshot = read_snapshot(plans["signed", language])
    out = tmp_path / "h.pdf"
    export(snapshot, out, language=language, workshop_id=1, paper=paper)
    last = build_report(snapshot, language, workshop_id=1).workshops[0].objectives[-1]
    heading = {"zh_CN": "签批", "en": "Sign-off"}[language]
    pages = page_texts(out)[1:]  # after the cover
    title = squeeze(f"{last.label}{last.title}")  # its badge and title: the heading alone
    (page,) = [page for page in pages if title in page]
    assert heading in page[page.index(title) :]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_sign_off_block_is_never_split_even_after_an_objective_longer_than_a_page(
    tmp_path, paper
):
    plan = tmp_path / "long.okrdesk"
    write_many(plan, objectives=2, key_results=41)
    out = tmp_path / "h.pdf"
    export(read_snapshot(plan), out, language="en", paper=paper)
    pages = page_texts(out)[1:]  # the cover has its own lines to sign
    page = next(page for page in pages if "Sign-off" in page)  # its heading (then minutes)
    assert "Signatureoftheapprover" in page and "Nodecisionyet" in page
    assert "KR41of2" in "".join(pages[: pages.index(page) + 1])


def pdftotext_pages(path: Path) -> list[str]:
    """Each page's text as poppler's pdftotext reads it (pages split at form feeds)."""
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


@pytest.mark.parametrize(("key_results", "paper"), [(39, "a4"), (36, "letter")])
def test_the_sign_off_page_of_an_objective_longer_than_a_page_holds_its_last_rows(
    tmp_path, key_results, paper
):
    # These lengths ended the table at a page foot: the sign-off started the next page alone.
    plan = tmp_path / "long.okrdesk"
    write_many(plan, objectives=1, key_results=key_results)
    for language, heading in (("en", "Sign-off"), ("zh_CN", "签批")):
        out = tmp_path / f"{language}.pdf"
        export(read_snapshot(plan), out, language=language, paper=paper)
        pages = pdftotext_pages(out)[1:]  # the cover has a sign-off of its own
        (page,) = [page for page in pages if re.search(rf"^{heading}$", page, re.MULTILINE)]
        rows = re.findall(r"\bKR(\d+)\b", page[: page.index(f"\n{heading}\n")])
        assert len(rows) >= 3, (language, rows)  # the table's last rows, at least three
        assert rows[-1] == str(key_results)  # ... up to its very last
        before = pages[pages.index(page) - 1]
        assert len(re.findall(r"\bKR\d+\b", before)) >= 3  # nor a lone row left behind


def test_a_long_signoff_comment_still_splits_inside_its_row(tmp_path):
    plan = signed_with_signature(tmp_path)
    out = tmp_path / "h.pdf"
    export(read_snapshot(plan), out, language="en")
    assert "Sharperplease" in "".join(page_texts(out))


# The vote chart


def test_every_bar_is_dark_enough_for_black_and_white_print():
    assert contrast(colors.white) == pytest.approx(1.0)
    assert contrast(colors.black) == pytest.approx(21.0)
    assert contrast(colors.HexColor("#bfdbfe")) < 3  # the old light bar: 1.4:1
    bars = (VoteBar("Chosen", 9, True), VoteBar("Not chosen", 4, False), VoteBar("None", 0, False))
    (chart,) = vote_charts(bars, 400, cjk_font().name, cjk_font().latin)
    groups = [shape for shape in chart.contents if hasattr(shape, "contents")]
    assert len(groups) == 3
    for group in groups:
        inks = [
            colour
            for shape in group.contents
            for colour in (getattr(shape, "fillColor", None), getattr(shape, "strokeColor", None))
            if colour is not None and colour != colors.white
        ]
        assert inks and all(contrast(ink) >= 3 for ink in inks), inks
    assert contrast(SELECTED) >= 3 and contrast(OTHER) >= 3
    # Selected and not selected differ by pattern, not only by colour: solid vs hatched.
    chosen, other, _none = groups
    assert len(chosen.contents) == 1 and chosen.contents[0].fillColor == SELECTED
    assert len(other.contents) > 3  # an outline and its hatching lines


def test_a_long_title_in_the_chart_wraps_instead_of_being_cut():
    title = "Win the mid-market with a product customers recommend to their peers"
    (chart,) = vote_charts((VoteBar(title, 5, True),), 400, cjk_font().name, cjk_font().latin)
    labels = [s.text for s in chart.contents if hasattr(s, "text") and s.text != "5"]
    assert len(labels) == 2 and " ".join(labels) == title

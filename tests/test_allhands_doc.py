"""The all-hands PDF: landscape, one page per slide (a slide too long at the smallest size flows
on, never cut), the same words as the projector in English and Chinese, every face embedded;
from the command line with or without --workshop; refusals in both languages."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from okrdesk import cli
from okrdesk.engine.allhands_view import allhands_view
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.initiative_ops import AddInitiative
from okrdesk.engine.rationale_ops import MarkBreakdown, SetRationale
from okrdesk.export.allhands_slides import slide_texts
from okrdesk.export.pdf.allhands_doc import write_allhands
from okrdesk.export.pdf.fonts import cjk_font
from okrdesk.models.planfile import PlanFile
from tests.allhands_plan import AllHandsPlan
from tests.conftest import StepClock

NOW = datetime(2026, 12, 21, 10, tzinfo=UTC)
LONG_WHY = (
    "没有新客户就没有增长：去年的收入有八成来自五个老客户，风险太集中，"
    "一旦其中一家转向竞争对手，我们全年的计划都会落空。" * 6
)[:480] + " The end of the why."
LONG_STEP = "在华东、华南和华北分别举办客户开放日，邀请连锁店采购负责人参观新仓库 and see it work"


def clock() -> datetime:
    return NOW


@pytest.fixture(scope="module")
def template(
    allhands_template: tuple[Path, AllHandsPlan], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, AllHandsPlan]:
    source, ids = allhands_template
    path = tmp_path_factory.mktemp("allhands-doc") / "allhands.okrdesk"
    shutil.copyfile(source, path)
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan, clock=StepClock())
        editor.apply(SetRationale(ids.objectives["更多客户"], LONG_WHY))
        for number in range(8):
            editor.apply(
                AddInitiative(ids.krs["Cut delivery from 21 to 7 days"], f"{number} {LONG_STEP}")
            )
        editor.apply(MarkBreakdown(ids.objectives["Faster delivery"]))
    return path, ids


@pytest.fixture
def plan(template, tmp_path: Path) -> Path:
    copy = tmp_path / "plan.okrdesk"
    shutil.copyfile(template[0], copy)
    return copy


def run(capsys, *args):
    status = cli.main([str(a) for a in args], clock=clock)
    out, err = capsys.readouterr()
    return status, out, err


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_one_landscape_page_per_slide_every_text_whole(template, tmp_path, language):
    path, ids = template
    with PlanFile.open(path, read_only=True) as opened, opened.reader() as session:
        view = allhands_view(session, ids.company_workshop, NOW)
    assert view is not None
    out = tmp_path / "allhands.pdf"
    write_allhands(view, out, language=language, printed="2026-12-21", font=cjk_font())
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    texts = slide_texts(view, language)
    said = pages(out)
    assert len(said) == len(texts)  # the long why and the eight steps fit their pages
    for slide, page in zip(texts, said, strict=True):
        flat = squeezed(page)
        for text in slide.said():
            assert squeezed(text) in flat, text  # whole: nothing cut, nothing elided
    assert "The end of the why." in said[[t.title for t in texts].index("更多客户")]


def test_a_slide_too_long_for_a_page_flows_on_rather_than_being_cut(template, tmp_path):
    path, ids = template
    with PlanFile.open(path, read_only=True) as opened, opened.reader() as session:
        view = allhands_view(session, ids.company_workshop, NOW)
    assert view is not None
    many = view.objectives[0].key_results[0]
    shown = many.initiatives * 6  # 48 long initiatives under one key result
    crowded = dataclasses.replace(
        view,
        objectives=(
            dataclasses.replace(
                view.objectives[0],
                key_results=(
                    dataclasses.replace(
                        many, initiatives=shown, initiative_ids=tuple(range(len(shown)))
                    ),
                ),
            ),
            *view.objectives[1:],
        ),
    )
    out = io.BytesIO()
    write_allhands(crowded, out, language="en", printed="2026-12-21", font=cjk_font())
    said = [page.extract_text() or "" for page in PdfReader(io.BytesIO(out.getvalue())).pages]
    assert len(said) > len(view.slides)  # the breakdown took more than one page
    everything = squeezed("".join(said))
    assert everything.count(squeezed(LONG_STEP)) == len(shown)  # every one, whole


def test_the_command_line_writes_the_companys_latest_approved_all_hands(plan, tmp_path, capsys):
    out = tmp_path / "slides.pdf"
    status, printed, _ = run(capsys, "export", plan, out, "--document", "allhands")
    assert status == 0 and str(out) in printed
    said = pages(out)
    assert "2027-Q1" in said[0] and len(said) >= 8
    # A plan in Chinese gets Chinese slides without --lang; the fonts are embedded.
    assert "现在就开始" in said[-1]
    fonts = {
        str(font.get("/BaseFont"))
        for page in PdfReader(out).pages
        for font in (page["/Resources"].get("/Font") or {}).values()
        for font in [font.get_object()]
    }
    assert fonts and not any("Helvetica" in name for name in fonts)
    english = tmp_path / "english.pdf"
    assert run(capsys, "export", plan, english, "--document", "allhands", "--lang", "en")[0] == 0
    assert "We start now" in pages(english)[-1]


def test_a_named_workshop_is_presented_and_refusals_are_said(template, plan, tmp_path, capsys):
    _path, ids = template
    out = tmp_path / "ops.pdf"
    status, _out, _err = run(
        capsys, "export", plan, out, "--document", "allhands", "--workshop", ids.ops_workshop
    )
    assert status == 0
    said = pages(out)
    assert "Own the warehouse" in "".join(said) and len(said) == 3
    status, _out, err = run(
        capsys, "export", plan, tmp_path / "x.pdf", "--document", "allhands", "--workshop", 999
    )
    assert status != 0 and "999" in err
    json_path = tmp_path / "plan.json"
    assert run(capsys, "export", plan, json_path)[0] == 0
    status, _out, err = run(
        capsys, "export", json_path, tmp_path / "y.pdf", "--document", "allhands", "--lang", "zh_CN"
    )
    assert status != 0 and "JSON" in err and "全员大会演示" in err


@pytest.mark.parametrize(
    ("language", "text", "figure"),
    [
        ("zh_CN", "年度经常性收入从 4200 万元增长到 5500 万元", "4200 → 5500 万元"),
        ("en", "Grow annual recurring revenue from 42 M to 55 M CNY", "42,000 → 55,000 k CNY"),
    ],
)
def test_a_figure_beside_its_line_stays_on_one_line(language, text, figure):
    # At the largest step a start -> target with its unit is wider than the column's share
    # of the page: Chinese broke it between any two characters ("5500 万" above "元").
    from reportlab.lib.pagesizes import landscape

    from okrdesk.export.allhands_slides import SlideKind, SlideLine, SlideText
    from okrdesk.export.pdf.allhands_doc import SCALES, _Styles, slide_flowables
    from okrdesk.export.pdf.document import MARGIN, PAPERS

    width = landscape(PAPERS["a4"])[0] - 2 * MARGIN
    slide = SlideText(
        SlideKind.OBJECTIVE, "Objective 1 of 3", "Win", (SlideLine(text, figure=figure),)
    )
    for scale in SCALES:
        row = slide_flowables(slide, _Styles(cjk_font(), language, scale), width)[-1]
        row.wrap(width, 1e6)
        words, shown = (cell[0] if isinstance(cell, tuple) else cell for cell in row._cellvalues[0])
        assert len(shown.blPara.lines) == 1, scale  # the figure whole on its line
        assert words.getPlainText() == text  # and its line beside it, also whole


def test_the_header_names_a_company_of_the_organisations_name_once(template):
    from okrdesk.export.pdf.allhands_doc import allhands_header

    path, ids = template
    with PlanFile.open(path, read_only=True) as opened, opened.reader() as session:
        view = allhands_view(session, ids.company_workshop, NOW)
    assert view is not None
    company = dataclasses.replace(view, unit=view.organisation)
    assert allhands_header(company, "All-hands") == (
        f"{view.organisation} · {view.cycle} — All-hands"
    )
    department = dataclasses.replace(view, unit="Sales")
    assert allhands_header(department, "All-hands") == (
        f"{view.organisation} · Sales · {view.cycle} — All-hands"
    )

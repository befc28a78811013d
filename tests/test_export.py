"""The PDF handout, the wall summary, the alignment document and the data exports,
checked as a reader would: the text in the PDF, its pages, metadata, fonts and validity."""

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from okrdesk.demo import STAGES
from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.parent_import import approved_okrs
from okrdesk.engine.sources import read_snapshot
from okrdesk.export.exporter import export
from okrdesk.export.pdf.fonts import cjk_font
from okrdesk.export.report import build_report
from okrdesk.models import Decision, Phase
from okrdesk.models.planfile import PlanFile
from tests.conftest import StepClock
from tests.demo_plans import copy_demo

LANGUAGES = ("zh_CN", "en")
DRAFT = {"zh_CN": "草稿", "en": "DRAFT"}


@pytest.fixture(scope="module")
def demos(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demos")
    plans = {}
    for language in LANGUAGES:
        for stage in STAGES:
            path = folder / f"{stage}-{language}.okrdesk"
            copy_demo(path, stage, language)
            plans[stage, language] = path
    return plans


def squeeze(value: str) -> str:
    """Text without any whitespace: PDF extraction breaks lines where the layout wraps."""
    return re.sub(r"\s+", "", value)


def pdf_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("stage", STAGES)
def test_every_stage_exports_a_handout_a_reader_can_trust(demos, tmp_path, stage, language):
    plan = demos[stage, language]
    out = tmp_path / "handout.pdf"
    export(read_snapshot(plan), out, language=language)
    snapshot = read_snapshot(plan)
    report = build_report(snapshot, language)
    pages = pdf_text(out)
    everything = squeeze("".join(pages))
    for workshop in report.workshops:
        assert squeeze(workshop.title) in everything
        for objective in workshop.objectives:
            assert squeeze(objective.title) in everything, objective.title
            for kr in objective.key_results:
                assert squeeze(kr.title) in everything, kr.title
    # Page x of y on every page, y being the real count.
    total = len(pages)
    assert total >= 1 + len(report.workshops)
    for number, page in enumerate(pages, start=1):
        expected = f"第{number}页/共{total}页" if language == "zh_CN" else f"Page{number}of{total}"
        assert expected in squeeze(page)
    # DRAFT exactly when something is not signed off, on every page then.
    signed = stage == "signed"
    assert all((DRAFT[language] in page) != signed for page in pages)
    info = PdfReader(out).metadata
    assert report.organisation in info.title and report.cycle in info.title
    assert info.author and report.cycle in info.subject
    assert PdfReader(out).trailer["/Root"]["/Lang"] == ("zh-CN" if language == "zh_CN" else "en")


def test_the_handout_is_a_valid_pdf_with_the_chinese_font_embedded(demos, tmp_path):
    out = tmp_path / "handout.pdf"
    export(read_snapshot(demos["signed", "zh_CN"]), out, language="zh_CN", workshop_id=1)
    subprocess.run(["qpdf", "--check", str(out)], check=True, capture_output=True)
    fonts = subprocess.run(["pdffonts", str(out)], check=True, capture_output=True, text=True)
    assert cjk_font().embedded
    assert re.search(r"WenQuanYi\S*\s+TrueType.*\byes\s+yes\s+yes", fonts.stdout)
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True)
    assert "达成一致的 OKR" in text.stdout and "签批" in text.stdout


def test_without_a_truetype_cjk_font_stsong_light_still_writes_extractable_chinese(demos, tmp_path):
    out = tmp_path / "fallback.pdf"
    fallback = cjk_font("cid")
    assert (fallback.name, fallback.embedded) == ("STSong-Light", False)
    export(
        read_snapshot(demos["signed", "zh_CN"]), out, language="zh_CN", workshop_id=1, font=fallback
    )
    subprocess.run(["qpdf", "--check", str(out)], check=True, capture_output=True)
    fonts = subprocess.run(
        ["pdffonts", str(out)], check=True, capture_output=True, text=True
    ).stdout
    assert "STSong-Light" in fonts and "WenQuanYi" not in fonts
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True)
    assert "以客户愿意推荐的产品赢得中型企业市场" in squeeze(text.stdout)


def test_a_named_font_file_and_a_collection_face_can_be_chosen(tmp_path):
    missing = cjk_font(str(tmp_path / "nothing.ttf"))
    assert missing.name == "STSong-Light"  # a font that is not there falls back, no error
    chosen = cjk_font("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc:1")
    assert chosen.embedded and chosen.name.endswith("-1")


def signed_with_signature(tmp_path):
    """A small plan: one workshop returned once with a note, then approved with a signature."""
    path = tmp_path / "signed.okrdesk"
    PlanFile.create(path, "Northstar").close()
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan, clock=StepClock())
        apply = lambda op: editor.apply(op).result  # noqa: E731
        from datetime import date

        cycle = apply(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)))
        company = apply(ops.CreateUnit("Northstar"))
        workshop = apply(ops.CreateWorkshop(company, cycle, "Leadership offsite", "Lin"))
        apply(ops.ChangePhase(workshop, Phase.BRAINSTORM))
        apply(ops.AddIdea(workshop, "card"))
        apply(ops.ChangePhase(workshop, Phase.GROUP))
        long_title = "让每一位 customer 在 7 天内 go live，并且 NPS 达到 45 分以上" * 4
        first = apply(ops.CreateObjective(workshop, long_title))
        second = apply(ops.CreateObjective(workshop, "Ship weekly"))
        apply(
            ops.AddKeyResult(
                first,
                ops.KeyResultFields(
                    "Median time to value 21 → 7 days " * 5, start=21, target=7, unit="days"
                ),
            )
        )
        apply(ops.AddKeyResult(second, ops.KeyResultFields("12 of 13 weeks ship", target=12)))
        apply(ops.ChangePhase(workshop, Phase.VOTE))
        apply(ops.OpenVoting(workshop))
        apply(ops.CloseVoting(workshop))
        apply(ops.RevealTally(workshop))
        apply(ops.ChangePhase(workshop, Phase.SELECT))
        apply(ops.SetObjectiveSelected(first, True))
        apply(ops.SetObjectiveSelected(second, True))
        apply(ops.ChangePhase(workshop, Phase.SIGNOFF))
        apply(
            ops.SignOffWorkshop(
                workshop,
                Decision.RETURN,
                "CEO Zhou",
                "Sharper please",
                notes=((second, "Which weeks?"),),
            )
        )
        apply(ops.ChangePhase(workshop, Phase.SIGNOFF))
        signature = (
            '{"width":300,"height":100,"strokes":[[[10,80],[60,20],[110,80]],[[140,50],[260,50]]]}'
        )
        apply(ops.SignOffWorkshop(workshop, Decision.APPROVE, "CEO Zhou", signature=signature))
    return path


def test_the_signoff_block_has_the_drawn_signature_and_every_round(tmp_path):
    plan = signed_with_signature(tmp_path)
    out = tmp_path / "handout.pdf"
    export(read_snapshot(plan), out, language="en", paper="letter")
    reader = PdfReader(out)
    assert [round(v) for v in reader.pages[0].mediabox[2:]] == [612, 792]  # US letter
    text = squeeze("".join(page.extract_text() for page in reader.pages))
    assert "Sharperplease" in text and "Shipweekly:Whichweeks?" in text
    assert "DRAFT" not in text
    # The signature is drawn in its ink colour (#0f2a5f) as strokes on the sign-off page.
    ink = ".058824 .164706 .372549 RG"
    assert any(ink in page.get_contents().get_data().decode("latin-1") for page in reader.pages)
    long_title = squeeze("让每一位 customer 在 7 天内 go live，并且 NPS 达到 45 分以上" * 4)
    assert long_title in text  # wrapped over several lines, nothing cut


def test_the_wall_summary_is_one_page_even_for_a_long_workshop(demos, tmp_path):
    snapshot = read_snapshot(demos["signed", "zh_CN"])
    out = tmp_path / "wall.pdf"
    export(snapshot, out, language="zh_CN", workshop_id=2, document="wall")
    pages = pdf_text(out)
    marketing = next(w for w in snapshot.workshops if w.id == 2)
    assert len(pages) == 1
    for objective in (o for o in marketing.objectives if o.selected):
        assert squeeze(objective.title) in squeeze(pages[0])
    crowded = tmp_path / "crowded.okrdesk"
    write_many(crowded, objectives=12, key_results=5)
    export(read_snapshot(crowded), tmp_path / "crowded.pdf", language="en", document="wall")
    assert len(pdf_text(tmp_path / "crowded.pdf")) == 1


def write_many(path, objectives, key_results, ideas=0, language="en"):
    """A grouped workshop with many objectives, key results and ideas (not signed)."""
    from datetime import date

    PlanFile.create(path, "Northstar").close()
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan, clock=StepClock())
        with editor.batch("op.generic"):
            apply = lambda op: editor.apply(op).result  # noqa: E731
            cycle = apply(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)))
            workshop = apply(
                ops.CreateWorkshop(apply(ops.CreateUnit("Northstar")), cycle, "Big room")
            )
            apply(ops.ChangePhase(workshop, Phase.BRAINSTORM))
            word = "目标" if language == "zh_CN" else "Objective"
            cards = [
                apply(ops.AddIdea(workshop, f"{word} idea {n} — 想法 {n}"))
                for n in range(max(ideas, 1))
            ]
            apply(ops.ChangePhase(workshop, Phase.GROUP))
            for n in range(objectives):
                objective = apply(
                    ops.CreateObjective(
                        workshop, f"{word} {n + 1}: grow the thing that matters most 增长"
                    )
                )
                for k in range(key_results):
                    apply(
                        ops.AddKeyResult(
                            objective,
                            ops.KeyResultFields(
                                f"KR {k + 1} of {n + 1}: from 10 to {20 + k} by March 截止三月",
                                start=10,
                                target=20 + k,
                                unit="pts",
                                deadline=date(2027, 3, 31),
                                owner="林娜",
                            ),
                        )
                    )
                if n < len(cards):
                    apply(ops.MoveIdea(cards[n], objective))


def test_the_alignment_document_nests_the_cycle_and_marks_what_is_missing(demos, tmp_path):
    out = tmp_path / "tree.pdf"
    export(read_snapshot(demos["signed", "zh_CN"]), out, language="zh_CN", document="alignment")
    text = squeeze("".join(pdf_text(out)))
    for unit in ("北辰软件", "市场部", "内容营销组", "白露"):
        assert unit in text
    assert "尚无下级支撑" in text and "草稿" not in text
    draft = tmp_path / "tree-draft.pdf"
    export(read_snapshot(demos["selected", "en"]), draft, language="en", document="alignment")
    assert all("DRAFT" in page for page in pdf_text(draft))


def test_long_lists_flow_across_pages_with_their_header_rows_repeated(tmp_path):
    plan = tmp_path / "big.okrdesk"
    write_many(plan, objectives=6, key_results=5, ideas=120, language="zh_CN")
    out = tmp_path / "big.pdf"
    export(read_snapshot(plan), out, language="zh_CN")
    pages = pdf_text(out)
    everything = squeeze("".join(pages))
    assert all(squeeze(f"想法 {n}") in everything for n in range(120)), "every idea is listed"
    start = next(n for n, page in enumerate(pages) if "附录" in page)
    appendix = pages[start:]
    assert len(appendix) >= 2
    # The idea table's header row is repeated on every page it spans.
    assert all(squeeze("想法作者") in squeeze(page) for page in appendix)


def test_csv_markdown_and_json_exports(demos, tmp_path):
    plan = demos["signed", "zh_CN"]
    snapshot = read_snapshot(plan)
    report = build_report(snapshot, "zh_CN")
    export(snapshot, tmp_path / "okrs.csv", language="zh_CN")
    raw = (tmp_path / "okrs.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheet programs then read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    expected = sum(len(o.key_results) for w in report.workshops for o in w.objectives)
    assert len(rows) == 1 + expected and rows[0][0] == "组织单元"
    marketing = [row for row in rows if row[0].endswith("市场部")]
    assert marketing and all(row[5].startswith("支撑北辰软件") for row in marketing)
    export(snapshot, tmp_path / "okrs.md", language="en")
    markdown = (tmp_path / "okrs.md").read_text("utf-8")
    assert markdown.startswith("# ") and "| KR1 " in markdown
    export(snapshot, tmp_path / "okrs.json", language="en", workshop_id=1)
    document = json.loads((tmp_path / "okrs.json").read_text("utf-8"))
    assert [w["id"] for w in document["workshops"]] == [1]
    (okrs,) = approved_okrs(read_snapshot(tmp_path / "okrs.json"), "okrs.json")
    assert okrs.unit == "北辰软件" and len(okrs.objectives) == 3


def okrdesk(*args):
    return subprocess.run(
        [sys.executable, "-m", "okrdesk", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_export_from_the_command_line(demos, tmp_path):
    plan = demos["voted", "en"]
    result = okrdesk("export", plan, tmp_path / "h.pdf", "--lang", "zh_CN", "--paper", "letter")
    assert result.returncode == 0, result.stderr
    assert "已写入" in result.stdout and (tmp_path / "h.pdf").stat().st_size > 10_000
    wrong = okrdesk("export", plan, tmp_path / "h.docx", "--lang", "en")
    assert wrong.returncode == 2 and ".pdf, .md, .csv or .json" in wrong.stderr
    assert not (tmp_path / "h.docx").exists()
    missing = okrdesk("export", plan, tmp_path / "none.pdf", "--workshop", "99", "--lang", "en")
    assert missing.returncode == 2 and "no workshop with id 99" in missing.stderr
    nowhere = okrdesk("export", plan, tmp_path / "no" / "h.pdf", "--lang", "en")
    assert nowhere.returncode == 2 and "no folder" in nowhere.stderr
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".okrdesk-")]
    assert leftovers == []


def test_a_failed_export_leaves_an_existing_file_untouched(demos, tmp_path, monkeypatch):
    from okrdesk.export import exporter

    out = tmp_path / "handout.pdf"
    out.write_bytes(b"yesterday's handout")

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(exporter, "write_pdf", broken)
    with pytest.raises(RuntimeError):
        export(read_snapshot(demos["signed", "en"]), out, language="en")
    assert out.read_bytes() == b"yesterday's handout"
    assert [p.name for p in tmp_path.iterdir()] == ["handout.pdf"]


def test_without_a_workshop_the_latest_cycle_with_workshops_is_covered(demos, tmp_path):
    from datetime import date

    plan = tmp_path / "two-cycles.okrdesk"
    plan.write_bytes(demos["signed", "en"].read_bytes())
    with PlanFile.open(plan) as opened:
        PlanEditor(opened).apply(ops.CreateCycle("2027-Q2", date(2027, 4, 1), date(2027, 6, 30)))
    snapshot = read_snapshot(plan)
    assert build_report(snapshot, "en").cycle == "2027-Q1"  # Q2 has no workshop yet
    q2 = next(c.id for c in snapshot.cycles if c.name == "2027-Q2")
    empty = build_report(snapshot, "en", cycle_id=q2)
    assert (empty.cycle, empty.workshops) == ("2027-Q2", ())
    export(snapshot, tmp_path / "empty.pdf", language="en", cycle_id=q2)
    assert "There is no workshop to print" in "".join(pdf_text(tmp_path / "empty.pdf"))


def test_a_long_return_comment_splits_across_pages_instead_of_failing(tmp_path):
    plan = signed_with_signature(tmp_path)
    with PlanFile.open(plan) as opened:
        editor = PlanEditor(opened, clock=StepClock())
        editor.apply(ops.ReopenWorkshop(1, "more to say"))
        editor.apply(ops.ChangePhase(1, Phase.SIGNOFF))
        editor.apply(ops.SignOffWorkshop(1, Decision.RETURN, "CEO Zhou", "很长的意见，" * 333))
    out = tmp_path / "long.pdf"
    export(read_snapshot(plan), out, language="zh_CN")
    pages = pdf_text(out)
    assert squeeze("".join(pages)).count("很") == 333  # every word of it, over two pages
    assert sum("很长的意见" in page for page in pages) >= 2


def test_the_appendix_shows_each_groups_dots_once_and_every_card_under_it(demos, tmp_path):
    snapshot = read_snapshot(demos["signed", "en"])
    report = build_report(snapshot, "en", workshop_id=1)
    groups = report.workshops[0].idea_groups
    workshop = snapshot.workshops[0]
    cards = [i for i in workshop.ideas if i.merged_into_id is None]
    assert sum(len(g.ideas) for g in groups) == len(cards)
    assert sum(g.dots or 0 for g in groups) == sum(o.dots or 0 for o in workshop.objectives)
    out = tmp_path / "h.pdf"
    export(snapshot, out, language="en", workshop_id=1)
    text = squeeze("".join(pdf_text(out)))
    first = next(g for g in groups if g.title)
    assert squeeze(f"{first.title} — {first.dots} dots") in text


def test_the_running_phase_is_in_progress_in_the_minutes(demos):
    report = build_report(read_snapshot(demos["voting", "zh_CN"]), "zh_CN", workshop_id=1)
    minutes = {m.name: m.actual for m in report.workshops[0].minutes}
    assert minutes["投票"] is None and isinstance(minutes["准备"], int)


def test_every_character_of_the_chinese_handout_is_in_the_embedded_font(demos, tmp_path):
    from reportlab.pdfbase import pdfmetrics

    out = tmp_path / "h.pdf"
    export(read_snapshot(demos["signed", "zh_CN"]), out, language="zh_CN")
    glyphs = pdfmetrics.getFont(cjk_font().name).face.charToGlyph
    missing = {c for c in "".join(pdf_text(out)) if not c.isspace() and ord(c) not in glyphs}
    assert missing == set()


def test_english_words_stay_whole_when_chinese_text_wraps():
    from okrdesk.export.pdf.wrapping import break_lines

    font = cjk_font().name
    lines = break_lines(
        "通过 LinkedIn advertising 获取 100 条合格线索，并且转化率达到 12.5%", [90], font, 9
    )
    assert (
        "".join(lines).replace(" ", "")
        == "通过LinkedInadvertising获取100条合格线索，并且转化率达到12.5%"
    )
    words = {"LinkedIn", "advertising", "100", "12.5%"}
    for line in lines:
        for token in line.split():
            assert not any(
                word != token and word.startswith(token) and token.isascii() for word in words
            ), lines
    assert break_lines("负责人：Jennifer Lawrence", [60], font, 9) == [
        "负责人：",
        "Jennifer",
        "Lawrence",
    ]
    assert not any(
        line.startswith("，") for line in break_lines("一二三四五六七八，九十" * 3, [50], font, 9)
    )


def test_long_names_are_shortened_in_the_page_header(tmp_path):
    from okrdesk.export.pdf.document import fit

    font = cjk_font().name
    short = fit("北辰软件 · " + "非常长的部门名称" * 20 + " · 2027-Q1", font, 8.5, 300)
    assert short.endswith("…")
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert stringWidth(short, font, 8.5) <= 300


def test_csv_keeps_objectives_without_key_results_and_never_starts_a_formula(tmp_path):
    from okrdesk.export.tables import report_csv

    plan = tmp_path / "odd.okrdesk"
    write_many(plan, objectives=2, key_results=0)
    with PlanFile.open(plan) as opened:
        editor = PlanEditor(opened, clock=StepClock())
        editor.apply(
            ops.AddKeyResult(1, ops.KeyResultFields('=HYPERLINK("http://x")', start=-5, target=10))
        )
    rows = list(csv.reader(io.StringIO(report_csv(build_report(read_snapshot(plan), "en")))))
    assert len(rows) == 3  # header, O1 with its KR, O2 without any
    assert rows[1][7] == '\'=HYPERLINK("http://x")' and rows[1][8].startswith("'-5")
    assert rows[2][3] == "O2" and rows[2][6:] == ["", "", "", "", "", ""]


def test_markdown_shows_titles_as_typed(tmp_path):
    from okrdesk.export.tables import report_markdown

    plan = tmp_path / "md.okrdesk"
    write_many(plan, objectives=1, key_results=1)
    with PlanFile.open(plan) as opened:
        PlanEditor(opened, clock=StepClock()).apply(
            ops.RenameObjective(1, "<b>Grow</b> *fast* | now")
        )
    markdown = report_markdown(build_report(read_snapshot(plan), "en"))
    assert "### O1 \\<b\\>Grow\\</b\\> \\*fast\\* \\| now" in markdown


def test_exports_get_normal_file_permissions_and_clear_errors(demos, tmp_path):
    import os
    import stat

    snapshot = read_snapshot(demos["signed", "en"])
    previous = os.umask(0o022)
    try:
        export(snapshot, tmp_path / "okrs.csv", language="en")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "okrs.csv").stat().st_mode) == 0o644
    (tmp_path / "folder.pdf").mkdir()
    from okrdesk.errors import PlanFileError

    with pytest.raises(PlanFileError) as refused:
        export(snapshot, tmp_path / "folder.pdf", language="en")
    message = refused.value.message("en")
    assert "folder.pdf" in message and ".okrdesk-" not in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.pdf", "okrs.csv"]


def test_a_persons_handout_has_no_vote_or_wall_sections(demos, tmp_path):
    snapshot = read_snapshot(demos["signed", "zh_CN"])
    people = {u.id for u in snapshot.units if u.level == "person"}
    (person,) = [w.id for w in snapshot.workshops if w.unit_id in people]
    out = tmp_path / "person.pdf"
    export(snapshot, out, language="zh_CN", workshop_id=person)
    text = squeeze("".join(pdf_text(out)))
    assert "达成一致的OKR" in text and "签批" in text
    assert "点投票结果" not in text and "附录" not in text
    assert "已由上级确认" in text  # the 1:1's own words, not the CEO's sign-off


def test_an_empty_plan_still_prints_a_clear_page(tmp_path):
    plan = tmp_path / "empty.okrdesk"
    PlanFile.create(plan, "Northstar").close()
    out = tmp_path / "empty.pdf"
    export(read_snapshot(plan), out, language="en")
    reader = PdfReader(out)
    assert "There is no workshop to print" in reader.pages[0].extract_text()
    assert reader.metadata.title == "Northstar — OKR handout" and reader.metadata.subject == "OKR"


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_signoff_block_stays_on_one_page(demos, tmp_path, paper):
    out = tmp_path / "h.pdf"
    export(read_snapshot(demos["signed", "en"]), out, language="en", workshop_id=1, paper=paper)
    pages = [squeeze(page) for page in pdf_text(out)][1:]  # the cover has its own summary
    with_signer = [n for n, page in enumerate(pages) if "Signer" in page]
    with_rounds = [n for n, page in enumerate(pages) if "RoundDecision" in page]
    assert with_signer and with_signer == with_rounds


def test_the_command_line_writes_in_the_plans_language_unless_told(demos, tmp_path):
    chinese = okrdesk("export", demos["signed", "zh_CN"], tmp_path / "zh.md")
    assert chinese.returncode == 0, chinese.stderr
    assert "OKR 手册" in (tmp_path / "zh.md").read_text("utf-8")
    english = okrdesk("export", demos["signed", "zh_CN"], tmp_path / "en.md", "--lang", "en")
    assert "OKR handout" in (tmp_path / "en.md").read_text("utf-8") and english.returncode == 0

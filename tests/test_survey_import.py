"""Survey exports import as they come: each tool's layout, through the command line (no Qt)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from okrdesk.cli import main
from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.importer import ImportRow, columns_for, import_target, plan_import, read_source
from okrdesk.engine.source_limits import SourceFileError
from okrdesk.engine.survey_columns import Layout, core, detect_columns
from okrdesk.models import Phase
from okrdesk.models.planfile import PlanFile
from tests.fixtures.surveys.make_surveys import (
    CHINESE_ANSWERS,
    ENGLISH_ANSWERS,
    WENJUANXING_HEADER,
)

SURVEYS = Path(__file__).resolve().parent / "fixtures" / "surveys"

# What the fixtures hold (written by make_surveys.py from the same answers), as imported: a
# survey's empty name or Microsoft Forms' "Anonymous" is an idea without an author.
CHINESE_IDEAS = [idea for _name, _unit, idea in CHINESE_ANSWERS]
CHINESE_AUTHORS = [name or None for name, _unit, _idea in CHINESE_ANSWERS]
ENGLISH_IDEAS = [idea for _name, _unit, idea in ENGLISH_ANSWERS]
ENGLISH_AUTHORS = [None if name == "Anonymous" else name for name, _unit, _idea in ENGLISH_ANSWERS]

# Each export: its file, the layout recognised, what is imported, and how the file was read.
EXPORTS = [
    ("wenjuanxing_gb18030.csv", Layout.CHINESE_SURVEY, "chinese", "GB18030 (Simplified Chinese)"),
    ("wenjuanxing.xlsx", Layout.CHINESE_SURVEY, "chinese", None),
    ("tencent_utf8_bom.csv", Layout.CHINESE_SURVEY, "chinese", "UTF-8 (Unicode)"),
    ("microsoft_forms.xlsx", Layout.MICROSOFT_FORMS, "english", None),
    ("google_forms_utf8.csv", Layout.GOOGLE_FORMS, "english", "UTF-8 (Unicode)"),
    ("excel_unicode_text.txt", Layout.GOOGLE_FORMS, "chinese", "UTF-16 (Unicode)"),
    # The survey's title alone in the first row, or "问卷标题：…" and a blank row, above the header.
    ("wenjuanxing_titled.xlsx", Layout.CHINESE_SURVEY, "chinese", None),
    ("tencent_titled.csv", Layout.CHINESE_SURVEY, "chinese", "UTF-8 (Unicode)"),
]


def survey_plan(path: Path) -> dict[str, int]:
    """A plan with a company workshop in setup (陈静 already a participant), a workshop past
    brainstorm, and a person's workshop; their ids by name."""
    with PlanFile.create(path, "Northstar") as plan:
        editor = PlanEditor(plan)
        cycle = editor.apply(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31))).result
        company = editor.apply(ops.CreateUnit("Northstar")).result
        open_one = editor.apply(ops.CreateWorkshop(company, cycle, "Management meeting")).result
        for name in ("Ana", "陈静"):
            editor.apply(ops.AddParticipant(open_one, name))
        design = editor.apply(ops.CreateUnit("Design", company)).result
        grouped = editor.apply(ops.CreateWorkshop(design, cycle, "Design workshop")).result
        editor.apply(ops.ChangePhase(grouped, Phase.BRAINSTORM))
        editor.apply(ops.AddIdea(grouped, "One design language"))
        editor.apply(ops.ChangePhase(grouped, Phase.GROUP))
        team = editor.apply(ops.CreateUnit("Brand", design)).result
        person = editor.apply(ops.CreateUnit("Lin Mei", team)).result
        own = editor.apply(ops.CreateWorkshop(person, cycle, "Lin Mei's OKRs")).result
    return {"open": open_one, "grouped": grouped, "person": own}


@pytest.fixture
def plan(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "plan.okrdesk"
    return path, survey_plan(path)


def ideas_of(path: Path, workshop: int) -> list[tuple[str, str | None]]:
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return db.execute(
            "SELECT idea.text, participant.name FROM idea LEFT JOIN participant "
            "ON idea.author_id = participant.id WHERE idea.workshop_id = ? ORDER BY idea.position",
            (workshop,),
        ).fetchall()
    finally:
        db.close()


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    said = capsys.readouterr()
    return code, said.out, said.err


@pytest.mark.parametrize(("name", "layout", "content", "read_as"), EXPORTS)
def test_every_survey_export_imports_through_the_command_line(
    plan, capsys, name, layout, content, read_as
):
    path, workshops = plan
    source = SURVEYS / name
    assert columns_for(read_source(source).rows).layout is layout
    code, out, err = run(capsys, "import", path, source, "--workshop", workshops["open"])
    assert (code, err) == (0, "")
    chinese = content == "chinese"
    new = "4 new participants" if chinese else "5 new participants"  # 陈静 was there
    said = f"Imported 6 ideas from 5 people; 1 without a name, kept anonymous; {new} added."
    if read_as is not None:
        said += f" The file was read as {read_as}."
    assert out == said + "\n"
    texts, authors = (
        (CHINESE_IDEAS, CHINESE_AUTHORS) if chinese else (ENGLISH_IDEAS, ENGLISH_AUTHORS)
    )
    assert ideas_of(path, workshops["open"]) == list(zip(texts, authors, strict=True))


@pytest.mark.parametrize(
    ("source", "text", "language", "said"),
    [
        pytest.param(
            "wenjuanxing_gb18030.csv",
            None,
            "zh_CN",
            "导入了 6 条想法，来自 5 人；其中 1 条没有署名，按匿名保留；新增 4 位参与者。"
            "文件按 GB18030（简体中文） 编码读取。",
            id="in Chinese",
        ),
        pytest.param(
            "answers.csv",
            "序号,提交答卷时间,1、您的姓名,2、您认为本季度最需要实现的目标是？\n"
            "1,2026/11/1,王丽,提高续约率\n2,2026/11/2,,\n",
            "en",
            "Imported 1 idea from 1 person; 1 new participant added; 1 answer with neither an "
            "idea nor a name skipped. The file was read as UTF-8 (Unicode).",
            id="a survey answer left blank is skipped and counted",
        ),
    ],
)
def test_what_arrived_is_said_in_one_sentence(plan, capsys, tmp_path, source, text, language, said):
    path, workshops = plan
    if text is None:
        file = SURVEYS / source
    else:
        file = tmp_path / source
        file.write_text(text, encoding="utf-8")
    code, out, _ = run(
        capsys, "import", path, file, "--workshop", workshops["open"], "--lang", language
    )
    assert (code, out) == (0, said + "\n")


def test_importing_the_same_file_again_adds_nothing_and_says_so(plan, capsys):
    path, workshops = plan
    source = SURVEYS / "tencent_utf8_bom.csv"
    assert run(capsys, "import", path, source, "--workshop", workshops["open"])[0] == 0
    before = ideas_of(path, workshops["open"])
    code, out, err = run(capsys, "import", path, source, "--workshop", workshops["open"])
    assert (code, out) == (2, "")
    assert err == (
        "okrdesk: All 6 ideas in this file are already in the workshop (the file was imported "
        "before); nothing was imported.\n"
    )
    assert ideas_of(path, workshops["open"]) == before
    # The same answers in another tool's file: still the same ideas from the same people.
    code, _, err = run(
        capsys, "import", path, SURVEYS / "wenjuanxing.xlsx", "--workshop", workshops["open"]
    )
    assert code == 2 and "already in the workshop" in err


def test_a_file_with_new_answers_adds_only_those(plan, capsys, tmp_path):
    path, workshops = plan
    first = tmp_path / "first.csv"
    first.write_text("Timestamp,Your name,Objective\n1,Ana,Grow MRR\n2,Bo,Cut churn\n", "utf-8")
    later = tmp_path / "later.csv"
    later.write_text(
        "Timestamp,Your name,Objective\n1,Ana,Grow MRR\n2,Bo,Cut churn\n3,Cy,Hire 5 engineers\n",
        "utf-8",
    )
    assert run(capsys, "import", path, first, "--workshop", workshops["open"])[0] == 0
    code, out, _ = run(capsys, "import", path, later, "--workshop", workshops["open"])
    assert code == 0
    assert out == (
        "Imported 1 idea from 1 person; 1 new participant added; "
        "2 already in the workshop, not imported again. The file was read as UTF-8 (Unicode).\n"
    )
    assert [text for text, _ in ideas_of(path, workshops["open"])] == [
        "Grow MRR",
        "Cut churn",
        "Hire 5 engineers",
    ]


def test_an_unsure_file_names_its_columns_and_the_options_to_choose(plan, capsys):
    path, workshops = plan
    source = SURVEYS / "two_questions_utf8.csv"
    code, out, err = run(capsys, "import", path, source, "--workshop", workshops["open"])
    assert (code, out) == (2, "")
    assert err == (
        "okrdesk: okrdesk is not sure which column holds the ideas (perhaps E “3、下季度您希望做成"
        "哪件事”; columns: A “序号”, B “提交答卷时间”, C “1、您的姓名”, D “2、最大的挑战是什么”, "
        "E “3、下季度您希望做成哪件事”). Name it, e.g. okrdesk import … --idea-column E (and "
        "--author-column for the names), or choose the columns in the import window. Nothing was "
        "imported.\n"
    )
    assert ideas_of(path, workshops["open"]) == []
    code, out, _ = run(
        capsys, "import", path, source, "--workshop", workshops["open"], "--idea-column", "E"
    )
    assert code == 0 and out.startswith("Imported 6 ideas from 5 people;")
    assert [text for text, _ in ideas_of(path, workshops["open"])] == CHINESE_IDEAS


@pytest.mark.parametrize(
    "column", ["E", "5", "3、下季度您希望做成哪件事", "下季度您希望做成哪件事"]
)
def test_a_column_is_named_by_letter_number_or_header(column):
    rows = read_source(SURVEYS / "two_questions_utf8.csv").rows
    chosen = plan_import(rows, columns_for(rows, idea=column))
    assert [row.idea for row in chosen.rows] == CHINESE_IDEAS


def test_the_author_column_can_be_chosen_or_left_out(capsys, plan):
    rows = read_source(SURVEYS / "two_questions_utf8.csv").rows
    nobody = plan_import(rows, columns_for(rows, idea="E", author="-"))
    assert {row.author for row in nobody.rows} == {None} and nobody.anonymous == 6
    # The challenge question as the author's "name" (a user's own choice) is taken as given.
    odd = plan_import(rows, columns_for(rows, idea="E", author="D"))
    assert {row.author for row in odd.rows} == {"人手不够"}
    path, workshops = plan
    code, _, err = run(
        capsys,
        "import",
        path,
        SURVEYS / "two_questions_utf8.csv",
        "--workshop",
        workshops["open"],
        "--idea-column",
        "Z",
    )
    assert code == 2
    assert err.startswith("okrdesk: There is no column “Z” (columns: A “序号”,")


def test_a_header_not_recognised_is_said_as_such_not_as_a_bad_row(plan, capsys, tmp_path):
    path, workshops = plan
    source = tmp_path / "answers.csv"
    source.write_text("问题一,问题二\n提高续约率,\n,\n降低成本,王丽\n", encoding="utf-8")
    code, _, err = run(capsys, "import", path, source, "--workshop", workshops["open"])
    assert code == 2
    assert err.startswith(
        "okrdesk: The header row was not recognised: no column names the ideas or their "
        "authors (columns: A “问题一”, B “问题二”)."
    )
    assert "Row" not in err
    code, out, err = run(
        capsys,
        "import",
        path,
        source,
        "--workshop",
        workshops["open"],
        "--idea-column",
        "A",
        "--author-column",
        "B",
    )
    # The columns named by hand: the same file imports.
    assert (code, err) == (0, "")
    assert out.startswith("Imported 2 ideas from 1 person; 1 without a name, kept anonymous;")


def test_an_import_never_ends_well_having_imported_nothing(plan, capsys, tmp_path):
    path, workshops = plan
    empty = tmp_path / "empty.csv"
    empty.write_text(
        "序号,提交答卷时间,1、您的姓名,2、您认为本季度最需要实现的目标是？\n1,2026/11/1,,\n"
    )
    code, out, err = run(capsys, "import", path, empty, "--workshop", workshops["open"])
    assert (code, out) == (2, "")
    assert "The file has no ideas or participants to import." in err


def test_a_workshop_past_brainstorm_or_a_persons_workshop_is_refused(plan, capsys):
    path, workshops = plan
    source = SURVEYS / "google_forms_utf8.csv"
    code, _, err = run(capsys, "import", path, source, "--workshop", workshops["grouped"])
    assert code == 2
    assert err == (
        "okrdesk: “Design workshop” is past brainstorming (the room is in Group); ideas can be "
        "imported only during Setup or Brainstorm. Nothing was imported.\n"
    )
    code, _, err = run(
        capsys, "import", path, source, "--workshop", workshops["person"], "--lang", "zh_CN"
    )
    assert code == 2
    assert err.startswith("okrdesk: “Lin Mei's OKRs”是个人的研讨会")
    assert ideas_of(path, workshops["grouped"]) == [("One design language", None)]
    assert ideas_of(path, workshops["person"]) == []


@pytest.mark.parametrize(
    ("header", "layout", "idea", "author", "department"),
    [
        (
            WENJUANXING_HEADER,
            Layout.CHINESE_SURVEY,
            8,
            6,
            7,
        ),
        (
            ["ID", "Start time", "Completion time", "Email", "Name", "Your objective for 2027"],
            Layout.MICROSOFT_FORMS,
            5,
            4,
            None,
        ),
        (
            ["ID", "开始时间", "完成时间", "电子邮件", "名称", "1. 您的姓名", "2. 下季度的目标"],
            Layout.MICROSOFT_FORMS,
            6,
            5,
            None,
        ),
        (["Timestamp", "What should we achieve next quarter?"], Layout.GOOGLE_FORMS, 1, None, None),
        (["Timestamp", "Email address", "Team", "Top priority"], Layout.GOOGLE_FORMS, 3, None, 2),
        (
            [
                "编号",
                "开始答题时间",
                "结束答题时间",
                "答题时长",
                "渠道",
                "地理位置(省)",
                "地理位置(市)",
                "IP",
                "1. 姓名",
                "2. 下季度公司最该做成的一件事",
            ],
            Layout.CHINESE_SURVEY,
            9,
            8,
            None,
        ),
        (["Idea", "Author"], Layout.PLAIN, 0, 1, None),
        (["想法", "提交人", "部门"], Layout.PLAIN, 0, 1, 2),
    ],
)
def test_each_layouts_header_is_recognised(header, layout, idea, author, department):
    columns = detect_columns(header)
    assert (columns.layout, columns.idea, columns.author, columns.department) == (
        layout,
        idea,
        author,
        department,
    )
    assert columns.sure


def test_a_header_is_read_without_its_numbering_and_marks():
    assert core("3、您认为本季度公司最需要实现的目标是？") == "您认为本季度公司最需要实现的目标是"
    assert core("Q2. Your name (required)") == "yourname"
    assert core("第4题：您所在的部门*") == "您所在的部门"


def test_an_unsure_detection_ranks_the_column_people_wrote_most_in():
    header = ["Timestamp", "Your name", "Anything else?", "Next quarter we should…"]
    body = [["1", "Ana", "", "Double the trial conversions in EMEA"], ["2", "Bo", "no", "Hire"]]
    columns = detect_columns(header, body)
    assert not columns.sure and columns.idea == 3 and columns.candidates == (3, 2)
    with pytest.raises(SourceFileError) as refused:
        plan_import([header, *body], columns)
    assert refused.value.message_id == "import.idea_column_unsure"


def test_a_list_of_people_already_there_imports_nothing_and_says_why(plan, capsys, tmp_path):
    path, workshops = plan
    source = tmp_path / "people.csv"
    source.write_text("姓名\nAna\n陈静\n", encoding="utf-8")
    code, out, err = run(capsys, "import", path, source, "--workshop", workshops["open"])
    assert (code, out) == (2, "")
    assert err == (
        "okrdesk: Everyone named in this file is a participant already, and it holds no ideas; "
        "nothing was imported.\n"
    )
    source.write_text("姓名\nAna\n白露\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", path, source, "--workshop", workshops["open"])
    assert (code, out) == (
        0,
        "Imported 0 ideas from 0 people; 1 new participant added. "
        "The file was read as UTF-8 (Unicode).\n",
    )


def test_the_previews_view_of_the_workshop(plan):
    """What the window's preview reads (Qt-free): why a workshop takes no ideas, and what it has."""
    path, workshops = plan
    with PlanFile.open(path) as opened:
        editor = PlanEditor(opened)
        grouped = editor.view(import_target, workshops["grouped"])
        assert grouped.refusal("en") == (
            "“Design workshop” is past brainstorming (the room is in Group); ideas can be "
            "imported only during Setup or Brainstorm. Nothing was imported."
        )
        person = editor.view(import_target, workshops["person"])
        assert person.refusal("zh_CN").startswith("“Lin Mei's OKRs”是个人的研讨会")
        editor.apply(ops.AddIdea(workshops["open"], "  Grow   MRR "))
        target = editor.view(import_target, workshops["open"])
    assert target.refusal("en") is None
    assert target.participants == frozenset({"Ana", "陈静"})
    assert target.known == (("grow mrr", None),)
    rows = (
        ImportRow(2, "grow MRR", None),
        ImportRow(3, "Grow MRR", "Ana"),
        ImportRow(4, None, "Bo"),
    )
    assert target.already_there(rows) == 1  # the same text, anonymous; Ana's is another idea
    # A second anonymous "Grow MRR" is someone else's answer: one card stands for one row.
    assert target.already_there((*rows, ImportRow(5, "grow mrr", None))) == 1


def test_the_same_words_from_two_anonymous_people_stay_two_ideas(plan, capsys, tmp_path):
    path, workshops = plan
    source = tmp_path / "answers.csv"
    source.write_text(
        "Timestamp,Your name,Objective\n1,,Cut churn\n2,,Cut churn\n3,Ana,Cut churn\n", "utf-8"
    )
    code, out, _ = run(capsys, "import", path, source, "--workshop", workshops["open"])
    assert code == 0 and out.startswith("Imported 3 ideas from 1 person; 2 without a name")
    code, _, err = run(capsys, "import", path, source, "--workshop", workshops["open"])
    assert code == 2 and "All 3 ideas in this file are already in the workshop" in err
    assert len(ideas_of(path, workshops["open"])) == 3

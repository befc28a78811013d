"""Which columns of a file of ideas hold the idea, its author and their department.

A file of candidate ideas is usually a survey tool's export, and its header row is the
survey's: Wenjuanxing and Tencent Survey ("序号 / 提交答卷时间 / 1、您的姓名 / 2、您所在的部门 /
3、您认为本季度公司最需要实现的目标是？"), Microsoft Forms ("ID / Start time / Completion time /
Email / Name / <question>"), Google Forms ("Timestamp / <question>"), or a plain list
("idea / author"). The tool's own columns (times, numbers, addresses) are set aside; the
name and department questions are found by their words; the idea is the question left, or
the one asking for an objective. When that is not certain, the detection says so and names
its best guess: the user picks the columns (the window's preview, the command line's
``--idea-column`` / ``--author-column``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from okrdesk.engine.source_limits import SourceFileError, column_letter


class Layout(StrEnum):
    """Whose export the header row looks like."""

    PLAIN = "plain"
    CHINESE_SURVEY = "chinese_survey"  # Wenjuanxing (问卷星), Tencent Survey (腾讯问卷)
    MICROSOFT_FORMS = "microsoft_forms"
    GOOGLE_FORMS = "google_forms"

    @property
    def survey(self) -> bool:
        return self is not Layout.PLAIN


class Role(StrEnum):
    """What a column gives an imported row."""

    IDEA = "idea"
    AUTHOR = "author"
    DEPARTMENT = "department"


@dataclass(frozen=True)
class Columns:
    """The columns (0-based) found for each role, and whether the idea column is certain."""

    header: tuple[str, ...]
    layout: Layout
    idea: int | None
    author: int | None
    department: int | None
    sure: bool
    # The columns that may hold the ideas (questions people answered in words), best first.
    candidates: tuple[int, ...] = ()
    # Where the header row is among the file's rows (0: the first; below a survey's title).
    header_row: int = 0

    def named(self, column: int) -> str:
        """The column as a person finds it: its letter and its header ("C “3、目标”")."""
        title = self.header[column] if column < len(self.header) else ""
        letter = column_letter(column + 1)
        return f"{letter} “{title}”" if title else letter

    def listing(self) -> str:
        """Every column with a header, as named() says it, separated by commas."""
        return ", ".join(self.named(c) for c in range(len(self.header)) if self.header[c])


# Words that name the column in a plain list (compared as core() makes them).
IDEA_WORDS = frozenset(
    {"idea", "ideas", "text", "objective", "objectives", "candidate", "goal", "goals"}
    | {"想法", "候选目标", "目标", "内容", "建议", "点子"}
)
AUTHOR_WORDS = frozenset(
    {"author", "participant", "name", "fullname", "yourname", "submitter", "respondent"}
    | {"作者", "参与者", "姓名", "提交人", "名字", "填写人", "您的姓名", "你的姓名", "您的名字"}
    | {"你的名字", "名称"}
)
DEPARTMENT_WORDS = frozenset(
    {"department", "dept", "team", "division", "yourdepartment", "yourteam", "unit"}
    | {"部门", "团队", "科室", "所在部门", "所属部门", "您所在的部门", "你所在的部门"}
)
# Words inside a question that asks for an objective (a candidate idea).
IDEA_QUESTION_WORDS = (
    *("目标", "想法", "建议", "点子", "重点", "优先", "okr"),
    *("objective", "goal", "idea", "priorit", "focus", "suggest"),
)
# The survey tools' own columns: never an idea, author or department.
CHINESE_SURVEY_COLUMNS = frozenset(
    {"序号", "编号", "提交答卷时间", "提交时间", "所用时间", "答题时间", "填写时长", "答题时长"}
    | {"来源", "来源详情", "来自ip", "ip", "ip地址", "开始时间", "结束时间", "开始答题时间"}
    | {"结束答题时间", "答卷编号", "用户id", "总分", "地理位置", "填写设备", "浏览器", "操作系统"}
    | {"微信昵称", "昵称", "渠道", "自定义字段", "完成状态"}
)
MICROSOFT_FORMS_COLUMNS = frozenset(
    {"id", "starttime", "completiontime", "email", "lastmodifiedtime", "totalpoints"}
    | {"开始时间", "完成时间", "电子邮件", "上次修改时间", "总分"}
)
GOOGLE_FORMS_COLUMNS = frozenset(
    {"timestamp", "emailaddress", "score", "时间戳记", "时间戳", "电子邮件地址", "分数"}
)
# Microsoft Forms' own name column (the responder's account), beside a question asking it.
MICROSOFT_NAME_COLUMNS = frozenset({"name", "名称"})

_NUMBERING = re.compile(r"^(?:q\s*)?\d+\s*[、.．:：)）\]]\s*|^第\s*\d+\s*题\s*[:：.、]?\s*")
_MARKS = re.compile(r"[（(]\s*(?:必填|选填|required|optional)\s*[)）]|\*")
_POLITE = re.compile(r"^(?:请(?:填写|输入|问)?|您的|你的|please(?:enter)?|your)")
_PUNCTUATION = re.compile(r"[\s?？:：。.!！,，、*_\-–—/\\|()（）\[\]【】\"'“”‘’]+")


def core(header: str) -> str:
    """The header's words: without its question number, marks, punctuation and spaces."""
    text = header.strip().casefold()
    text = _NUMBERING.sub("", text, count=1)
    text = _MARKS.sub("", text)
    return _PUNCTUATION.sub("", text)


def _bare(word: str) -> str:
    """The core without a polite opening ("您的姓名" -> "姓名", "your name" -> "name")."""
    return _POLITE.sub("", word, count=1) or word


def _is_author(word: str) -> bool:
    bare = _bare(word)
    if word in AUTHOR_WORDS or bare in AUTHOR_WORDS:
        return True
    return "姓名" in word or (word.isascii() and bare in {"name", "fullname", "yourname"})


def _is_department(word: str) -> bool:
    bare = _bare(word)
    if word in DEPARTMENT_WORDS or bare in DEPARTMENT_WORDS:
        return True
    return "部门" in word or (word.isascii() and "department" in word)


def layout_of(words: Sequence[str]) -> Layout:
    """Whose export a header row (its cores) looks like."""
    present = set(words)
    if {"starttime", "completiontime"} <= present or {"开始时间", "完成时间", "id"} <= present:
        return Layout.MICROSOFT_FORMS
    if words and words[0] in {"timestamp", "时间戳记", "时间戳"}:
        return Layout.GOOGLE_FORMS
    if present & {"提交答卷时间", "所用时间", "来源详情", "来自ip", "答题时长", "开始答题时间"}:
        return Layout.CHINESE_SURVEY
    return Layout.PLAIN


def _tool_columns(layout: Layout) -> frozenset[str]:
    if layout is Layout.CHINESE_SURVEY:
        return CHINESE_SURVEY_COLUMNS
    if layout is Layout.MICROSOFT_FORMS:
        return MICROSOFT_FORMS_COLUMNS
    if layout is Layout.GOOGLE_FORMS:
        return GOOGLE_FORMS_COLUMNS
    return frozenset()


# The survey tools' own columns that come in families ("地理位置(省)", "来源渠道").
CHINESE_SURVEY_PREFIXES = ("地理位置", "来源", "自定义字段", "微信")


def _is_tools(word: str, tool: frozenset[str]) -> bool:
    """Whether the column (its core) is one the survey tool adds to every answer."""
    if word in tool:
        return True
    return tool is CHINESE_SURVEY_COLUMNS and word.startswith(CHINESE_SURVEY_PREFIXES)


def detect_columns(header: Sequence[str], body: Sequence[Sequence[str]] = ()) -> Columns:
    """The columns of each role in a header row; the rows below rank unsure idea columns."""
    titles = tuple(cell.strip() for cell in header)
    words = [core(title) for title in titles]
    layout = layout_of(words)
    tool = _tool_columns(layout)
    own = [c for c, w in enumerate(words) if _is_tools(w, tool)]
    authors = [c for c, w in enumerate(words) if w and c not in own and _is_author(w)]
    if layout is Layout.MICROSOFT_FORMS:
        # The form's own "Name" is the responder's account (often "Anonymous"): a question
        # asking the name is what people typed.
        asked = [c for c in authors if words[c] not in MICROSOFT_NAME_COLUMNS]
        authors = asked or authors
    author = authors[0] if authors else None
    departments = [
        c for c, w in enumerate(words) if w and c not in own and c != author and _is_department(w)
    ]
    department = departments[0] if departments else None
    taken = {author, department}
    plain = [c for c, w in enumerate(words) if c not in taken and w in IDEA_WORDS]
    if plain:
        return Columns(titles, layout, plain[0], author, department, True, tuple(plain))
    questions = [
        c
        for c, w in enumerate(words)
        if w and c not in taken and c not in own and not _is_author(w) and not _is_department(w)
    ]
    asking = [c for c in questions if any(word in words[c] for word in IDEA_QUESTION_WORDS)]
    ranked = sorted(asking, key=lambda c: -_text_in(body, c)) + sorted(
        (c for c in questions if c not in asking), key=lambda c: -_text_in(body, c)
    )
    # Certain: one question asks for an objective, or a survey asked only one other question.
    sure = len(asking) == 1 or (not asking and len(questions) == 1 and layout.survey)
    # A plain list whose header names nothing okrdesk knows is no header it recognised: no
    # guess (the columns are to be chosen, and the refusal says the header was not known).
    known = author is not None or department is not None or asking or layout.survey
    idea = ranked[0] if ranked and known else None
    return Columns(titles, layout, idea, author, department, sure, tuple(ranked))


# How far down a file the header row is looked for: a survey's title, its export time and a
# blank line may come first.
HEADER_SEARCH = 6
# A labelled line above the header ("问卷标题：…", "导出时间：…"), its label ending in a colon.
_TITLE_LINE = re.compile(
    r"^(?:(?:问卷|调查)(?:标题|名称)|导出(?:时间|日期)|survey|form|title|export(?:ed)?)\s*[:：]",
    re.IGNORECASE,
)


def header_row(rows: Sequence[Sequence[str]]) -> int:
    """Where the header row is: the first row, unless the file opens with lines that are no
    header: blank rows, a "问卷标题：…" line (in one cell or two), or the survey's title alone
    in its row above a wider row. A one-column list's header ("idea") is never a title."""
    filled = [[cell.strip() for cell in row if cell.strip()] for row in rows[:HEADER_SEARCH]]
    for index, cells in enumerate(filled):
        if not cells or _TITLE_LINE.match(cells[0]):
            continue
        wider_below = any(len(below) >= 2 for below in filled[index + 1 :])
        if len(cells) == 1 and wider_below and not _names_a_column(cells[0]):
            continue
        return index
    return 0


def _names_a_column(title: str) -> bool:
    """Whether a lone cell is a column's name exactly ("idea", "想法", "姓名"), not a title that
    happens to hold such a word ("各部门目标征集问卷")."""
    word = core(title)
    return any(w in IDEA_WORDS | AUTHOR_WORDS | DEPARTMENT_WORDS for w in (word, _bare(word)))


def _text_in(body: Sequence[Sequence[str]], column: int) -> int:
    """How much text people wrote in the column (its first rows), to rank unsure columns."""
    return sum(len(row[column].strip()) for row in body[:50] if column < len(row))


def resolve_column(spec: str, columns: Columns) -> int:
    """The column a user named: by its header, its letter (C) or its number from 1."""
    wanted = spec.strip()
    titles = columns.header
    for index, title in enumerate(titles):
        if title.casefold() == wanted.casefold():
            return index
    for index, title in enumerate(titles):
        if core(title) and core(title) == core(wanted):
            return index
    if wanted.isascii() and wanted.isalpha():
        for index in range(len(titles)):
            if column_letter(index + 1) == wanted.upper():
                return index
    if wanted.isdigit() and 1 <= int(wanted) <= len(titles):
        return int(wanted) - 1
    raise SourceFileError("import.column_not_found", column=spec, columns=columns.listing())

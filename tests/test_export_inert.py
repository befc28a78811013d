"""Data exports are inert: whatever a field of the plan holds, the Markdown shows it as typed
(no tag, link, image, heading, table cell or comment of its own) and no CSV cell is a formula.

Every text field of the report model is tried in turn, so a field added later is tried too.
"""

import csv
import dataclasses
import html
import io
import re
import types
import typing

import pytest
from markdown_it import MarkdownIt

from okrdesk.export.report import Report
from okrdesk.export.tables import report_csv, report_markdown

HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) "
    "![i](http://e.example/i.png) <http://e.example> [r][ref] *em* __strong__ `code` ~~s~~ "
    "&lt;b&gt; &#60;i&#62; \\ | a | b |\n# heading\r\n=====\n---\n> quote\n- item\n"
    "[ref]: javascript:alert(2)\n<!-- the rest is hidden"
)
FORMULAS = ('=HYPERLINK("http://e.example","x")', "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1")
PLAIN = "plain"


def build(cls, value, path=""):
    """An instance of a report dataclass: every str field from value(path), one of each."""
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    return cls(**{f.name: make(hints[f.name], f"{path}{f.name}", value) for f in fields})


def make(kind, path, value):
    if kind is str:
        return value(path)
    if kind is bool:
        return True
    if kind is int:
        return 1
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return make(options[0], path, value) if options[0] in (str, int) else None
    if typing.get_origin(kind) is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return (make(args[0], f"{path}[]", value),)
        return tuple(make(arg, f"{path}[{n}]", value) for n, arg in enumerate(args))
    if dataclasses.is_dataclass(kind):
        return build(kind, value, f"{path}.")
    raise AssertionError(f"no value for {path}: {kind}")


def text_fields():
    paths = []
    build(Report, lambda path: paths.append(path) or PLAIN)
    return [path for path in paths if path != "language"]  # a language code, not plan text


FIELDS = text_fields()


def report_with(field, text, language="en"):
    report = build(Report, lambda path: text if path == field else PLAIN)
    return dataclasses.replace(report, language=language)


def rendered(markdown):
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").render(markdown)


def tags(page):
    return re.findall(r"<(/?[a-z0-9]+)", page)


def shown(text):
    """The field's text as it appears in the HTML when shown as typed."""
    joined = text.replace("\r", " ").replace("\n", " ")
    return html.escape(joined, quote=False).replace('"', "&quot;")


def test_every_text_field_of_the_report_is_tried():
    assert len(FIELDS) > 30
    for field in (
        "organisation",
        "cycle",
        "workshops[].signer",
        "workshops[].facilitator",
        "workshops[].participants[]",
        "workshops[].objectives[].title",
        "workshops[].objectives[].key_results[].owner",
        "workshops[].decisions[].signer",
        "workshops[].decisions[].comment",
        "workshops[].decisions[].notes[][0]",
        "workshops[].decisions[].notes[][1]",
    ):
        assert field in FIELDS


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("field", FIELDS)
def test_markdown_adds_no_structure_whatever_a_field_holds(field, language):
    plain = rendered(report_markdown(report_with(field, PLAIN, language)))
    hostile = rendered(report_markdown(report_with(field, HOSTILE, language)))
    # The same elements as with a plain word: no tag, link, image, heading, list, quote,
    # rule, table cell or comment of the field's own.
    assert tags(hostile) == tags(plain)
    assert "<!--" not in hostile and "<script" not in hostile and "<img" not in hostile


@pytest.mark.parametrize("field", FIELDS)
def test_a_field_the_markdown_shows_is_shown_as_typed(field):
    plain = rendered(report_markdown(report_with(field, PLAIN)))
    other = rendered(report_markdown(report_with(field, "other")))
    hostile = rendered(report_markdown(report_with(field, HOSTILE)))
    shows_the_field = plain.count(PLAIN) > other.count(PLAIN)
    assert (shown(HOSTILE) in hostile) == shows_the_field


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize("field", FIELDS)
def test_no_csv_cell_is_a_formula_whatever_the_field_holds(field, formula):
    rows = list(csv.reader(io.StringIO(report_csv(report_with(field, formula)), newline="")))
    for row in rows[1:]:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), (field, cell)

"""Turning a plan JSON file's bytes into plain JSON values, safely whatever the bytes are.

Bounded size and depth, exact numbers, and no NaN, Infinity or repeated keys: whatever is
wrong is refused with a PlanFileError that says where, never a RecursionError or a
ValueError from deep inside the parser.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate
from typing import Any

from okrdesk.errors import PlanFileError

MAX_BYTES = 8 * 1024 * 1024  # a plan of hundreds of workshops is a few MB
MAX_VALUES = 500_000  # commas and brackets: keeps even a dense file well under 300 MB
MAX_DEPTH = 32  # the format nests 9 deep (a signature's points)
MAX_NUMBER_CHARS = 40  # more than any id, count or key result value needs
UTF8_BOM = b"\xef\xbb\xbf"

# Escapes are set aside before strings are found: a string then ends at the next quote, and
# only the last quote can be left unclosed, so each character is read a few times at most.
# (A string pattern that stepped over escapes itself was tried anew from every escaped quote,
# to the end of the text each time: 8 MB of \" took days.) Each escape gives way to two plain
# characters, so the text keeps its length and a bracket's place in it is still its own.
_ESCAPE = re.compile(r"\\.", re.DOTALL)
_STRING = re.compile(r'"[^"]*"')
_BRACKET = re.compile(r"[\[\]{}]")
_STRING_OR_BRACKET = re.compile(r'"[^"]*"|[\[\]{}]')
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class BadNumber:
    """A number the document may not hold: NaN, Infinity, or one too long to be real."""

    text: str


class RepeatedKeys(dict[str, Any]):
    """An object in which a key appears more than once (the later value was kept)."""

    repeated: str = ""


def json_path(location: Location) -> str:
    """Where in the document: ('workshops', 2, 'dots') is 'workshops[2].dots'."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class _Marks:
    """The parser's hooks; they note whether anything was met that must be refused."""

    def __init__(self) -> None:
        self.found = False

    def number(self, text: str, kind: type[int] | type[Decimal]) -> int | Decimal | BadNumber:
        # Checked before converting: Python refuses to turn 4,300+ digits into an int.
        if len(text) <= MAX_NUMBER_CHARS:
            return kind(text)
        self.found = True
        return BadNumber(text)

    def constant(self, text: str) -> BadNumber:  # NaN, Infinity, -Infinity
        self.found = True
        return BadNumber(text)

    def object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        made = dict(pairs)
        if len(made) == len(pairs):
            return made
        self.found = True
        marked = RepeatedKeys(made)
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                marked.repeated = key
                break
            seen.add(key)
        return marked


def _line_and_column(text: str, offset: int) -> dict[str, int]:
    line = text.count("\n", 0, offset) + 1
    return {"line": line, "column": offset - text.rfind("\n", 0, offset)}


def _check_size(text: str, source: str) -> None:
    """Refuse too many values, or nesting deeper than the format's, before parsing."""
    # At most this many values (brackets inside strings count too: it is a bound).
    if text.count(",") + text.count("[") + text.count("{") > MAX_VALUES:
        raise PlanFileError("file.plan_json_too_many", path=source, limit=MAX_VALUES)
    plain = _ESCAPE.sub("__", text)
    brackets = "".join(_BRACKET.findall(_STRING.sub("", plain)))
    if max(accumulate(map(_STEP.__getitem__, brackets)), default=0) <= MAX_DEPTH:
        return
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(plain):
        depth += _STEP.get(match.group(), 0)
        if depth > MAX_DEPTH:
            where = _line_and_column(text, match.start())
            raise PlanFileError("file.plan_json_too_deep", path=source, limit=MAX_DEPTH, **where)


def _marked(value: Any) -> bool:
    return isinstance(value, BadNumber | RepeatedKeys)


def _items(value: dict[str, Any] | list[Any]) -> Iterator[tuple[str | int, Any]]:
    return iter(value.items()) if isinstance(value, dict) else enumerate(value)


def _first_marked(document: Any) -> tuple[Location, Any] | None:
    """The first refused value in document order, and where it is (no recursion)."""
    if _marked(document) or not isinstance(document, dict | list):
        return ((), document) if _marked(document) else None
    path: list[str | int] = []
    stack = [_items(document)]
    while stack:
        for key, child in stack[-1]:
            if _marked(child):
                return (*path, key), child
            if isinstance(child, dict | list):
                path.append(key)
                stack.append(_items(child))
                break
        else:
            stack.pop()
            if path:
                path.pop()
    return None


def _refuse_marked(document: Any, source: str) -> None:
    """Refuse NaN, Infinity, over-long numbers and repeated keys, naming where they are."""
    found = _first_marked(document)
    if found is None:
        return
    location, value = found
    if isinstance(value, RepeatedKeys):
        where = json_path((*location, value.repeated))
        if not location and value.repeated == "format":  # not even sure what file it is
            raise PlanFileError("file.not_plan_json", path=source)
        raise PlanFileError("file.plan_json_repeated_key", path=source, where=where)
    if not location:
        raise PlanFileError("file.not_plan_json", path=source)
    where = json_path(location)
    if len(value.text) > MAX_NUMBER_CHARS:
        raise PlanFileError(
            "file.plan_json_long_number",
            path=source,
            where=where,
            length=len(value.text),
            limit=MAX_NUMBER_CHARS,
        )
    raise PlanFileError("file.plan_json_not_finite", path=source, where=where, value=value.text)


def decode_json(data: bytes, source: str) -> Any:
    """The JSON values in the bytes (UTF-8, with or without a byte-order mark)."""
    if len(data) > MAX_BYTES:
        raise PlanFileError("file.plan_json_too_big", path=source, limit=MAX_BYTES // 2**20)
    try:
        text = data.removeprefix(UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + (len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0)
        raise PlanFileError("file.plan_json_not_utf8", path=source, offset=offset) from error
    if not text.strip():
        raise PlanFileError("file.empty", path=source)
    _check_size(text, source)
    marks = _Marks()
    try:
        document = json.loads(
            text,
            parse_int=lambda digits: marks.number(digits, int),
            parse_float=lambda digits: marks.number(digits, Decimal),
            parse_constant=marks.constant,
            object_pairs_hook=marks.object,
        )
    except json.JSONDecodeError as error:
        where = _line_and_column(text, error.pos)
        raise PlanFileError("file.plan_json_syntax", path=source, **where) from error
    except (RecursionError, ValueError, ArithmeticError) as error:  # a last guard
        raise PlanFileError("file.not_plan_json", path=source) from error
    if marks.found:
        _refuse_marked(document, source)
    return document

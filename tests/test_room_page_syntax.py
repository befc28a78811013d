"""The phone page's script is ES2017, as the issue asks: the browsers people open a QR code
in (WeChat's built-in one, older iOS Safari and Android Chrome) read nothing newer.

esprima 4.0.1 parses ECMAScript up to 2017 and refuses what came after (optional chaining,
``??``, ``for await``, class fields...); it also accepts object rest and spread, which are
ES2018, so those are looked for in the tree. It does not catch everything newer: some of
ES2018's regular expressions (lookbehind, the s flag) parse, and library calls (newer
built-ins) are not syntax at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import esprima
import pytest

PAGE = Path(__file__).resolve().parents[1] / "resources" / "room"


def es2018_objects(node: Any, _meta: Any, found: list[str]) -> None:
    if node.type == "ObjectExpression" and any(p.type == "SpreadElement" for p in node.properties):
        found.append(f"object spread at line {node.loc.start.line}")
    if node.type == "ObjectPattern" and any(p.type == "RestElement" for p in node.properties):
        found.append(f"object rest at line {node.loc.start.line}")


def newer_than_es2017(source: str) -> list[str]:
    found: list[str] = []
    try:
        esprima.parseScript(
            source, {"loc": True}, lambda node, meta: es2018_objects(node, meta, found)
        )
    except esprima.Error as error:
        return [str(error)]
    return found


@pytest.mark.parametrize("script", sorted(PAGE.glob("*.js")), ids=lambda path: path.name)
def test_the_phone_pages_script_is_es2017(script: Path) -> None:
    assert newer_than_es2017(script.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "newer",
    [
        "const a = b?.c;",
        "const a = b ?? 1;",
        "async function f(y) { for await (const x of y) {} }",
        "const o = { ...a };",
        "const { a, ...rest } = b;",
        "class A { x = 1; }",
    ],
)
def test_newer_syntax_is_caught(newer: str) -> None:
    assert newer_than_es2017(newer)


def test_es2017_itself_passes() -> None:
    source = "async function f(a) { const [x, ...more] = await a; return { x, n: more.length }; }"
    assert newer_than_es2017(source) == []

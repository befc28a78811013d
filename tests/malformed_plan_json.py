"""A small valid plan JSON, and a table of malformed ones: each with where its fault is."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okrdesk.engine.json_text import MAX_BYTES, MAX_VALUES

PHASES = ("setup", "brainstorm", "group", "vote", "select", "signoff", "export")
# A key result's score with no check-in and no adjustment (the quarter's fields, issue 15).
NO_SCORE = {"value": None, "computed": None, "adjusted": None, "reason": None}


def plan_document() -> dict[str, Any]:
    """Three units, one approved workshop with every part the format has (a fresh copy)."""
    return {
        "format": "okrdesk-plan",
        "format_version": 1,
        "generator": "okrdesk 0.1.0",
        "organisation": "Northstar",
        "cycles": [{"id": 1, "name": "2027-Q1", "start": "2027-01-01", "end": "2027-03-31"}],
        "units": [
            {"id": 1, "name": "Northstar", "parent_id": None, "level": "company"},
            {"id": 2, "name": "Sales", "parent_id": 1, "level": "department"},
            {"id": 3, "name": "East", "parent_id": 2, "level": "team"},
        ],
        "workshops": [
            {
                "id": 1,
                "title": "Management meeting",
                "unit_id": 1,
                "cycle_id": 1,
                "phase": "export",
                "locked": True,
                "facilitator": "Lin",
                "dot_budget": 5,
                "dot_cap": 3,
                "selection_size": 2,
                "participants": [{"id": 1, "name": "Ana"}, {"id": 2, "name": "陈静"}],
                "ideas": [
                    {
                        "id": 1,
                        "text": "Grow",
                        "author": "Ana",
                        "objective_id": 1,
                        "merged_into_id": None,
                        "dots": 7,
                    },
                    {
                        "id": 2,
                        "text": "Grow more",
                        "author": None,
                        "objective_id": 1,
                        "merged_into_id": 1,
                        "dots": 7,
                    },
                    {
                        "id": 3,
                        "text": "Calm",
                        "author": "陈静",
                        "objective_id": 2,
                        "merged_into_id": None,
                        "dots": 3,
                    },
                ],
                "objectives": [
                    {
                        "id": 1,
                        "title": "Grow the east",
                        "selected": True,
                        "dots": 7,
                        "parent": None,
                        "rationale": "",
                        "breakdown": False,
                        "carry": False,
                        "score": None,
                        "key_results": [
                            {
                                "id": 1,
                                "title": "Revenue",
                                "kind": "metric",
                                "start": 42,
                                "target": 55.5,
                                "unit": "M CNY",
                                "deadline": "2027-03-31",
                                "owner": "Ana",
                                "commitment": "committed",
                                "initiatives": [],
                                "check_ins": [],
                                "score_entries": [],
                                "score": dict(NO_SCORE),
                            },
                            {
                                "id": 2,
                                "title": "Open the shop",
                                "kind": "milestone",
                                "start": None,
                                "target": None,
                                "unit": None,
                                "deadline": None,
                                "owner": None,
                                "commitment": "aspirational",
                                "initiatives": [],
                                "check_ins": [],
                                "score_entries": [],
                                "score": dict(NO_SCORE),
                            },
                        ],
                    },
                    {
                        "id": 2,
                        "title": "Keep calm",
                        "selected": True,
                        "dots": 3,
                        "parent": None,
                        "rationale": "",
                        "breakdown": False,
                        "carry": False,
                        "score": None,
                        "key_results": [],
                    },
                ],
                "phases": [
                    {"phase": p, "planned_minutes": 10, "actual_minutes": 12.5} for p in PHASES
                ],
                "voting": {
                    "round": 1,
                    "kind": "main",
                    "open": False,
                    "revealed": True,
                    "ballots_cast": 2,
                    "ballots_expected": 2,
                    "not_voted": [],
                    "tied_at_cutoff": [],
                    "result": {
                        "seats": 2,
                        "tie": "none",
                        "selected": [1, 2],
                        "tied": [],
                        "open_seats": 0,
                        "rounds": [
                            {
                                "round": 1,
                                "kind": "main",
                                "seats": 2,
                                "cutoff": 2,
                                "standings": [
                                    {"objective_id": 1, "rank": 1, "dots": 7, "status": "in"},
                                    {"objective_id": 2, "rank": 2, "dots": 3, "status": "in"},
                                ],
                            },
                        ],
                        "decision": None,
                    },
                },
                "signoff": {
                    "status": "approved",
                    "signer": "CEO Zhou",
                    "at": "2027-01-10T09:30:00+08:00",
                    "rounds": 2,
                    "comment": None,
                    "history": [
                        {
                            "round": 1,
                            "decision": "return",
                            "signer": "CEO Zhou",
                            "at": "2027-01-09T09:30:00+08:00",
                            "comment": "Sharper",
                            "notes": [{"objective": "Keep calm", "comment": "How much?"}],
                            "signature": None,
                        },
                        {
                            "round": 2,
                            "decision": "approve",
                            "signer": "CEO Zhou",
                            "at": "2027-01-10T09:30:00+08:00",
                            "comment": None,
                            "notes": [],
                            "signature": {
                                "width": 100.0,
                                "height": 40.0,
                                "strokes": [[[1.0, 2.0], [30.0, 20.5]]],
                            },
                        },
                    ],
                },
                "imported_from": None,
                "created_at": "2027-01-08T08:00:00+00:00",
                "retrospective": None,
            }
        ],
    }


def text_of(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def spoiled(spoil: Callable[[dict[str, Any]], Any]) -> Callable[[], bytes]:
    def make() -> bytes:
        document = plan_document()
        spoil(document)
        return text_of(document).encode("utf-8")

    return make


def replaced(old: str, new: str) -> Callable[[], bytes]:
    """The valid plan's text with one piece of it replaced (for what json.dumps cannot write)."""

    def make() -> bytes:
        text = text_of(plan_document())
        assert old in text, old
        return text.replace(old, new, 1).encode("utf-8")

    return make


def replaced_bytes(old: bytes, new: bytes) -> Callable[[], bytes]:
    def make() -> bytes:
        data = text_of(plan_document()).encode("utf-8")
        assert old in data, old
        return data.replace(old, new, 1)

    return make


def workshop(document: dict[str, Any]) -> dict[str, Any]:
    return document["workshops"][0]


def objective(document: dict[str, Any], index: int = 0) -> dict[str, Any]:
    return workshop(document)["objectives"][index]


def signature(document: dict[str, Any]) -> dict[str, Any]:
    return workshop(document)["signoff"]["history"][1]["signature"]


@dataclass(frozen=True)
class Malformed:
    name: str
    make: Callable[[], bytes]
    en: str  # what the English message says, from where in the document the fault is
    zh_text: str = ""  # what the Chinese one says, if not just that place

    @property
    def zh(self) -> str:
        return self.zh_text or re.split(r"[ :]", self.en)[0]

    def write(self, folder: Path) -> Path:
        path = folder / (self.name.replace(" ", "-").replace(",", "") + ".json")
        path.write_bytes(self.make())
        return path


MALFORMED = [
    Malformed(
        "text for a number",
        spoiled(lambda d: objective(d).update(dots="7")),
        "workshops[0].objectives[0].dots must be a whole number ≥ 0",
    ),
    Malformed(
        "negative dots",
        spoiled(lambda d: objective(d).update(dots=-1)),
        "workshops[0].objectives[0].dots must be a whole number ≥ 0",
    ),
    Malformed(
        "true for a number",
        spoiled(lambda d: workshop(d).update(dot_budget=True)),
        "workshops[0].dot_budget must be a whole number ≥ 0",
    ),
    Malformed(
        "a number for a list",
        spoiled(lambda d: workshop(d).update(participants=5)),
        "workshops[0].participants must be a list",
    ),
    Malformed(
        "a list for an object",
        spoiled(lambda d: d["workshops"].__setitem__(0, [])),
        "workshops[0] must be an object",
    ),
    Malformed(
        "a string for the units", spoiled(lambda d: d.update(units="Sales")), "units must be a list"
    ),
    Malformed(
        "a number for text",
        spoiled(lambda d: objective(d, 1).update(title=42)),
        "workshops[0].objectives[1].title must be text",
    ),
    Malformed(
        "a missing title",
        spoiled(lambda d: objective(d)["key_results"][0].pop("title")),
        "workshops[0].objectives[0].key_results[0].title is missing",
    ),
    Malformed(
        "an unknown phase",
        spoiled(lambda d: workshop(d).update(phase="party")),
        "workshops[0].phase must be one of",
    ),
    Malformed(
        "a time without its offset",
        spoiled(lambda d: workshop(d)["signoff"].update(at="2027-01-10T09:30:00")),
        "workshops[0].signoff.at must be a date and time",
    ),
    Malformed(
        "a date as people write it",
        spoiled(lambda d: d["cycles"][0].update(start="31/03/2027")),
        "cycles[0].start must be a date",
    ),
    Malformed(
        "a signature with no box",
        spoiled(lambda d: workshop(d)["signoff"]["history"][1].update(signature={"width": -1})),
        "workshops[0].signoff.history[1].signature must be a drawn signature",
    ),
    Malformed(
        "a signature 1e300 wide",
        spoiled(lambda d: signature(d).update(width=1e300)),
        "workshops[0].signoff.history[1].signature must be a drawn signature",
    ),
    Malformed(
        "a signature 1e-300 wide",
        spoiled(lambda d: signature(d).update(width=1e-300)),
        "workshops[0].signoff.history[1].signature must be a drawn signature",
    ),
    Malformed(
        "a signature point at 1e300",
        spoiled(lambda d: signature(d).update(strokes=[[[1e300, 2.0]]])),
        "workshops[0].signoff.history[1].signature must be a drawn signature",
    ),
    Malformed(
        "a 20,000-character title",
        spoiled(lambda d: objective(d).update(title="x" * 20_000)),
        "workshops[0].objectives[0].title is 20000 characters long; at most 200 are allowed",
    ),
    Malformed(
        "a 2,001-character comment",
        spoiled(
            lambda d: workshop(d)["signoff"]["history"][0]["notes"][0].update(comment="很" * 2001)
        ),
        "workshops[0].signoff.history[0].notes[0].comment is 2001 characters long; at most 2000",
    ),
    Malformed(
        "a 41-character measure",
        spoiled(lambda d: objective(d)["key_results"][0].update(unit="M" * 41)),
        "workshops[0].objectives[0].key_results[0].unit is 41 characters long; at most 40",
    ),
    Malformed(
        "a long organisation",
        spoiled(lambda d: d.update(organisation="N" * 201)),
        "organisation is 201 characters long; at most 200",
    ),
    Malformed(
        "60,000 participants",
        spoiled(
            lambda d: workshop(d).update(
                participants=[{"id": i, "name": "P"} for i in range(1, 60_001)]
            )
        ),
        "workshops[0].participants has 60000 entries; at most 500 are allowed",
    ),
    Malformed(
        "51 key results",
        spoiled(lambda d: objective(d).update(key_results=[{"id": 1}] * 51)),
        "workshops[0].objectives[0].key_results has 51 entries; at most 50",
    ),
    Malformed(
        "5,001 workshops",
        spoiled(lambda d: d.update(workshops=[{}] * 5001)),
        "workshops has 5001 entries; at most 5000",
    ),
    Malformed(
        "NaN",
        replaced('"target": 55.5', '"target": NaN'),
        "workshops[0].objectives[0].key_results[0].target is NaN",
    ),
    Malformed(
        "Infinity",
        replaced('"actual_minutes": 12.5', '"actual_minutes": Infinity'),
        "workshops[0].phases[0].actual_minutes is Infinity",
    ),
    Malformed(
        "a 5,000-digit number",
        replaced('"dots": 7,\n', '"dots": 1' + "0" * 5000 + ",\n"),
        "workshops[0].objectives[0].dots is a number 5001 characters long",
    ),
    Malformed(
        "minutes beyond a float",
        replaced('"actual_minutes": 12.5', '"actual_minutes": 1e999'),
        "workshops[0].phases[0].actual_minutes must be a number of minutes",
    ),
    Malformed(
        "a key twice",
        replaced('"title": "Management meeting"', '"title": "A", "title": "Management meeting"'),
        "workshops[0].title appears twice",
    ),
    Malformed(
        "half a character",
        replaced('"name": "Sales"', '"name": "S\\ud800les"'),
        "units[1].name holds a lone",
    ),
    Malformed(
        "an id twice",
        spoiled(lambda d: objective(d, 1).update(id=1)),
        "workshops[0].objectives[1].id is 1, an id already used at workshops[0].objectives[0].id",
    ),
    Malformed(
        "no such unit",
        spoiled(lambda d: workshop(d).update(unit_id=99)),
        "workshops[0].unit_id is 99, but no entry in units",
    ),
    Malformed(
        "no such cycle",
        spoiled(lambda d: workshop(d).update(cycle_id=99)),
        "workshops[0].cycle_id is 99, but no entry in cycles",
    ),
    Malformed(
        "no such parent unit",
        spoiled(lambda d: d["units"][2].update(parent_id=99)),
        "units[2].parent_id is 99, but no entry in units",
    ),
    Malformed(
        "no such objective",
        spoiled(lambda d: workshop(d)["ideas"][2].update(objective_id=99)),
        "workshops[0].ideas[2].objective_id is 99, but no entry in workshops[0].objectives",
    ),
    Malformed(
        "a vote result naming another objective",
        spoiled(
            lambda d: workshop(d)["voting"]["result"]["rounds"][0]["standings"][1].update(
                objective_id=99
            )
        ),
        "workshops[0].voting.result.rounds[0].standings[1].objective_id is 99,"
        " but no entry in workshops[0].objectives",
    ),
    Malformed(
        "an unknown tie state",
        spoiled(lambda d: workshop(d)["voting"]["result"].update(tie="coin toss")),
        "workshops[0].voting.result.tie must be one of",
    ),
    Malformed(
        "a unit loop",
        spoiled(lambda d: d["units"][0].update(parent_id=3)),
        "units[0].parent_id: the units sit above one another in a loop"
        " (Northstar → East → Sales → Northstar)",
    ),
    Malformed(
        "a unit its own parent",
        spoiled(lambda d: d["units"][1].update(parent_id=2)),
        "units[1].parent_id: the units sit above one another in a loop (Sales → Sales)",
    ),
    Malformed(
        "100,000-deep nesting",
        replaced('"generator"', '"deep": ' + "[" * 100_000 + "]" * 100_000 + ', "generator"'),
        "nests more than 32 levels deep at line 4, column",
        "第 4 行",
    ),
    Malformed(
        "not UTF-8", replaced_bytes("陈静".encode(), b"\xff"), "is not UTF-8 text (byte", "字节"
    ),
    Malformed(
        "broken off",
        lambda: text_of(plan_document()).encode("utf-8")[:-40],
        "is not valid JSON: the text is malformed at line",
        "格式有误",
    ),
    Malformed(
        "a list for the version",
        spoiled(lambda d: d.update(format_version=[1])),
        "format_version must be a whole number",
        "format_version 必须是整数",
    ),
    Malformed(
        "a text version",
        spoiled(lambda d: d.update(format_version="1")),
        "format_version must be a whole number",
        "format_version 必须是整数",
    ),
    Malformed("huge", lambda: b" " * (MAX_BYTES + 1), "is larger than 8 MB", "超过 8 MB"),
    Malformed(
        "too many values",
        lambda: b"[" + b"0," * MAX_VALUES + b"0]",
        f"holds more than {MAX_VALUES} values",
        f"超过 {MAX_VALUES} 个值",
    ),
]

# Inputs a quadratic scan once took minutes or more over (80 KB of escaped quotes took 37 s,
# so 8 MB days): read only by a child process, under a timeout that guards the suite.
ONCE_SLOW = [
    Malformed(
        "8 MB of escaped quotes",
        lambda: b'\\"' * (MAX_BYTES // 2),
        "is not valid JSON: the text is malformed at line 1, column 1",
        "格式有误",
    ),
    Malformed(
        "8 MB of escaped quotes in a string left open",
        lambda: b'{"format": "' + b'\\"x' * (MAX_BYTES // 3 - 10),
        "is not valid JSON: the text is malformed at line 1, column 12",
        "格式有误",
    ),
]

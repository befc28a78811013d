"""Reading the documented plan JSON (docs/json-format.md) back into a plan snapshot."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from okrdesk.engine.queries import BallotProgress, PhaseTime
from okrdesk.engine.signature import parse_signature, signature_json
from okrdesk.engine.snapshot import (
    CycleView,
    DecisionView,
    IdeaView,
    KeyResultView,
    ObjectiveView,
    ParentRef,
    PlanSnapshot,
    SignoffView,
    UnitView,
    VotingView,
    WorkshopView,
)
from okrdesk.errors import PlanFileError, ValidationError
from okrdesk.models import Phase

FORMAT_NAME = "okrdesk-plan"
FORMAT_VERSIONS = {1}


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _objective(data: dict[str, Any]) -> ObjectiveView:
    parent = data.get("parent")
    return ObjectiveView(
        id=data["id"],
        title=data["title"],
        selected=bool(data.get("selected", False)),
        dots=data.get("dots"),
        parent=None
        if parent is None
        else ParentRef(parent["type"], parent["id"], parent["title"], parent["workshop_id"]),
        key_results=tuple(
            KeyResultView(
                id=kr["id"],
                title=kr["title"],
                kind=kr.get("kind", "metric"),
                start=_decimal(kr.get("start")),
                target=_decimal(kr.get("target")),
                unit=kr.get("unit"),
                deadline=_date(kr.get("deadline")),
                owner=kr.get("owner"),
                commitment=kr.get("commitment", "committed"),
            )
            for kr in data.get("key_results", [])
        ),
    )


def _decision(data: dict[str, Any]) -> DecisionView:
    drawn = data.get("signature")
    signature = None if drawn is None else parse_signature(json.dumps(drawn))
    return DecisionView(
        round=int(data["round"]),
        decision=str(data["decision"]),
        signer=str(data["signer"]),
        at=datetime.fromisoformat(data["at"]),
        comment=data.get("comment"),
        notes=tuple((str(n["objective"]), str(n["comment"])) for n in data.get("notes", [])),
        signature=None if signature is None else signature_json(signature),
    )


def _workshop(data: dict[str, Any]) -> WorkshopView:
    voting, signoff = data.get("voting"), data.get("signoff")
    return WorkshopView(
        id=data["id"],
        title=data["title"],
        unit_id=data["unit_id"],
        cycle_id=data["cycle_id"],
        phase=data["phase"],
        locked=bool(data.get("locked", False)),
        facilitator=data.get("facilitator"),
        dot_budget=data.get("dot_budget", 5),
        dot_cap=data.get("dot_cap", 3),
        selection_size=data.get("selection_size", 3),
        participants=tuple((p["id"], p["name"]) for p in data.get("participants", [])),
        ideas=tuple(
            IdeaView(
                i["id"],
                i["text"],
                i.get("author"),
                i.get("objective_id"),
                i.get("merged_into_id"),
                i.get("dots"),
            )
            for i in data.get("ideas", [])
        ),
        objectives=tuple(_objective(o) for o in data.get("objectives", [])),
        voting=None
        if voting is None
        else VotingView(
            voting["round"],
            voting["kind"],
            voting["open"],
            voting["revealed"],
            BallotProgress(
                voting["ballots_cast"],
                voting["ballots_expected"],
                tuple(voting.get("not_voted", [])),
            ),
            tuple(voting.get("tied_at_cutoff", [])),
        ),
        signoff=None
        if signoff is None
        else SignoffView(
            signoff["status"],
            signoff.get("signer"),
            None if signoff.get("at") is None else datetime.fromisoformat(signoff["at"]),
            signoff.get("rounds", 0),
            signoff.get("comment"),
            tuple(_decision(d) for d in signoff.get("history", [])),
        ),
        phases=tuple(
            PhaseTime(
                Phase(p["phase"]), p.get("planned_minutes"), float(p.get("actual_minutes", 0))
            )
            for p in data.get("phases", [])
        ),
        imported_from=data.get("imported_from"),
        created_at=None
        if not data.get("created_at")
        else datetime.fromisoformat(data["created_at"]),
    )


def snapshot_from_json(document: Any, source: str) -> PlanSnapshot:
    """The snapshot a plan JSON describes; refused (one clear message) if it is not one."""
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise PlanFileError("file.not_plan_json", path=source)
    if document.get("format_version") not in FORMAT_VERSIONS:
        raise PlanFileError("file.plan_json_too_new", path=source)
    try:
        return PlanSnapshot(
            organisation=document.get("organisation", ""),
            cycles=tuple(
                CycleView(
                    c["id"], c["name"], date.fromisoformat(c["start"]), date.fromisoformat(c["end"])
                )
                for c in document.get("cycles", [])
            ),
            units=tuple(
                UnitView(u["id"], u["name"], u.get("parent_id"), u["level"])
                for u in document.get("units", [])
            ),
            workshops=tuple(_workshop(w) for w in document.get("workshops", [])),
        )
    except (KeyError, TypeError, ValueError, ArithmeticError, ValidationError) as error:
        raise PlanFileError("file.not_plan_json", path=source) from error


def read_plan_json(path: Path) -> PlanSnapshot:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise PlanFileError("file.not_found", path=str(path)) from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PlanFileError("file.not_plan_json", path=str(path)) from error
    return snapshot_from_json(document, str(path))

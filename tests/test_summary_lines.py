"""The text summary reads a key result's commitment as an enum, from a plan or its JSON."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from okrdesk.engine.snapshot import KeyResultView
from okrdesk.export.summary import key_result_line
from okrdesk.messages import translate
from okrdesk.models import Commitment, KeyResultKind


def kr(commitment: Commitment) -> KeyResultView:
    return KeyResultView(
        1,
        "NPS 30 → 45",
        KeyResultKind.METRIC,
        Decimal(30),
        Decimal(45),
        None,
        date(2027, 3, 31),
        None,
        commitment,
    )


def test_an_aspirational_key_result_says_so_and_a_committed_one_does_not() -> None:
    said = translate("summary.aspirational", "en")
    assert said in key_result_line(kr(Commitment.ASPIRATIONAL), "en")
    assert said not in key_result_line(kr(Commitment.COMMITTED), "en")

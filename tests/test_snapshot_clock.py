"""Time in a plan's snapshot and JSON comes from the clock it is given, never the wall clock."""

import json
from datetime import UTC, datetime, timedelta

from okrdesk.cli import main
from okrdesk.engine.sources import read_snapshot
from okrdesk.models import Phase

NOON = datetime(2026, 12, 14, 12, 0, tzinfo=UTC)


def fixed(moment):
    return lambda: moment


def brainstorm_minutes(document):
    (workshop,) = document["workshops"]
    return next(p["actual_minutes"] for p in workshop["phases"] if p["phase"] == "brainstorm")


def test_two_reads_with_the_same_fixed_clock_print_the_same_plan(room, capsys):
    room.go(Phase.BRAINSTORM)  # a running phase: its minutes count up to "now"
    printed = []
    for _ in range(2):
        assert main(["info", str(room.path), "--json"], clock=fixed(NOON)) == 0
        printed.append(capsys.readouterr().out)
    assert printed[0] == printed[1]
    started = room.editor.clock.now  # the room's step clock: the phase began at its last tick
    assert brainstorm_minutes(json.loads(printed[0])) == round(
        (NOON - started).total_seconds() / 60, 1
    )


def test_the_running_phase_counts_up_to_the_clock_given(room):
    room.go(Phase.BRAINSTORM)
    started = room.editor.clock.now
    snapshots = [
        read_snapshot(room.path, fixed(started + timedelta(minutes=m))) for m in (5, 5, 30)
    ]
    assert snapshots[0] == snapshots[1]
    minutes = [
        dict((t.phase, t.actual_minutes) for t in s.workshops[0].phases)[Phase.BRAINSTORM]
        for s in snapshots
    ]
    assert minutes == [5.0, 5.0, 30.0]


def test_an_export_is_dated_by_the_clock_given(room, tmp_path):
    from pypdf import PdfReader

    room.go(Phase.BRAINSTORM)
    out = tmp_path / "handout.pdf"
    later = datetime(2031, 5, 6, 12, 0, tzinfo=UTC)
    assert (
        main(
            ["export", str(room.path), str(out), "--lang", "en", "--workshop", str(room.workshop)],
            clock=fixed(later),
        )
        == 0
    )
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "2031-05-06" in text


def test_info_for_one_workshop_at_a_frozen_clock_is_byte_identical(room, capsys):
    room.go(Phase.BRAINSTORM)  # a running phase
    printed = []
    for _ in range(2):
        assert (
            main(
                ["info", str(room.path), "--json", "--workshop", str(room.workshop)],
                clock=fixed(NOON),
            )
            == 0
        )
        printed.append(capsys.readouterr().out)
    assert printed[0] == printed[1]
    assert brainstorm_minutes(json.loads(printed[0])) > 0

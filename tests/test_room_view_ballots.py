"""While the room votes it sees what it votes on: the candidates with their key results,
beside the ballots in; never a dot (built without Qt)."""

from __future__ import annotations

import json
from typing import Any

from okrdesk.engine import ops
from okrdesk.engine.room_changes import room_view_after, room_view_changed_by
from okrdesk.engine.room_view import RoomShows
from tests.test_room_view import LATER, as_json, tied_vote, view


def test_an_open_vote_keeps_the_candidates_and_their_key_results_in_view(room: Any) -> None:
    a, b = room.to_voting(["A", "B"], krs=2)
    room.dots(room.people[0], a, 3)
    room.do(ops.ConfirmBallot(room.workshop, room.people[0]))
    shown = view(room)
    assert shown.shows == RoomShows.BALLOTS
    assert [(o.id, o.title) for o in shown.objectives] == [(a, "A"), (b, "B")]
    assert shown.objectives[1].key_results == ("B: KR 1 reaches 10", "B: KR 2 reaches 20")
    # Nothing in the view counts dots before the reveal.
    assert '"dots"' not in as_json(shown) and json.loads(as_json(shown))["result"] is None


def test_a_runoff_shows_only_the_tied_candidates(room: Any) -> None:
    _a, b, c, d, _e = tied_vote(room)
    room.do(ops.StartRunoff(room.workshop))
    shown = view(room)
    assert shown.ballots is not None and shown.ballots.runoff
    assert [o.id for o in shown.objectives] == [b, c, d]


def test_a_candidate_renamed_while_voting_is_renamed_on_the_screen(room: Any) -> None:
    a, _b = room.to_voting(["A", "B"], krs=1)
    shown = view(room)
    change = room.editor.apply(ops.RenameObjective(a, "A, said better"))
    assert room_view_changed_by(shown, change.aspects)
    after = room.editor.view(room_view_after, shown, change, LATER)
    assert after == view(room) and after.objectives[0].title == "A, said better"

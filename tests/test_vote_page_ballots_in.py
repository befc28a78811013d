"""A ballot handed in or taken back: the vote page reads who has voted once and shows it in
its status line, the names missing and the booth's ticks, as reading it all again would."""

from __future__ import annotations

from PySide6.QtCore import Qt

from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor
from okrdesk.models import Phase
from okrdesk.ui.pages.ballot_booth import _NAME_ROLE
from tests.test_ui_phases import window_in


def test_a_ballot_in_is_read_once_for_the_page_and_the_booth(qtbot, tmp_path, monkeypatch):
    window, workshop, _path = window_in(qtbot, tmp_path, Phase.VOTE)
    page = window.view.pages[Phase.VOTE]
    page.open_button.click()
    session = window.session
    reads: list[str] = []
    view = session.view
    monkeypatch.setattr(
        session, "view", lambda build, *a, **k: (reads.append(build.__name__), view(build, *a))[1]
    )
    people = [
        page.booth.people.item(row).data(Qt.ItemDataRole.UserRole)
        for row in range(page.booth.people.count())
    ]
    for step, (operation, expected) in enumerate(
        [
            (ops.ConfirmBallot(workshop, people[0]), "1 of 3 ballots in"),
            (ops.ConfirmBallot(workshop, people[2]), "2 of 3 ballots in"),
            (ops.RedoBallot(workshop, people[0]), "1 of 3 ballots in"),
        ]
    ):
        reads.clear()
        session.run(operation, Actor.BOOTH)
        page_reads = [name for name in reads if name != "room_view_after"]
        assert page_reads == ["round_ballots"], step
        assert expected in page.status.text()
        shown = (page.status.text(), page.missing.text(), page.state)
        ticks = [page.booth.people.item(row).text() for row in range(page.booth.people.count())]
        page.reload()  # everything read again says the same
        assert (page.status.text(), page.missing.text(), page.state) == shown
        assert [
            page.booth.people.item(row).text() for row in range(page.booth.people.count())
        ] == ticks
    assert [t[0] for t in ticks] == [" ", " ", "✓"]
    names = [page.booth.people.item(row).data(_NAME_ROLE) for row in range(3)]
    assert page.missing.text().endswith(", ".join(names[:2]))

"""The vote page and the booth read the engine's views: a decided tie reads as decided, the
booth offers what the engine takes, and the facilitator's Undo never takes a ballot away."""

from __future__ import annotations

from PySide6.QtCore import Qt

from okrdesk.engine import ops
from okrdesk.models import Phase
from tests.test_ui_phases import booth_vote, window_in
from tests.ui_helpers import rows


def page_texts(page) -> str:
    """Everything the results side of the vote page says, as one text."""
    cells = [
        page.results.item(row, column).text()
        for row in range(page.results.rowCount())
        for column in range(page.results.columnCount())
    ]
    return "\n".join([page.results_box.title(), *cells, page.outcome.text(), page.status.text()])


def statuses(page) -> dict[str, str]:
    return {
        page.results.item(row, 1).text(): page.results.item(row, 3).text()
        for row in range(page.results.rowCount())
    }


def tied(qtbot, tmp_path):
    """Three objectives, two seats: "Win the mid-market" 2 dots, the other two 1 each."""
    window, workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    run = window.session.run
    run(ops.UpdateWorkshopSettings(workshop, selection_size=2))
    run(ops.OpenVoting(workshop))
    ids = [row[0] for row in rows(path, "SELECT id FROM objective ORDER BY id")]
    run(ops.CastDot(workshop, 1, ids[0]))
    run(ops.CastDot(workshop, 1, ids[0]))
    run(ops.CastDot(workshop, 2, ids[1]))
    run(ops.CastDot(workshop, 3, ids[2]))
    page = window.view.pages[Phase.VOTE]
    page.close_button.click()
    page.reveal_button.click()
    return window, workshop, path, page, ids


def decide(monkeypatch, box: int, reason: str) -> None:
    from okrdesk.ui import dialogs

    def answer(dialog) -> bool:
        dialog.boxes[box][0].setChecked(True)
        dialog.reason_edit.setPlainText(reason)
        return True

    monkeypatch.setattr(dialogs.TieDialog, "exec", answer)


def test_a_tie_reads_as_a_tie_until_it_is_decided(qtbot, tmp_path, monkeypatch):
    window, _workshop, _path, page, _ids = tied(qtbot, tmp_path)
    assert statuses(page) == {
        "Win the mid-market": "above the cut-off",
        "Cut churn": "TIED at the cut-off",
        "Ship weekly": "TIED at the cut-off",
    }
    assert "Tied at the cut-off: 2 objectives for 1 seat(s)" in page.outcome.text()
    decide(monkeypatch, 1, "Closest to the company objectives")
    page.decide_button.click()
    texts = page_texts(page)
    assert "TIED" not in texts and "Tied" not in texts and "run-off or" not in texts
    assert statuses(page) == {
        "Win the mid-market": "above the cut-off",
        "Cut churn": "not chosen (decision)",
        "Ship weekly": "chosen by decision",
    }
    assert page.outcome.text() == (
        "Tie at the cut-off decided by the facilitator: Ship weekly.\n"
        "Reason: Closest to the company objectives"
    )
    assert not page.decide_button.isEnabled() and not page.runoff_button.isEnabled()
    window.undo()  # the facilitator takes the decision back: the tie stands again
    assert "TIED at the cut-off" in statuses(page).values()
    assert page.decide_button.isEnabled()


def test_a_run_off_tied_again_then_decided(qtbot, tmp_path, monkeypatch):
    window, workshop, path, page, ids = tied(qtbot, tmp_path)
    page.runoff_button.click()
    assert "Run-off under way: 2 tied objectives for 1 seat(s)." in page.outcome.text()
    run = window.session.run
    run(ops.CastDot(workshop, 1, ids[1]))
    run(ops.CastDot(workshop, 2, ids[2]))
    page.close_button.click()
    page.reveal_button.click()
    assert page.results_box.title() == "Result of the run-off (round 2)"
    assert statuses(page) == {
        "Cut churn": "TIED at the cut-off",
        "Ship weekly": "TIED at the cut-off",
    }
    assert page.outcome.text().startswith(
        "Tied again after the run-off: 2 objectives for 1 seat(s)"
    )
    assert page.runoff_button.isEnabled() and page.decide_button.isEnabled()
    decide(monkeypatch, 0, "更贴近公司战略")
    page.decide_button.click()
    assert rows(
        path, "SELECT v.number, d.reason FROM tie_decision d JOIN vote_round v ON v.id = d.round_id"
    ) == [(2, "更贴近公司战略")]
    assert page.results_box.title() == "Result"  # settled: the main vote, as each seat ended
    assert statuses(page) == {
        "Win the mid-market": "above the cut-off",
        "Cut churn": "chosen by decision",
        "Ship weekly": "not chosen (decision)",
    }
    assert page.outcome.text() == (
        "Tie at the cut-off decided by the facilitator: Cut churn.\nReason: 更贴近公司战略"
    )
    assert "TIED" not in page_texts(page)


def test_the_outcome_is_in_chinese_when_the_window_is(qtbot, tmp_path, monkeypatch):
    window, _workshop, _path, page, _ids = tied(qtbot, tmp_path)
    decide(monkeypatch, 0, "更贴近公司战略")
    page.decide_button.click()
    window.set_language("zh_CN")
    assert page.outcome.text() == "入选线上的平票已由主持人决定：Cut churn。\n理由：更贴近公司战略"
    assert "主持人决定入选" in statuses(page).values()


def test_the_facilitators_undo_never_takes_a_ballot_away(qtbot, tmp_path):
    window, workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    page = window.view.pages[Phase.VOTE]
    page.open_button.click()
    window.session.run(ops.AddParticipant(workshop, "Eve"))  # the facilitator's last step
    booth_vote(qtbot, page, "Ana", [(0, 2), (1, 1)])
    ballots = rows(path, "SELECT participant_id FROM ballot")
    dots = rows(path, "SELECT participant_id, objective_id, count FROM dot ORDER BY objective_id")
    assert len(ballots) == 1 and sum(count for _p, _o, count in dots) == 3
    assert window.undo_action.text() == "&Undo Add participant"
    window.undo()  # takes Eve away, not Ana's ballot nor her dots
    assert ("Eve",) not in rows(path, "SELECT name FROM participant")
    assert rows(path, "SELECT participant_id FROM ballot") == ballots
    assert (
        rows(path, "SELECT participant_id, objective_id, count FROM dot ORDER BY objective_id")
        == dots
    )
    assert page.booth.people.item(0).text().startswith("✓")
    assert "1 of 3 ballots in" in page.status.text()


def test_the_booth_offers_the_dots_the_engine_takes_in_a_run_off(qtbot, tmp_path):
    window, _workshop, path, page, _ids = tied(qtbot, tmp_path)
    page.runoff_button.click()
    booth = page.booth
    booth.people.setCurrentRow(0)
    booth.start_button.click()
    assert "1 of 1 dots left · at most 1 per objective" in booth.left.text()
    booth.table.setCurrentCell(0, 0)
    assert booth.plus.isEnabled() and not booth.minus.isEnabled()
    booth.plus.click()
    assert "0 of 1 dots left" in booth.left.text()
    assert not booth.plus.isEnabled() and booth.minus.isEnabled()
    booth.table.setCurrentCell(1, 0)
    assert not booth.plus.isEnabled()  # the budget is spent: the engine would refuse
    qtbot.keyClick(booth.table, Qt.Key.Key_Plus)  # tried anyway: refused, and said why
    assert rows(path, "SELECT count(*) FROM dot WHERE round_id = 2") == [(1,)]
    assert "dots are placed" in window.view.messages.text()
    booth.table.setCurrentCell(0, 0)
    booth.minus.click()
    assert "1 of 1 dots left" in booth.left.text() and booth.plus.isEnabled()


def test_the_paper_tally_reads_only_when_shown_and_only_for_paper_counts(qtbot, tmp_path):
    from okrdesk.engine.aspects import Actor
    from okrdesk.engine.ballot_view import paper_tally_view

    window, workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    page = window.view.pages[Phase.VOTE]
    page.open_button.click()
    session = window.session
    reads = []
    view = session.view

    def counting(build, *args):
        if build is paper_tally_view:
            reads.append(args)
        return view(build, *args)

    session.view = counting
    objective = rows(path, "SELECT id FROM objective ORDER BY id")[0][0]
    session.run(ops.SetPaperTally(workshop, objective, 7))  # the booth's tab is on screen
    assert reads == []
    page.modes.setCurrentWidget(page.tally)  # shown: read once, with the count
    assert len(reads) == 1 and page.tally.table.item(0, 1).text() == "7"
    session.run(ops.CastDot(workshop, 1, objective), Actor.BOOTH)  # a ballot's dot
    assert len(reads) == 1
    session.run(ops.SetPaperTally(workshop, objective, 8))
    assert len(reads) == 2 and page.tally.table.item(0, 1).text() == "8"

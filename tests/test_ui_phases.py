"""Setup, vote, select, sign-off and export pages: the whole workshop runs from the window."""

from datetime import timedelta

from PySide6.QtCore import Qt
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.participants import participant_list
from okrdesk.models import Phase
from okrdesk.ui.timer import PhaseCountdown, format_seconds
from tests.ui_helpers import empty_workshop_plan, open_window, rows


def window_in(
    qtbot,
    tmp_path,
    phase=Phase.SETUP,
    objectives=("Win the mid-market", "Cut churn", "Ship weekly"),
):
    path = tmp_path / "plan.okrdesk"
    workshop = empty_workshop_plan(path)
    window = open_window(qtbot, path)
    run = window.session.run
    if phase.order >= Phase.BRAINSTORM.order:
        run(ops.ChangePhase(workshop, Phase.BRAINSTORM))
        cards = [run(ops.AddIdea(workshop, text)).result for text in objectives]
    if phase.order >= Phase.GROUP.order:
        run(ops.ChangePhase(workshop, Phase.GROUP))
        for card in cards:
            objective = run(ops.MakeObjectiveFromIdea(card)).result
            for n in (1, 2):
                run(
                    ops.AddKeyResult(
                        objective, ops.KeyResultFields(f"KR {n}: reach {n * 10}", target=n * 10)
                    )
                )
    if phase.order >= Phase.VOTE.order:
        run(ops.ChangePhase(workshop, Phase.VOTE))
    return window, workshop, path


def test_setup_adds_participants_with_enter_and_changes_rules(qtbot, tmp_path):
    window, _workshop, path = window_in(qtbot, tmp_path)
    page = window.view.pages[Phase.SETUP]
    assert window.view.stack.currentWidget() is page
    page.person.insert("刘洋")
    qtbot.keyClick(page.person, Qt.Key.Key_Return)
    assert ("刘洋",) in rows(path, "SELECT name FROM participant")
    assert [page.people.item(i).text() for i in range(page.people.count())][-1] == "刘洋"
    page.budget.setValue(7)
    page.budget.editingFinished.emit()
    assert rows(path, "SELECT dot_budget FROM workshop") == [(7,)]
    page.minutes[Phase.BRAINSTORM].setValue(45)
    page.minutes[Phase.BRAINSTORM].editingFinished.emit()
    assert rows(path, "SELECT planned_minutes FROM phase_plan WHERE phase = 'brainstorm'") == [
        (45,)
    ]
    page.people.setCurrentRow(0)
    page.remove_person()
    assert ("Ana",) not in rows(path, "SELECT name FROM participant")
    window.undo()
    assert ("Ana",) in rows(path, "SELECT name FROM participant")


def test_setup_imports_a_csv(qtbot, tmp_path):
    window, _workshop, path = window_in(qtbot, tmp_path)
    source = tmp_path / "ideas.csv"
    source.write_text("想法,作者\n提高续约率,王丽\n", encoding="utf-8")
    preview = window.view.pages[Phase.SETUP].import_from(source)
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    assert rows(path, "SELECT text FROM idea") == [("提高续约率",)]
    bad = tmp_path / "bad.csv"
    bad.write_text("idea\nok\n" + "x" * 600 + "\n")
    window.view.pages[Phase.SETUP].import_from(bad)
    assert "Row 3" in window.view.messages.text()
    assert rows(path, "SELECT count(*) FROM idea") == [(1,)]


def test_a_refused_phase_move_is_explained_inline(qtbot, tmp_path):
    window, _workshop, path = window_in(qtbot, tmp_path, Phase.BRAINSTORM, objectives=())
    window.view.go_to_phase(Phase.GROUP)
    assert window.view.messages.text() == "Add at least one idea before grouping."
    assert rows(path, "SELECT phase FROM workshop") == [("brainstorm",)]
    assert window.view.navigator.current() == Phase.BRAINSTORM


def test_the_navigator_and_title_follow_the_phase(qtbot, tmp_path):
    window, _workshop, _path = window_in(qtbot, tmp_path, Phase.GROUP)
    assert "okrdesk" in window.windowTitle() and "plan.okrdesk" in window.windowTitle()
    assert "Management meeting" in window.windowTitle() and window.windowTitle().endswith("Group")
    window.next_phase_action.trigger()
    assert window.windowTitle().endswith("Vote")
    assert window.view.stack.currentWidget() is window.view.pages[Phase.VOTE]
    window.undo()
    assert window.windowTitle().endswith("Group")


def booth_vote(qtbot, page, name, rows_and_dots, monkeypatch=None):
    """One person at the laptop: pick the name, place dots, hand the ballot in."""
    booth = page.booth
    item = next(
        booth.people.item(i)
        for i in range(booth.people.count())
        if booth.people.item(i).text().strip().endswith(name)
    )
    booth.people.setCurrentItem(item)
    booth.start_button.click()
    assert booth.stack.currentIndex() == 1 and name in booth.ballot_label.text()
    for row, dots in rows_and_dots:
        booth.table.setCurrentCell(row, 0)
        for _ in range(dots):
            qtbot.keyClick(booth.table, Qt.Key.Key_Plus)
    booth.confirm_button.click()


def test_vote_in_the_booth_close_reveal_and_select(qtbot, tmp_path):
    window, _workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    page = window.view.pages[Phase.VOTE]
    page.open_button.click()
    assert page.ballot_box.isEnabled()
    booth = page.booth
    booth.people.setCurrentRow(0)  # Ana
    booth.start_button.click()
    booth.table.setFocus()
    booth.table.setCurrentCell(1, 0)
    for _ in range(4):  # a fourth dot on one item: over the cap
        qtbot.keyClick(booth.table, Qt.Key.Key_Plus)
    assert window.view.messages.text() == "At most 3 dots per item."
    qtbot.keyClick(booth.table, Qt.Key.Key_Minus)
    assert "3 of 5 dots left" in booth.left.text()
    booth.confirm_button.click()
    # The screen clears: only names are left, none of Ana's choices anywhere on the page.
    assert booth.stack.currentIndex() == 0 and booth.table.rowCount() == 0
    texts = [booth.people.item(i).text() for i in range(booth.people.count())]
    assert texts[0].startswith("✓") and "●" not in " ".join(texts)
    assert "1 of 3 ballots in" in page.status.text() and "Bo" in page.missing.text()
    booth_vote(qtbot, page, "Bo", [(2, 3)])
    assert rows(path, "SELECT count(*) FROM ballot") == [(2,)]
    page.close_button.click()
    page.reveal_button.click()
    assert page.results.rowCount() == 3
    assert page.results.item(0, 1).text() == "Ship weekly" and page.results.item(0, 2).text() == "3"
    window.next_phase_action.trigger()
    select = window.view.pages[Phase.SELECT]
    select.apply_button.click()
    assert rows(path, "SELECT count(*) FROM objective WHERE selected") == [(3,)]
    select.table.item(2, 0).setCheckState(Qt.CheckState.Unchecked)
    assert rows(path, "SELECT count(*) FROM objective WHERE selected") == [(2,)]
    assert "Objectives selected: 2" in window.view.messages.text()


def test_a_participant_can_redo_their_ballot_until_the_vote_closes(qtbot, tmp_path, monkeypatch):
    from okrdesk.ui import dialogs

    window, _workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    page = window.view.pages[Phase.VOTE]
    page.open_button.click()
    booth_vote(qtbot, page, "Ana", [(0, 2)])
    monkeypatch.setattr(dialogs, "confirm", lambda parent, question: True)
    page.booth.people.setCurrentRow(0)
    page.booth.start_button.click()
    # Taking a ballot back clears it: whoever is at the laptop never sees handed-in dots.
    assert page.booth.stack.currentIndex() == 1 and "●" not in page.booth.table.item(0, 1).text()
    assert rows(path, "SELECT count(*) FROM ballot") == [(0,)] and rows(
        path, "SELECT count(*) FROM dot"
    ) == [(0,)]
    page.booth.table.setCurrentCell(1, 0)
    qtbot.keyClick(page.booth.table, Qt.Key.Key_Plus)
    page.booth.confirm()  # 4 dots unused: the (test) confirmer says hand it in anyway
    assert rows(path, "SELECT sum(count) FROM dot") == [(1,)] and rows(
        path, "SELECT count(*) FROM ballot"
    ) == [(1,)]


def test_tally_mode_takes_typed_counts_and_plus_minus(qtbot, tmp_path):
    window, _workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    page = window.view.pages[Phase.VOTE]
    page.open_button.click()
    tally = page.tally
    page.modes.setCurrentWidget(tally)
    tally.table.item(0, 1).setText("7")
    assert rows(path, "SELECT count FROM paper_tally") == [(7,)]
    tally.table.setFocus()
    tally.table.setCurrentCell(1, 1)
    qtbot.keyClick(tally.table, Qt.Key.Key_Plus)
    qtbot.keyClick(tally.table, Qt.Key.Key_Plus)
    assert rows(path, "SELECT count FROM paper_tally ORDER BY objective_id") == [(7,), (2,)]
    tally.table.item(0, 1).setText("many")
    assert window.view.messages.text() == "Type a whole number of dots, such as 7."
    assert rows(path, "SELECT count FROM paper_tally ORDER BY objective_id") == [(7,), (2,)]


def to_signoff(run, workshop):
    """From an unopened vote to sign-off: vote (no dots), reveal, select by vote."""
    run(ops.OpenVoting(workshop))
    run(ops.CloseVoting(workshop))
    run(ops.RevealTally(workshop))
    run(ops.ChangePhase(workshop, Phase.SELECT))
    run(ops.ApplySelection(workshop))
    run(ops.ChangePhase(workshop, Phase.SIGNOFF))


def test_signoff_return_approve_lock_and_reopen(qtbot, tmp_path, monkeypatch):
    from okrdesk.ui import dialogs

    window, workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    run = window.session.run
    to_signoff(run, workshop)
    page = window.view.pages[Phase.SIGNOFF]
    shown = page.okrs.topLevelItem(0).text(0) + page.okrs.topLevelItem(0).child(1).text(0)
    assert "O1" in shown and "KR2" in shown
    page.signer.setEditText("陈志远")
    page.return_button.click()
    assert window.view.messages.text() == "The comment cannot be empty."
    page.comment.setPlainText("KR 与公司目标不一致")
    page.return_button.click()
    assert window.view.phase == Phase.SELECT
    run(ops.ChangePhase(workshop, Phase.SIGNOFF))
    assert page.signer.currentText() == "陈志远"  # the signer is remembered between rounds
    page.approve_button.click()
    assert rows(path, "SELECT locked FROM workshop") == [(1,)]
    assert page.status.text() == "Approved" and page.history.count() == 2
    assert not page.approve_button.isEnabled() and page.reopen_button.isEnabled()
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: "预算调整")
    page.reopen()
    assert rows(path, "SELECT locked FROM workshop") == [(0,)]
    assert window.view.phase == Phase.SELECT
    run(ops.ChangePhase(workshop, Phase.SIGNOFF))
    history = [page.history.item(i).text() for i in range(page.history.count())]
    assert history[-1].endswith("· 陈志远 · reopened — 预算调整")  # who reopened it, and why


def test_countdown_counts_down_pauses_and_goes_overtime():
    from datetime import UTC, datetime

    start = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
    countdown = PhaseCountdown()
    countdown.reset(30, timedelta(minutes=5), start)
    assert countdown.remaining(start + timedelta(minutes=10)) == 15 * 60
    countdown.pause(start + timedelta(minutes=10))
    assert countdown.remaining(start + timedelta(minutes=40)) == 15 * 60
    countdown.resume(start + timedelta(minutes=40))
    assert countdown.remaining(start + timedelta(minutes=60)) == -5 * 60
    assert format_seconds(-5 * 60) == "05:00" and format_seconds(3725) == "1:02:05"
    countdown.reset(30, timedelta(0), start)
    assert countdown.remaining(start - timedelta(minutes=3)) == 30 * 60  # not started yet


def test_five_more_minutes_extends_the_timebox_in_the_plan(qtbot, tmp_path):
    window, _workshop, path = window_in(qtbot, tmp_path, Phase.BRAINSTORM)
    before = rows(path, "SELECT planned_minutes FROM phase_plan WHERE phase = 'brainstorm'")[0][0]
    window.view.timer.more_button.click()
    assert rows(path, "SELECT planned_minutes FROM phase_plan WHERE phase = 'brainstorm'") == [
        (before + 5,)
    ]
    assert window.view.timer.countdown.planned == timedelta(minutes=before + 5)
    window.view.timer.toggle_pause()
    assert window.view.timer.state.text() == "Paused"


def tied_vote(qtbot, tmp_path):
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


def test_a_tie_at_the_cut_off_offers_a_run_off_among_the_tied(qtbot, tmp_path):
    _window, _workshop, path, page, _ids = tied_vote(qtbot, tmp_path)
    assert page.runoff_button.isEnabled() and page.decide_button.isEnabled()
    assert "TIED" in page.results.item(1, 3).text()
    page.runoff_button.click()
    assert rows(path, "SELECT kind, status, seats FROM vote_round ORDER BY number") == [
        ("main", "closed", 2),
        ("runoff", "open", 1),
    ]
    booth = page.booth
    booth.people.setCurrentRow(0)
    booth.start_button.click()
    assert booth.table.rowCount() == 2  # only the tied objectives are on the run-off ballot
    assert "1 of 1 dots left" in booth.left.text()


def test_a_tie_can_be_settled_by_a_recorded_decision(qtbot, tmp_path, monkeypatch):
    from okrdesk.ui import dialogs

    _window, _workshop, path, page, _ids = tied_vote(qtbot, tmp_path)

    def decide(dialog):
        dialog.boxes[1][0].setChecked(True)
        dialog.reason_edit.setPlainText("更贴近公司战略")
        return True

    monkeypatch.setattr(dialogs.TieDialog, "exec", decide)
    page.decide_button.click()
    assert rows(path, "SELECT reason FROM tie_decision") == [("更贴近公司战略",)]
    assert not page.decide_button.isEnabled()


def test_ctrl_z_after_a_handed_in_ballot_never_shows_it_to_the_next_person(qtbot, tmp_path):
    window, _workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    page = window.view.pages[Phase.VOTE]
    page.open_button.click()
    booth_vote(qtbot, page, "Ana", [(0, 3)])
    window.undo()  # the next person presses Ctrl+Z: the booth's ballot is not the window's step
    assert rows(path, "SELECT count(*) FROM ballot") == [(1,)]
    page.booth.people.setCurrentRow(0)
    page.booth.start_button.click()  # someone picks "Ana": taking it back clears it first
    shown = [page.booth.table.item(r, 1).text() for r in range(page.booth.table.rowCount())]
    assert "●" not in "".join(shown)  # her dots were cleared, not shown
    assert rows(path, "SELECT count(*) FROM dot") == [(0,)]


def test_undoing_a_take_back_returns_to_the_names(qtbot, tmp_path):
    window, _workshop, _path = window_in(qtbot, tmp_path, Phase.VOTE)
    page = window.view.pages[Phase.VOTE]
    page.open_button.click()
    booth_vote(qtbot, page, "Ana", [(2, 2)])
    page.booth.people.setCurrentRow(0)
    page.booth.start_button.click()  # take it back (the test answers yes): cleared
    assert page.booth.stack.currentIndex() == 1
    window.undo()  # Ana's handed-in ballot is back: it must not be on screen
    assert page.booth.stack.currentIndex() == 0 and page.booth.table.rowCount() == 0


def test_leaving_the_ballot_unfinished_takes_the_dots_back(qtbot, tmp_path):
    window, _workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    page = window.view.pages[Phase.VOTE]
    page.open_button.click()
    page.booth.people.setCurrentRow(1)
    page.booth.start_button.click()
    page.booth.table.setCurrentCell(0, 0)
    qtbot.keyClick(page.booth.table, Qt.Key.Key_Plus)
    page.booth.done_button.click()
    assert rows(path, "SELECT count(*) FROM dot") == [(0,)] and page.booth.stack.currentIndex() == 0


def test_paper_counts_update_in_place_so_an_open_editor_survives(qtbot, tmp_path):
    window, _workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    page = window.view.pages[Phase.VOTE]
    page.open_button.click()
    page.modes.setCurrentWidget(page.tally)
    table = page.tally.table
    first_cell = table.item(0, 1)
    first_cell.setText("7")  # what committing a typed number does
    table.item(1, 1).setText("4")
    table.setFocus()
    table.setCurrentCell(2, 1)
    qtbot.keyClick(table, Qt.Key.Key_Plus)
    assert rows(path, "SELECT count FROM paper_tally ORDER BY objective_id") == [(7,), (4,), (1,)]
    # The rows were updated, not rebuilt: an editor open on a cell keeps its cell.
    assert table.item(0, 1) is first_cell and table.currentRow() == 2


def test_a_setup_field_being_typed_in_is_not_overwritten(qtbot, tmp_path):
    window, _workshop, path = window_in(qtbot, tmp_path)
    page = window.view.pages[Phase.SETUP]
    page.title_edit.setFocus()
    page.title_edit.selectAll()
    qtbot.keyClicks(page.title_edit, "New title")
    window.view.timer.more_button.click()  # another change arrives while typing
    assert page.title_edit.text() == "New title"
    page.title_edit.editingFinished.emit()
    assert rows(path, "SELECT title FROM workshop") == [("New title",)]


def test_undo_of_a_change_in_another_workshop_shows_that_workshop(qtbot, tmp_path):
    window, workshop, _path = window_in(qtbot, tmp_path, Phase.BRAINSTORM)
    run = window.session.run
    second = run(ops.CreateWorkshop(1, 1, "Second")).result
    window.view.show_workshop(second)
    run(ops.AddParticipant(second, "Zed"))
    window.view.show_workshop(workshop)
    window.undo()
    assert window.view.workshop_id == second


def test_a_refused_undo_is_reported_not_raised(qtbot, tmp_path):
    import sqlite3

    window, workshop, path = window_in(qtbot, tmp_path, Phase.BRAINSTORM)
    window.session.run(ops.AddIdea(workshop, "original"))
    db = sqlite3.connect(path)  # someone else changes the row under the undo stack
    db.execute("UPDATE idea SET text = 'changed elsewhere' WHERE text = 'original'")
    db.commit()
    db.close()
    window.undo()
    assert "cannot be undone" in window.view.messages.text()
    window.redo()  # nothing to redo after a refused undo, and no exception
    assert rows(path, "SELECT text FROM idea WHERE text LIKE 'changed%'") == [
        ("changed elsewhere",)
    ]


def test_signoff_page_summarises_the_quality_checks(qtbot, tmp_path):
    window, workshop, _path = window_in(qtbot, tmp_path, Phase.VOTE)
    run = window.session.run
    to_signoff(run, workshop)
    page = window.view.pages[Phase.SIGNOFF]
    texts = [page.checks.item(i).text() for i in range(page.checks.count())]
    assert any("has no owner" in text for text in texts)


def test_the_booth_list_ticks_follow_ballots_in_and_taken_back(qtbot, tmp_path):
    window, workshop, _path = window_in(qtbot, tmp_path, Phase.VOTE)
    page = window.view.pages[Phase.VOTE]
    page.open_button.click()
    booth = page.booth
    run = window.session.run
    with window.session.plan.reader() as session:
        from okrdesk.models import Participant

        bo = session.scalar(select(Participant.id).where(Participant.name == "Bo"))

    def ticked():
        return [booth.people.item(i).text().startswith("✓") for i in range(booth.people.count())]

    run(ops.ConfirmBallot(workshop, bo))
    assert ticked() == [False, True, False] and "1 of 3 ballots in" in page.status.text()
    run(ops.RedoBallot(workshop, bo))
    assert ticked() == [False, False, False] and "0 of 3 ballots in" in page.status.text()


def test_a_message_pushes_the_page_down_and_covers_nothing(qtbot, tmp_path):
    window, workshop, _path = window_in(qtbot, tmp_path, Phase.VOTE)
    view = window.view
    window.session.run(ops.ChangePhase(workshop, Phase.EXPORT))  # refused: not approved
    bar = view.messages
    assert bar.isVisible() and bar.text()
    qtbot.waitUntil(lambda: not bar.geometry().intersects(view.stack.geometry()))
    assert bar.geometry().bottom() < view.stack.geometry().top()


def test_the_select_page_reads_a_decided_tie_as_decided(qtbot, tmp_path):
    from okrdesk.engine.objective_tree import selection_rows

    window, workshop, _path = window_in(qtbot, tmp_path, Phase.VOTE)
    run = window.session.run
    first, second, _third = (r.id for r in window.session.view(selection_rows, workshop))
    run(ops.UpdateWorkshopSettings(workshop, selection_size=1))
    run(ops.OpenVoting(workshop))
    people = window.session.view(participant_list, workshop)
    run(ops.CastDot(workshop, people[0].id, first))
    run(ops.CastDot(workshop, people[1].id, second))
    run(ops.CloseVoting(workshop))
    run(ops.RevealTally(workshop))
    run(ops.DecideTie(workshop, (second,), "Closer to the company's goal", "Lin"))
    window.view.go_to_phase(Phase.SELECT)
    select = window.view.pages[Phase.SELECT]
    assert select.isVisible()
    shown = {
        select.table.item(row, 1).text(): select.table.item(row, 3).text()
        for row in range(select.table.rowCount())
    }
    assert shown == {
        "Cut churn": "chosen by decision",
        "Win the mid-market": "not chosen (decision)",
        "Ship weekly": "below the cut-off",
    }


def test_a_name_that_turns_text_around_turns_only_itself_in_not_voted_yet(qtbot, tmp_path):
    window, _workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    ((bo,),) = rows(path, "SELECT id FROM participant WHERE name = 'Bo'")
    window.session.run(ops.RenameParticipant(bo, "\u202eoB"))
    page = window.view.pages[Phase.VOTE]
    page.open_button.click()
    # Isolated: the override ends with the name, not with the line.
    assert "\u2068\u202eoB\u2069" in page.missing.text()

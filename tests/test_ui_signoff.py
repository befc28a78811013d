"""Sign-off in the window: per-objective comments, the drawn signature, the projector one
objective at a time, the comments kept in view while refining, and the light form."""

import json
from datetime import date

from PySide6.QtCore import QPoint, Qt

from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.signature import parse_signature
from okrdesk.models import Phase
from okrdesk.models.planfile import PlanFile
from tests.test_ui_phases import to_signoff, window_in
from tests.ui_helpers import open_window, rows


def at_signoff(qtbot, tmp_path):
    window, workshop, path = window_in(qtbot, tmp_path, Phase.VOTE)
    to_signoff(window.session.run, workshop)
    return window, workshop, path, window.view.pages[Phase.SIGNOFF]


def sign(qtbot, pad):
    """Draw two strokes with the mouse, as a signer would."""
    for stroke in (
        (QPoint(20, 90), QPoint(60, 30), QPoint(110, 80)),
        (QPoint(150, 60), QPoint(200, 60)),
    ):
        qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=stroke[0])
        for point in stroke[1:]:
            qtbot.mouseMove(pad, point)
        qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=stroke[-1])


def test_a_return_with_a_comment_on_one_objective_stays_in_view_while_refining(qtbot, tmp_path):
    window, workshop, path, page = at_signoff(qtbot, tmp_path)
    assert window.view.return_banner.isHidden()
    page.signer.setEditText("陈志远")
    second = page.okrs.topLevelItem(1)
    assert second.flags() & Qt.ItemFlag.ItemIsEditable
    second.setText(1, "KR 要可衡量")
    page.return_button.click()
    assert rows(path, "SELECT objective_title, comment FROM sign_off_note") == [
        ("Cut churn", "KR 要可衡量")
    ]
    assert window.view.phase == Phase.SELECT
    banner = window.view.return_banner
    assert banner.isVisible()
    assert "陈志远" in banner.text() and "Cut churn: KR 要可衡量" in banner.text()
    window.session.run(ops.ChangePhase(workshop, Phase.SIGNOFF))
    assert page.okrs.topLevelItem(1).text(1) == ""  # the sent comment is not typed again
    assert "Cut churn: KR 要可衡量" in page.history.item(0).text()
    page.approve_button.click()
    assert banner.isHidden()


def test_a_drawn_signature_is_stored_with_the_approval_and_shown_in_the_history(qtbot, tmp_path):
    _window, _workshop, path, page = at_signoff(qtbot, tmp_path)
    page.signer.setEditText("CEO")
    sign(qtbot, page.pad)
    drawn = page.pad.signature()
    assert drawn is not None and [len(s) for s in drawn.strokes] == [3, 2]
    page.approve_button.click()
    (stored,) = rows(path, "SELECT signature FROM sign_off")
    signature = parse_signature(stored[0])
    assert [len(s) for s in signature.strokes] == [3, 2]
    assert signature.strokes[0][1] == (60.0, 30.0)
    assert json.loads(stored[0])["width"] == page.pad.width()
    assert page.pad.signature() is None  # cleared for the next decision
    icon = page.history.item(0).icon().pixmap(page.history.iconSize()).toImage()
    inked = {
        icon.pixelColor(x, y).name() for x in range(icon.width()) for y in range(icon.height())
    }
    assert "#0f2a5f" in inked or len(inked) > 2  # the strokes are drawn, not a blank card
    assert not page.pad.isEnabled()  # locked: nothing more to sign


def test_clearing_the_pad_signs_nothing(qtbot, tmp_path):
    _window, _workshop, path, page = at_signoff(qtbot, tmp_path)
    page.signer.setEditText("CEO")
    sign(qtbot, page.pad)
    page.clear_pad.click()
    page.approve_button.click()
    assert rows(path, "SELECT signature FROM sign_off") == [(None,)]


def test_the_projector_can_show_one_objective_at_a_time(qtbot, tmp_path):
    window, _workshop, _path, page = at_signoff(qtbot, tmp_path)
    window.projector.place()  # the projector reads the plan only while it is shown
    projector = window.projector.window
    everything = projector.description()
    assert "Win the mid-market" in everything and "Cut churn" in everything
    page.present.setCurrentIndex(2)  # O2 on its own
    shown = projector.description()
    assert "Cut churn" in shown and "Win the mid-market" not in shown
    assert projector.view.focus == 1
    projector.resize(1024, 768)
    projector.grab()  # paints the single objective without error
    page.present.setCurrentIndex(0)
    assert "Win the mid-market" in projector.description()


def person_plan(path):
    with PlanFile.create(path, "Northstar") as plan:
        editor = PlanEditor(plan)
        cycle = editor.apply(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31))).result
        company = editor.apply(ops.CreateUnit("Northstar")).result
        department = editor.apply(ops.CreateUnit("Sales", company)).result
        team = editor.apply(ops.CreateUnit("East", department)).result
        person = editor.apply(ops.CreateUnit("王芳", team)).result
        return editor.apply(ops.CreateWorkshop(person, cycle, "王芳 2027-Q1")).result


def test_a_persons_okrs_use_the_light_form_in_the_window(qtbot, tmp_path):
    path = tmp_path / "person.okrdesk"
    workshop = person_plan(path)
    window = open_window(qtbot, path)
    navigator = window.view.navigator
    hidden = [navigator.isRowHidden(row) for row in range(navigator.count())]
    assert hidden == [False, True, False, True, True, False, False]
    # Ctrl+N is the Nth phase of this workshop; the menu lists its four phases only.
    menu = [(a.text(), a.shortcut().toString()) for a in window.phase_actions if a.isVisible()]
    assert menu == [
        ("Setup", "Ctrl+1"),
        ("Write OKRs", "Ctrl+2"),
        ("Confirmation", "Ctrl+3"),
        ("Export", "Ctrl+4"),
    ]
    assert navigator.item(5).text().endswith("Confirmation")
    # Not open yet from Setup: it says why (the tooltip), in a neutral, disabled look.
    assert navigator.item(5).toolTip().startswith("Not yet: Go forward one phase at a time")
    window.phase_actions[1].trigger()
    assert window.view.phase == Phase.GROUP
    group = window.view.pages[Phase.GROUP]
    assert group.title.text() == "Write the OKRs" and group.wall.isHidden()
    objective = window.session.run(ops.CreateObjective(workshop, "Open three key accounts")).result
    window.session.run(
        ops.AddKeyResult(objective, ops.KeyResultFields("Sign 3 contracts by June", target=3))
    )
    window.view.step_phase(1)
    assert window.view.phase == Phase.SIGNOFF
    page = window.view.pages[Phase.SIGNOFF]
    assert (
        page.title.text() == "Manager's confirmation (1:1)"
        and page.approve_button.text() == "Confirm"
    )
    assert page.status.text() == "Awaiting the manager's confirmation"
    assert "Confirmation" in window.windowTitle()
    page.signer.setEditText("Manager Li")
    page.approve_button.click()
    assert rows(path, "SELECT locked FROM workshop") == [(1,)]
    assert "confirmed" in page.history.item(0).text()
    assert page.status.text() == "Confirmed by the manager"


def test_import_parent_okrs_from_the_file_menu(qtbot, tmp_path, monkeypatch):
    from okrdesk.ui import parent_import_dialog

    company_window, _workshop, company_path, page = at_signoff(qtbot, tmp_path)
    page.signer.setEditText("CEO Zhou")
    page.approve_button.click()
    company_window.close_plan()
    sales_path = tmp_path / "sales.okrdesk"
    person_plan(sales_path)  # another laptop's plan: Northstar, Sales, East, 王芳
    window = open_window(qtbot, sales_path)
    offered = []

    def pick(_parent, _title, _prompt, choices):
        offered.extend(text for text, _value in choices)
        return choices[0][1]

    monkeypatch.setattr(parent_import_dialog, "choose", pick)
    monkeypatch.setattr(parent_import_dialog, "pick_source", lambda _parent: company_path)
    window.import_parent_action.trigger()
    assert offered == [
        "2027-Q1 · Northstar · Management meeting — approved by CEO Zhou, 3 objectives"
    ]
    imported = rows(
        sales_path,
        "SELECT title, locked, imported_from FROM workshop WHERE imported_from IS NOT NULL",
    )
    assert imported == [("Management meeting", 1, "plan.okrdesk")]
    assert window.view.workshop_title() == "Management meeting"  # shown at once
    window.undo()
    assert rows(sales_path, "SELECT count(*) FROM workshop") == [(1,)]
    unreadable = tmp_path / "notes.json"
    unreadable.write_text("[1, 2", "utf-8")
    monkeypatch.setattr(parent_import_dialog, "pick_source", lambda _parent: unreadable)
    window.import_parent_action.trigger()
    assert "notes.json" in window.view.messages.text()
    assert unreadable.read_text("utf-8") == "[1, 2"


def test_the_alignment_picker_marks_a_parent_that_is_not_approved_yet(qtbot, tmp_path):
    from okrdesk.engine.alignment import alignment_choices
    from okrdesk.ui.dialogs import parent_okr_labels

    window, company_workshop, _path, page = at_signoff(qtbot, tmp_path)
    run = window.session.run
    with window.session.plan.reader() as session:
        from okrdesk.models import Workshop

        workshop = session.get(Workshop, company_workshop)
        company, cycle = workshop.unit_id, workshop.cycle_id
    sales = run(ops.CreateUnit("Sales", company)).result
    department = run(ops.CreateWorkshop(sales, cycle, "Sales workshop")).result
    draft = [
        text for text, _ in parent_okr_labels(window.session.view(alignment_choices, department))
    ]
    assert draft[0] == "Northstar (draft, not yet approved) · O: Win the mid-market"
    window.view.show_workshop(company_workshop)
    page.signer.setEditText("CEO")
    page.approve_button.click()
    approved = [
        text for text, _ in parent_okr_labels(window.session.view(alignment_choices, department))
    ]
    assert approved[0] == "Northstar · O: Win the mid-market"


def test_a_person_workshop_left_in_a_skipped_phase_can_still_move_on(qtbot, tmp_path):
    """Plans written before the light form may have a person's workshop in Brainstorm."""
    import sqlite3

    path = tmp_path / "person.okrdesk"
    workshop = person_plan(path)
    db = sqlite3.connect(path)
    db.execute("UPDATE workshop SET phase = 'brainstorm' WHERE id = ?", (workshop,))
    db.commit()
    db.close()
    window = open_window(qtbot, path)
    navigator = window.view.navigator
    assert not navigator.isRowHidden(1)  # where the workshop is always shows
    window.view.step_phase(1)
    assert window.view.phase == Phase.GROUP
    assert navigator.isRowHidden(1)


def test_nothing_typed_or_drawn_for_one_workshop_goes_with_another(qtbot, tmp_path):
    window, company, path, page = at_signoff(qtbot, tmp_path)
    with window.session.plan.reader() as session:
        from okrdesk.models import Workshop

        workshop = session.get(Workshop, company)
        unit, cycle = workshop.unit_id, workshop.cycle_id
    run = window.session.run
    person_unit = run(
        ops.CreateUnit(
            "王芳", run(ops.CreateUnit("East", run(ops.CreateUnit("Sales", unit)).result)).result
        )
    ).result
    person = run(ops.CreateWorkshop(person_unit, cycle, "王芳 2027-Q1")).result
    run(ops.ChangePhase(person, Phase.GROUP))
    run(ops.CreateObjective(person, "Open three key accounts"))
    run(ops.ChangePhase(person, Phase.SIGNOFF))
    window.view.show_workshop(company)
    page.comment.setPlainText("Company O2 misreads the strategy")
    page.okrs.topLevelItem(0).setText(1, "note for the company")
    page.present.setCurrentIndex(1)
    sign(qtbot, page.pad)
    window.view.show_workshop(person)
    assert page.comment.toPlainText() == "" and page.pad.signature() is None and page.notes() == {}
    assert page.presented() is None
    page.signer.setEditText("Manager Li")
    page.approve_button.click()
    assert rows(path, f"SELECT comment, signature FROM sign_off WHERE workshop_id = {person}") == [
        (None, None)
    ]


def test_double_click_or_f2_edits_the_comment_not_the_objective(qtbot, tmp_path):
    _window, _workshop, _path, page = at_signoff(qtbot, tmp_path)
    tree = page.okrs
    first = tree.topLevelItem(0)
    rect = tree.visualItemRect(first)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tree.state() == tree.State.EditingState and tree.currentColumn() == 1
    tree.closePersistentEditor(first, 1)
    tree.setFocus()
    tree.setCurrentItem(first.child(0), 0)  # on a key result: its objective's comment
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    assert tree.currentItem() is first and tree.currentColumn() == 1


def test_import_offers_only_workshops_that_can_be_parents_here(qtbot, tmp_path, monkeypatch):
    from okrdesk.ui import parent_import_dialog
    from tests.demo_plans import copy_demo

    demo = tmp_path / "demo.okrdesk"
    copy_demo(demo, "signed", "en")
    path = tmp_path / "person.okrdesk"
    person_plan(path)
    window = open_window(qtbot, path)
    offered = []
    monkeypatch.setattr(
        parent_import_dialog,
        "choose",
        lambda _p, _t, _q, choices: (
            offered.extend(t for t, _ in choices) or parent_import_dialog.CANCELLED
        ),
    )
    parent_import_dialog.import_parent_okrs(window, window.session, demo)
    assert offered and not any("Bai Lu" in text for text in offered)  # a person is nobody's parent
    window.close_plan()
    copy = tmp_path / "copy.okrdesk"
    copy.write_bytes(demo.read_bytes())
    window.open_plan(copy)
    offered.clear()
    parent_import_dialog.import_parent_okrs(window, window.session, demo)
    assert offered == []  # every approved workshop there is already this plan's own
    assert "has no approved OKRs this plan could align to" in window.view.messages.text()

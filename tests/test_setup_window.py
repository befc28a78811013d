"""The window's set-up fills itself in: the new-workshop form's cycle dates follow the name
(still editable), a new unit's level follows the unit above it, and the setup page renames
the organisation (undoable); the timeboxes shown are the round defaults."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from okrdesk.engine.agenda import default_timeboxes
from okrdesk.models import Phase, UnitLevel
from okrdesk.ui.workshop_dialog import NEW, NewWorkshopDialog
from tests.ui_helpers import empty_workshop_plan, open_window, rows


def dialog_on(qtbot, tmp_path: Path):
    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path)
    from okrdesk.engine.workshop_list import workshop_list

    listed = window.session.view(workshop_list)
    dialog = NewWorkshopDialog(window, listed.cycles, listed.units, date(2026, 12, 14))
    qtbot.addWidget(dialog)
    return window, dialog, path


def shown_dates(dialog: NewWorkshopDialog) -> tuple[date, date]:
    return dialog.starts.date().toPython(), dialog.ends.date().toPython()


def test_a_new_cycles_dates_follow_its_name_and_stay_editable(qtbot, tmp_path):
    window, dialog, path = dialog_on(qtbot, tmp_path)
    dialog.cycle.setCurrentIndex(dialog.cycle.findData(NEW))
    dialog.cycle_name.clear()
    qtbot.keyClicks(dialog.cycle_name, "2028-Q2")  # typed: the dates follow as it is typed
    assert shown_dates(dialog) == (date(2028, 4, 1), date(2028, 6, 30))
    dialog.cycle_name.setText("2027年第三季度")  # (an input method commits it whole)
    assert shown_dates(dialog) == (date(2027, 7, 1), date(2027, 9, 30))
    dialog.cycle_name.setText("2027H2")
    assert shown_dates(dialog) == (date(2027, 7, 1), date(2027, 12, 31))
    dialog.cycle_name.setText("Autumn push")  # no period in it: the dates stay as they were
    assert shown_dates(dialog) == (date(2027, 7, 1), date(2027, 12, 31))
    dialog.ends.setDate(dialog.ends.date().addDays(-1))  # the facilitator's own end date
    dialog.title.setText("H2 sprint")
    dialog.unit.setCurrentIndex(0)
    assert window.session.run_batch("op.new_workshop", dialog.build_workshop)
    assert rows(path, "SELECT name, starts_on, ends_on FROM cycle WHERE name = 'Autumn push'") == [
        ("Autumn push", "2027-07-01", "2027-12-30")
    ]


def test_a_new_unit_gets_the_level_below_the_unit_above_it(qtbot, tmp_path):
    window, dialog, path = dialog_on(qtbot, tmp_path)
    dialog.unit.setCurrentIndex(dialog.unit.findData(NEW))
    company = dialog.unit_parent.findText("Northstar")
    dialog.unit_parent.setCurrentIndex(company)
    levels = [dialog.unit_level.itemData(i) for i in range(dialog.unit_level.count())]
    assert levels == [UnitLevel.DEPARTMENT, UnitLevel.TEAM, UnitLevel.PERSON]
    assert dialog.unit_level.currentText() == "Department"
    assert dialog.form.isRowVisible(8)
    dialog.unit_level.setCurrentIndex(2)  # a person reporting to the company
    dialog.unit_name.setText("宋宇")
    dialog.title.setText("1:1")
    assert window.session.run_batch("op.new_workshop", dialog.build_workshop)
    assert rows(path, "SELECT level FROM org_unit WHERE name = '宋宇'") == [("person",)]
    dialog.unit_parent.setCurrentIndex(0)  # no parent: the company
    assert [dialog.unit_level.itemData(i) for i in range(dialog.unit_level.count())] == [
        UnitLevel.COMPANY
    ]


def test_the_level_names_speak_chinese(qtbot, tmp_path):
    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path, "zh_CN")
    from okrdesk.engine.workshop_list import workshop_list

    listed = window.session.view(workshop_list)
    dialog = NewWorkshopDialog(window, listed.cycles, listed.units, date(2026, 12, 14))
    qtbot.addWidget(dialog)
    dialog.unit_parent.setCurrentIndex(dialog.unit_parent.findText("Northstar"))
    assert dialog.unit_level.currentText() == "部门"


def test_the_setup_page_renames_the_organisation_and_undo_takes_it_back(qtbot, tmp_path):
    path = tmp_path / "plan.okrdesk"
    workshop = empty_workshop_plan(path)
    window = open_window(qtbot, path)
    window.view.show_workshop(workshop)
    page = window.view.pages[Phase.SETUP]
    assert page.organisation.text() == "Northstar"
    page.organisation.setFocus()
    page.organisation.setText("北辰软件")
    page.organisation.editingFinished.emit()
    assert rows(path, "SELECT organisation FROM plan_info") == [("北辰软件",)]
    page.person.setFocus()  # leaving the field does not save it again
    window.undo()
    assert rows(path, "SELECT organisation FROM plan_info") == [("Northstar",)]
    assert page.organisation.text() == "Northstar"
    page.organisation.setText("   ")  # refused: the name the plan keeps shows again
    page.organisation.editingFinished.emit()
    assert rows(path, "SELECT organisation FROM plan_info") == [("Northstar",)]
    assert page.organisation.text() == "Northstar"


def test_the_setup_page_shows_the_round_default_timeboxes(qtbot, tmp_path):
    path = tmp_path / "plan.okrdesk"
    workshop = empty_workshop_plan(path)
    window = open_window(qtbot, path)
    window.view.show_workshop(workshop)
    page = window.view.pages[Phase.SETUP]
    shown = {phase: spin.value() for phase, spin in page.minutes.items()}
    assert shown == default_timeboxes(UnitLevel.COMPANY) and sum(shown.values()) == 240

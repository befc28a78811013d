"""The setup and sign-off pages re-read only for changes that concern what they show."""

from __future__ import annotations

from pathlib import Path

from okrdesk.engine import ops
from okrdesk.models import Phase
from tests.ui_helpers import empty_workshop_plan, open_window, rows


def setup_window(qtbot, tmp_path: Path):
    path = tmp_path / "plan.okrdesk"
    workshop = empty_workshop_plan(path)
    window = open_window(qtbot, path)
    page = window.view.pages[Phase.SETUP]
    window.view.show_workshop(workshop)
    assert page.isVisible()
    unit, cycle = rows(path, f"SELECT unit_id, cycle_id FROM workshop WHERE id = {workshop}")[0]
    return window, page, workshop, unit, cycle


def counting(page, name: str) -> list[int]:
    calls: list[int] = []
    original = getattr(page, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    setattr(page, name, counted)
    return calls


def test_setup_follows_its_workshop_and_the_parent_okrs_only(qtbot, tmp_path: Path) -> None:
    """Changes are applied by the editor and handed to the page, as the window hands them."""
    window, page, workshop, unit, cycle = setup_window(qtbot, tmp_path)
    run = window.session.run
    sales = run(ops.CreateUnit("Sales", unit)).result
    other = run(ops.CreateWorkshop(sales, cycle, "Sales workshop")).result
    window.view.show_workshop(other)
    assert page.workshop_id == other and page.isVisible()
    reloads, parents = counting(page, "reload"), counting(page, "_reload_parents")

    def apply(operation):
        change = window.session.editor.apply(operation)
        page.apply_change(change)
        return change.result

    apply(ops.AddParticipant(other, "Eve"))
    assert len(reloads) == 1 and [
        page.people.item(i).text() for i in range(page.people.count())
    ] == ["Eve"]
    parents.clear()  # a reload reads the parent OKRs too
    apply(ops.AddParticipant(workshop, "Fay"))  # another workshop's people: nothing to re-read
    apply(ops.ChangePhase(workshop, Phase.BRAINSTORM))
    apply(ops.AddIdea(workshop, "a card on the company's wall"))
    assert len(reloads) == 1 and not parents
    apply(ops.ChangePhase(workshop, Phase.GROUP))
    apply(ops.CreateObjective(workshop, "Win the mid-market"))  # a parent OKR appears
    assert len(reloads) == 1 and len(parents) == 1
    texts = [page.parents.item(i).text() for i in range(page.parents.count())]
    assert any("Win the mid-market" in text for text in texts)
    apply(ops.SetTimebox(other, Phase.VOTE, 33))
    assert len(reloads) == 2 and page.minutes[Phase.VOTE].value() == 33


def test_an_undo_from_the_menu_shows_in_the_field_still_in_focus(qtbot, tmp_path: Path) -> None:
    """A value saved and then undone is shown, and leaving the field does not save it again."""
    from PySide6.QtCore import Qt

    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path)
    page = window.view.pages[Phase.SETUP]
    budget = rows(path, "SELECT dot_budget FROM workshop")[0][0]
    page.budget.setFocus()
    qtbot.waitUntil(page.budget.hasFocus)
    page.budget.setValue(budget + 3)
    qtbot.keyClick(page.budget, Qt.Key.Key_Return)
    page.title_edit.setFocus()
    qtbot.waitUntil(page.title_edit.hasFocus)
    page.title_edit.selectAll()
    qtbot.keyClicks(page.title_edit, "Offsite")
    qtbot.keyClick(page.title_edit, Qt.Key.Key_Return)
    assert rows(path, "SELECT title, dot_budget FROM workshop") == [("Offsite", budget + 3)]
    window.undo_action.trigger()  # Edit > Undo with the mouse: the title box keeps the focus
    assert page.title_edit.text() == "Management meeting"
    page.budget.setFocus()
    qtbot.waitUntil(page.budget.hasFocus)
    window.undo_action.trigger()
    assert page.budget.value() == budget
    page.cap.setFocus()  # leaving the box
    qtbot.waitUntil(page.cap.hasFocus)
    assert rows(path, "SELECT title, dot_budget FROM workshop") == [("Management meeting", budget)]
    assert window.session.undo_stack.canRedo()
    # Typing not yet saved is kept when a change arrives meanwhile.
    page.title_edit.setFocus()
    qtbot.waitUntil(page.title_edit.hasFocus)
    page.title_edit.selectAll()
    qtbot.keyClicks(page.title_edit, "Half typed")
    window.session.run(ops.AddParticipant(window.view.workshop_id, "Fay"))
    assert page.title_edit.text() == "Half typed"

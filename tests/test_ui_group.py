"""Group page: cards into objectives by drag and drop and by keyboard; key results; undo."""

import json
from datetime import date

from PySide6.QtCore import QMimeData, Qt

from okrdesk.engine import ops
from okrdesk.models import Phase
from okrdesk.ui.models.dragging import ITEMS_MIME
from okrdesk.ui.models.roles import ID_ROLE, KIND_ROLE, ItemKind
from tests.ui_helpers import empty_workshop_plan, grouping_window, open_window, rows


def grouping(
    qtbot, tmp_path, cards=("Win the mid-market", "More leads", "Cut churn", "Faster onboarding")
):
    path = tmp_path / "plan.okrdesk"
    window, ids = grouping_window(qtbot, path, cards)
    return window, window.view.pages[Phase.GROUP], path, ids


def loose_texts(page):
    return [page.cards.data(page.cards.index(r, 0)) for r in range(page.cards.rowCount())]


def test_ctrl_enter_makes_the_selected_card_an_objective(qtbot, tmp_path):
    _window, page, path, _ids = grouping(qtbot, tmp_path)
    page.loose_view.setFocus()
    page.loose_view.setCurrentIndex(page.cards.index(0, 0))
    qtbot.keyClick(page.loose_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [o.title for o in page.tree_model.objectives()] == ["Win the mid-market"]
    assert "Win the mid-market" not in loose_texts(page)
    assert rows(path, "SELECT title FROM objective") == [("Win the mid-market",)]


def test_drag_and_drop_a_card_onto_an_objective_and_back(qtbot, tmp_path):
    window, page, path, ids = grouping(qtbot, tmp_path)
    objective = window.session.run(ops.MakeObjectiveFromIdea(ids[0])).result
    # What a drag carries: the card's mime data; what a drop does: dropMimeData on the target.
    mime = page.cards.mimeData([page.cards.index(0, 0)])
    assert json.loads(bytes(mime.data(ITEMS_MIME).data()))["idea"] == [ids[1]]
    target = page.tree_model.objective_index(objective)
    assert page.tree_model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, target)
    page.tree_model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, target)
    assert rows(path, f"SELECT objective_id FROM idea WHERE id = {ids[1]}") == [(objective,)]
    assert "More leads" not in loose_texts(page)
    child = page.tree_model.index(0, 0, target)
    assert (
        page.tree_model.data(child, ID_ROLE) in ids
        and page.tree_model.data(child, KIND_ROLE) == "idea"
    )
    # Drag it from the tree back to the loose cards.
    card_row = next(
        r
        for r in range(page.tree_model.rowCount(target))
        if page.tree_model.index(r, 0, target).data(ID_ROLE) == ids[1]
    )
    back = page.tree_model.mimeData([page.tree_model.index(card_row, 0, target)])
    page.cards.dropMimeData(back, Qt.DropAction.MoveAction, -1, 0, page.cards.index(0, 0).parent())
    assert rows(path, f"SELECT objective_id FROM idea WHERE id = {ids[1]}") == [(None,)]


def test_keyboard_move_with_m_and_a_choice(qtbot, tmp_path, monkeypatch):
    from okrdesk.ui import dialogs

    window, page, path, ids = grouping(qtbot, tmp_path)
    objective = window.session.run(ops.MakeObjectiveFromIdea(ids[0])).result
    offered = {}

    def pick(parent, title, prompt, choices):
        offered["choices"] = choices
        return objective

    monkeypatch.setattr(dialogs, "choose", pick)
    page.loose_view.setFocus()
    page.loose_view.setCurrentIndex(page.cards.index(1, 0))  # "Cut churn"
    qtbot.keyClick(page.loose_view, Qt.Key.Key_M)
    assert rows(path, f"SELECT objective_id FROM idea WHERE id = {ids[2]}") == [(objective,)]
    assert ("Win the mid-market", objective) in offered["choices"]
    window.undo()
    assert rows(path, f"SELECT objective_id FROM idea WHERE id = {ids[2]}") == [(None,)]
    assert "Cut churn" in loose_texts(page)


def test_key_results_are_added_and_edited_in_the_drawer(qtbot, tmp_path):
    window, page, path, ids = grouping(qtbot, tmp_path)
    objective = window.session.run(ops.MakeObjectiveFromIdea(ids[0])).result
    form = page.form
    assert form.isHidden()  # the objectives have the room until a key result is written
    page.tree.setFocus()
    page.tree.setCurrentIndex(page.tree_model.objective_index(objective))
    qtbot.keyClick(page.tree, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert form.isVisible() and form.title_edit.hasFocus() and form.editing is None
    form.title_edit.setText("新签 40 家中型企业客户")
    form.start.setText("0")
    form.target.setText("40")
    form.unit.setText("家")
    form.owner.setCurrentText("王丽")
    qtbot.keyClick(form.title_edit, Qt.Key.Key_Return)
    assert rows(
        path, "SELECT title, start_value, target_value, unit, deadline, owner FROM key_result"
    ) == [("新签 40 家中型企业客户", "0", "40", "家", "2027-03-31", "王丽")]
    assert form.isVisible() and form.title_edit.text() == ""  # ready for the next one
    kr_index = page.tree_model.index(0, 0, page.tree_model.objective_index(objective))
    page.tree.setCurrentIndex(kr_index)
    assert form.editing is not None and form.title_edit.text() == "新签 40 家中型企业客户"
    form.target.setText("lots")
    form.submit()
    assert "must be a number" in window.view.messages.text()
    assert form.isVisible() and form.target.text() == "lots"  # the input is kept
    form.target.setText("45")
    form.commitment.setCurrentIndex(1)
    form.submit()
    assert rows(path, "SELECT target_value, commitment FROM key_result") == [("45", "aspirational")]
    assert window.undo_action.text() == "&Undo Edit key result"
    assert form.isHidden()  # saved: the drawer closes
    # Ctrl+K on a key result opens it; Esc closes the drawer and goes back to the tree.
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert form.isVisible() and form.editing is not None
    qtbot.keyClick(form.title_edit, Qt.Key.Key_Escape)
    assert form.isHidden() and page.tree.hasFocus()


def test_a_card_becomes_a_key_result_with_its_text(qtbot, tmp_path):
    window, page, path, ids = grouping(qtbot, tmp_path)
    objective = window.session.run(ops.MakeObjectiveFromIdea(ids[0])).result
    window.session.run(ops.MoveIdea(ids[1], objective))
    card = page.tree_model.find(ItemKind.IDEA, ids[1])
    text = card.data(Qt.ItemDataRole.EditRole)
    page.tree.setFocus()
    page.tree.setCurrentIndex(card)
    qtbot.keyClick(page.tree, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert page.form.isVisible() and page.form.title_edit.text() == text
    page.form.submit()
    assert rows(path, "SELECT objective_id, title FROM key_result") == [(objective, text)]


def test_tab_goes_from_the_deadline_to_the_owner_in_one_step(qtbot, tmp_path):
    window, page, _path, ids = grouping(qtbot, tmp_path)
    objective = window.session.run(ops.MakeObjectiveFromIdea(ids[0])).result
    page.tree.setCurrentIndex(page.tree_model.objective_index(objective))
    page.add_key_result()
    form = page.form
    form.deadline.setFocus()
    assert form.deadline.hasFocus()
    qtbot.keyClick(form.deadline, Qt.Key.Key_Tab)
    owner = form.owner.lineEdit()
    assert form.owner.hasFocus() or (owner is not None and owner.hasFocus())


def test_a_new_objective_becomes_the_only_selection(qtbot, tmp_path):
    window, page, _path, ids = grouping(qtbot, tmp_path)
    first = window.session.run(ops.MakeObjectiveFromIdea(ids[0])).result
    page.tree.setCurrentIndex(page.tree_model.objective_index(first))
    page.tree.selectAll()
    page.loose_view.setFocus()
    page.loose_view.setCurrentIndex(page.cards.index(0, 0))
    page.make_objective()
    selected = page.tree.selectionModel().selectedRows()
    assert len(selected) == 1 and selected[0] == page.tree.currentIndex()
    assert selected[0].data(ID_ROLE) != first


def test_six_objectives_are_all_in_view_at_1366x768(qtbot, tmp_path):
    ideas = [f"想法 {n}：提升客户满意度" for n in range(6)]
    window, page, _path, ids = grouping(qtbot, tmp_path, cards=ideas)
    window.resize(1366, 768)
    window.show()
    # Six objectives made from cards (each card stays in its group), seven key results.
    made = [window.session.run(ops.MakeObjectiveFromIdea(card)).result for card in ids]
    for n, objective in enumerate(made):
        for kr in ("Grow leads from 40 to 150", "Cut churn from 9% to 5%")[: 1 + (n == 0)]:
            window.session.run(ops.AddKeyResult(objective, ops.KeyResultFields(kr)))
    page.tree.expandAll()
    qtbot.waitExposed(window)
    qtbot.wait(20)  # laid out as shown
    viewport = page.tree.viewport().rect()
    for objective in made:
        rect = page.tree.visualRect(page.tree_model.objective_index(objective))
        assert viewport.contains(rect), objective


def test_rename_merge_split_and_delete_with_confirmation(qtbot, tmp_path):
    window, page, path, ids = grouping(qtbot, tmp_path)
    a = window.session.run(ops.MakeObjectiveFromIdea(ids[0])).result
    b = window.session.run(ops.MakeObjectiveFromIdea(ids[1])).result
    window.session.run(ops.MoveIdea(ids[2], a))
    model = page.tree_model
    model.setData(model.objective_index(a), "赢得中型企业市场")
    assert rows(path, f"SELECT title FROM objective WHERE id = {a}") == [("赢得中型企业市场",)]
    # Merge B into A (A current).
    page.tree.setCurrentIndex(model.objective_index(a))
    page.tree.selectionModel().select(
        model.objective_index(b), page.tree.selectionModel().SelectionFlag.Select
    )
    page.merge_objectives()
    assert [o.id for o in model.objectives()] == [a]
    # Split the "Cut churn" card off again.
    parent = model.objective_index(a)
    churn = next(
        r
        for r in range(model.rowCount(parent))
        if model.index(r, 0, parent).data(ID_ROLE) == ids[2]
    )
    page.tree.clearSelection()
    page.tree.setCurrentIndex(model.index(churn, 0, parent))
    page.split_objective()
    assert [o.title for o in model.objectives()] == ["赢得中型企业市场", "Cut churn"]
    # Deleting an objective with a key result asks first (the test confirmer says yes).
    window.session.run(ops.AddKeyResult(a, ops.KeyResultFields("KR 10", target=10)))
    asked = []
    window.session.confirmer = lambda question: asked.append(question) or True
    page.tree.clearSelection()
    page.tree.setCurrentIndex(model.objective_index(a))
    page.tree.setFocus()
    page.delete_selected()
    assert asked and "key results (1)" in asked[0]
    assert [o.title for o in model.objectives()] == ["Cut churn"]
    for _ in range(4):
        window.undo()
    assert {o.id for o in model.objectives()} == {a, b}


def test_the_objective_tree_passes_the_model_tester(qtbot, qtmodeltester, tmp_path):
    window, page, _path, ids = grouping(qtbot, tmp_path)
    a = window.session.run(ops.MakeObjectiveFromIdea(ids[0])).result
    window.session.run(ops.MoveIdea(ids[1], a))
    window.session.run(ops.AddKeyResult(a, ops.KeyResultFields("KR 10", target=10)))
    window.session.run(ops.MakeObjectiveFromIdea(ids[2]))
    qtmodeltester.check(page.tree_model)
    qtmodeltester.check(page.cards)


def test_a_drop_with_foreign_data_is_ignored(qtbot, tmp_path):
    _window, page, _path, _ids = grouping(qtbot, tmp_path)
    mime = QMimeData()
    mime.setText("not ours")
    assert not page.tree_model.canDropMimeData(
        mime, Qt.DropAction.MoveAction, -1, 0, page.tree_model.index(0, 0)
    )
    assert not page.cards.dropMimeData(
        mime, Qt.DropAction.MoveAction, -1, 0, page.cards.index(0, 0).parent()
    )


def test_quality_checks_show_as_badges_on_the_rows_they_are_about(qtbot, tmp_path):
    window, page, _path, ids = grouping(qtbot, tmp_path)
    objective = window.session.run(ops.MakeObjectiveFromIdea(ids[0])).result
    model = page.tree_model
    row = model.objective_index(objective)
    assert model.data(row, Qt.ItemDataRole.DecorationRole) is not None
    assert "key results: 0" in model.data(row, Qt.ItemDataRole.ToolTipRole)
    kr = window.session.run(
        ops.AddKeyResult(objective, ops.KeyResultFields("Help the sales team", owner="Ana"))
    ).result
    kr_row = model.find(ItemKind.KEY_RESULT, kr)
    tip = model.data(kr_row, Qt.ItemDataRole.ToolTipRole)
    assert "describes an activity" in tip and "no number or target" in tip
    assert model.data(kr_row, Qt.ItemDataRole.DecorationRole) is not None
    # A key result that passes every check wears no badge; the objective still warns (1 KR).
    window.session.run(
        ops.EditKeyResult(
            kr,
            ops.KeyResultFields(
                "Grow qualified leads from 40 to 150",
                start="40",
                target="150",
                deadline=date(2027, 3, 31),
                owner="Ana",
            ),
        )
    )
    kr_row = model.find(ItemKind.KEY_RESULT, kr)
    assert model.data(kr_row, Qt.ItemDataRole.DecorationRole) is None
    card = model.index(1, 0, model.objective_index(objective))  # the card under it
    assert model.data(card, Qt.ItemDataRole.DecorationRole) is None


def test_a_card_move_rereads_only_the_moved_card_and_its_groups(qtbot, tmp_path):
    window, page, _path, ids = grouping(qtbot, tmp_path)
    session = window.session
    one = session.run(ops.MakeObjectiveFromIdea(ids[0])).result
    two = session.run(ops.MakeObjectiveFromIdea(ids[1])).result
    session.run(ops.MoveIdea(ids[2], one))
    reads = []
    real_view = session.view

    def recording(build, *args, **kwargs):
        reads.append((build.__name__, args[1:] if len(args) > 1 else ()))
        return real_view(build, *args, **kwargs)

    session.view = recording
    session.run(ops.MoveIdea(ids[2], two, 0))
    # Only patches (never a whole wall or tree), naming the moved card and its two groups.
    # (The Brainstorm page is hidden: it reads nothing until shown.)
    # The moved card, the card it pushed down in its new group, and the two groups: no more.
    assert reads == [("group_patch", ({ids[2], ids[1]}, {one, two}))]
    assert not [name for name, _ in reads if name in ("card_wall", "objective_tree")]
    children = [
        page.tree_model.index(n, 0, page.tree_model.objective_index(two)).data(ID_ROLE)
        for n in range(page.tree_model.rowCount(page.tree_model.objective_index(two)))
    ]
    assert children == [ids[2], ids[1]]
    session.undo_stack.undo()
    assert [o.id for o in page.tree_model.objectives()] == [one, two]
    assert ids[2] in [c.id for o in page.tree_model.objectives() if o.id == one for c in o.cards]


def test_a_renamed_author_is_named_anew_on_the_loose_cards(qtbot, tmp_path):
    path = tmp_path / "plan.okrdesk"
    workshop = empty_workshop_plan(path)
    window = open_window(qtbot, path)
    session = window.session
    ana = rows(path, "SELECT id FROM participant WHERE name = 'Ana'")[0][0]
    session.run(ops.ChangePhase(workshop, Phase.BRAINSTORM))
    session.run(ops.AddIdea(workshop, "More leads", author_id=ana))
    session.run(ops.ChangePhase(workshop, Phase.GROUP))
    page = window.view.pages[Phase.GROUP]
    session.run(ops.RenameParticipant(ana, "Ana Lima"))  # e.g. an undo reaching back to Setup
    tip = page.cards.data(page.cards.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip == "More leads\n— Ana Lima"
    window.undo()
    assert (
        page.cards.data(page.cards.index(0, 0), Qt.ItemDataRole.ToolTipRole) == "More leads\n— Ana"
    )


def test_empty_lists_say_what_to_do(qtbot, tmp_path):
    window, page, _path, ids = grouping(qtbot, tmp_path, cards=("Win the mid-market",))
    window.show()
    assert page.tree_empty.isVisible() and "Ctrl+Enter" in page.tree_empty.text()
    assert page.loose_empty.isHidden()
    window.session.run(ops.MakeObjectiveFromIdea(ids[0]))
    assert page.tree_empty.isHidden()
    assert page.loose_empty.isVisible() and page.loose_empty.text() == "Every card is in a group."
    window.undo_action.trigger()
    assert page.tree_empty.isVisible() and page.loose_empty.isHidden()

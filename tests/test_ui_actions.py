"""The actions table feeds the menus, their retranslation and the F1 list: none can drift."""

from PySide6.QtWidgets import QMenu

from okrdesk.models import Phase
from okrdesk.ui.actions import ACTIONS, MENUS, PAGE_KEYS, SUBMENUS, plain, shortcut_rows
from okrdesk.ui.preferences import ShortcutsDialog
from tests.ui_helpers import empty_workshop_plan, open_window


def _menu_actions(menu: QMenu) -> list:
    found = []
    for action in menu.actions():
        found.append(action)
        if action.menu() is not None:
            found.extend(_menu_actions(action.menu()))
    return found


def _f1_rows(window) -> list[tuple[str, str]]:
    dialog = ShortcutsDialog(window)
    table = dialog.table
    rows = [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
    dialog.deleteLater()
    return rows


def test_every_action_of_the_table_is_in_a_menu_and_in_the_f1_list(qtbot, tmp_path):
    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path)
    in_menus = {id(a) for menu in MENUS for a in _menu_actions(window.menus[menu.id])}
    for spec in ACTIONS:
        actions = window.phase_actions if spec.id == "phase" else [window.actions_by_id[spec.id]]
        assert actions and all(id(a) in in_menus for a in actions), spec.id
        assert [a.shortcut() for a in actions][: len(spec.sequences())] or not spec.keys
    f1 = _f1_rows(window)
    # The F1 list is the table, in order: every entry with keys, nothing else.
    assert f1 == shortcut_rows()
    assert len(f1) == len([s for s in (*ACTIONS, *PAGE_KEYS) if s.keys])
    described = {text for _keys, text in f1}
    for spec in ACTIONS:
        if spec.keys:
            assert spec.description() in described, spec.id
    assert ("F1", plain(window.shortcuts_action.text())) in f1
    assert not any("&" in text or text.endswith("…") for _keys, text in f1)
    assert any(keys.startswith("Ctrl+1") for keys, _ in f1)


def test_every_action_and_menu_retranslates_in_both_languages(qtbot, tmp_path):
    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path, "en")
    english = {
        spec.id: window.actions_by_id[spec.id].text() for spec in ACTIONS if spec.id != "phase"
    }
    titles = {menu.id: window.menus[menu.id].title() for menu in (*MENUS, *SUBMENUS)}
    f1_english = _f1_rows(window)
    window.set_language("zh_CN")
    chinese = {
        spec.id: window.actions_by_id[spec.id].text() for spec in ACTIONS if spec.id != "phase"
    }
    for action_id, text in english.items():
        assert text and chinese[action_id] and chinese[action_id] != text, action_id
    for menu in (*MENUS, *SUBMENUS):
        assert window.menus[menu.id].title() != titles[menu.id], menu.id
    f1_chinese = _f1_rows(window)
    assert len(f1_chinese) == len(f1_english) and f1_chinese[0] == ("Ctrl+N", "新建计划")
    assert all(zh != en for (_k, zh), (_k2, en) in zip(f1_chinese, f1_english, strict=True))
    assert window.phase_actions[1].text() == "头脑风暴"
    window.set_language("en")
    assert {
        spec.id: window.actions_by_id[spec.id].text() for spec in ACTIONS if spec.id != "phase"
    } == english


def test_actions_apply_only_where_the_table_says(qtbot, tmp_path):
    path = tmp_path / "plan.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path)
    assert window.copy_action.isEnabled() and window.import_action.isEnabled()
    assert window.next_phase_action.isEnabled() and all(a.isEnabled() for a in window.phase_actions)
    window.close_plan()
    # No plan: nothing to copy, import into or move on; opening and quitting still work.
    assert not window.copy_action.isEnabled() and not window.import_action.isEnabled()
    assert not window.next_phase_action.isEnabled() and not window.timer_action.isEnabled()
    assert window.open_action.isEnabled() and window.quit_action.isEnabled()
    assert window.open_plan(path) and window.view.phase == Phase.SETUP
    assert window.import_action.isEnabled() and window.alignment_action.isEnabled()

"""The cascade board in the window and on the projector: every unit against the two weeks."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from okrdesk.engine import ops
from okrdesk.engine.cascade import CascadeState
from okrdesk.engine.cascade_words import BoardRow, RowMark
from okrdesk.models import Phase
from okrdesk.ui import cascade_dialog
from okrdesk.ui.actions import spec
from okrdesk.ui.projector.cascade_screen import CascadeSlide
from okrdesk.ui.projector.text_fit import recording
from tests.conftest import copy_template
from tests.ui_helpers import open_window

# Wednesday 6 January 2027: the two weeks ended on Friday 1 January (the company approved on
# 18 December); Ops, Platform, Design and Legal are overdue, Marketing approved late.
NOW = datetime(2027, 1, 6, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def built(tmp_path_factory, cascade_template):
    path = tmp_path_factory.mktemp("cascade-ui") / "cascade.okrdesk"
    return path, copy_template(cascade_template, path)  # test_cascade's build (conftest)


@pytest.fixture
def board_window(qtbot, tmp_path, built, monkeypatch):
    """The window on a copy of the plan, its clock at NOW in UTC; the board opened by its key."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    template, ids = built
    path = tmp_path / "cascade.okrdesk"
    path.write_bytes(template.read_bytes())
    window = open_window(qtbot, path, "en")
    window.session.editor.clock = lambda: NOW
    window.show_cascade()
    dialog = window.cascade
    assert dialog is not None and dialog.isVisible()
    yield window, dialog, ids
    monkeypatch.delenv("TZ")
    time.tzset()


def texts(item):
    return [item.text(column) for column in range(4)]


def test_the_menu_entry_has_its_own_key_and_needs_only_a_plan():
    entry = spec("cascade")
    assert entry.sequences() == [QKeySequence("Ctrl+Shift+D")]
    assert entry.needs.value == "plan"


def test_every_unit_shows_in_its_tree_with_state_people_and_the_two_weeks(board_window):
    _window, dialog, _ids = board_window
    tree = dialog.tree
    assert tree.topLevelItemCount() == 1
    company = tree.topLevelItem(0)
    assert texts(company) == ["Northstar", "Approved", "—", "approved Fri 2026-12-18"]
    departments = {company.child(n).text(0): company.child(n) for n in range(company.childCount())}
    assert list(departments) == ["Sales", "Ops", "Design", "Legal", "Marketing"]
    assert texts(departments["Sales"]) == ["Sales", "Approved", "1 of 3", "approved Mon 2026-12-28"]
    assert texts(departments["Marketing"])[3] == "approved late, Tue 2027-01-05"
    platform = departments["Ops"].child(0)
    assert texts(platform) == ["Platform", "Not started", "—", "5 days overdue"]
    assert texts(departments["Design"])[1:] == ["Returned", "—", "5 days overdue"]
    # Overdue rows on red, the others not.
    overdue = departments["Legal"].background(0).color()
    assert overdue == cascade_dialog.OVERDUE_BACKGROUND
    assert departments["Sales"].background(0).style() == Qt.BrushStyle.NoBrush
    assert dialog.deadline.text() == (
        "The company's OKRs were approved on Fri 2026-12-18: every unit sets its OKRs"
        " by Fri 2027-01-01."
    )
    assert dialog.countdown.text() == "The two weeks ended 5 days ago"
    assert dialog.totals.text() == (
        "Units approved: 3 of 7 · overdue: 4 · people's OKRs confirmed: 1 of 3"
    )
    assert dialog.windowTitle() == "Cascade board · 2027-Q1"
    assert [dialog.cycles.itemText(n) for n in range(dialog.cycles.count())] == [
        "2027-Q1",
        "2027-Q2",
    ]


def test_a_unit_moving_is_shown_in_place_and_undo_moves_it_back(board_window):
    window, dialog, ids = board_window
    legal = dialog.items[ids["Legal"]]
    session = window.session
    workshop = session.run(ops.CreateWorkshop(ids["Legal"], ids["cycle"], "Legal")).result
    session.run(ops.ChangePhase(workshop, Phase.BRAINSTORM))
    assert dialog.items[ids["Legal"]] is legal  # the same row, its texts changed
    assert (
        legal.text(1) == "In progress"
        and dialog.row_of(ids["Legal"]).state == CascadeState.IN_PROGRESS
    )
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert legal.text(1) == "Not started"
    # A new unit changes the tree's shape: it is built again, the unit in its place.
    session.run(ops.CreateUnit("Finance", parent_id=ids["company"]))
    assert dialog.tree.topLevelItem(0).child(5).text(0) == "Finance"


def test_a_units_row_activated_shows_its_workshop_in_the_window(board_window):
    window, dialog, ids = board_window
    sales = dialog.items[ids["Sales"]]
    dialog.tree.itemActivated.emit(sales, 0)
    assert window.view.workshop_id == dialog.row_of(ids["Sales"]).workshop_id is not None
    shown = window.view.workshop_id
    dialog.tree.itemActivated.emit(dialog.items[ids["Legal"]], 0)  # no workshop yet
    assert window.view.workshop_id == shown


def test_a_hidden_board_reads_nothing_until_shown_again(board_window, monkeypatch):
    window, dialog, ids = board_window
    dialog.hide()
    reads = []
    monkeypatch.setattr(dialog, "refresh", lambda: reads.append(1))
    window.session.run(ops.CreateUnit("Finance", parent_id=ids["company"]))
    assert reads == [] and dialog.stale
    dialog.show()
    assert reads == [1]


def test_another_cycle_can_be_chosen(board_window):
    _window, dialog, ids = board_window
    dialog.cycles.setCurrentIndex(1)
    dialog.cycles.activated.emit(1)
    assert dialog.cycle_id == ids["q2"]
    assert dialog.deadline.text().startswith("The company's OKRs are not approved yet")
    assert not dialog.countdown.isVisible()
    assert {dialog.row_of(i).state for i in dialog.items} == {CascadeState.NOT_STARTED}


def test_the_projector_shows_the_board_while_it_is_open_and_nothing_is_cut(board_window):
    window, dialog, _ids = board_window
    projector = window.projector.window
    assert projector.cascade is not None
    said = projector.description()
    assert "Platform · Not started · — · 5 days overdue" in said
    for size in ((1920, 1080), (1024, 768)):
        projector.resize(*size)
        with recording() as drawn:
            projector.grab()
        assert drawn.problems(projector._floor()) == []
    dialog.on_projector.setChecked(False)
    assert projector.cascade is None
    dialog.on_projector.setChecked(True)
    assert projector.cascade is not None
    dialog.close()
    assert projector.cascade is None  # the room sees the workshop's page again


def test_an_organisation_view_opened_after_it_gives_the_projector_back_when_it_closes(
    board_window,
):
    window, dialog, _ids = board_window
    projector = window.projector.window
    plan_board = projector.cascade
    org_board = window.board_page.project_for("org-board")  # as the store's board window does
    shown = replace(plan_board, title="Organisation board · 2027-Q1", rows=plan_board.rows[:1])
    org_board(shown)
    assert projector.cascade == shown
    dialog.refresh()  # the plan's board refreshed behind it: the organisation's stays
    assert projector.cascade == shown
    window._board_to_front(None)  # the focus left okrdesk: nothing moves
    assert projector.cascade == shown
    window._board_to_front(dialog.windowHandle())  # the facilitator clicks into the board
    assert projector.cascade == plan_board
    org_board(None)  # the organisation's board closed
    assert projector.cascade == plan_board


def test_closing_the_plan_closes_the_board(board_window):
    window, _dialog, _ids = board_window
    window.close_plan()
    assert window.cascade is None


def test_the_board_speaks_chinese(qtbot, tmp_path, built, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    template, _ids = built
    path = tmp_path / "cascade.okrdesk"
    path.write_bytes(template.read_bytes())
    window = open_window(qtbot, path, "zh_CN")
    window.session.editor.clock = lambda: NOW
    window.show_cascade()
    dialog = window.cascade
    header = dialog.tree.headerItem()
    assert [header.text(n) for n in range(4)] == ["单位", "状态", "个人 OKR 已确认", "两周期限"]
    assert dialog.countdown.text() == "两周期限已过去 5 天"
    assert dialog.tree.topLevelItem(0).child(1).text(3) == "逾期 5 天"
    monkeypatch.delenv("TZ")
    time.tzset()


def sixty_units(language_names: tuple[str, ...]) -> CascadeSlide:
    """A board of 60 units (long Chinese and English names, every state) as a slide."""
    marks = (RowMark.DONE, RowMark.LATE, RowMark.OVERDUE, RowMark.RUNNING)
    states = tuple(CascadeState)
    rows = tuple(
        BoardRow(
            unit_id=n,
            depth=0 if n == 0 else 1 + (n % 3 == 0),
            name=language_names[n % len(language_names)] + f" {n}",
            state=states[n % 4],
            state_text=("未开始", "进行中", "已退回", "已批准")[n % 4],
            people=f"{n % 5}/{n % 7 + 5} 人",
            time=("2027-01-05（周二）批准（逾期）", "逾期 12 天", "还剩 3 天")[n % 3],
            short_time=("逾期批准", "逾期 12 天", "还剩 3 天")[n % 3],
            mark=marks[n % 4],
        )
        for n in range(60)
    )
    return CascadeSlide(
        title="逐级制定看板 · 2027-Q1",
        deadline="The company's OKRs were approved on Sat 2026-09-19: every unit sets its OKRs"
        " by Sat 2026-10-03. The deadline falls on a weekend and stays there.",
        countdown="两周期限已过去 5 天",
        totals="已批准单位：15/60 · 逾期：15 · 个人 OKR 已确认：120/400",
        columns=("单位", "状态", "个人 OKR 已确认", "两周期限"),
        rows=rows,
        people=True,
        overdue=True,
        page_words="第 {page}/{pages} 页",
    )


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768), (1280, 800)])
def test_sixty_units_are_readable_on_pages_every_row_shown_once(qtbot, size):
    from okrdesk.ui.app import application
    from okrdesk.ui.projector.window import ProjectorWindow

    application()
    projector = ProjectorWindow()
    qtbot.addWidget(projector)
    projector.resize(*size)
    slide = sixty_units(("客户成功部 · 华东区域大客户团队", "International · North America Growth"))
    projector.show_cascade(slide)
    names: list[str] = []
    with recording() as drawn:
        projector.grab()
        pages = projector.pages
        for _page in range(pages - 1):
            projector.next_page()
            projector.grab()
    assert drawn.problems(projector._floor()) == []  # nothing cut, nothing below the floor
    names = [d.text for d in drawn.drawn if d.text.endswith(tuple(f" {n}" for n in range(60)))]
    assert sorted(names) == sorted(row.name for row in slide.rows)  # each row once
    assert 1 < pages <= 12  # long names wrap: 7 pages at 1920x1080, 11 at 1024x768
    assert f"第 {pages}/{pages} 页" in [d.text for d in drawn.drawn]

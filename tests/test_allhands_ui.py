"""The all-hands presenter: slides from the keyboard, in the window and on the projector,
nothing cut at any size in either language; the why, the breakdown marks and the
initiatives prepared beside it, every change undone like any other."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from okrdesk.engine.allhands_view import SlideKind
from okrdesk.engine.initiative_ops import AddInitiative
from okrdesk.engine.rationale_ops import SetRationale
from okrdesk.ui.projector.text_fit import recording
from tests.allhands_plan import AllHandsPlan
from tests.ui_helpers import open_window, rows

LONG_WHY = (
    "客户抱怨交付太慢，三周里有两周在等仓库和物流，我们因此失去了三个大客户；"
    "如果本季度不能把交付时间缩短到一周以内，明年的增长目标就无从谈起。"
    * 4
    + " Customers wait three weeks; we lost three large accounts to it, and growth next "
    "year depends on delivering within a week. " * 2
)[:500]


@pytest.fixture
def template(allhands_template: tuple[Path, AllHandsPlan]) -> tuple[Path, AllHandsPlan]:
    return allhands_template


def open_presenter(qtbot, template, tmp_path: Path, language: str = "en"):
    source, ids = template
    path = tmp_path / "plan.okrdesk"
    path.write_bytes(source.read_bytes())
    window = open_window(qtbot, path, language)
    window.view.show_workshop(ids.company_workshop)
    window.show_allhands()
    presenter = window.allhands
    assert presenter is not None and presenter.isVisible()
    qtbot.waitUntil(presenter.isActiveWindow)
    return window, presenter, path, ids


def test_the_keys_walk_the_slides_in_the_window(qtbot, template, tmp_path):
    _window, presenter, _path, _ids = open_presenter(qtbot, template, tmp_path)
    kinds = [t.kind for t in presenter.texts]
    assert kinds[0] is SlideKind.OPENING and kinds[-1] is SlideKind.CLOSING
    assert presenter.preview.hasFocus()
    preview = presenter.preview
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown):
        qtbot.keyClick(preview, key)
    assert presenter.index == 3 and presenter.texts[3].kind is SlideKind.OBJECTIVE
    assert "Faster delivery" in preview.accessibleDescription()
    qtbot.keyClick(preview, Qt.Key.Key_Left)
    qtbot.keyClick(preview, Qt.Key.Key_PageUp)
    assert presenter.index == 1
    qtbot.keyClick(preview, Qt.Key.Key_End)
    assert presenter.index == len(kinds) - 1
    assert "We start now" in preview.accessibleDescription()
    qtbot.keyClick(preview, Qt.Key.Key_Right)  # the last slide stays
    assert presenter.index == len(kinds) - 1
    qtbot.keyClick(preview, Qt.Key.Key_Home)
    assert presenter.index == 0
    assert presenter.position.text() == f"Slide 1 of {len(kinds)}"
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isVisible()


def test_the_why_is_written_and_the_breakdown_marked_in_the_prepare_side(qtbot, template, tmp_path):
    _window, presenter, path, ids = open_presenter(qtbot, template, tmp_path)
    customers = ids.objectives["更多客户"]
    top = presenter.tree.topLevelItem(1)
    presenter.tree.setCurrentItem(top)
    presenter.why.setPlainText("  Without customers no growth  ")
    presenter.save_why.click()
    assert rows(path, f"SELECT rationale FROM objective WHERE id = {customers}") == [
        ("Without customers no growth",)
    ]
    top = presenter.tree.topLevelItem(0)
    top.setCheckState(0, Qt.CheckState.Checked)  # Faster delivery: a worked breakdown too
    breakdowns = [t.title for t in presenter.texts if t.kind is SlideKind.BREAKDOWN]
    assert breakdowns == ["Faster delivery", "更多客户"]
    presenter.why.setPlainText("x" * 501)
    presenter.tree.setCurrentItem(presenter.tree.topLevelItem(1))
    presenter.why.setPlainText("x" * 501)
    presenter.save_why.click()
    assert presenter.problem.isVisible() and "rationale" in presenter.problem.text()
    qtbot.keyClick(presenter, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(presenter, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(path, f"SELECT rationale, breakdown FROM objective WHERE id = {customers}") == [
        ("", 1)
    ]


def test_initiatives_are_listed_under_a_key_result(qtbot, template, tmp_path):
    _window, presenter, path, ids = open_presenter(qtbot, template, tmp_path)
    kr = ids.krs["Cut delivery from 21 to 7 days"]
    presenter.tree.setCurrentItem(presenter.tree.topLevelItem(0).child(0))
    assert presenter.selected_key_result().id == kr
    for text in ("Second warehouse in Wuhan", "第三方物流 for the north"):
        presenter.new_initiative.setText(text)
        qtbot.keyClick(presenter.new_initiative, Qt.Key.Key_Return)
    assert [presenter.initiatives.item(i).text() for i in range(2)] == [
        "Second warehouse in Wuhan",
        "第三方物流 for the north",
    ]
    presenter.initiatives.setCurrentRow(1)
    presenter.up.click()
    presenter.initiatives.setCurrentRow(1)
    presenter.remove.click()
    assert rows(path, f"SELECT text, position FROM initiative WHERE key_result_id = {kr}") == [
        ("第三方物流 for the north", 0)
    ]
    qtbot.keyClick(presenter.new_initiative, Qt.Key.Key_Return)  # empty: refused, said
    assert presenter.problem.isVisible()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)])
def test_every_slide_fits_the_projector_long_texts_on_pages(
    qtbot, template, tmp_path, language, size
):
    window, presenter, _path, ids = open_presenter(qtbot, template, tmp_path, language)
    session = window.session
    session.run(SetRationale(ids.objectives["Faster delivery"], LONG_WHY))
    for number in range(8):
        session.run(
            AddInitiative(
                ids.krs["Qualified leads from 0 to 150"],
                f"{number}: 在华东、华南和华北分别举办客户开放日，邀请连锁店采购负责人参观新仓库"
                "and see the tracking page working end to end" * 2,
            )
        )
    projector = window.projector.window
    projector.resize(*size)
    with qtbot.waitExposed(projector):
        projector.show()
    presenter.go(0)
    seen_pages = 0
    for _step in range(60):
        with recording() as drawn:
            projector.grab()
        assert drawn.problems(projector._floor()) == []  # nothing cut, nothing too small
        with recording() as drawn:
            presenter.preview.grab()
        assert [p for p in drawn.problems(presenter.preview._floor()) if p.startswith("cut")] == []
        seen_pages = max(seen_pages, presenter.pages())
        before = (presenter.index, presenter.page)
        presenter.next()
        if (presenter.index, presenter.page) == before:
            break
    assert seen_pages >= 2  # the long why and the eight initiatives needed pages
    assert projector.allhands is not None
    said = projector.description()
    assert said == "\n".join(presenter.texts[-1].said())
    presenter.close()
    assert projector.allhands is None  # the room sees the workshop's page again


@pytest.mark.parametrize("phase", ["select", "signoff"])
def test_the_why_is_written_at_select_and_at_sign_off(qtbot, template, tmp_path, phase):
    from okrdesk.vocabulary import Phase

    source, ids = template
    path = tmp_path / "plan.okrdesk"
    path.write_bytes(source.read_bytes())
    window = open_window(qtbot, path)
    window.view.show_workshop(ids.company_workshop)
    window.view.look_at(Phase(phase))
    page = window.view.pages[Phase(phase)]
    customers = ids.objectives["更多客户"]
    if phase == "select":
        row = next(
            r
            for r in range(page.table.rowCount())
            if page.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == customers
        )
        page.table.setCurrentCell(row, 1)
    else:
        page.okrs.setCurrentItem(page.okrs.topLevelItem(1).child(0))  # its key result's row
    assert page.why.objective_id == customers and "更多客户" in page.why.label.text()
    page.why.text.setPlainText("Growth needs new customers")
    page.why.save.click()
    assert rows(path, f"SELECT rationale FROM objective WHERE id = {customers}") == [
        ("Growth needs new customers",)
    ]
    window.session.undo_stack.undo()
    assert page.why.text.toPlainText() == ""  # undone, and the box says so


def test_a_hidden_why_box_reads_nothing_until_shown(qtbot, template, tmp_path):
    from okrdesk.ui.rationale_field import RationaleField

    source, ids = template
    path = tmp_path / "plan.okrdesk"
    path.write_bytes(source.read_bytes())
    window = open_window(qtbot, path)
    field = RationaleField(window.session)
    qtbot.addWidget(field)
    field.set_objective(ids.objectives["Faster delivery"])
    assert field.shown is None  # hidden: not read
    with qtbot.waitExposed(field):
        field.show()
    assert field.shown is not None and field.shown.title == "Faster delivery"
    assert field.text.toPlainText().startswith("客户抱怨交付太慢")


def test_the_review_leaves_the_presenter_open_and_closing_the_plan_closes_it(
    qtbot, template, tmp_path
):
    window, presenter, _path, _ids = open_presenter(qtbot, template, tmp_path)
    window.show_review()
    assert window.allhands is presenter and presenter.isVisible()
    window.close_plan()
    assert window.allhands is None

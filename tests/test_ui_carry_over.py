"""Carry-over from the window: a new cycle's workshop is offered the last cycle's unfinished
objectives and lessons, the facilitator ticks which to bring, and the cards show their mark."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from okrdesk.engine import ops
from okrdesk.engine.checkin_ops import RecordCheckIn
from okrdesk.engine.retro_ops import AddRetroAnswer, StartRetrospective
from okrdesk.models import Phase, RetroQuestion
from okrdesk.ui import card_delegate
from okrdesk.ui.carry_over_dialog import CarryOverDialog
from okrdesk.ui.models.roles import CARRIED_ROLE
from okrdesk.ui.projector.text_fit import recording
from tests.checkin_plan import open_copy
from tests.ui_helpers import open_window, rows


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, approved_template):
    """Q1 signed off and looked back on: 更多客户 unfinished (0.5), Faster delivery done
    (1.0), two lessons and an answer to "why"; Q2 exists with no workshop yet."""
    path, built = approved_template  # built once per test process (conftest)
    copy = open_copy(path, built, tmp_path_factory.mktemp("carry") / "looked_back.okrdesk")
    workshop, objectives, krs = built
    copy.do(RecordCheckIn(krs["delivery"], value=7))
    copy.do(RecordCheckIn(krs["site"], done=True))
    copy.do(RecordCheckIn(krs["leads"], value=75))
    copy.do(StartRetrospective(workshop))
    copy.do(AddRetroAnswer(workshop, RetroQuestion.WHY_MISSED, "Partners signed late"))
    copy.do(
        AddRetroAnswer(
            workshop,
            RetroQuestion.IMPROVE,
            "Sign partners in the first month",
            objective_id=objectives["更多客户"],
        )
    )
    copy.do(AddRetroAnswer(workshop, RetroQuestion.STOP, "少开周会"))
    copy.do(ops.CreateCycle("2027-Q2", date(2027, 4, 1), date(2027, 6, 30)))
    copy.editor.plan.close()
    return copy.path


@pytest.fixture
def window(qtbot, template, tmp_path):
    plan = tmp_path / "plan.okrdesk"
    plan.write_bytes(template.read_bytes())
    opened = open_window(qtbot, plan)
    return opened, plan


class NewQ2Workshop:
    """Stands in for the New Workshop dialog: the unit's workshop in 2027-Q2."""

    def __init__(self, *_args) -> None:
        pass

    def exec(self) -> bool:
        return True

    def build_workshop(self, apply) -> None:
        apply(ops.CreateWorkshop(1, 2, "Q2 management meeting"))


def create_q2(window, monkeypatch) -> CarryOverDialog:
    from okrdesk.ui import workshop_dialog

    monkeypatch.setattr(workshop_dialog, "NewWorkshopDialog", NewQ2Workshop)
    window.new_workshop_action.trigger()
    dialog = window.view.carry_over
    assert isinstance(dialog, CarryOverDialog) and dialog.isVisible()
    return dialog


def test_a_new_cycles_workshop_is_offered_the_unfinished_objectives_and_lessons(
    qtbot, window, monkeypatch
):
    main, plan = window
    dialog = create_q2(main, monkeypatch)
    offered = [(item.text(0), item.text(1)) for item in dialog.items()]
    assert offered == [
        ("更多客户", "scored 0.50"),
        ("Sign partners in the first month", "更多客户"),
        ("少开周会", ""),
    ]
    assert all(item.checkState(0) == Qt.CheckState.Checked for item in dialog.items())
    # The facilitator leaves one lesson behind.
    dialog.items()[2].setCheckState(0, Qt.CheckState.Unchecked)
    dialog.carry.click()
    assert not dialog.isVisible()
    q2 = rows(plan, "SELECT id FROM workshop WHERE title = 'Q2 management meeting'")[0][0]
    assert rows(
        plan,
        "SELECT idea.text, carried_card.kind FROM idea JOIN carried_card "
        f"ON carried_card.idea_id = idea.id WHERE idea.workshop_id = {q2} ORDER BY idea.id",
    ) == [("更多客户", "objective"), ("Sign partners in the first month", "lesson")]
    # One undo step takes the cards back (the workshop stays).
    main.undo()
    assert rows(plan, f"SELECT count(*) FROM idea WHERE workshop_id = {q2}") == [(0,)]
    assert rows(plan, f"SELECT count(*) FROM workshop WHERE id = {q2}") == [(1,)]


def test_not_now_brings_nothing_and_the_menu_offers_it_again(qtbot, window, monkeypatch):
    main, plan = window
    dialog = create_q2(main, monkeypatch)
    dialog.later.click()
    assert rows(plan, "SELECT count(*) FROM carried_card") == [(0,)]
    main.actions_by_id["carry_over"].trigger()
    again = main.view.carry_over
    assert isinstance(again, CarryOverDialog) and len(again.items()) == 3
    again.carry.click()
    assert rows(plan, "SELECT count(*) FROM carried_card") == [(3,)]
    # Everything carried: the menu says there is nothing left, and shows no list.
    said = []
    main.session.noticed.connect(said.append)
    main.actions_by_id["carry_over"].trigger()
    assert main.view.carry_over is None
    assert said == ["Nothing left to carry over from the last cycle."]


def test_a_workshop_with_nothing_to_carry_is_offered_nothing(qtbot, window):
    main, _plan = window
    main.view.offer_carry_over(1)  # the plan's first cycle: nothing before it
    assert main.view.carry_over is None


def test_carried_cards_show_their_mark_on_the_wall(qtbot, window, monkeypatch):
    main, _plan = window
    dialog = create_q2(main, monkeypatch)
    dialog.carry.click()
    session, view = main.session, main.view
    workshop = view.workshop_id
    session.run(ops.AddParticipant(workshop, "Ana"))
    session.run(ops.ChangePhase(workshop, Phase.BRAINSTORM))
    session.run(ops.AddIdea(workshop, "A new idea"))
    page = view.pages[Phase.BRAINSTORM]
    model = page.wall.model()
    marks = {
        model.index(row, 0).data(): model.index(row, 0).data(CARRIED_ROLE)
        for row in range(model.rowCount())
    }
    assert marks == {
        "更多客户": "objective",
        "Sign partners in the first month": "lesson",
        "少开周会": "lesson",
        "A new idea": None,
    }
    # The card is painted with the teal badge; a card that was not carried has none.
    delegate = page.wall.itemDelegate()

    def teal_pixels(row: int) -> int:
        image = QImage(240, 130, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        option = QStyleOptionViewItem()
        option.rect = QRect(0, 0, 240, 130)
        option.font = page.wall.font()
        delegate.paint(painter, option, model.index(row, 0))
        painter.end()
        teal = QColor(card_delegate.CARRIED).rgb()
        return sum(image.pixel(x, y) == teal for x in range(0, 240, 2) for y in range(90, 130, 2))

    rows_by_text = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert teal_pixels(rows_by_text["更多客户"]) > 20
    assert teal_pixels(rows_by_text["A new idea"]) == 0
    # On the projector's wall a carried card (it has no author) says so where a name goes.
    projector = main.projector.window
    projector.resize(1024, 768)
    with qtbot.waitExposed(projector):
        projector.show()
    main.projector.refresh()
    with recording() as drawn:
        projector.grab()
    assert drawn.texts().count("carried over from the last cycle") == 3
    assert drawn.problems(projector._floor()) == []


def test_the_group_pages_card_list_marks_carried_cards_with_a_teal_edge(qtbot, window, monkeypatch):
    main, _plan = window
    create_q2(main, monkeypatch).carry.click()
    session, view = main.session, main.view
    workshop = view.workshop_id
    session.run(ops.AddParticipant(workshop, "Ana"))
    session.run(ops.ChangePhase(workshop, Phase.BRAINSTORM))
    session.run(ops.AddIdea(workshop, "A new idea"))
    session.run(ops.ChangePhase(workshop, Phase.GROUP))
    page = view.pages[Phase.GROUP]
    model = page.loose_view.model()
    delegate = page.loose_view.itemDelegate()
    teal = QColor(card_delegate.CARRIED).rgb()

    def edge(row: int) -> int:
        image = QImage(300, 40, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        option = QStyleOptionViewItem()
        option.rect = QRect(0, 0, 300, 40)
        option.font = page.loose_view.font()
        delegate.paint(painter, option, model.index(row, 0))
        painter.end()
        return sum(image.pixel(x, y) == teal for x in range(0, 6) for y in range(0, 40))

    rows_by_text = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert edge(rows_by_text["更多客户"]) > 40
    assert edge(rows_by_text["A new idea"]) == 0

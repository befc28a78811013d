"""Qt binding sanity: a Python model answering None must not damage the interpreter."""

import sys

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSortFilterProxyModel, Qt


class Empty(QAbstractListModel):
    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        return 3

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


def test_returning_none_from_data_keeps_none_alive(qapp):
    model = Empty()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    before = sys.getrefcount(None)
    for n in range(3000):
        proxy.data(proxy.index(n % 3, 0), Qt.ItemDataRole.ToolTipRole)  # C++ calls our override
    # PySide6 6.12.0 loses one reference per call here, and the process later aborts.
    assert sys.getrefcount(None) >= before - 100


# The card wall and the objective tree: thin adapters over engine views, checked by Qt's own
# model tester attached before any change, so every incremental row signal is checked.
from PySide6.QtTest import QAbstractItemModelTester  # noqa: E402

from okrdesk.engine import ops  # noqa: E402
from okrdesk.engine.card_rows import card_patch, card_wall, touched_cards  # noqa: E402
from okrdesk.engine.objective_tree import (  # noqa: E402
    objective_patch,
    objective_tree,
    touched_objectives,
)
from okrdesk.models import Phase  # noqa: E402
from okrdesk.ui.models.cards import CardModel  # noqa: E402
from okrdesk.ui.models.objectives import ObjectiveTreeModel  # noqa: E402
from okrdesk.ui.models.roles import ID_ROLE, KIND_ROLE  # noqa: E402

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


def with_tester(model):
    model.tester = QAbstractItemModelTester(model, FATAL)
    return model


def signals(model):
    seen = []
    for name in ("rowsInserted", "rowsRemoved", "rowsMoved", "dataChanged", "modelReset"):
        getattr(model, name).connect(lambda *args, name=name: seen.append(name))
    return seen


def loose(model):
    return [model.data(model.index(r, 0), ID_ROLE) for r in range(model.rowCount())]


def tree_items(model):
    found = []
    for row in range(model.rowCount()):
        parent = model.index(row, 0)
        children = [
            (
                model.data(model.index(n, 0, parent), KIND_ROLE),
                model.index(n, 0, parent).data(ID_ROLE),
            )
            for n in range(model.rowCount(parent))
        ]
        found.append((parent.data(ID_ROLE), children))
    return found


def test_the_card_wall_changes_row_by_row(qapp, room):
    room.go(Phase.BRAINSTORM)
    cards = [room.idea(f"card {n}") for n in range(5)]
    model = with_tester(CardModel(loose_only=True))
    model.set_wall(room.editor.view(card_wall, room.workshop, loose_only=True))
    seen = signals(model)

    def apply(operation):
        change = room.editor.apply(operation)
        ids = touched_cards(change)
        model.apply_patch(room.editor.view(card_patch, room.workshop, ids, loose_only=True))
        return change

    room.go(Phase.GROUP)
    objective = apply(ops.MakeObjectiveFromIdea(cards[2])).result
    assert loose(model) == [cards[0], cards[1], cards[3], cards[4]]
    apply(ops.EditIdea(cards[0], "renamed"))
    assert model.data(model.index(0, 0)) == "renamed"
    apply(ops.MoveIdea(cards[2], None))
    assert loose(model) == cards
    apply(ops.MoveIdea(cards[4], objective))
    assert seen == ["rowsRemoved", "dataChanged", "rowsInserted", "rowsRemoved"]


def test_the_objective_tree_changes_row_by_row(qapp, room):
    room.go(Phase.BRAINSTORM)
    cards = [room.idea(f"card {n}") for n in range(4)]
    room.go(Phase.GROUP)
    one = room.do(ops.MakeObjectiveFromIdea(cards[0]))
    two = room.do(ops.MakeObjectiveFromIdea(cards[1]))
    model = with_tester(ObjectiveTreeModel())
    model.set_tree(room.editor.view(objective_tree, room.workshop))
    seen = signals(model)

    def apply(operation):
        change = room.editor.apply(operation)
        patch = room.editor.view(objective_patch, room.workshop, touched_objectives(change))
        model.apply_patch(patch)
        return change

    apply(ops.MoveIdea(cards[2], two, 0))
    assert tree_items(model) == [
        (one, [("idea", cards[0])]),
        (two, [("idea", cards[2]), ("idea", cards[1])]),
    ]
    kr = apply(ops.AddKeyResult(two, ops.KeyResultFields("Reach 10", target=10))).result
    assert tree_items(model)[1][1][0] == ("key_result", kr)
    assert model.data(model.index(0, 0, model.index(1, 0))).startswith("KR1  Reach 10")
    three = apply(ops.CreateObjective(room.workshop, "Three")).result
    apply(ops.MoveObjective(three, 0))
    assert [o for o, _ in tree_items(model)] == [three, one, two]
    apply(ops.DeleteObjective(one))
    assert [o for o, _ in tree_items(model)] == [three, two]
    assert "modelReset" not in seen
    # (A reordered objective is taken out and put back: Qt's item model moves no rows.)
    assert {"rowsInserted", "rowsRemoved", "dataChanged"} <= set(seen)
    # The model holds exactly what a fresh read would show.
    fresh = with_tester(ObjectiveTreeModel())
    fresh.set_tree(room.editor.view(objective_tree, room.workshop))
    assert tree_items(fresh) == tree_items(model)

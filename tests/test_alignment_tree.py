"""The alignment tree on the three-level demo: nesting, unaligned objectives, unsupported KRs."""

import pytest

from okrdesk.demo import write_demo
from okrdesk.engine import ops
from okrdesk.engine.alignment_tree import alignment_tree
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.snapshot import plan_snapshot
from okrdesk.models.planfile import PlanFile
from tests.conftest import StepClock


@pytest.fixture(scope="module")
def signed_demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("tree") / "demo.okrdesk"
    write_demo(path, "signed", "en")
    return path


def flatten(node, depth=0):
    yield node, depth
    for child in node.children:
        yield from flatten(child, depth + 1)


def test_department_and_team_objectives_nest_under_what_they_support(signed_demo):
    with PlanFile.open(signed_demo, read_only=True) as plan, plan.reader() as session:
        tree = alignment_tree(plan_snapshot(session, StepClock()), 1)
    assert [root.unit for root in tree.roots] == ["Northstar Software"] * 3
    nodes = [(node, depth) for root in tree.roots for node, depth in flatten(root)]
    units = {node.unit for node, _ in nodes}
    assert {"Marketing", "Sales", "Engineering", "Content team"} <= units
    # The content team aligns to marketing, which aligns to the company: three levels deep.
    content = [
        depth for node, depth in nodes if node.unit == "Content team" and node.kind == "objective"
    ]
    assert content and min(content) >= 2
    # A person's OKRs (light form) support the content team's: four levels, company to people.
    person = [depth for node, depth in nodes if node.unit == "Bai Lu" and node.kind == "objective"]
    assert len(person) == 2 and min(person) >= 3
    assert tree.unaligned == ()


def test_unaligned_objectives_and_unsupported_key_results_are_flagged(signed_demo, tmp_path):
    path = tmp_path / "copy.okrdesk"
    path.write_bytes(signed_demo.read_bytes())
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan)
        editor.apply(ops.ReopenWorkshop(2, "adding an objective"))
        new = editor.apply(ops.CreateObjective(2, "An objective with no parent")).result
        editor.apply(ops.SetObjectiveSelected(new, True))
        with plan.reader() as session:
            tree = alignment_tree(plan_snapshot(session, StepClock()), 1)
    assert [node.title for node in tree.unaligned] == ["An objective with no parent"]
    assert tree.unaligned[0].flagged
    krs = [node for root in tree.roots for node, _ in flatten(root) if node.kind == "key_result"]
    flagged = {kr.unit for kr in krs if kr.flagged}
    # Parent levels only: the company, marketing (a team below) and the content team (a person).
    assert flagged <= {"Northstar Software", "Marketing", "Content team"}
    assert "Northstar Software" in flagged
    for kr in krs:
        if kr.flagged:
            assert not any(child.kind == "objective" for child in kr.children)


def test_the_dialog_shows_the_tree(qtbot, signed_demo):
    from okrdesk.ui.alignment_dialog import AlignmentDialog

    with PlanFile.open(signed_demo, read_only=True) as plan, plan.reader() as session:
        tree = alignment_tree(plan_snapshot(session, StepClock()), 1)
    dialog = AlignmentDialog(tree)
    qtbot.addWidget(dialog)
    assert dialog.view.topLevelItemCount() == 3
    first = dialog.view.topLevelItem(0)
    assert first.text(0).startswith("O  ") and first.text(1) == "Northstar Software"


def test_a_workshops_tree_reads_only_its_cycle(signed_demo, tmp_path):
    from datetime import date

    from sqlalchemy import event

    from okrdesk.engine.alignment_tree import workshop_cycle_tree
    from okrdesk.models import Workshop

    path = tmp_path / "two-cycles.okrdesk"
    path.write_bytes(signed_demo.read_bytes())
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan)
        later = editor.apply(ops.CreateCycle("Next", date(2031, 1, 1), date(2031, 3, 31))).result
        next_room = editor.apply(ops.CreateWorkshop(1, later, "Next quarter")).result
        editor.apply(ops.CreateObjective(next_room, "Next quarter's objective"))
        loaded: list[int] = []

        def seen(workshop: Workshop, _context: object) -> None:
            loaded.append(workshop.id)

        event.listen(Workshop, "load", seen)
        try:
            with plan.reader() as session:
                tree = workshop_cycle_tree(session, next_room, StepClock())
            read, loaded[:] = set(loaded), []
            with plan.reader() as session:
                whole = alignment_tree(plan_snapshot(session, StepClock()), later)
            everything = set(loaded)
        finally:
            event.remove(Workshop, "load", seen)
        with plan.reader() as session:
            assert workshop_cycle_tree(session, 1, StepClock()) == alignment_tree(
                plan_snapshot(session, StepClock()), 1
            )
    assert tree == whole
    assert [root.title for root in tree.roots] == ["Next quarter's objective"]
    # The next quarter's tree read its own workshop, not the first quarter's.
    assert read == {next_room}
    assert len(everything) > 1


def test_the_tree_is_frozen(signed_demo):
    import dataclasses

    with PlanFile.open(signed_demo, read_only=True) as plan, plan.reader() as session:
        tree = alignment_tree(plan_snapshot(session, StepClock()), 1)
    root = tree.roots[0]
    assert isinstance(root.children, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        root.flagged = True  # type: ignore[misc]  # the point: a view cannot be changed


def test_grown_nodes_are_ordinary_tree_nodes(signed_demo):
    """grow_tree makes its nodes without the dataclass's __init__ (for speed): each must be
    the same as a TreeNode made the usual way, equal, hashable, shown alike, and frozen."""
    import dataclasses

    from okrdesk.engine.alignment_tree import TreeNode

    with PlanFile.open(signed_demo, read_only=True) as plan, plan.reader() as session:
        tree = alignment_tree(plan_snapshot(session, StepClock()), 1)

    def remade(node):
        return TreeNode(
            node.kind,
            node.id,
            node.title,
            node.unit,
            node.unit_id,
            tuple(remade(child) for child in node.children),
            node.flagged,
        )

    for root in tree.roots + tree.unaligned:
        again = remade(root)
        assert root == again and hash(root) == hash(again) and repr(root) == repr(again)
        assert dataclasses.asdict(root) == dataclasses.asdict(again)
    nodes = [node for root in tree.roots for node, _ in flatten(root)]
    assert len(nodes) > 20 and all(type(node) is TreeNode for node in nodes)
    with pytest.raises(dataclasses.FrozenInstanceError):
        nodes[-1].title = "changed"  # type: ignore[misc]  # the point: still frozen


def test_the_cycle_collector_runs_again_after_a_tree_is_made():
    """collection_paused holds Python's cycle collector off while a tree is made, then
    leaves it as it found it (on, or off if someone else had turned it off)."""
    import gc

    from okrdesk.engine.alignment_tree import collection_paused

    assert gc.isenabled()
    with pytest.raises(RuntimeError), collection_paused():
        assert not gc.isenabled()
        raise RuntimeError("a failed read")
    assert gc.isenabled()
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_grown_tree_leaves_nothing_for_the_cycle_collector(signed_demo):
    """What grow_tree uses while it works (the objectives, their lists) goes as soon as the
    tree is made: none of it waits in a reference cycle for Python's cycle collector (a
    closure calling itself was one, and the collector then walked thousands of objects
    after every store tree)."""
    import gc

    with PlanFile.open(signed_demo, read_only=True) as plan, plan.reader() as session:
        snapshot = plan_snapshot(session, StepClock())
    gc.collect()
    gc.disable()
    try:
        tree = alignment_tree(snapshot, 1)
        assert len(tree.roots) > 0
        del tree
        assert gc.collect() == 0
    finally:
        gc.enable()

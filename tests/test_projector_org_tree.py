"""The organisation's alignment tree on the projector uses the screen's width: a title takes
the whole row, and what the room should notice (a draft, nothing supports it yet) goes at
the right of its last line where it fits, else on a line below it; no column of marks,
empty on most rows, takes a third of the screen (13 pages for 18 objectives at 1024x768)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from okrdesk.engine.alignment import ParentKind
from okrdesk.engine.alignment_tree import TreeObjective, grow_tree
from okrdesk.store.views import StoreTree
from okrdesk.ui.org_slides import tree_slide
from okrdesk.ui.projector.text_fit import recording

DEPARTMENTS = ("Sales", "Marketing", "Engineering", "Customer Support", "Finance")


def demo_like_tree() -> StoreTree:
    """18 objectives: the company's 3 (3 key results each, 3 of them supported by nothing),
    3 in each of 5 departments aligned to a company key result (2 key results each); the
    last key result a draft's."""
    objectives: list[TreeObjective] = []
    node = 0

    def add(title, unit, unit_id, top, parent, krs):
        nonlocal node
        o = node
        key_results = [(o + 1 + k, f"kr-{o}-{k}", text) for k, text in enumerate(krs)]
        node = o + 1 + len(krs)
        kind = None if parent is None else ParentKind.KEY_RESULT
        objectives.append(
            TreeObjective(o, f"o-{o}", title, unit, unit_id, top, kind, parent, key_results)
        )
        return [key for _id, key, _t in key_results]

    company = []
    for n in range(3):
        company += add(
            f"Win the mid-market with a product customers recommend, part {n}",
            "Northstar Software",
            0,
            True,
            None,
            [
                f"Grow annual recurring revenue from 42 M to 55 M CNY, step {n}.{k}"
                for k in range(3)
            ],
        )
    for d, department in enumerate(DEPARTMENTS):
        for n in range(3):
            add(
                f"Grow revenue from the customers we have, the {department} way {n}",
                department,
                d + 1,
                False,
                company[(d * 3 + n) % 6],  # the last three company key results unsupported
                [f"Raise net revenue retention from 104% to 112% ({d}.{n}.{k})" for k in range(2)],
            )
    tree = grow_tree(objectives, expected={0})  # the company has units below it
    return StoreTree("2027-Q1", tree, frozenset({node - 1}), tuple(f"n{i}" for i in range(node)))


@pytest.fixture
def projector(qtbot):
    from okrdesk.ui.app import application
    from okrdesk.ui.projector.window import ProjectorWindow

    application()
    window = ProjectorWindow()
    qtbot.addWidget(window)
    return window


def pages_of(projector, slide) -> tuple[int, list[str]]:
    projector.show_cascade(slide)
    with recording() as drawn:
        projector.grab()
        pages = projector.pages
        for _page in range(pages - 1):
            projector.next_page()
            projector.grab()
    assert drawn.problems(projector._floor()) == []  # nothing cut, nothing below the floor
    return pages, [d.text for d in drawn.drawn]


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_the_tree_uses_the_width_and_needs_fewer_pages(projector, size):
    projector.resize(*size)
    slide = tree_slide(demo_like_tree(), "en")
    assert slide.stacked
    pages, texts = pages_of(projector, slide)
    for row in slide.rows:  # every row shown once, its mark too
        assert texts.count(row.name) == 1
    assert texts.count("nothing supports this yet") == sum(
        r.time == "nothing supports this yet" for r in slide.rows
    )
    layout = projector._cascade_layout(slide)
    assert layout.cells == (layout.block_width,)  # the title has the whole row
    projector.page = 0
    columns, _texts = pages_of(projector, replace(slide, stacked=False))
    assert pages < columns  # 1024x768: 13 pages in columns before


def test_a_mark_goes_beside_a_short_title_and_below_a_long_one(projector):
    from okrdesk.ui.projector.cascade_screen import CascadePainting
    from okrdesk.ui.projector.text_fit import sized, wrap

    projector.resize(1024, 768)
    slide = tree_slide(demo_like_tree(), "zh_CN")
    projector.show_cascade(slide)
    projector.grab()
    layout = projector._cascade_layout(slide)
    font = sized(projector._font(1.0), layout.pixels)
    bold = sized(projector._font(1.0, bold=True), layout.pixels)
    flagged = next(r for r in slide.rows if r.time == "尚无下级支撑" and r.depth == 1)
    # A title of one line, then one that fills its line: the mark no longer fits beside it.
    room = layout.cells[0] - projector._indent(slide, flagged, layout.pixels)
    full = "KR  " + "国" * 80
    while len(wrap(full, bold, room).lines) > 1:
        full = full[:-1]

    def height(name: str, mark: str) -> float:
        row = replace(flagged, name=name, time=mark)
        return CascadePainting._row_height(
            projector, slide, row, layout.cells, font, bold, layout.pixels
        )

    line = height("KR  净推荐值从 31 提升到 45", "")
    assert height("KR  净推荐值从 31 提升到 45", flagged.time) == line  # beside: no line more
    assert height(full, "") == line
    assert height(full, flagged.time) > line  # on a line of its own below

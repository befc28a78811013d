"""The alignment document drawn as a tree: connectors, unsupported KRs marked on their row,
no node with children at a page foot, a subtree going on over a page repeats its path."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pypdf import PdfReader

from okrdesk.engine.alignment import ParentKind
from okrdesk.engine.alignment_tree import AlignmentTree, TreeNode
from okrdesk.engine.sources import read_snapshot
from okrdesk.export.exporter import export
from okrdesk.export.pdf.alignment_doc import TreeRow, placed, tree_flowables, write_alignment
from okrdesk.export.pdf.document import make_styles
from okrdesk.export.pdf.fonts import cjk_font
from tests.demo_plans import copy_demo

OBJ, KR = ParentKind.OBJECTIVE, ParentKind.KEY_RESULT


def node(kind: ParentKind, title: str, unit: str, *children: TreeNode, flagged=False):
    return TreeNode(kind, hash(title) % 100000, title, unit, 0, tuple(children), flagged)


def big_tree(roots: int = 4, krs: int = 3, teams: int = 2) -> AlignmentTree:
    """Company objectives, each KR supported by department objectives with their own KRs."""
    result = []
    for r in range(roots):
        company_krs = []
        for k in range(krs):
            departments = [
                node(
                    OBJ,
                    f"dept objective {r}.{k}.{d}",
                    f"Dept {d}",
                    *(node(KR, f"dept kr {r}.{k}.{d}.{n}", f"Dept {d}") for n in range(3)),
                )
                for d in range(teams)
            ]
            company_krs.append(node(KR, f"company kr {r}.{k}", "Acme", *departments))
        company_krs.append(node(KR, f"lonely kr {r}", "Acme", flagged=True))
        result.append(node(OBJ, f"company objective {r}", "Acme", *company_krs))
    return AlignmentTree(tuple(result), (node(OBJ, "orphan objective", "Dept 9", flagged=True),))


@contextmanager
def drawn_rows() -> Iterator[list[tuple[int, float, TreeRow]]]:
    """Every tree row drawn: (page, y of its bottom, the row)."""
    rows: list[tuple[int, float, TreeRow]] = []
    original = TreeRow.draw

    def draw(self: TreeRow) -> None:
        page = self.canv.getPageNumber()
        rows.append((page, self.canv._currentMatrix[5], self))  # the row's bottom on the page
        original(self)

    TreeRow.draw = draw  # type: ignore[method-assign]
    try:
        yield rows
    finally:
        TreeRow.draw = original  # type: ignore[method-assign]


def tree_rows(tree: AlignmentTree) -> list[TreeRow]:
    styles = make_styles(cjk_font(), "en")
    return [f for f in tree_flowables(tree, styles, "en") if isinstance(f, TreeRow)]


def write(tree: AlignmentTree, language: str = "en", paper: str = "a4") -> bytes:
    out = io.BytesIO()
    write_alignment(
        tree,
        out,
        organisation="Acme",
        cycle="2027-Q1",
        language=language,
        draft=False,
        printed="2027-01-08",
        paper=paper,
    )
    return out.getvalue()


def test_rows_in_reading_order_with_which_lines_run_on():
    tree = big_tree(roots=1, krs=2, teams=2)
    rows = list(placed(tree.roots[0]))
    assert [row.node.title for row in rows[:4]] == [
        "company objective 0",
        "company kr 0.0",
        "dept objective 0.0.0",
        "dept kr 0.0.0.0",
    ]
    by_title = {row.node.title: row for row in rows}
    # Under "company kr 0.0" (not the last KR) the company's line runs on past the
    # department's rows; under the last KR it stops.
    assert by_title["dept kr 0.0.0.0"].runs_on == (True, True)  # KR 0.0 and dept 0.0.0 go on
    assert by_title["dept kr 0.0.1.2"].runs_on == (True, False)
    assert by_title["dept kr 0.0.1.2"].last
    assert by_title["lonely kr 0"].last and by_title["lonely kr 0"].depth == 1
    assert by_title["dept objective 0.1.0"].tier == 1
    assert by_title["dept objective 0.1.0"].path == (
        "Acme company objective 0",
        "KR company kr 0.1",
    )
    assert by_title["company objective 0"].tier == 0


def test_an_objective_aligned_to_nothing_is_drawn_below_company_level():
    tree = big_tree(roots=1, krs=1, teams=1)
    (row,) = [row for row in tree_rows(tree) if row.row.node.title == "orphan objective"]
    assert row.row.tier == 1 and row.row.node.flagged


def test_connectors_are_drawn_between_the_nodes():
    pdf = write(big_tree(roots=1, krs=2, teams=1))
    first = PdfReader(io.BytesIO(pdf)).pages[0]
    stream = first.get_contents().get_data().decode("latin-1")
    rows = list(placed(big_tree(roots=1, krs=2, teams=1).roots[0]))
    # Every node but the root joins its parent with an elbow: two lines at least (a vertical
    # and a horizontal stroke, 'm ... l ... S'); the old list drew none but the header rule.
    strokes = stream.count(" l S") + stream.count(" l\nS")
    assert strokes >= 2 * (len(rows) - 1)


def test_every_title_in_tree_order_and_unsupported_key_results_marked_on_their_row():
    tree = big_tree(roots=2, krs=2, teams=1)
    reader = PdfReader(io.BytesIO(write(tree)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    titles = [row.node.title for root in tree.roots for row in placed(root)]
    positions = [text.index(title) for title in titles]
    assert positions == sorted(positions)
    lines = text.splitlines()
    for title in ("lonely kr 0", "lonely kr 1"):
        (line,) = [line for line in lines if title in line]
        assert "nothing supports this yet" in line
    (orphan,) = [line for line in lines if "orphan objective" in line]
    assert "no parent" in orphan
    words = " ".join(text.split())
    assert words.count("nothing supports this yet") == 2 + 1  # the two KRs and the legend


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_node_with_children_ends_a_page_and_a_split_subtree_repeats_its_path(language, paper):
    tree = big_tree(roots=5, krs=3, teams=2)
    with drawn_rows() as rows:
        pdf = write(tree, language, paper)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert pages >= 3
    assert len(rows) == sum(len(list(placed(root))) for root in tree.roots) + 1
    for page in range(1, pages + 1):
        on_page = [(y, row) for p, y, row in rows if p == page]
        if not on_page:
            continue
        lowest = min(on_page, key=lambda item: item[0])[1]
        if page < pages:
            assert not lowest.row.node.children, (page, lowest.row.node.title)
        highest = max(on_page, key=lambda item: item[0])[1]
        # The first row of a page inside a subtree says where it goes on from.
        assert highest.continued == (page > 1 and highest.row.depth > 0), page
        if highest.continued:
            words = " ".join(PdfReader(io.BytesIO(pdf)).pages[page - 1].extract_text().split())
            continued = "Continued:" if language == "en" else "接上页："
            assert continued in words
            assert highest.row.path[0].split()[-1] in words  # the company objective's title


def test_the_demo_exports_its_alignment_tree_in_both_languages(tmp_path: Path):
    for language in ("en", "zh_CN"):
        plan = tmp_path / f"demo-{language}.okrdesk"
        copy_demo(plan, "signed", language)
        out = tmp_path / f"tree-{language}.pdf"
        export(read_snapshot(plan), out, language=language, document="alignment")
        text = " ".join(page.extract_text() for page in PdfReader(out).pages)
        unsupported = "nothing supports this yet" if language == "en" else "尚无下级支撑"
        assert unsupported in text

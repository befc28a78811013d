"""The organisation store's alignment tree for the projector, drawn by the cascade board's
page: one row per objective (its unit beside its title) and key result, nested by indent,
the title the page's whole width and what the room should notice (a draft, a key result
nothing supports, aligned to nothing) on a line below it. The page already fits every
row, in columns and pages, at a size read from 8 m."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from okrdesk.engine.alignment import ParentKind
from okrdesk.engine.alignment_tree import TreeNode
from okrdesk.engine.cascade import CascadeState
from okrdesk.engine.cascade_words import BoardRow, RowMark, state_text
from okrdesk.messages import translate
from okrdesk.store.views import StoreTree
from okrdesk.ui.projector.cascade_screen import CascadeSlide


def room_rows(rows: tuple[BoardRow, ...], language: str) -> tuple[BoardRow, ...]:
    """The store board's rows for the projector: a draft or a hand-over not yet republished
    said in the two weeks' cell, not in the state's (the state's column is as wide as its
    longest text: "Not started · draft" left the units' names a few letters on a 1024-pixel
    projector)."""
    draft = translate("store.draft", language)
    handed = translate("store.handed_mark", language)

    def marked(row: BoardRow) -> BoardRow:
        marks = " · ".join(
            word for word, said in ((draft, row.draft), (handed, row.handed_over)) if said
        )
        return replace(
            row,
            state_text=state_text(row.state, language),
            time=f"{marks} · {row.time}",
            short_time=f"{marks} · {row.short_time or row.time}",
        )

    return tuple(marked(row) if row.draft or row.handed_over else row for row in rows)


def _count(view: StoreTree) -> tuple[int, int]:
    """Objectives in the tree, and how many of them are drafts'."""

    def objectives(node: TreeNode) -> Iterator[TreeNode]:
        if node.kind is ParentKind.OBJECTIVE:
            yield node
        for child in node.children:
            yield from objectives(child)

    every = [o for node in (*view.tree.roots, *view.tree.unaligned) for o in objectives(node)]
    return len(every), sum(1 for o in every if o.id in view.drafts)


def tree_counts(view: StoreTree, language: str) -> str:
    """'12 objectives · 1 aligned to nothing · 2 in drafts'."""
    objectives, drafts = _count(view)
    return translate(
        "store.tree_counts",
        language,
        objectives=objectives,
        unaligned=len(view.tree.unaligned),
        drafts=drafts,
    )


def _rows(view: StoreTree, node: TreeNode, depth: int, language: str) -> Iterator[BoardRow]:
    objective = node.kind is ParentKind.OBJECTIVE
    draft = node.id in view.drafts
    marks = []
    if draft:
        marks.append(translate("store.draft", language))
    if node.flagged:
        marks.append(translate("pdf.unsupported" if not objective else "pdf.no_parent", language))
    yield BoardRow(
        unit_id=node.id,
        depth=depth,
        # The unit beside the objective's title, not in a column of its own: a column as
        # wide as the longest unit's name would leave the titles no room.
        name=f"O  {node.title}  ({node.unit})" if objective else f"KR  {node.title}",
        state=CascadeState.IN_PROGRESS,
        state_text="",
        people="",
        time=" · ".join(marks),
        mark=RowMark.LATE if node.flagged else RowMark.NONE,
        draft=draft,
    )
    for child in node.children:
        yield from _rows(view, child, depth + 1, language)


def tree_slide(view: StoreTree, language: str) -> CascadeSlide:
    """The tree as rows of the board's page (a row's id: its node's; the heading of the
    objectives aligned to nothing has one no node has)."""
    rows: list[BoardRow] = []
    for root in view.tree.roots:
        rows += _rows(view, root, 0, language)
    if view.tree.unaligned:
        heading = len(view.uuids)  # an id no node has
        rows.append(
            BoardRow(
                unit_id=heading,
                depth=0,
                name=translate("store.unaligned", language),
                state=CascadeState.RETURNED,
                state_text="",
                people="",
                time="",
                mark=RowMark.NONE,
            )
        )
        for node in view.tree.unaligned:
            rows += _rows(view, node, 1, language)
    return CascadeSlide(
        title=translate("store.tree_title", language, cycle=view.cycle),
        deadline=tree_counts(view, language),
        countdown="",
        totals="",
        columns=("", "", "", ""),
        rows=tuple(rows),
        people=False,
        overdue=False,
        page_words=translate("summary.cascade_page", language, page="{page}", pages="{pages}"),
        stacked=True,
    )

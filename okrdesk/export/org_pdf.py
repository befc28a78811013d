"""The organisation store's cascade board and alignment tree as PDF, by the plan's own
documents (cascade_doc, alignment_doc) with the store's drafts marked."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from okrdesk.export.pdf.alignment_doc import write_alignment
from okrdesk.export.pdf.cascade_doc import write_cascade
from okrdesk.export.pdf.fonts import PdfFont
from okrdesk.store.views import StoreBoard, StoreTree, handed_over_lines


def board_organisation(view: StoreBoard) -> str:
    """The organisation a board is of: its company unit's name (the first root)."""
    roots = [unit.name for unit in view.board.units if unit.depth == 0]
    return roots[0] if roots else ""


def tree_organisation(view: StoreTree) -> str:
    roots = view.tree.roots or view.tree.unaligned
    return roots[0].unit if roots else ""


def write_store_board(
    view: StoreBoard,
    out: Path | BinaryIO,
    *,
    language: str,
    printed: str,
    font: PdfFont | None = None,
) -> None:
    """The store's board of a cycle as the cascade document, draft units said so, and units
    handed over and not yet republished (to whom, below the table)."""
    write_cascade(
        view.board,
        out,
        organisation=board_organisation(view),
        language=language,
        printed=printed,
        font=font,
        drafts=view.drafts,
        handed_over=view.handed_over.keys(),
        notes=handed_over_lines(view, language),
    )


def write_store_tree(
    view: StoreTree,
    out: Path | BinaryIO,
    *,
    language: str,
    printed: str,
    font: PdfFont | None = None,
) -> None:
    """The store's alignment tree of a cycle as the alignment document, drafts marked."""
    write_alignment(
        view.tree,
        out,
        organisation=tree_organisation(view),
        cycle=view.cycle,
        language=language,
        draft=False,  # drafts are marked node by node: the published rest is not a draft
        printed=printed,
        font=font,
        drafts=view.drafts,
    )

"""The cycle's alignment tree as a document for the all-hands meeting: each company objective
drawn as a tree, its key results below it and the objectives that support them below those
(company → department → team → person), joined by connector lines; a key result nothing
supports yet is marked on its own row; then the objectives that align to nothing yet.

Each node is a row (``TreeRow``) that draws its own share of the connectors, so the lines run
on from row to row and from page to page. A row with children keeps with its first child (a
heading never ends a page), and a subtree that goes on over a page starts the new page with
its path ("continued: company objective → KR 2 → …").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from okrdesk.engine.alignment import ParentKind
from okrdesk.engine.alignment_tree import AlignmentTree, TreeNode
from okrdesk.export.pdf.document import (
    ACCENT,
    MUTED,
    Metadata,
    Section,
    Styles,
    build_pdf,
    fit,
    make_styles,
    para,
    text,
)
from okrdesk.export.pdf.fonts import PdfFont, cjk_font
from okrdesk.export.report import t

INDENT = 7 * mm  # from a node to its children
SPINE = 2.6 * mm  # where a node's children's line runs, right of the node's start
PAD = 1.6 * mm  # above and below a row's text
CHIP_PAD = 1.5 * mm
CONTINUED = 5 * mm  # the "continued" line a subtree's row starts a page with
LINE = colors.HexColor("#6b7280")  # connectors: 4.8:1 on white, visible in grey print
WARNING = colors.HexColor("#b91c1c")
# The unit's chip by its tier (company, department, team, person): white on dark fills.
TIERS = (
    ACCENT,
    colors.HexColor("#0f766e"),
    colors.HexColor("#6d28d9"),
    colors.HexColor("#374151"),
)


@dataclass(frozen=True)
class Placed:
    """A node where the tree puts it: its depth, which of its ancestors' lines run on past
    it, whether it is its parent's last child, and the path down to it."""

    node: TreeNode
    depth: int
    tier: int  # objectives above it (0: a company objective, 1: a department's or its KRs)
    runs_on: tuple[bool, ...]  # for depth 1..depth-1: that ancestor has siblings after it
    last: bool
    path: tuple[str, ...]  # the ancestors, as short labels


def placed(
    node: TreeNode,
    depth: int = 0,
    tier: int = 0,
    runs_on: tuple[bool, ...] = (),
    last: bool = True,
    path: tuple[str, ...] = (),
) -> Iterator[Placed]:
    """The tree's rows in reading order (depth first)."""
    yield Placed(node, depth, tier, runs_on, last, path)
    below = (*path, label(node))
    child_tier = tier + 1 if node.kind is ParentKind.OBJECTIVE else tier
    for index, child in enumerate(node.children):
        is_last = index == len(node.children) - 1
        child_runs_on = (*runs_on, not last) if depth > 0 else runs_on
        yield from placed(child, depth + 1, child_tier, child_runs_on, is_last, below)


def label(node: TreeNode) -> str:
    """A node in a path: its unit (an objective) or "KR", and its title."""
    return f"{node.unit if node.kind is ParentKind.OBJECTIVE else 'KR'} {node.title}"


class TreeRow(Flowable):
    """One node of the tree with its connectors (see the module's docstring)."""

    def __init__(self, row: Placed, styles: Styles, language: str, draft: bool = False) -> None:
        super().__init__()
        self.row = row
        self.styles = styles
        self.language = language
        node = row.node
        objective = node.kind is ParentKind.OBJECTIVE
        self.text_style: ParagraphStyle = styles.h3 if objective else styles.body
        # The organisation store's node of a workshop not signed off yet says so after its
        # title (in the title's own style: markup would lose the synthetic bold of CJK).
        title = f"{node.title}  [{t('store.draft', language)}]" if draft else node.title
        line = text(title)
        if node.flagged:
            warning = "pdf.no_parent" if objective else "pdf.unsupported"
            line += f'  <font color="{WARNING.hexval()}">▲ {text(t(warning, language))}</font>'
        plain = ParagraphStyle(
            f"tree-{self.text_style.name}", parent=self.text_style, spaceBefore=0, spaceAfter=0
        )
        self.paragraph: Paragraph = Paragraph(line, plain) if node.flagged else para(title, plain)
        self.chip_text = node.unit if objective else "KR"
        self.chip_size = self.text_style.fontSize * (0.82 if objective else 0.78)
        self.chip_width = stringWidth(self.chip_text, styles.font, self.chip_size) + 2 * CHIP_PAD
        # A node with children never ends a page: platypus keeps it with the next row.
        self.keepWithNext = bool(node.children)
        self.continued = False  # whether this row starts a page inside its subtree

    @property
    def left(self) -> float:
        """Where the node's chip starts."""
        return self.row.depth * INDENT

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        frame = getattr(self, "_frame", None)  # set while a frame lays the row out
        self.continued = bool(frame is not None and frame._atTop and self.row.depth > 0)
        text_left = self.left + self.chip_width + 2 * mm
        _, height = self.paragraph.wrap(availWidth - text_left, availHeight)
        self.width = availWidth
        self.text_height = height
        self.height = height + 2 * PAD + (CONTINUED if self.continued else 0)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        row = self.row
        top = self.height - (CONTINUED if self.continued else 0)
        first_line = self.text_style.leading
        middle = top - PAD - first_line / 2  # the first line's middle: where lines join
        canvas.saveState()
        canvas.setStrokeColor(LINE)
        canvas.setLineWidth(0.8)
        # The lines of ancestors that have more children below run through this row.
        for level, runs in enumerate(row.runs_on, start=1):
            if runs:
                x = (level - 1) * INDENT + SPINE
                canvas.line(x, 0, x, self.height)
        if row.depth > 0:  # the elbow from the parent's line to this node
            x = (row.depth - 1) * INDENT + SPINE
            canvas.line(x, self.height, x, 0 if not row.last else middle)
            canvas.line(x, middle, self.left, middle)
        if row.node.children:  # down to the first child
            x = self.left + SPINE
            canvas.line(x, middle - self.chip_size * 0.8, x, 0)
        self._chip(middle)
        if self.continued:
            self._path()
        canvas.restoreState()
        text_left = self.left + self.chip_width + 2 * mm
        self.paragraph.drawOn(canvas, text_left, top - PAD - self.text_height)

    def _chip(self, middle: float) -> None:
        """The unit's name on its tier's colour (an objective), or "KR" in an outline."""
        canvas = self.canv
        node = self.row.node
        height = self.chip_size * 1.6
        bottom = middle - height / 2
        if node.kind is ParentKind.OBJECTIVE:
            fill: Color = TIERS[min(self.row.tier, len(TIERS) - 1)]
            canvas.setFillColor(fill)
            canvas.roundRect(self.left, bottom, self.chip_width, height, 1.2 * mm, 0, 1)
            canvas.setFillColor(colors.white)
        else:
            edge = WARNING if node.flagged else LINE
            canvas.setFillColor(colors.white)
            canvas.setStrokeColor(edge)
            canvas.roundRect(self.left, bottom, self.chip_width, height, 1.2 * mm, 1, 1)
            canvas.setFillColor(WARNING if node.flagged else MUTED)
        canvas.setFont(self.styles.font, self.chip_size)
        canvas.drawString(self.left + CHIP_PAD, middle - self.chip_size * 0.35, self.chip_text)

    def _path(self) -> None:
        """A subtree's row at the top of a page says where in the tree the page goes on."""
        canvas = self.canv
        size, font = self.styles.small.fontSize, self.styles.font
        lead = t("pdf.tree_continued", self.language) + " "
        room = self.width - self.left
        # Each step of the path gets an equal share of the line.
        share = (room - stringWidth(lead, font, size)) / max(1, len(self.row.path))
        steps = [
            fit(step, font, size, share - stringWidth(" → ", font, size)) for step in self.row.path
        ]
        words = lead + " → ".join(steps)
        canvas.setFillColor(MUTED)
        canvas.setFont(self.styles.font, size)
        canvas.drawString(self.left, self.height - size, fit(words, self.styles.font, size, room))


def tree_flowables(
    tree: AlignmentTree, styles: Styles, language: str, drafts: frozenset[int] = frozenset()
) -> list[Flowable]:
    """Each company objective's tree, then the objectives that align to nothing (``drafts``:
    the organisation store's nodes of draft workshops, marked as such)."""
    story: list[Flowable] = []

    def rows(node: TreeNode, tier: int = 0) -> list[Flowable]:
        return [
            TreeRow(row, styles, language, row.node.id in drafts) for row in placed(node, tier=tier)
        ]

    for root in tree.roots:
        # A tree starts where its objective and first rows fit, not at a page foot.
        story += [CondPageBreak(35 * mm), Spacer(1, 3 * mm)]
        story += rows(root)
    if tree.unaligned:
        story += [CondPageBreak(40 * mm), para(t("pdf.unaligned", language), styles.h2)]
        for node in tree.unaligned:  # below the company (tier 1 on), aligned to nothing
            story += rows(node, tier=1)
            story.append(Spacer(1, 2 * mm))
    return story


def legend(styles: Styles, language: str) -> Flowable:
    warning = f'<font color="{WARNING.hexval()}">▲ {text(t("pdf.unsupported", language))}</font>'
    return Paragraph(f"{text(t('pdf.tree_legend', language))}  {warning}", styles.small)


def write_alignment(
    tree: AlignmentTree,
    out: Path | BinaryIO,
    *,
    organisation: str,
    cycle: str,
    language: str,
    draft: bool,
    printed: str,
    paper: str = "a4",
    font: PdfFont | None = None,
    drafts: frozenset[int] = frozenset(),
) -> None:
    font = font or cjk_font()
    s = make_styles(font, language)
    title = t("pdf.alignment_title", language)
    story: list[Flowable] = [
        Section(f"{organisation} · {cycle}", draft),
        para(f"{organisation} · {title} · {cycle}", s.h1),
        legend(s, language),
        *tree_flowables(tree, s, language, drafts),
    ]
    build_pdf(
        out,
        story,
        paper=paper,
        metadata=Metadata(
            title=f"{organisation} — {title} {cycle}",
            author=organisation,
            subject=f"OKR {cycle}",
            language=language,
        ),
        document_title=title,
        printed=t("pdf.generated", language, date=printed),
        font=font.name,
    )

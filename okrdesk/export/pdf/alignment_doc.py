"""The cycle's alignment tree as a document for the all-hands meeting:
company objectives with everything that supports them nested below, then what aligns to
nothing yet."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from okrdesk.engine.alignment import ParentKind
from okrdesk.engine.alignment_tree import AlignmentTree, TreeNode
from okrdesk.export.pdf.document import (
    Metadata,
    Section,
    Styles,
    build_pdf,
    make_styles,
    para,
    text,
)
from okrdesk.export.pdf.fonts import PdfFont, cjk_font
from okrdesk.export.report import t

INDENT = 7 * mm


def _nested(node: TreeNode, depth: int, styles: Styles, language: str) -> list[Flowable]:
    base = styles.body if node.kind is ParentKind.OBJECTIVE else styles.small
    style = ParagraphStyle(f"level{depth}", parent=base, leftIndent=depth * INDENT)
    if node.kind is ParentKind.OBJECTIVE:
        line = f"<b>{text(node.unit)}</b> · {text(node.title)}"
    else:
        line = "KR · " + text(node.title)
    if node.flagged:
        warning = "pdf.unsupported" if node.kind is ParentKind.KEY_RESULT else "pdf.no_parent"
        line += f' <font color="#b91c1c">▲ {text(t(warning, language))}</font>'
    flow: list[Flowable] = [Paragraph(line, style)]
    for child in node.children:
        flow += _nested(child, depth + 1, styles, language)
    return flow


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
) -> None:
    font = font or cjk_font()
    s = make_styles(font, language)
    title = t("pdf.alignment_title", language)
    story: list[Flowable] = [
        Section(f"{organisation} · {cycle}", draft),
        para(f"{organisation} · {title} · {cycle}", s.h1),
    ]
    for root in tree.roots:
        story.append(CondPageBreak(30 * mm))
        story += _nested(root, 0, s, language)
        story.append(para("", s.small))
    if tree.unaligned:
        story.append(para(t("pdf.unaligned", language), s.h2))
        for node in tree.unaligned:
            story += _nested(node, 0, s, language)
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

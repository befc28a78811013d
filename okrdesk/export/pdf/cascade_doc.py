"""The cascade board as a PDF page: the two weeks' count and every unit's row of a cycle.

The same words as the window and the projector (engine/cascade_words.py): when the company
approved and the two weeks end, the days left or past, the totals, then a table of every unit
in its tree (indented), its state, its people's OKRs confirmed and where it stands against
the two weeks; overdue rows on red, late approvals in amber. Sixty units take two pages of
A4, the table's header repeated.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from okrdesk.engine.cascade import CascadeBoard, CascadeState
from okrdesk.engine.cascade_words import (
    BoardRow,
    RowMark,
    board_rows,
    column_titles,
    countdown_line,
    deadline_line,
    title_line,
    totals_line,
)
from okrdesk.export.pdf.document import (
    MUTED,
    Metadata,
    Section,
    Styles,
    build_pdf,
    frame_width,
    make_styles,
    para,
    table,
)
from okrdesk.export.pdf.fonts import SYNTHETIC_STROKE, PdfFont, cjk_font
from okrdesk.messages import translate

OVERDUE_FILL = colors.HexColor("#fee2e2")
DANGER = colors.HexColor("#b91c1c")  # on the overdue fill: 5.9:1
LATE = colors.HexColor("#b45309")
STATE_COLOURS = {
    CascadeState.APPROVED: colors.HexColor("#15803d"),
    CascadeState.RETURNED: LATE,
    CascadeState.IN_PROGRESS: colors.HexColor("#1d4ed8"),
    CascadeState.NOT_STARTED: MUTED,
}
INDENT = 4 * mm  # a unit's name, below its parent's


class _RowStyles:
    """The cell styles a row needs, made once per document (by depth, state and mark)."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self._made: dict[tuple[str, object], ParagraphStyle] = {}

    def _derived(self, key: tuple[str, object], **changes: Any) -> ParagraphStyle:
        found = self._made.get(key)
        if found is None:
            base = self.styles.cell
            found = self._made[key] = ParagraphStyle(f"cascade-{key}", parent=base, **changes)
        return found

    def _bold(self) -> dict[str, Any]:
        """What makes a cell bold (a stroke where the font has no bold face)."""
        styles = self.styles
        return {
            "fontName": styles.bold,
            "okrdesk_latin": styles.latin_bold,
            "okrdesk_stroke": SYNTHETIC_STROKE if styles.synthetic_bold else 0.0,
        }

    def name(self, depth: int) -> ParagraphStyle:
        bold = self._bold() if depth <= 1 else {}
        return self._derived(("name", depth), leftIndent=min(depth, 4) * INDENT, **bold)

    def state(self, state: CascadeState) -> ParagraphStyle:
        return self._derived(("state", state), textColor=STATE_COLOURS[state])

    def time(self, mark: RowMark) -> ParagraphStyle:
        if mark == RowMark.OVERDUE:
            return self._derived(("time", mark), textColor=DANGER, **self._bold())
        colour = {RowMark.LATE: LATE, RowMark.DONE: MUTED}.get(mark)
        if colour is None:
            return self.styles.cell
        return self._derived(("time", mark), textColor=colour)


def _cells(row: BoardRow, made: _RowStyles) -> list[object]:
    return [
        para(row.name, made.name(row.depth)),
        para(row.state_text, made.state(row.state)),
        para(row.people, made.styles.cell),
        para(row.time, made.time(row.mark)),
    ]


def board_story(
    board: CascadeBoard,
    styles: Styles,
    *,
    organisation: str,
    language: str,
    paper: str,
    drafts: frozenset[int] = frozenset(),
    handed_over: Collection[int] = frozenset(),
    notes: Sequence[str] = (),
) -> list[Flowable]:
    """The page's flowables: the count above the table of units (``drafts``: units whose
    workshop the organisation store holds as a draft, said so in their state; ``handed_over``:
    units handed to a plan that has not published them yet, said so too), then ``notes``."""
    rows = board_rows(board, language, drafts, handed_over)
    made = _RowStyles(styles)
    width = frame_width(paper)
    # A state with a hand-over's mark takes more room ("已批准 · 已移交" on one line).
    state = 0.18 if handed_over else 0.14
    widths = [width * (0.52 - state), width * state, width * 0.16, width * 0.32]
    compact: list[tuple[Any, ...]] = [
        ("TOPPADDING", (0, 1), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 2.5),
    ]
    overdue_lines = [
        ("BACKGROUND", (0, n), (-1, n), OVERDUE_FILL)
        for n, row in enumerate(rows, start=1)
        if row.mark == RowMark.OVERDUE
    ]
    countdown = countdown_line(board, language)
    alarm = ParagraphStyle(
        "cascade-alarm",
        parent=styles.h3,
        textColor=DANGER if board.overdue else styles.h3.textColor,
    )
    story: list[Flowable] = [
        Section(f"{organisation} · {board.cycle}", False),
        para(f"{organisation} · {title_line(board, language)}", styles.h1),
        para(deadline_line(board, language), styles.body),
    ]
    if countdown:
        story.append(para(countdown, alarm))
    story += [
        para(totals_line(board, language), styles.body),
        Spacer(1, 3 * mm),
        table(
            [list(column_titles(language)), *(_cells(row, made) for row in rows)],
            widths,
            styles,
            extra=compact + overdue_lines,
        ),
    ]
    if notes:
        story.append(Spacer(1, 3 * mm))
        story += [para(note, styles.body) for note in notes]
    return story


def write_cascade(
    board: CascadeBoard,
    out: Path | BinaryIO,
    *,
    organisation: str,
    language: str,
    printed: str,
    paper: str = "a4",
    font: PdfFont | None = None,
    drafts: frozenset[int] = frozenset(),
    handed_over: Collection[int] = frozenset(),
    notes: Sequence[str] = (),
) -> None:
    """Write the cycle's cascade board as a PDF (``printed``: the date it shows; the rest
    as board_story's)."""
    font = font or cjk_font()
    styles = make_styles(font, language)
    document_title = translate("summary.cascade_document", language)
    build_pdf(
        out,
        board_story(
            board,
            styles,
            organisation=organisation,
            language=language,
            paper=paper,
            drafts=drafts,
            handed_over=handed_over,
            notes=notes,
        ),
        paper=paper,
        metadata=Metadata(
            title=f"{organisation} — {title_line(board, language)}",
            author=organisation,
            subject=f"OKR {board.cycle}",
            language=language,
        ),
        document_title=document_title,
        printed=translate("pdf.generated", language, date=printed),
        font=font,
    )

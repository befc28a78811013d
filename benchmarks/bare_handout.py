"""The end-to-end handout benchmark's baseline: a bare script that reads a plan file with
sqlite3 and lays its objectives, key results and ideas out with reportlab, in the same font,
with nothing of okrdesk (it imports only the standard library and reportlab).

    python benchmarks/bare_handout.py PLAN OUT.pdf FONT_FILE

It is run as a process of its own, beside ``python -m okrdesk export``, so both are timed
from process start to the file written, the imports and the plan read included.
"""

from __future__ import annotations

import sqlite3
import sys


def main(plan: str, out: str, font_file: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(TTFont("cjk", font_file, subfontIndex=0))
    with sqlite3.connect(f"file:{plan}?mode=ro", uri=True) as db:
        (workshop_id, title) = db.execute("SELECT id, title FROM workshop ORDER BY id").fetchone()
        objectives = db.execute(
            "SELECT id, title FROM objective WHERE workshop_id = ? ORDER BY position",
            (workshop_id,),
        ).fetchall()
        key_results = db.execute(
            "SELECT k.objective_id, k.title, k.start_value, k.target_value, k.unit,"
            " k.deadline, k.owner FROM key_result k JOIN objective o ON o.id = k.objective_id"
            " WHERE o.workshop_id = ? ORDER BY k.objective_id, k.position",
            (workshop_id,),
        ).fetchall()
        ideas = db.execute(
            "SELECT i.text, p.name, o.title FROM idea i"
            " LEFT JOIN participant p ON p.id = i.author_id"
            " LEFT JOIN objective o ON o.id = i.objective_id"
            " WHERE i.workshop_id = ? ORDER BY i.objective_id, i.position",
            (workshop_id,),
        ).fetchall()
    style = ParagraphStyle("p", fontName="cjk", fontSize=10, leading=14, wordWrap="CJK")
    heading = ParagraphStyle("h", fontName="cjk", fontSize=18, leading=24, wordWrap="CJK")
    cell = ParagraphStyle("c", fontName="cjk", fontSize=9, leading=12.5, wordWrap="CJK")
    width = A4[0] - 36 * mm
    grid = TableStyle(
        [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.4, "#d1d5db")]
    )
    story: list[Flowable] = [Paragraph(title, heading)]
    by_objective: dict[int, list[tuple[str, ...]]] = {}
    for objective_id, *fields in key_results:
        by_objective.setdefault(objective_id, []).append(tuple(str(f or "") for f in fields))
    for objective_id, objective_title in objectives:
        story.append(Paragraph(objective_title, style))
        rows = [[Paragraph(text, cell) for text in ("关键结果", "起点 → 目标", "截止", "负责人")]]
        for kr_title, start, target, unit, deadline, owner in by_objective.get(objective_id, []):
            rows.append(
                [
                    Paragraph(text, cell)
                    for text in (kr_title, f"{start} → {target} {unit}", deadline, owner)
                ]
            )
        table = Table(rows, colWidths=[width * f for f in (0.5, 0.2, 0.15, 0.15)], repeatRows=1)
        table.setStyle(grid)
        story.append(table)
    rows = [[Paragraph(text, cell) for text in ("想法", "作者", "所属目标")]]
    rows += [
        [Paragraph(text or "", cell) for text in (idea, author, objective)]
        for idea, author, objective in ideas
    ]
    table = Table(rows, colWidths=[width * f for f in (0.45, 0.15, 0.4)], repeatRows=1)
    table.setStyle(grid)
    story.append(table)
    SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm).build(story)


if __name__ == "__main__":
    main(*sys.argv[1:4])

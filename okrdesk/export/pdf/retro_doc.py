"""The retrospective of a workshop as a PDF: the written record of the cycle's lessons, by
the seed's four questions, each question's answers under their groups with the objective
they concern, and what the next cycle is offered
(`okrdesk export PLAN OUT.pdf --document retro --workshop N`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from okrdesk.engine.carry_over import CarryMark
from okrdesk.engine.retro_view import RetroAnswerView, RetroQuestionView, RetrospectiveView
from okrdesk.engine.scoring import shown
from okrdesk.export.pdf.document import (
    Metadata,
    Section,
    Styles,
    build_pdf,
    make_styles,
    para,
)
from okrdesk.export.pdf.fonts import PdfFont, cjk_font
from okrdesk.messages import translate

INDENT = 5 * mm


def _answer(
    answer: RetroAnswerView, text: ParagraphStyle, note: ParagraphStyle, language: str
) -> Flowable:
    """One answer, indented under its heading: its text, then whom it is by and the
    objective it concerns (no bullet: the Chinese fonts have no glyph for one)."""
    parts: list[Flowable] = [para(answer.text, text)]
    notes = []
    if answer.objective is not None:
        notes.append(translate("pdf.retro_about", language, objective=answer.objective))
    if answer.author is not None:
        notes.append(translate("pdf.retro_by", language, name=answer.author))
    if notes:
        parts.append(para(" · ".join(notes), note))
    return KeepTogether(parts)


def _question(
    question: RetroQuestionView,
    s: Styles,
    answer_style: ParagraphStyle,
    note: ParagraphStyle,
    language: str,
) -> list[Flowable]:
    heading = translate(
        "pdf.retro_question",
        language,
        number=question.number,
        question=translate(question.message_id, language),
    )
    story: list[Flowable] = [para(heading, s.h2)]
    if question.count == 0:
        story += [para(translate("pdf.retro_no_answers", language), s.small)]
    first: list[Flowable] = []
    for group in question.groups:
        block: list[Flowable] = [para(group.title, s.h3)]
        block += [_answer(answer, answer_style, note, language) for answer in group.answers]
        if not group.answers:
            block.append(para(translate("pdf.retro_no_answers", language), s.small))
        first.extend(block)
    if question.loose:
        if question.groups:
            first.append(para(translate("pdf.retro_not_grouped", language), s.h3))
        first += [_answer(answer, answer_style, note, language) for answer in question.loose]
    story += first  # (a heading keeps with what follows it: the styles' keepWithNext)
    story.append(Spacer(1, 4 * mm))
    return story


def _carried(marks: Sequence[CarryMark], s: Styles, language: str) -> list[Flowable]:
    offered = [mark for mark in marks if mark.offered]
    story: list[Flowable] = [para(translate("pdf.retro_carry_heading", language), s.h2)]
    if not offered:
        return [*story, para(translate("pdf.retro_carry_none", language), s.small)]
    for mark in offered:
        score = "—" if mark.score is None else shown(mark.score)
        why = "pdf.retro_carry_unfinished" if mark.unfinished else "pdf.retro_carry_marked"
        story.append(
            KeepTogether(
                [
                    para(mark.title, s.body),
                    para(translate(why, language, score=score), s.small),
                ]
            )
        )
    story.append(para(translate("pdf.retro_carry_lessons", language), s.small))
    return story


def write_retro(
    view: RetrospectiveView,
    marks: Sequence[CarryMark],
    out: Path | BinaryIO,
    *,
    organisation: str,
    language: str,
    printed: str,
    paper: str = "a4",
    font: PdfFont | None = None,
) -> None:
    """Write the retrospective's PDF: a page header with the unit and cycle, DRAFT until the
    OKRs it looks back on are approved."""
    font = font or cjk_font()
    s = make_styles(font, language)
    answer_style = s.body.clone("retro_answer", leftIndent=INDENT, spaceBefore=2)
    note = s.small.clone("retro_note", leftIndent=2 * INDENT)  # under its answer
    title = translate("pdf.retro_title", language)
    story: list[Flowable] = [
        Section(f"{view.unit} · {view.cycle}", not view.approved),
        para(translate("pdf.retro_heading", language, title=view.title), s.h1),
        para(translate("pdf.retro_subtitle", language, unit=view.unit, cycle=view.cycle), s.body),
        Spacer(1, 4 * mm),
    ]
    if not view.started:
        story.append(para(translate("pdf.retro_not_started", language), s.body))
    else:
        for question in view.questions:
            story += _question(question, s, answer_style, note, language)
    story += _carried(marks, s, language)
    build_pdf(
        out,
        story,
        paper=paper,
        metadata=Metadata(
            title=f"{title} — {view.title}",
            author=organisation,
            subject=f"OKR {view.cycle}",
            language=language,
        ),
        document_title=title,
        printed=translate("pdf.generated", language, date=printed),
        font=font,
    )

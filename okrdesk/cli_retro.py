"""`okrdesk export PLAN OUT.pdf --document retro --workshop N`: a workshop's retrospective."""

from __future__ import annotations

import argparse

from okrdesk.engine.context import Clock
from okrdesk.errors import PlanFileError
from okrdesk.messages import translate
from okrdesk.models.planfile import PlanFile


def export_retro(args: argparse.Namespace, language: str, clock: Clock) -> int:
    """The written record of the workshop's retrospective, and what its unit's next cycle
    is offered."""
    from sqlalchemy import select

    from okrdesk.engine.carry_over import carry_marks
    from okrdesk.engine.retro_view import retrospective_view
    from okrdesk.export.exporter import write_atomically
    from okrdesk.export.pdf.retro_doc import write_retro
    from okrdesk.models import PlanInfo

    if args.workshop is None:
        raise PlanFileError("cli.retro_needs_workshop")
    if args.file.suffix.lower() == ".json":
        raise PlanFileError("cli.retro_needs_plan_file", path=str(args.file))
    with PlanFile.open(args.file, read_only=True) as plan, plan.reader() as session:
        view = retrospective_view(session, args.workshop)
        marks = carry_marks(session, args.workshop)
        info = session.scalar(select(PlanInfo).limit(1))
        organisation = "" if info is None else info.organisation
    if view is None:
        raise PlanFileError("cli.no_workshop", id=args.workshop)
    texts = (organisation, view.title, view.unit)
    chinese = any("\u4e00" <= char <= "\u9fff" for text in texts for char in text)
    written_in = args.lang or ("zh_CN" if chinese else language)
    printed = clock().astimezone().date().isoformat()
    write_atomically(
        args.out,
        lambda stream: write_retro(
            view,
            marks,
            stream,
            organisation=organisation,
            language=written_in,
            printed=printed,
            paper=args.paper or "a4",
        ),
        protect=(args.file,),
    )
    print(translate("cli.exported", language, path=str(args.out)))
    return 0

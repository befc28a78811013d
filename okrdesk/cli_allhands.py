"""`okrdesk export PLAN OUT.pdf --document allhands [--workshop N]`: the all-hands slides."""

from __future__ import annotations

import argparse

from okrdesk.engine.context import Clock
from okrdesk.errors import PlanFileError
from okrdesk.messages import translate
from okrdesk.models.planfile import PlanFile


def export_allhands(args: argparse.Namespace, language: str, clock: Clock) -> int:
    """The workshop's all-hands (without --workshop: the company's latest approved OKRs), as
    of today on this computer's clock and in its time zone, one landscape page per slide."""
    from okrdesk.engine.allhands_view import allhands_view, allhands_workshop
    from okrdesk.export.exporter import write_atomically
    from okrdesk.export.pdf.allhands_doc import write_allhands
    from okrdesk.models import Workshop

    if args.file.suffix.lower() == ".json":
        raise PlanFileError("cli.allhands_needs_plan_file", path=str(args.file))
    now = clock().astimezone()
    with PlanFile.open(args.file, read_only=True) as plan, plan.reader() as session:
        if args.workshop is not None and session.get(Workshop, args.workshop) is None:
            raise PlanFileError("cli.no_workshop", id=args.workshop)
        workshop = args.workshop or allhands_workshop(session, now.date())
        view = None if workshop is None else allhands_view(session, workshop, now)
    if view is None:
        raise PlanFileError("cli.allhands_no_workshop", path=str(args.file))
    texts = (view.organisation, view.unit, *(o.title for o in view.objectives))
    chinese = any("\u4e00" <= char <= "\u9fff" for text in texts for char in text)
    written_in = args.lang or ("zh_CN" if chinese else language)
    write_atomically(
        args.out,
        lambda stream: write_allhands(
            view,
            stream,
            language=written_in,
            printed=now.date().isoformat(),
            paper=args.paper or "a4",
        ),
        protect=(args.file,),
    )
    print(translate("cli.exported", language, path=str(args.out)))
    return 0

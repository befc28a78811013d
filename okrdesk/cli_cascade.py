"""`okrdesk export PLAN OUT.pdf --document cascade [--workshop N]`: a cycle's cascade board."""

from __future__ import annotations

import argparse

from okrdesk.engine.context import Clock
from okrdesk.errors import PlanFileError
from okrdesk.messages import translate
from okrdesk.models.planfile import PlanFile


def export_cascade(args: argparse.Namespace, language: str, clock: Clock) -> int:
    """The board of the workshop's cycle (or of the cycle under way), as of today on this
    computer's clock and in its time zone."""
    from sqlalchemy import select

    from okrdesk.engine.cascade import cascade_board
    from okrdesk.engine.cascade_cycle import board_cycle_id
    from okrdesk.export.exporter import write_atomically
    from okrdesk.export.pdf.cascade_doc import write_cascade
    from okrdesk.models import PlanInfo, Workshop

    if args.file.suffix.lower() == ".json":
        raise PlanFileError("cli.cascade_needs_plan_file", path=str(args.file))
    now = clock().astimezone()
    assert now.tzinfo is not None
    with PlanFile.open(args.file, read_only=True) as plan, plan.reader() as session:
        if args.workshop is not None and session.get(Workshop, args.workshop) is None:
            raise PlanFileError("cli.no_workshop", id=args.workshop)
        cycle = board_cycle_id(session, args.workshop, now.date())
        board = None if cycle is None else cascade_board(session, cycle, now.date(), now.tzinfo)
        info = session.scalar(select(PlanInfo).limit(1))
        organisation = "" if info is None else info.organisation
    if board is None:
        raise PlanFileError("cli.cascade_no_cycle", path=str(args.file))
    texts = (organisation, *(unit.name for unit in board.units))
    chinese = any("\u4e00" <= char <= "\u9fff" for text in texts for char in text)
    written_in = args.lang or ("zh_CN" if chinese else language)
    write_atomically(
        args.out,
        lambda stream: write_cascade(
            board,
            stream,
            organisation=organisation,
            language=written_in,
            printed=now.date().isoformat(),
            paper=args.paper or "a4",
        ),
        protect=(args.file,),
    )
    print(translate("cli.exported", language, path=str(args.out)))
    return 0

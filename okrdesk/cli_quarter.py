"""The command line's commands for the rest of the quarter: check-ins (recorded one by one,
imported from the owners' sheet, or its template written), the review, and scores."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from okrdesk.engine.context import Clock
from okrdesk.errors import PlanFileError
from okrdesk.launch import path_argument
from okrdesk.messages import translate
from okrdesk.models.planfile import PlanFile, ReadOnly

if TYPE_CHECKING:
    from okrdesk.engine.editor import PlanEditor

QUARTER_COMMANDS = ("checkin", "review", "score")
CHECKIN_ACTIONS = ("import", "template", "record")
WORKBOOKS = (".xlsx", ".xlsm")
WRITE_REFUSED_BECAUSE: dict[str, str] = {
    ReadOnly.FOLDER: "file.import_folder_read_only",
    ReadOnly.FILE: "file.import_file_read_only",
}
AddParser = Callable[[str], argparse.ArgumentParser]


def _id(what: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text.removeprefix("#"))
        except ValueError as error:
            raise argparse.ArgumentTypeError(f"not a {what} id: {text!r}") from error
        if not 1 <= value < 2**62:
            raise argparse.ArgumentTypeError(f"not a {what} id: {text!r}")
        return value

    return parse


def add_quarter_parsers(
    add: AddParser,
    t: Callable[[str], str],
    lang: Callable[[argparse.ArgumentParser], None],
    workshop_id: Callable[[str], int],
    language: str,
) -> None:
    """The parsers of checkin (import / template / record), review and score."""
    checkin = add("checkin")
    actions = checkin.add_subparsers(
        dest="action", required=True, title=t("help.commands"), metavar="ACTION"
    )

    def action(name: str) -> argparse.ArgumentParser:
        described = t(f"help.checkin_{name}")
        sub: argparse.ArgumentParser = actions.add_parser(
            name,
            help=described,
            description=described[:1].upper() + described[1:],
            epilog=t("help.epilog"),
            language=language,
        )
        sub.add_argument("file", type=path_argument, metavar="PLAN", help=t("help.plan"))
        return sub

    imported = action("import")
    imported.add_argument("source", type=path_argument, metavar="FILE", help=t("help.sheet"))
    imported.add_argument(
        "--workshop", type=workshop_id, required=True, metavar="ID", help=t("help.workshop_review")
    )
    imported.add_argument("--encoding", help=t("help.encoding"))
    lang(imported)
    template = action("template")
    template.add_argument("out", type=path_argument, metavar="OUT", help=t("help.sheet_out"))
    template.add_argument(
        "--workshop", type=workshop_id, required=True, metavar="ID", help=t("help.workshop_review")
    )
    template.add_argument("--force", action="store_true", help=t("help.force_sheet"))
    lang(template)
    record = action("record")
    record.add_argument(
        "--kr", type=_id("key result"), required=True, metavar="ID", help=t("help.kr")
    )
    progress = record.add_mutually_exclusive_group(required=True)
    progress.add_argument("--value", metavar="NUMBER", help=t("help.checkin_value"))
    progress.add_argument("--done", action="store_true", default=None, help=t("help.checkin_done"))
    progress.add_argument("--percent", type=int, metavar="N", help=t("help.checkin_percent"))
    record.add_argument("--confidence", type=int, metavar="N", help=t("help.checkin_confidence"))
    record.add_argument("--comment", metavar="TEXT", help=t("help.checkin_comment"))
    record.add_argument("--who", metavar="NAME", help=t("help.checkin_who"))
    record.add_argument("--date", metavar="DATE", help=t("help.checkin_date"))
    lang(record)
    # The group's own help names every action's arguments (PLAN first), and --lang.
    checkin.epilog = t("help.checkin_epilog") + "\n\n" + t("help.epilog")
    checkin.add_argument(
        "--lang", choices=("en", "zh_CN"), default=argparse.SUPPRESS, help=t("help.lang")
    )

    review = add("review")
    review.add_argument("file", type=path_argument, metavar="PLAN", help=t("help.plan"))
    review.add_argument(
        "--workshop", type=workshop_id, required=True, metavar="ID", help=t("help.workshop_review")
    )
    review.add_argument("--json", action="store_true", help=t("help.review_json"))
    lang(review)

    score = add("score")
    score.add_argument("file", type=path_argument, metavar="PLAN", help=t("help.plan"))
    score.add_argument(
        "--kr", type=_id("key result"), required=True, metavar="ID", help=t("help.kr")
    )
    change = score.add_mutually_exclusive_group(required=True)
    change.add_argument("--set", metavar="SCORE", help=t("help.score_set"))
    change.add_argument("--clear", action="store_true", help=t("help.score_clear"))
    score.add_argument("--reason", metavar="TEXT", help=t("help.score_reason"))
    score.add_argument("--by", metavar="NAME", help=t("help.score_by"))
    lang(score)


@contextmanager
def _writable(path: Path, language: str) -> Iterator[PlanFile]:
    """The plan opened to change it; refused, saying why, when it cannot be written."""
    with PlanFile.open(path) as plan:
        if plan.recovery is not None:
            print(f"okrdesk: {plan.recovery.message(language)}", file=sys.stderr)
        if plan.read_only:
            because = WRITE_REFUSED_BECAUSE.get(plan.read_only_reason or "", "file.busy")
            raise PlanFileError(because, path=str(path))
        yield plan


def run_quarter(args: argparse.Namespace, language: str, clock: Clock) -> int:
    """Run checkin, review or score; the exit status."""
    if args.command == "review":
        return _review(args, language, clock)
    if args.command == "score":
        return _score(args, language, clock)
    if args.action == "import":
        return _import(args, language, clock)
    if args.action == "template":
        return _template(args, language, clock)
    return _record(args, language, clock)


def _review(args: argparse.Namespace, language: str, clock: Clock) -> int:
    from okrdesk.engine.review_view import review_view
    from okrdesk.export.review_text import review_lines, review_to_json

    with PlanFile.open(args.file) as plan, plan.reader() as session:
        view = review_view(session, args.workshop, clock())
    if view is None:
        raise PlanFileError("cli.no_workshop", id=args.workshop)
    if args.json:
        print(json.dumps(review_to_json(view), ensure_ascii=False, indent=2))
    else:
        print("\n".join(review_lines(view, language)))
    return 0


def _score(args: argparse.Namespace, language: str, clock: Clock) -> int:
    from okrdesk.engine.checkin_ops import AdjustScore, ClearScoreAdjustment
    from okrdesk.engine.editor import PlanEditor
    from okrdesk.engine.scoring import key_result_score
    from okrdesk.export.review_text import score_words

    if args.clear and args.reason is not None:
        raise PlanFileError("cli.clear_takes_no_reason")
    with _writable(args.file, language) as plan:
        editor = PlanEditor(plan, clock)
        _check_key_result(editor, args.kr)
        if args.clear:
            editor.apply(ClearScoreAdjustment(args.kr, by=args.by))
        else:
            editor.apply(AdjustScore(args.kr, args.set, args.reason or "", by=args.by))
        view = editor.view(key_result_score, args.kr)
    assert view is not None
    print(translate("cli.scored", language, id=args.kr, score=score_words(view.score, language)))
    return 0


def _check_key_result(editor: PlanEditor, key_result_id: int) -> None:
    """Say a key result id the plan does not have as such (not as "that item no longer
    exists", which is the window's word for an item deleted meanwhile)."""
    from okrdesk.models import KeyResult

    with editor.reading() as session:
        if session.get(KeyResult, key_result_id) is None:
            raise PlanFileError("cli.no_key_result", id=key_result_id)


def _record(args: argparse.Namespace, language: str, clock: Clock) -> int:
    from okrdesk.engine.checkin_cells import when_of
    from okrdesk.engine.checkin_ops import RecordCheckIn
    from okrdesk.engine.editor import PlanEditor

    at = None if args.date is None else when_of(args.date, _zone())
    with _writable(args.file, language) as plan:
        editor = PlanEditor(plan, clock)
        _check_key_result(editor, args.kr)
        editor.apply(
            RecordCheckIn(
                args.kr,
                value=args.value,
                done=args.done,
                percent=args.percent,
                confidence=args.confidence,
                comment=args.comment,
                who=args.who,
                at=at,
            )
        )
    print(translate("cli.checked_in", language, id=args.kr))
    return 0


def _zone() -> tzinfo:
    """The laptop's time zone: a date in a sheet or on the command line is a local date."""
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def _import(args: argparse.Namespace, language: str, clock: Clock) -> int:
    from okrdesk.engine.checkin_import import ImportCheckIns, arrival, read_check_in_sheet
    from okrdesk.engine.editor import PlanEditor
    from okrdesk.engine.source_files import read_source

    if args.encoding is not None and args.source.suffix.lower() in WORKBOOKS:
        raise PlanFileError("cli.encoding_not_for_workbook", path=str(args.source))
    source = read_source(args.source, args.encoding)
    with _writable(args.file, language) as plan:
        editor = PlanEditor(plan, clock)
        sheet = editor.view(read_check_in_sheet, args.workshop, source.rows, clock(), _zone())
        if not sheet.ready:
            for line in sheet.refusals(language):
                print(f"okrdesk: {line}", file=sys.stderr)
            if sheet.refusal is None and sheet.problems:
                print(f"okrdesk: {translate('cli.nothing_imported', language)}", file=sys.stderr)
            return 1
        change = editor.apply(ImportCheckIns(args.workshop, sheet.entries))
    print(arrival(change.result, language, sheet, source.encoding))
    return 0


def _template(args: argparse.Namespace, language: str, clock: Clock) -> int:
    from okrdesk.engine.review_view import review_view
    from okrdesk.export.checkin_template import write_check_in_template

    if not args.force and args.out.exists():
        raise PlanFileError("cli.export_exists", path=str(args.out))
    with PlanFile.open(args.file) as plan, plan.reader() as session:
        view = review_view(session, args.workshop, clock())
    if view is None:
        raise PlanFileError("cli.no_workshop", id=args.workshop)
    if not view.approved:
        raise PlanFileError("rule.check_in_not_approved", title=view.title)
    write_check_in_template(view, args.out, language, protect=(args.file,))
    print(translate("cli.exported", language, path=str(args.out)))
    return 0


def export_review(args: argparse.Namespace, language: str, clock: Clock) -> int:
    """`export PLAN OUT.pdf --document review --workshop N`: the workshop's progress review."""
    from sqlalchemy import select

    from okrdesk.engine.review_view import review_view
    from okrdesk.export.exporter import write_atomically
    from okrdesk.export.pdf.review_doc import write_review
    from okrdesk.models import PlanInfo

    if args.workshop is None:
        raise PlanFileError("cli.review_needs_workshop")
    if args.file.suffix.lower() == ".json":
        raise PlanFileError("cli.review_needs_plan_file", path=str(args.file))
    with PlanFile.open(args.file, read_only=True) as plan, plan.reader() as session:
        view = review_view(session, args.workshop, clock())
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
        lambda stream: write_review(
            view,
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

"""The okrdesk command line: start the app, or work on plan files headless."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.exc import DatabaseError

from okrdesk.cli_quarter import QUARTER_COMMANDS, add_quarter_parsers, export_review, run_quarter
from okrdesk.engine.context import Clock
from okrdesk.engine.sources import read_snapshot
from okrdesk.errors import OkrdeskError, PlanFileError
from okrdesk.export import DOCUMENTS
from okrdesk.launch import COMMAND_HELP, COMMANDS, UsageError, requested_language, unknown_command
from okrdesk.launch import Parser as _Parser
from okrdesk.launch import path_argument as _path
from okrdesk.launch import window_parser as _parser
from okrdesk.messages import LANGUAGES, translate
from okrdesk.models import Workshop
from okrdesk.models.planfile import PlanFile, ReadOnly
from okrdesk.models.storage_errors import storage_error
from okrdesk.models.types import utc_now

STORE_COMMANDS = ("publish", "pull", "store")
EXIT_FINDINGS = 1
EXIT_USAGE = 2
PAPERS = ("a4", "letter")
# Options of export that only a PDF has (an export to another format refuses them).
PDF_ONLY = (("--paper", "paper"), ("--document", "document"))
WORKBOOKS = (".xlsx", ".xlsm")
# Why import cannot write the plan, by PlanFile.read_only_reason (else: another window).
IMPORT_REFUSED_BECAUSE: dict[str, str] = {
    ReadOnly.FOLDER: "file.import_folder_read_only",
    ReadOnly.FILE: "file.import_file_read_only",
}


def _workshop_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a workshop id: {text!r}") from error
    if not 1 <= value < 2**62:
        raise argparse.ArgumentTypeError(f"not a workshop id: {text!r}")
    return value


def write_demo(path: Path, stage: str, language: str) -> None:
    """The demo command's work (the demo's module, and every operation it runs, are
    imported for this command only: an export does not wait for them)."""
    from okrdesk.demo import write_demo as write

    write(path, stage, language)


def _command_parser(command: str | None = None, language: str = "en") -> argparse.ArgumentParser:
    """The commands' parser, its help in the language; the demo's stages are looked up for
    the demo command only."""

    def t(message_id: str) -> str:
        return translate(message_id, language)

    parser = _Parser(prog="okrdesk", language=language)
    commands = parser.add_subparsers(
        dest="command", required=True, title=t("help.commands"), metavar="COMMAND"
    )

    def add(name: str) -> argparse.ArgumentParser:
        described = t(COMMAND_HELP[name])
        sub: argparse.ArgumentParser = commands.add_parser(
            name,
            help=described,
            description=described[:1].upper()
            + described[1:]
            + ("。" if language == "zh_CN" else "."),
            epilog=t("help.epilog"),
            language=language,
        )
        return sub

    def lang(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--lang", choices=LANGUAGES, help=t("help.lang"))

    demo = add("demo")
    demo.add_argument("out", type=_path, metavar="OUT", help=t("help.demo_out"))
    if command == "demo":
        from okrdesk.demo import ALL_STAGES

        demo.add_argument("--stage", choices=ALL_STAGES, default="signed", help=t("help.stage"))
    lang(demo)
    info = add("info")
    info.add_argument("file", type=_path, metavar="PLAN", help=t("help.plan"))
    info.add_argument("--json", action="store_true", help=t("help.info_json"))
    info.add_argument("--workshop", type=_workshop_id, metavar="ID", help=t("help.workshop_info"))
    lang(info)
    source = add("import")
    source.add_argument("file", type=_path, metavar="PLAN", help=t("help.plan"))
    source.add_argument("source", type=_path, metavar="SOURCE", help=t("help.source"))
    source.add_argument(
        "--workshop",
        type=_workshop_id,
        required=True,
        metavar="ID",
        help=t("help.workshop_import"),
    )
    lang(source)
    source.add_argument("--encoding", help=t("help.encoding"))
    source.add_argument("--idea-column", metavar="COLUMN", help=t("help.idea_column"))
    source.add_argument("--author-column", metavar="COLUMN", help=t("help.author_column"))
    source.add_argument("--department-column", metavar="COLUMN", help=t("help.department_column"))
    check = add("check")
    check.add_argument("file", type=_path, metavar="PLAN", help=t("help.plan"))
    check.add_argument("--workshop", type=_workshop_id, metavar="ID", help=t("help.workshop_check"))
    lang(check)
    check.add_argument("--json", action="store_true", help=t("help.check_json"))
    export = add("export")
    export.add_argument("file", type=_path, metavar="PLAN", help=t("help.plan"))
    export.add_argument("out", type=_path, metavar="OUT", help=t("help.export_out"))
    export.add_argument(
        "--workshop", type=_workshop_id, metavar="ID", help=t("help.workshop_export")
    )
    lang(export)
    # PDF only: left unset (None) so that one given for another format is refused.
    export.add_argument("--paper", choices=PAPERS, help=t("help.paper"))
    export.add_argument("--document", choices=DOCUMENTS, help=t("help.document"))
    export.add_argument("--force", action="store_true", help=t("help.force"))
    room = add("room")
    room.description = (room.description or "") + ("" if language == "zh_CN" else " ")
    room.description += t("cli.room_commands")  # what the facilitator may type meanwhile
    room.add_argument("file", type=_path, metavar="PLAN", help=t("help.plan"))
    room.add_argument(
        "--workshop", type=_workshop_id, required=True, metavar="ID", help=t("help.workshop_room")
    )
    room.add_argument("--host", default="0.0.0.0", metavar="ADDR", help=t("help.room_host"))
    room.add_argument("--port", type=_port, default=0, metavar="N", help=t("help.room_port"))
    walk_ins = room.add_mutually_exclusive_group()
    walk_ins.add_argument(
        "--walk-ins", action="store_true", default=None, help=t("help.room_walk_ins")
    )
    walk_ins.add_argument(
        "--no-walk-ins", dest="walk_ins", action="store_false", help=t("help.room_no_walk_ins")
    )
    lang(room)
    if command in STORE_COMMANDS or command is None:
        from okrdesk.store.commands import add_store_commands

        add_store_commands(add, lang, t)
    add_quarter_parsers(add, t, lang, _workshop_id, language)
    return parser


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a port: {text!r}") from error
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"not a port: {text!r}")
    return value


def main(argv: Sequence[str] | None = None, clock: Clock = utc_now) -> int:
    """Run okrdesk; the clock dates a running phase in what is printed (tests fix it)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    language = requested_language(args_list)
    command = bool(args_list) and args_list[0] in COMMANDS
    unknown = unknown_command(args_list, language)
    if unknown is not None:
        print(f"okrdesk: {unknown}", file=sys.stderr)
        return EXIT_USAGE
    try:
        parser = _command_parser(args_list[0], language) if command else _parser(language)
        args = parser.parse_args(args_list)
    except UsageError as error:
        print(f"okrdesk: {error}", file=sys.stderr)
        return EXIT_USAGE
    language = args.lang or language
    try:
        return _run_command(args, language, clock) if command else _run_app(args, language)
    except OkrdeskError as error:
        print(f"okrdesk: {error.message(language)}", file=sys.stderr)
    except BrokenPipeError:
        # The reader (e.g. `head`) stopped listening; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # a last resort: one line, never a traceback
        print(f"okrdesk: {_failure(error, args, language)}", file=sys.stderr)
    return EXIT_USAGE


def _failure(error: Exception, args: argparse.Namespace, language: str) -> str:
    """One line for an error no refusal named: its own cause when it has one.

    A full disk, an I/O error, a read-only file or missing permission is said as such.
    Otherwise, content that passed SQLite's checks but is not what okrdesk wrote is a
    damaged plan; a command that reads no file (demo) has no such excuse: a plain failure.
    """
    path = getattr(args, "file", None)
    refusal = storage_error(error, path or getattr(args, "out", None) or Path())
    if refusal is not None:
        return refusal.message(language)
    content = (DatabaseError, sqlite3.DatabaseError, UnicodeDecodeError, ValueError, LookupError)
    if path is not None and isinstance(error, content):
        return translate("file.damaged", language, path=str(path))
    return translate("cli.unexpected", language, error=error)


def _run_command(args: argparse.Namespace, language: str, clock: Clock) -> int:
    if args.command == "demo":
        write_demo(args.out, args.stage, args.lang or language)
        print(translate("cli.demo_written", language, path=str(args.out), stage=args.stage))
        return 0
    if args.command == "info":
        snapshot = read_snapshot(args.file, clock, args.workshop)
        if args.workshop is not None and not snapshot.workshops:
            raise PlanFileError("cli.no_workshop", id=args.workshop)
        if args.json:
            from okrdesk.export.plan_json import plan_to_json

            print(json.dumps(plan_to_json(snapshot), ensure_ascii=False, indent=2))
        else:
            from okrdesk.export.summary import plan_summary

            print(plan_summary(snapshot, str(args.file), language))
        return 0
    if args.command == "check":
        return _check(args, language, clock)
    if args.command in QUARTER_COMMANDS:
        return run_quarter(args, language, clock)
    if args.command in STORE_COMMANDS:
        # Imported for these commands only: the others never load the PostgreSQL driver.
        from okrdesk.store.commands import run_store_command

        return run_store_command(args, language, clock)
    if args.command == "room":
        # Imported for this command only: the other commands never load aiohttp.
        from okrdesk.room.run import serve

        # The facilitator's commands come from the terminal (None under pythonw on Windows).
        return serve(
            args.file, args.workshop, args.host, args.port, language, args.walk_ins, sys.stdin
        )
    if args.command == "export":
        # Imported for export only: the documents load reportlab, which info never needs.
        from okrdesk.export.exporter import export
        from okrdesk.export.report import content_language

        _check_export_options(args)
        if args.document == "review":  # read from the plan's check-ins, not its snapshot
            return export_review(args, language, clock)
        if args.document == "allhands":  # the slides, read from the plan as it is today
            from okrdesk.cli_allhands import export_allhands

            return export_allhands(args, language, clock)
        if args.document == "cascade":  # a cycle's board, read from the plan as it is today
            from okrdesk.cli_cascade import export_cascade

            return export_cascade(args, language, clock)
        if args.document == "retro":  # the retrospective, read from the plan as it is today
            from okrdesk.cli_retro import export_retro

            return export_retro(args, language, clock)
        # One workshop's export reads that workshop only; the alignment tree shows its cycle.
        whole_cycle = args.document == "alignment" and args.out.suffix.lower() == ".pdf"
        one = None if whole_cycle else args.workshop
        snapshot = read_snapshot(args.file, clock, one)
        # Without --lang, a plan written in Chinese gets Chinese headings around it.
        written_in = args.lang or content_language(snapshot) or language
        export(
            snapshot,
            args.out,
            language=written_in,
            workshop_id=args.workshop,
            paper=args.paper or "a4",
            document=args.document or "handout",
            today=clock().astimezone().date(),  # the date printed on it, by the same clock
            protect=(args.file,),
        )
        print(translate("cli.exported", language, path=str(args.out)))
        return 0
    return _import(args, language)


def _check_export_options(args: argparse.Namespace) -> None:
    """One policy with demo: an existing file is not replaced (unless --force says so); an
    option that does not apply to the format is refused, not ignored."""
    from okrdesk.export.exporter import check_target

    if args.out.suffix.lower() != ".pdf":
        for option, name in PDF_ONLY:
            if getattr(args, name) is not None:
                raise PlanFileError("cli.option_not_for_format", option=option, path=str(args.out))
    check_target(args.out, (args.file,))  # the plan itself is refused as such, even with --force
    # A link is judged by the file it leads to: a link to no file yet replaces nothing.
    if not args.force and args.out.exists():
        raise PlanFileError("cli.export_exists", path=str(args.out))


def _check(args: argparse.Namespace, language: str, clock: Clock) -> int:
    """Quality findings, readable or as JSON; exit 0 with none, 1 with some."""
    from okrdesk.engine.quality import check_plan

    snapshot = read_snapshot(args.file, clock, args.workshop)  # that workshop alone, if one
    if args.workshop is not None and all(w.id != args.workshop for w in snapshot.workshops):
        raise PlanFileError("cli.no_workshop", id=args.workshop)
    findings = check_plan(snapshot, args.workshop)
    if args.json:
        document = [
            {
                "rule": f.rule,
                "workshop": f.workshop,
                "objective": f.objective,
                "key_result": f.key_result,
                "message": f.message(language),
            }
            for f in findings
        ]
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(f"[{finding.rule}] {finding.workshop}: {finding.message(language)}")
        if not findings:
            print(translate("cli.no_findings", language))
    return EXIT_FINDINGS if findings else 0


def _import(args: argparse.Namespace, language: str) -> int:
    from okrdesk.engine.editor import PlanEditor
    from okrdesk.engine.importer import (
        ImportIdeas,
        arrival,
        columns_for,
        plan_import,
        read_source,
    )

    if args.encoding is not None and args.source.suffix.lower() in WORKBOOKS:
        raise PlanFileError("cli.encoding_not_for_workbook", path=str(args.source))
    source = read_source(args.source, args.encoding)
    columns = columns_for(source.rows, args.idea_column, args.author_column, args.department_column)
    plan_rows = plan_import(source.rows, columns)
    with PlanFile.open(args.file) as plan:
        if plan.recovery is not None:
            print(f"okrdesk: {plan.recovery.message(language)}", file=sys.stderr)
        if plan.read_only:
            because = IMPORT_REFUSED_BECAUSE.get(plan.read_only_reason or "", "file.busy")
            raise PlanFileError(because, path=str(args.file))
        with plan.reader() as session:
            if session.get(Workshop, args.workshop) is None:
                raise PlanFileError("cli.no_workshop", id=args.workshop)
        change = PlanEditor(plan).apply(ImportIdeas(args.workshop, plan_rows.rows))
    print(arrival(change.result, language, source.encoding, plan_rows.skipped))
    return 0


def _run_app(args: argparse.Namespace, language: str) -> int:
    """Start the facilitator's window (Qt is imported only for this).

    The window paints first and opens the plan after; a file it cannot open is said in
    the window, as File > Open says it (an older plan is upgraded, keeping a backup).
    """
    from okrdesk.ui.app import run_app

    return run_app(args.file, args.demo, args.lang)

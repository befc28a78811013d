"""The ``okrdesk`` command's entry: the window, started light, or one of the commands.

Starting the window imports only Qt and the window's shell, so its first frame (the plan's
name and the phases) is painted before the database layer loads; a command (info, export...)
is handed to okrdesk.cli, which loads everything it needs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from okrdesk import __version__
from okrdesk.messages import LANGUAGES

COMMANDS = ("demo", "info", "import", "check", "export")
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad command-line arguments."""


class Parser(argparse.ArgumentParser):
    """argparse that reports a mistake as one line (not usage plus a traceback)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def path_argument(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("a file name is needed")
    return Path(text)


def window_parser() -> argparse.ArgumentParser:
    """The arguments of the window: ``okrdesk [--lang L] [--demo] [FILE]``."""
    parser = Parser(
        prog="okrdesk",
        description="A desktop facilitator for OKR-setting workshops.",
        epilog="Commands: demo OUT | info FILE | import FILE SRC | check FILE | export FILE OUT",
    )
    parser.add_argument("--version", action="version", version=f"okrdesk {__version__}")
    parser.add_argument("--lang", choices=LANGUAGES, help="language of the interface")
    parser.add_argument("--demo", action="store_true", help="open a fresh demo plan (a copy)")
    parser.add_argument("file", nargs="?", type=path_argument, help="plan file to open")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Start the window, or run the command named first."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in COMMANDS:
        from okrdesk.cli import main as run_command

        return run_command(args_list)
    try:
        args = window_parser().parse_args(args_list)
    except UsageError as error:
        print(f"okrdesk: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    from okrdesk.ui.app import run_app

    return run_app(args.file, args.demo, args.lang)

"""The ``okrdesk`` command's entry: the window, started light, or one of the commands.

Starting the window imports only Qt and the window's shell, so its first frame (the plan's
name and the phases) is painted before the database layer loads; a command (info, export...)
is handed to okrdesk.cli, which loads everything it needs.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from okrdesk import __version__
from okrdesk.messages import LANGUAGES, system_language, translate
from okrdesk.usage_errors import usage_error

COMMANDS = (
    "demo",
    "info",
    "import",
    "check",
    "export",
    "room",
    "checkin",
    "review",
    "score",
    "publish",
    "pull",
    "store",
)
# Each command's one line in `okrdesk --help` (a message id).
COMMAND_HELP = {
    "demo": "help.demo",
    "info": "help.info",
    "import": "help.import",
    "check": "help.check",
    "export": "help.export",
    "room": "help.room",
    "checkin": "help.checkin",
    "review": "help.review",
    "score": "help.score",
    "publish": "help.publish",
    "pull": "help.pull",
    "store": "help.store",
}
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad command-line arguments."""


class Parser(argparse.ArgumentParser):
    """argparse that reports a mistake as one line (not usage plus a traceback), and
    whose help speaks the user's language (its headings too)."""

    def __init__(
        self,
        prog: str | None = None,
        usage: str | None = None,
        description: str | None = None,
        epilog: str | None = None,
        *,
        language: str = "en",
    ) -> None:
        super().__init__(
            prog=prog,
            usage=usage,
            description=description,
            epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            add_help=False,
        )
        self.language = language
        self._positionals.title = translate("help.arguments", language)
        self._optionals.title = translate("help.options", language)
        self.add_argument("-h", "--help", action="help", help=translate("help.help", language))

    def format_usage(self) -> str:
        return _usage_in(super().format_usage(), self.language)

    def format_help(self) -> str:
        return _usage_in(super().format_help(), self.language)

    def error(self, message: str) -> NoReturn:
        # argparse's own words ("the following arguments are required") in our language.
        raise UsageError(usage_error(message, self.language))


def _usage_in(text: str, language: str) -> str:
    return text.replace("usage: ", translate("help.usage", language), 1)


def requested_language(args: Sequence[str]) -> str:
    """The language asked for by --lang among the arguments, else the system's."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args) and args[index + 1] in LANGUAGES:
            return args[index + 1]
        if arg.startswith("--lang=") and arg.removeprefix("--lang=") in LANGUAGES:
            return arg.removeprefix("--lang=")
    return system_language()


def unknown_command(args: Sequence[str], language: str) -> str | None:
    """What to say when the first argument looks like a mistyped command, else None.

    A first argument that is no option, no existing file and no file name (no extension,
    no folder) is taken as a command: `okrdesk exprot ...` is not a plan to open.
    """
    if args and args[0] in COMMANDS:
        return None
    first = _first_positional(args)
    if first is None:
        return None
    path = Path(first)
    if path.exists() or path.suffix or "/" in first or "\\" in first:
        return None
    close = difflib.get_close_matches(first.lower(), COMMANDS, n=1, cutoff=0.6)
    suggestion = translate("cli.did_you_mean", language, command=close[0]) if close else ""
    return translate("cli.unknown_command", language, command=first, suggestion=suggestion)


def path_argument(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("a file name is needed")
    return Path(text)


def _first_positional(args: Sequence[str]) -> str | None:
    """The first argument that is neither an option nor --lang's value."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif arg == "--":
            continue
        elif not arg.startswith("-"):
            return arg
    return None


def window_parser(language: str | None = None) -> argparse.ArgumentParser:
    """The arguments of the window: ``okrdesk [--lang L] [--demo] [FILE]``; its help lists
    the commands, each with one line."""
    language = language or system_language()

    def t(message_id: str) -> str:
        return translate(message_id, language)

    width = max(len(name) for name in COMMANDS) + 2
    commands = "\n".join(f"  {name.ljust(width)}{t(COMMAND_HELP[name])}" for name in COMMANDS)
    parser = Parser(
        prog="okrdesk",
        usage="okrdesk [-h] [--version] [--lang {en,zh_CN}] [--demo] [FILE]\n"
        "       okrdesk COMMAND [--help] ...",
        description=t("help.description"),
        epilog=f"{t('help.commands')}:\n{commands}\n\n{t('help.epilog')}",
        language=language,
    )
    parser.add_argument(
        "--version", action="version", version=f"okrdesk {__version__}", help=t("help.version")
    )
    parser.add_argument("--lang", choices=LANGUAGES, help=t("help.lang_window"))
    parser.add_argument("--demo", action="store_true", help=t("help.demo_window"))
    parser.add_argument(
        "file", nargs="?", type=path_argument, metavar="FILE", help=t("help.file_window")
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Start the window, or run the command named first."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in COMMANDS:
        from okrdesk.cli import main as run_command

        return run_command(args_list)
    language = requested_language(args_list)
    unknown = unknown_command(args_list, language)
    if unknown is not None:
        print(f"okrdesk: {unknown}", file=sys.stderr)
        return EXIT_USAGE
    try:
        args = window_parser(language).parse_args(args_list)
    except UsageError as error:
        print(f"okrdesk: {error}", file=sys.stderr)
        return EXIT_USAGE
    from okrdesk.ui.app import run_app

    return run_app(args.file, args.demo, args.lang)

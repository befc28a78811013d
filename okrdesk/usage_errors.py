"""argparse's own mistakes ("the following arguments are required: …") in the command line's
language.

argparse writes its errors in English through gettext, formatted before okrdesk sees them.
Rather than install a translation for the whole process (a global), the parser's ``error``
recognises each of argparse's sentences by its shape and says it again from okrdesk's own
message catalogue; a sentence it does not know stays as argparse wrote it.
"""

from __future__ import annotations

import re

from okrdesk.messages import translate

# argparse's sentences (Python 3.11-3.13) and ours from argument types, each a message id.
SENTENCES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), message_id)
    for pattern, message_id in (
        (r"the following arguments are required: (?P<arguments>.+)", "usage.required"),
        (r"unrecognized arguments: (?P<arguments>.+)", "usage.unrecognized"),
        (r"expected one argument", "usage.expected_one"),
        (r"expected at most one argument", "usage.expected_at_most_one"),
        (r"expected at least one argument", "usage.expected_at_least_one"),
        (r"expected (?P<count>\d+) arguments?", "usage.expected_count"),
        (
            r"invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)",
            "usage.invalid_choice",
        ),
        (r"invalid (?P<kind>\S+) value: (?P<value>.+)", "usage.invalid_value"),
        (r"not allowed with argument (?P<other>.+)", "usage.not_allowed_with"),
        (r"ignored explicit argument (?P<value>.+)", "usage.ignored_explicit"),
        (r"one of the arguments (?P<arguments>.+) is required", "usage.one_required"),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", "usage.ambiguous"),
        (r"not a workshop id: (?P<value>.+)", "usage.not_a_workshop_id"),
        (r"a file name is needed", "usage.file_name_needed"),
    )
)
# argparse's frame around a sentence about one argument.
ABOUT_ARGUMENT = re.compile(r"argument (?P<argument>[^:]+): (?P<sentence>.+)", re.DOTALL)


def usage_error(message: str, language: str) -> str:
    """argparse's error message said in the language (the whole line after "okrdesk: ")."""
    return translate("usage.error", language, message=said_in(message, language))


def said_in(message: str, language: str) -> str:
    """One of argparse's sentences in the language; one it does not know, as it is."""
    about = ABOUT_ARGUMENT.fullmatch(message)
    if about is not None:
        sentence = said_in(about["sentence"], language)
        return translate("usage.argument", language, argument=about["argument"], message=sentence)
    for pattern, message_id in SENTENCES:
        found = pattern.fullmatch(message)
        if found is not None:
            return translate(message_id, language, **found.groupdict())
    return message

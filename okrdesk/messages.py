"""Translatable messages for everything below the UI, looked up by a stable id."""

from __future__ import annotations

import json
import locale
import os
from functools import cache
from typing import Any

from okrdesk.resource_paths import resource_path

LANGUAGES = ("en", "zh_CN")
DEFAULT_LANGUAGE = "en"
_TRANSLATED_PARAMS = frozenset({"field", "phase", "encoding"})


@cache
def catalogue(language: str) -> dict[str, str]:
    """The message texts of one language (read once, never changed)."""
    path = resource_path("i18n", f"messages.{language}.json")
    with path.open(encoding="utf-8") as handle:
        data: dict[str, str] = json.load(handle)
    return data


def normalise_language(language: str | None) -> str:
    """Map a locale name such as 'zh_CN.UTF-8', 'zh-Hans' or 'en_GB' to a shipped language."""
    if not language:
        return DEFAULT_LANGUAGE
    lowered = language.replace("-", "_").lower()
    if lowered.startswith("zh"):
        return "zh_CN"
    return DEFAULT_LANGUAGE


def system_language() -> str:
    """The language the user's environment asks for, as a shipped language."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value:
            return normalise_language(value.split(":")[0])
    return normalise_language(locale.getlocale()[0])


def translate(message_id: str, language: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """The message text in the language, with its parameters filled in."""
    texts = catalogue(normalise_language(language))
    template = texts.get(message_id) or catalogue(DEFAULT_LANGUAGE).get(message_id, message_id)
    for name in _TRANSLATED_PARAMS.intersection(params):
        # Field, phase and encoding names are words of the message's language too (an
        # encoding the catalogue does not name keeps its codec name, e.g. "mac-cyrillic").
        key = f"{name}.{params[name]}"
        if key in catalogue(DEFAULT_LANGUAGE):
            params = {**params, name: translate(key, language)}
    return template.format(**params)

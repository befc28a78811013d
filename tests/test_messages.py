"""Every message the code can show exists in English and Chinese, with the same placeholders."""

import re
import string
from pathlib import Path

import pytest

from okrdesk.messages import catalogue, normalise_language, system_language, translate

SOURCE = Path(__file__).resolve().parent.parent / "okrdesk"
PREFIXES = (
    "file",
    "validation",
    "rule",
    "voting",
    "phase",
    "confirm",
    "notice",
    "op",
    "summary",
    "cli",
    "import",
    "pdf",
    "store",
)
USED = re.compile(r'"((?:{})\.[a-z_]+)"'.format("|".join(PREFIXES)))


def used_ids():
    ids = set()
    for path in SOURCE.rglob("*.py"):
        ids.update(USED.findall(path.read_text(encoding="utf-8")))
    return ids


def placeholders(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_messages():
    assert set(catalogue("en")) == set(catalogue("zh_CN"))


def test_every_message_id_in_the_code_is_translated():
    missing = used_ids() - set(catalogue("en"))
    # f-string ids built at run time are checked by their own tests (signoff_*, field.*, phase.*).
    assert missing == set()


@pytest.mark.parametrize("message_id", sorted(catalogue("en")))
def test_placeholders_match_between_languages(message_id):
    assert placeholders(catalogue("en")[message_id]) == placeholders(catalogue("zh_CN")[message_id])


def test_chinese_messages_are_chinese():
    untranslated = [
        key
        for key, text in catalogue("zh_CN").items()
        if not re.search(r"[\u4e00-\u9fff]", text) and key not in {"summary.by_date"}
    ]
    assert untranslated == []


def test_field_and_phase_names_are_translated_inside_messages():
    assert translate("validation.empty", "zh_CN", field="key_result") == "关键结果不能为空。"
    assert translate("op.change_phase", "zh_CN", phase="vote") == "进入「投票」"
    assert translate("op.change_phase", "en", phase="signoff") == "Go to Sign-off"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("zh_CN.UTF-8", "zh_CN"),
        ("zh-Hans", "zh_CN"),
        ("zh_TW", "zh_CN"),
        ("en_GB.UTF-8", "en"),
        ("fr_FR", "en"),
        (None, "en"),
        ("", "en"),
    ],
)
def test_locale_names_map_to_a_shipped_language(given, expected):
    assert normalise_language(given) == expected


def test_system_language_follows_the_environment(monkeypatch):
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert system_language() == "zh_CN"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert system_language() == "en"

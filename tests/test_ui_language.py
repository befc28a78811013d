"""Chinese and English: complete catalogues, and switching language keeps the work in place."""

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from PySide6.QtCore import QTranslator

from okrdesk.engine import ops
from okrdesk.models import Phase
from okrdesk.resource_paths import resource_path
from tests.ui_helpers import empty_workshop_plan, open_window

UI = Path(__file__).resolve().parent.parent / "okrdesk" / "ui"


def test_every_window_string_has_a_finished_chinese_translation():
    messages = ElementTree.parse(resource_path("i18n", "okrdesk_zh_CN.ts")).findall(".//message")
    unfinished = [
        m.findtext("source")
        for m in messages
        if m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
        or not "".join(m.find("translation").itertext()).strip()
    ]
    assert messages and unfinished == []


def test_the_catalogue_covers_every_tr_call_in_the_code():
    sources = {
        m.findtext("source")
        for m in ElementTree.parse(resource_path("i18n", "okrdesk_zh_CN.ts")).findall(".//message")
    }
    # Single-line literals passed to tr() (multi-line ones are covered by lupdate in CI).
    used = set()
    for path in UI.rglob("*.py"):
        used.update(re.findall(r'\btr\("((?:[^"\\]|\\.)+)"\)', path.read_text(encoding="utf-8")))
    missing = {text for text in used if text.replace('\\"', '"') not in sources}
    assert missing == set()


def test_the_compiled_catalogue_is_shipped_and_translates():
    translator = QTranslator()
    assert translator.load(str(resource_path("i18n", "okrdesk_zh_CN.qm")))
    assert translator.translate("Phase", "Brainstorm") == "头脑风暴"


def test_switching_language_keeps_the_workshop_phase_and_undo_history(qtbot, tmp_path):
    path = tmp_path / "plan.okrdesk"
    workshop = empty_workshop_plan(path)
    window = open_window(qtbot, path, "en")
    window.session.run(ops.ChangePhase(workshop, Phase.BRAINSTORM))
    page = window.view.pages[Phase.BRAINSTORM]
    page.entry.setText("half-typed idea")
    window.session.run(ops.AddIdea(workshop, "first"))
    assert window.file_menu.title() == "&File"
    window.set_language("zh_CN")
    assert window.file_menu.title() == "文件(&F)"
    assert page.title.text() == "头脑风暴：候选目标"
    assert window.windowTitle().endswith("头脑风暴")
    assert page.entry.text() == "half-typed idea"  # nothing typed is lost
    assert window.view.phase == Phase.BRAINSTORM and page.cards.rowCount() == 1
    window.edit_menu.aboutToShow.emit()
    assert window.undo_action.text() == "撤销 添加想法(&U)"
    window.session.run(ops.AddIdea(workshop, " "))
    assert window.view.messages.text() == "想法不能为空。"
    window.set_language("en")
    assert (
        window.file_menu.title() == "&File"
        and page.title.text() == "Brainstorm: candidate objectives"
    )
    window.edit_menu.aboutToShow.emit()
    assert window.undo_action.text() == "&Undo Add idea"


def test_file_dialog_filters_keep_their_ascii_parentheses_in_chinese():
    """Qt finds a filter's patterns between ASCII parentheses; full-width ones hide them."""
    tree = ElementTree.parse(resource_path("i18n", "okrdesk_zh_CN.ts"))
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        patterns = re.findall(r"\((\*[^)]*)\)", source)
        if patterns:
            translation = message.findtext("translation") or ""
            assert re.findall(r"\((\*[^)]*)\)", translation) == patterns, translation

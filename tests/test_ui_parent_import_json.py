"""File > Import Parent OKRs with malformed plan JSON: a clear message, the plan unchanged."""

import pytest

from tests.conftest import table_state
from tests.malformed_plan_json import MALFORMED, plan_document, text_of
from tests.ui_helpers import empty_workshop_plan, open_window


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_malformed_document_is_refused_in_the_message_bar_and_changes_nothing(
    qtbot, tmp_path, monkeypatch, language
):
    from okrdesk.ui import parent_import_dialog

    path = tmp_path / "sales.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path, language)
    asked = []
    monkeypatch.setattr(
        parent_import_dialog,
        "choose",
        lambda *args: asked.append(args) or parent_import_dialog.CANCELLED,
    )
    sources = tmp_path / "sources"
    sources.mkdir()
    before = table_state(path)
    for case in MALFORMED:
        source = case.write(sources)
        window.view.messages.hide()  # so what is shown next is this document's own message
        monkeypatch.setattr(
            parent_import_dialog, "pick_source", lambda _parent, source=source: source
        )
        # An exception escaping the action would fail the test (pytest-qt catches it).
        window.import_parent_action.trigger()
        shown = window.view.messages.text()
        assert source.name in shown, case.name
        assert (case.en if language == "en" else case.zh) in shown, case.name
        assert "\n" not in shown
    assert asked == []  # nothing was offered from any of them
    assert table_state(path) == before


def test_the_valid_document_is_offered(qtbot, tmp_path, monkeypatch):
    """The same flow with the table's valid plan: the refusals above are about the faults."""
    from okrdesk.ui import parent_import_dialog

    path = tmp_path / "sales.okrdesk"
    empty_workshop_plan(path)
    window = open_window(qtbot, path)
    document = plan_document()
    document["workshops"][0]["title"] = "Board meeting"  # the plan holds a "Management meeting"
    source = tmp_path / "company.json"
    source.write_bytes(b"\xef\xbb\xbf" + text_of(document).encode("utf-8"))  # with a BOM
    offered = []
    monkeypatch.setattr(
        parent_import_dialog,
        "choose",
        lambda _p, _t, _q, choices: (
            offered.extend(t for t, _ in choices) or parent_import_dialog.CANCELLED
        ),
    )
    monkeypatch.setattr(parent_import_dialog, "pick_source", lambda _parent: source)
    window.import_parent_action.trigger()
    assert offered == ["2027-Q1 · Northstar · Board meeting — approved by CEO Zhou, 2 objectives"]

"""The organisation store's board and tree in the window and on the projector: read off the
GUI thread from a real PostgreSQL store, drafts marked, an unreachable store said while the
window goes on, Save as PDF."""

from __future__ import annotations

import socket
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings, QTimer

from okrdesk.messages import translate
from okrdesk.store.connect import StoreAddress
from okrdesk.ui.org_dialog import ADDRESS_KEY, OrgView, OrgViewDialog
from tests.test_org_pdf import SIGNED_ON, org_store, words  # noqa: F401 - the store fixture
from tests.test_store_credentials import PASSWORD, memory_keyring, roles  # noqa: F401

READ = 60_000  # ms a read from the test's store may take on a loaded machine


def clock():
    return datetime(2027, 1, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def opened(qtbot, kind, settings, address=None, language="en"):
    if address is not None:
        settings.setValue(ADDRESS_KEY, address)
    slides = []
    dialog = OrgViewDialog(kind, settings, lambda: language, projector=slides.append, clock=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, slides


def test_the_board_shows_every_unit_with_the_draft_marked(qtbot, settings, org_store):  # noqa: F811
    dialog, slides = opened(qtbot, OrgView.BOARD, settings, org_store)
    qtbot.waitUntil(lambda: dialog.shown is not None, timeout=READ)
    assert [dialog.cycles.itemText(i) for i in range(dialog.cycles.count())] == ["2027-Q1"]
    items = {item.text(0): item for item in dialog.board.items.values()}
    assert {"Northstar Software", "Sales", "Marketing", "Support"} <= set(items)
    support, sales = items["Support"], items["Sales"]
    assert support.text(1) == "Not started · draft" and support.font(0).italic()
    assert sales.text(1) == "Approved" and not sales.font(0).italic()
    assert dialog.heading.text() == "The cascade of 2027-Q1 across every published plan"
    header = dialog.board.headerItem()
    assert [header.text(c) for c in range(4)] == [
        "Unit",
        "State",
        "People's OKRs confirmed",
        "Two weeks",
    ]
    assert not dialog.status.isVisible()
    # The projector follows: the same rows, the draft said.
    slide = slides[-1]
    assert slide is not None and slide.title == dialog.heading.text()
    (row,) = [r for r in slide.rows if r.name == "Support"]
    assert row.draft and row.state_text == "Not started"
    # Said where the room has space. The store's company signed off on 2 December 2026
    # (test_org_pdf.SIGNED_ON): two weeks to 16 December, 35 days before the clock's day.
    board = dialog.shown.board
    assert board.today == clock().date() and board.company_approved_on == SIGNED_ON.date()
    assert board.days_left == (board.deadline - board.today).days == -35
    assert row.short_time == "draft · 35 days overdue"
    dialog.on_projector.setChecked(False)
    assert slides[-1] is None
    dialog.on_projector.setChecked(True)
    assert slides[-1] == slide
    dialog.close()
    assert slides[-1] is None  # the room sees the workshop's page again


def test_refresh_reads_the_store_again(qtbot, settings, org_store, tmp_path):  # noqa: F811
    from tests.test_store_publish import department_plan, publish

    dialog, _slides = opened(qtbot, OrgView.BOARD, settings, org_store)
    qtbot.waitUntil(lambda: dialog.shown is not None, timeout=READ)
    before = dialog.shown
    assert "Legal" not in {item.text(0) for item in dialog.board.items.values()}
    publish(department_plan(tmp_path / "legal.okrdesk", "Legal", "Legal OKRs"), org_store)
    dialog.refresh_button.click()
    qtbot.waitUntil(lambda: dialog.shown is not before, timeout=READ)
    legal = [item for item in dialog.board.items.values() if item.text(0) == "Legal"]
    assert legal and legal[0].text(1) == "Not started · draft"


def test_the_tree_marks_the_draft_and_saves_as_pdf(qtbot, settings, org_store, tmp_path):  # noqa: F811
    dialog, slides = opened(qtbot, OrgView.TREE, settings, org_store, language="zh_CN")
    qtbot.waitUntil(lambda: dialog.shown is not None, timeout=READ)
    view = dialog.tree
    group = view.topLevelItem(view.topLevelItemCount() - 1)
    assert group.text(0) == "Not aligned to anything"  # English: no .qm loaded in the test
    units = {group.child(i).text(1): group.child(i) for i in range(group.childCount())}
    support = units["Support"]
    assert support.text(0) == "O  Answer every ticket within a day   [draft]"
    assert support.font(0).italic()
    first = view.topLevelItem(0)
    assert "[draft]" not in first.text(0) and not first.font(0).italic()
    unaligned = group.childCount()  # Support's draft (and any other test's department)
    assert dialog.lines.text().endswith(f"{unaligned} 个未对齐 · {unaligned} 个草稿")
    slide = slides[-1]
    assert slide.title == translate("store.tree_title", "zh_CN", cycle="2027-Q1")
    (row,) = [r for r in slide.rows if r.name.endswith("(Support)")]
    assert row.draft and "草稿" in row.time and row.name.startswith("O  Answer every ticket")
    out = tmp_path / "tree.pdf"
    assert dialog.save_pdf(out)
    assert "[草稿]" in words(out) and dialog.status.text() == f"已写入 {out}"


def test_an_unreachable_store_is_said_and_the_window_goes_on(qtbot, settings):
    # A server that takes the connection and never answers: the read waits on the network.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        port = silent.getsockname()[1]
        dialog, slides = opened(
            qtbot, OrgView.BOARD, settings, f"postgresql://okr_reader@127.0.0.1:{port}/okrdesk"
        )
        assert dialog.reader.busy and dialog.status.text() == "Reading the store…"
        ticks = []
        timer = QTimer(dialog)
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(5)
        qtbot.waitUntil(lambda: len(ticks) >= 10)  # the GUI thread runs while the store waits
        assert dialog.reader.busy
        dialog.address.setText("not an address")  # the window takes typing meanwhile
        assert dialog.address.text() == "not an address"
        dialog.address.setText(f"postgresql://okr_reader@127.0.0.1:{port}/okrdesk")
    # The server went away: the read ends with a message, nothing shown, nothing projected.
    qtbot.waitUntil(lambda: not dialog.reader.busy, timeout=READ)
    qtbot.waitUntil(lambda: "cannot be reached" in dialog.status.text())
    assert dialog.status.isVisible() and dialog.shown is None
    assert not dialog.save_button.isEnabled()
    assert all(slide is None for slide in slides)
    assert settings.value(ADDRESS_KEY) != "not an address"


def test_an_unexpected_failure_is_said_by_its_kind_not_its_text(qtbot, settings, monkeypatch):
    import psycopg
    from sqlalchemy.exc import OperationalError

    from okrdesk.ui import org_dialog

    def dropped(*_args):
        raise OperationalError(
            "SELECT name FROM cycles WHERE unit = %(unit)s",
            {"unit": "Secret acquisition team"},
            psycopg.OperationalError("server closed the connection unexpectedly"),
        )

    monkeypatch.setattr(org_dialog, "_cycles", dropped)
    dialog, _slides = opened(qtbot, OrgView.BOARD, settings, "postgresql://okr@127.0.0.1/okr")
    qtbot.waitUntil(lambda: "could not be read" in dialog.status.text(), timeout=READ)
    assert dialog.status.text() == "The store could not be read: OperationalError"


def test_a_refused_port_and_a_wrong_address_are_said(qtbot, settings):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]  # closed again below: nothing listens there
    dialog, _slides = opened(
        qtbot, OrgView.TREE, settings, f"postgresql://okr_reader@127.0.0.1:{port}/okrdesk"
    )
    qtbot.waitUntil(lambda: "cannot be reached" in dialog.status.text(), timeout=READ)
    dialog.address.setText("mysql://somewhere/okrdesk")
    dialog.refresh_button.click()
    qtbot.waitUntil(lambda: "is not the address of a PostgreSQL store" in dialog.status.text())
    dialog.address.setText("")
    dialog.refresh_button.click()
    assert dialog.status.text() == "Give the organisation store's address."


def test_the_window_menu_opens_the_views_with_the_last_address(qtbot, tmp_path, org_store):  # noqa: F811
    from okrdesk.ui.actions import spec
    from okrdesk.ui.app import application
    from okrdesk.ui.i18n import Translations
    from okrdesk.ui.main_window import MainWindow
    from okrdesk.ui.settings import AppSettings

    application()
    app_settings = AppSettings(tmp_path / "settings.ini")
    QSettings(str(app_settings.path), QSettings.Format.IniFormat).setValue(ADDRESS_KEY, org_store)
    window = MainWindow(app_settings, Translations())
    qtbot.addWidget(window)
    window.show()
    assert spec("org_board").label() == "Organisation &Board…"
    board = window.actions_by_id["org_board"]
    assert board.isEnabled()  # no plan needed
    board.trigger()
    dialog = window.org_views["board"]
    assert dialog.isVisible() and dialog.address.text() == org_store
    qtbot.waitUntil(lambda: dialog.shown is not None, timeout=READ)
    projector = window.projector.window
    assert projector.cascade is not None
    assert "Support · Not started · — · draft · " in projector.description()
    window.actions_by_id["org_tree"].trigger()
    tree = window.org_views["tree"]
    qtbot.waitUntil(lambda: tree.shown is not None, timeout=READ)
    assert "O  Answer every ticket within a day" in projector.description()
    tree.close()
    dialog.close()
    assert projector.cascade is None


def test_a_read_only_role_reads_with_a_password_typed_for_this_run(
    qtbot,
    settings,
    roles,  # noqa: F811
    memory_keyring,  # noqa: F811
    monkeypatch,
    tmp_path,
):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    _url, _writer, reader = roles
    dialog, _slides = opened(qtbot, OrgView.BOARD, settings, reader)
    qtbot.waitUntil(lambda: "refused the connection" in dialog.status.text(), timeout=READ)
    typed = {StoreAddress.parse(reader).shown: PASSWORD}
    dialog.password = typed.get
    dialog.refresh_button.click()
    said = "The store holds no cycle yet: nothing is published."
    qtbot.waitUntil(lambda: dialog.status.text() == said, timeout=READ)
    settings.sync()
    assert settings.value(ADDRESS_KEY) == reader
    assert PASSWORD not in (tmp_path / "settings.ini").read_text()

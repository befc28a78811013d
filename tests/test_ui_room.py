"""The room from the window: started from the Room panel, phones' writes run on the window's
plan (never on the facilitator's undo stack), approve and release, the join page on the
projector, and the room stopping with the plan."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PySide6.QtGui import QImage, QTextLayout

from okrdesk.engine.aspects import Actor, Aspect
from okrdesk.engine.changes import Change
from okrdesk.engine.phones import token_hash
from okrdesk.engine.room_ops import PhoneAddIdea
from okrdesk.engine.room_view import room_view
from okrdesk.models import Phase
from okrdesk.ui.projector.text_fit import recording
from tests.demo_plans import copy_demo
from tests.test_ui_phases import window_in
from tests.ui_helpers import open_window, rows

PHONE = ThreadPoolExecutor(max_workers=2, thread_name_prefix="phone")


def _call(url: str, body: dict[str, Any] | None = None, token: str = "", method: str = "") -> Any:
    headers = {"Content-Type": "application/json", "Idempotency-Key": uuid.uuid4().hex}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        url,
        data=None if body is None else json.dumps(body).encode(),
        headers=headers,
        method=method or ("GET" if body is None else "POST"),
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.load(error)


def phone(qtbot, call: Callable[[], Any]) -> Any:
    """Run a phone's request on another thread while the window's event loop runs."""
    future: Future[Any] = PHONE.submit(call)
    qtbot.waitUntil(future.done, timeout=10_000)
    return future.result()


def open_room(qtbot, tmp_path: Path, phase: Phase = Phase.BRAINSTORM):
    window, workshop, path = window_in(qtbot, tmp_path, phase)
    window.toggle_room()
    panel = window.room
    panel.control.host = "127.0.0.1"  # tests listen on this machine only
    assert panel.isVisible() and panel.toggle.text() == "Open the Room to Phones"
    panel.toggle.click()
    assert panel.control.address is not None, panel.status.text()
    (url,) = panel.control.address.urls
    return window, workshop, path, panel, url


def join(qtbot, url: str, name: str) -> tuple[int, dict[str, Any]]:
    _status, people = phone(qtbot, lambda: _call(url + "api/people"))
    person = next(p["id"] for p in people["people"] if p["name"] == name)
    return phone(qtbot, lambda: _call(url + "api/join", {"participant_id": person}))


def test_a_phone_joins_and_its_idea_reaches_the_wall_but_not_the_undo_stack(qtbot, tmp_path):
    window, _workshop, path, panel, url = open_room(qtbot, tmp_path)
    assert panel.toggle.text() == "Stop the Room"
    assert url in panel.url.text() and not panel.qr.pixmap().isNull()
    assert panel.control.address.code in panel.code.text()
    status, joined = join(qtbot, url, "Ana")
    assert status == 200 and joined["pending"] is False
    assert [phone.name for phone in panel.phones] == ["Ana"]
    assert panel.phones_heading.text() == "Phones joined: 1 (connected now: 0)"
    assert panel.list.item(0).text() == "Ana — not connected"
    phone(qtbot, lambda: _call(url + "api/state", token=joined["token"]))  # the page reads
    panel._read_presence()  # (its timer's tick)
    assert panel.phones_heading.text() == "Phones joined: 1 (connected now: 1)"
    assert panel.list.item(0).text() == "Ana — connected"
    steps = window.session.undo_stack.count()
    status, added = phone(
        qtbot, lambda: _call(url + "api/ideas", {"text": "Win Shanghai"}, joined["token"])
    )
    assert status == 200
    # In the file at once, on the brainstorm page, and no step the facilitator could undo.
    assert rows(path, f"SELECT text FROM idea WHERE id = {added['id']}") == [("Win Shanghai",)]
    wall = window.view.pages[Phase.BRAINSTORM]
    texts = [wall.cards.data(wall.cards.index(row, 0)) for row in range(wall.cards.rowCount())]
    assert "Win Shanghai" in texts
    assert window.session.undo_stack.count() == steps
    window.undo()
    assert rows(path, f"SELECT count(*) FROM idea WHERE id = {added['id']}") == [(1,)]


def test_a_second_phone_for_a_name_waits_until_approved_and_a_released_phone_stops(qtbot, tmp_path):
    _window, _workshop, path, panel, url = open_room(qtbot, tmp_path)
    _status, first = join(qtbot, url, "Bo")
    status, second = join(qtbot, url, "Bo")
    assert status == 200 and second["pending"] is True
    assert [(phone.name, phone.pending) for phone in panel.phones] == [("Bo", True), ("Bo", False)]
    assert "waiting" in panel.list.item(0).text()
    panel.list.setCurrentRow(0)
    assert panel.approve.isEnabled()
    panel.approve.click()
    # The approved phone writes; the one that held the name is turned away.
    status, _ = phone(qtbot, lambda: _call(url + "api/ideas", {"text": "Mine"}, second["token"]))
    assert status == 200
    status, refused = phone(
        qtbot, lambda: _call(url + "api/ideas", {"text": "Old"}, first["token"])
    )
    assert status == 401 and "released" in refused["error"]["message"]
    assert [phone.pending for phone in panel.phones] == [False]
    panel.list.setCurrentRow(0)
    panel.release.click()
    status, _ = phone(qtbot, lambda: _call(url + "api/ideas", {"text": "Again"}, second["token"]))
    assert status == 401
    assert panel.phones == ()
    kinds = rows(path, "SELECT kind FROM audit_event ORDER BY id")
    assert ("phone_approved",) in kinds and ("phone_released",) in kinds


def test_a_name_that_turns_text_around_turns_only_itself_in_the_phones_list(qtbot, tmp_path):
    _window, _workshop, _path, panel, url = open_room(qtbot, tmp_path)
    join(qtbot, url, "Ana")
    # A name typed in the window with a right-to-left override in it (U+202E).
    hostile = dataclasses.replace(panel.phones[0], name="\u202eoB")
    line = panel._phone_text(hostile)
    assert line == "\u2068\u202eoB\u2069 — not connected"
    layout = QTextLayout(line)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    # Laid out left to right after the name: the words are not turned around.
    assert layout.lineAt(0).cursorToX(line.index("not")) < layout.lineAt(0).cursorToX(
        line.index("connected")
    )


def test_approve_and_release_are_in_sight_on_a_768_pixel_laptop(qtbot, tmp_path):
    # English: the panel's opening words are longest in it (five lines against three).
    window, _workshop, _path, panel, url = open_room(qtbot, tmp_path)
    window.resize(1366, 768)
    join(qtbot, url, "Ana")
    join(qtbot, url, "Ana")  # a second phone asks for the name: its line is the longest
    qtbot.waitUntil(lambda: panel.list.count() == 2)
    qtbot.waitUntil(lambda: not panel.release.visibleRegion().isEmpty())
    for button in (panel.approve, panel.release):
        assert button.visibleRegion().boundingRect() == button.rect(), button.text()
    # The list keeps room for its lines above them.
    assert panel.list.height() >= 4 * panel.list.fontMetrics().lineSpacing()


def scanned(image: QImage) -> list[str]:
    """What a phone's camera reads off the image: the QR codes' texts."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = grey.width(), grey.height(), grey.bytesPerLine()
    raw = bytes(grey.constBits())
    packed = b"".join(raw[y * stride : y * stride + width] for y in range(height))
    return [
        code.text for code in zxingcpp.read_barcodes(memoryview(packed).cast("B", (height, width)))
    ]


def test_the_window_shows_a_code_a_phone_can_scan(qtbot, tmp_path):
    _window, _workshop, _path, panel, url = open_room(qtbot, tmp_path)
    assert scanned(panel.qr.pixmap().toImage()) == [url]


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080), (768, 1024)])
def test_the_projector_shows_how_to_join_while_asked(qtbot, tmp_path, size):
    window, _workshop, _path, panel, url = open_room(qtbot, tmp_path)
    projector = window.projector.window
    projector.resize(*size)
    with qtbot.waitExposed(projector):
        projector.show()
    window.toggle_join_on_projector()
    assert panel.projector_button.isChecked()
    assert projector.join is not None and projector.join.url == url
    assert url in projector.description() and "Join from your phone" in projector.description()
    with recording() as drawn:
        image = projector.grab().toImage()
    assert scanned(image) == [url]
    assert drawn.problems(projector._floor()) == []  # every word whole, none too small
    assert url in "".join(drawn.texts())  # on one line, or broken after the port
    window.toggle_join_on_projector()
    assert projector.join is None and not panel.projector_button.isChecked()
    panel.projector_button.click()
    assert projector.join is not None
    panel.stop()  # a closed room's address never stays on the wall
    assert projector.join is None


def test_closing_the_plan_stops_the_room(qtbot, tmp_path):
    window, _workshop, _path, panel, url = open_room(qtbot, tmp_path)
    window.close_plan()
    assert panel.control.address is None
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url + "api/people", timeout=5)
    assert panel.toggle.text() == "Open the Room to Phones" and not panel.toggle.isEnabled()


def test_the_room_keeps_its_code_when_opened_again(qtbot, tmp_path):
    _window, _workshop, _path, panel, _url = open_room(qtbot, tmp_path)
    code = panel.control.address.code
    panel.stop()
    assert panel.start()
    assert panel.control.address.code == code


def test_walk_ins_are_allowed_from_the_panel_and_undone_like_any_setting(qtbot, tmp_path):
    window, _workshop, _path, panel, url = open_room(qtbot, tmp_path)
    assert not panel.walk_ins.isChecked()
    _status, people = phone(qtbot, lambda: _call(url + "api/people"))
    assert people["walk_ins"] is False
    panel.walk_ins.click()
    _status, people = phone(qtbot, lambda: _call(url + "api/people"))
    assert people["walk_ins"] is True
    status, joined = phone(qtbot, lambda: _call(url + "api/walkin", {"name": "Dee"}))
    assert status == 200, joined
    assert [phone.name for phone in panel.phones] == ["Dee"]
    window.undo()  # the setting is the facilitator's; Dee's joining is not
    assert not panel.walk_ins.isChecked()
    assert [phone.name for phone in panel.phones] == ["Dee"]


def test_the_phones_writes_waiting_for_the_window_are_committed_together(qtbot, tmp_path):
    """Group commit in the window: the writes queued while the Qt thread is busy are applied
    in one transaction when it comes free, each answered as if alone (a refusal alone)."""
    window, workshop, path, panel, url = open_room(qtbot, tmp_path)
    tokens = [join(qtbot, url, name)[1]["token"] for name in ("Ana", "Bo")]
    writer, service = panel.control.writer, panel.control.service
    hashed = [token_hash(token) for token in tokens]
    writes = [PhoneAddIdea(workshop, hashed[n % 2], f"k{n}", f"together {n}") for n in range(5)]
    writes.append(PhoneAddIdea(workshop, hashed[0], "k-empty", "   "))  # refused alone

    async def crowd() -> list[Any]:
        return await asyncio.gather(*map(writer.submit, writes), return_exceptions=True)

    groups, steps = writer.groups, window.session.undo_stack.count()
    answered = PHONE.submit(lambda: service.call(crowd()))
    for _ in range(1000):  # the Qt thread (this one) is busy: the writes queue up
        if writer.queued == len(writes):
            break
        time.sleep(0.01)
    assert writer.queued == len(writes)
    qtbot.waitUntil(answered.done, timeout=10_000)
    answers = answered.result()
    assert writer.groups == groups + 1
    assert [type(x).__name__ for x in answers] == ["Change"] * 5 + ["ValidationError"]
    assert rows(path, "SELECT count(*) FROM idea WHERE text LIKE 'together %'") == [(5,)]
    assert window.session.undo_stack.count() == steps  # phones' writes are not undo steps


def test_a_crowd_of_writes_is_committed_in_bounded_groups_with_paints_between(qtbot, tmp_path):
    """Forty writes waiting at once: at most GROUP_AT_MOST applied together, and the window's
    event loop (the projector's paints, its clock) runs between the groups."""
    from PySide6.QtCore import QTimer

    from okrdesk.ui.room_writer import GROUP_AT_MOST

    _window, workshop, path, panel, url = open_room(qtbot, tmp_path)
    tokens = [join(qtbot, url, name)[1]["token"] for name in ("Ana", "Bo")]
    writer, service = panel.control.writer, panel.control.service
    hashed = [token_hash(token) for token in tokens]
    count = 2 * GROUP_AT_MOST + 8
    writes = [PhoneAddIdea(workshop, hashed[n % 2], f"b{n}", f"bounded {n}") for n in range(count)]

    async def crowd() -> list[Any]:
        return await asyncio.gather(*map(writer.submit, writes), return_exceptions=True)

    groups = writer.groups
    answered = PHONE.submit(lambda: service.call(crowd()))
    for _ in range(1000):  # the Qt thread (this one) is busy: the writes queue up
        if writer.queued == count:
            break
        time.sleep(0.01)
    assert writer.queued == count
    turns: list[int] = []  # the groups applied each time the event loop ran a timer
    ticking = QTimer()
    ticking.timeout.connect(lambda: turns.append(writer.groups))
    ticking.start(0)
    qtbot.waitUntil(answered.done, timeout=10_000)
    ticking.stop()
    assert all(type(x).__name__ == "Change" for x in answered.result())
    assert writer.groups == groups + 3  # 16, 16 and 8
    assert {groups + 1, groups + 2} <= set(turns)  # the loop turned between the groups
    assert rows(path, "SELECT count(*) FROM idea WHERE text LIKE 'bounded %'") == [(count,)]


def test_a_phones_retrospective_answer_reaches_the_window_but_not_the_undo_stack(qtbot, tmp_path):
    path = tmp_path / "signed.okrdesk"
    copy_demo(path, "signed", "en")
    window = open_window(qtbot, path)
    window.toggle_room()
    panel = window.room
    panel.control.host = "127.0.0.1"  # tests listen on this machine only
    panel.toggle.click()
    (url,) = panel.control.address.urls
    window.show_retro()
    dialog = window.retro
    dialog.start.click()
    assert dialog.view.started
    steps = window.session.undo_stack.count()
    _status, people = phone(qtbot, lambda: _call(url + "api/people"))
    _status, joined = join(qtbot, url, people["people"][0]["name"])
    status, added = phone(
        qtbot,
        lambda: _call(url + "api/retro/answers", {"text": "Launch had no owner"}, joined["token"]),
    )
    assert status == 200, added
    texts = [
        dialog.tree.topLevelItem(i).child(j).text(0)
        for i in range(dialog.tree.topLevelItemCount())
        for j in range(dialog.tree.topLevelItem(i).childCount())
    ]
    assert len(texts) == 1 and texts[0].startswith("Launch had no owner")  # (— its author)
    assert window.session.undo_stack.count() == steps
    window.close_retro()


def test_the_projector_relays_the_wall_for_phones_at_most_five_times_a_second(
    qtbot, tmp_path, monkeypatch
):
    """A crowd's groups of writes come every few tens of milliseconds: the wall is laid out
    for them at most PHONES_SHOWN_PER_SECOND times a second (the clock is the test's)."""
    from okrdesk.ui.projector import controller

    window, workshop, _path, _panel, url = open_room(qtbot, tmp_path)
    projector = window.projector.window
    projector.resize(1280, 720)
    projector.show()
    qtbot.waitExposed(projector)
    token = token_hash(join(qtbot, url, "Ana")[1]["token"])
    qtbot.waitUntil(lambda: not window.projector._phones)  # the join shown: nothing waits
    now = [1000.0]
    monkeypatch.setattr(controller.time, "monotonic", lambda: now[0])
    window.projector._phones_shown_at = 0.0  # long before, by the test's clock
    waits: list[int] = []
    real = controller.QTimer.singleShot

    class Timer:  # the controller's timers from now on: asked for how long, run at once
        @staticmethod
        def singleShot(ms: int, *slot: Any) -> None:
            waits.append(ms)
            real(0, *slot)

    monkeypatch.setattr(controller, "QTimer", Timer)
    shown: list[object] = []
    original = projector.show_room
    projector.show_room = lambda room: (shown.append(room), original(room))  # type: ignore[method-assign]
    for n, at in enumerate((1000.0, 1000.05, 1000.5)):
        now[0] = at
        window.session.apply_together_for(
            [(PhoneAddIdea(workshop, token, f"f{n}", f"Fast {n}"), Actor.PHONE)]
        )
        qtbot.waitUntil(lambda n=n: len(shown) == n + 1)
    # the first at once; the second 50 ms after it waits the rest of the fifth of a second;
    # the third, later than that, at once
    assert waits == [0, 150, 0]


def test_the_window_hears_of_the_phones_changes_committed_together_once(qtbot, tmp_path):
    """Six phone ideas committed together: the window's listeners (pages, room panel,
    projector) re-read once, and the Brainstorm page shows all six."""
    window, workshop, _path, _panel, url = open_room(qtbot, tmp_path)
    tokens = [join(qtbot, url, name)[1]["token"] for name in ("Ana", "Bo")]
    heard: list[Change] = []
    window.session.changed.connect(heard.append)
    window.session.apply_together_for(
        [
            (PhoneAddIdea(workshop, token_hash(tokens[n % 2]), f"h{n}", f"Idea {n}"), Actor.PHONE)
            for n in range(6)
        ]
    )
    assert len(heard) == 1 and len(heard[0].ids(Aspect.IDEAS)) == 6
    page = window.view.pages[Phase.BRAINSTORM]
    texts = {page.cards.index(row, 0).data() for row in range(page.cards.rowCount())}
    assert {f"Idea {n}" for n in range(6)} <= texts


def test_the_projector_lays_the_wall_out_once_for_the_phones_changes_committed_together(
    qtbot, tmp_path
):
    window, workshop, _path, _panel, url = open_room(qtbot, tmp_path)
    projector = window.projector.window
    projector.resize(1280, 720)
    projector.show()
    qtbot.waitExposed(projector)
    tokens = [join(qtbot, url, name)[1]["token"] for name in ("Ana", "Bo")]
    shown = []
    original = projector.show_room
    projector.show_room = lambda room: (shown.append(room), original(room))  # type: ignore[method-assign]
    window.session.apply_together_for(
        [
            (PhoneAddIdea(workshop, token_hash(tokens[n % 2]), f"g{n}", f"Card {n}"), Actor.PHONE)
            for n in range(6)
        ]
    )
    assert shown == []  # not yet: once the window's event loop turns
    qtbot.waitUntil(lambda: len(shown) == 1)
    texts = [card.text for card in shown[0].cards]
    assert [f"Card {n}" for n in range(6)] == texts[-6:]
    whole = window.session.view(room_view, workshop, window.projector.now())
    assert shown[0].cards == whole.cards  # as if read whole

"""The phone page in a real browser: Debian's Chromium driven by Playwright at phone sizes.

The room serves the demo plan (brainstorm stage) in-process on 127.0.0.1; every change the
page makes is read back from the plan file with sqlite3. Page timers run on Playwright's
fake clock: an update that shows up without moving the clock came over the WebSocket, one
that needs the clock moved past the 5 s poll came by polling. Without Chromium the tests
skip, except in CI (CI=true), where a missing browser fails them.
"""

from __future__ import annotations

import json
import re
import sqlite3
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser_helpers import RoomThread, chromium_path, in_ci, tap_with_replies_lost
from tests.demo_plans import copy_demo

if not in_ci():
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
from playwright.sync_api import Browser, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

# In the slow tier (pytest -m slow, run by .ci/run on every submission): the README's
# command must stay under ten minutes on the 2-core machine.
pytestmark = pytest.mark.slow

WORKSHOP = 1
SIZES = {"390x844": (390, 844), "360x800": (360, 800)}
HOSTILE = ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>")
TEXTS = {
    "en": {"pick": "Pick your name", "you": "You are ", "withdrawn": "Withdrawn."},
    "zh_CN": {"pick": "请选择你的姓名", "you": "你是 ", "withdrawn": "已撤回。"},
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole module (starting it is the expensive part)."""
    executable = chromium_path()
    if executable is None:
        if in_ci():
            pytest.fail("CI must have Chromium (.ci/run installs Debian's chromium)")
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def demo_plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The demo plan at the brainstorm stage, in each language."""
    folder = tmp_path_factory.mktemp("demo")
    plans = {}
    for language in TEXTS:
        path = folder / f"{language}.okrdesk"
        copy_demo(path, "brainstorm", language)
        plans[language] = path.read_bytes()
    return plans


def open_room(demo_plans: dict[str, bytes], tmp_path: Path, language: str) -> RoomThread:
    path = tmp_path / "plan.okrdesk"
    path.write_bytes(demo_plans[language])
    return RoomThread(path, WORKSHOP)


def phone(browser: Browser, size: str, language: str) -> Page:
    """A new phone (its own storage) showing nothing yet, its timers on the fake clock."""
    width, height = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN" if language == "zh_CN" else "en-GB",
    )
    context.set_default_timeout(5000)
    page = context.new_page()
    page.clock.install()
    return page


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def join(page: Page, room: RoomThread, language: str) -> str:
    """Open the join address, pick the first name; the name picked."""
    page.goto(room.address + f"?lang={language}")
    expect(page.locator("#pick-name")).to_have_text(TEXTS[language]["pick"])
    first = page.locator("#names button").first
    name = first.inner_text()
    first.click()
    expect(page.locator("#me")).to_have_text(TEXTS[language]["you"] + name)
    return name


def add_idea(page: Page, text: str) -> None:
    page.locator("#idea").fill(text)
    page.locator("#add-button").click()
    expect(page.locator("#cards li.own", has_text=text)).to_have_count(1)


def other_phone_adds(room: RoomThread, text: str) -> None:
    """A second phone (plain HTTP) joins as the last name on the list and adds an idea."""
    with urllib.request.urlopen(room.address + "api/people", timeout=10) as response:
        person = json.load(response)["people"][-1]
    token = post(room, "api/join", {"participant_id": person["id"]})["token"]
    post(
        room,
        "api/ideas",
        {"text": text},
        Authorization=f"Bearer {token}",
        **{"Idempotency-Key": "other-phone-1"},
    )


def post(room: RoomThread, path: str, body: dict[str, Any], **headers: str) -> dict[str, Any]:
    request = urllib.request.Request(
        room.address + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **headers},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        answer: dict[str, Any] = json.load(response)
    return answer


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", TEXTS)
def test_join_add_edit_and_withdraw_an_idea(
    browser: Browser, demo_plans: dict[str, bytes], tmp_path: Path, size: str, language: str
) -> None:
    page = phone(browser, size, language)
    errors: list[str] = []  # a script error, or anything the page's policy blocked
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    with open_room(demo_plans, tmp_path, language) as room:
        join(page, room, language)
        # Big enough to touch, and nothing wider than the phone.
        for button in ("#language", "#add-button"):
            box = page.locator(button).bounding_box()
            assert box is not None and box["height"] >= 40, (button, box)
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size][0]

        add_idea(page, "Answer every support ticket within a day")
        texts = [text for (text,) in rows(room.path, "SELECT text FROM idea WHERE workshop_id = 1")]
        assert "Answer every support ticket within a day" in texts

        page.once("dialog", lambda dialog: dialog.accept("Answer every ticket within four hours"))
        card = page.locator("#cards li.own", has_text="Answer every support ticket")
        card.locator("button").first.click()
        expect(page.locator("#cards li.own", has_text="within four hours")).to_have_count(1)
        texts = [text for (text,) in rows(room.path, "SELECT text FROM idea WHERE workshop_id = 1")]
        assert "Answer every ticket within four hours" in texts
        assert "Answer every support ticket within a day" not in texts

        page.locator("#cards li.own", has_text="within four hours").locator("button").last.click()
        expect(page.locator("#status")).to_have_text(TEXTS[language]["withdrawn"])
        expect(page.locator("#cards li", has_text="within four hours")).to_have_count(0)
        texts = [text for (text,) in rows(room.path, "SELECT text FROM idea WHERE workshop_id = 1")]
        assert "Answer every ticket within four hours" not in texts

        # Another phone's idea arrives over the WebSocket: the page's clock has not moved.
        other_phone_adds(room, "Idea from the phone next door")
        expect(page.locator("#cards li", has_text="Idea from the phone next door")).to_have_count(1)

        # The other language, at a touch.
        other = "en" if language == "zh_CN" else "zh_CN"
        page.locator("#language").click()
        expect(page.locator("#me")).to_contain_text(TEXTS[other]["you"])
        expect(page.locator("html")).to_have_attribute(
            "lang", "zh-CN" if other == "zh_CN" else "en"
        )
    assert errors == []
    page.context.close()


def test_hostile_texts_are_shown_as_text(
    browser: Browser, demo_plans: dict[str, bytes], tmp_path: Path
) -> None:
    page = phone(browser, "390x844", "en")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with open_room(demo_plans, tmp_path, "en") as room:
        join(page, room, "en")
        for text in HOSTILE:
            add_idea(page, text)
        page.clock.run_for(6000)  # a poll repaints the wall once more
        for text in HOSTILE:
            expect(page.locator("#cards li span", has_text=text)).to_have_text(text)
        assert page.locator("#cards img, #cards script").count() == 0
        assert page.locator("img").count() == 0
        assert page.locator("script").count() == 1  # room.js alone
        stored = {text for (text,) in rows(room.path, "SELECT text FROM idea")}
        assert set(HOSTILE) <= stored
    assert dialogs == []
    page.context.close()


def test_a_wrong_code_shows_nothing_useful(
    browser: Browser, demo_plans: dict[str, bytes], tmp_path: Path
) -> None:
    page = phone(browser, "360x800", "zh_CN")
    with open_room(demo_plans, tmp_path, "zh_CN") as room:
        wrong = re.sub(r"/r/[^/]+/", "/r/WRONG234/", room.address)
        # An empty 404: Chromium shows its own error page, nothing of the room's.
        with pytest.raises(PlaywrightError, match="ERR_HTTP_RESPONSE_CODE_FAILURE"):
            page.goto(wrong)
        for path in ("", "room.js", "api/people"):
            response = page.request.get(wrong + path)
            assert (response.status, response.body()) == (404, b""), path
        names = {name for (name,) in rows(room.path, "SELECT name FROM participant")}
        assert not any(name in page.content() for name in names)
    page.context.close()


def test_with_websockets_blocked_the_page_updates_by_polling(
    browser: Browser, demo_plans: dict[str, bytes], tmp_path: Path
) -> None:
    page = phone(browser, "390x844", "zh_CN")
    sockets: list[str] = []

    def blocked(socket: Any) -> None:
        sockets.append(socket.url)
        socket.close()

    page.route_web_socket(re.compile(r".*/ws$"), blocked)
    with open_room(demo_plans, tmp_path, "zh_CN") as room:
        join(page, room, "zh_CN")
        other_phone_adds(room, "隔壁手机的想法")
        new_card = page.locator("#cards li", has_text="隔壁手机的想法")
        page.wait_for_timeout(300)  # the WebSocket, were it open, would have said so by now
        expect(new_card).to_have_count(0)
        page.clock.run_for(5100)  # the next poll
        expect(new_card).to_have_count(1)
    assert sockets, "the page never tried its WebSocket"
    page.context.close()


def test_back_in_reach_the_page_stops_saying_it_has_no_connection(
    browser: Browser, demo_plans: dict[str, bytes], tmp_path: Path
) -> None:
    page = phone(browser, "360x800", "zh_CN")
    with open_room(demo_plans, tmp_path, "zh_CN") as room:
        join(page, room, "zh_CN")
        page.context.set_offline(True)
        page.locator("#idea").fill("断网时写的想法")
        page.locator("#add-button").click()
        page.clock.run_for(2000)  # the page's own two retries
        expect(page.locator("#status.refused")).to_have_text(
            "无法连接到电脑：请检查 Wi-Fi 后再点一次。"
        )
        # Nothing was sent: the text stays in the box for another tap.
        expect(page.locator("#idea")).to_have_value("断网时写的想法")
        page.context.set_offline(False)
        page.clock.run_for(5100)  # the next poll reaches the laptop again
        expect(page.locator("#status")).to_have_text("")
        add_idea(page, "断网时写的想法")
        texts = [text for (text,) in rows(room.path, "SELECT text FROM idea WHERE workshop_id = 1")]
        assert texts.count("断网时写的想法") == 1
    page.context.close()


def test_an_idea_whose_answer_was_lost_is_not_added_twice_by_a_second_tap(
    browser: Browser, demo_plans: dict[str, bytes], tmp_path: Path
) -> None:
    page = phone(browser, "390x844", "en")
    with open_room(demo_plans, tmp_path, "en") as room:
        join(page, room, "en")
        page.locator("#idea").fill("Sent once, answered never")
        keys = tap_with_replies_lost(page, r".*/api/ideas\?.*", page.locator("#add-button").click)
        add_idea(page, "Sent once, answered never")  # the person taps again
        texts = [text for (text,) in rows(room.path, "SELECT text FROM idea WHERE workshop_id = 1")]
        assert texts.count("Sent once, answered never") == 1
        assert len(keys) == 3 and len(set(keys)) == 1
    page.context.close()


def test_a_name_tapped_again_after_a_lost_answer_is_the_same_phone_not_a_claim(
    browser: Browser, demo_plans: dict[str, bytes], tmp_path: Path
) -> None:
    page = phone(browser, "360x800", "zh_CN")
    with open_room(demo_plans, tmp_path, "zh_CN") as room:
        page.goto(room.address + "?lang=zh_CN")
        first = page.locator("#names button").first
        name = first.inner_text()
        sent = tap_with_replies_lost(page, r".*/api/join\?.*", first.click)
        assert len(set(sent)) == 1
        first.click()  # the person taps the name again
        expect(page.locator("#me")).to_have_text(TEXTS["zh_CN"]["you"] + name)
        expect(page.locator("#waiting")).to_be_hidden()
        phones = rows(room.path, "SELECT participant_id, claimed_id FROM room_phone")
        assert len(phones) == 1 and phones[0][0] is not None, phones
    page.context.close()

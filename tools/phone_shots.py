"""Screenshots of every phone screen in both languages at 390x844, in Debian's Chromium.

The demo plan (brainstorm stage) is served by the room server on 127.0.0.1 in this process
and each screen is reached the way a person reaches it, with Playwright:

    python tools/phone_shots.py docs/room

writes docs/room/phone-{en,zh}-{join,brainstorm,pending,offline}.png: picking a name, the
wall with your own ideas, a name another phone holds (waiting for the facilitator) and the
laptop out of reach; and, on the demo plan's voting and voted stages,
phone-{en,zh}-{vote,ballot,handed-in,result}.png: the ballot before and after placing dots,
handed in, and the room's result after the reveal; on the selected and signed stages,
phone-{en,zh}-{follow-okrs,follow-result,signed-off,handout}.png: following along (the selected
OKRs with their KRs, the result, the approval) and the handout to download;
phone-{en,zh}-retro.png: answering the retrospective's first question, two answers given; and
phone-{en,zh}-walk-in.png: typing a name not on the list (walk-ins allowed).
"""

from __future__ import annotations

import json
import sys
import tempfile
import urllib.request
from pathlib import Path

from playwright.sync_api import Browser, Page, expect, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from okrdesk.demo import write_demo
from okrdesk.engine.retro_ops import StartRetrospective
from okrdesk.engine.room_ops import AllowWalkIns
from tests.browser_helpers import RoomThread, chromium_path

WORKSHOP = 1
LANGUAGES = (("en", "en"), ("zh_CN", "zh"))
IDEAS = {
    "en": ("Answer every support ticket within a day", "Ship the mobile app in two markets"),
    "zh_CN": ("每张客服工单一天内答复", "移动应用在两个市场上线"),
}
OTHERS = {"en": "Halve the onboarding time", "zh_CN": "新员工入职时间减半"}
WALK_INS = {"en": "Alexandra Konstantinopoulou-Whitfield", "zh_CN": "欧阳明月（市场部实习生）"}


def shoot(browser: Browser, folder: Path, language: str, tag: str) -> list[Path]:
    with tempfile.TemporaryDirectory() as temporary:
        plan = Path(temporary) / "plan.okrdesk"
        write_demo(plan, "brainstorm", language)
        with RoomThread(plan, WORKSHOP) as room:
            people = get(room.address + "api/people")["people"]
            other = post(room.address + "api/join", {"participant_id": people[-1]["id"]})
            bearer = {"Authorization": f"Bearer {other['token']}", "Idempotency-Key": "shot"}
            post(room.address + "api/ideas", {"text": OTHERS[language]}, bearer)
            shots: list[Path] = []

            def shot(page: Page, screen: str) -> None:
                path = folder / f"phone-{tag}-{screen}.png"
                page.screenshot(path=str(path))
                shots.append(path)

            page = new_phone(browser, language)
            page.goto(room.address + f"?lang={language}")
            expect(page.locator("#names button").first).to_be_visible()
            shot(page, "join")
            page.locator("#names button").first.click()
            for idea in IDEAS[language]:
                page.locator("#idea").fill(idea)
                page.locator("#add-button").click()
                expect(page.locator("#cards li.own", has_text=idea)).to_have_count(1)
            shot(page, "brainstorm")
            page.context.set_offline(True)
            page.locator("#idea").fill(OTHERS[language])
            page.locator("#add-button").click()
            expect(page.locator("#status.refused")).to_be_visible(timeout=10000)
            shot(page, "offline")
            page.context.close()

            # A second phone asks for the name the first phone holds.
            page = new_phone(browser, language)
            page.goto(room.address + f"?lang={language}")
            page.locator("#names button").first.click()
            expect(page.locator("#waiting")).to_be_visible()
            shot(page, "pending")
            page.context.close()

            # Walk-ins allowed: a name not on the list.
            room.facilitator(AllowWalkIns(WORKSHOP, True))
            page = new_phone(browser, language)
            page.goto(room.address + f"?lang={language}")
            page.locator("#walk-in-open").click()
            page.locator("#walk-in-name").fill(WALK_INS[language])
            page.evaluate("document.activeElement.blur()")
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            shot(page, "walk-in")
            page.context.close()
    return shots


RETRO_ANSWERS = {
    "en": ("Too many projects at once: the launch had no single owner", "Late data from finance"),
    "zh_CN": ("同时推进的项目太多，上线没有唯一负责人", "财务数据到得太晚"),
}


def shoot_follow(browser: Browser, folder: Path, language: str, tag: str) -> list[Path]:
    """Following along: the selected OKRs and the result (selected stage), then the approval
    and the handout to take home (signed stage)."""
    shots: list[Path] = []

    def shot(page: Page, screen: str) -> None:
        page.evaluate("window.scrollTo(0, 0)")
        path = folder / f"phone-{tag}-{screen}.png"
        page.screenshot(path=str(path))
        shots.append(path)

    with tempfile.TemporaryDirectory() as temporary:
        for stage in ("selected", "signed"):
            plan = Path(temporary) / f"{stage}.okrdesk"
            write_demo(plan, stage, language)
            with RoomThread(plan, WORKSHOP) as room:
                page = new_phone(browser, language)
                page.goto(room.address + f"?lang={language}")
                page.locator("#names button").first.click()
                expect(page.locator("#follow")).to_be_visible()
                if stage == "selected":
                    expect(page.locator("#objectives li").first).to_be_visible()
                    shot(page, "follow-okrs")
                    page.locator("#tab-result").click()
                    shot(page, "follow-result")
                else:
                    expect(page.locator("#handout-link")).to_be_visible()
                    shot(page, "handout")
                    page.locator("#tab-okrs").click()
                    shot(page, "signed-off")
                    room.facilitator(StartRetrospective(WORKSHOP))
                    expect(page.locator("#retro")).to_be_visible()
                    for count, answer in enumerate(RETRO_ANSWERS[language], start=1):
                        page.locator("#retro-answer").fill(answer)
                        page.locator("#retro-button").click()
                        expect(page.locator("#retro-answers li")).to_have_count(count)
                    shot(page, "retro")
                page.context.close()
    return shots


def shoot_vote(browser: Browser, folder: Path, language: str, tag: str) -> list[Path]:
    """The Vote screen as the last person on the list sees it (the demo's voting stage leaves
    the last third of the room still to vote), then the result once revealed."""
    shots: list[Path] = []

    def shot(page: Page, screen: str) -> None:
        page.evaluate("window.scrollTo(0, 0)")  # the ballot's top: budget and dots left
        path = folder / f"phone-{tag}-{screen}.png"
        page.screenshot(path=str(path))
        shots.append(path)

    with tempfile.TemporaryDirectory() as temporary:
        for stage in ("voting", "voted"):
            plan = Path(temporary) / f"{stage}.okrdesk"
            write_demo(plan, stage, language)
            with RoomThread(plan, WORKSHOP) as room:
                page = new_phone(browser, language)
                page.goto(room.address + f"?lang={language}")
                page.locator("#names button").last.click()
                if stage == "voted":
                    expect(page.locator("#standings li").first).to_be_visible()
                    shot(page, "result")
                    page.context.close()
                    continue
                more = page.locator("#candidates button", has_text="+")
                expect(more.first).to_be_visible()
                shot(page, "vote")
                for number in (0, 0, 1, 2):
                    more.nth(number).click()
                    page.wait_for_timeout(300)  # the dot's answer comes back from the laptop
                shot(page, "ballot")
                page.locator("#hand-in").click()
                expect(page.locator("#take-back")).to_be_visible()
                shot(page, "handed-in")
                page.context.close()
    return shots


def new_phone(browser: Browser, language: str) -> Page:
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=1,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN" if language == "zh_CN" else "en-GB",
    )
    context.set_default_timeout(5000)
    return context.new_page()


def get(url: str) -> dict[str, list[dict[str, str]]]:
    with urllib.request.urlopen(url, timeout=10) as response:
        answer: dict[str, list[dict[str, str]]] = json.load(response)
    return answer


def post(
    url: str, body: dict[str, object], headers: dict[str, str] | None = None
) -> dict[str, str]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        answer: dict[str, str] = json.load(response)
    return answer


def main(argv: list[str]) -> int:
    folder = Path(argv[1] if len(argv) > 1 else "docs/room")
    folder.mkdir(parents=True, exist_ok=True)
    executable = chromium_path()
    if executable is None:
        print("no Chromium on this machine (Debian: apt-get install chromium)", file=sys.stderr)
        return 1
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        for language, tag in LANGUAGES:
            for path in [
                *shoot(browser, folder, language, tag),
                *shoot_vote(browser, folder, language, tag),
                *shoot_follow(browser, folder, language, tag),
            ]:
                print(path)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

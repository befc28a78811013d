"""Screenshots of the room from the laptop: the window's Room panel and the projector's join
page, in English and Chinese (the phones' own screens: tools/phone_shots.py).

Run from the repository root (no display needed: rendered offscreen):
    python tools/room_shots.py docs/screenshots
It writes window-{zh,en}-room.png at 1366x768 (the demo brainstorming, the room open, three
phones joined and one waiting for a name another phone holds) and
projector-{zh,en}-join-{1920,1024,portrait}.png. The room really listens while the shots
are taken (on this machine's private addresses), then stops.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest

from okrdesk.demo import write_demo
from okrdesk.engine.aspects import Actor
from okrdesk.engine.participants import participant_list
from okrdesk.engine.phones import token_hash
from okrdesk.engine.room_ops import JoinRoom
from okrdesk.ui.app import build_window
from tools.window_shots import LANGUAGES, run, shoot_projector

PROJECTOR_SIZES = {"1920": (1920, 1080), "1024": (1024, 768), "portrait": (1080, 1920)}


def shoot(folder: Path, language: str) -> list[Path]:
    written = []
    with tempfile.TemporaryDirectory(prefix="okrdesk-room-shots-") as scratch:
        os.environ["OKRDESK_DATA_DIR"] = scratch
        path = Path(scratch) / "demo.okrdesk"
        write_demo(path, "brainstorm", LANGUAGES[language])
        window = build_window(path, demo=False, language=LANGUAGES[language])
        window.resize(1366, 768)
        window.show()
        session, view = window.session, window.view
        assert session is not None and view is not None and view.workshop_id is not None
        window.toggle_room()
        assert window.room.start(), window.room.status.text()
        address = window.room.control.address
        assert address is not None
        people = session.view(participant_list, view.workshop_id)
        joining = [*people[:3], people[0]]  # the last one claims a name already held
        for number, person in enumerate(joining):
            token = token_hash(f"shot-{number}")
            join = JoinRoom(view.workshop_id, address.code, person.id, token)
            session.apply_for(join, Actor.PHONE)
        QTest.qWait(300)
        out = folder / f"window-{language}-room.png"
        window.grab().save(str(out))
        written.append(out)
        projector = window.projector.window
        projector.show()
        window.projector.refresh()
        window.toggle_join_on_projector()
        written += shoot_projector(projector, folder, f"projector-{language}-join", PROJECTOR_SIZES)
        window.close()
    return written


if __name__ == "__main__":
    raise SystemExit(run(shoot, sys.argv[1:]))

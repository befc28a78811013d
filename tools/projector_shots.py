"""Screenshots of the projector in every phase, both languages, at 1920x1080 and 1024x768, and
on a portrait screen (1080x1920).

Renders offscreen (no X server needed): the demo plan is taken through its phases and each
room view is painted by the projector window at a fixed size with QWidget.grab().

    QT_QPA_PLATFORM=offscreen python tools/projector_shots.py docs/screenshots

writes docs/screenshots/projector-{zh,en}-{phase}-{1920,1024,portrait}.png for the phases setup,
brainstorm, group, vote, reveal, select, signoff, approved and export.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.demo import write_demo
from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.operation import Operation
from okrdesk.engine.room_view import RoomView, room_view
from okrdesk.engine.signature import Signature, signature_json
from okrdesk.models import Decision, Phase, Workshop
from okrdesk.models.planfile import PlanFile
from okrdesk.ui.i18n import Translations
from okrdesk.ui.projector.window import ProjectorWindow

SIZES = ((1920, 1080, "1920"), (1024, 768, "1024"), (1080, 1920, "portrait"))
LANGUAGES = (("zh_CN", "zh"), ("en", "en"))
SIGNERS = {"zh_CN": "陈志远", "en": "Grace Chen"}


def demo_signature() -> str:
    """A signature-like scribble: a loop, a long stroke and an underline."""
    import math

    first = tuple(
        (40 + 30 * math.cos(t / 6) + t * 1.6, 60 + 25 * math.sin(t / 6)) for t in range(0, 60)
    )
    second = tuple((130 + t * 3.0, 70 - 30 * math.sin(t / 5.0)) for t in range(0, 40))
    underline = ((30.0, 110.0), (150.0, 104.0), (270.0, 112.0))
    return signature_json(Signature(300, 130, (first, second, underline)))


def voting_workshop(session: Session) -> int:
    """The demo's first workshop (the company's), in the middle of its vote."""
    found = session.scalar(
        select(Workshop.id).where(Workshop.phase == Phase.VOTE).order_by(Workshop.id).limit(1)
    )
    assert found is not None, "the 'voting' demo has a workshop voting"
    return found


def shoot(window: ProjectorWindow, view: RoomView, out: Path, name: str) -> None:
    window.show_room(view)
    window.reveal = 1.0  # the build-up finished, as the room sees it after 2 s
    seconds = None
    if view.timer.running and view.timer.planned_minutes is not None:
        seconds = (view.timer.planned_minutes - view.timer.elapsed_minutes) * 60
    window.set_seconds_left(seconds)
    for width, height, suffix in SIZES:
        window.resize(width, height)
        window.grab().save(str(out / f"{name}-{suffix}.png"))


def run_language(language: str, short: str, out: Path) -> None:
    Translations().install(language)
    folder = Path(tempfile.mkdtemp(prefix="okrdesk-shots-"))
    path = folder / "demo.okrdesk"
    write_demo(path, "voting", language)
    window = ProjectorWindow()
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan)
        with editor.reading() as session:
            workshop = voting_workshop(session)

        def do(*operations: Operation) -> Callable[[], None]:
            def step() -> None:
                for operation in operations:
                    editor.apply(operation)

            return step

        steps: list[tuple[str, Callable[[], None]]] = [
            ("vote", lambda: None),
            ("reveal", do(ops.CloseVoting(workshop), ops.RevealTally(workshop))),
            ("select", do(ops.ChangePhase(workshop, Phase.SELECT), ops.ApplySelection(workshop))),
            ("signoff", do(ops.ChangePhase(workshop, Phase.SIGNOFF))),
            (
                "approved",
                do(
                    ops.SignOffWorkshop(
                        workshop, Decision.APPROVE, SIGNERS[language], signature=demo_signature()
                    )
                ),
            ),
            ("export", do(ops.ChangePhase(workshop, Phase.EXPORT))),
            (
                "group",
                do(
                    ops.ReopenWorkshop(workshop, "screenshots"),
                    ops.ChangePhase(workshop, Phase.GROUP),
                ),
            ),
            ("brainstorm", do(ops.ChangePhase(workshop, Phase.BRAINSTORM))),
            ("setup", do(ops.ChangePhase(workshop, Phase.SETUP))),
        ]
        for name, step in steps:
            step()
            view = editor.view(room_view, workshop, editor.clock())
            assert view is not None
            shoot(window, view, out, f"projector-{short}-{name}")
    window.deleteLater()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    for language, short in LANGUAGES:
        run_language(language, short, out)
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""While returned OKRs are refined, the signer's comments stay in view on every page."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy.orm import Session

from okrdesk.engine.phases import light_form
from okrdesk.engine.queries import signoff_state
from okrdesk.models import Decision, Workshop


class ReturnBanner(QLabel):
    """Shows the latest return's comments until the next decision; hidden otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnBanner")
        self.setWordWrap(True)
        self.hide()

    def load(self, session: Session, workshop_id: int | None) -> None:
        workshop = None if workshop_id is None else session.get(Workshop, workshop_id)
        state = None if workshop is None else signoff_state(workshop)
        latest = None if state is None else state.latest
        if state is None or state.status != "returned" or latest is None:
            self.hide()
            return
        assert latest.decision == Decision.RETURN
        assert workshop is not None
        heading = (
            self.tr("Sent back by %1 (round %2) — refine and confirm again:")
            if light_form(workshop.unit.level)
            else self.tr("Returned by %1 (round %2) — refine and present again:")
        )
        lines = [heading.replace("%1", latest.signer).replace("%2", str(latest.round))]
        if latest.comment:
            lines.append(latest.comment)
        lines.extend(f"• {note.objective_title}: {note.comment}" for note in latest.notes)
        self.setText("\n".join(lines))
        self.setAccessibleName(self.tr("The signer's comments"))
        self.show()

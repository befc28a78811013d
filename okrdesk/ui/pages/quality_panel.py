"""The quality panel: the checks of the objective being written, as the facilitator types."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from okrdesk.engine.objective_tree import ObjectiveRow
from okrdesk.engine.quality import Finding, check_objective
from okrdesk.models import UnitLevel


def objective_findings(objective: ObjectiveRow, level: UnitLevel) -> list[Finding]:
    """The engine's checks of one objective of the tree (a person's too: alignment)."""
    return check_objective(objective, "", level, aligned=objective.aligned)


class QualityPanel(QLabel):
    """Warnings about the current objective; empty when none is current."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageHint")
        self.setWordWrap(True)

    def show_objective(
        self, objective: ObjectiveRow | None, level: UnitLevel, language: str
    ) -> None:
        if objective is None:
            self.setText("")
            return
        findings = objective_findings(objective, level)
        self.setText("\n".join("⚠ " + finding.message(language) for finding in findings))

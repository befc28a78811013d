"""Translated names of the workshop's vocabulary (phases, statuses) for the window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from okrdesk.models import Phase


def phase_name(phase: Phase) -> str:
    translate = QCoreApplication.translate
    names = {
        Phase.SETUP: translate("Phase", "Setup"),
        Phase.BRAINSTORM: translate("Phase", "Brainstorm"),
        Phase.GROUP: translate("Phase", "Group"),
        Phase.VOTE: translate("Phase", "Vote"),
        Phase.SELECT: translate("Phase", "Select"),
        Phase.SIGNOFF: translate("Phase", "Sign-off"),
        Phase.EXPORT: translate("Phase", "Export"),
    }
    return names[phase]


def signoff_status_name(status: str) -> str:
    translate = QCoreApplication.translate
    names = {
        "pending": translate("SignOff", "Awaiting sign-off"),
        "approved": translate("SignOff", "Approved"),
        "returned": translate("SignOff", "Returned for another round"),
    }
    return names[status]

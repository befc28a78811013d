"""Translated names of the workshop's vocabulary (phases, statuses) for the window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from okrdesk.vocabulary import Phase


def phase_name(phase: Phase, light: bool = False) -> str:
    """The phase's name; a person's OKRs (the light form) name two phases their own way."""
    translate = QCoreApplication.translate
    if light and phase == Phase.GROUP:
        return translate("Phase", "Write OKRs")
    if light and phase == Phase.SIGNOFF:
        return translate("Phase", "Confirmation")
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


def signoff_status_name(status: str, light: bool = False) -> str:
    translate = QCoreApplication.translate
    if light:
        return {
            "pending": translate("SignOff", "Awaiting the manager's confirmation"),
            "approved": translate("SignOff", "Confirmed by the manager"),
            "returned": translate("SignOff", "Sent back by the manager"),
        }[status]
    names = {
        "pending": translate("SignOff", "Awaiting sign-off"),
        "approved": translate("SignOff", "Approved"),
        "returned": translate("SignOff", "Returned for another round"),
    }
    return names[status]

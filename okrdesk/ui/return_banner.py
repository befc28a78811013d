"""While returned OKRs are refined, the signer's comments stay in view on every page."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from okrdesk.engine.workshop_list import ReturnNote


class ReturnBanner(QLabel):
    """Shows the latest return's comments until the next decision; hidden otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnBanner")
        self.setWordWrap(True)
        self.hide()

    def show_return(self, returned: ReturnNote | None, light: bool) -> None:
        """Show the latest return's comments (None: the workshop is not sent back)."""
        if returned is None:
            self.hide()
            return
        heading = (
            self.tr("Sent back by %1 (round %2) — refine and confirm again:")
            if light
            else self.tr("Returned by %1 (round %2) — refine and present again:")
        )
        lines = [heading.replace("%1", returned.signer).replace("%2", str(returned.round))]
        if returned.comment:
            lines.append(returned.comment)
        lines.extend(f"• {title}: {comment}" for title, comment in returned.notes)
        self.setText("\n".join(lines))
        self.setAccessibleName(self.tr("The signer's comments"))
        self.show()

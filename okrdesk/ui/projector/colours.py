"""The projector's palette: light text on a dark, high-contrast background."""

from __future__ import annotations

from PySide6.QtGui import QColor

BACKGROUND = QColor("#0b1020")
TEXT = QColor("#f8fafc")
MUTED = QColor("#cbd5e1")
CARD = QColor("#fde68a")
CARD_TEXT = QColor("#111827")
IN = QColor("#22c55e")
TIE = QColor("#f59e0b")
OUT = QColor("#64748b")
OVERTIME = QColor("#fbbf24")  # amber: over the timebox is a nudge, not an alarm

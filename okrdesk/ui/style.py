"""The look: one visual system for the window, readable Chinese and English at laptop and
full-HD sizes.

Type scale (pixels): body 14 (the application font: Chinese body text is never smaller), hint
13, section 16, page title 22, the timer 24. Spacing: 4, 8, 12, 16. Buttons come in three
kinds: primary (filled, one per page: the next step), secondary (outlined: the default) and
quiet (text only: "quiet" object name). Every control that takes the keyboard shows a focus
ring in the accent colour. Lists, trees and tables have square borders: a rounded one makes
a view transparent, and each change to a row would repaint the page beneath it
(opaque_views.py).
"""

from __future__ import annotations

BODY_PX = 14

ACCENT = "#2563eb"
CARD = "#fff7d6"
CARD_BORDER = "#e8d48a"
DANGER = "#b91c1c"
OK = "#15803d"

# Scroll bars are flat: a light track and a handle at 3:1 against it (a user-interface part's
# contrast). The style's own bars drew gradients, about 1.5 ms a repaint, and a list's bar
# repaints with every card added or moved that changes its handle.
TRACK = "#f1f3f5"
HANDLE = "#848c99"

# The page's "Next: <phase> →" is its primary button where the page has none of its own.
LEAD = 'QPushButton#nextPhase[lead="true"]'

STYLESHEET = f"""
QMainWindow, QWidget#page {{ background: #f6f7f9; }}
QLabel#pageTitle {{ font-size: 22px; font-weight: 700; color: #111827; }}
QLabel#pageHint {{ font-size: 13px; color: #4b5563; }}
QLabel#sectionTitle {{ font-size: 16px; font-weight: 700; color: #1f2937; }}
QLabel#emptyState {{ color: #6b7280; font-size: 15px; }}
QListWidget#navigator {{
    background: #1f2937; color: #e5e7eb; border: none; font-size: 15px; outline: 0;
}}
QListWidget#navigator::item {{ padding: 10px 14px; border-left: 4px solid transparent; }}
QListWidget#navigator::item:selected {{
    background: #374151; color: white; border-left: 4px solid {ACCENT};
}}
QFrame#messageBar[level="error"] {{ background: #fee2e2; border: 1px solid #fca5a5; }}
QFrame#messageBar[level="notice"] {{ background: #fef3c7; border: 1px solid #fcd34d; }}
QFrame#messageBar[level="info"] {{ background: #dbeafe; border: 1px solid #93c5fd; }}
QFrame#messageBar {{ border-radius: 6px; }}
QLabel#returnBanner {{ background: #fff7ed; border: 1px solid #fdba74; border-radius: 6px;
    padding: 6px 10px; color: #7c2d12; }}
QLabel#timer {{ font-size: 24px; font-weight: 600; }}
QLabel#timer[overtime="true"] {{ color: {DANGER}; }}
QLineEdit#quickEntry {{ font-size: 18px; padding: 8px 10px; border: 2px solid {ACCENT};
    border-radius: 8px; background: white; }}
QPushButton {{ background: white; color: #1f2937; border: 1px solid #cbd5e1;
    border-radius: 6px; padding: 6px 12px; }}
QPushButton:hover {{ background: #f1f5f9; }}
QPushButton:pressed {{ background: #e2e8f0; }}
QPushButton:disabled {{ color: #9ca3af; border-color: #e5e7eb; }}
QPushButton:focus {{ border: 2px solid {ACCENT}; padding: 5px 11px; }}
QPushButton#primary, {LEAD} {{ background: {ACCENT}; color: white; border: 1px solid {ACCENT};
    padding: 7px 16px; font-weight: 600; }}
QPushButton#primary:hover, {LEAD}:hover {{ background: #1d4ed8; }}
QPushButton#primary:disabled, {LEAD}:disabled {{ background: #93c5fd; border-color: #93c5fd; }}
QPushButton#primary:focus, {LEAD}:focus {{ border: 2px solid #1e3a8a; padding: 6px 15px; }}
QPushButton#quiet {{ background: transparent; border: none; color: {ACCENT}; }}
QPushButton#quiet:hover {{ text-decoration: underline; }}
QPushButton#quiet:focus {{ border: 2px solid {ACCENT}; padding: 4px 10px; }}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QDateEdit:focus, QSpinBox:focus {{
    border: 2px solid {ACCENT}; border-radius: 4px; }}
QTreeView, QListView, QTableWidget {{ background: white; border: 1px solid #d1d5db; }}
QTreeView:focus, QListView:focus, QTableWidget:focus {{ border: 2px solid {ACCENT}; }}
QGroupBox {{ font-weight: 600; }}
QScrollBar:vertical {{ background: {TRACK}; width: 12px; margin: 0; border: none; }}
QScrollBar:horizontal {{ background: {TRACK}; height: 12px; margin: 0; border: none; }}
QScrollBar::handle {{ background: {HANDLE}; border-radius: 4px; margin: 2px; }}
QScrollBar::handle:vertical {{ min-height: 28px; }}
QScrollBar::handle:horizontal {{ min-width: 28px; }}
QScrollBar::handle:hover {{ background: #6b7280; }}
QScrollBar::handle:pressed {{ background: #4b5563; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QFrame#approvedCard {{ background: #f0fdf4; border: 2px solid {OK}; border-radius: 10px; }}
QLabel#approvedTitle {{ font-size: 26px; font-weight: 700; color: {OK}; }}
"""

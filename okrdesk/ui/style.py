"""The look: one stylesheet, readable Chinese and English at laptop and full-HD sizes."""

from __future__ import annotations

ACCENT = "#2563eb"
CARD = "#fff7d6"
CARD_BORDER = "#e8d48a"
DANGER = "#b91c1c"
OK = "#15803d"

STYLESHEET = f"""
QMainWindow, QWidget#page {{ background: #f6f7f9; }}
QLabel#pageTitle {{ font-size: 20px; font-weight: 700; color: #111827; }}
QLabel#pageHint {{ color: #4b5563; }}
QLabel#sectionTitle {{ font-size: 15px; font-weight: 700; color: #1f2937; }}
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
QLabel#timer {{ font-size: 24px; font-weight: 600; font-family: monospace; }}
QLabel#timer[overtime="true"] {{ color: {DANGER}; }}
QLineEdit#quickEntry {{ font-size: 18px; padding: 8px 10px; border: 2px solid {ACCENT};
    border-radius: 8px; background: white; }}
QPushButton {{ padding: 6px 12px; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border-radius: 6px;
    padding: 7px 16px; font-weight: 600; }}
QPushButton#primary:disabled {{ background: #93c5fd; }}
QTreeView, QListView, QTableWidget {{ background: white; border: 1px solid #d1d5db;
    border-radius: 6px; }}
QGroupBox {{ font-weight: 600; }}
QFrame#approvedCard {{ background: #f0fdf4; border: 2px solid {OK}; border-radius: 10px; }}
QLabel#approvedTitle {{ font-size: 26px; font-weight: 700; color: {OK}; }}
"""

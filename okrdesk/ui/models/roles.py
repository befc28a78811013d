"""Item data roles shared by okrdesk's models and delegates."""

from PySide6.QtCore import Qt

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "objective", "idea" or "key_result"
AUTHOR_ROLE = Qt.ItemDataRole.UserRole + 3
OBJECTIVE_ROLE = Qt.ItemDataRole.UserRole + 4
DUPLICATES_ROLE = Qt.ItemDataRole.UserRole + 5
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 6

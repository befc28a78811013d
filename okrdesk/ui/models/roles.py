"""Item data roles shared by okrdesk's models and delegates, and the kinds of row."""

from enum import StrEnum

from PySide6.QtCore import Qt


class ItemKind(StrEnum):
    """What a row of the card wall or the objective tree is (its KIND_ROLE)."""

    OBJECTIVE = "objective"
    KEY_RESULT = "key_result"
    IDEA = "idea"


ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # an ItemKind
AUTHOR_ROLE = Qt.ItemDataRole.UserRole + 3
OBJECTIVE_ROLE = Qt.ItemDataRole.UserRole + 4
DUPLICATES_ROLE = Qt.ItemDataRole.UserRole + 5
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 6
# Everything a tree row paints, in one call: (text, font, colour or None, icon or None).
LOOK_ROLE = Qt.ItemDataRole.UserRole + 7
# A card carried over from the unit's last cycle: its CarriedKind's value, or None.
CARRIED_ROLE = Qt.ItemDataRole.UserRole + 8

"""What a drag carries between okrdesk's views: the ids of cards and key results."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, Qt

ITEMS_MIME = "application/x-okrdesk-items"


def items_mime(items: dict[str, list[int]]) -> QMimeData:
    """A drag payload: {"idea": [ids], "key_result": [ids]}."""
    mime = QMimeData()
    mime.setData(ITEMS_MIME, json.dumps(items).encode())
    return mime


def dragged_items(mime: QMimeData) -> dict[str, list[int]]:
    """The ids a drop brings ({} for anything that is not ours)."""
    if not mime.hasFormat(ITEMS_MIME):
        return {}
    payload = json.loads(bytes(mime.data(ITEMS_MIME).data()).decode())
    return payload if isinstance(payload, dict) else {}


class MovesItems:
    """Drag-and-drop settings shared by the models: our payload, moved (never copied)."""

    def mimeTypes(self) -> list[str]:
        return [ITEMS_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

"""The selection rules of thumb: 3-5 objectives with 2-5 key results each (warnings only)."""

from __future__ import annotations

from collections.abc import Sequence

from okrdesk.engine.changes import Notice
from okrdesk.models import Objective

OBJECTIVES_PER_WORKSHOP = (3, 5)
KEY_RESULTS_PER_OBJECTIVE = (2, 5)


def selection_notices(selected: Sequence[Objective]) -> list[Notice]:
    """Warnings for a selection outside the rules of thumb; the room may still decide so."""
    notices: list[Notice] = []
    low, high = OBJECTIVES_PER_WORKSHOP
    if not low <= len(selected) <= high:
        notices.append(Notice("notice.objective_count", {"count": len(selected)}))
    low, high = KEY_RESULTS_PER_OBJECTIVE
    for objective in selected:
        count = len(objective.key_results)
        if not low <= count <= high:
            notices.append(
                Notice("notice.key_result_count", {"title": objective.title, "count": count})
            )
    return notices

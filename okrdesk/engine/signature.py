"""A hand-drawn signature as plain data: strokes of points, stored as JSON with a decision."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from okrdesk.errors import ValidationError

# A signature is a few strokes; this bounds a runaway pen without limiting a real one.
MAX_POINTS = 20_000
# The box is the pad's size in pixels, stored to 1 decimal: a side below MIN_BOX would be
# stored as 0, and one past MAX_BOX (or a point that far out) is no pad on any screen.
MIN_BOX = 1.0
MAX_BOX = 100_000.0
Point = tuple[float, float]


@dataclass(frozen=True)
class Signature:
    """Strokes drawn in a box of width x height (any unit; renderers scale it to fit)."""

    width: float
    height: float
    strokes: tuple[tuple[Point, ...], ...]

    @property
    def empty(self) -> bool:
        return not any(self.strokes)


def signature_json(signature: Signature) -> str:
    """The stored form: {"width", "height", "strokes": [[[x, y], ...], ...]} (1 decimal)."""
    return json.dumps(
        {
            "width": round(signature.width, 1),
            "height": round(signature.height, 1),
            "strokes": [
                [[round(x, 1), round(y, 1)] for x, y in stroke] for stroke in signature.strokes
            ],
        },
        separators=(",", ":"),
    )


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(value)
    if abs(value) > MAX_BOX:
        raise ValueError(value)
    return float(value)


def parse_signature(text: str | None) -> Signature | None:
    """The signature in stored JSON, None for none; anything malformed is refused."""
    if text is None or not text.strip():
        return None
    try:
        data = json.loads(text)
        width, height = _number(data["width"]), _number(data["height"])
        if width < MIN_BOX or height < MIN_BOX:
            raise ValueError("box")
        strokes = tuple(
            tuple((_number(point[0]), _number(point[1])) for point in stroke)
            for stroke in data["strokes"]
            if stroke
        )
        if any(len(point) != 2 for stroke in data["strokes"] for point in stroke):
            raise ValueError("point")
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise ValidationError("validation.bad_signature") from error
    if sum(len(stroke) for stroke in strokes) > MAX_POINTS:
        raise ValidationError("validation.bad_signature")
    signature = Signature(width, height, strokes)
    return None if signature.empty else signature

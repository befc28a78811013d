"""The handout PDF a phone takes home: drawn from frozen data, away from the writer's thread.

The room's writer may run views on the window's Qt thread, so only the snapshot is read
through it; the PDF is drawn here, on a worker thread of the server (asyncio.to_thread),
by the same exporter as the window's Export step, in the phone's language.
"""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date
from urllib.parse import quote

from okrdesk.engine.snapshot import PlanSnapshot
from okrdesk.export.exporter import write_pdf
from okrdesk.export.report import build_report

NAME_LIMIT = 80  # characters of the workshop's title in the file's name
_NOT_IN_NAMES = '\\/:*?"<>|'


def render_handout(snapshot: PlanSnapshot, workshop_id: int, language: str, today: date) -> bytes:
    """The workshop's handout as PDF bytes (A4), as the window's Export step draws it."""
    report = build_report(snapshot, language, workshop_id, today)
    out = io.BytesIO()
    write_pdf(snapshot, report, out, "handout", "a4")
    return out.getvalue()


def handout_disposition(title: str) -> str:
    """Content-Disposition for the download: the workshop's title as the file's name, with
    an ASCII fallback for browsers that do not read RFC 5987's filename*."""
    name = "".join(
        "_" if char in _NOT_IN_NAMES or not char.isprintable() else char for char in title
    )
    name = " ".join(name.split())[:NAME_LIMIT] or "okrdesk"
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    plain = re.sub(r"[^A-Za-z0-9._-]+", "-", plain).strip("-._") or "okrdesk-handout"
    return f"attachment; filename=\"{plain}.pdf\"; filename*=UTF-8''{quote(name + '.pdf', safe='')}"

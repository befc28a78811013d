"""Page images of the quarter's documents, for docs/ and for looking at changes.

    python tools/quarter_pages.py [FOLDER]        (default: docs/quarter)

From the demo's "retro" stage in each language (a cycle ended: check-ins, scores, Marketing's
retrospective answered), it exports through ``okrdesk export`` (the command a facilitator
runs) the progress review and the retrospective of Marketing's workshop, the company's
all-hands slides and the cycle's cascade board, on A4, and writes every page as
DOCUMENT-LANGUAGE-N.png with poppler's pdftoppm at 50 dpi (tools/handout_pages.py). The PNGs
the folder held before are removed first; the PDFs are written to a temporary folder.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from tools.handout_pages import pages

LANGUAGES = {"zh_CN": "zh", "en": "en"}
MARKETING = "2"  # the demo's Marketing workshop: the one whose retrospective is answered
DOCUMENTS = {  # document: the workshop it is exported for (None: the command's default)
    "review": MARKETING,
    "retro": MARKETING,
    "allhands": None,
    "cascade": None,
}


def okrdesk(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "okrdesk", *args], check=True, capture_output=True)


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/quarter")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as work:
        for language, short in LANGUAGES.items():
            plan = Path(work) / f"retro-{short}.okrdesk"
            okrdesk("demo", str(plan), "--stage", "retro", "--lang", language)
            for document, workshop in DOCUMENTS.items():
                pdf = Path(work) / f"{document}-{short}.pdf"
                chosen = [] if workshop is None else ["--workshop", workshop]
                okrdesk(
                    "export", str(plan), str(pdf), "--document", document,
                    "--lang", language, *chosen,
                )  # fmt: skip
                written += pages(pdf, folder / f"{document}-{short}")
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

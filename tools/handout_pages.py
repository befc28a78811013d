"""Page images of every document okrdesk prints, for docs/ and for looking at changes.

    python tools/handout_pages.py [FOLDER]        (default: docs/handout)

From a fresh signed demo plan in each language it exports the handout (with its appendix of
every idea), the alignment tree and the wall summary, on A4 and on Letter, and writes every
page as DOCUMENT-LANGUAGE-PAPER-PAGE.png (e.g. handout-zh-a4-1.png, alignment-en-letter-2.png)
with poppler's pdftoppm at 50 dpi, so the whole set stays small. The PNGs the folder held
before are removed first (a document that got shorter leaves no stale page behind); the
PDFs are written to a temporary folder and never kept.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from okrdesk.demo import write_demo
from okrdesk.engine.sources import read_snapshot
from okrdesk.export.exporter import export

LANGUAGES = {"zh_CN": "zh", "en": "en"}
PAPERS = ("a4", "letter")
# The meeting's documents (the quarter's are tools/quarter_pages.py's, from a later stage).
MEETING_DOCUMENTS = ("handout", "wall", "alignment")
DPI = 50


def pages(pdf: Path, prefix: Path) -> list[Path]:
    """Every page of the PDF as PREFIX-N.png (N from 1, not zero-padded)."""
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), str(pdf), str(prefix)], check=True)
    written = []
    for made in sorted(prefix.parent.glob(prefix.name + "-*.png")):
        # pdftoppm pads page numbers by the page count ("-01"); keep them plain.
        number = int(made.stem.rsplit("-", 1)[1])
        target = prefix.parent / f"{prefix.name}-{number}.png"
        made.rename(target)
        written.append(target)
    return written


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/handout")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as work:
        for language, short in LANGUAGES.items():
            plan = Path(work) / f"demo-{short}.okrdesk"
            write_demo(plan, "signed", language)
            snapshot = read_snapshot(plan)
            for document in MEETING_DOCUMENTS:
                for paper in PAPERS:
                    pdf = Path(work) / f"{document}-{short}-{paper}.pdf"
                    # The handout and the wall are the company workshop's; the tree, its cycle.
                    workshop = None if document == "alignment" else 1
                    export(
                        snapshot,
                        pdf,
                        language=language,
                        workshop_id=workshop,
                        paper=paper,
                        document=document,
                    )
                    written += pages(pdf, folder / f"{document}-{short}-{paper}")
    size = sum(path.stat().st_size for path in written)
    print(f"{len(written)} pages, {size / 1024:.0f} KiB in {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

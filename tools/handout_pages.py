"""PNGs of the first pages of the Chinese handout, for docs/ (and for looking at changes).

    python tools/handout_pages.py docs/handout/handout-zh
writes PREFIX-1.png, PREFIX-2.png from a fresh signed demo plan (company workshop), using
poppler's pdftoppm; the PDF itself is written to a temporary folder and never kept.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from okrdesk.demo import write_demo
from okrdesk.engine.sources import read_snapshot
from okrdesk.export.exporter import export


def main() -> int:
    prefix = Path(sys.argv[1])
    pages = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    prefix.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        plan, pdf = Path(folder) / "demo.okrdesk", Path(folder) / "handout.pdf"
        write_demo(plan, "signed", "zh_CN")
        export(read_snapshot(plan), pdf, language="zh_CN", workshop_id=1)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", str(pages), str(pdf), str(prefix)],
            check=True,
        )
    for made in sorted(prefix.parent.glob(prefix.name + "-*.png")):
        # pdftoppm pads page numbers by the page count ("-01"); keep it plain.
        number = int(made.stem.rsplit("-", 1)[1])
        made.rename(prefix.parent / f"{prefix.name}-{number}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Build hook: compile the Qt translation sources (resources/i18n/*.ts) to .qm catalogues.

The .qm files are build outputs (not in git); every wheel, editable or not, gets them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def lrelease() -> list[str]:
    """The lrelease tool that ships with PySide6."""
    found = shutil.which("pyside6-lrelease")
    if found:
        return [found]
    import PySide6  # a build requirement, only needed here

    binary = Path(PySide6.__file__).parent / (
        "lrelease.exe" if sys.platform == "win32" else "lrelease"
    )
    return [str(binary)]


class TranslationsHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        folder = Path(self.root) / "resources" / "i18n"
        for source in sorted(folder.glob("*.ts")):
            target = source.with_suffix(".qm")
            # Written next to the source: the wheel takes the whole resources folder after this.
            subprocess.run([*lrelease(), "-silent", str(source), "-qm", str(target)], check=True)

"""Where okrdesk finds its shipped resources (translations, templates, migrations data)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The resources folder: inside the installed package, or beside it in a source tree."""
    for candidate in (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("okrdesk's resources folder is missing from this installation")


def resource_path(*parts: str) -> Path:
    """A file inside the resources folder."""
    return resources_dir().joinpath(*parts)

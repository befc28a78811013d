"""Build okrdesk's one-folder bundle: ``python packaging/build.py`` (from the repository).

Needs the ``bundle`` extra (``pip install -c constraints.txt -e '.[bundle]'``). Steps: compile
the translations (.qm, git-ignored) with lrelease, draw the Windows/macOS icons, run
PyInstaller on packaging/okrdesk.spec (dist/okrdesk, on macOS also dist/okrdesk.app), then on
Linux add the desktop entry, the MIME type and the icons under dist/okrdesk/share with
install-desktop.sh, and pack the folder as dist/okrdesk-VERSION-linux-ARCH.tar.gz.

(Run as a file, not ``python -m packaging.build``: a package named ``packaging`` would hide
the ``packaging`` library that PyInstaller itself imports.)
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = ROOT / "dist"
BUILD = ROOT / "build"
BUNDLE = DIST / "okrdesk"
sys.path.insert(0, str(HERE))

from make_icons import SIZES, platform_icons, png_path  # noqa: E402


def version() -> str:
    namespace: dict[str, str] = {}
    exec((ROOT / "okrdesk" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return namespace["__version__"]


def lrelease() -> str:
    found = shutil.which("pyside6-lrelease")
    if found is None:
        raise SystemExit("pyside6-lrelease not found: install okrdesk's dependencies first")
    return found


def compile_translations() -> list[Path]:
    """resources/i18n/*.ts to .qm beside them (the bundle takes the .qm only)."""
    written = []
    for source in sorted((ROOT / "resources" / "i18n").glob("*.ts")):
        target = source.with_suffix(".qm")
        subprocess.run([lrelease(), "-silent", str(source), "-qm", str(target)], check=True)
        written.append(target)
    return written


def run_pyinstaller(icons: Path) -> None:
    env = {**os.environ, "OKRDESK_ICONS_BUILT": str(icons)}
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(BUILD / "pyinstaller"),
        str(HERE / "okrdesk.spec"),
    ]
    subprocess.run(command, check=True, cwd=ROOT, env=env)


def add_linux_desktop_files(folder: Path) -> None:
    """The desktop entry, the MIME type and the icons in the XDG layout under share/, and
    the script that installs them for the user (install-desktop.sh)."""
    share = folder / "share"
    shutil.rmtree(share, ignore_errors=True)
    (share / "applications").mkdir(parents=True)
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy2(HERE / "linux" / "okrdesk.desktop", share / "applications" / "okrdesk.desktop")
    shutil.copy2(HERE / "linux" / "okrdesk-mime.xml", share / "mime" / "packages" / "okrdesk.xml")
    for size in SIZES:
        apps = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        apps.mkdir(parents=True)
        shutil.copy2(png_path(size), apps / "okrdesk.png")
    shutil.copy2(HERE / "linux" / "install-desktop.sh", folder / "install-desktop.sh")


def folder_size(folder: Path) -> int:
    """Bytes of the files under the folder (a link counts as itself, not as its target)."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_dir())


def pack(folder: Path, archive: Path) -> Path:
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname=folder.name)
    return archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python packaging/build.py", description=__doc__)
    parser.add_argument(
        "--no-archive", action="store_true", help="leave dist/okrdesk unpacked only (no tar.gz)"
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    compile_translations()
    icons = BUILD / "icons"
    platform_icons(icons)
    run_pyinstaller(icons)
    if sys.platform.startswith("linux"):
        add_linux_desktop_files(BUNDLE)
    megabytes = folder_size(BUNDLE) / 1e6
    print(f"bundle: {BUNDLE} ({megabytes:.0f} MB unpacked)")
    if sys.platform.startswith("linux") and not args.no_archive:
        archive = DIST / f"okrdesk-{version()}-linux-{platform.machine()}.tar.gz"
        pack(BUNDLE, archive)
        print(f"archive: {archive} ({archive.stat().st_size / 1e6:.0f} MB)")
    print(f"built in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Draw okrdesk's icon files from resources/icons/okrdesk.svg.

``python packaging/make_icons.py`` writes the PNG sizes beside the SVG (committed: the
window's icon, pip-installed or bundled, and the Linux desktop entry use them);
packaging/build.py also calls :func:`platform_icons` for the Windows .ico and the macOS
.icns, which are build outputs (under build/icons).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "okrdesk.svg"
# The sizes desktops ask for: menus and title bars (16-32), docks and launchers (48-256),
# macOS's retina sizes (512).
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_path(size: int, folder: Path = ICONS) -> Path:
    return folder / f"okrdesk-{size}.png"


def draw_pngs(folder: Path = ICONS, source: Path = SOURCE) -> list[Path]:
    """Each size drawn from the SVG on a transparent background."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {source}")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = png_path(size, folder)
        if not image.save(str(path)):  # PNG, by the suffix
            raise SystemExit(f"cannot write {path}")
        written.append(path)
    return written


def platform_icons(folder: Path, pngs: Path = ICONS) -> tuple[Path, Path]:
    """The Windows .ico (several sizes in one file) and the macOS .icns, from the PNGs."""
    from PIL import Image  # reportlab's own dependency: always installed with okrdesk

    folder.mkdir(parents=True, exist_ok=True)
    largest = Image.open(png_path(512, pngs))
    ico = folder / "okrdesk.ico"
    largest.save(ico, format="ICO", sizes=[(size, size) for size in ICO_SIZES])
    icns = folder / "okrdesk.icns"
    largest.save(icns, format="ICNS")
    return ico, icns


if __name__ == "__main__":
    for path in draw_pngs():
        print(path.relative_to(ROOT))

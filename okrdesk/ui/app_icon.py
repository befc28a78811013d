"""okrdesk's icon for its windows and the taskbar (resources/icons, drawn from okrdesk.svg)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from okrdesk.resource_paths import resource_path

# The PNG sizes in resources/icons (packaging/make_icons.py draws them).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# The desktop entry's name (packaging/linux/okrdesk.desktop): Wayland and the taskbar match
# the window to it, and so to its icon.
DESKTOP_FILE_NAME = "okrdesk"


def app_icon() -> QIcon:
    """The icon at every size shipped; each file is read only when that size is drawn."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("icons", f"okrdesk-{size}.png")), QSize(size, size))
    return icon

"""The bundle's platform files say what the build and the desktops need: a .okrdesk file opens
with okrdesk on Linux (desktop entry and MIME type), Windows (the installer's association) and
macOS (the app's document type); the icons exist at every size. Read as text: no build."""

import configparser
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def test_the_desktop_entry_opens_a_file_of_okrdesk_s_mime_type():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(PACKAGING / "linux" / "okrdesk.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Exec"] == "okrdesk %f"  # install-desktop.sh puts the bundle's path first
    assert desktop["MimeType"] == "application/x-okrdesk;"
    assert desktop["Icon"] == "okrdesk" and desktop["StartupWMClass"] == "okrdesk"
    assert desktop["GenericName[zh_CN]"] and desktop["Comment[zh_CN]"]
    script = (PACKAGING / "linux" / "install-desktop.sh").read_text(encoding="utf-8")
    assert 's|^Exec=okrdesk |Exec=\\"$here/okrdesk\\" |' in script


def test_the_mime_type_globs_okrdesk_files_as_a_kind_of_sqlite():
    namespace = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ElementTree.parse(PACKAGING / "linux" / "okrdesk-mime.xml").getroot()
    mime = root.find("m:mime-type", namespace)
    assert mime is not None and mime.get("type") == "application/x-okrdesk"
    assert mime.find("m:glob", namespace).get("pattern") == "*.okrdesk"
    assert mime.find("m:sub-class-of", namespace).get("type") == "application/vnd.sqlite3"


def test_the_windows_installer_adds_a_start_menu_entry_and_the_file_association():
    script = (PACKAGING / "windows" / "okrdesk.iss").read_text(encoding="utf-8")
    assert 'Name: "{group}\\{#AppName}"; Filename: "{app}\\{#AppExe}"' in script
    assert re.search(r'Subkey: "Software\\Classes\\\.okrdesk"; .*ValueData: "\{#ProgId\}"', script)
    assert 'ValueData: """{app}\\{#AppExe}"" ""%1"""' in script  # the file is the argument
    assert "ChangesAssociations=yes" in script
    assert 'Source: "dist\\okrdesk\\*"' in script


def test_the_spec_bundles_the_resources_migrations_and_a_mac_document_type():
    spec = (PACKAGING / "okrdesk.spec").read_text(encoding="utf-8")
    assert '"okrdesk/resources"' in spec and '"okrdesk/models/migrations"' in spec
    assert '"public.filename-extension": ["okrdesk"]' in spec
    assert '"LSItemContentTypes": ["org.okrdesk.plan"]' in spec
    assert 'argv_emulation=sys.platform == "darwin"' in spec
    for left_out in ("PySide6.QtWebEngineCore", "PySide6.Qt3DCore", "PySide6.QtQuick"):
        assert f'"{left_out}"' in spec


def test_the_icon_exists_at_every_size_drawn_from_its_svg():
    icons = ROOT / "resources" / "icons"
    assert (icons / "okrdesk.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    for size in ICON_SIZES:
        png = (icons / f"okrdesk-{size}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert (width, height) == (size, size)

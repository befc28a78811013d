"""The faces of a document: a CJK TrueType font (regular and, where one exists, bold),
embedded, and a Latin companion for English words and numbers.

reportlab embeds (subsets) TrueType outlines only; OpenType/CFF fonts such as PingFang or
Noto CJK cannot be used, so the lists name TrueType fonts of each system:

- Windows: Microsoft YaHei, regular (msyh) and bold (msyhbd); its Latin is good, so it
  needs no companion.
- macOS: PingFang is CFF-outlined and cannot be embedded; STHeiti Light and Medium
  (TrueType collections) are used, with Arial as the Latin companion.
- Linux: WenQuanYi Zen Hei / Micro Hei have a regular face only, and their Latin is poor
  ("O1" reads as "01"): DejaVu Sans or Liberation Sans, regular and bold, set the Latin.
  A bold CJK TrueType face is looked for with fc-list (any family).

Without a CJK bold face, bold Chinese is drawn by filling and stroking the regular
outlines (text render mode 2): headings still stand out by weight. Without any TrueType
CJK font, reportlab's built-in STSong-Light CID font is used: every PDF reader can show
it, but it is not embedded (its bold is synthetic too).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

FALLBACK = "STSong-Light"
# Set to a font file (".ttc:1" picks a face of a collection) or to "cid" for the fallback.
FONT_VARIABLE = "OKRDESK_PDF_FONT"
# A bold CJK face (a file, ".ttc:1" for a face), or "synthetic" to stroke the regular one.
BOLD_VARIABLE = "OKRDESK_PDF_BOLD_FONT"
# The Latin companion's regular file (its bold is looked for beside it), or "none".
LATIN_VARIABLE = "OKRDESK_PDF_LATIN_FONT"
# How much the outline of a synthetic bold is stroked, as a share of the font size.
SYNTHETIC_STROKE = 0.032

CANDIDATES: tuple[tuple[str, int], ...] = (
    # Windows
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttf", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    # macOS
    ("/System/Library/Fonts/STHeiti Light.ttc", 0),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
    # Linux
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
)

# The bold face of a regular one, where the system ships both.
BOLD_OF: dict[str, tuple[str, ...]] = {
    "msyh.ttc": ("C:/Windows/Fonts/msyhbd.ttc",),
    "msyh.ttf": ("C:/Windows/Fonts/msyhbd.ttf",),
    "STHeiti Light.ttc": ("/System/Library/Fonts/STHeiti Medium.ttc",),
}

# CJK faces whose own Latin letters and digits read well: no companion for them.
GOOD_LATIN = ("msyh",)

# Latin companions: regular and bold.
LATIN: tuple[tuple[str, str], ...] = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        "/System/Library/Fonts/Supplemental/Arial.ttf",
        "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
    ),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
)


@dataclass(frozen=True)
class PdfFont:
    """The registered faces of a document.

    ``name`` is the regular CJK face; ``bold`` the bold CJK face, or ``name`` again when
    ``synthetic_bold`` (then bold is drawn by stroking the outlines). ``latin`` and
    ``latin_bold`` set Latin letters, digits and punctuation when the CJK face's own are
    poor (None: the CJK face sets them too).
    """

    name: str
    embedded: bool
    source: str
    bold: str = ""
    synthetic_bold: bool = True
    latin: str | None = None
    latin_bold: str | None = None

    @property
    def bold_name(self) -> str:
        return self.bold or self.name


def _candidates(setting: str | None) -> tuple[tuple[str, int], ...]:
    if not setting:
        return CANDIDATES
    path, _, index = setting.rpartition(":")
    if path and index.isdigit():
        return ((path, int(index)),)
    return ((setting, 0),)


def _load(path: str, index: int = 0) -> str | None:
    """The registered name of a TrueType face, or None when it cannot be embedded."""
    if not Path(path).is_file():
        return None
    name = f"okrdesk-{Path(path).stem.replace(' ', '-')}-{index}"
    try:
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
    except (TTFError, OSError):
        return None  # unreadable, or outlines reportlab cannot embed (CFF)
    return name


FC_BOLD_CJK = ["fc-list", "-f", "%{file}|%{index}\n", ":lang=zh-cn:weight=200"]
_asked: list[subprocess.Popen[str]] = []  # fc-list started early, read by _fc_bold_cjk


def _ask_fontconfig() -> None:
    """Start fc-list now, so it runs while the regular face is parsed (~0.25 s for a CJK
    TrueType font): its answer then costs no wait."""
    if _asked or shutil.which("fc-list") is None:
        return
    with contextlib.suppress(OSError):  # no fc-list after all: no bold CJK face known
        _asked.append(
            subprocess.Popen(
                FC_BOLD_CJK, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
            )
        )


def _fc_bold_cjk() -> tuple[tuple[str, int], ...]:
    """Bold Chinese faces fontconfig knows of (TrueType or not: loading tells)."""
    _ask_fontconfig()
    if not _asked:
        return ()
    query = _asked.pop()
    try:
        found, _errors = query.communicate(timeout=10)
    except subprocess.SubprocessError:
        query.kill()
        query.communicate()
        return ()
    faces: list[tuple[str, int]] = []
    for line in sorted(set(found.splitlines())):
        path, _, index = line.rpartition("|")
        if path.lower().endswith((".ttf", ".ttc")) and index.isdigit():
            faces.append((path, int(index)))
    return tuple(faces)


def _bold(regular_path: str, setting: str | None) -> str | None:
    """The bold CJK face for the regular one, if the machine has one."""
    if setting == "synthetic":
        return None
    if setting:
        return next((n for p, i in _candidates(setting) if (n := _load(p, i))), None)
    for path in BOLD_OF.get(Path(regular_path).name, ()):
        if name := _load(path):
            while _asked:  # the system's own bold: fontconfig's answer is not needed
                query = _asked.pop()
                query.kill()
                query.communicate()
            return name
    return next((n for p, i in _fc_bold_cjk() if (n := _load(p, i))), None)


def _latin(regular_path: str, setting: str | None) -> tuple[str | None, str | None]:
    """The Latin companion (regular, bold), or (None, None)."""
    if setting == "none" or any(Path(regular_path).stem.startswith(g) for g in GOOD_LATIN):
        return None, None
    pairs = LATIN
    if setting:
        regular = Path(setting)
        pairs = ((setting, str(regular.with_name(regular.stem + "-Bold" + regular.suffix))),)
    for regular_file, bold_file in pairs:
        if name := _load(regular_file):
            _family(name, _load(bold_file) or name)
            return name, (_load(bold_file) or name)
    return None, None


@lru_cache(maxsize=8)
def _register(setting: str | None, bold: str | None, latin: str | None) -> PdfFont:
    if setting != "cid" and not bold:
        _ask_fontconfig()
    if setting != "cid":
        for path, index in _candidates(setting):
            name = _load(path, index)
            if name is None:
                continue
            latin_regular, latin_bold = _latin(path, latin)
            bold_name = _bold(path, bold)
            _family(name, bold_name or name)
            return PdfFont(
                name,
                True,
                path,
                bold=bold_name or name,
                synthetic_bold=bold_name is None,
                latin=latin_regular,
                latin_bold=latin_bold,
            )
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
    _family(FALLBACK, FALLBACK)
    latin_regular, latin_bold = _latin(FALLBACK, latin)
    return PdfFont(
        FALLBACK,
        False,
        FALLBACK,
        bold=FALLBACK,
        synthetic_bold=True,
        latin=latin_regular,
        latin_bold=latin_bold,
    )


def _family(name: str, bold: str) -> None:
    """<b> and <i> in a paragraph never fail: bold maps to the bold face, italic to upright."""
    for is_bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, is_bold, italic, bold if is_bold else name)


def cjk_font(setting: str | None = None) -> PdfFont:
    """The faces for documents: ``setting``, else $OKRDESK_PDF_FONT, else the first found
    (its bold from $OKRDESK_PDF_BOLD_FONT, its Latin companion from $OKRDESK_PDF_LATIN_FONT)."""
    return _register(
        setting if setting is not None else os.environ.get(FONT_VARIABLE),
        os.environ.get(BOLD_VARIABLE),
        os.environ.get(LATIN_VARIABLE),
    )

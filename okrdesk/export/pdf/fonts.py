"""A font that writes Chinese: an installed TrueType CJK font, embedded, or STSong-Light.

reportlab embeds (subsets) TrueType outlines only; OpenType/CFF fonts such as PingFang or
Noto CJK cannot be used, so the list names TrueType fonts of each system. Without one,
reportlab's built-in STSong-Light CID font is used: every PDF reader can show it, but it
is not embedded.
"""

from __future__ import annotations

import os
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


@dataclass(frozen=True)
class PdfFont:
    """The registered font name, and whether it is an embedded TrueType font."""

    name: str
    embedded: bool
    source: str


def _candidates(setting: str | None) -> tuple[tuple[str, int], ...]:
    if not setting:
        return CANDIDATES
    path, _, index = setting.rpartition(":")
    if path and index.isdigit():
        return ((path, int(index)),)
    return ((setting, 0),)


@lru_cache(maxsize=8)
def _register(setting: str | None) -> PdfFont:
    if setting != "cid":
        for path, index in _candidates(setting):
            if not Path(path).is_file():
                continue
            name = f"okrdesk-{Path(path).stem}-{index}"
            try:
                if name not in pdfmetrics.getRegisteredFontNames():
                    pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
            except (TTFError, OSError):
                continue  # unreadable, or outlines reportlab cannot embed: try the next
            _family(name)
            return PdfFont(name, True, path)
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
    _family(FALLBACK)
    return PdfFont(FALLBACK, False, FALLBACK)


def _family(name: str) -> None:
    """One face for every style, so <b> and <i> in a paragraph never fail."""
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)


def cjk_font(setting: str | None = None) -> PdfFont:
    """The font for documents: ``setting``, else $OKRDESK_PDF_FONT, else the first found."""
    return _register(setting if setting is not None else os.environ.get(FONT_VARIABLE))

"""Which encoding a CSV file's bytes are in, decided by a stated policy, never silently wrong.

The policy (okrdesk never stores text read in the wrong encoding without saying which one):

1. A byte-order mark decides: UTF-8, UTF-16 or UTF-32. Without one, bytes holding NUL are no
   text at all (a workbook saved under a .csv name, say) and are refused.
2. Bytes that are valid UTF-8 are UTF-8 (plain ASCII included): the fast, certain path.
3. Bytes that are UTF-8 apart from a few are refused, naming the line of the first bad byte:
   such a file was damaged or partly typed in another encoding, and no one encoding reads it.
4. Other bytes are in a legacy encoding. okrdesk weighs the ones its users' Excel and Windows
   write: GB18030 (Simplified Chinese; it contains GBK and GB2312), Big5, Shift-JIS, EUC-KR and
   Windows-1252 (Western European). A candidate must decode every byte, and its reading must
   be made of the characters its language commonly uses (the common set of its national
   standard, or accented letters inside words) for at least 80% of the non-ASCII text.
   Among readings that come close, charset-normalizer's measure of mess decides; when two
   still tie, GB18030 is taken (by far the most common legacy encoding for okrdesk's users),
   and without GB18030 among them the file is refused.
5. A file no candidate reads plausibly is refused, naming charset-normalizer's guess if it has
   one; the user names the encoding (`okrdesk import … --encoding NAME`, or the choice in the
   window's import preview), which is then used strictly: a byte it cannot decode refuses it.
6. The encoding used is always named: in the command's success line and the import preview,
   so a plausible but wrong guess (say, Korean text that also reads as Chinese) shows.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from okrdesk.engine.source_limits import SourceFileError
from okrdesk.messages import translate

# The legacy candidates, GB18030 first; each with how its language's common text looks.
GB18030 = "gb18030"
LEGACY = (GB18030, "cp950", "cp932", "cp949", "cp1252")
# Encodings offered by name in the window's preview (any codec Python knows can be named on
# the command line): the candidates, and legacy ones people pick by hand. These are never
# guessed: ISO-8859-1 decodes any bytes, and Cyrillic bytes also read as East Asian text.
OFFERED = (
    *("utf-8", GB18030, "cp950", "cp932", "cp949", "cp1252"),
    *("iso8859-1", "iso8859-15", "cp1250", "cp1251", "koi8-r", "utf-16"),
)

PLAUSIBLE = 0.8  # share of the non-ASCII text that must be common in the candidate's language
CLOSE = 0.1  # readings this near the best one are weighed by charset-normalizer
TIED = 0.02  # messes this near each other are a tie
SAMPLE_CHARS = 20_000  # non-ASCII characters looked at per candidate
PREFIX_BYTES = 64 * 1024  # what charset-normalizer reads
CHUNK_BYTES = 1 << 20

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Punctuation every candidate's text uses: quotes, dashes, ellipsis, middle dot.
_PUNCTUATION = set("“”‘’–—…·")
# Accented letters of Western European languages (not Š, Ž, Ÿ: their bytes lead Shift-JIS).
_LATIN_LETTERS = set("Œœ") | {chr(c) for c in range(0xC0, 0x100)} - set("×÷")


@dataclass(frozen=True)
class EncodingGuess:
    """An encoding to read the bytes in, or (when unsure) the refusal and the likeliest one."""

    encoding: str | None
    likely: str | None = None
    problem: SourceFileError | None = None


def describe(encoding: str, language: str) -> str:
    """The encoding's name as people know it, in the language ("GB18030 (Simplified Chinese)")."""
    name = name_of(encoding)
    described = translate(f"encoding.{name}", language)
    return name if described == f"encoding.{name}" else described


def name_of(encoding: str) -> str:
    """Python's name of the codec (the key of its name in the message catalogues)."""
    name = codecs.lookup(encoding).name
    return "utf-8" if name == "utf-8-sig" else name


# Codecs Python counts as text encodings that are none for a file: they rewrite what the
# text says (unicode_escape reads C:\new as a line break), read host names (idna,
# punycode), or read nothing at all (undefined).
_NOT_FILE_ENCODINGS = frozenset(
    {"unicode-escape", "raw-unicode-escape", "punycode", "idna", "undefined"}
)


def encoding_for(name: str) -> str:
    """The codec a user named, or a refusal that says the name is not an encoding."""
    try:
        codec = codecs.lookup(name.strip()).name
        if codec in _NOT_FILE_ENCODINGS:
            raise LookupError(codec)
        "a".encode(codec)  # a bytes-to-bytes codec (hex, rot13, …) is no text encoding
    except UnicodeEncodeError:
        pass  # a text encoding without an "a" is still one
    except (LookupError, ValueError):
        raise SourceFileError("import.encoding_name", name=name) from None
    return codec


def first_bad_byte(data: bytes, encoding: str) -> int | None:
    """Where the bytes stop being valid in the encoding (None: they are valid throughout)."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    for start in range(0, max(len(data), 1), CHUNK_BYTES):
        chunk = data[start : start + CHUNK_BYTES]
        try:
            decoder.decode(chunk, final=start + CHUNK_BYTES >= len(data))
        except UnicodeDecodeError as error:
            return max(0, start + error.start)
        except UnicodeError:  # a codec that does not say where (punycode, idna)
            return start
    return None


def line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def check_decodes(data: bytes, encoding: str, path: str) -> None:
    """Refuse the bytes, naming the line, unless every one of them decodes in the encoding."""
    bad = first_bad_byte(data, encoding)
    if bad is not None:
        raise SourceFileError(
            "import.encoding_wrong", path=path, encoding=name_of(encoding), line=line_of(data, bad)
        )


def guess_encoding(data: bytes, path: str) -> EncodingGuess:
    """Apply the module's policy to a file's bytes."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            bad = first_bad_byte(data, encoding)
            if bad is None:
                return EncodingGuess(encoding)
            problem = SourceFileError(
                "import.encoding_wrong",
                path=path,
                encoding=name_of(encoding),
                line=line_of(data, bad),
            )
            return EncodingGuess(None, encoding, problem)
    if b"\x00" in data:
        return EncodingGuess(None, None, SourceFileError("import.not_text", path=path))
    bad = first_bad_byte(data, "utf-8")
    if bad is None:
        return EncodingGuess("utf-8")
    if _mostly_utf8(data):
        problem = SourceFileError("import.utf8_damaged", path=path, line=line_of(data, bad))
        return EncodingGuess(None, "utf-8", problem)
    readings = {}
    for encoding in LEGACY:
        score = _plausibility(data, encoding)
        if score is not None:
            readings[encoding] = score
    scores = {encoding: score for encoding, score in readings.items() if score >= PLAUSIBLE}
    if not scores:
        half = [encoding for encoding, score in readings.items() if score >= 0.5]
        likely = max(half, key=readings.__getitem__) if half else _charset_normalizer_guess(data)
        if likely is None:
            return EncodingGuess(None, None, SourceFileError("import.encoding_unknown", path=path))
        problem = SourceFileError("import.encoding_unsure", path=path, encoding=likely)
        return EncodingGuess(None, likely, problem)
    best = max(scores.values())
    close = [encoding for encoding, score in scores.items() if score >= best - CLOSE]
    if len(close) == 1:
        return EncodingGuess(close[0])
    mess = _mess(data, close)
    least = min(mess.values())
    tied = [encoding for encoding in close if mess[encoding] <= least + TIED]
    if len(tied) == 1:
        return EncodingGuess(tied[0])
    if GB18030 in tied:
        return EncodingGuess(GB18030)
    problem = SourceFileError("import.encoding_unsure", path=path, encoding=tied[0])
    return EncodingGuess(None, tied[0], problem)


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 apart from a few bytes: as many good multi-byte characters as bad bytes, or more.

    (Legacy Chinese text reads as UTF-8 characters by chance for about one character in ten.)
    """
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    good = bad = 0
    for start in range(0, len(data), CHUNK_BYTES):
        text = decoder.decode(data[start : start + CHUNK_BYTES], start + CHUNK_BYTES >= len(data))
        replaced = text.count("\ufffd")
        bad += replaced
        good += len(text) - len(text.encode("ascii", errors="ignore")) - replaced
    return good >= bad


def _plausibility(data: bytes, encoding: str) -> float | None:
    """The share of the reading's non-ASCII characters common in the encoding's language.

    None when the bytes do not decode, or decode to control, private or unassigned characters.
    """
    common = _COMMON[encoding]
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    looked = good = 0
    for start in range(0, len(data), CHUNK_BYTES):
        try:
            text = decoder.decode(
                data[start : start + CHUNK_BYTES], start + CHUNK_BYTES >= len(data)
            )
        except UnicodeDecodeError:
            return None
        for match in _NON_ASCII.finditer(text) if looked < SAMPLE_CHARS else ():
            char = match.group()
            if unicodedata.category(char) in ("Cc", "Co", "Cn", "Cs"):
                return None
            at = match.start()
            before = text[at - 1] if at else " "
            after = text[at + 1] if at + 1 < len(text) else " "
            looked += 1
            good += char in _PUNCTUATION or common(char, before, after)
            if looked >= SAMPLE_CHARS:
                break
    return good / looked if looked else 1.0


def _double_byte(char: str, standard: str) -> int | None:
    try:
        encoded = char.encode(standard)
    except UnicodeEncodeError:
        return None
    return int.from_bytes(encoded, "big") if len(encoded) == 2 else None


def _east_asian_punctuation(char: str) -> bool:
    return "\u3000" <= char <= "\u303f" or "\uff01" <= char <= "\uff5e"


def _simplified_chinese(char: str, _before: str, _after: str) -> bool:
    # GB2312's 3,755 first-level hanzi (0xB0A1–0xD7F9), 99.7% of what modern Chinese writes.
    # (Its second level is where Greek and Cyrillic letters land when read as GB18030.)
    code = _double_byte(char, "gb2312")
    return _east_asian_punctuation(char) or (code is not None and 0xB0A1 <= code <= 0xD7F9)


def _traditional_chinese(char: str, _before: str, _after: str) -> bool:
    # Big5's 5,401 frequently used hanzi: 0xA440–0xC67E.
    code = _double_byte(char, "cp950")
    return _east_asian_punctuation(char) or (code is not None and 0xA440 <= code <= 0xC67E)


def _japanese(char: str, _before: str, _after: str) -> bool:
    # Kana, and JIS X 0208's first-level kanji (Shift-JIS 0x889F–0x9872).
    if "\u3041" <= char <= "\u30ff" or _east_asian_punctuation(char):
        return True
    code = _double_byte(char, "cp932")
    return code is not None and 0x889F <= code <= 0x9872


def _korean(char: str, _before: str, _after: str) -> bool:
    # KS X 1001's 2,350 common hangul syllables (EUC-KR 0xB0A1–0xC8FE).
    if _east_asian_punctuation(char):
        return True
    code = _double_byte(char, "euc_kr")
    return "\uac00" <= char <= "\ud7a3" and code is not None and 0xB0A1 <= code <= 0xC8FE


def _western(char: str, before: str, after: str) -> bool:
    # An accented letter inside a word of ASCII letters, or standing on its own ("à").
    if char not in _LATIN_LETTERS:
        return False
    if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
        return True
    return before.isascii() and after.isascii()


_COMMON: dict[str, Callable[[str, str, str], bool]] = {
    GB18030: _simplified_chinese,
    "cp950": _traditional_chinese,
    "cp932": _japanese,
    "cp949": _korean,
    "cp1252": _western,
}


def _prefix(data: bytes) -> bytes:
    """The first bytes, ending at a line break (never inside a character of these encodings)."""
    if len(data) <= PREFIX_BYTES:
        return data
    end = data.rfind(b"\n", 0, PREFIX_BYTES)
    return data[: end + 1] if end > 0 else data[:PREFIX_BYTES]


def _mess(data: bytes, encodings: list[str]) -> dict[str, float]:
    """charset-normalizer's mess (chaos) of each reading: 0 reads clean, 1 is noise."""
    from charset_normalizer import from_bytes

    matches = from_bytes(
        _prefix(data), cp_isolation=encodings, threshold=1.0, preemptive_behaviour=False
    )
    found = {name_of(match.encoding): match.chaos for match in matches}
    return {encoding: found.get(encoding, 1.0) for encoding in encodings}


def _charset_normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(_prefix(data)).best()
    if best is None:
        return None
    try:
        return name_of(best.encoding)
    except LookupError:
        return None

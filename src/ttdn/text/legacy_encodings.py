"""Decode Vietnamese text of unknown encoding: UTF-8, UTF-16 and the legacy 8-bit TCVN3 (ABC),
VNI-Windows and Windows-1258, told apart by counting valid Vietnamese syllables.

Pure; shared by the plan reader and the press-monitoring fetcher. The TCVN3 and VNI tables are
built here from the published code charts (TCVN 5712:1993 VN3; VNI-Windows fonts).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["ENCODING_LABELS", "LegacyEncodingError", "decode_vietnamese"]

ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "tcvn3": "TCVN3 (ABC)",
    "vni": "VNI-Windows",
    "windows-1258": "Windows-1258",
}


class LegacyEncodingError(ValueError):
    """The bytes cannot be converted reliably; `encoding` is the best guess (a key of
    ENCODING_LABELS) and the message, in Vietnamese, names it and says what to do."""

    def __init__(self, message: str, *, encoding: str) -> None:
        super().__init__(message)
        self.message = message
        self.encoding = encoding


def decode_vietnamese(data: bytes) -> tuple[str, str]:
    """Return (text in NFC, encoding name) for `data`; raise LegacyEncodingError when unsure.

    Byte-order marks and the NUL pattern of BOM-less UTF-16 are honoured first, then strict
    UTF-8; anything else is scored as Windows-1258, TCVN3 and VNI and the clear winner is taken.
    """
    found = _decode_unicode(data)
    if found is not None:
        text, name = found
        return unicodedata.normalize("NFC", text.lstrip("\ufeff")), name
    return _decode_legacy(data)


# --- Unicode forms ----------------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8", "utf-8"),
    (b"\xff\xfe", "utf-16-le", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be", "utf-16-be"),
)


def _decode_unicode(data: bytes) -> tuple[str, str] | None:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], codec, name)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _strict(data, utf16, utf16)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return None


def _strict(data: bytes, codec: str, name: str) -> tuple[str, str]:
    try:
        return data.decode(codec), name
    except UnicodeDecodeError as exc:
        label = ENCODING_LABELS[name]
        raise LegacyEncodingError(
            f"Văn bản có dấu hiệu mã {label} nhưng bị hỏng ở byte thứ {exc.start}. "
            "Hãy mở lại tệp gốc và lưu thành văn bản Unicode (UTF-8) rồi gửi lại.",
            encoding=name,
        ) from exc


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly Latin letters has a NUL in every other byte."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nul = sample[0::2].count(0) / pairs
    odd_nul = sample[1::2].count(0) / pairs
    if odd_nul > 0.2 and even_nul < 0.02:
        return "utf-16-le"
    if even_nul > 0.2 and odd_nul < 0.02:
        return "utf-16-be"
    return None


# --- Legacy 8-bit tables ----------------------------------------------------------------------

# Upper half of TCVN 5712 (0xA0-0xFF), shared by TCVN3/ABC fonts. ABC writes capitals with tone
# marks as the lower-case codes in an all-caps font; see _restore_capitals.
_TCVN3_HIGH = (
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"
    "éẹềểễếệìỉỄẾỒĩíịò"
    "Ổỏõóọồổỗốộờởỡớợù"
    "ỖủũúụừửữứựỳỷỹýỵỐ"
)

# VNI writes a base letter followed by a mark byte (lower-case byte after a lower-case letter,
# upper-case byte after a capital); a few letters have a byte of their own.
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
_VNI_MARKS = {
    (0xF8, 0xD8): _GRAVE,
    (0xF9, 0xD9): _ACUTE,
    (0xFB, 0xDB): _HOOK,
    (0xF5, 0xD5): _TILDE,
    (0xEF, 0xCF): _DOT,
    (0xE2, 0xC2): _CIRC,
    (0xE0, 0xC0): _CIRC + _GRAVE,
    (0xE1, 0xC1): _CIRC + _ACUTE,
    (0xE5, 0xC5): _CIRC + _HOOK,
    (0xE3, 0xC3): _CIRC + _TILDE,
    (0xE4, 0xC4): _CIRC + _DOT,
    (0xEA, 0xCA): _BREVE,
    (0xE8, 0xC8): _BREVE + _GRAVE,
    (0xE9, 0xC9): _BREVE + _ACUTE,
    (0xFA, 0xDA): _BREVE + _HOOK,
    (0xFC, 0xDC): _BREVE + _TILDE,
    (0xEB, 0xCB): _BREVE + _DOT,
}
_VNI_LETTERS = {
    (0xF1, 0xD1): "đ",
    (0xF4, 0xD4): "ơ",
    (0xF6, 0xD6): "ư",
    (0xEC, 0xCC): "ì",
    (0xED, 0xCD): "í",
    (0xE6, 0xC6): "ỉ",
    (0xF3, 0xD3): "ĩ",
    (0xF2, 0xD2): "ị",
    (0xEE, 0xCE): "ỵ",
}


def _windows_low_half() -> dict[int, str]:
    """0x80-0xFF as Windows-1252 (quotes, dashes); what both legacy fonts left untouched."""
    table: dict[int, str] = {}
    for code in range(0x80, 0x100):
        try:
            table[code] = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            table[code] = "\ufffd"
    return table


def _tcvn3_table() -> dict[int, str]:
    table = _windows_low_half()
    table.update({0xA0 + i: ch for i, ch in enumerate(_TCVN3_HIGH)})
    return table


def _vni_table() -> dict[int, str]:
    table = _windows_low_half()
    for (lower, upper), marks in _VNI_MARKS.items():
        table[lower] = table[upper] = marks
    for (lower, upper), letter in _VNI_LETTERS.items():
        table[lower], table[upper] = letter, letter.upper()
    return table


_TCVN3 = _tcvn3_table()
_VNI = _vni_table()


def _decode_tcvn3(data: bytes) -> str:
    text = unicodedata.normalize("NFC", data.decode("latin-1").translate(_TCVN3))
    return _restore_capitals(text)


def _decode_vni(data: bytes) -> str:
    return unicodedata.normalize("NFC", data.decode("latin-1").translate(_VNI))


def _decode_cp1258(data: bytes) -> str:
    # Windows-1258 keeps tone marks as combining characters: NFC composes them.
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


_ASCII_LOWER = re.compile(r"[a-z]")
_CAPS_WORD = re.compile(r"[A-Z][^\sA-Za-z]*[A-Z]")


def _restore_capitals(text: str) -> str:
    """A line typed in an ABC all-caps font has capitals for plain letters and lower-case codes
    for toned ones ("KÕ HO¹CH" -> "Kế HOạCH"): upper-case such lines whole. A line counts as
    all-caps when it has no ASCII lower case and a toned word with two ASCII capitals."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _ASCII_LOWER.search(line):
            continue
        if any(not w.isascii() and _CAPS_WORD.search(w) for w in line.split()):
            lines[i] = line.upper()
    return "\n".join(lines)


# --- Scoring: how Vietnamese does a decoding look? --------------------------------------------

_TONES = {_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ONSETS = (*_words("ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x"), "")
_OPEN_NUCLEI = _words(
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu oai oay oeo uây uôi uya uyu ươi ươu "
    "iêu yêu"
)
_CLOSED_NUCLEI = _words("ă â iê yê uô ươ uyê oă uâ")
_FREE_NUCLEI = _words("a e ê i o ô ơ u ư y oa oe oo uê uơ uy")
_CODAS = ("ch", "ng", "nh", "c", "m", "n", "p", "t", "")
_FRONT = ("i", "y", "e", "ê")


@dataclass(frozen=True)
class _Score:
    name: str
    text: str
    valid: int
    invalid: int

    @property
    def value(self) -> int:
        return self.valid - 2 * self.invalid

    @property
    def noisy(self) -> bool:
        return self.invalid > 0.15 * (self.valid + self.invalid)


_LETTER_RUN = re.compile(r"[^\W\d_]+")
_VOWEL = re.compile(r"[aeiouyAEIOUY]")


def _score(name: str, text: str) -> _Score:
    valid, invalid = 0, text.count("\ufffd")
    for token in _LETTER_RUN.findall(text):
        if token.isascii() or not _VOWEL.search(unicodedata.normalize("NFD", token)):
            continue  # plain ASCII, or an acronym such as "QĐ", "HĐND": no evidence either way
        if _is_syllable(token.lower()):
            valid += 1
        else:
            invalid += 1
    return _Score(name, text, valid, invalid)


@lru_cache(maxsize=8192)
def _is_syllable(word: str) -> bool:
    """Is `word` (lower case, NFC) one well-formed Vietnamese syllable with at most one tone?"""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in _TONES]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    if not base.isalpha():
        return False
    tone = tones[0] if tones else ""
    return any(
        _is_rhyme(onset, base[len(onset) :], tone) for onset in _ONSETS if base.startswith(onset)
    )


def _is_rhyme(onset: str, rhyme: str, tone: str) -> bool:
    for coda in _CODAS:
        if not rhyme.endswith(coda):
            continue
        nucleus = rhyme[: len(rhyme) - len(coda)] if coda else rhyme
        if not nucleus or not _nucleus_takes(nucleus, coda):
            continue
        if coda in ("c", "ch", "p", "t") and tone not in (_ACUTE, _DOT):
            continue
        if _spelling_fits(onset, nucleus):
            return True
    return False


def _nucleus_takes(nucleus: str, coda: str) -> bool:
    if nucleus in _OPEN_NUCLEI:
        return not coda
    if nucleus in _CLOSED_NUCLEI:
        return bool(coda)
    return nucleus in _FREE_NUCLEI


def _spelling_fits(onset: str, nucleus: str) -> bool:
    front = nucleus.startswith(_FRONT)
    if onset in ("k", "gh", "ngh"):
        return front
    if onset == "c":
        return not front
    if onset == "qu":
        return not nucleus.startswith("u")
    return True


# --- Choosing -----------------------------------------------------------------------------------

_CANDIDATES = (
    ("windows-1258", _decode_cp1258),
    ("tcvn3", _decode_tcvn3),
    ("vni", _decode_vni),
)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    scores = sorted(
        (_score(name, decode(data)) for name, decode in _CANDIDATES),
        key=lambda s: s.value,
        reverse=True,
    )
    best, second = scores[0], scores[1]
    if len({s.text for s in scores}) == 1:
        # Only punctuation above ASCII (curly quotes, dashes): every reading agrees.
        return best.text, best.name
    if best.valid == 0 or best.noisy:
        raise LegacyEncodingError(_unsure(best.name), encoding=best.name)
    if not second.noisy and second.value >= 0.8 * best.value:
        raise LegacyEncodingError(_unsure(best.name, second.name), encoding=best.name)
    return best.text, best.name


def _unsure(name: str, other: str | None = None) -> str:
    guess = ENCODING_LABELS[name]
    if other:
        guess += f" hoặc {ENCODING_LABELS[other]}"
    return (
        f"Không xác định chắc chắn được bảng mã của văn bản (có vẻ là {guess}), nên không chuyển "
        "sang Unicode được mà không sai chữ. Hãy mở tệp bằng Word hoặc công cụ chuyển mã (như "
        "Unikey), chuyển sang Unicode, lưu dạng UTF-8 rồi gửi lại."
    )

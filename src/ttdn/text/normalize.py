"""Unicode normalisation and accent folding for Vietnamese text.

`nfc` cleans text for display (diacritics kept); `fold` and `fold_tokens` build keys for
accent-, case- and punctuation-insensitive matching and must never be shown to users.
"""

from __future__ import annotations

import re
import unicodedata

# Look-alikes seen in converted legacy documents: the Icelandic eth and the African D are
# typed or OCR'd instead of the Vietnamese Đ. Typographic en/em dashes and curly quotes are
# kept because Vietnamese printing uses them legitimately.
_LOOKALIKES = str.maketrans(
    {
        "\u00d0": "\u0110",  # Ð -> Đ
        "\u00f0": "\u0111",  # ð -> đ
        "\u0189": "\u0110",  # Ɖ -> Đ
        "\u0256": "\u0111",  # ɖ -> đ
        "\u00a0": " ",
        "\u1680": " ",
        "\u202f": " ",
        "\u205f": " ",
        "\u3000": " ",
        "\u200b": "",
        "\u2060": "",
        "\ufeff": "",
        "\u00ad": "",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\ufe63": "-",
        "\uff0d": "-",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "\u0060": "'",
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
    | {chr(code): " " for code in range(0x2000, 0x200B)}
)

_WORD = re.compile(r"[^\W_]+")


def nfc(s: str) -> str:
    """Return `s` in NFC with Đ look-alikes, odd spaces, dashes and quotes normalised."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", s).translate(_LOOKALIKES))


def fold(s: str) -> str:
    """Return a matching key: lowercase, no tone marks or diacritics, đ→d, single spaces."""
    decomposed = unicodedata.normalize("NFD", nfc(s).lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Lowercasing again catches the rare letters whose decomposition exposes a capital.
    bare = bare.replace("đ", "d").replace("Đ", "d").lower()
    return " ".join(unicodedata.normalize("NFC", bare).split())


def fold_tokens(s: str) -> tuple[str, ...]:
    """Return the folded word tokens of `s`; punctuation, '&' and '-' only separate words."""
    return tuple(_WORD.findall(fold(s)))

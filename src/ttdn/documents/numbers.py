"""Document numbers (số ký hiệu): the key printed variants share, and the year of issue."""

from __future__ import annotations

import datetime as dt
import re

from ttdn.text.normalize import nfc

_DASHES = str.maketrans({"–": "-", "—": "-"})
_YEAR = re.compile(r"/((?:19|20)\d\d)/")


def document_number_key(number: str | None) -> str:
    """ "72/2015/NĐ-CP", "72/2015/ND-CP" and "72 / 2015 / nđ-cp" share the key "72/2015/ND-CP".

    NFC, no spaces, upper case, dashes unified and Đ read as D (printers write "ND" for "NĐ").
    An empty key means the number is blank ("Số: /KH-UBND" prints no number).
    """
    text = "".join(nfc(number or "").translate(_DASHES).split()).upper()
    text = text.replace("Đ", "D").strip(".,;:")
    return text if any(ch.isdigit() for ch in text) else ""


def document_number_year(number: str | None) -> int | None:
    """The year printed inside a number ("72/2015/NĐ-CP" → 2015), if any."""
    match = _YEAR.search(document_number_key(number) + "/")
    return int(match.group(1)) if match else None


def document_year(number: str | None, date: dt.date | None) -> int | None:
    """The year of issue that tells apart documents sharing a number: the date's, else the
    year printed in the number."""
    return date.year if date else document_number_year(number)

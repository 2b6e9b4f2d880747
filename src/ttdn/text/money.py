"""Amounts of money in Vietnamese documents: "100.000.000 đồng", "1,5 tỷ", "2 tỷ 500 triệu".

`parse_money` returns whole đồng (the first amount in the text, or None when the text states
none); `format_vnd` prints an amount the Vietnamese way ("100.000.000 đ").
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

_SCALES: dict[str, int] = {
    "tỷ": 10**9,
    "tỉ": 10**9,
    "ty": 10**9,
    "triệu": 10**6,
    "trieu": 10**6,
    "nghìn": 10**3,
    "ngàn": 10**3,
    "nghin": 10**3,
}
# A number not glued to a date, a document number or another number ("40/2018", "15-11").
_NUMBER = r"(?<![\w/.,\-])(\d+(?:[.,]\d+)*)(?![\d/\-]|[.,]\d)"
_SCALE = r"(tỷ|tỉ|ty|triệu|trieu|nghìn|ngàn|nghin)(?!\w)"
_CURRENCY = r"(đồng|đ|dong|vnđ|vnd)(?!\w)"
_AMOUNT = re.compile(rf"{_NUMBER}(?:\s*{_SCALE})?(?:\s*{_CURRENCY})?(?![^\W_])", re.IGNORECASE)
_GAP = re.compile(r"\s*(?:,|và)?\s*", re.IGNORECASE)


def parse_money(text: str) -> int | None:
    """Return the first amount stated in `text` in whole đồng, or None.

    A figure counts as an amount when it carries a scale word (tỷ, triệu, nghìn/ngàn), a
    currency word (đồng, đ, VND), thousands grouping ("100.000.000", "100,000,000") or is the
    whole text. "2 tỷ 500 triệu" is one amount; further amounts in the text are ignored.
    """
    text = unicodedata.normalize("NFC", text or "")
    whole = text.strip()
    matches = list(_AMOUNT.finditer(text))
    for i, match in enumerate(matches):
        value = _value(match, is_whole=match.group(0).strip() == whole)
        if value is None:
            continue
        # Compound amounts: a following figure with a smaller scale adds up ("2 tỷ 500 triệu").
        scale = _scale_of(match)
        end = match.end()
        for follower in matches[i + 1 :]:
            follower_scale = _scale_of(follower)
            gap = _GAP.fullmatch(text, end, follower.start())
            if not (gap and scale and follower_scale and follower_scale < scale):
                break
            more = _value(follower, is_whole=False)
            if more is None:
                break
            value, scale, end = value + more, follower_scale, follower.end()
        return value
    return None


_STATED_UNIT = re.compile(rf"\b{_SCALE}\s*{_CURRENCY}|\(\s*{_SCALE}\s*\)", re.IGNORECASE)
_BARE_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def stated_unit(heading: str) -> str | None:
    """The scale word a column heading states its amounts in: "Kinh phí (triệu đồng)",
    "ĐVT: nghìn đồng", "(tỷ)" → "triệu", "nghìn", "tỷ"; None for đồng or no unit."""
    match = _STATED_UNIT.search(unicodedata.normalize("NFC", heading or ""))
    return (match.group(1) or match.group(3)) if match else None


def parse_money_in(text: str, unit: str | None) -> int | None:
    """`parse_money` of a table cell whose column states `unit`: a bare figure ("150", "1,5")
    is in that unit, a figure with its own words ("2 tỷ đồng") is read as written."""
    text = (text or "").strip()
    if unit and _BARE_FIGURE.fullmatch(text):
        return parse_money(f"{text} {unit}")
    return parse_money(text)


def format_vnd(amount: int) -> str:
    """Print `amount` with dots between thousands and the đồng sign: "100.000.000 đ"."""
    return f"{amount:,} đ".replace(",", ".")


def _scale_of(match: re.Match[str]) -> int:
    word = match.group(2)
    return _SCALES[word.lower()] if word else 0


def _value(match: re.Match[str], *, is_whole: bool) -> int | None:
    digits, scale_word, currency = match.group(1), match.group(2), match.group(3)
    number = _number(digits)
    if number is None:
        return None
    grouped = bool(re.fullmatch(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*", digits))
    if not (scale_word or currency or grouped or is_whole):
        return None
    return int((number * (_scale_of(match) or 1)).to_integral_value())


def _number(digits: str) -> Decimal | None:
    """Read "100.000.000", "100,000,000", "1,5", "1.5", "1.000.000,50" as a number."""
    groups = re.split(r"[.,]", digits)
    separators = re.findall(r"[.,]", digits)
    try:
        if not separators:
            return Decimal(digits)
        same = len(set(separators)) == 1
        if same and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
            # "1.500" is one thousand five hundred, even before a scale word ("1.500 tỷ").
            return Decimal("".join(groups))
        if len(separators) == 1 or (not same and separators.count(separators[-1]) == 1):
            return Decimal("".join(groups[:-1]) + "." + groups[-1])
    except InvalidOperation:
        return None
    return None

"""Country codes (ISO 3166-1 alpha-2) from pycountry's offline list, with the names officials
write in Vietnamese for the countries the province deals with most."""

from __future__ import annotations

import pycountry

from ttdn.core.errors import ValidationFailed

# pycountry's Vietnamese catalogue has dated names (e.g. "Căm Bốt"): the usual ones first.
VIETNAMESE_NAMES = {
    "VN": "Việt Nam",
    "LA": "Lào",
    "KH": "Campuchia",
    "TH": "Thái Lan",
    "CN": "Trung Quốc",
    "JP": "Nhật Bản",
    "KR": "Hàn Quốc",
    "KP": "Triều Tiên",
    "US": "Hoa Kỳ",
    "GB": "Anh",
    "FR": "Pháp",
    "DE": "Đức",
    "RU": "Nga",
    "AU": "Úc",
    "SG": "Xinh-ga-po",
    "MY": "Ma-lai-xi-a",
    "ID": "In-đô-nê-xi-a",
    "PH": "Phi-líp-pin",
    "IN": "Ấn Độ",
    "CA": "Ca-na-đa",
    "IT": "I-ta-li-a",
    "NL": "Hà Lan",
    "BE": "Bỉ",
    "CH": "Thụy Sĩ",
    "SE": "Thụy Điển",
    "TW": "Đài Loan (Trung Quốc)",
    "CU": "Cu-ba",
    "MM": "Mi-an-ma",
    "NZ": "Niu Di-lân",
    "ES": "Tây Ban Nha",
}


def country_normalize(code: str) -> str:
    """The upper-case alpha-2 code; a clear message for anything ISO 3166 does not know."""
    cleaned = (code or "").strip().upper()
    if len(cleaned) != 2 or pycountry.countries.get(alpha_2=cleaned) is None:
        raise ValidationFailed(
            f"Mã quốc gia “{code}” không có trong danh mục ISO 3166 (ví dụ: JP, KR, LA, US)."
        )
    return cleaned


def country_name(code: str) -> str:
    if code in VIETNAMESE_NAMES:
        return VIETNAMESE_NAMES[code]
    country = pycountry.countries.get(alpha_2=code) if code else None
    return country.name if country is not None else code


def country_choices() -> list[tuple[str, str]]:
    codes = sorted((c.alpha_2 for c in pycountry.countries), key=lambda c: country_name(c))
    return [(code, f"{country_name(code)} ({code})") for code in codes]

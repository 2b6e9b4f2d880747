"""Documents a plan cites by number (số ký hiệu): "Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của
Chính phủ", "Kết luận số 57-KL/TW", "Công văn 968/STTTT-TTBCXB".

`extract_references` finds every cited number in a text and reads its kind, date and issuer from
the words around it; `normalize_number` is the key numbers are compared and deduplicated by.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date

from ttdn.plans.parsing.model import Reference
from ttdn.plans.parsing.timeline import fold_same_length

# One part of a code: capitals with at most one small letter (TTg, CTr, TTr), maybe a term
# number (QH13); never followed by another letter, so "KH-UBND - Sở" stops before "Sở".
_SEG = r"[A-ZĐ][A-ZĐ&]*[a-zđ]?[A-ZĐ&]*\d{0,2}(?![^\W_])"
_NUMBER = re.compile(
    rf"(?<![\w/.\-])\d{{1,5}}"
    rf"(?:(?P<year>/(?:19|20)\d{{2}})?/[ \t]?(?P<state>{_SEG}(?:-[ \t]?{_SEG})*)"  # 72/2015/NĐ-CP
    rf"|-\s*(?P<party>{_SEG}/[ \t]?{_SEG}(?:-[ \t]?{_SEG})*))"  # 57-KL/TW, "57-" ⏎ "KL/TW"
)
KINDS = (
    "Thông tư liên tịch", "Nghị định", "Thông tư", "Quyết định", "Kết luận", "Nghị quyết",
    "Chỉ thị", "Công văn", "Kế hoạch", "Hướng dẫn", "Tờ trình", "Chương trình", "Thông báo",
    "Báo cáo", "Quy định", "Quy chế", "Đề án", "Luật", "Pháp lệnh",
)  # fmt: skip
_KIND_BY_FOLDED = {fold_same_length(k): k for k in KINDS}
# The last kind word before the number, then at most four plain words ("Chương trình phối hợp
# công tác 641/…", "Chương trình hành động số 28-CTr/TU") and "số".
_KIND_BEFORE = re.compile(
    r"(?s:.*)\b(?P<kind>"
    + "|".join(k.replace(" ", r"\s+") for k in sorted(_KIND_BY_FOLDED, key=len, reverse=True))
    + r")(?:[ \t]+[^\W\d_]+){0,4}?[\s*_\[]+(?:so[\s*_:]*)?[\[*_]*\Z"
)
_SO_BEFORE = re.compile(r"\bso[\s*_:]*[\[*_]*\Z")
_OWN_NUMBER_LINE = re.compile(r"(?:^|\n)[\s*_#>]*so(?:\s+hieu)?\s*:?[\s*_]*\Z")
_DATE_AFTER = re.compile(
    r"[\])(#*_\s]*,?\s*\(?\s*(?:ban\s+hanh\s+)?ngay\s+"
    r"(?:(?P<d>\d{1,2})\s*[/\-.]\s*(?P<m>\d{1,2})\s*[/\-.]\s*(?P<y>(?:19|20)\d{2})"
    r"|(?P<dw>\d{1,2})\s+thang\s+(?P<mw>\d{1,2})\s*,?\s+nam\s+(?P<yw>(?:19|20)\d{2}))(?!\d)"
)
_OF_AFTER = re.compile(r"[\])(#*_\s,]*cua\s+")
_ISSUER_END = re.compile(
    r"\s+(?:ve|huong\s+dan|ban\s+hanh|phe\s+duyet|quy\s+dinh|thuc\s+hien|trien\s+khai|tren|"
    r"giua|doi\s+voi|nham|de|theo|ngay|va\s+cac)\b|\s*[;,.:“”\"\n\[()]|\s*\Z"
)
_TERM = re.compile(r"\s*\(\s*khoa\s+[^)\n]{1,20}\)")  # "(khóa XII)" belongs to the issuer
# "ý kiến chỉ đạo của UBND tỉnh tại Công văn số …": the issuer stated before the kind word.
_OF_BEFORE = re.compile(r"\bcua\s+(?P<issuer>[^\n;.,]{3,80}?)\s+tai\s*\Z")
MAX_ISSUER_WORDS = 14
WINDOW = 90

# Type codes of the number -> kind; any other code names the sending agency: a Công văn.
KIND_BY_CODE = {
    "NĐ": "Nghị định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch", "QĐ": "Quyết định",
    "KL": "Kết luận", "NQ": "Nghị quyết", "CT": "Chỉ thị", "KH": "Kế hoạch", "HD": "Hướng dẫn",
    "TTR": "Tờ trình", "CTR": "Chương trình", "TB": "Thông báo", "BC": "Báo cáo", "QC": "Quy chế",
    "ĐA": "Đề án", "CV": "Công văn", "PL": "Pháp lệnh", "QD": "Quyết định", "ND": "Nghị định",
}  # fmt: skip
# Well-known issuing codes -> the issuer's name, when the text does not say "của …".
ISSUER_BY_CODE = {
    "TTG": "Thủ tướng Chính phủ", "CP": "Chính phủ", "QH": "Quốc hội",
    "BTTTT": "Bộ Thông tin và Truyền thông", "BNG": "Bộ Ngoại giao", "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng", "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch", "BTC": "Bộ Tài chính",
    "BNV": "Bộ Nội vụ", "BTGTW": "Ban Tuyên giáo Trung ương",
}  # fmt: skip
# Department abbreviations after "Bộ"/"Sở", spelled out in issuers.
DEPARTMENT_NAMES = {
    "TTTT": "Thông tin và Truyền thông", "TT&TT": "Thông tin và Truyền thông",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch", "GDĐT": "Giáo dục và Đào tạo",
    "GD&ĐT": "Giáo dục và Đào tạo", "KHCN": "Khoa học và Công nghệ",
    "KH&CN": "Khoa học và Công nghệ", "KHĐT": "Kế hoạch và Đầu tư", "KH&ĐT": "Kế hoạch và Đầu tư",
    "LĐTBXH": "Lao động - Thương binh và Xã hội", "TNMT": "Tài nguyên và Môi trường",
    "TN&MT": "Tài nguyên và Môi trường", "NNPTNT": "Nông nghiệp và Phát triển nông thôn",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
}  # fmt: skip
_DEPARTMENT = re.compile(
    r"\b(Bộ|Sở)\s+("
    + "|".join(re.escape(k) for k in sorted(DEPARTMENT_NAMES, key=len, reverse=True))
    + r")(?![\w&])"
)
_PERSON_TITLE = re.compile(r"^(?:Giám đốc|Chủ tịch|Trưởng ban|Thủ trưởng)\s+(?=\S)", re.IGNORECASE)
_PROVINCE_WORD = re.compile(r"\btinh\b")
_PEOPLES_COMMITTEE = re.compile(r"^(?:Ủy|Uỷ) ban nhân dân\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Mention:
    number: str
    kind: str | None
    code_kind: str
    date: date | None
    issuer: str | None
    code_issuer: str | None


def normalize_number(number: str) -> str:
    """The comparison key of a document number: NFC, no spaces, uppercase (Đ stays Đ)."""
    return "".join(unicodedata.normalize("NFC", number).split()).upper()


def extract_references(
    text: str, *, province: str | None = None, exclude: Collection[str] = ()
) -> tuple[Reference, ...]:
    """Every document cited by number in `text`, in order of first mention, deduplicated.

    The first mention of a number wins; a kind, date or issuer it lacks is taken from later
    mentions, then from the number's own code ("NĐ" -> Nghị định, "TTg" -> Thủ tướng Chính phủ).
    Numbers in `exclude` (the plan's own) and numbers on a "Số: …" header line are skipped.
    `province` completes issuers such as "UBND tỉnh" or "Ban Thường vụ Tỉnh ủy".
    """
    text = unicodedata.normalize("NFC", text or "")
    folded = fold_same_length(text)
    skip = {normalize_number(n) for n in exclude}
    found: dict[str, _Mention] = {}
    for match in _NUMBER.finditer(text):
        mention = _mention(text, folded, match, province)
        key = normalize_number(mention.number) if mention else ""
        if not mention or key in skip:
            continue
        earlier = found.get(key)
        found[key] = _merge(earlier, mention) if earlier else mention
    return tuple(
        Reference(
            number=m.number,
            kind=m.kind or m.code_kind,
            date=m.date,
            issuer=m.issuer or m.code_issuer,
        )
        for m in found.values()
    )


def _merge(first: _Mention, later: _Mention) -> _Mention:
    return replace(
        first,
        kind=first.kind or later.kind,
        date=first.date or later.date,
        issuer=first.issuer or later.issuer,
    )


def _mention(text: str, folded: str, match: re.Match[str], province: str | None) -> _Mention | None:
    start, end = match.span()
    before = folded[max(0, start - WINDOW) : start]
    kind_match = _KIND_BEFORE.search(before)
    own = _OWN_NUMBER_LINE.search(before)
    if own and (":" in own.group(0) or not kind_match):
        return None  # "Số: 197/KH-UBND" heads a document; "Kế hoạch ⏎ số 127-KH/TU" cites one
    codes = _codes(match)
    if len(codes) < 2 and not match.group("year") and not (kind_match or _SO_BEFORE.search(before)):
        return None  # "45/BC" alone is too weak to be a document number
    code_kind, code_issuer = _read_codes(codes)
    cited_on, after = _date_after(folded, end)
    issuer = _issuer_after(text, folded, after)
    if issuer is None and kind_match:
        issuer = _issuer_before(text, folded, start - len(before) + kind_match.start("kind"))
    return _Mention(
        number="".join(match.group(0).split()),
        kind=_KIND_BY_FOLDED[" ".join(kind_match.group("kind").split())] if kind_match else None,
        code_kind=code_kind,
        date=cited_on,
        issuer=_complete(issuer, province) if issuer else None,
        code_issuer=code_issuer,
    )


def _read_codes(codes: list[str]) -> tuple[str, str | None]:
    """Kind and issuer told by the code: "QĐ-TTg" -> Quyết định of the Prime Minister; a code
    that starts with an agency ("UBND-GD", "BTTTT-TTĐN") is that agency's Công văn."""
    kind_code = codes[0].upper() if codes[0].upper() in KIND_BY_CODE else ""
    agency = codes[1] if kind_code and len(codes) > 1 else codes[0]
    agency = agency.upper().rstrip("0123456789")  # QH13 -> QH
    kind = KIND_BY_CODE.get(kind_code, "Luật" if agency == "QH" else "Công văn")
    return kind, ISSUER_BY_CODE.get(agency)


def _codes(match: re.Match[str]) -> list[str]:
    """The code parts in reading order: type first when there is one ("QĐ", "TTg")."""
    if match.group("state"):
        return re.split(r"-\s*", match.group("state"))
    kind_part, _, agency = match.group("party").partition("/")
    return [kind_part.strip(), *re.split(r"-\s*", agency.strip())]


def _date_after(folded: str, end: int) -> tuple[date | None, int]:
    found = _DATE_AFTER.match(folded[end : end + WINDOW])
    if not found:
        return None, end
    d, m, y = found.group("d", "m", "y") if found.group("d") else found.group("dw", "mw", "yw")
    try:
        return date(int(y), int(m), int(d)), end + found.end()
    except ValueError:
        return None, end + found.end()


def _issuer_after(text: str, folded: str, at: int) -> str | None:
    window = folded[at : at + WINDOW * 2]
    of = _OF_AFTER.match(window)
    if not of:
        return None
    stop = _ISSUER_END.search(window, of.end())
    last = stop.start() if stop else len(window)
    term = _TERM.match(window, last)
    if term:
        last = term.end()
    return _clean_issuer(text[at + of.end() : at + last])


def _issuer_before(text: str, folded: str, kind_start: int) -> str | None:
    window_start = max(0, kind_start - WINDOW)
    found = _OF_BEFORE.search(folded[window_start:kind_start])
    if not found:
        return None
    issuer = text[window_start + found.start("issuer") : window_start + found.end("issuer")]
    return _clean_issuer(_PERSON_TITLE.sub("", issuer))


def _clean_issuer(issuer: str) -> str | None:
    issuer = " ".join(issuer.replace("*", " ").split()).strip(" -–")
    if not issuer or len(issuer.split()) > MAX_ISSUER_WORDS or not issuer[0].isupper():
        return None
    return issuer


def _complete(issuer: str, province: str | None) -> str:
    """Spell out "UBND", "Bộ TTTT"; name the province after "tỉnh", "Tỉnh ủy", a bare "Sở X"."""
    issuer = _PEOPLES_COMMITTEE.sub("UBND", issuer)
    issuer = _DEPARTMENT.sub(lambda m: f"{m.group(1)} {DEPARTMENT_NAMES[m.group(2)]}", issuer)
    if not province or fold_same_length(province) in fold_same_length(issuer):
        return issuer
    folded = fold_same_length(issuer)
    if folded.endswith((" tinh", " tinh uy")) or folded == "tinh uy":
        return f"{issuer} {province}"
    if folded.startswith("so ") and not _PROVINCE_WORD.search(folded):
        return f"{issuer} tỉnh {province}"
    return issuer

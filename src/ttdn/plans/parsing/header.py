"""The parts of a plan around its tasks: header block, title, issuer, signature, Nơi nhận."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ttdn.plans.parsing.blocks import Block
from ttdn.text.normalize import fold

TITLE_WORDS = ("KẾ HOẠCH", "CHƯƠNG TRÌNH")
_TITLE = re.compile(r"^(?:DỰ THẢO\s+)?(KẾ HOẠCH|CHƯƠNG TRÌNH)(?:\s+(?:HÀNH ĐỘNG|CÔNG TÁC))?\b\s*")
_NUMBER = re.compile(r"^Số\s*[:.]?\s*(.*)$", re.IGNORECASE)
_HAS_NUMBER = re.compile(r"\d+\s*[/-]")
_DATE_LINE = re.compile(
    r"^(?P<place>[^,]{2,50}?),\s*ngày\s*(?P<d>[\d.…_ ]*?)\s*tháng\s*(?P<m>[\d.…_ ]*?)\s*"
    r"năm\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_BASIS = re.compile(
    r"^(?:Căn cứ|Thực hiện|Xét|Theo|Nhằm|Để|Trên cơ sở|Ủy ban|UBND|"
    r"\(Kèm theo|Kèm theo)\b",
    re.IGNORECASE,
)
_NOT_ORG = re.compile(r"CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP|ĐẢNG CỘNG SẢN|^\*|^-+$", re.IGNORECASE)
_SIGN_ROLE = re.compile(
    r"^(?:KT|K/T|TM|T/M|TL|T/L|Q|TUQ)\.?\s|^(?:QUYỀN\s+)?(?:PHÓ\s+)?(?:CHỦ TỊCH|TRƯỞNG BAN|"
    r"GIÁM ĐỐC|BÍ THƯ|CHÁNH VĂN PHÒNG|TRƯỞNG PHÒNG|THƯỜNG TRỰC|CỤC TRƯỞNG|VIỆN TRƯỞNG)\b|"
    r"^kiêm$|^BAN CHỈ ĐẠO$|^ỦY BAN NHÂN DÂN$|^UBND\b|^TỈNH ỦY$|^THƯỜNG TRỰC\b",
)
_ON_BEHALF = re.compile(r"^(?:KT|K/T|TM|T/M|TL|T/L|Q|TUQ)\.?\s")
_SIGNED = re.compile(r"^\((?:đã ký|ký|đã ký và đóng dấu|ký tên, đóng dấu)\)$", re.IGNORECASE)
_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,5}$")
_RECIPIENTS = re.compile(r"^Nơi nhận\s*:?\s*(.*)$", re.IGNORECASE)
_PROVINCE = re.compile(r"\btỉnh[ ]+((?:[A-ZĐ][a-zà-ỹđ]*)(?:[ ]+[A-ZĐ][a-zà-ỹđ]*){0,3})")
_CITY = re.compile(r"\bthành phố[ ]+((?:[A-ZĐ][a-zà-ỹđ]*)(?:[ ]+[A-ZĐ][a-zà-ỹđ]*){0,3})")
_ENACTING = re.compile(
    r"(?:^|[,;.:]\s+)((?:Ủy ban nhân dân|UBND|Ban Thường vụ|Ban Chỉ đạo|Ban|Sở|Tỉnh ủy|Thành ủy|"
    r"Huyện ủy|Thường trực)[^,;.:]{0,90}?)\s+(?:ban hành|xây dựng|triển khai xây dựng|"
    r"phê duyệt|đề ra)\s+(?:dự thảo\s+)?(?:Kế hoạch|kế hoạch|Chương trình|chương trình)",
    re.IGNORECASE,
)
_ROLE_CASE = (
    ("chủ tịch", "Chủ tịch"), ("trưởng ban", "Trưởng ban"), ("giám đốc", "Giám đốc"),
    ("bí thư", "Bí thư"), ("ban chỉ đạo", "Ban Chỉ đạo"), ("thường trực", "Thường trực"),
    ("chánh văn phòng", "Chánh Văn phòng"), ("trưởng phòng", "Trưởng phòng"), ("phó", "Phó"),
    ("quyền", "Quyền"),
)  # fmt: skip


@dataclass
class Header:
    number: str | None = None
    kind: str | None = None
    place: str | None = None
    date: date | None = None
    title: str | None = None
    org_lines: list[str] = field(default_factory=list)
    title_index: int | None = None
    body_start: int = 0  # first block after the title


def find_title(blocks: list[Block]) -> int | None:
    """Index of the plan's title block ("KẾ HOẠCH …" in capitals), skipping a cover letter."""
    for i, b in enumerate(blocks):
        if b.is_row or b.label:
            continue
        if _TITLE.match(b.text) and (len(b.text) < 12 or b.text[:8].isupper()):
            return i
    return None


def parse_header(blocks: list[Block], title_at: int | None) -> Header:
    h = Header(title_index=title_at)
    if title_at is None:
        return h
    # The header block: the lines just above the title, up to whatever ends a cover letter.
    i = title_at - 1
    zone: list[Block] = []
    while i >= 0 and len(zone) < 10:
        b = blocks[i]
        if b.is_row or b.label or len(b.text) > 160 or _NAME.match(b.text):
            break
        zone.insert(0, b)
        i -= 1
    for b in zone:
        m = _NUMBER.match(b.text)
        if m and len(b.text) < 60:
            raw = re.sub(r"\s+", "", m.group(1)).strip(".,;")
            h.number = raw if _HAS_NUMBER.search(raw) else None
            continue
        d = _DATE_LINE.match(b.text)
        if d:
            h.place = d.group("place").strip()
            h.date = _date(d.group("d"), d.group("m"), d.group("y"))
            continue
        if b.text.isupper() and not _NOT_ORG.search(b.text) and b.text != "DỰ THẢO":
            h.org_lines.append(b.text)
    title_block = blocks[title_at]
    m = _TITLE.match(title_block.text)
    assert m is not None
    h.kind = "Kế hoạch" if m.group(1) == "KẾ HOẠCH" else "Chương trình"
    parts = [title_block.text[m.end() :].strip()] if title_block.text[m.end() :].strip() else []
    j = title_at + 1
    while j < len(blocks) and j <= title_at + 4:
        b = blocks[j]
        if b.is_row or b.label or _BASIS.match(b.text) or _NUMBER.match(b.text):
            break
        if parts and not (b.bold or (blocks[j - 1].bold and not parts[-1].endswith("."))):
            break
        if parts and len(" ".join(parts)) > 400:
            break
        parts.append(b.text)
        j += 1
    h.body_start = j
    title = " ".join(parts).strip(" .:")
    title = re.sub(r"^\((?:DỰ THẢO|Dự thảo)\)\s*", "", title)
    h.title = title or None
    return h


def _date(d: str, m: str, y: str) -> date | None:
    try:
        return date(int(y), int(m.strip(" .")), int(d.strip(" .")))
    except ValueError:
        return None


def plan_year(title: str | None) -> int | None:
    if not title:
        return None
    years = re.findall(r"\bnăm\s+(\d{4})\b", title, re.IGNORECASE)
    return int(years[-1]) if years else None


def localities(text: str) -> tuple[str | None, str | None]:
    """The province and the city the plan talks about most ("tỉnh Quảng Ngãi")."""
    provinces = Counter(m.group(1) for m in _PROVINCE.finditer(text))
    cities = Counter(m.group(1) for m in _CITY.finditer(text))
    province = provinces.most_common(1)[0][0] if provinces else None
    city = cities.most_common(1)[0][0] if cities else None
    return province, city


def issuer(
    header: Header,
    preamble: str,
    signature_org: str | None,
    *,
    province: str | None,
    city: str | None,
) -> tuple[str | None, float]:
    """The issuer with its locality ("UBND tỉnh Quảng Ngãi") and a confidence."""
    m = _ENACTING.search(preamble)
    if m:
        return _with_locality(m.group(1), province, city), 0.9
    if header.org_lines:
        return _with_locality(_org_case(header.org_lines[-1]), province, city), 0.8
    number = header.number or ""
    suffix = number.rsplit("-", 1)[-1] if "-" in number else ""
    if "/" in number and number.split("/")[-1].upper() in {"TU", "TƯ"}:
        return _with_locality("Tỉnh ủy", province, city), 0.6
    if suffix.upper() == "UBND" or (signature_org and "ỦY BAN" in signature_org.upper()):
        level = (
            "thành phố"
            if header.place and fold(header.place).startswith(("tp", "thanh pho"))
            else "tỉnh"
        )
        return _with_locality(f"UBND {level}", province, city), 0.6
    return None, 0.0


def _with_locality(subject: str, province: str | None, city: str | None) -> str:
    subject = re.sub(r"\s+", " ", subject).strip(" ,.;:")
    subject = re.sub(r"^Ủy ban nhân dân\b", "UBND", subject, flags=re.IGNORECASE)
    words = subject.split()
    last = fold(words[-1]) if words else ""
    last2 = fold(" ".join(words[-2:])) if len(words) >= 2 else ""
    if last2 == "thanh pho" and city:
        return f"{subject} {city}"
    if last2 in {"tinh uy", "thanh uy"} and province and last2 == "tinh uy":
        return f"{subject} {province}"
    if last == "tinh" and province:
        return f"{subject} {province}"
    return subject


def _org_case(line: str) -> str:
    """ "UBND TỈNH QUẢNG NGÃI" -> "UBND tỉnh Quảng Ngãi"; "SỞ NGOẠI VỤ" -> "Sở ngoại vụ"."""
    words = line.split()
    out: list[str] = []
    place = False
    for w in words:
        if w in {"UBND", "HĐND", "BCĐ", "TTĐN", "BCH"}:
            out.append(w)
        elif place:
            out.append(w.capitalize())
        else:
            out.append(w.lower() if out else w.capitalize())
        if fold(w) in {"tinh", "pho", "huyen", "xa"}:
            place = True
    text = " ".join(out)
    return re.sub(r"^Ủy ban nhân dân\b", "UBND", text, flags=re.IGNORECASE)


def role_case(text: str) -> str:
    out = text.lower()
    for low, shown in _ROLE_CASE:
        out = re.sub(rf"\b{low}\b", shown, out)
    return out[:1].upper() + out[1:]


@dataclass
class Closing:
    recipients: list[str] = field(default_factory=list)
    signer: str | None = None
    signer_title: str | None = None
    org: str | None = None
    first: int | None = None  # index where the closing part starts
    end: int | None = None  # index after the signature


def parse_closing(blocks: list[Block], start: int) -> Closing:
    """Nơi nhận and the signature block: the first of them after `start`."""
    c = Closing()
    i = start
    roles: list[str] = []
    while i < len(blocks):
        b = blocks[i]
        m = _RECIPIENTS.match(b.text) if not b.label else None
        if m and not c.recipients:
            c.first = i if c.first is None else c.first
            if m.group(1).strip(" -"):
                c.recipients.append(_recipient(m.group(1)))
            i += 1
            while i < len(blocks) and _is_recipient(blocks[i]):
                c.recipients.append(_recipient(blocks[i].text))
                i += 1
            continue
        text = b.text.strip()
        if not b.label and not b.is_row and _SIGN_ROLE.match(text) and len(text) < 80:
            c.first = i if c.first is None else c.first
            roles.append(text)
            i += 1
            continue
        if roles and _SIGNED.match(text):
            i += 1
            continue
        if roles:
            if _NAME.match(text) or (
                text.isupper() and 2 <= len(text.split()) <= 6 and _NAME.match(text.title())
            ):
                c.signer = text if not text.isupper() else text.title()
                i += 1
            break
        if c.recipients and b.text.upper().startswith("PHỤ LỤC"):
            break
        i += 1
        if c.recipients and not roles and i - (c.first or 0) > 30:
            break
    c.end = i if c.first is not None else None  # nothing found: the appendix starts at the body end
    titles = [r for r in roles if not _ON_BEHALF.match(r) and r.upper() not in {"ỦY BAN NHÂN DÂN"}]
    if not titles and roles:
        titles = [_ON_BEHALF.sub("", roles[-1])]
    if titles:
        c.signer_title = role_case(" ".join(titles))
    orgs = [r for r in roles if "ỦY BAN" in r.upper() or "UBND" in r.upper()]
    c.org = orgs[0] if orgs else None
    return c


def _is_recipient(b: Block) -> bool:
    if b.is_row:
        return False
    if b.kind.startswith("bullet"):
        return True
    return bool(re.search(r"[;,]$", b.text)) and len(b.text) < 80 and not b.label


def _recipient(text: str) -> str:
    text = text.strip().lstrip("-–+• ").strip()
    text = re.sub(r";\s*\(", " (", text)
    return text.rstrip(" ;,.")

"""Unit mentions in plan text, without a registry: who leads, who supports, as printed.

A plan names units in lists ("Sở Tư pháp, Công an tỉnh và các đơn vị liên quan"), in collective
phrases with commas of their own ("UBND các huyện, thị xã, thành phố"), as the subject of a
sentence ("Sở TTTT chủ trì, phối hợp với …") and after "phối hợp với". This module splits and
finds those mentions; resolving them to registered units happens later (UnitResolver).

Unit names are written in title case ("Ban Chỉ đạo", "Sở Kế hoạch và Đầu tư") while the verbs
that end a mention are lower case ("… chủ trì, phối hợp …"): the splitter relies on that.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ttdn.plans.parsing.blocks import ROMAN
from ttdn.text.normalize import fold, fold_tokens

# Words a unit mention starts with (folded). "các"/"những" start collective mentions.
_HEADS = [
    "sở", "ban", "phòng", "ủy ban", "ủy ban nhân dân", "ubnd", "bộ", "cục", "chi cục", "tổng cục",
    "công an", "bộ chỉ huy", "ban chỉ huy", "bch", "đài", "báo", "tạp chí", "cổng", "trang",
    "hội", "liên hiệp", "liên đoàn", "mặt trận", "trung tâm", "văn phòng", "viện", "trường",
    "tỉnh ủy", "thành ủy", "huyện ủy", "thị ủy", "đảng ủy", "tỉnh đoàn", "thành đoàn", "đoàn",
    "thông tấn xã", "nhà xuất bản", "kho bạc", "ngân hàng", "bảo hiểm", "hải quan", "cảng vụ",
    "bộ đội", "các", "những", "cơ quan", "đơn vị", "lực lượng", "cộng tác viên", "thường trực",
    "ty", "học viện", "đại học", "quân khu", "bộ tư lệnh", "hải đoàn", "đồn",
    "doanh nghiệp", "công ty", "tổng công ty", "hiệp hội", "câu lạc bộ", "thanh tra",
    "địa phương", "đoàn thể", "chính quyền", "hđnd", "hội đồng nhân dân", "tòa án",
    "viện kiểm sát", "ủy ban mặt trận", "trung ương", "chính phủ", "thủ tướng", "bộ trưởng",
]  # fmt: skip
HEADS = sorted({tuple(h.split()) for h in _HEADS}, key=len, reverse=True)
# Head words that open a verb or a common noun instead: "Ban hành", "Báo cáo", "Hội nghị".
_NOT_HEADS = frozenset(
    tuple(w.split())
    for w in (
        "ban hành", "báo cáo", "hội nghị", "hội thảo", "hội nhập", "hội viên", "hội thi",
        "đoàn kết", "đoàn ra", "đoàn vào", "trang bị", "trang thiết", "trường hợp", "bộ phận",
        "cục bộ", "phòng chống", "phòng ngừa", "phòng, chống", "sở hữu", "đài thọ",
        "trung tâm của", "đơn vị tính", "lực lượng vũ trang", "cổng chào",
    )
)  # fmt: skip
_HEAD_SET = frozenset(HEADS)
_MAX_HEAD = max(map(len, HEADS))

# Lower-case words that end a mention: the predicate of the sentence begins.
_VERBS = [
    "chủ trì", "phối hợp", "tăng cường", "triển khai", "thực hiện", "xây dựng", "tổ chức",
    "tiếp tục", "căn cứ", "bố trí", "dự trù", "lập", "có trách nhiệm", "chủ động", "theo dõi",
    "tham mưu", "hướng dẫn", "cung cấp", "là cơ quan", "là đơn vị", "làm đầu mối", "đảm bảo",
    "bảo đảm", "nghiên cứu", "kịp thời", "báo cáo", "giao lưu", "thường xuyên", "tích cực",
    "khẩn trương", "rà soát", "đẩy mạnh", "xem xét", "phát huy", "quản lý", "duy trì",
    "cập nhật", "phát hành", "biên soạn", "sản xuất", "mở", "chỉ đạo", "định hướng", "đôn đốc",
    "kiểm tra", "giám sát", "phổ biến", "tuyên truyền", "quán triệt", "nâng cao", "đăng tải",
    "thẩm định", "thẩm tra", "trình", "ban hành", "gửi", "tổng hợp", "đề xuất", "vận hành",
    "hỗ trợ", "tạo điều kiện", "quảng bá", "giới thiệu", "đón", "tiếp", "chuẩn bị", "khai thác",
    "sử dụng", "đấu tranh", "phản bác", "cử", "tham gia", "bồi dưỡng", "đào tạo", "tập huấn",
    "nắm", "nắm bắt", "dự báo", "khảo sát", "lồng ghép", "phát động", "hưởng ứng", "chọn lọc",
    "biên dịch", "phát sóng", "đưa", "làm tốt", "làm", "có kế hoạch", "cần", "phải", "được",
    "nghiêm túc", "để", "nhằm", "trong", "về", "theo", "tại", "khi", "đối với", "trên cơ sở",
    "sẽ", "đã", "đang", "cùng", "góp phần", "bảo vệ", "xử lý",
    "trao đổi", "thúc đẩy", "kêu gọi", "xúc tiến", "đầu tư", "chấn chỉnh", "ngăn chặn",
    "giải quyết", "phục vụ", "hoàn thành", "đăng phát", "ký kết",
]  # fmt: skip
VERBS = sorted({tuple(v.split()) for v in _VERBS}, key=len, reverse=True)
_VERB_SET = frozenset(VERBS)
_MAX_VERB = max(map(len, VERBS))

# Words after "được giao" that belong to the mention ("đơn vị được giao nhiệm vụ chủ trì").
_GIVEN = fold_tokens("được giao")
_LEAD_INS = re.compile(
    r"^(?:đề nghị|giao cho|giao|mời|yêu cầu|với|và|cùng|cho|gồm|các đơn vị:)\s+", re.IGNORECASE
)
_WORD = re.compile(r"[^\W_]+(?:[&/'][^\W_]+)*|[,;:()\-–—]", re.UNICODE)
_TRIM = " \t,.;:-–—*\"“”'()"
_COLLECTIVE_NOUNS = frozenset(
    fold_tokens(n)
    for n in (
        "sở", "ban", "ngành", "ban ngành", "phòng", "huyện", "thị xã", "thị", "thành phố", "quận",
        "xã", "phường", "thị trấn", "đặc khu", "địa phương", "cơ quan", "đơn vị", "tổ chức",
        "đoàn thể",
        "thành ủy", "huyện ủy", "thị ủy", "hội", "doanh nghiệp", "cá nhân", "ngành",
        "trường", "bệnh viện", "tp", "đơn vị cấp tỉnh", "ban đảng", "mặt trận",
    )
)  # fmt: skip


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """(folded word, start, end) for each word or punctuation mark."""
    return [(fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


# Old-style tone placement ("hoá", "uỷ") written the modern way ("hóa", "ủy").
_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe",
    "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy",
    "uỵ": "ụy",
}  # fmt: skip
_OLD_TONE = re.compile("(" + "|".join(_OLD_TONES) + r")(?!\w)")


def lower_words(text: str) -> list[str]:
    """Lower-case words with their diacritics, tone marks placed the modern way."""
    low = _OLD_TONE.sub(lambda m: _OLD_TONES[m.group(1)], text.lower())
    return [m.group() for m in _WORD.finditer(low)]


def _match_at(words: list[str], i: int, vocab: frozenset[tuple[str, ...]], longest: int) -> int:
    for k in range(min(longest, len(words) - i), 0, -1):
        if tuple(words[i : i + k]) in vocab:
            return k
    return 0


def is_acronym(word: str) -> bool:
    bare = word.replace("&", "").replace("-", "")
    return len(bare) >= 2 and bare.isupper() and bare.isalpha() and bare not in _ROMANS


_ROMANS = frozenset(ROMAN)


def starts_unit(text: str) -> bool:
    """Whether `text` begins like a unit mention (a head word, "các …" or an acronym)."""
    text = _LEAD_INS.sub("", text.strip(_TRIM))
    words = lower_words(text)
    if not words:
        return False
    if tuple(words[:2]) in _NOT_HEADS or tuple(words[:3]) in _NOT_HEADS:
        return False
    if _match_at(words, 0, _HEAD_SET, _MAX_HEAD):
        return True
    first = text.split(maxsplit=1)[0] if text.split() else ""
    return is_acronym(first.strip(_TRIM))


def _is_collective(mention: str) -> bool:
    words = fold_tokens(mention)
    if not words:
        return False
    start = 0
    if words[:1] == ("ubnd",):
        start = 1
    elif words[:4] == ("uy", "ban", "nhan", "dan"):
        start = 4
    if words[start : start + 1] in {("cac",), ("nhung",)}:
        return True
    if start == 0 and words[:2] in {("co", "quan"), ("don", "vi")}:
        return True  # "Cơ quan, đơn vị được giao …"
    # "UBND huyện, thành phố": a UBND followed by a class noun lists a class too.
    return start > 0 and bool(_match_at(list(words), start, _COLLECTIVE_NOUNS, 3))


def _continues_collective(piece: str) -> bool:
    """A lower-case class noun continuing "các sở, ban, ngành" ("ban", "thị xã", "đơn vị …")."""
    if not piece or not piece[0].islower():
        return False
    words = list(fold_tokens(piece))
    return bool(_match_at(words, 0, _COLLECTIVE_NOUNS, 3))


def split_units(text: str) -> list[str]:
    """Split a printed list of units into mentions, keeping collective lists whole.

    "Sở Tư pháp, Công an tỉnh và các đơn vị liên quan" -> three mentions;
    "UBND các huyện, thị xã, thành phố" -> one; "Sở Văn hóa, Thể thao và Du lịch" -> one.
    """
    out: list[str] = []
    for part in re.split(r"\s*[;\n]\s*|\s+\+\s+", text):
        part = part.strip(_TRIM)
        if not part:
            continue
        # "…, các Tạp chí: Sông Hương, Huế Xưa và Nay" -> "Tạp chí Sông Hương", …
        m = _NAMED_LIST.search(part)
        if m and starts_unit(m.group(1)):
            head = m.group(1).strip()
            if part[: m.start()].strip(_TRIM):
                out.extend(_split_part(part[: m.start()]))
            out.extend(f"{head} {p}" for p in _split_part(m.group(2), named_list=True))
            continue
        out.extend(_split_part(part))
    cleaned: list[str] = []
    for mention in out:
        mention = clean_mention(mention)
        if cleaned and fold(mention).startswith("co quan thuong truc"):
            continue  # "Ban Tuyên giáo Tỉnh ủy, Cơ quan Thường trực Ban Chỉ đạo …": apposition
        if mention and fold(mention) not in {fold(c) for c in cleaned}:
            cleaned.append(mention)
    return cleaned


_NAMED_LIST = re.compile(r"(?:^|,\s*)(?:các\s+)?([A-ZĐ][^\s,:]*(?:\s[^\s,:]+){0,2}):\s*(.+)$")


def _split_part(part: str, *, named_list: bool = False) -> list[str]:
    pieces = [p.strip() for p in re.split(r"\s*,\s*", part) if p.strip(_TRIM)]
    mentions: list[str] = []
    for piece in pieces:
        for j, sub in enumerate(_split_and(piece)):
            if not mentions or named_list:
                mentions.append(sub)
                continue
            prev = mentions[-1]
            glue = " và " if j else ", "
            if j == 0 and _is_collective(prev) and _continues_collective(sub):
                mentions[-1] = f"{prev}{glue}{sub}"
            elif j == 0 and sub[:1].isupper() and not starts_unit(sub) and not _is_collective(prev):
                mentions[-1] = f"{prev}{glue}{sub}"  # "Sở Văn hóa, Thể thao và Du lịch"
            else:
                mentions.append(sub)
    return mentions


def _split_and(piece: str) -> list[str]:
    """Split at "và" only where a new mention starts ("… và các đơn vị liên quan")."""
    parts = re.split(r"\s+(?:và|cùng)\s+", piece)
    out = [parts[0]]
    for sub in parts[1:]:
        collective_tail = _is_collective(out[-1]) and _continues_collective(sub)
        # "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh": one office serving several bodies
        collective_tail = collective_tail or bool(
            re.match(r"^Văn phòng\b", out[-1])
            and re.match(r"^(?:HĐND|UBND|Ủy ban nhân dân|Hội đồng nhân dân)\b", sub)
        )
        if not collective_tail and (starts_unit(sub) and not _is_locality(sub)):
            out.append(sub)
        else:
            out[-1] = f"{out[-1]} và {sub}"
    return out


def _is_locality(text: str) -> bool:
    words = fold_tokens(text)
    return words[:2] in {("thanh", "pho"), ("thi", "xa")} or words[:1] in {("huyen",), ("tinh",)}


def clean_mention(text: str) -> str:
    """Trim lead-ins ("Đề nghị", "Giao", "Mời"), a trailing predicate and punctuation."""
    text = re.sub(r"\s+", " ", text).strip(_TRIM)
    for _ in range(2):
        text = _LEAD_INS.sub("", text).strip(_TRIM)
    text = re.sub(r"\s*\((?:chủ trì|phối hợp|thực hiện)\)\s*$", "", text, flags=re.IGNORECASE)
    cut = predicate_start(text, 1)
    if cut is not None:
        text = text[:cut]
    return text.strip(_TRIM)


def predicate_start(text: str, min_words: int = 1) -> int | None:
    """Offset of the first lower-case verb after at least `min_words` words, else None."""
    toks = _tokens(text)
    words = [w for w, _, _ in toks]
    lower = [text[a:b].lower() for _, a, b in toks]  # verbs compare with their diacritics
    given = False
    n_words = 0
    i = 0
    while i < len(toks):
        word, start, _ = toks[i]
        if word in {",", ";", ":", "(", ")", "-", "–", "—"}:
            i += 1
            continue
        if tuple(words[i : i + 2]) == _GIVEN:
            given = True
            i += 2
            n_words += 2
            continue
        if n_words >= min_words and text[start].islower():
            k = _match_at(lower, i, _VERB_SET, _MAX_VERB)
            nxt = lower[i + k : i + k + 1]
            if k and (
                nxt == ["viên"]
                or (
                    lower[i : i + 2] == ["tổ", "chức"]
                    and nxt in ([], [","], ["liên"], ["có"], ["nhân"])
                )
            ):
                k = 0  # "báo cáo viên", "các cơ quan, đơn vị, tổ chức liên quan": nouns
            if k and words[i] == "trong" and words[i + 1 : i + 2] in (["tinh"], ["dia"], ["nuoc"]):
                k = 0  # "các sở, ban, ngành trong tỉnh": part of the mention
            if k and not (given and words[i] in {"chu", "nhiem"}):
                prev = words[i - 1] if i else ""
                if prev not in {"cac", "nhung"}:  # "các tổ chức" is a noun
                    return start
        n_words += 1
        i += 1
    return None


def leading_subject(text: str) -> tuple[list[str], bool] | None:
    """Units named as the subject at the start of a sentence ("Sở TTTT chủ trì, …").

    Returns (mentions, has_lead_in) or None. `has_lead_in` is True for "Đề nghị X …"/"Giao X …".
    """
    body = text.strip(_TRIM)
    lead_in = bool(_LEAD_INS.match(body))
    body = _LEAD_INS.sub("", body)
    if re.match(r"^căn cứ\b", body, re.IGNORECASE):
        comma = body.find(",")
        if comma < 0:
            return None
        body = body[comma + 1 :].strip()
    if not starts_unit(body):
        return None
    cut = predicate_start(body, 1)
    if cut is None:
        return None
    subject = body[:cut].strip(_TRIM)
    if not subject or len(subject.split()) > 40:
        return None
    mentions = [m for m in split_units(subject) if starts_unit(m)]
    return (mentions, lead_in) if mentions else None


_SUPPORT = re.compile(
    r"(?:phối hợp|phối hợp chặt chẽ|phối hợp cùng|cùng phối hợp)(?:\s+(?:phối hợp))?"
    r"(?:\s+(?:chặt chẽ))?(?:\s+(?:với|cùng))?\s+",
    re.IGNORECASE,
)
_SUPPORT_STOP = re.compile(r"\s*(?:[;:.(]|\s[–—]\s|$)")


def support_mentions(text: str) -> list[str]:
    """Units after "phối hợp (với)": "… phối hợp với Sở Ngoại vụ và các cơ quan liên quan …"."""
    found: list[str] = []
    for m in _SUPPORT.finditer(text):
        tail = text[m.end() :]
        if not starts_unit(tail) or tail[:4].lower() in {"giữa"}:
            continue
        stop = _SUPPORT_STOP.search(tail)
        chunk = tail[: stop.start()] if stop else tail
        cut = predicate_start(chunk, 1)
        if cut is not None:
            chunk = chunk[:cut]
        for mention in split_units(chunk):
            if starts_unit(mention) and fold(mention) not in {fold(f) for f in found}:
                found.append(mention)
    return found


def split_assignment(value: str) -> tuple[list[str], list[str]]:
    """A labelled "Đơn vị thực hiện:" value: "A, phối hợp với B, C" -> ([A], [B, C])."""
    value = value.strip(_TRIM)
    if re.match(r"^căn cứ\b", value, re.IGNORECASE) and "," in value:
        value = value[value.find(",") + 1 :]
    support: list[str] = []
    m = re.search(r"[,;]?\s*(?:chủ trì,?\s*)?phối hợp", value, re.IGNORECASE)
    if m and m.start() > 0:
        support = support_mentions(value[m.start() :].lstrip(",; "))
        value = value[: m.start()]
    value = re.sub(r"\s+chủ trì\b.*$", "", value, flags=re.IGNORECASE)
    lead = [u for u in split_units(value) if u]
    return lead, support


class Expander:
    """Expands acronyms printed in a plan ("Sở TTTT") to the full name the same plan spells out."""

    _NAME = re.compile(
        r"\b(Sở|Bộ|Ban|Văn phòng|Đài|Cục|Trung tâm|Hội|Liên hiệp|Phòng|Tạp chí|Báo)"
        r"((?:[ ]+(?:và|-|[A-ZĐ][\w]*(?:[ ]+[a-zà-ỹđ][\w]*)?))+)"
    )

    def __init__(self, text: str, extra_names: Iterable[str] = ()) -> None:
        self._by_key: dict[tuple[str, str], str] = {}
        names = [m.group(0) for m in self._NAME.finditer(text)]
        for name in [*names, *extra_names]:
            name = name.strip(_TRIM)
            key = self._key_of_full(name)
            if key and key not in self._by_key:
                self._by_key[key] = name

    @staticmethod
    def _key_of_full(name: str) -> tuple[str, str] | None:
        words = name.split()
        if len(words) < 3:
            return None
        head, rest = words[0], [w for w in words[1:] if fold(w) not in {"va", "-", "&", ""}]
        if not rest or any(is_acronym(w) for w in rest) or not rest[0][:1].isupper():
            return None
        initials = "".join(fold(w)[0] for w in rest)
        return fold(head), initials

    def expand(self, mention: str) -> str:
        words = mention.split()
        if len(words) < 2 or not is_acronym(words[1]):
            return mention
        key = (fold(words[0]), fold(words[1].replace("&", "").replace("-", "")))
        full = self._by_key.get(key)
        if full is None:
            return mention
        return " ".join([full, *words[2:]])

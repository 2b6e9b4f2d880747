"""Resolve unit mentions in plans (đơn vị chủ trì / phối hợp) to registered org units.

Name convention: `UnitRecord.name` is the official name; provincial departments omit their
province ("Sở Ngoại vụ", province="Quảng Ngãi"), bodies named with it keep it ("Công an tỉnh
Quảng Ngãi", "Báo Quảng Ngãi"). A trailing "tỉnh <X>", "thành phố <X>", bare "tỉnh" or known
province, in a name or a mention alike, is a locality constraint; the rest is the unit's body.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from itertools import islice, product
from typing import Literal

from ttdn.text.normalize import fold, fold_tokens, nfc

KINDS = ("ubnd", "party", "department", "commune", "press", "armed_forces", "mass_org", "other")
Status = Literal["resolved", "ambiguous", "collective", "unresolved"]

RESOLVE_THRESHOLD = 0.85
MARGIN = 0.1
CANDIDATE_FLOOR = 0.5
MAX_CANDIDATES = 5
ACRONYM_FACTOR = 0.97
PREFIX_DROPPED_FACTOR = 0.9
PREFIX_SYNONYM_FACTOR = 0.92
PREFIX_MISMATCH_FACTOR = 0.75
FUZZY_FACTOR = 0.95
OTHER_PROVINCE_FACTOR = 0.7
DATE_PENALTY = 0.15
MAX_MENTION_TOKENS = 30
MAX_MENTION_CHARS = 300
MAX_SIGNATURES = 64
FUZZY_POOL = 200
MAX_LIST_ATOMS = 8


@dataclass(frozen=True)
class GenericPrefix:
    """A generic head of unit names; `droppable` heads are often left out in mentions."""

    text: str
    droppable: bool = False
    synonyms: tuple[str, ...] = ()


GENERIC_PREFIXES: tuple[GenericPrefix, ...] = (
    GenericPrefix("Sở", droppable=True),
    GenericPrefix("Ban", droppable=True),
    GenericPrefix("Phòng", droppable=True),
    GenericPrefix("Ủy ban", droppable=True),
    # Plans print "Ban Chỉ huy Bộ đội Biên phòng" for the provincial "Bộ Chỉ huy" and back.
    GenericPrefix("Bộ Chỉ huy", droppable=True, synonyms=("Ban Chỉ huy",)),
    GenericPrefix("Ban Chỉ huy", droppable=True, synonyms=("Bộ Chỉ huy",)),
    *(
        GenericPrefix(text)
        for text in (
            "Ủy ban nhân dân", "Ban Chỉ đạo", "Văn phòng", "Công an", "Đài", "Báo", "Tạp chí",
            "Cổng", "Hội", "Liên hiệp", "Liên đoàn", "Trung tâm", "Bộ", "Cục", "Chi cục",
            "Tổng cục", "Viện", "Trường", "Công ty", "Tổng công ty",
        )
    ),
)  # fmt: skip

# Words after which the rest of a name is its locality; value = the administrative level.
LOCALITY_MARKERS: dict[str, str] = {
    "tỉnh": "tỉnh", "của tỉnh": "tỉnh", "trong tỉnh": "tỉnh", "thành phố": "thành phố",
    "TP": "thành phố", "huyện": "huyện", "thị xã": "thị xã",
}  # fmt: skip
# "Tỉnh ủy", "Tỉnh đoàn", "Thành ủy"...: a marker followed by these is a body, not a locality.
_NOT_LOCALITY = frozenset({"uy", "doan", "hoi", "doi"})

# Plural nouns that make a mention collective ("các sở, ban, ngành"), with the unit kind meant.
COLLECTIVE_NOUNS: dict[str, str | None] = {
    "sở": "department", "ban": "department", "ngành": "department", "phòng": "department",
    "huyện": "commune", "thị xã": "commune", "thị": "commune", "thành phố": "commune",
    "TP": "commune", "quận": "commune", "xã": "commune", "phường": "commune",
    "thị trấn": "commune", "địa phương": "commune",
    "huyện ủy": "party", "thị ủy": "party", "thành ủy": "party", "tỉnh ủy": "party",
    "đảng ủy": "party", "cấp ủy": "party", "chi bộ": "party", "tổ chức đảng": "party",
    "cơ quan báo chí": "press", "báo chí": "press", "cơ quan thông tấn": "press",
    "đoàn thể": "mass_org", "hội": "mass_org", "hội hữu nghị": "mass_org",
    "tổ chức hữu nghị": "mass_org", "tổ chức nhân dân": "mass_org",
    "tổ chức chính trị - xã hội": "mass_org", "lực lượng vũ trang": "armed_forces",
    "cơ quan": None, "đơn vị": None, "tổ chức": None, "cơ quan đại diện": None,
}  # fmt: skip
# Nouns that never begin a registered name: a mention starting with one is collective even
# without "các" ("cơ quan báo chí trong tỉnh"), unless a unit of that name is registered.
COLLECTIVE_STARTS = ("cơ quan", "đơn vị", "địa phương", "đoàn thể", "đảng ủy", "tổ chức", "báo chí")
_PLURAL = frozenset({"cac", "nhung"})
_UBND = (("ubnd",), ("uy", "ban", "nhan", "dan"))
_CONNECTORS = frozenset({"va"})

_WORD = re.compile(r"[^\W_]+")
_WORD_OR_SEP = re.compile(r"[^\W_]+|[,;&]")
_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|nh|ng|[cmnpt])?"
)
_HARD_SPLIT = re.compile(r"[;\n]+")
_SOFT_SPLIT = re.compile(r"\s*,\s*|\s+và\s+", re.IGNORECASE)


def _folded_table(table: Iterable[str]) -> dict[tuple[str, ...], str]:
    return {fold_tokens(text): text for text in table}


_PREFIXES = {fold_tokens(p.text): p for p in GENERIC_PREFIXES}
_MARKERS = {fold_tokens(k): fold(v) for k, v in LOCALITY_MARKERS.items()}
_NOUNS = {fold_tokens(k): v for k, v in COLLECTIVE_NOUNS.items()}
_STARTS = frozenset(_folded_table(COLLECTIVE_STARTS))


@dataclass(frozen=True)
class UnitRecord:
    """One org unit as registered; `valid_to` is inclusive, None = still valid."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "other"
    province: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown unit kind {self.kind!r}; expected one of {KINDS}")

    def valid_on(self, on: date) -> bool:
        after_start = self.valid_from is None or self.valid_from <= on
        return after_start and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str
    score: float
    matched: str


@dataclass(frozen=True)
class Resolution:
    text: str
    status: Status
    candidates: tuple[Candidate, ...]
    collective_kinds: tuple[str, ...] = ()

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.status == "resolved" else None


@dataclass(frozen=True)
class _Parsed:
    body: tuple[str, ...]
    level: str | None
    locality: str | None


@dataclass(frozen=True)
class _Form:
    unit: int
    tokens: tuple[str, ...]
    factor: float
    display: str


@dataclass(frozen=True)
class _Place:
    level: str | None
    localities: frozenset[str]
    province: str | None


Scores = dict[int, tuple[float, str]]


class _Provinces:
    """Known province names and their printed variants ("TT-Huế", "Thừa Thiên - Huế")."""

    def __init__(self, names: Iterable[str]) -> None:
        self._canon: dict[tuple[str, ...], str] = {}
        self.display: dict[str, str] = {}
        for name in names:
            tokens = _strip_leading_marker(fold_tokens(name))
            if tokens and tokens not in self._canon:
                self._canon[tokens] = " ".join(tokens)
                self.display[" ".join(tokens)] = nfc(name).strip()
        short: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for tokens, canon in list(self._canon.items()):
            if len(tokens) >= 3:  # two-syllable initials collide: Quảng Nam/Ngãi/Ninh = "qn"
                short[(_initials(tokens[:-1]), tokens[-1])].add(canon)
                short[(_initials(tokens),)].add(canon)
        for tokens, canons in short.items():
            if len(canons) == 1 and tokens not in self._canon:
                self._canon[tokens] = canons.pop()
        self._longest = max(map(len, self._canon), default=0)

    def canonical(self, name: str) -> str:
        tokens = _strip_leading_marker(fold_tokens(name))
        return self._canon.get(tokens, " ".join(tokens))

    def suffix(self, tokens: tuple[str, ...]) -> tuple[int, str] | None:
        for k in range(min(self._longest, len(tokens)), 0, -1):
            if (canon := self._canon.get(tokens[-k:])) is not None:
                return k, canon
        return None

    def find(self, tokens: tuple[str, ...]) -> str | None:
        for i in range(len(tokens)):
            for k in range(min(self._longest, len(tokens) - i), 0, -1):
                if (canon := self._canon.get(tokens[i : i + k])) is not None:
                    return self.display.get(canon, canon)
        return None


class UnitResolver:
    """Maps free-text unit mentions to `UnitRecord`s without ever guessing silently.

    Scores (0..1): a name read word for word scores 1, with initials (Sở TTTT) ×0.97, without
    its droppable head (Ngoại vụ, BĐBP tỉnh) ×0.9, with a synonym head ×0.92; failing that, a
    fuzzy ratio of the body and of the specialised part after the head, ×0.95. A unit of another
    province than the context ×0.7; a locality or level named in the mention must agree.
    """

    def __init__(self, units: Iterable[UnitRecord], *, province: str | None = None) -> None:
        self._units = tuple(units)
        if len({u.code for u in self._units}) != len(self._units):
            raise ValueError("unit codes must be unique")
        names = [u.province for u in self._units if u.province] + ([province] if province else [])
        self._provinces = _Provinces(names)
        self._province = self._provinces.canonical(province) if province else None
        self._places: list[_Place] = []
        self._forms_of: list[list[_Form]] = []
        self._by_signature: dict[str, list[_Form]] = defaultdict(list)
        self._by_token: dict[str, list[int]] = defaultdict(list)
        for idx, unit in enumerate(self._units):
            self._index(idx, unit)
        self._rare_limit = max(20, len(self._units) // 20)

    def province_in(self, text: str) -> str | None:
        """The known province named in `text`, e.g. an issuer "UBND tỉnh Quảng Bình"."""
        return self._provinces.find(fold_tokens(text))

    def resolve(
        self, text: str, *, on: date | None = None, province: str | None = None
    ) -> Resolution:
        shown = nfc(text).strip()
        tokens = tuple(t for t in fold_tokens(shown) if t not in _CONNECTORS)
        if not tokens or len(tokens) > MAX_MENTION_TOKENS or len(shown) > MAX_MENTION_CHARS:
            return Resolution(shown, "unresolved", ())
        if (kinds := _collective_kinds(fold(shown), strong=True)) is not None:
            return Resolution(shown, "collective", (), kinds)
        parsed = self._parse(tokens)
        context = self._provinces.canonical(province) if province else self._province
        scores = self._placed(self._match_exact(parsed.body), parsed, context)
        if max((s for s, _ in scores.values()), default=0.0) < RESOLVE_THRESHOLD:
            if (kinds := _collective_kinds(fold(shown), strong=False)) is not None:
                return Resolution(shown, "collective", (), kinds)
            for idx, (score, shown_as) in self._placed(
                self._match_fuzzy(parsed.body), parsed, context
            ).items():
                _keep_best(scores, idx, score, shown_as)
        if on is not None:
            self._apply_dates(scores, on)
        return _decide(shown, self._rank(scores))

    def resolve_list(
        self, text: str, *, on: date | None = None, province: str | None = None
    ) -> tuple[Resolution, ...]:
        """Split a list of mentions; the longest run of pieces naming one unit wins."""
        found: list[Resolution] = []
        for segment in _HARD_SPLIT.split(nfc(text)):
            atoms = _atoms(segment)
            i = 0
            while i < len(atoms):
                j, resolution = self._longest_mention(segment, atoms, i, on, province)
                found.append(resolution)
                i = j
        return tuple(found)

    def _longest_mention(
        self,
        segment: str,
        atoms: Sequence[tuple[int, int]],
        i: int,
        on: date | None,
        province: str | None,
    ) -> tuple[int, Resolution]:
        for j in range(min(len(atoms), i + MAX_LIST_ATOMS), i, -1):
            found = self.resolve(segment[atoms[i][0] : atoms[j - 1][1]], on=on, province=province)
            if found.status == "collective" or (
                found.candidates and found.candidates[0].score >= RESOLVE_THRESHOLD
            ):
                return j, found
        # Nothing known: split only where the next piece starts like a unit name.
        j = i + 1
        while j < len(atoms) and not _looks_like_unit(segment[atoms[j][0] : atoms[j][1]]):
            j += 1
        return j, self.resolve(segment[atoms[i][0] : atoms[j - 1][1]], on=on, province=province)

    def _index(self, idx: int, unit: UnitRecord) -> None:
        shown = nfc(unit.name).strip()
        words = _words(shown)
        parsed = self._parse(tuple(t for t, _ in words))
        province = self._provinces.canonical(unit.province) if unit.province else None
        localities = {loc for loc in (parsed.locality, province) if loc}
        self._places.append(_Place(parsed.level, frozenset(localities), province))
        forms = list(_name_forms(idx, shown, words[: len(parsed.body)]))
        for alias in unit.aliases:
            alias_shown = nfc(alias).strip()
            body = self._parse(tuple(t for t, _ in _words(alias_shown))).body
            if body:
                forms.extend(_without_viet_nam(_Form(idx, body, 1.0, alias_shown)))
        self._forms_of.append(forms)
        for form in forms:
            self._by_signature[_signature(form.tokens)].append(form)
        for token in {t for form in forms for t in form.tokens}:
            self._by_token[token].append(idx)

    def _parse(self, tokens: tuple[str, ...]) -> _Parsed:
        if (hit := self._provinces.suffix(tokens)) is not None:
            body, level = _strip_marker(tokens[: len(tokens) - hit[0]])
            return _Parsed(body, level, hit[1])
        body, level = _strip_marker(tokens)
        return _Parsed(body, level, None) if level else _unknown_locality(tokens)

    def _match_exact(self, body: tuple[str, ...]) -> Scores:
        found: Scores = {}
        for signature in set(islice(_signatures(body), MAX_SIGNATURES)):
            for form in self._by_signature.get(signature, ()):
                acronyms = _align(body, form.tokens)
                if acronyms is not None:
                    factor = ACRONYM_FACTOR if acronyms else 1.0
                    _keep_best(found, form.unit, form.factor * factor, form.display)
        return found

    def _match_fuzzy(self, body: tuple[str, ...]) -> Scores:
        found: Scores = {}
        for idx in self._fuzzy_pool(body):
            for form in self._forms_of[idx]:
                score = _similarity(body, form.tokens) * form.factor * FUZZY_FACTOR
                _keep_best(found, idx, score, form.display)
        return found

    def _fuzzy_pool(self, body: tuple[str, ...]) -> list[int]:
        # Only units sharing a rare word are scored, so the cost does not grow with the registry.
        postings = sorted((self._by_token[t] for t in set(body) if t in self._by_token), key=len)
        rare = [p for p in postings if len(p) <= self._rare_limit] or postings[:1]
        pool = Counter(idx for posting in rare for idx in posting)
        return [idx for idx, _ in pool.most_common(FUZZY_POOL)]

    def _placed(self, scores: Scores, parsed: _Parsed, context: str | None) -> Scores:
        placed: Scores = {}
        for idx, (score, shown_as) in scores.items():
            factor = _place_factor(self._places[idx], parsed, context)
            if factor > 0:
                placed[idx] = (score * factor, shown_as)
        return placed

    def _apply_dates(self, scores: Scores, on: date) -> None:
        # A dissolved unit is demoted only when a unit valid on that date is itself a good
        # answer; otherwise an old plan naming it must still resolve to it.
        valid = {idx for idx in scores if self._units[idx].valid_on(on)}
        if any(scores[idx][0] >= RESOLVE_THRESHOLD for idx in valid):
            for idx in scores.keys() - valid:
                score, shown_as = scores[idx]
                scores[idx] = (max(0.0, score - DATE_PENALTY), shown_as)

    def _rank(self, scores: Scores) -> list[Candidate]:
        ranked = [
            Candidate(self._units[i].code, self._units[i].name, round(s, 3), shown_as)
            for i, (s, shown_as) in scores.items()
        ]
        return sorted(ranked, key=lambda c: (-c.score, c.code))


def _decide(shown: str, ranked: list[Candidate]) -> Resolution:
    top = ranked[0].score if ranked else 0.0
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    kept = tuple(c for c in ranked if c.score >= CANDIDATE_FLOOR)[:MAX_CANDIDATES]
    if top >= RESOLVE_THRESHOLD and round(top - runner_up, 3) >= MARGIN:
        return Resolution(shown, "resolved", kept)
    return Resolution(shown, "ambiguous" if kept else "unresolved", kept)


def _place_factor(place: _Place, parsed: _Parsed, context: str | None) -> float:
    if parsed.level and place.level and parsed.level != place.level:
        return 0.0
    if parsed.locality:
        return 1.0 if parsed.locality in place.localities else 0.0
    if context is None or place.province is None or place.province == context:
        return 1.0
    return OTHER_PROVINCE_FACTOR


def _keep_best(scores: Scores, idx: int, score: float, shown_as: str) -> None:
    if idx not in scores or scores[idx][0] < score:
        scores[idx] = (score, shown_as)


def _words(shown: str) -> list[tuple[str, int]]:
    """Folded tokens of `shown` without connectors, each with its offset in `shown`."""
    words = [(t, m.start()) for m in _WORD.finditer(shown) for t in fold_tokens(m.group())]
    return [(t, start) for t, start in words if t not in _CONNECTORS]


def _name_forms(idx: int, shown: str, body: list[tuple[str, int]]) -> Iterator[_Form]:
    tokens = tuple(t for t, _ in body)
    yield from _without_viet_nam(_Form(idx, tokens, 1.0, shown))
    size = _prefix_len(tokens)
    if not 0 < size < len(tokens):
        return
    prefix, rest = _PREFIXES[tokens[:size]], shown[body[size][1] :]
    if prefix.droppable:
        yield from _without_viet_nam(_Form(idx, tokens[size:], PREFIX_DROPPED_FACTOR, rest))
    for synonym in prefix.synonyms:
        synonym_tokens = fold_tokens(synonym) + tokens[size:]
        yield _Form(idx, synonym_tokens, PREFIX_SYNONYM_FACTOR, f"{synonym} {rest}")


def _without_viet_nam(form: _Form) -> Iterator[_Form]:
    # "Ủy ban MTTQ Việt Nam tỉnh" is printed as "Ủy ban MTTQ tỉnh" as often as not.
    yield form
    tokens = form.tokens
    for i in range(len(tokens) - 1):
        if tokens[i : i + 2] == ("viet", "nam") and len(tokens) > 2:
            rest = tokens[:i] + tokens[i + 2 :]
            yield _Form(form.unit, rest, form.factor, form.display)
            return


def _prefix_len(tokens: Sequence[str]) -> int:
    for size in range(min(4, len(tokens)), 0, -1):
        if tuple(tokens[:size]) in _PREFIXES:
            return size
    return 0


def _strip_marker(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], str | None]:
    for size in (2, 1):
        if len(tokens) > size and (level := _MARKERS.get(tokens[-size:])) is not None:
            return tokens[:-size], level
    return tokens, None


def _strip_leading_marker(tokens: tuple[str, ...]) -> tuple[str, ...]:
    for size in (2, 1):
        if len(tokens) > size and tokens[:size] in _MARKERS:
            return tokens[size:]
    return tokens


def _unknown_locality(tokens: tuple[str, ...]) -> _Parsed:
    """Read "Sở Ngoại vụ tỉnh Quảng Nam" as a locality even for provinces not registered."""
    for start in range(len(tokens) - 2, 0, -1):
        for size in (2, 1):
            rest = tokens[start + size :]
            level = _MARKERS.get(tokens[start : start + size])
            if level and 0 < len(rest) <= 3 and rest[0] not in _NOT_LOCALITY:
                if all(t.isalpha() for t in rest):
                    return _Parsed(tokens[:start], level, " ".join(rest))
    return _Parsed(tokens, None, None)


def _initials(tokens: Iterable[str]) -> str:
    return "".join(t[0] for t in tokens)


def _can_be_acronym(token: str) -> bool:
    # Short syllables ("tu" for Tỉnh ủy) may be either; longer real syllables are words.
    if not (token.isascii() and token.isalpha()):
        return False
    return len(token) <= 2 or _SYLLABLE.fullmatch(token) is None


def _primary(token: str) -> str:
    """The letters a token adds to a signature read as written: a word its initial."""
    if token.isascii() and token.isalpha() and _SYLLABLE.fullmatch(token):
        return token[0]
    return token


def _readings(token: str) -> tuple[str, ...]:
    primary = _primary(token)
    return (primary, token) if primary != token and len(token) <= 2 else (primary,)


def _signature(tokens: Sequence[str]) -> str:
    return "".join(_primary(t) for t in tokens)


def _signatures(tokens: Sequence[str]) -> Iterator[str]:
    return ("".join(parts) for parts in product(*(_readings(t) for t in tokens)))


def _acronym_span(acronym: str, words: Sequence[str], start: int) -> int:
    """How many `words` from `start` the acronym's letters stand for, or 0."""
    size = len(acronym)
    if not _can_be_acronym(acronym) or start + size > len(words):
        return 0
    run = words[start : start + size]
    return size if all(w[0] == letter for w, letter in zip(run, acronym, strict=True)) else 0


def _align(mention: Sequence[str], form: Sequence[str]) -> int | None:
    """Fewest acronyms needed to read `mention` as `form` word by word, or None."""
    n, m = len(mention), len(form)
    impossible = n + m + 1
    cost = [[impossible] * (m + 1) for _ in range(n + 1)]
    cost[n][m] = 0
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            best = cost[i][j]
            if i < n and j < m and mention[i] == form[j]:
                best = min(best, cost[i + 1][j + 1])
            if i < n and (size := _acronym_span(mention[i], form, j)):
                best = min(best, cost[i + 1][j + size] + 1)
            if j < m and (size := _acronym_span(form[j], mention, i)):
                best = min(best, cost[i + size][j + 1] + 1)
            cost[i][j] = best
    return cost[0][0] if cost[0][0] < impossible else None


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _similarity(body: tuple[str, ...], form: tuple[str, ...]) -> float:
    whole = _ratio(" ".join(body), " ".join(form))
    body_head, form_head = _prefix_len(body), _prefix_len(form)
    if 0 < body_head < len(body) and 0 < form_head < len(form):
        # The specialised part must match: "Sở Văn hóa và Thể thao" is not "Sở VHTTDL".
        core = _ratio(" ".join(body[body_head:]), " ".join(form[form_head:]))
        same_head = body[:body_head] == form[:form_head]
        whole = min(whole, core * (1.0 if same_head else PREFIX_MISMATCH_FACTOR))
    return whole


def _collective_kinds(folded: str, *, strong: bool) -> tuple[str, ...] | None:
    """Kinds meant by a collective mention ("UBND các huyện" -> commune), else None."""
    tokens = [("," if t in {";", "&", "va"} else t) for t in _WORD_OR_SEP.findall(folded)]
    start = next((len(u) for u in _UBND if tuple(tokens[: len(u)]) == u), 0)
    plural = start < len(tokens) and tokens[start] in _PLURAL
    heads, separated = _heads(tokens, start + plural)
    listed = len(heads) >= 2 and separated
    if start and (plural or listed):
        return ("commune",)
    if start == 0 and (plural or listed):
        return _kinds([kind for _, kind in heads])
    if not strong and start == 0 and heads and tuple(tokens[:2]) in _STARTS:
        return _kinds([kind for _, kind in heads])
    return None


def _heads(tokens: list[str], i: int) -> tuple[list[tuple[tuple[str, ...], str | None]], bool]:
    heads: list[tuple[tuple[str, ...], str | None]] = []
    separated = False
    while i < len(tokens):
        if tokens[i] == ",":
            separated, i = separated or bool(heads), i + 1
            continue
        size = next((k for k in (6, 5, 4, 3, 2, 1) if tuple(tokens[i : i + k]) in _NOUNS), 0)
        if not size:
            break
        phrase = tuple(tokens[i : i + size])
        heads.append((phrase, _NOUNS[phrase]))
        i += size
    return heads, separated


def _kinds(kinds: list[str | None]) -> tuple[str, ...]:
    found = {k for k in kinds if k}
    if kinds and kinds[-1] == "party":  # "Các huyện, thị, thành ủy": the "ủy" covers all
        found = {"party" if k == "commune" else k for k in found}
    return tuple(k for k in KINDS if k in found)


def _atoms(segment: str) -> list[tuple[int, int]]:
    """Spans of the pieces between commas and "và", trimmed of bullets and spaces."""
    cuts = [0, *(x for m in _SOFT_SPLIT.finditer(segment) for x in m.span()), len(segment)]
    atoms = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=True):
        piece = segment[start:end]
        left = len(piece) - len(piece.lstrip(" \t.:-–—+•*"))
        right = len(piece.rstrip(" \t.:-–—+•*"))
        if left < right:
            atoms.append((start + left, start + right))
    return atoms


def _looks_like_unit(piece: str) -> bool:
    tokens = fold_tokens(piece)
    if not tokens:
        return False
    first = tokens[0]
    return bool(
        _prefix_len(tokens)
        or first in _PLURAL
        or tokens[:2] in _STARTS
        or (_can_be_acronym(first) and len(first) > 2)
    )

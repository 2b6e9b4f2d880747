"""How unit names are written: generic heads, localities, provinces, acronyms, fuzzy shapes.

Shared by `unit_resolver` and `collective`. Everything works on folded tokens
(`normalize.fold_tokens`, connector "và" removed) so registered names and mentions read alike.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import Literal

from ttdn.text.normalize import fold, fold_tokens, nfc

Tokens = tuple[str, ...]
KINDS = (
    "ubnd",
    "party",
    "department",
    "commune",
    "press",
    "armed_forces",
    "mass_org",
    "central",
    "other",
)


@dataclass(frozen=True)
class GenericPrefix:
    """A generic head of unit names; a `droppable` head is often left out in mentions."""

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
CONNECTORS = frozenset({"va"})

PREFIXES = {fold_tokens(p.text): p for p in GENERIC_PREFIXES}
_MARKERS = {fold_tokens(k): fold(v) for k, v in LOCALITY_MARKERS.items()}
_WORD = re.compile(r"[^\W_]+")
_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|nh|ng|[cmnpt])?"
)
# Acronyms sometimes keep a whole initial consonant: "SNgV" is Sở Ngoại vụ, "SNV" Sở Nội vụ.
_CLUSTER = re.compile(r"ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr")
MAX_ACRONYM = 12


@dataclass(frozen=True)
class ParsedName:
    """A name or mention split into its body and the locality constraint it states."""

    body: Tokens
    level: str | None
    locality: str | None


@dataclass(frozen=True)
class NameVariant:
    """One way a name is written; `how` says which, and so how much a match is worth."""

    tokens: Tokens
    how: Literal["name", "without_head", "synonym_head"]
    display: str


def words(shown: str) -> list[tuple[str, int]]:
    """Folded tokens of `shown` without connectors, each with its offset in `shown`."""
    found = [(t, m.start()) for m in _WORD.finditer(shown) for t in fold_tokens(m.group())]
    return [(t, start) for t, start in found if t not in CONNECTORS]


def prefix_len(tokens: Sequence[str]) -> int:
    """Number of tokens taken by the generic head ("Bộ Chỉ huy" = 3), 0 if none."""
    for size in range(min(4, len(tokens)), 0, -1):
        if tuple(tokens[:size]) in PREFIXES:
            return size
    return 0


def strip_marker(tokens: Tokens) -> tuple[Tokens, str | None]:
    for size in (2, 1):
        if len(tokens) > size and (level := _MARKERS.get(tokens[-size:])) is not None:
            return tokens[:-size], level
    return tokens, None


def strip_leading_marker(tokens: Tokens) -> Tokens:
    for size in (2, 1):
        if len(tokens) > size and tokens[:size] in _MARKERS:
            return tokens[size:]
    return tokens


def unknown_locality(tokens: Tokens) -> ParsedName:
    """Read "Sở Ngoại vụ tỉnh Quảng Nam" as a locality even for provinces not registered."""
    for start in range(len(tokens) - 2, 0, -1):
        for size in (2, 1):
            rest = tokens[start + size :]
            level = _MARKERS.get(tokens[start : start + size])
            if level and 0 < len(rest) <= 3 and rest[0] not in _NOT_LOCALITY and _words_only(rest):
                return ParsedName(tokens[:start], level, " ".join(rest))
    return ParsedName(tokens, None, None)


def _words_only(tokens: Tokens) -> bool:
    return all(t.isalpha() for t in tokens)


class Provinces:
    """Known province names and their printed variants ("TT-Huế", "Thừa Thiên - Huế")."""

    def __init__(self, names: Iterable[str]) -> None:
        self._canon: dict[Tokens, str] = {}
        self._display: dict[str, str] = {}
        for name in names:
            tokens = strip_leading_marker(fold_tokens(name))
            if tokens and tokens not in self._canon:
                self._canon[tokens] = " ".join(tokens)
                self._display[" ".join(tokens)] = nfc(name).strip()
        short: dict[Tokens, set[str]] = defaultdict(set)
        for tokens, canon in list(self._canon.items()):
            if len(tokens) >= 3:  # two-syllable initials collide: Quảng Nam/Ngãi/Ninh = "qn"
                short[(initials(tokens[:-1]), tokens[-1])].add(canon)
                short[(initials(tokens),)].add(canon)
        for tokens, canons in short.items():
            if len(canons) == 1 and tokens not in self._canon:
                self._canon[tokens] = canons.pop()
        self._longest = max(map(len, self._canon), default=0)

    def canonical(self, name: str) -> str:
        tokens = strip_leading_marker(fold_tokens(name))
        return self._canon.get(tokens, " ".join(tokens))

    def find(self, tokens: Tokens) -> str | None:
        """Display name of the first known province named anywhere in `tokens`."""
        for i in range(len(tokens)):
            for size in range(min(self._longest, len(tokens) - i), 0, -1):
                if (canon := self._canon.get(tokens[i : i + size])) is not None:
                    return self._display.get(canon, canon)
        return None

    def parse(self, tokens: Tokens) -> ParsedName:
        for size in range(min(self._longest, len(tokens)), 0, -1):
            if (canon := self._canon.get(tokens[-size:])) is not None:
                body, level = strip_marker(tokens[:-size])
                return ParsedName(body, level, canon)
        body, level = strip_marker(tokens)
        return ParsedName(body, level, None) if level else unknown_locality(tokens)


def name_variants(
    shown: str, body: list[tuple[str, int]], *, alias: bool = False
) -> Iterator[NameVariant]:
    """The ways a registered name (or, with `alias`, a given short name) may be printed."""
    tokens = tuple(t for t, _ in body)
    yield from _without_viet_nam(NameVariant(tokens, "name", shown))
    size = prefix_len(tokens)
    if alias or not 0 < size < len(tokens):
        return
    prefix, rest = PREFIXES[tokens[:size]], shown[body[size][1] :]
    if prefix.droppable:
        yield from _without_viet_nam(NameVariant(tokens[size:], "without_head", rest))
    for synonym in prefix.synonyms:
        synonym_tokens = fold_tokens(synonym) + tokens[size:]
        yield NameVariant(synonym_tokens, "synonym_head", f"{synonym} {rest}")


def _without_viet_nam(variant: NameVariant) -> Iterator[NameVariant]:
    # "Ủy ban MTTQ Việt Nam tỉnh" is printed as "Ủy ban MTTQ tỉnh" as often as not.
    yield variant
    tokens = variant.tokens
    for i in range(len(tokens) - 1):
        if tokens[i : i + 2] == ("viet", "nam") and len(tokens) > 2:
            yield NameVariant(tokens[:i] + tokens[i + 2 :], variant.how, variant.display)
            return


def initials(tokens: Iterable[str]) -> str:
    return "".join(t[0] for t in tokens)


@lru_cache(maxsize=4096)
def can_be_acronym(token: str) -> bool:
    # Short syllables ("tu" for Tỉnh ủy) may be either; longer real syllables are words.
    if not (token.isascii() and token.isalpha()):
        return False
    return len(token) <= 2 or _SYLLABLE.fullmatch(token) is None


def _primary(token: str) -> str:
    """The letters a token adds to a signature read as written: a word its initial."""
    if token.isascii() and token.isalpha() and _SYLLABLE.fullmatch(token):
        return token[0]
    return token


def signature(tokens: Sequence[str]) -> str:
    """Initials of a registered variant, acronyms spelt out: "Sở TTTT" and the name share it."""
    return "".join(_primary(t) for t in tokens)


def signatures(tokens: Sequence[str]) -> Iterator[str]:
    """Signatures a mention may have: short syllables also read as acronyms, and acronyms
    also with their consonant clusters cut to one letter ("sngv" -> "snv")."""
    return ("".join(parts) for parts in product(*map(_readings, tokens)))


@lru_cache(maxsize=4096)
def _readings(token: str) -> tuple[str, ...]:
    primary = _primary(token)
    if primary != token:
        return (primary, token) if len(token) <= 2 else (primary,)
    if not can_be_acronym(token) or len(token) > MAX_ACRONYM:
        return (token,)
    return tuple(sorted(_collapsed(token), key=lambda r: (r != token, r)))


def _collapsed(acronym: str) -> set[str]:
    if len(acronym) < 2:
        return {acronym}
    found = {acronym[0] + rest for rest in _collapsed(acronym[1:])}
    if cluster := _CLUSTER.match(acronym):
        found |= {acronym[0] + rest for rest in _collapsed(acronym[len(cluster.group()) :])}
    return found


def _acronym_spans(acronym: str, others: Sequence[str], start: int) -> Iterator[int]:
    """How many of `others` from `start` the acronym's letters may stand for."""
    if not can_be_acronym(acronym) or len(acronym) > MAX_ACRONYM:
        return
    yield from _spell(acronym, others, start)


def _spell(letters: str, others: Sequence[str], start: int) -> Iterator[int]:
    if start >= len(others):
        return
    word = others[start]
    cluster = _CLUSTER.match(word)
    for initial in {word[0], cluster.group() if cluster else word[0]}:
        if letters == initial:
            yield 1
        elif letters.startswith(initial):
            yield from (1 + n for n in _spell(letters[len(initial) :], others, start + 1))


def align(mention: Sequence[str], form: Sequence[str]) -> int | None:
    """Fewest acronyms needed to read `mention` as `form` word by word, or None."""
    if tuple(mention) == tuple(form):
        return 0
    memo: dict[tuple[int, int], int | None] = {}

    def cost(i: int, j: int) -> int | None:
        if i == len(mention) or j == len(form):
            return 0 if (i, j) == (len(mention), len(form)) else None
        if (i, j) not in memo:
            options = [cost(i + 1, j + 1)] if mention[i] == form[j] else []
            options += [_plus_one(cost(i + 1, j + n)) for n in _acronym_spans(mention[i], form, j)]
            options += [_plus_one(cost(i + n, j + 1)) for n in _acronym_spans(form[j], mention, i)]
            memo[i, j] = min((c for c in options if c is not None), default=None)
        return memo[i, j]

    return cost(0, 0)


def _plus_one(cost: int | None) -> int | None:
    return None if cost is None else cost + 1


@dataclass(frozen=True)
class Shape:
    """Character bigrams of a variant, whole and after its generic head, for fuzzy matching."""

    head: Tokens
    whole: Counter[str]
    core: Counter[str]


def shape(tokens: Sequence[str]) -> Shape:
    head = prefix_len(tokens)
    return Shape(tuple(tokens[:head]), _bigrams(tokens), _bigrams(tokens[head:]))


def _bigrams(tokens: Sequence[str]) -> Counter[str]:
    text = f" {' '.join(tokens)} "
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def dice(a: Counter[str], b: Counter[str]) -> float:
    return 2 * (a & b).total() / ((a.total() + b.total()) or 1)

"""Resolve unit mentions in plans (đơn vị chủ trì / phối hợp) to registered org units.

Convention: a sở is registered without its province ("Sở Ngoại vụ", province="Quảng Ngãi"), a
body named with it keeps it ("Công an tỉnh Quảng Ngãi"); in names and mentions alike a trailing
"tỉnh <X>", "thành phố <X>", bare "tỉnh" or province name is a locality constraint.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Literal

from ttdn.text.collective import collective_kinds, looks_like_unit, starts_mention
from ttdn.text.normalize import fold_tokens, nfc
from ttdn.text.unit_names import (
    CONNECTORS,
    KINDS,
    NameVariant,
    ParsedName,
    Provinces,
    Shape,
    Tokens,
    align,
    dice,
    name_variants,
    shape,
    signature,
    signatures,
    words,
)

__all__ = [
    "CANDIDATE_FLOOR",
    "KINDS",
    "MARGIN",
    "RESOLVE_THRESHOLD",
    "Candidate",
    "Resolution",
    "Status",
    "UnitRecord",
    "UnitResolver",
]

Status = Literal["resolved", "ambiguous", "collective", "unresolved"]

RESOLVE_THRESHOLD = 0.85
MARGIN = 0.1
CANDIDATE_FLOOR = 0.5
MAX_CANDIDATES = 5
ACRONYM_FACTOR = 0.97
VARIANT_FACTORS = {"name": 1.0, "without_head": 0.9, "synonym_head": 0.92}
PREFIX_MISMATCH_FACTOR = 0.75
FUZZY_FACTOR = 0.95
OTHER_PROVINCE_FACTOR = 0.7
BARE_LOCALITY_FACTOR = 0.9
DATE_PENALTY = 0.15
MAX_MENTION_TOKENS = 30
MAX_MENTION_CHARS = 300
MAX_SIGNATURES = 64
FUZZY_POOL = 200
MAX_LIST_PIECES = 8

_HARD_SPLIT = re.compile(r"[;\n]+")
_SOFT_SPLIT = re.compile(r"\s*(?:,|\bvà\b)\s*", re.IGNORECASE)
_TRIM = " \t.:-–—+•*"


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
    """A unit a mention may mean; `matched` is the registered form it was read as."""

    code: str
    name: str
    score: float
    matched: str


@dataclass(frozen=True)
class Resolution:
    """What a mention (as printed, NFC) means; candidates best first, at most five."""

    text: str
    status: Status
    candidates: tuple[Candidate, ...]
    collective_kinds: tuple[str, ...] = ()

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.status == "resolved" else None


@dataclass(frozen=True)
class _Place:
    level: str | None
    localities: frozenset[str]
    province: str | None


@dataclass(frozen=True)
class _Holder:
    """A unit written by some variant, with what matching that variant is worth."""

    unit: int
    factor: float
    display: str


Scores = dict[int, tuple[float, str]]


class UnitResolver:
    """Maps free-text unit mentions to `UnitRecord`s without ever guessing silently.

    Scores (0..1): a name read word for word scores 1, with initials (Sở TTTT) ×0.97, without
    its droppable head (Ngoại vụ, BĐBP tỉnh) ×0.9, with a synonym head ×0.92; failing that, a
    bigram similarity of the body and of the part after the head, ×0.95. A unit of another
    province than the context ×0.7; a locality or level named in the mention must agree. With
    `on`, units not valid that day lose 0.15 when a valid unit scores at least the threshold.
    "resolved" needs the threshold and the margin over the runner-up; else "ambiguous".
    """

    def __init__(self, units: Iterable[UnitRecord], *, province: str | None = None) -> None:
        self._units = tuple(units)
        if len({u.code for u in self._units}) != len(self._units):
            raise ValueError("unit codes must be unique")
        names = [u.province for u in self._units if u.province] + ([province] if province else [])
        self._provinces = Provinces(names)
        self._province = self._provinces.canonical(province) if province else None
        self._places: list[_Place] = []
        # Variants are shared: "Sở Ngoại vụ" is one key held by every province's department.
        self._holders: dict[Tokens, list[_Holder]] = defaultdict(list)
        self._shapes: dict[Tokens, Shape] = {}
        self._by_signature: dict[str, set[Tokens]] = defaultdict(set)
        self._by_token: dict[str, set[Tokens]] = defaultdict(set)
        for idx, unit in enumerate(self._units):
            self._index(idx, unit)
        self._rare_limit = max(20, len(self._shapes) // 20)

    def province_in(self, text: str) -> str | None:
        """The known province named in `text`, e.g. an issuer "UBND tỉnh Quảng Bình"."""
        return self._provinces.find(fold_tokens(text))

    def resolve(
        self, text: str, *, on: date | None = None, province: str | None = None
    ) -> Resolution:
        shown = nfc(text).strip()
        if len(shown) > MAX_MENTION_CHARS:  # no unit name is that long: skip the work
            return Resolution(shown, "unresolved", ())
        tokens = tuple(t for t in fold_tokens(shown) if t not in CONNECTORS)
        if not tokens or len(tokens) > MAX_MENTION_TOKENS:
            return Resolution(shown, "unresolved", ())
        if (kinds := collective_kinds(shown)) is not None:
            return Resolution(shown, "collective", (), kinds)
        readings = self._readings(tokens)
        context = self._provinces.canonical(province) if province else self._province
        scores = self._placed(self._match_exact, readings, context)
        if max((s for s, _ in scores.values()), default=0.0) < RESOLVE_THRESHOLD:
            if (kinds := collective_kinds(shown, strong=False)) is not None:
                return Resolution(shown, "collective", (), kinds)
            for idx, (score, display) in self._placed(self._match_fuzzy, readings, context).items():
                _keep_best(scores, idx, score, display)
        if on is not None:
            self._apply_dates(scores, on)
        return _decide(shown, self._rank(scores))

    def resolve_list(
        self, text: str, *, on: date | None = None, province: str | None = None
    ) -> tuple[Resolution, ...]:
        """Split a list of mentions at ";", "," and "và"; the longest run naming one unit wins."""
        found: list[Resolution] = []
        for segment in _HARD_SPLIT.split(nfc(text)):
            pieces = _pieces(segment)
            i = 0
            while i < len(pieces):
                i, resolution = self._longest_mention(segment, pieces, i, on, province)
                found.append(resolution)
        return tuple(found)

    def _longest_mention(
        self,
        segment: str,
        spans: Sequence[tuple[int, int]],
        i: int,
        on: date | None,
        province: str | None,
    ) -> tuple[int, Resolution]:
        pieces = [segment[start:end] for start, end in spans]
        for j in range(min(len(spans), i + MAX_LIST_PIECES), i, -1):
            found = self.resolve(segment[spans[i][0] : spans[j - 1][1]], on=on, province=province)
            # A known name is one mention even when several provinces' units bear it.
            if found.candidates and found.candidates[0].score >= RESOLVE_THRESHOLD:
                return j, found
            # "các đoàn thể, Hội thân nhân ...": a named unit inside ends a collective list.
            if found.status == "collective" and not any(map(starts_mention, pieces[i + 1 : j])):
                return j, found
        # Nothing known: split only where the next piece starts like a unit name.
        j = i + 1
        while j < len(spans) and not looks_like_unit(pieces[j]):
            j += 1
        return j, self.resolve(segment[spans[i][0] : spans[j - 1][1]], on=on, province=province)

    def _readings(self, tokens: Tokens) -> list[ParsedName]:
        parsed = self._provinces.parse(tokens)
        # "Báo Quảng Ngãi" or "Xã Thái Bình": a bare province name may be part of the name.
        bare = parsed.locality is not None and parsed.level is None
        return [parsed, ParsedName(tokens, None, None)] if bare else [parsed]

    def _index(self, idx: int, unit: UnitRecord) -> None:
        shown = nfc(unit.name).strip()
        named = words(shown)
        parsed = self._provinces.parse(tuple(t for t, _ in named))
        province = self._provinces.canonical(unit.province) if unit.province else None
        if parsed.level is None and parsed.locality not in {None, province}:
            parsed = ParsedName(tuple(t for t, _ in named), None, None)
        localities = frozenset(loc for loc in (parsed.locality, province) if loc)
        self._places.append(_Place(parsed.level, localities, province))
        variants = list(name_variants(shown, named[: len(parsed.body)]))
        for alias in unit.aliases:
            alias_shown = nfc(alias).strip()
            alias_words = words(alias_shown)
            body = self._provinces.parse(tuple(t for t, _ in alias_words)).body
            variants.extend(name_variants(alias_shown, alias_words[: len(body)], alias=True))
        for variant in variants:
            self._add(idx, variant)

    def _add(self, idx: int, variant: NameVariant) -> None:
        key = variant.tokens
        if not key:
            return
        if key not in self._shapes:
            self._shapes[key] = shape(key)
            self._by_signature[signature(key)].add(key)
            for token in key:
                self._by_token[token].add(key)
        self._holders[key].append(_Holder(idx, VARIANT_FACTORS[variant.how], variant.display))

    def _credit(self, scores: Scores, key: Tokens, score: float) -> None:
        for holder in self._holders[key]:
            _keep_best(scores, holder.unit, score * holder.factor, holder.display)

    def _match_exact(self, body: Tokens) -> Scores:
        found: Scores = {}
        for sig in set(islice(signatures(body), MAX_SIGNATURES)):
            for key in self._by_signature.get(sig, ()):
                acronyms = align(body, key)
                if acronyms is not None:
                    self._credit(found, key, ACRONYM_FACTOR if acronyms else 1.0)
        return found

    def _match_fuzzy(self, body: Tokens) -> Scores:
        found: Scores = {}
        body_shape = shape(body)
        for key in self._fuzzy_pool(body):
            score = _similarity(body_shape, self._shapes[key]) * FUZZY_FACTOR
            if score >= CANDIDATE_FLOOR:  # lower scores can neither win nor block a win
                self._credit(found, key, score)
        return found

    def _fuzzy_pool(self, body: Tokens) -> list[Tokens]:
        # Only variants sharing a rare word are scored, so the cost stays flat as units grow.
        postings = sorted((self._by_token[t] for t in set(body) if t in self._by_token), key=len)
        rare = [p for p in postings if len(p) <= self._rare_limit] or postings[:1]
        pool = Counter(key for posting in rare for key in posting)
        return [key for key, _ in pool.most_common(FUZZY_POOL)]

    def _placed(
        self, match: Callable[[Tokens], Scores], readings: list[ParsedName], context: str | None
    ) -> Scores:
        placed: Scores = {}
        for parsed in readings:
            for idx, (score, display) in match(parsed.body).items():
                factor = _place_factor(self._places[idx], parsed, context)
                if factor > 0:
                    _keep_best(placed, idx, score * factor, display)
        return placed

    def _apply_dates(self, scores: Scores, on: date) -> None:
        # A dissolved unit is demoted only when a unit valid on that date is itself a good
        # answer; otherwise an old plan naming it must still resolve to it.
        valid = {idx for idx in scores if self._units[idx].valid_on(on)}
        if any(scores[idx][0] >= RESOLVE_THRESHOLD for idx in valid):
            for idx in scores.keys() - valid:
                score, display = scores[idx]
                scores[idx] = (max(0.0, score - DATE_PENALTY), display)

    def _rank(self, scores: Scores) -> list[Candidate]:
        # The runner-up beyond the shown candidates never matters: only the top two decide.
        ranked = heapq.nsmallest(
            MAX_CANDIDATES,
            scores.items(),
            key=lambda item: (-round(item[1][0], 3), self._units[item[0]].code),
        )
        return [
            Candidate(self._units[i].code, self._units[i].name, round(s, 3), display)
            for i, (s, display) in ranked
        ]


def _decide(shown: str, ranked: list[Candidate]) -> Resolution:
    top = ranked[0].score if ranked else 0.0
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    kept = tuple(c for c in ranked if c.score >= CANDIDATE_FLOOR)[:MAX_CANDIDATES]
    if top >= RESOLVE_THRESHOLD and round(top - runner_up, 3) >= MARGIN:
        return Resolution(shown, "resolved", kept)
    return Resolution(shown, "ambiguous" if kept else "unresolved", kept)


def _place_factor(place: _Place, parsed: ParsedName, context: str | None) -> float:
    if parsed.level and place.level and parsed.level != place.level:
        return 0.0
    if parsed.locality:
        if parsed.locality not in place.localities:
            return 0.0
        # A bare province name naming another province than the plan's is a weaker reading.
        elsewhere = parsed.level is None and context not in {None, parsed.locality}
        return BARE_LOCALITY_FACTOR if elsewhere else 1.0
    if context is None or place.province is None or place.province == context:
        return 1.0
    return OTHER_PROVINCE_FACTOR


def _similarity(body: Shape, form: Shape) -> float:
    whole = dice(body.whole, form.whole)
    if body.head and form.head:
        # The specialised part must match: "Sở Văn hóa và Thể thao" is not "Sở VHTTDL".
        core = dice(body.core, form.core)
        whole = min(whole, core * (1.0 if body.head == form.head else PREFIX_MISMATCH_FACTOR))
    return whole


def _keep_best(scores: Scores, idx: int, score: float, display: str) -> None:
    if idx not in scores or scores[idx][0] < score:
        scores[idx] = (score, display)


def _pieces(segment: str) -> list[tuple[int, int]]:
    """Spans of the pieces between commas and "và", trimmed of bullets and spaces."""
    cuts = [0, *(x for m in _SOFT_SPLIT.finditer(segment) for x in m.span()), len(segment)]
    spans = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=True):
        piece = segment[start:end]
        left, right = len(piece) - len(piece.lstrip(_TRIM)), len(piece.rstrip(_TRIM))
        if left < right:
            spans.append((start + left, start + right))
    return spans

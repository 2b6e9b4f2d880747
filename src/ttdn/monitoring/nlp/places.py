"""Province relevance: find gazetteer names in an article, score each province, keep the main ones.

A mention counts more in the headline and the opening, less inside an enumeration of provinces
(a list of flood-hit provinces is not an article about each of them).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from ttdn.monitoring.nlp.gazetteer import NOT_PLACES, Gazetteer, Place, key_of
from ttdn.text.normalize import fold

_TOKEN = re.compile(r"[^\W_]+(?:\.(?=[^\W_]))?")
_KIND_WEIGHT = {"province": 1.0, "alias": 1.0, "custom": 1.0, "district": 0.7, "ward": 0.7}
# Words that may stay lowercase inside a place name ("thành phố Hồ Chí Minh", "xã Tân Lập").
_PREFIX_WORDS = frozenset(fold("thành phố thị xã trấn huyện quận phường tỉnh đặc khu tp").split())
_OPENING = 400
# A city followed by a temperature is a portal's weather widget, not news about the city.
_WIDGET = re.compile(r"\s*[-:]?\s*\d+(?:[.,]\d+)?\s*°")
# "Hồ Chí Minh" alone is usually the President (Chủ tịch, Bác, tư tưởng, lăng, đường mòn...);
# the city is written with "Thành phố", "TP" or "City".
_PERSON_NAMES = frozenset({("ho", "chi", "minh")})
_CITY_BEFORE = re.compile(r"(?:thành phố|tp\.?|t\.p\.?)\s*$", re.I)
_CITY_AFTER = re.compile(r"\s*(?:city|ville|-ville)\b", re.I)
MIN_SCORE = 1.5
SHARE_OF_BEST = 0.45


@dataclass(frozen=True)
class Mention:
    start: int  # offset in the headline + "\n" + text
    end: int
    place: Place
    weight: float


@dataclass(frozen=True)
class ProvinceScore:
    name: str  # official name in force at the article's date
    score: float
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Relevance:
    provinces: tuple[ProvinceScore, ...]  # the provinces the article is about, best first
    mentions: tuple[Mention, ...]
    relevance: float  # 0..1 for the target province (or the best one without a target)


def _fold_table() -> dict[int, str]:
    """Lowercase accent folding, one character for one, over the Latin letters Vietnamese uses."""
    table = {}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        folded = fold(chr(code))
        if len(folded) == 1:
            table[code] = folded
    return table


FOLD = _fold_table()


def _tokens(body: str) -> list[tuple[str, int, int, bool]]:
    folded = body.lower().translate(FOLD)
    aligned = len(folded) == len(body)
    out = []
    for m in _TOKEN.finditer(body):
        word = m.group().rstrip(".")
        start, end = m.start(), m.start() + len(word)
        key = folded[start:end] if aligned else fold(word)
        out.append((key, start, end, word[:1].isupper()))
    return out


def find_mentions(gazetteer: Gazetteer, body: str, title_end: int) -> list[Mention]:
    """Longest-first scan of folded tokens; every non-prefix word must be capitalised."""
    tokens = _tokens(body)
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        found = 0
        head = tokens[i]
        lengths = gazetteer.heads.get(head[0]) if head[3] or head[0] in _PREFIX_WORDS else None
        if not lengths:
            i += 1
            continue
        for n in lengths:  # longest first
            if i + n > len(tokens):
                continue
            window = tokens[i : i + n]
            key = tuple(t[0] for t in window)
            if key in NOT_PLACES:
                found = n
                break
            places = [p for p in gazetteer.entries.get(key, ()) if _cased_like(p, window)]
            if not places:
                continue
            start, end = window[0][1], window[-1][2]
            found = n
            if _WIDGET.match(body, end) or _is_person(body, start, end, places):
                break
            strongest: dict[str, Place] = {}
            for place in places:
                known = strongest.get(place.province)
                if known is None or _KIND_WEIGHT[place.kind] > _KIND_WEIGHT[known.kind]:
                    strongest[place.province] = place
            for place in strongest.values():
                mentions.append(Mention(start, end, place, _weight(place, start, title_end)))
            break
        i += max(found, 1)
    mentions += _script_mentions(gazetteer, body, title_end)
    return _damp_lists(body, sorted(mentions, key=lambda m: m.start))


def _is_person(body: str, start: int, end: int, places: list[Place]) -> bool:
    if not any(key_of(p.name) in _PERSON_NAMES for p in places):
        return False
    return not (
        _CITY_BEFORE.search(body[max(0, start - 12) : start]) or _CITY_AFTER.match(body, end)
    )


def _cased_like(place: Place, window: list[tuple[str, int, int, bool]]) -> bool:
    """Words capitalised in the place's name must be capitalised in the text ("Hòa Bình" is a
    province, "hòa bình" is peace); administrative prefix words may be lowercase."""
    if not any(t[3] for t in window):
        return False
    capitals = [w[:1].isupper() for w in _TOKEN.findall(place.name)]
    if len(capitals) != len(window):
        return all(t[3] or t[0] in _PREFIX_WORDS for t in window)
    return all(
        t[3] or not cap or t[0] in _PREFIX_WORDS for t, cap in zip(window, capitals, strict=True)
    )


def _script_mentions(gazetteer: Gazetteer, body: str, title_end: int) -> list[Mention]:
    """Names in scripts written without spaces (Chinese) are found as substrings."""
    out = []
    for place in gazetteer.unspaced:
        for m in re.finditer(re.escape(place.name), body):
            out.append(Mention(m.start(), m.end(), place, _weight(place, m.start(), title_end)))
    return out


def _weight(place: Place, start: int, title_end: int) -> float:
    weight = _KIND_WEIGHT[place.kind]
    if start < title_end:
        return weight * 2.5
    if start < title_end + _OPENING:
        return weight * 1.5
    return weight


def _damp_lists(body: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions of three or more provinces separated only by commas/'và'/'and' are a list."""
    out = list(mentions)
    run: list[int] = []
    for idx in range(len(mentions) + 1):
        joined = False
        if run and idx < len(mentions):
            gap = body[mentions[run[-1]].end : mentions[idx].start]
            joined = len(gap) < 12 and bool(
                re.fullmatch(r"[\s,;/()•·|-]*(và|and|et|,)?[\s,;/()•·|-]*", gap)
            )
        if joined:
            run.append(idx)
            continue
        if len({mentions[j].place.province for j in run}) >= 3:
            for j in run:
                m = out[j]
                out[j] = Mention(m.start, m.end, m.place, m.weight * 0.25)
        run = [idx]
    return out


def score_provinces(
    gazetteer: Gazetteer,
    title: str,
    text: str,
    when: date | None,
    target: str | None = None,
) -> Relevance:
    body = f"{title}\n{text}" if title else text
    title_end = len(title) if title else 0
    mentions = find_mentions(gazetteer, body, title_end)
    by_former: dict[str, list[Mention]] = {}
    for m in mentions:
        by_former.setdefault(m.place.province, []).append(m)
    scored: dict[str, tuple[float, list[tuple[int, int]]]] = {}
    for former, found in by_former.items():
        name = _name_for(gazetteer, former, found, when)
        score, spans = scored.get(name, (0.0, []))
        scored[name] = (
            score + sum(m.weight for m in found),
            spans + [(m.start, m.end) for m in found],
        )
    best = max((s for s, _ in scored.values()), default=0.0)
    kept = sorted(
        (
            ProvinceScore(name, round(score, 3), tuple(spans))
            for name, (score, spans) in scored.items()
            if score >= MIN_SCORE and score >= SHARE_OF_BEST * best
        ),
        key=lambda p: (-p.score, p.name),
    )
    return Relevance(tuple(kept), tuple(mentions), _relevance(gazetteer, scored, target, best))


def _name_for(gazetteer: Gazetteer, former: str, found: list[Mention], when: date | None) -> str:
    if when is not None:
        return gazetteer.province_at(former, when)
    # Undated: a former province named outright dates the text before the merger.
    if any(m.place.kind in ("province", "alias") for m in found):
        return former
    return gazetteer.province_at(former, None)


def _relevance(
    gazetteer: Gazetteer,
    scored: dict[str, tuple[float, list[tuple[int, int]]]],
    target: str | None,
    best: float,
) -> float:
    if target is None:
        score = best
    else:
        score = sum(
            s
            for name, (s, _) in scored.items()
            if name == target or gazetteer.current_of.get(name) == target
        )
    return round(1.0 - math.exp(-score / 2.0), 3)


__all__ = ["Mention", "ProvinceScore", "Relevance", "key_of", "score_provinces"]

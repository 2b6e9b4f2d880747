"""Stage 2 of story grouping: different write-ups and translations of one event.

Each article is reduced to `EventFeatures`: a date span, language-independent *anchors* (folded
proper-name words and pairs, numbers, day-month dates, provinces found by the gazetteer) and its
top content terms. Two articles are one story when their dates are at most `WINDOW_DAYS` apart,
their provinces (when both have some) overlap, and the IDF-weighted anchor overlap — plus, in the
same language, the TF-IDF cosine of their content — reaches a threshold. IDF comes from the
document frequencies of the articles indexed so far (the last 14 days in the product).
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ttdn.monitoring.nlp.places import FOLD

WINDOW_DAYS = 3
THRESHOLD = 0.3
ANCHOR_SHARE = 0.7  # same language: 70 % anchors, 30 % content cosine
TOP_TERMS = 40
MAX_ANCHORS = 150
QUERY_ANCHORS = 24  # the rarest anchors of an article look up candidates
MAX_POSTINGS = 400  # an anchor in more articles than this is too common to retrieve by
MAX_COMPARED = 40
MIN_SHARED = 2
UNDATED_MARGIN = 0.3
_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d{3})*(?:[.,]\d+)?")
_SENTENCE_END = re.compile(r"[.!?:…\n\"“”—–|]\s*$|^\s*$")
_MONTHS = {
    **dict.fromkeys(["jan", "january", "janvier", "janv"], 1),
    **dict.fromkeys(["feb", "february", "fevrier", "fev"], 2),
    **dict.fromkeys(["mar", "march", "mars"], 3),
    **dict.fromkeys(["apr", "april", "avril", "avr"], 4),
    **dict.fromkeys(["may", "mai"], 5),
    **dict.fromkeys(["jun", "june", "juin"], 6),
    **dict.fromkeys(["jul", "july", "juillet", "juil"], 7),
    **dict.fromkeys(["aug", "august", "aout"], 8),
    **dict.fromkeys(["sep", "sept", "september", "septembre"], 9),
    **dict.fromkeys(["oct", "october", "octobre"], 10),
    **dict.fromkeys(["nov", "november", "novembre"], 11),
    **dict.fromkeys(["dec", "december", "decembre"], 12),
}
_VI_MONTH_WORDS = {
    "gieng": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8,
    "chin": 9, "muoi": 10, "muoi mot": 11, "muoi hai": 12, "chap": 12,
}  # fmt: skip
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
# "ngày 25/8", "sáng 19-7", "16.9.2023", "25 tháng 8", "25 Tháng Tám" (folded text).
_DM_VI = re.compile(
    r"\b(?:ngay|sang|chieu|toi|trua|dem|hom|tu|den|dau|cuoi|mung)\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\b"
    r"|\b(\d{1,2})[/.-](\d{1,2})[/.-](?:19|20)\d\d\b"
    r"|\b(\d{1,2})\s+thang\s+(\d{1,2}|muoi mot|muoi hai|[a-z]+)\b"
)
_DM_EN = re.compile(
    rf"\b(?:({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|(\d{{1,2}})(?:st|nd|rd|th|er)?\s+({_MONTH_NAMES})\b)"
)
_ISO_DM = re.compile(r"\b(?:19|20)\d\d-(\d\d)-(\d\d)\b")
_DATE_MARK = re.compile(r"^\s*date\s+((?:19|20)\d\d)-(\d\d)(?:-(\d\d))?\b")
_HEAD_VN = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)\b")
_HEAD = 160
_YEAR_START = date(2001, 1, 1).toordinal()
# Function words of our languages: never a content term (a short list of our own).
STOPWORDS = frozenset(
    """
    va cua la co cac nhung mot duoc cho voi trong tai tu den da se dang khi nay do thi ma de
    ve theo nhu cung con hay hoac nhieu rat cung vao ra len tren duoi sau truoc neu vi nen
    ong ba anh chi em ho chung toi ta minh nguoi viec ngay nam thang gio luc dieu cai chiec
    the a an and or of to in on at for by with from as is are was were be been has have had
    it its this that these those which who whom their they he she his her we our you not no
    but also than then there into over after before about said says will would can could
    le la les un une des du de et ou en au aux dans par pour sur avec est sont qui que ce
    """.split()
)


@dataclass(frozen=True)
class EventFeatures:
    """What stage 2 compares; JSON-serialisable (`as_json` / `from_json`) to be stored."""

    language: str
    span: tuple[int, int] | None  # first and last possible day (date ordinals), None: unknown
    anchors: frozenset[str]
    provinces: frozenset[str]
    terms: tuple[tuple[str, float], ...]  # top content terms with their sublinear tf
    days: frozenset[int] = frozenset()  # days of the year the text names (event dates)

    def as_json(self) -> dict[str, Any]:
        return {
            "lang": self.language,
            "span": list(self.span) if self.span else None,
            "anchors": sorted(self.anchors),
            "provinces": sorted(self.provinces),
            "terms": [[t, round(w, 3)] for t, w in self.terms],
            "days": sorted(self.days),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EventFeatures:
        span = data.get("span")
        return cls(
            language=str(data.get("lang") or ""),
            span=(int(span[0]), int(span[1])) if span else None,
            anchors=frozenset(data.get("anchors") or ()),
            provinces=frozenset(data.get("provinces") or ()),
            terms=tuple((str(t), float(w)) for t, w in data.get("terms") or ()),
            days=frozenset(int(d) for d in data.get("days") or ()),
        )


def date_span(published_at: str | None, text: str) -> tuple[int, int] | None:
    """The day the article appeared: from `published_at`, else a date marker or dateline."""
    if published_at:
        try:
            day = datetime.fromisoformat(str(published_at)[:19]).date().toordinal()
            return day, day
        except ValueError:
            pass
    head = text[:_HEAD]
    m = _DATE_MARK.match(head)
    if m:
        return _span(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
    m2 = _HEAD_VN.search(head)
    if m2:
        return _span(int(m2[3]), int(m2[2]), int(m2[1]))
    return None


def _span(year: int, month: int, day: int | None) -> tuple[int, int] | None:
    try:
        if day is not None:
            one = date(year, month, day).toordinal()
            return one, one
        first = date(year, month, 1).toordinal()
        last = (date(year + month // 12, month % 12 + 1, 1)).toordinal() - 1
        return first, last
    except ValueError:
        return None


def day_months(folded: str) -> set[tuple[int, int]]:
    """Day-month dates written in Vietnamese, English or French, as (day, month)."""
    out: set[tuple[int, int]] = set()
    for m in _DM_VI.finditer(folded):
        day, month = m[1] or m[3] or m[5], m[2] or m[4] or m[6]
        value = int(month) if month.isdigit() else _VI_MONTH_WORDS.get(month, 0)
        out.add((int(day), value))
    for m in _DM_EN.finditer(folded):
        month, day = (m[1], m[2]) if m[1] else (m[4], m[3])
        out.add((int(day), _MONTHS[month]))
    for m in _ISO_DM.finditer(folded):
        out.add((int(m[2]), int(m[1])))
    return {(d, mo) for d, mo in out if 1 <= d <= 31 and 1 <= mo <= 12}


def _day_of_year(day: int, month: int) -> int | None:
    try:
        return date(2001, month, day).toordinal() - _YEAR_START  # a year without 29 February
    except ValueError:
        return None


def extract(
    title: str, text: str, language: str, provinces: Iterable[str], published_at: str | None
) -> tuple[EventFeatures, Counter[str]]:
    """Features of one article (without terms) and its content-term counts."""
    body = f"{title}\n{text}" if title else text
    folded = body.lower().translate(FOLD)
    aligned = len(folded) == len(body)
    places = frozenset(provinces)
    # Insertion-ordered: places, dates, then names and numbers of the opening are kept first.
    dates = sorted(day_months(folded))
    anchors = dict.fromkeys(["p:" + p for p in sorted(places)] + [f"dm:{d}-{m}" for d, m in dates])
    span = date_span(published_at, text)
    if span and span[0] == span[1]:
        dates.append(((one := date.fromordinal(span[0])).day, one.month))
    days = frozenset(d for d in (_day_of_year(*dm) for dm in dates) if d is not None)
    words: list[str] = []
    run: list[str] = []
    run_initial = False
    for m in _TOKEN.finditer(body):
        token = m.group()
        key = folded[m.start() : m.end()] if aligned else token.lower().translate(FOLD)
        if not token[0].isdigit():
            words.append(key)
        if token[0].isupper():
            if not run:
                run_initial = bool(_SENTENCE_END.search(body[max(0, m.start() - 3) : m.start()]))
            run.append(key)
            continue
        _close_run(run, run_initial, anchors)
        run = []
        if token[0].isdigit():
            number = re.sub(r"[.,](?=\d{3}\b)", "", token).replace(",", ".")
            if len(number.replace(".", "")) >= 2:
                anchors["#" + number] = None
    _close_run(run, run_initial, anchors)
    counts: Counter[str] = Counter(w for w in words if len(w) > 1 and w not in STOPWORDS)
    counts.update(
        f"{a} {b}"
        for a, b in zip(words, words[1:], strict=False)
        if a not in STOPWORDS and b not in STOPWORDS
    )
    kept = frozenset(sys.intern(a) for a in list(anchors)[:MAX_ANCHORS])
    return EventFeatures(language, span, kept, places, (), days), counts


def _close_run(run: list[str], initial: bool, anchors: dict[str, None]) -> None:
    """A run of capitalised words: each word and each adjacent pair is an anchor; one word
    alone after a sentence break is grammar ("The", "Theo"), not a name."""
    if not run or (initial and len(run) == 1):
        return
    for word in run:
        if word not in STOPWORDS and len(word) > 1:
            anchors["n:" + word] = None
    for a, b in zip(run, run[1:], strict=False):
        anchors[f"n:{a} {b}"] = None


def same_days(a: frozenset[int], b: frozenset[int]) -> bool | None:
    """Do the event dates named in two texts agree (within `WINDOW_DAYS`)? None: one names none."""
    if not a or not b:
        return None
    return any(min(abs(x - y), 365 - abs(x - y)) <= WINDOW_DAYS for x in a for y in b)


def overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    """Dates at most `WINDOW_DAYS` apart; an unknown date does not exclude."""
    if a is None or b is None:
        return True
    gap = max(a[0] - b[1], b[0] - a[1], 0)
    return gap <= WINDOW_DAYS


@dataclass(frozen=True)
class Match:
    item_id: str
    score: float
    anchor_score: float
    content_score: float


class EventIndex:
    """Indexed `EventFeatures` with document frequencies and an inverted index on anchors.

    Candidates come only from the postings of an article's rarer anchors (at most
    `QUERY_ANCHORS` anchors, postings no longer than `MAX_POSTINGS`), so the cost per article
    stays bounded however large the window grows.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.features: dict[str, EventFeatures] = {}
        self.postings: dict[str, list[str]] = {}
        self.term_df: Counter[str] = Counter()
        self.count = 0

    def idf(self, df: int) -> float:
        return math.log((self.count + 1) / (df + 1))

    def prepare(self, features: EventFeatures, counts: Counter[str]) -> EventFeatures:
        """Keep the article's `TOP_TERMS` content terms by TF-IDF (with today's frequencies)."""
        weighted = sorted(
            ((t, 1.0 + math.log(n)) for t, n in counts.items()),
            key=lambda tw: (-tw[1] * self.idf(self.term_df[tw[0]]), tw[0]),
        )[:TOP_TERMS]
        terms = tuple((sys.intern(t), w) for t, w in weighted)
        return EventFeatures(
            features.language,
            features.span,
            features.anchors,
            features.provinces,
            terms,
            features.days,
        )

    def add(self, item_id: str, features: EventFeatures) -> None:
        if item_id in self.features:
            return
        self.features[item_id] = features
        self.count += 1
        for anchor in features.anchors:
            self.postings.setdefault(anchor, []).append(item_id)
        self.term_df.update(t for t, _ in features.terms)

    def best(self, features: EventFeatures) -> Match | None:
        """The most similar indexed article that passes the vetoes and the threshold."""
        found: Match | None = None
        for other in self.candidates(features):
            match = self.compare(features, other)
            if match.score >= self.threshold and (found is None or match.score > found.score):
                found = match
        return found

    def candidates(self, features: EventFeatures) -> list[str]:
        rare = sorted(
            (len(self.postings[a]), a)
            for a in features.anchors
            if a in self.postings and not a.startswith("p:")
        )
        shared: Counter[str] = Counter()
        for size, anchor in rare[:QUERY_ANCHORS]:
            if size > MAX_POSTINGS:
                break
            shared.update(self.postings[anchor])
        return [item for item, n in shared.most_common(MAX_COMPARED) if n >= MIN_SHARED]

    def compare(self, features: EventFeatures, other_id: str) -> Match:
        other = self.features[other_id]
        dated = same_days(features.days, other.days)
        if (
            dated is False
            or not overlaps(features.span, other.span)
            or (features.provinces and other.provinces and not features.provinces & other.provinces)
        ):
            return Match(other_id, 0.0, 0.0, 0.0)
        anchor = self._anchor_cosine(features.anchors, other.anchors)
        content = 0.0
        if features.language == other.language:
            content = self._term_cosine(features.terms, other.terms)
            score = ANCHOR_SHARE * anchor + (1 - ANCHOR_SHARE) * content
        else:
            score = anchor
        if dated is None:  # no event date to confirm: ask for more overlap
            score -= UNDATED_MARGIN
        return Match(other_id, score, anchor, content)

    def _anchor_cosine(self, a: frozenset[str], b: frozenset[str]) -> float:
        def weight(anchor: str) -> float:
            return self.idf(len(self.postings.get(anchor, ())))

        norm_a = sum(weight(x) ** 2 for x in a)
        norm_b = sum(weight(x) ** 2 for x in b)
        dot = sum(weight(x) ** 2 for x in a & b)
        return dot / math.sqrt(norm_a * norm_b) if dot else 0.0

    def _term_cosine(
        self, a: tuple[tuple[str, float], ...], b: tuple[tuple[str, float], ...]
    ) -> float:
        va = {t: w * self.idf(self.term_df[t]) for t, w in a}
        vb = {t: w * self.idf(self.term_df[t]) for t, w in b}
        dot = sum(w * vb[t] for t, w in va.items() if t in vb)
        if not dot:
            return 0.0
        return dot / math.sqrt(sum(w * w for w in va.values()) * sum(w * w for w in vb.values()))


__all__ = ["EventFeatures", "EventIndex", "Match", "date_span", "day_months", "extract", "overlaps"]

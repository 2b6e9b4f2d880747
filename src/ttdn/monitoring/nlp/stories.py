"""Stage 2 of story grouping: different write-ups and translations of one event.

Each article is reduced to `EventFeatures`: a date span, language-independent *anchors* (folded
proper-name words and pairs, numbers, day-month dates, provinces found by the gazetteer) and its
top content terms (pairs of lowercase words: what happened). Two articles are one story when
their dates are at most `WINDOW_DAYS` apart, the event dates they name agree, their provinces
(when both have some) overlap, and the IDF-weighted anchor cosine — in the same language, its
geometric mean with the TF-IDF cosine of their content — reaches `THRESHOLD` (`UNDATED_MARGIN`
more when one text names no date). IDF comes from the articles indexed so far (14 days in the
product).
"""

from __future__ import annotations

import heapq
import itertools
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
THRESHOLD = 0.3  # chosen on one half of the dev stories, checked on the other: no wrong pair
TOP_TERMS = 40
OPENING = 2000  # characters of title + text that stage 2 reads
MAX_ANCHORS = 150
QUERY_ANCHORS = 8  # the rarest anchors of an article look up candidates
MAX_POSTINGS = 100  # an anchor in more articles than this is too common to retrieve by
MAX_COMPARED = 5
MIN_SHARED = 2
UNDATED_MARGIN = 0.1

_UPPER = "".join(
    chr(c)
    for c in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]
    if chr(c).isupper()
)
# A proper name: capitalised words separated by single spaces ("Trương Mỹ Lan", "Dien Bien").
_NAME_RUN = re.compile(rf"(?<![^\W_])[{_UPPER}][^\W\d_]*(?: [{_UPPER}][^\W\d_]*)*")
_WORDS = re.compile(r"[^\W\d_]+")
_LOWER_WORD = re.compile(rf"(?<![^\W_])[^\W\d_{_UPPER}][^\W\d_]*")
# A number that is not part of a date (14/9, 19-7) or a code.
_NUMBER = re.compile(r"(?<![\w.,/-])\d+(?:[.,]\d{3})*(?:[.,]\d+)?(?![\w/-]|[.,]\d)")
_THOUSANDS = re.compile(r"[.,](?=\d{3}(?:\D|$))")
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
# Day-month dates: two regular expressions that start on a digit or a word, then a dictionary.
_DAY_FIRST = re.compile(
    r"(?<![\d.,/-])(\d{1,2})(?:\s*[/.-]\s*(\d{1,2})(?!\d)([/.-](?:19|20)\d\d)?"
    r"|\s+thang\s+(\d{1,2}|muoi mot|muoi hai|[a-z]+)|(?:st|nd|rd|th|er)?\s+([a-z]{3,9})\b)"
)
_MONTH_FIRST = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d|[.,/-]\d)")
# "ngày 25/8", "sáng 19-7": without a year, d/m needs a time word before it (5-6 năm is a range).
_DATE_WORD_BEFORE = re.compile(r"(?:ngay|sang|chieu|toi|trua|dem|hom|mung)\s+$")
_ISO_DM = re.compile(r"\b(?:19|20)\d\d-(\d\d)-(\d\d)\b")
_DATE_MARK = re.compile(r"^\s*date\s+((?:19|20)\d\d)-(\d\d)(?:-(\d\d))?\b")
_HEAD_VN = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)\b")
_HEAD = 160
_YEAR_START = date(2001, 1, 1).toordinal()
# Function words of our languages: never a content term (a short list of our own).
_STOPWORD_TEXT = """
    va cua la co cac nhung mot duoc cho voi trong tai tu den da se dang khi nay do thi ma de
    ve theo nhu cung con hay hoac nhieu rat cung vao ra len tren duoi sau truoc neu vi nen
    ong ba anh chi em ho chung toi ta minh nguoi viec ngay nam thang gio luc dieu cai chiec
    the a an and or of to in on at for by with from as is are was were be been has have had
    it its this that these those which who whom their they he she his her we our you not no
    but also than then there into over after before about said says will would can could
    le la les un une des du de et ou en au aux dans par pour sur avec est sont qui que ce
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


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


def day_months(folded: str, month_first: bool = True) -> set[tuple[int, int]]:
    """Day-month dates written in Vietnamese, English or French (folded text), as (day, month):
    "ngày 25/8", "sáng 19-7", "16.9.2023", "25 tháng 8", "25 Tháng Tám", "Sept. 10",
    "10 September", "7 mai", and ISO dates. `month_first=False` skips the "September 14" form
    (not written in Vietnamese), the costlier scan."""
    out: set[tuple[int, int]] = set()
    for m in _DAY_FIRST.finditer(folded):
        day = int(m[1])
        if m[2]:
            if m[3] or _DATE_WORD_BEFORE.search(folded, max(0, m.start() - 8), m.start()):
                out.add((day, int(m[2])))
        elif m[4]:
            out.add((day, int(m[4]) if m[4].isdigit() else _VI_MONTH_WORDS.get(m[4], 0)))
        elif m[5] in _MONTHS:
            out.add((day, _MONTHS[m[5]]))
    for m in _MONTH_FIRST.finditer(folded) if month_first else ():
        if m[1] in _MONTHS:
            out.add((int(m[2]), _MONTHS[m[1]]))
    for iso in _ISO_DM.finditer(folded):
        out.add((int(iso[2]), int(iso[1])))
    return {(d, mo) for d, mo in out if 1 <= d <= 31 and 1 <= mo <= 12}


def _day_of_year(day: int, month: int) -> int | None:
    try:
        return date(2001, month, day).toordinal() - _YEAR_START  # a year without 29 February
    except ValueError:
        return None


def fold_key(text: str) -> str:
    return text.lower().translate(FOLD)


def extract(
    title: str,
    text: str,
    language: str,
    provinces: Iterable[str],
    published_at: str | None,
    place_spans: Iterable[tuple[int, int]] = (),
) -> tuple[EventFeatures, Counter[str]]:
    """Features of one article (without terms) and its content-term counts.

    `place_spans` are the gazetteer's matches (offsets in title + newline + text): a place is
    an anchor once, as its province, not again as a name — two events in one district must not
    look alike because the district has a two-word name.
    """
    # The opening says who, what, where and when; it also bounds the cost of a long full text.
    body = (f"{title}\n{text}" if title else text)[:OPENING]
    folded = body.lower().translate(FOLD)
    aligned = len(folded) == len(body)
    names_body = _without(body, place_spans)
    places = frozenset(provinces)
    # Insertion-ordered: places, dates, then names and numbers of the opening are kept first.
    dates = sorted(day_months(folded, month_first=language != "vi"))  # "September 14"
    anchors = dict.fromkeys(["p:" + p for p in sorted(places)] + [f"dm:{d}-{m}" for d, m in dates])
    span = date_span(published_at, text)
    if span and span[0] == span[1]:
        dates.append(((one := date.fromordinal(span[0])).day, one.month))
    days = frozenset(d for d in (_day_of_year(*dm) for dm in dates) if d is not None)
    for m in _NAME_RUN.finditer(names_body):
        names = _WORDS.findall(folded[m.start() : m.end()] if aligned else fold_key(m.group()))
        initial = bool(_SENTENCE_END.search(body[max(0, m.start() - 3) : m.start()]))
        if initial and len(names) == 1:
            continue  # one capital after a sentence break is grammar ("The", "Theo")
        anchors.update(dict.fromkeys("n:" + w for w in names if len(w) > 1 and w not in STOPWORDS))
        anchors.update(dict.fromkeys(f"n:{a} {b}" for a, b in itertools.pairwise(names)))
    for number in _NUMBER.findall(body):
        value = _THOUSANDS.sub("", number).replace(",", ".")
        if len(value.replace(".", "")) >= 2:
            anchors["#" + value] = None
    # Content terms say *what* happened: pairs of adjacent lowercase words (most Vietnamese words
    # have two syllables; pairs are more specific than single words in other languages too).
    # Capitalised words are who and where: they are anchors already.
    words = " ".join(_LOWER_WORD.findall(body)).translate(FOLD).split()
    counts: Counter[str] = Counter(
        f"{a} {b}"
        for a, b in itertools.pairwise(words)
        if a not in STOPWORDS and b not in STOPWORDS
    )
    kept = frozenset(sys.intern(a) for a in list(anchors)[:MAX_ANCHORS])
    return EventFeatures(language, span, kept, places, (), days), counts


def _without(body: str, spans: Iterable[tuple[int, int]]) -> str:
    """`body` with each span replaced by commas of the same length (offsets stay put)."""
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        out += [body[last:start], "," * (end - start)]
        last = end
    out.append(body[last:])
    return "".join(out)


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

    def __init__(
        self, threshold: float = THRESHOLD, undated_margin: float = UNDATED_MARGIN
    ) -> None:
        self.threshold = threshold
        self.undated_margin = undated_margin
        self.features: dict[str, EventFeatures] = {}
        self.postings: dict[str, list[str]] = {}
        self.term_df: Counter[str] = Counter()
        self.count = 0

    def idf(self, df: int) -> float:
        return math.log((self.count + 1) / (df + 1))

    def prepare(self, features: EventFeatures, counts: Counter[str]) -> EventFeatures:
        """Keep the article's `TOP_TERMS` content terms by TF-IDF (with today's frequencies)."""
        total, get, log = math.log(self.count + 1), self.term_df.get, math.log
        weighted = [
            ((total - log(get(t, 0) + 1)) * (1.0 if n == 1 else 1.0 + log(n)), t, n)
            for t, n in counts.items()
        ]
        top = heapq.nlargest(TOP_TERMS, weighted) if len(weighted) > TOP_TERMS else weighted
        terms = tuple((sys.intern(t), 1.0 + log(n)) for _, t, n in top)
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
        idf = _Idf(self.count)
        for other in self.candidates(features):
            match = self.compare(features, other, idf)
            if match.score >= self.threshold and (found is None or match.score > found.score):
                found = match
        return found

    def candidates(self, features: EventFeatures) -> list[str]:
        """Articles sharing at least `MIN_SHARED` of this one's rarer anchors, most first."""
        postings = self.postings
        rare = sorted(
            (len(postings[a]), a) for a in features.anchors if a in postings and a[0] != "p"
        )
        shared: Counter[str] = Counter()
        for size, anchor in rare[:QUERY_ANCHORS]:
            if size > MAX_POSTINGS:
                break
            shared.update(postings[anchor])
        return [item for item, n in shared.most_common(MAX_COMPARED) if n >= MIN_SHARED]

    def compare(self, features: EventFeatures, other_id: str, idf: _Idf | None = None) -> Match:
        """Score two articles; 0 when their dates or provinces rule out one event."""
        idf = idf or _Idf(self.count)
        other = self.features[other_id]
        dated = same_days(features.days, other.days)
        if (
            dated is False
            or not overlaps(features.span, other.span)
            or (features.provinces and other.provinces and not features.provinces & other.provinces)
        ):
            return Match(other_id, 0.0, 0.0, 0.0)
        anchor = self._anchor_cosine(features.anchors, other.anchors, idf)
        content = 0.0
        if features.language == other.language:
            content = self._term_cosine(features.terms, other.terms, idf)
            # A geometric mean: who, where and when agreeing is not enough without what happened.
            score = math.sqrt(anchor * content)
        else:
            score = anchor  # across languages only the anchors can be compared
        if dated is None:  # no event date to confirm: ask for more overlap
            score -= self.undated_margin
        return Match(other_id, score, anchor, content)

    def _anchor_cosine(self, a: frozenset[str], b: frozenset[str], idf: _Idf) -> float:
        postings = self.postings
        shared = a & b
        if not shared:
            return 0.0

        def norm(anchors: Iterable[str]) -> float:
            return sum(idf(len(postings.get(x, ()))) ** 2 for x in anchors)

        dot = norm(shared)
        return dot / math.sqrt(norm(a) * norm(b)) if dot else 0.0

    def _term_cosine(
        self, a: tuple[tuple[str, float], ...], b: tuple[tuple[str, float], ...], idf: _Idf
    ) -> float:
        get = self.term_df.get
        va = {t: w * idf(get(t, 0)) for t, w in a}
        vb = {t: w * idf(get(t, 0)) for t, w in b}
        dot = sum(w * vb[t] for t, w in va.items() if t in vb)
        if not dot:
            return 0.0
        return dot / math.sqrt(sum(w * w for w in va.values()) * sum(w * w for w in vb.values()))


class _Idf:
    """log((N + 1) / (df + 1)) for one index size, memoised by document frequency."""

    def __init__(self, count: int) -> None:
        self.total = math.log(count + 1)
        self.cache: dict[int, float] = {}

    def __call__(self, df: int) -> float:
        value = self.cache.get(df)
        if value is None:
            value = self.cache[df] = self.total - math.log(df + 1)
        return value


__all__ = ["EventFeatures", "EventIndex", "Match", "date_span", "day_months", "extract", "overlaps"]

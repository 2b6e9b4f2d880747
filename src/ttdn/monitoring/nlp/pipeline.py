"""The analysis of one article, and of a batch (with near-duplicate stories).

`Analyzer` holds the configured pieces (gazetteer, taxonomy, lexicon, optional trained model,
target province); `analyze` never touches the network or a database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ttdn.monitoring.nlp.dedup import StoryIndex, signature
from ttdn.monitoring.nlp.gazetteer import Gazetteer, load_gazetteer
from ttdn.monitoring.nlp.language import detect_language
from ttdn.monitoring.nlp.model import TrainedModel, document
from ttdn.monitoring.nlp.outlets import is_foreign
from ttdn.monitoring.nlp.places import ProvinceScore, score_provinces
from ttdn.monitoring.nlp.sentiment import Lexicon, default_lexicon, lexicon_sentiment
from ttdn.monitoring.nlp.stories import EventFeatures, extract
from ttdn.monitoring.nlp.topics import Topic, TopicScore, default_taxonomy, score_topics
from ttdn.text.normalize import nfc

_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(\d\d)(?:-(\d\d))?\b")
_VN_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")
_DATELINE = 160
MODEL_WEIGHT = 0.6  # share of the trained model when combined with the rules


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    text: str
    url: str = ""
    published_at: str | None = None
    source_domain: str | None = None
    foreign: bool | None = None  # from the source settings; None: decide from the domain

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=str(data["id"]),
            title=nfc(data.get("title") or ""),
            text=nfc(data.get("text") or ""),
            url=str(data.get("url") or ""),
            published_at=data.get("published_at"),
            source_domain=data.get("source_domain"),
        )


@dataclass
class Analysis:
    language: str
    language_confidence: float
    provinces: list[ProvinceScore]
    relevance: float
    topics: list[TopicScore]
    sentiment: str
    sentiment_confidence: float
    foreign: bool
    priority: bool
    story_id: str = ""
    published: date | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    event: EventFeatures | None = None  # what stage 2 of story grouping compared, if it ran

    def as_json(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "provinces": [p.name for p in self.provinces],
            "relevance": self.relevance,
            "topics": [t.code for t in self.topics],
            "sentiment": self.sentiment,
            "story_id": self.story_id,
            "priority": self.priority,
        }


def article_date(article: Article) -> date | None:
    """The publication date, or a date written at the very top of the text (a dateline)."""
    if article.published_at:
        try:
            return datetime.fromisoformat(str(article.published_at)[:19]).date()
        except ValueError:
            pass
        m = _ISO_DATE.search(str(article.published_at))
        if m:
            return _safe_date(int(m[1]), int(m[2]), int(m[3] or 1))
    head = article.text[:_DATELINE]
    m = _ISO_DATE.search(head)
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3] or 1))
    m2 = _VN_DATE.search(head)
    if m2:
        return _safe_date(int(m2[3]), int(m2[2]), int(m2[1]))
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


class Analyzer:
    def __init__(
        self,
        *,
        province: str | None = None,
        places: dict[str, list[str]] | None = None,
        taxonomy: tuple[Topic, ...] | None = None,
        lexicon: Lexicon | None = None,
        model: TrainedModel | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        base = gazetteer or load_gazetteer()
        self.gazetteer = base.with_places(places) if places else base
        self.province = self.gazetteer.canonical(province) if province else None
        if province and self.province is None:
            raise ValueError(f"Không có tỉnh/thành phố “{province}” trong danh mục")
        if self.province is not None:
            self.province = self.gazetteer.province_at(self.province, None)
        self.taxonomy = taxonomy or default_taxonomy()
        self.sensitive = {t.code for t in self.taxonomy if t.sensitive}
        self.lexicon = lexicon or default_lexicon()
        self.model = model

    def analyze(self, article: Article) -> Analysis:
        title, text = nfc(article.title), nfc(article.text)  # once; the parts assume NFC
        language, lang_conf = detect_language(f"{title}\n{text}")
        when = article_date(article)
        relevance = score_provinces(self.gazetteer, title, text, when, self.province)
        topics = score_topics(self.taxonomy, title, text)
        foreign = article.foreign
        if foreign is None:
            foreign = bool(is_foreign(article.source_domain or article.url or None))
        codes = [t.code for t in topics]
        body = f"{title}\n{text}" if title else text  # as score_provinces read it
        home = {body[m.start : m.end] for m in relevance.mentions}  # our places, as written
        sentiment, confidence = lexicon_sentiment(
            self.lexicon, title, text, codes, self.sensitive, foreign, home_names=home
        )
        if self.model is not None:
            topics, sentiment, confidence = self._with_model(
                document(title, text), topics, sentiment, confidence
            )
        codes = [t.code for t in topics]
        priority = sentiment == "negative" and (foreign or bool(self.sensitive.intersection(codes)))
        return Analysis(
            language=language,
            language_confidence=lang_conf,
            provinces=list(relevance.provinces),
            relevance=relevance.relevance,
            topics=topics,
            sentiment=sentiment,
            sentiment_confidence=confidence,
            foreign=foreign,
            priority=priority,
            published=when,
        )

    def _with_model(
        self, doc: str, topics: list[TopicScore], sentiment: str, confidence: float
    ) -> tuple[list[TopicScore], str, float]:
        assert self.model is not None
        learned = self.model.predict_topics([doc])[0]
        combined: dict[str, float] = {t.code: (1 - MODEL_WEIGHT) * t.confidence for t in topics}
        for code, prob in learned:
            combined[code] = combined.get(code, 0.0) + MODEL_WEIGHT * prob
        merged = sorted(combined.items(), key=lambda c: (-c[1], c[0]))
        kept = [c for c in merged if c[1] >= 0.3][:3] or merged[:1]
        evidence = {t.code: t.evidence for t in topics}
        new_topics = [TopicScore(c, round(s, 3), round(s, 3), evidence.get(c, ())) for c, s in kept]
        if self.model.sentiment is not None:
            label, prob = self.model.predict_sentiment([doc])[0]
            if prob * MODEL_WEIGHT >= confidence * (1 - MODEL_WEIGHT):
                return new_topics, label, prob
        return new_topics, sentiment, confidence

    def analyze_batch(self, articles: list[Article]) -> list[Analysis]:
        """Analyse each article and group it into a story (copies, then same-event write-ups)."""
        index = StoryIndex()
        results = []
        for article in articles:
            analysis = self.analyze(article)
            analysis.story_id = assign_story(index, article, analysis)
            results.append(analysis)
        return results


def assign_story(index: StoryIndex, article: Article, analysis: Analysis) -> str:
    """The story of an analysed article (indexed in `index`): its copy's, else its event's."""
    minhash = signature(f"{article.title}\n{article.text}")
    story = index.nearest(minhash)
    if story is None:  # not a copy: look for the same event told otherwise
        analysis.event = event_features(index, article, analysis)
        story = index.same_event(analysis.event)
    story = story or article.id
    index.index(article.id, minhash, story, analysis.event)
    return story


def event_features(index: StoryIndex, article: Article, analysis: Analysis) -> EventFeatures:
    """Stage-2 features of an analysed article, its content terms weighted by `index`."""
    features, counts = extract(
        article.title,
        article.text,
        analysis.language,
        [p.name for p in analysis.provinces],
        article.published_at,
        [span for p in analysis.provinces for span in p.spans],
    )
    return index.events.prepare(features, counts)


def group_stories(articles: list[Article]) -> dict[str, str]:
    """Syndicated copies only (stage 1): no analysis is run. `analyze_batch` does both stages."""
    index = StoryIndex()
    return {a.id: index.add(a.id, f"{a.title}\n{a.text}") for a in articles}

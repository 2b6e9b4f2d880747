"""The trainable model: TF-IDF of words and word pairs + linear classifiers (scikit-learn).

Topics are multi-label (one logistic regression per code), sentiment is one multinomial logistic
regression. Trained only from labels officials give in the product; saved as bytes with joblib.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import joblib
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer

from ttdn.text.normalize import nfc

MIN_EXAMPLES = 10
TOPIC_THRESHOLD = 0.5


class NotEnoughLabels(ValueError):
    """Training needs more labelled items (or at least two sentiment classes)."""


@dataclass
class TrainedModel:
    vectorizer: TfidfVectorizer
    topics: OneVsRestClassifier | None
    topic_codes: tuple[str, ...]
    sentiment: LogisticRegression | None
    trained_on: int
    info: dict[str, Any] = field(default_factory=dict)

    def predict_topics(self, texts: list[str]) -> list[list[tuple[str, float]]]:
        """For each text, (code, probability) of every topic over the threshold, best first."""
        if self.topics is None:
            return [[] for _ in texts]
        probs = self.topics.predict_proba(self.vectorizer.transform(texts))
        out = []
        for row in np.atleast_2d(probs):
            ranked = sorted(zip(self.topic_codes, row, strict=True), key=lambda p: -p[1])
            chosen = [(c, round(float(p), 3)) for c, p in ranked if p >= TOPIC_THRESHOLD][:3]
            out.append(chosen)
        return out

    def predict_sentiment(self, texts: list[str]) -> list[tuple[str, float]]:
        if self.sentiment is None:
            return [("neutral", 0.0) for _ in texts]
        probs = self.sentiment.predict_proba(self.vectorizer.transform(texts))
        classes = [str(c) for c in self.sentiment.classes_]
        return [(classes[int(row.argmax())], round(float(row.max()), 3)) for row in probs]

    def dumps(self) -> bytes:
        buffer = io.BytesIO()
        joblib.dump(self, buffer)
        return buffer.getvalue()

    @staticmethod
    def loads(data: bytes) -> TrainedModel:
        model = joblib.load(io.BytesIO(data))
        if not isinstance(model, TrainedModel):
            raise TypeError("not a monitoring model")
        return model


def document(title: str, text: str) -> str:
    return nfc(f"{title}\n{title}\n{text}").lower()


def train(
    texts: list[str],
    topics: list[list[str]] | None = None,
    sentiments: list[str | None] | None = None,
) -> TrainedModel:
    """Fit on `texts` (already joined with `document`); labels may be missing per item (None/[])."""
    if len(texts) < MIN_EXAMPLES:
        raise NotEnoughLabels(f"Cần ít nhất {MIN_EXAMPLES} tin đã gán nhãn, mới có {len(texts)}")
    vectorizer = TfidfVectorizer(
        ngram_range=(1, 2), min_df=1, max_features=200_000, sublinear_tf=True
    )
    matrix = vectorizer.fit_transform(texts)
    topic_model = None
    codes: tuple[str, ...] = ()
    if topics is not None:
        rows = [i for i, t in enumerate(topics) if t]
        binarizer = MultiLabelBinarizer()
        target = binarizer.fit_transform([topics[i] for i in rows])
        keep = target.sum(axis=0) > 0
        if len(rows) >= MIN_EXAMPLES and keep.sum() >= 2 and (target.sum(axis=0) < len(rows)).all():
            topic_model = OneVsRestClassifier(LogisticRegression(C=8.0, max_iter=1000))
            topic_model.fit(matrix[rows], target)
            codes = tuple(str(c) for c in binarizer.classes_)
    sentiment_model = None
    if sentiments is not None:
        rows = [i for i, s in enumerate(sentiments) if s]
        labels = [sentiments[i] for i in rows]
        if len(rows) >= MIN_EXAMPLES and len(set(labels)) >= 2:
            sentiment_model = LogisticRegression(C=8.0, max_iter=1000)
            sentiment_model.fit(matrix[rows], labels)
    if topic_model is None and sentiment_model is None:
        raise NotEnoughLabels("Nhãn chưa đủ đa dạng để học (cần ít nhất hai chủ đề/hai sắc thái)")
    return TrainedModel(vectorizer, topic_model, codes, sentiment_model, len(texts))

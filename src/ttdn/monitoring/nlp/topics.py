"""The topic taxonomy and its rule scorer.

The default taxonomy (data/taxonomy.yaml) is ours; the product stores an edited copy and passes it
in as plain dicts, so this module never reads the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ttdn.monitoring.nlp.rules import Document, Node, RuleSyntaxError, parse

DEFAULT_TAXONOMY = Path(__file__).parent / "data" / "taxonomy.yaml"
MAX_TOPICS = 3
SHARE_OF_BEST = 0.5
TITLE_BONUS = 0.5


@dataclass(frozen=True)
class Rule:
    expression: str
    node: Node
    weight: float


@dataclass(frozen=True)
class Topic:
    code: str
    name: str
    sensitive: bool
    min_score: float
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class TopicScore:
    code: str
    score: float
    confidence: float  # 0..1
    evidence: tuple[str, ...]


def taxonomy_from(entries: list[dict[str, Any]]) -> tuple[Topic, ...]:
    """Build topics from dicts {code, name, sensitive?, min_score?, rules: [{when, weight?}]}."""
    return tuple(
        Topic(
            code=str(e["code"]),
            name=str(e.get("name", e["code"])),
            sensitive=bool(e.get("sensitive", False)),
            min_score=float(e.get("min_score", 2)),
            rules=tuple(
                Rule(str(r["when"]), parse(str(r["when"])), float(r.get("weight", 1)))
                for r in e.get("rules", [])
            ),
        )
        for e in entries
    )


def taxonomy_from_text(text: str) -> tuple[Topic, ...]:
    """Parse an edited taxonomy; ValueError (message in Vietnamese) names what is wrong."""
    try:
        entries = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValueError(f"YAML không hợp lệ: {exc}") from exc
    if not isinstance(entries, list) or not entries:
        raise ValueError("Bảng chủ đề phải là một danh sách chủ đề")
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not entry.get("code") or not entry.get("rules"):
            raise ValueError(f"Chủ đề thứ {number} cần có “code” và “rules”")
        for rule in entry["rules"]:
            try:
                parse(str(rule["when"]))
            except (KeyError, TypeError) as exc:
                raise ValueError(f"Chủ đề {entry['code']}: mỗi quy tắc cần có “when”") from exc
            except RuleSyntaxError as exc:
                raise ValueError(f"Chủ đề {entry['code']}: {exc}") from exc
    return taxonomy_from(entries)


def load_entries(path: Path = DEFAULT_TAXONOMY) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return entries


@cache
def default_taxonomy() -> tuple[Topic, ...]:
    return taxonomy_from(load_entries())


def score_topics(taxonomy: tuple[Topic, ...], title: str, text: str) -> list[TopicScore]:
    """Every topic whose rules reach its min_score, best first (at most MAX_TOPICS)."""
    whole = Document.of(f"{title}\n{text}")
    head = Document.of(title) if title else None
    scored = []
    for topic in taxonomy:
        score, evidence = 0.0, set()
        for rule in topic.rules:
            hits: set[str] = set()
            if not rule.node.matches(whole, hits):
                continue
            if rule.weight < 0:
                # A counter-rule ("a trial of an activist is not crime news") lowers the score
                # once and is no evidence for the topic.
                score += rule.weight
                continue
            # Extra distinct terms add a little: an article full of tourism words is more
            # about tourism than one that says "du khách" once.
            score += rule.weight * (1 + 0.25 * min(len(hits) - 1, 4))
            if head is not None and rule.node.matches(head, set()):
                score += rule.weight * TITLE_BONUS
            evidence |= hits
        if score >= topic.min_score:
            scored.append((score, topic.code, tuple(sorted(evidence))))
    scored.sort(key=lambda s: (-s[0], s[1]))
    if not scored:
        return []
    best = scored[0][0]
    return [
        TopicScore(code, round(score, 3), round(min(1.0, score / (2 * best) + 0.3), 3), ev)
        for score, code, ev in scored[:MAX_TOPICS]
        if score >= SHARE_OF_BEST * best
    ]

"""Stories in two stages: syndicated copies, then other write-ups of the same event.

Stage 1: MinHash LSH (datasketch) over 3-syllable shingles joins copies that share most of their
wording. Stage 2 (`stories.EventIndex`) joins different write-ups and translations by their
dates, anchors and content. A new item joins the story of its best match; a story's id is the id
of its first appearance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from datasketch import MinHash, MinHashLSH

from ttdn.monitoring.nlp.places import FOLD
from ttdn.monitoring.nlp.stories import EventFeatures, EventIndex

_WORD = re.compile(r"[^\W_]+")
NUM_PERM = 128
THRESHOLD = 0.3
SHINGLE = 3
MAX_CANDIDATES = 200
_SCHEME = "affine32"
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=7, scheme=_SCHEME).permutations


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    syllables = _WORD.findall(text.lower().translate(FOLD))
    if len(syllables) < size:
        return {" ".join(syllables).encode()} if syllables else set()
    return {" ".join(syllables[i : i + size]).encode() for i in range(len(syllables) - size + 1)}


def signature(text: str) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, seed=7, permutations=_PERMUTATIONS, scheme=_SCHEME)
    grams = shingles(text)
    if grams:
        minhash.update_batch(list(grams))
    return minhash


class StoryIndex:
    """Incremental grouping: add items one by one, each gets the story of its nearest twin
    (stage 1) or, failing that, of the same event told otherwise (stage 2, when the item's
    `EventFeatures` are given)."""

    def __init__(self, threshold: float = THRESHOLD, events: EventIndex | None = None) -> None:
        # Weighting false positives more gives 32 bands of 4 rows instead of 37 of 3: far fewer
        # candidates from shared stock phrases, while copies (similarity ≥ 0.6) are still found.
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, weights=(0.7, 0.3))
        self.threshold = threshold
        self.story_of: dict[str, str] = {}
        self.signatures: dict[str, MinHash] = {}
        self.events = events or EventIndex()

    def add(self, item_id: str, text: str, story_id: str | None = None) -> str:
        """Stage 1 only: the story of `text`'s nearest copy (`pipeline.assign_story` does both)."""
        minhash = signature(text)
        story = story_id or self.nearest(minhash) or item_id
        self.index(item_id, minhash, story)
        return story

    def same_event(self, event: EventFeatures) -> str | None:
        """Stage 2 alone: the story of the best same-event match, or None."""
        found = self.events.best(event)
        return self.story_of[found.item_id] if found else None

    def nearest(self, minhash: MinHash) -> str | None:
        """The story of the most similar indexed item above the threshold, or None."""
        best, story = 0.0, None
        # A few hundred candidates at most: boilerplate-heavy sources must not make this quadratic.
        for other in self.lsh.query(minhash)[:MAX_CANDIDATES]:
            similarity = minhash.jaccard(self.signatures[other])
            if similarity >= self.threshold and similarity > best:
                best, story = similarity, self.story_of[other]
        return story

    def add_signature(
        self, item_id: str, hashvalues: Any, story_id: str, event: EventFeatures | None = None
    ) -> None:
        """Index a stored signature (the MinHash values saved with an article) and features."""
        minhash = MinHash(
            num_perm=NUM_PERM,
            seed=7,
            hashvalues=hashvalues,
            permutations=_PERMUTATIONS,
            scheme=_SCHEME,
        )
        self.index(item_id, minhash, story_id, event)

    def index(
        self, item_id: str, minhash: MinHash, story_id: str, event: EventFeatures | None = None
    ) -> None:
        """Index an item already assigned to `story_id` (features: only if stage 2 ran)."""
        if item_id not in self.signatures:
            self.lsh.insert(item_id, minhash)
        self.signatures[item_id] = minhash
        self.story_of[item_id] = story_id
        if event is not None:
            self.events.add(item_id, event)


def group_stories(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Map each (id, text) to a story id (the id of the story's first item); stage 1 only."""
    index = StoryIndex()
    return {item_id: index.add(item_id, text) for item_id, text in items}


def pairs(groups: dict[str, str]) -> set[tuple[str, str]]:
    """All unordered id pairs that share a story (for scoring)."""
    members: dict[str, list[str]] = {}
    for item_id, story in groups.items():
        members.setdefault(story, []).append(item_id)
    out: set[tuple[str, str]] = set()
    for ids in members.values():
        ordered: Sequence[str] = sorted(ids)
        out |= {(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]}
    return out


__all__ = ["StoryIndex", "group_stories", "pairs", "shingles", "signature"]

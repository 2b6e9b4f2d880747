"""The parser's quality bar: parsed plans scored against gold annotations (plan-schema.md).

Tasks. A predicted task matches a gold task when their texts overlap: on the folded syllable
tokens (`fold_tokens`) of each text's first 300 characters, score = |A ∩ B| / min(|A|, |B|)
counted as multisets; pairs scoring at least 0.6 are assigned one to one, best score first
(ties: gold order, then prediction order). task_f1 is the F1 of that matching: TP = matched
pairs, precision = TP / predicted tasks, recall = TP / gold tasks.

Facts. lead, support, due, recurrence and budget are each a fact F1 over all documents. A fact
is a non-empty value (a unit set, a due date, a recurrence, a budget) in the gold or in the
prediction. A true positive is a matched pair whose predicted value equals the gold one, unit
sets compared as sets of names folded for case and accents with whitespace collapsed (`fold`).
precision = TP / non-empty predicted values (unmatched predicted tasks included), recall =
TP / non-empty gold values (unmatched gold tasks included); empty-equals-empty earns nothing.
doc scores the fields of `document` the same way (strings folded, dates and years exact) and
refs_f1 the references as sets of `normalize_number` numbers, folded.

Every overall figure is micro-averaged: counts are summed over documents, then divided. With
nothing to find and nothing predicted precision and recall are 1; F1 is 0 when both are 0.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ttdn.plans.parsing.model import PlanParseError
from ttdn.plans.parsing.references import normalize_number
from ttdn.text.normalize import fold, fold_tokens

MATCH_CHARS = 300
MATCH_THRESHOLD = 0.6
# The quality bar of issue [2/7]: CI fails below these (`ttdn plan eval --check`, test_quality).
THRESHOLDS = {"task_f1": 0.90, "lead": 0.90, "due": 0.90, "refs_f1": 0.95, "doc": 0.95}
TASK_FACTS = {"lead": "lead", "support": "support", "due": "due", "recurrence": "recurrence",
              "budget": "budget_vnd"}  # fmt: skip
DOCUMENT_FIELDS = ("number", "kind", "issuer", "place", "date", "year", "title", "signer",
                   "signer_title")  # fmt: skip
FIGURES = ("task_f1", *TASK_FACTS, "refs_f1", "doc")

Plan = dict[str, Any]


@dataclass
class Counts:
    """True positives, non-empty predicted values and non-empty gold values of one figure."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold
        return self

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else float(self.gold == 0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else float(self.predicted == 0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocumentScore:
    name: str
    counts: dict[str, Counts]
    error: str | None = None

    def line(self) -> str:
        task = self.counts["task_f1"]
        figures = " ".join(f"{k}={self.counts[k].f1:.3f}" for k in FIGURES)
        note = f" ERROR {self.error}" if self.error else ""
        return (
            f"{self.name}: {figures} (tasks gold {task.gold}, predicted {task.predicted}, "
            f"matched {task.tp}){note}"
        )


@dataclass
class EvalReport:
    documents: list[DocumentScore]
    totals: dict[str, Counts] = field(init=False)

    def __post_init__(self) -> None:
        self.totals = {name: Counts() for name in FIGURES}
        for document in self.documents:
            for name in FIGURES:
                self.totals[name] += document.counts[name]

    @property
    def figures(self) -> dict[str, float]:
        return {name: self.totals[name].f1 for name in FIGURES}

    def lines(self) -> list[str]:
        overall = " ".join(f"{k}={v:.3f}" for k, v in self.figures.items())
        return [*(d.line() for d in self.documents), f"overall ({len(self.documents)}): {overall}"]

    def result_line(self) -> str:
        return "RESULT " + " ".join(f"{k}={v:.3f}" for k, v in self.figures.items())


def evaluate(
    gold_dir: Path, samples_dir: Path, *, parse: Callable[[Path], dict[str, Any]]
) -> EvalReport:
    """Parse the sample of every gold file (X.json -> X.txt, else its `source`) and score it.

    A sample the parser rejects (PlanParseError) scores as an empty prediction.
    """
    scores = []
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        sample = Path(samples_dir) / f"{gold_path.stem}.txt"
        if not sample.exists():
            sample = Path(samples_dir) / str(gold.get("source") or "")
        try:
            predicted, error = parse(sample), None
        except PlanParseError as exc:
            predicted, error = {}, exc.message
        scores.append(compare(gold, predicted, name=gold_path.stem, error=error))
    return EvalReport(scores)


def compare(
    gold: Plan, predicted: Plan, *, name: str = "", error: str | None = None
) -> DocumentScore:
    """Score one prediction (schema JSON, `ParsedPlan.to_json()`) against its gold annotation."""
    gold_tasks, predicted_tasks = gold.get("tasks") or [], predicted.get("tasks") or []
    pairs = match_tasks(gold_tasks, predicted_tasks)
    counts = {"task_f1": Counts(len(pairs), len(predicted_tasks), len(gold_tasks))}
    for figure, key in TASK_FACTS.items():
        counts[figure] = _facts(
            [_value(t.get(key)) for t in gold_tasks],
            [_value(t.get(key)) for t in predicted_tasks],
            pairs,
        )
    gold_doc, predicted_doc = gold.get("document") or {}, predicted.get("document") or {}
    counts["doc"] = _facts(
        [_value(gold_doc.get(f)) for f in DOCUMENT_FIELDS],
        [_value(predicted_doc.get(f)) for f in DOCUMENT_FIELDS],
        [(i, i) for i in range(len(DOCUMENT_FIELDS))],
    )
    gold_refs, predicted_refs = _numbers(gold), _numbers(predicted)
    counts["refs_f1"] = Counts(len(gold_refs & predicted_refs), len(predicted_refs), len(gold_refs))
    return DocumentScore(name or str(gold.get("source") or ""), counts, error)


def match_tasks(gold_tasks: list[Plan], predicted_tasks: list[Plan]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs whose texts overlap enough, best first."""
    gold_bags = [_bag(t) for t in gold_tasks]
    predicted_bags = [_bag(t) for t in predicted_tasks]
    scored: list[tuple[float, int, int]] = []
    for g, gold_bag in enumerate(gold_bags):
        for p, predicted_bag in enumerate(predicted_bags):
            score = overlap(gold_bag, predicted_bag)
            if score >= MATCH_THRESHOLD:
                scored.append((-score, g, p))
    scored.sort()
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for _, g, p in scored:
        if g not in used_gold and p not in used_predicted:
            pairs.append((g, p))
            used_gold.add(g)
            used_predicted.add(p)
    return sorted(pairs)


def overlap(a: Counter[str], b: Counter[str]) -> float:
    """|A ∩ B| / min(|A|, |B|) of two token multisets; 0 when either is empty."""
    smaller = min(a.total(), b.total())
    return (a & b).total() / smaller if smaller else 0.0


def _bag(task: Plan) -> Counter[str]:
    return Counter(fold_tokens(str(task.get("text") or "")[:MATCH_CHARS]))


def _value(value: object) -> object:
    """The comparable form of a field; None for an empty one."""
    if isinstance(value, list | tuple):
        units = frozenset(fold(str(v)) for v in value) - {""}
        return units or None
    if isinstance(value, str):
        return fold(value) or None
    return value


def _facts(gold: list[object], predicted: list[object], pairs: Iterable[tuple[int, int]]) -> Counts:
    tp = sum(1 for g, p in pairs if gold[g] is not None and gold[g] == predicted[p])
    return Counts(tp, sum(v is not None for v in predicted), sum(v is not None for v in gold))


def _numbers(plan: Plan) -> set[str]:
    return {
        fold(normalize_number(str(r.get("number"))))
        for r in plan.get("references") or ()
        if r.get("number")
    }

"""The quality bar of issue [2/7] on the real sample plans (../shared), as CI enforces it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import shared_or_skip
from ttdn.plans.parsing import parse_file
from ttdn.plans.parsing.evaluation import THRESHOLDS, evaluate


def _parse(path: Path) -> dict[str, object]:
    return parse_file(path).to_json()


def test_parser_meets_the_quality_bar_on_the_samples() -> None:
    gold = shared_or_skip("gold")
    samples = shared_or_skip("samples", "plans")
    report = evaluate(gold, samples, parse=_parse)
    figures = report.figures
    below = {k: figures[k] for k, floor in THRESHOLDS.items() if figures[k] < floor}
    assert below == {}, "\n".join(report.lines())


def test_every_sample_parses_with_a_title_issuer_and_tasks() -> None:
    samples = shared_or_skip("samples", "plans")
    for path in sorted(samples.glob("*.txt")):
        plan = parse_file(path)
        assert plan.document.title, path.name
        assert plan.document.issuer, path.name
        assert len(plan.tasks) >= 10, path.name
        assert all(t.text for t in plan.tasks), path.name

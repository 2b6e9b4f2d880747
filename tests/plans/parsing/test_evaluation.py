"""The quality bar: task matching and fact F1 on small hand-computed gold/prediction pairs."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from ttdn.plans.parsing.evaluation import (
    FIGURES,
    Counts,
    EvalReport,
    compare,
    evaluate,
    match_tasks,
)
from ttdn.plans.parsing.model import PlanParseError


def task(text: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "ref": "",
        "section": "",
        "text": text,
        "lead": [],
        "support": [],
        "timeline": None,
        "due": None,
        "recurrence": None,
        "budget_vnd": None,
        "outputs": [],
    }
    return base | fields


GOLD: dict[str, Any] = {
    "source": "plan.txt",
    "document": {
        "number": "12/KH-UBND",
        "kind": "Kế hoạch",
        "issuer": "UBND tỉnh Quảng Trị",
        "place": "Quảng Trị",
        "date": "2024-12-27",
        "year": 2025,
        "title": "Công tác thông tin đối ngoại năm 2025",
        "signer": None,
        "signer_title": None,
    },
    "references": [{"number": "72/2015/NĐ-CP"}, {"number": "57-KL/TW"}],
    "tasks": [
        task(
            "Tổ chức hội nghị tập huấn nghiệp vụ thông tin đối ngoại cho cán bộ",
            lead=["Sở Ngoại vụ"],
            support=["Công an tỉnh", "Sở Tư pháp"],
            due="2025-09-30",
        ),
        task(
            "Xuất bản bản tin đối ngoại song ngữ mỗi quý một số",
            lead=["Sở Ngoại vụ"],
            recurrence="quarterly",
            due="2025-12-31",
            budget_vnd=100_000_000,
        ),
        task("Lắp đặt pa-nô tuyên truyền biển đảo tại các xã ven biển", lead=["UBND huyện"]),
    ],
}


def figures(gold: dict[str, Any], predicted: dict[str, Any]) -> dict[str, float]:
    return EvalReport([compare(gold, predicted)]).figures


def test_a_perfect_prediction_scores_one_everywhere() -> None:
    assert figures(GOLD, copy.deepcopy(GOLD)) == dict.fromkeys(FIGURES, 1.0)


def test_a_missing_task_lowers_task_and_fact_recall() -> None:
    # Given a prediction without the second task
    predicted = copy.deepcopy(GOLD)
    del predicted["tasks"][1]
    score = compare(GOLD, predicted)
    # Then tasks: TP 2 of 2 predicted, 3 gold -> P 1, R 2/3, F1 0.8
    assert (score.counts["task_f1"].tp, score.counts["task_f1"].predicted) == (2, 2)
    assert score.counts["task_f1"].f1 == pytest.approx(0.8)
    # lead: 2 TP, 2 predicted, 3 gold -> F1 0.8; due: 1 TP, 1 predicted, 2 gold -> F1 2/3
    assert score.counts["lead"].f1 == pytest.approx(0.8)
    assert score.counts["due"].f1 == pytest.approx(2 / 3)
    # recurrence and budget: 0 TP, nothing predicted, 1 gold -> 0
    assert score.counts["recurrence"].f1 == 0.0
    assert score.counts["budget"].f1 == 0.0


def test_a_wrong_lead_costs_precision_and_recall() -> None:
    predicted = copy.deepcopy(GOLD)
    predicted["tasks"][2]["lead"] = ["Sở Văn hóa, Thể thao và Du lịch"]
    # lead: 2 TP of 3 predicted and 3 gold -> 2/3
    assert figures(GOLD, predicted)["lead"] == pytest.approx(2 / 3)


def test_unit_sets_compare_folded_and_unordered() -> None:
    predicted = copy.deepcopy(GOLD)
    predicted["tasks"][0]["support"] = ["  sở  TƯ PHÁP", "Cong an tinh"]
    assert figures(GOLD, predicted)["support"] == 1.0


def test_empty_equals_empty_earns_nothing() -> None:
    # Given gold and prediction with no support anywhere but one task
    gold = {"tasks": [task("Tuyên truyền biển đảo", support=["Sở Ngoại vụ"]), task("Tập huấn")]}
    predicted = {"tasks": [task("Tuyên truyền biển đảo"), task("Tập huấn")]}
    counts = compare(gold, predicted).counts["support"]
    # Then the agreeing empty value is no true positive: 0 TP, 0 predicted, 1 gold
    assert (counts.tp, counts.predicted, counts.gold) == (0, 0, 1)


def test_unmatched_predicted_tasks_lower_precision() -> None:
    # Given the gold tasks plus two invented ones, one with a lead
    predicted = copy.deepcopy(GOLD)
    predicted["tasks"] += [
        task("Một nội dung hoàn toàn khác không có trong kế hoạch", lead=["Sở Ngoại vụ"]),
        task("Một việc khác nữa"),
    ]
    score = compare(GOLD, predicted)
    # Then tasks: P 3/5, R 1 -> F1 0.75; lead: P 3/4, R 1 -> F1 6/7
    assert score.counts["task_f1"].f1 == pytest.approx(0.75)
    assert score.counts["lead"].f1 == pytest.approx(6 / 7)


def test_document_and_references_are_scored_as_facts() -> None:
    predicted = copy.deepcopy(GOLD)
    predicted["document"] |= {"title": "CÔNG TÁC THÔNG TIN ĐỐI NGOẠI  NĂM 2025", "year": 2024}
    predicted["document"]["signer"] = "Nguyễn Văn A"
    predicted["references"] = [{"number": "72/2015/nđ-CP"}, {"number": "1/QĐ-TTg"}]
    result = figures(GOLD, predicted)
    # doc: 7 gold values, 8 predicted, 6 equal (title folds equal, year differs) -> 12/15
    assert result["doc"] == pytest.approx(2 * 6 / (7 + 8))
    # refs: 1 TP, 2 predicted, 2 gold -> 0.5
    assert result["refs_f1"] == pytest.approx(0.5)


def test_matching_needs_enough_overlap_and_is_one_to_one_best_first() -> None:
    gold = [
        task("tổ chức hội nghị tập huấn về biển đảo"),
        task("tổ chức hội nghị tập huấn cho báo chí"),
    ]
    predicted = [task("Tổ chức hội nghị tập huấn cho báo chí nước ngoài"), task("Lắp đặt pa-nô")]
    # overlap(g0, p0) = 6/9 passes 0.6 but overlap(g1, p0) = 9/9 is better and takes p0;
    # p1 overlaps nothing
    assert match_tasks(gold, predicted) == [(1, 0)]
    # 2 shared tokens of 5 stay below the threshold
    assert match_tasks([task("một hai ba bốn năm")], [task("một hai sáu bảy tám")]) == []


def test_counts_with_nothing_to_find_and_nothing_found_are_perfect() -> None:
    assert Counts(0, 0, 0).f1 == 1.0
    assert Counts(0, 1, 0).f1 == 0.0


def test_evaluate_pairs_gold_files_with_samples_and_reports(tmp_path: Path) -> None:
    # Given a gold folder with two annotations and the samples they name
    gold_dir, samples = tmp_path / "gold", tmp_path / "samples"
    gold_dir.mkdir()
    samples.mkdir()
    (gold_dir / "a.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (gold_dir / "b.json").write_text(json.dumps(GOLD | {"source": "other.txt"}), encoding="utf-8")
    (samples / "a.txt").write_text("a", encoding="utf-8")
    (samples / "other.txt").write_text("b", encoding="utf-8")

    def parse(path: Path) -> dict[str, Any]:
        if path.name == "other.txt":
            raise PlanParseError("Không đọc được.")
        return copy.deepcopy(GOLD)

    # When evaluated with a parser that gets a.txt right and rejects other.txt
    report = evaluate(gold_dir, samples, parse=parse)
    # Then micro-averaged figures count the rejected sample as an empty prediction
    assert report.figures["task_f1"] == pytest.approx(2 * 0.5 / 1.5)
    assert [line.split(":")[0] for line in report.lines()] == ["a", "b", "overall (2)"]
    assert "ERROR Không đọc được." in report.lines()[1]
    assert report.result_line() == (
        "RESULT task_f1=0.667 lead=0.667 support=0.667 due=0.667 recurrence=0.667"
        " budget=0.667 refs_f1=0.667 doc=0.667"
    )

"""`ttdn monitor analyze` and `ttdn monitor eval` on JSON-lines files, without a database."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import SHARED

ROWS = [
    {
        "id": "a1",
        "url": "https://baoquangtri.vn/a1",
        "title": "Quảng Trị thu hút đầu tư vào khu kinh tế",
        "text": "Tỉnh Quảng Trị thu hút nhiều nhà đầu tư vào khu kinh tế Đông Nam, vốn tăng mạnh.",
        "published_at": "2026-02-01",
        "source_domain": "baoquangtri.vn",
    },
    {
        "id": "a2",
        "url": "https://example.org/a2",
        "title": "",
        "text": "Lũ quét ở Quảng Trị làm ba người thiệt mạng, nhiều nhà bị cuốn trôi.",
    },
]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "ttdn.config.cli", "monitor", *args]
    env = {"TTDN_DEBUG": "1", "PATH": "/usr/bin:/bin", "DATABASE_URL": "", "REDIS_URL": ""}
    return subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)


def test_analyze_writes_one_line_per_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS), encoding="utf-8")
    call_command("monitor", "analyze", str(source), "--province", "quảng trị")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [{k: v for k, v in line.items() if k not in ROWS[0] or k == "id"} for line in lines] == [
        {
            "id": "a1",
            "language": "vi",
            "provinces": ["Quảng Trị"],
            "relevance": 0.865,  # 1-exp(-(2.5 title + 1.5 opening)/2)
            "topics": ["kinh-te-dau-tu"],
            "sentiment": "positive",
            "story_id": "a1",
            "priority": False,
        },
        {
            "id": "a2",
            "language": "vi",
            "provinces": ["Quảng Trị"],
            "relevance": 0.528,  # 1-exp(-1.5/2)
            "topics": ["xa-hoi"],
            "sentiment": "negative",
            "story_id": "a2",
            "priority": True,
        },
    ]


def test_bad_input_says_which_line_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(ROWS[0]) + "\n{not json\n", encoding="utf-8")
    result = _run("analyze", str(source))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Lỗi: Dòng 2: không phải JSON hợp lệ")
    source.write_text(json.dumps(ROWS[0]), encoding="utf-8")
    unknown = _run("analyze", str(source), "--province", "Xứ Sở Thần Tiên")
    assert unknown.returncode == 1
    assert "Lỗi: Không có tỉnh/thành phố “Xứ Sở Thần Tiên” trong danh mục" in unknown.stderr


def test_eval_prints_the_result_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labels = {
        "language": "vi",
        "provinces": ["Quảng Trị"],
        "topics": ["kinh-te-dau-tu"],
        "sentiment": "positive",
        "duplicate_group": None,
    }
    source = tmp_path / "gold.jsonl"
    source.write_text(
        json.dumps({**ROWS[0], "labels": labels}, ensure_ascii=False), encoding="utf-8"
    )
    call_command("monitor", "eval", str(source))
    assert capsys.readouterr().out.strip() == (
        "RESULT items=1 language_acc=1.000 province_f1=1.000 topic_micro_f1=1.000 "
        "topic_macro_f1=1.000 sentiment_macro_f1=1.000 dup_precision=1.000 dup_recall=1.000"
    )


def test_eval_on_the_shared_dev_set(capsys: pytest.CaptureFixture[str]) -> None:
    dev = SHARED / "samples" / "news" / "dev.jsonl"
    if not dev.exists():
        pytest.skip(f"{dev} is absent: the labelled dev set is not on this machine")
    call_command("monitor", "eval", str(dev))
    line = capsys.readouterr().out.strip()
    figures = dict(part.split("=") for part in line.split()[1:])
    assert figures["items"] == "322"
    assert float(figures["language_acc"]) >= 0.97
    assert float(figures["province_f1"]) >= 0.75
    assert float(figures["topic_micro_f1"]) >= 0.6

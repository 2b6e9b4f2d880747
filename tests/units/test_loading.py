"""`ttdn units load`: valid files upsert idempotently; bad files name every problem, write nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command

from ttdn.units.loading import UnitsFileError, units_load
from ttdn.units.models import Unit, UnitAlias, UnitSuccession

GOOD_YAML = """
province: Tỉnh Thử
units:
  - {code: A-UBND, name: Ủy ban nhân dân tỉnh Thử, kind: ubnd, valid_to: 30/06/2025}
  - {code: A-STTTT, name: Sở Thông tin và Truyền thông, kind: "sở, ban, ngành", parent: A-UBND, valid_to: 2025-02-28, aliases: [Sở TTTT, STTTT]}
  - {code: B-UBND, name: Ủy ban nhân dân tỉnh Mới, kind: ubnd, valid_from: 2025-07-01, predecessors: [A-UBND], reorganisation: merge, decision: "NQ 202/2025/QH15"}
  - {code: B-SVHTTDL, name: "Sở Văn hóa, Thể thao và Du lịch", kind: department, parent: B-UBND, valid_from: 2025-07-01, predecessors: [A-STTTT], reorganisation: "Chuyển giao chức năng", effective_date: 2025-03-01}
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _snapshot() -> tuple[list[tuple[object, ...]], int, int]:
    units = list(
        Unit.objects.order_by("code").values_list("code", "name", "parent__code", "valid_to")
    )
    return units, UnitAlias.objects.count(), UnitSuccession.objects.count()


def test_yaml_load_creates_units_aliases_and_reorganisation(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    summary = units_load(actor=None, path=_write(tmp_path, "u.yaml", GOOD_YAML))
    assert (summary.created, summary.updated, summary.aliases_added, summary.successions_added) == (
        4,
        0,
        2,
        2,
    )
    sttt = Unit.objects.get(code="A-STTTT")
    assert sttt.province == "Tỉnh Thử"
    assert sttt.kind == "department"
    assert sttt.parent.code == "A-UBND"
    assert sorted(sttt.aliases.values_list("text", flat=True)) == ["STTTT", "Sở TTTT"]
    assert "so tttt" in sttt.search_key
    link = UnitSuccession.objects.get(successor__code="B-SVHTTDL")
    assert (link.predecessor.code, link.kind, link.effective_date) == (
        "A-STTTT",
        "transfer",
        dt.date(2025, 3, 1),
    )
    merge = UnitSuccession.objects.get(successor__code="B-UBND")
    assert (merge.kind, merge.decision) == ("merge", "NQ 202/2025/QH15")
    # a transfer does not end the predecessor; its own valid_to from the file stays
    assert sttt.valid_to == dt.date(2025, 2, 28)


def test_load_is_idempotent(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, "u.yaml", GOOD_YAML)
    units_load(actor=None, path=path)
    first = _snapshot()
    history = Unit.history.count()
    summary = units_load(actor=None, path=path)
    assert (summary.created, summary.updated, summary.aliases_added, summary.successions_added) == (
        0,
        4,
        0,
        0,
    )
    assert _snapshot() == first
    assert Unit.history.count() == history  # nothing changed, nothing audited


def test_csv_load(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = (
        "code,name,kind,province,parent,aliases\n"
        "C-UBND,Ủy ban nhân dân tỉnh C,ubnd,Tỉnh C,,UBND tỉnh C\n"
        "C-CA,Công an tỉnh C,lực lượng vũ trang,Tỉnh C,C-UBND,CA tỉnh;Công an tỉnh\n"
    )
    summary = units_load(actor=None, path=_write(tmp_path, "u.csv", "\ufeff" + text))
    assert summary.created == 2
    police = Unit.objects.get(code="C-CA")
    assert (police.kind, police.parent.code) == ("armed_forces", "C-UBND")
    assert sorted(police.aliases.values_list("text", flat=True)) == ["CA tỉnh", "Công an tỉnh"]


BAD_CASES = [
    (
        "units:\n  - {code: X, name: Một, kind: ubnd, parent: KHONG-CO}\n",
        "bản ghi 1: đơn vị cấp trên “KHONG-CO” không có trong tệp hay hệ thống.",
    ),
    (
        "units:\n  - {code: X, name: Một, kind: ubnd}\n  - {code: X, name: Hai, kind: ubnd}\n",
        "bản ghi 2: mã X trùng với bản ghi 1.",
    ),
    (
        "units:\n  - {code: X, name: Một, kind: ubnd, parent: Y}\n  - {code: Y, name: Hai, kind: ubnd, parent: X}\n",
        "bản ghi 1: vòng lặp cấp trên X → Y → X.",
    ),
    (
        "units:\n  - {code: X, name: Một, kind: bộ lạc}\n",
        "bản ghi 1: loại đơn vị “bộ lạc” không hợp lệ.",
    ),
    ("units:\n  - {code: X, kind: ubnd}\n", "bản ghi 1: thiếu tên (name)."),
    (
        "units:\n  - {code: X, name: Một, kind: ubnd, valid_from: 31/02/2025}\n",
        "bản ghi 1: valid_from “31/02/2025” không phải ngày (dd/mm/yyyy).",
    ),
    (
        "units:\n  - {code: X, name: Một, kind: ubnd, predecessors: [Z], reorganisation: merge, valid_from: 2025-07-01}\n",
        "bản ghi 1: đơn vị tiền thân “Z” không có trong tệp hay hệ thống.",
    ),
    ("units: [\n", "tệp YAML sai cú pháp"),
    ("units: []\n", "tệp không có đơn vị nào."),
    ("- just a string\n", "bản ghi 1: không đúng dạng"),
]


@pytest.mark.parametrize(("text", "problem"), BAD_CASES)
def test_bad_file_names_the_problem_and_writes_nothing(
    db, tmp_path: Path, text: str, problem: str
) -> None:  # type: ignore[no-untyped-def]
    units_load(actor=None, path=_write(tmp_path, "ok.yaml", GOOD_YAML))
    before = _snapshot()
    with pytest.raises(UnitsFileError) as caught:
        units_load(actor=None, path=_write(tmp_path, "bad.yaml", text))
    assert any(p.startswith(problem) for p in caught.value.problems), caught.value.problems
    assert _snapshot() == before


def test_cycle_through_existing_units_is_refused(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    units_load(actor=None, path=_write(tmp_path, "ok.yaml", GOOD_YAML))
    text = (
        "units:\n  - {code: A-UBND, name: Ủy ban nhân dân tỉnh Thử, kind: ubnd, parent: A-STTTT}\n"
    )
    with pytest.raises(UnitsFileError) as caught:
        units_load(actor=None, path=_write(tmp_path, "cycle.yaml", text))
    assert caught.value.problems == ["bản ghi 1: vòng lặp cấp trên A-UBND → A-STTTT → A-UBND."]


def test_wrong_extension_and_binary(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnitsFileError, match=r"chỉ nhận tệp \.yaml, \.yml hoặc \.csv"):
        units_load(actor=None, path=_write(tmp_path, "u.txt", "x"))
    binary = tmp_path / "u.yaml"
    binary.write_bytes(b"\xff\xfe\x00garbage\x80")
    with pytest.raises(UnitsFileError, match="không phải văn bản UTF-8"):
        units_load(actor=None, path=binary)


def test_command_prints_vietnamese_error_and_exits_nonzero(db, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, "bad.yaml", "units:\n  - {code: X, name: Một, kind: ubnd, parent: Q}\n")
    with pytest.raises(SystemExit) as caught:
        call_command("units", "load", str(path))
    assert caught.value.code == 1
    err = capsys.readouterr().err
    assert "Lỗi: Không nạp được danh mục đơn vị:" in err
    assert "đơn vị cấp trên “Q” không có" in err
    assert Unit.objects.count() == 0


def test_command_success_message(db, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("units", "load", str(_write(tmp_path, "u.yaml", GOOD_YAML)))
    assert capsys.readouterr().out.strip() == (
        "Đã nạp: 4 đơn vị mới, 0 đơn vị cập nhật, 2 tên gọi khác, 2 thay đổi tổ chức."
    )

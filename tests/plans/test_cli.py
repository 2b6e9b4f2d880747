"""`ttdn plan parse|import|eval` as an operator runs it: output, exit codes, Vietnamese errors,
nothing stored on bad input, and `parse` with no database at all."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest
from django.core.management import call_command
from fpdf import FPDF

from tests.conftest import shared_or_skip
from tests.plans.plan_data import DEMO_PLAN
from ttdn.documents.models import Document
from ttdn.plans.models import Plan, Task, TaskAssignment
from ttdn.plans.parsing import MAX_FILE_BYTES, PlanParseError, parse_bytes, parse_file
from ttdn.units.demo import demo_load

LETTER = """ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ
SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH

Số: 812/SVHTTDL-TTBCXB
V/v mời dự hội nghị giao ban báo chí quý I năm 2026

Quảng Trị, ngày 12 tháng 3 năm 2026

Kính gửi: Các cơ quan báo chí trên địa bàn tỉnh.

Sở Văn hóa, Thể thao và Du lịch trân trọng kính mời đại diện lãnh đạo các cơ quan báo chí dự hội nghị giao ban báo chí quý I năm 2026.

Thời gian: 08 giờ 00 ngày 20/3/2026, tại hội trường của Sở.

Nơi nhận:
- Như trên;
- Lưu: VT, TTBCXB.
"""
NEWS = """Quảng Trị đón đoàn phóng viên quốc tế tìm hiểu về di sản

Sáng 14/4, đoàn gồm 12 phóng viên đến từ Nhật Bản, Hàn Quốc và Lào đã đến thăm Thành cổ Quảng Trị và cầu Hiền Lương trong chuyến tác nghiệp kéo dài ba ngày.

Theo đại diện Sở Ngoại vụ, chuyến đi giúp bạn bè quốc tế hiểu rõ hơn về lịch sử và những đổi thay của vùng đất này.
"""


def _docx_bytes() -> bytes:
    document = docx.Document()
    for line in DEMO_PLAN.read_text(encoding="utf-8").split("\n\n")[:40]:
        document.add_paragraph(line.replace("**", ""))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _encrypted_pdf() -> bytes:
    pdf = FPDF()
    pdf.set_encryption(owner_password="chu-so-huu", user_password="mat-khau")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="KE HOACH cong tac thong tin doi ngoai nam 2026")
    return bytes(pdf.output())


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    return buffer.getvalue()


def _password_docx() -> bytes:
    """What Word writes for a password-protected .docx: an OLE container with EncryptionInfo."""
    return (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 504
        + "EncryptionInfo".encode("utf-16-le")
        + b"\0" * 2048
    )


BAD_FILES: dict[str, Callable[[], bytes]] = {
    "rong.docx": lambda: b"",
    "ngau-nhien.docx": lambda: random.Random(1).randbytes(8192),
    "ngau-nhien.pdf": lambda: b"%PDF-1.7\n" + random.Random(2).randbytes(8192) + b"\n%%EOF\n",
    "cat-ngang.docx": lambda: _docx_bytes()[:3000],
    "mat-khau.docx": _password_docx,
    "mat-khau.pdf": _encrypted_pdf,
    "bom-nen.docx": _zip_bomb,
    "cong-van.txt": lambda: LETTER.encode(),
    "bai-bao.txt": lambda: NEWS.encode(),
}


def _expected_message(data: bytes, name: str) -> str:
    with pytest.raises(PlanParseError) as caught:
        parse_bytes(data, name, province="Quảng Trị")
    return caught.value.message


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("plan", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def _stored() -> tuple[int, int, int, int]:
    return (
        Plan.objects.count(),
        Task.objects.count(),
        TaskAssignment.objects.count(),
        Document.objects.count(),
    )


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_files_are_refused_with_the_parser_message(world, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    data = BAD_FILES[name]()
    path = tmp_path / name
    path.write_bytes(data)
    message = _expected_message(data, name)
    assert name in message or "kế hoạch" in message  # a message for a person, in Vietnamese
    for action in (("import", str(path), "--user", "coord"), ("parse", str(path))):
        code, out, err = _run(*action)
        assert (code, out, err) == (1, "", f"Lỗi: {message}\n")
    assert _stored() == (0, 0, 0, 0)


def test_fifty_megabytes_are_refused_before_reading(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "qua-lon.pdf"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: nothing is written, nothing must be read
    assert path.stat().st_size > MAX_FILE_BYTES
    for action in ("import", "parse"):
        code, _, err = _run(action, str(path))
        assert (code, err) == (1, "Lỗi: Tệp qua-lon.pdf quá lớn (50.0 MB); giới hạn là 20 MB.\n")
    assert _stored() == (0, 0, 0, 0)


def test_missing_file_and_unknown_user(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = _run("import", str(tmp_path / "khong-co.docx"))
    assert (code, err) == (1, "Lỗi: Không mở được tệp khong-co.docx: No such file or directory.\n")
    code, _, err = _run("import", str(DEMO_PLAN), "--user", "khong-ai")
    assert (code, err) == (1, "Lỗi: Không có người dùng “khong-ai”.\n")
    assert _stored() == (0, 0, 0, 0)


def test_parse_prints_schema_json_and_touches_no_database(db, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(0):
        code, out, err = _run("parse", str(DEMO_PLAN))
    assert (code, err) == (0, "")
    assert json.loads(out) == parse_file(DEMO_PLAN, province="Quảng Trị").to_json()
    assert "Sở Văn hóa, Thể thao và Du lịch" in out  # UTF-8 as is, not \\u escapes
    assert out.startswith('{\n  "source": "demo_plan.txt",')


def test_parse_runs_where_there_is_no_database(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TTDN_", "DJANGO_"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "ttdn.config.settings_test",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/no_database_here",  # nothing listens
        "TTDN_VAR_DIR": str(tmp_path),
    }
    command = [sys.executable, "-m", "ttdn.config.cli", "plan", "parse"]
    done = subprocess.run(
        [*command, str(DEMO_PLAN)], env=env, capture_output=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout.decode("utf-8"))["document"]["number"] == "15/KH-UBND"
    xlsx = tmp_path / "ke-hoach.xlsx"
    done = subprocess.run(
        [*command, str(DEMO_PLAN), "--format", "xlsx", "--output", str(xlsx)],
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert openpyxl.load_workbook(xlsx).active["A4"].value == "STT"
    (tmp_path / "rong.docx").write_bytes(b"")
    done = subprocess.run(
        [*command, str(tmp_path / "rong.docx")],
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.decode("utf-8").startswith("Lỗi: Tệp rong.docx rỗng (0 byte)")


def test_parse_to_xlsx_needs_an_output(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert _run("parse", str(DEMO_PLAN), "--format", "xlsx") == (
        1,
        "",
        "Lỗi: Xuất Excel cần --output TỆP.xlsx.\n",
    )
    target = tmp_path / "ke-hoach.xlsx"
    code, out, _ = _run("parse", str(DEMO_PLAN), "--format", "xlsx", "--output", str(target))
    tasks = len(parse_file(DEMO_PLAN).tasks)
    assert (code, out) == (0, f"Đã ghi {target} ({tasks} nhiệm vụ).\n")
    sheet = openpyxl.load_workbook(target).active
    assert sheet["A2"].value == "Số: 15/KH-UBND ngày 20/01/2026 của UBND tỉnh Quảng Trị"
    assert (
        sum(
            c.value or 0
            for (c,) in sheet.iter_rows(min_row=5, max_row=sheet.max_row - 1, min_col=7, max_col=7)
        )
        == 1_450_000_000
    )


def test_import_prints_a_summary_then_refuses_the_same_file(db) -> None:  # type: ignore[no-untyped-def]
    demo_load()
    code, out, err = _run("import", str(DEMO_PLAN), "--user", "daumoi")
    assert (code, err) == (0, "")
    plan = Plan.objects.get()
    lines = out.splitlines()
    assert lines[0] == (
        f"Đã nhập kế hoạch “Công tác thông tin đối ngoại tỉnh Quảng Trị năm 2026” (số 15/KH-UBND): "
        f"{plan.tasks.count()} nhiệm vụ."
    )
    resolved = TaskAssignment.objects.filter(resolution="resolved").count()
    collective = TaskAssignment.objects.filter(resolution="collective").count()
    assert lines[1] == (
        f"Đơn vị được giao: {resolved} lượt đã xác định, {collective} lượt là nhóm đơn vị, 1 lượt chưa xác định."
    )
    assert lines[2:] == [
        "Tên đơn vị chưa xác định (1), ánh xạ một lần trên trang kế hoạch:",
        "  - Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh (1 chủ trì, 0 phối hợp)",
    ]
    assert plan.imported_by.username == "daumoi"
    before = _stored()
    code, out, err = _run("import", str(DEMO_PLAN))
    assert code == 1
    assert err.startswith(
        "Lỗi: Tệp này đã được nhập: “Công tác thông tin đối ngoại tỉnh Quảng Trị năm 2026”"
    )
    assert _stored() == before
    code, out, err = _run("import", str(DEMO_PLAN), "--replace")
    assert (code, err) == (0, "")
    assert Plan.objects.get().pk != plan.pk
    assert _stored() == before


def test_import_by_a_unit_officer_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    assert _run("import", str(DEMO_PLAN), "--user", "officer") == (
        1,
        "",
        "Lỗi: Bạn không có quyền thực hiện thao tác này.\n",
    )
    assert _stored() == (0, 0, 0, 0)


def test_eval_check_passes_on_the_gold_corpus() -> None:
    gold = shared_or_skip("gold")
    samples = shared_or_skip("samples", "plans")
    code, out, err = _run("eval", "--gold", str(gold), "--samples", str(samples), "--check")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == len(list(gold.glob("*.json"))) + 2
    assert lines[-2].startswith(f"overall ({len(lines) - 2}): task_f1=")
    assert lines[-1].startswith("RESULT task_f1=")


def test_eval_check_fails_below_a_threshold(tmp_path: Path) -> None:
    gold, samples = tmp_path / "gold", tmp_path / "samples"
    gold.mkdir()
    samples.mkdir()
    expected = parse_file(DEMO_PLAN).to_json()
    expected["tasks"] = [
        dict(t, text=f"Một nhiệm vụ khác hẳn số {i}.") for i, t in enumerate(expected["tasks"])
    ]
    (gold / "demo.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    (samples / "demo.txt").write_bytes(DEMO_PLAN.read_bytes())
    code, out, err = _run("eval", "--gold", str(gold), "--samples", str(samples))
    assert code == 0
    assert "RESULT task_f1=0.000" in out
    code, out, err = _run("eval", "--gold", str(gold), "--samples", str(samples), "--check")
    assert code == 1
    assert err.startswith("Lỗi: Bộ đọc chưa đạt ngưỡng: task_f1 = 0.000 < 0.90;")
    assert _run("eval", "--gold", str(tmp_path / "khong-co"), "--samples", str(samples))[2] == (
        f"Lỗi: Không có thư mục {tmp_path / 'khong-co'}.\n"
    )

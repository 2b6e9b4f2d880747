"""Cited documents: numbers in every printed shape, kind, date and issuer around them, and the
F1 on the annotated samples."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import shared_or_skip
from ttdn.plans.parsing.model import Reference
from ttdn.plans.parsing.references import extract_references, normalize_number
from ttdn.text.normalize import fold


def only(text: str, province: str | None = None) -> Reference:
    references = extract_references(text, province=province)
    assert len(references) == 1, references
    return references[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Căn cứ Nghị định số 81/2019/NĐ-CP ngày 07/9/2019 của Chính phủ về quản lý;",
            Reference("81/2019/NĐ-CP", "Nghị định", date(2019, 9, 7), "Chính phủ"),
        ),
        (
            "Căn cứ Thông tư số 11/2020/TT-BTTTT ngày 19/10/2020 của Bộ Thông tin và Truyền thông"
            " hướng dẫn quản lý;",
            Reference(
                "11/2020/TT-BTTTT", "Thông tư", date(2020, 10, 19), "Bộ Thông tin và Truyền thông"
            ),
        ),
        (
            "Thực hiện Kết luận số 12-KL/TW, ngày 14-02-2021 của Bộ Chính trị khóa XIII “về ...”",
            Reference("12-KL/TW", "Kết luận", date(2021, 2, 14), "Bộ Chính trị khóa XIII"),
        ),
        (
            "tuyên truyền Nghị quyết số 40-NQ/TW ngày 5 tháng 6 năm 2020 của Ban Chấp hành"
            " Trung ương Đảng (khóa XIII) về chiến lược",
            Reference(
                "40-NQ/TW",
                "Nghị quyết",
                date(2020, 6, 5),
                "Ban Chấp hành Trung ương Đảng (khóa XIII)",
            ),
        ),
        (
            "Thực hiện Chỉ thị 31-CT/TW của Ban Bí thư về đối ngoại đa phương",
            Reference("31-CT/TW", "Chỉ thị", None, "Ban Bí thư"),
        ),
        (
            "hạng mục theo Quyết định 512/QĐ-TTg ngày 06/3/2021 phê duyệt quy hoạch",
            Reference("512/QĐ-TTg", "Quyết định", date(2021, 3, 6), "Thủ tướng Chính phủ"),
        ),
        (
            "theo Công văn 777/STTTT-TTBCXB ngày 06/5/2025 của Sở Thông tin và Truyền thông về",
            Reference(
                "777/STTTT-TTBCXB",
                "Công văn",
                date(2025, 5, 6),
                "Sở Thông tin và Truyền thông tỉnh Quảng Trị",
            ),
        ),
        (
            "Thực hiện ý kiến chỉ đạo của UBND tỉnh tại Công văn số 8001/UBND-VX ngày 29/08/2024"
            " về xây dựng kế hoạch;",
            Reference("8001/UBND-VX", "Công văn", date(2024, 8, 29), "UBND tỉnh Quảng Trị"),
        ),
        (
            "Căn cứ Công văn số 4321/BTTTT-TTĐN ngày 31 tháng 7 năm 2024 hướng dẫn xây dựng",
            Reference(
                "4321/BTTTT-TTĐN", "Công văn", date(2024, 7, 31), "Bộ Thông tin và Truyền thông"
            ),
        ),
        (
            "Xét đề nghị của Giám đốc Sở Ngoại vụ tại Tờ trình số 55/TTr-SNgV ngày 19/12/2024,",
            Reference("55/TTr-SNgV", "Tờ trình", date(2024, 12, 19), "Sở Ngoại vụ tỉnh Quảng Trị"),
        ),
        (
            "phối hợp thực hiện Chương trình phối hợp công tác 300/CTr-SNgV-BCHBĐBP ngày 29/3/2023"
            " giữa hai đơn vị",
            Reference("300/CTr-SNgV-BCHBĐBP", "Chương trình", date(2023, 3, 29), None),
        ),
        (
            "Chương trình hành động số 15-CTr/TU, ngày 28-8-2020 của Tỉnh ủy về",
            Reference("15-CTr/TU", "Chương trình", date(2020, 8, 28), "Tỉnh ủy Quảng Trị"),
        ),
        (
            "Thực hiện Kế hoạch số 99-KH/TU ngày 02/11/2024 của Ban Thường vụ Tỉnh ủy về",
            Reference("99-KH/TU", "Kế hoạch", date(2024, 11, 2), "Ban Thường vụ Tỉnh ủy Quảng Trị"),
        ),
        (
            "Quyết định số 8/2022/QĐ-UBND ngày 09/8/2022 của Ủy ban nhân dân tỉnh Ban hành Quy chế",
            Reference("8/2022/QĐ-UBND", "Quyết định", date(2022, 8, 9), "UBND tỉnh Quảng Trị"),
        ),
        (
            "Căn cứ Luật Báo chí số 103/2016/QH13 ngày 05/4/2016;",
            Reference("103/2016/QH13", "Luật", date(2016, 4, 5), "Quốc hội"),
        ),
        (
            "Quyết định số 76-QĐ/TU, ngày 31-12-2015 về Quy chế quản lý thống nhất",
            Reference("76-QĐ/TU", "Quyết định", date(2015, 12, 31), None),
        ),
        (
            "Bám sát Thông tư số [07/2024/TT-BTTTT](#) ngày 30 tháng 5 năm 2024 của Bộ trưởng Bộ"
            " TTTT hướng dẫn thực hiện",
            Reference(
                "07/2024/TT-BTTTT",
                "Thông tư",
                date(2024, 5, 30),
                "Bộ trưởng Bộ Thông tin và Truyền thông",
            ),
        ),
    ],
)
def test_reference_number_kind_date_and_issuer(text: str, expected: Reference) -> None:
    # Given a sentence citing one document / When extracted for a province
    # Then number (spaces removed), kind, ISO date and expanded issuer are read
    assert only(text, province="Quảng Trị") == expected


@pytest.mark.parametrize(
    ("text", "number", "kind"),
    [
        ("văn bản số 3155/STTTT- TTBCXB của Sở", "3155/STTTT-TTBCXB", "Công văn"),
        ("nhất là Kết luận số 57-\n\nKL/TW ngày 15 tháng 6 năm 2023 của", "57-KL/TW", "Kết luận"),
        ("các nhiệm vụ tại Kế hoạch\n\nsố 88-KH/TU ngày 02/11/2024 của", "88-KH/TU", "Kế hoạch"),
        ("Hướng dẫn số 82-HD/BTGTW, ngày 18-01-2025", "82-HD/BTGTW", "Hướng dẫn"),
        (
            "ban hành kèm theo 46/2024/TTLT-BTC-BTTTT",
            "46/2024/TTLT-BTC-BTTTT",
            "Thông tư liên tịch",
        ),
        ("thông qua 116-KH/BCĐTTĐN", "116-KH/BCĐTTĐN", "Kế hoạch"),
        ("văn bản 9112/UBND-GD", "9112/UBND-GD", "Công văn"),
        ("theo 07/TB-UBND", "07/TB-UBND", "Thông báo"),
        ("xem 21/BC-SNgV", "21/BC-SNgV", "Báo cáo"),
        ("Quyết định số 930/QĐ-TTG ngày 28-7-2018", "930/QĐ-TTG", "Quyết định"),
    ],
)
def test_numbers_in_every_printed_shape(text: str, number: str, kind: str) -> None:
    # Given a number split by a break, spaced after a dash or known only by its code
    reference = only(text)
    # Then it is read whole and its kind comes from the word before it or from its code
    assert (reference.number, reference.kind) == (number, kind)


@pytest.mark.parametrize(
    "text",
    [
        "Số: /KH-UBND",
        "Kế hoạch số /KH-UBND ngày .../2024 của UBND tỉnh",
        "Số: 197/KH-UBND\nQuảng Trị, ngày 27 tháng 12 năm 2024",
        "*\nSố 45-KH/BCĐ\n\nKẾ HOẠCH",
        "giai đoạn 2021-2025, COVID-19, ngày 15/11/2024, 45/BC, 24/7 và 100.000.000 đồng",
        "Quốc lộ 1A, phòng 3/Tầng 2, mẫu 02/PL",
        "",
    ],
)
def test_blank_numbers_own_number_lines_and_look_alikes_are_not_references(text: str) -> None:
    assert extract_references(text) == ()


def test_first_mention_wins_and_later_mentions_fill_the_gaps() -> None:
    # Given a document cited first without date or issuer, then in full, then with a wrong kind
    text = (
        "1. Thực hiện Quyết định số 777/QĐ-TTg\n\n"
        "Triển khai Quyết định số 777/QĐ-TTg ngày 05/8/2020 của Thủ tướng Chính phủ phê duyệt;"
        " Kết luận số 777/QĐ-TTG."
    )
    # When extracted / Then one reference: first kind kept, date and issuer filled in
    assert extract_references(text) == (
        Reference("777/QĐ-TTg", "Quyết định", date(2020, 8, 5), "Thủ tướng Chính phủ"),
    )


def test_the_plans_own_number_is_excluded_and_order_is_first_mention() -> None:
    text = (
        "Kế hoạch số 12/KH-UBND ngày 02/01/2025 thực hiện Kết luận số 57-KL/TW và Nghị quyết"
        " số 47/NQ-CP; Kế hoạch 12/KH-UBND"
    )
    references = extract_references(text, exclude=["12 / KH-UBND"])
    assert [r.number for r in references] == ["57-KL/TW", "47/NQ-CP"]
    assert references[1].issuer == "Chính phủ"


def test_invalid_dates_and_unknown_issuers_are_left_out() -> None:
    assert only("Công văn số 11/SNgV-VP ngày 31/02/2024 của các cơ quan") == Reference(
        "11/SNgV-VP", "Công văn", None, None
    )


def test_normalize_number_removes_spaces_and_uppercases() -> None:
    assert normalize_number(" 3155/STTTT- TTBCXB ") == "3155/STTTT-TTBCXB"
    assert normalize_number("930/qđ-TTg") == "930/QĐ-TTG"


def _f1(gold: set[str], predicted: set[str]) -> float:
    tp = len(gold & predicted)
    precision = tp / len(predicted) if predicted else float(not gold)
    recall = tp / len(gold) if gold else float(not predicted)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def test_reference_f1_on_the_annotated_samples() -> None:
    # Given every annotated sample plan
    gold_dir = shared_or_skip("gold")
    samples = shared_or_skip("samples", "plans")
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (samples / gold["source"]).read_text(encoding="utf-8")
        own = [gold["document"]["number"]] if gold["document"]["number"] else []
        # When its references are extracted
        found = {fold(normalize_number(r.number)): r for r in extract_references(text, exclude=own)}
        expected = {fold(normalize_number(r["number"])): r for r in gold["references"]}
        # Then the numbers reach F1 >= 0.95, and kinds and dates agree where both name a number
        assert _f1(set(expected), set(found)) >= 0.95, (gold_path.name, set(expected) ^ set(found))
        for key in expected.keys() & found.keys():
            want, got = expected[key], found[key]
            assert got.kind == want["kind"], (gold_path.name, want["number"])
            assert (got.date.isoformat() if got.date else None) == want["date"], want["number"]


FRAGMENTS = st.sampled_from(
    ["số ", "Số: ", "Kế hoạch ", "Quyết định ", "12", "2024", "/", "-", "KH", "UBND", "QĐ", "TTg",
     "TW", " ", "\n", "ngày ", "15/6/2023", "31/02/2023", " của ", "UBND tỉnh", "Sở X", "(khóa ",
     ")", "[", "](#)", "*", "tháng ", "năm ", "Đ", "\u0301", ", ", " về "]
)  # fmt: skip


@given(st.one_of(st.text(), st.lists(FRAGMENTS, max_size=30).map("".join)))
def test_extract_references_never_raises(text: str) -> None:
    references = extract_references(text, province="Quảng Trị")
    assert all(r.number and r.number == "".join(r.number.split()) for r in references)
    assert len({normalize_number(r.number) for r in references}) == len(references)

"""parse_money reads the first amount of a cell in whole đồng; format_vnd prints one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ttdn.text.money import format_vnd, parse_money, parse_money_in, stated_unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("100.000.000", 100_000_000),
        ("100.000.000 đồng", 100_000_000),
        ("100.000.000đ", 100_000_000),
        ("100.000.000 VNĐ", 100_000_000),
        ("100,000,000", 100_000_000),
        ("100 triệu đồng", 100_000_000),
        ("1,5 tỷ đồng", 1_500_000_000),
        ("1.5 tỷ", 1_500_000_000),
        ("1,25 tỉ", 1_250_000_000),
        ("2 tỷ 500 triệu", 2_500_000_000),
        ("1 tỷ, 200 triệu và 500 nghìn đồng", 1_200_500_000),
        ("500 nghìn", 500_000),
        ("500 ngàn", 500_000),
        ("3 Tỷ", 3_000_000_000),
        ("1.500 triệu", 1_500_000_000),
        ("1.000.000,50 đ", 1_000_000),
        ("100000000", 100_000_000),
        ("Ngân sách tỉnh: 50.000.000 đồng", 50_000_000),
        ("Kinh phí: 30 triệu đồng/năm", 30_000_000),
        ("Quyết định 40/2018/QĐ-UBND: 5 triệu đồng", 5_000_000),
        ("Ngân sách tỉnh 20.000.000; ngân sách huyện 10.000.000", 20_000_000),
        ("Các Sở được giao chủ trì đề xuất kinh phí", None),
        ("Ngân sách tỉnh", None),
        ("Trong năm 2024", None),
        ("trước ngày 15/11/2024", None),
        ("Quý I/2024", None),
        ("12A", None),
        ("", None),
    ],
)
def test_parse_money_reads_the_first_amount(text: str, expected: int | None) -> None:
    # Given a budget cell / When read / Then its first amount in đồng, or None when it states none
    assert parse_money(text) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [(100_000_000, "100.000.000 đ"), (1_500, "1.500 đ"), (0, "0 đ"), (-5_000, "-5.000 đ")],
)
def test_format_vnd_groups_thousands_with_dots(amount: int, expected: str) -> None:
    assert format_vnd(amount) == expected


@given(st.integers(0, 10**15))
def test_format_then_parse_gives_the_amount_back(amount: int) -> None:
    assert parse_money(format_vnd(amount)) == amount


FRAGMENTS = st.sampled_from(
    ["1", "00", "000", ".", ",", " ", "tỷ", "triệu", "nghìn", "đồng", "đ", "/", "-", "và", "x",
     "Ngân sách", "\u0301", "ngàn"]
)  # fmt: skip


@given(st.one_of(st.text(), st.lists(FRAGMENTS, max_size=20).map("".join)))
def test_parse_money_never_raises(text: str) -> None:
    result = parse_money(text)
    assert result is None or (isinstance(result, int) and result >= 0)


@pytest.mark.parametrize(
    ("heading", "unit"),
    [
        ("Kinh phí (triệu đồng)", "triệu"),
        ("Dự toán (nghìn đồng)", "nghìn"),
        ("ĐVT: tỷ đồng", "tỷ"),
        ("Kinh phí (triệu)", "triệu"),
        ("Kinh phí dự kiến (Đồng)", None),
        ("Kinh phí", None),
    ],
)
def test_stated_unit_of_a_budget_heading(heading: str, unit: str | None) -> None:
    assert stated_unit(heading) == unit


@pytest.mark.parametrize(
    ("cell", "unit", "expected"),
    [
        ("150", "triệu", 150_000_000),
        ("1,5", "triệu", 1_500_000),
        ("1.500", "nghìn", 1_500_000),
        ("2 tỷ đồng", "triệu", 2_000_000_000),  # its own words win
        ("150", None, 150),
    ],
)
def test_a_bare_figure_is_in_its_column_unit(cell: str, unit: str | None, expected: int) -> None:
    assert parse_money_in(cell, unit) == expected

"""Time phrases: due date (the last day implied), recurrence, start; phrases found in a task's
own words; the report deadline of a plan."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ttdn.plans.parsing.timeline import (
    Timeline,
    find_timeline,
    fold_same_length,
    parse_timeline,
    report_deadline,
)

Y = 2024  # the plan year given to phrases that leave the year out


@pytest.mark.parametrize(
    ("phrase", "due", "recurrence"),
    [
        ("Quý I/2023", date(2023, 3, 31), None),
        ("Quý III năm 2024", date(2024, 9, 30), None),
        ("Quý IV/2023", date(2023, 12, 31), None),
        ("quý iv - 2023", date(2023, 12, 31), None),
        ("QUY II/2023", date(2023, 6, 30), None),
        ("Quý 2 năm 2025", date(2025, 6, 30), None),
        ("Quý I", date(Y, 3, 31), None),
        ("6 tháng đầu năm", date(Y, 6, 30), None),
        ("6 tháng cuối năm", date(Y, 12, 31), None),
        ("6 tháng đầu năm 2025", date(2025, 6, 30), None),
        ("tháng 10/2024", date(2024, 10, 31), None),
        ("Tháng 02/2024", date(2024, 2, 29), None),
        ("Tháng 02/2023", date(2023, 2, 28), None),
        ("tháng 9 năm 2025", date(2025, 9, 30), None),
        ("tháng 11-2023", date(2023, 11, 30), None),
        ("trước ngày 15/11/2024", date(2024, 11, 15), None),
        ("trước ngày 30-10-2019", date(2019, 10, 30), None),
        ("Trước ngày 05.12.2022", date(2022, 12, 5), None),
        ("trước 15/11", date(Y, 11, 15), None),
        ("ngày 15 tháng 11 năm 2024", date(2024, 11, 15), None),
        ("trong năm 2024", date(2024, 12, 31), None),
        ("Trong năm 2024", date(2024, 12, 31), None),
        ("Năm 2023", date(2023, 12, 31), None),
        ("năm 2023", date(2023, 12, 31), None),
        ("Cả năm", date(Y, 12, 31), None),
        ("Thường xuyên", date(Y, 12, 31), "continuous"),
        ("thuong xuyen", date(Y, 12, 31), "continuous"),
        ("Liên tục", date(Y, 12, 31), "continuous"),
        ("Thường xuyên trong năm", date(Y, 12, 31), "continuous"),
        ("mỗi quý một số", date(Y, 12, 31), "quarterly"),
        ("Hằng quý", date(Y, 12, 31), "quarterly"),
        ("hàng quý", date(Y, 12, 31), "quarterly"),
        ("định kỳ hằng quý", date(Y, 12, 31), "quarterly"),
        ("hằng năm", date(Y, 12, 31), "yearly"),
        ("Hàng năm", date(Y, 12, 31), "yearly"),
        ("định kỳ hằng tháng", date(Y, 12, 31), "monthly"),
        ("hàng tháng", date(Y, 12, 31), "monthly"),
        ("Hằng năm 2025", date(2025, 12, 31), "yearly"),
        ("2023 - 2025", date(2025, 12, 31), None),
        ("2023–2025", date(2025, 12, 31), None),
        ("giai đoạn 2021-2025", date(2025, 12, 31), None),
        ("từ năm 2021 đến năm 2025", date(2025, 12, 31), None),
        ("từ tháng 3 đến tháng 6/2024", date(2024, 6, 30), None),
        ("đột xuất khi có yêu cầu", None, None),
        ("trước ngày 15/11/2024 và đột xuất khi có yêu cầu", date(2024, 11, 15), None),
        ("Quý I và Quý II/2024", date(2024, 6, 30), None),
        ("Quý I, II/2024", date(2024, 6, 30), None),
        ("cuối năm 2024", date(2024, 12, 31), None),
        ("31/02/2024", None, None),
        ("tháng 13/2024", None, None),
        ("trước ngày 31/02", None, None),
        ("Theo kế hoạch của Bộ", None, None),
        ("", None, None),
    ],
)
def test_parse_timeline_gives_the_last_day_and_the_recurrence(
    phrase: str, due: date | None, recurrence: str | None
) -> None:
    # Given a time phrase as printed / When read for a plan of year Y
    result = parse_timeline(phrase, plan_year=Y)
    # Then the due date is the last day it implies and the recurrence its kind of repetition
    assert (result.due, result.recurrence) == (due, recurrence)
    assert result.phrase == phrase.strip()


@pytest.mark.parametrize(
    ("phrase", "due", "recurrence"),
    [
        ("Thường xuyên", None, "continuous"),
        ("hằng năm", None, "yearly"),
        ("Quý I", None, None),
        ("trước 15/11", None, None),
        ("Quý I và Quý II/2024", date(2024, 6, 30), None),
        ("Thường xuyên trong năm 2023", date(2023, 12, 31), "continuous"),
    ],
)
def test_without_a_plan_year_only_explicit_years_give_a_due_date(
    phrase: str, due: date | None, recurrence: str | None
) -> None:
    # Given a phrase / When the plan year is unknown
    result = parse_timeline(phrase, plan_year=None)
    # Then years are taken from the phrase only
    assert (result.due, result.recurrence) == (due, recurrence)


@pytest.mark.parametrize(
    ("phrase", "start"),
    [
        ("từ tháng 3 đến tháng 6/2024", date(2024, 3, 1)),
        ("từ ngày 01/3/2024 đến ngày 30/6/2024", date(2024, 3, 1)),
        ("Quý III/2023", date(2023, 7, 1)),
        ("giai đoạn 2021-2025", date(2021, 1, 1)),
        ("trước ngày 15/11/2024", None),
        ("Thường xuyên", None),
    ],
)
def test_start_is_the_first_day_of_the_named_period(phrase: str, start: date | None) -> None:
    assert parse_timeline(phrase, plan_year=Y).start == start


def test_timeline_keeps_the_phrase_as_printed() -> None:
    assert parse_timeline("  Quý I/2023 ", plan_year=None) == Timeline(
        phrase="Quý I/2023", due=date(2023, 3, 31), recurrence=None, start=date(2023, 1, 1)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thường xuyên kiểm tra, đôn đốc các đơn vị thực hiện kế hoạch.", "Thường xuyên"),
        ("- Thường xuyên trong năm, tổ chức đoàn công tác.", "Thường xuyên trong năm"),
        ("b) Hằng năm, tổ chức hội nghị tổng kết.", "Hằng năm"),
        ("Trong năm 2025, xuất bản hai ấn phẩm.", "Trong năm 2025"),
        (
            "Tổng hợp và báo cáo kết quả về Sở Ngoại vụ trước ngày 20/11/2025.",
            "trước ngày 20/11/2025",
        ),
        (
            "Gửi báo cáo về Sở trước ngày 10/12/2025 và đột xuất khi có yêu cầu, để tổng hợp.",
            "trước ngày 10/12/2025 và đột xuất khi có yêu cầu",
        ),
        (
            "Các huyện nộp báo cáo năm **trước ngày 01-11-2020** để tổng hợp.",
            "trước ngày 01-11-2020",
        ),
        ("Hoàn thành việc lắp đặt pa-nô trong quý II/2025.", "trong quý II/2025"),
        ("- *Thời gian thực hiện*: Quý III/2025.", "Quý III/2025"),
        ("Thời gian thực hiện: mỗi quý một số", "mỗi quý một số"),
        ("Chủ động phối hợp; thường xuyên cập nhật thông tin trên cổng.", None),
        ("Cung cấp thông tin. Thường xuyên cập nhật trang tin.", None),
        ("Tổ chức các hoạt động thông tin đối ngoại năm 2024 của tỉnh.", None),
        ("Các sự kiện chính trị trong năm 2024 được lồng ghép vào tuyên truyền.", None),
        ("KẾ HOẠCH công tác thông tin đối ngoại năm 2023", None),
        ("Triển khai Quyết định số 12/2021/QĐ-UBND ngày 19/12/2021 của UBND tỉnh.", None),
        ("", None),
    ],
)
def test_find_timeline_returns_the_phrase_as_printed(text: str, expected: str | None) -> None:
    # Given a task's own words / When looking for its time phrase
    # Then a deadline anywhere, a labelled value or a recurrence that opens the task is found;
    # an adverb inside the sentence, a bare year and a cited document's date are not
    assert find_timeline(text) == expected


REPORTS = """Những ý kiến góp ý về dự thảo, đề nghị gửi về Sở trước ngày 23/11/2024.

I. NHIỆM VỤ

1. Tổ chức hội nghị trước ngày 01/6/2025.

2. Các đơn vị báo cáo kết quả thực hiện về Sở Ngoại vụ trước ngày 15/11/2025 và đột xuất khi có yêu cầu.
"""


@pytest.mark.parametrize(
    ("text", "plan_year", "expected"),
    [
        (REPORTS, 2025, date(2025, 11, 15)),
        ("Chế độ báo cáo: các sở gửi báo cáo năm trước ngày 30-10-2019.", None, date(2019, 10, 30)),
        ("Các đơn vị gửi báo cáo về Sở TTTT trước ngày 15/11 hằng năm.", 2025, date(2025, 11, 15)),
        (
            "Báo cáo sơ kết trước ngày 15/6/2025; báo cáo năm trước ngày 15/11/2025.",
            2025,
            date(2025, 11, 15),
        ),
        ("Đề nghị các đơn vị góp ý, báo cáo ý kiến trước ngày 23/11/2023.", 2024, None),
        ("Tổ chức hội nghị trước ngày 15/11/2025, sau đó báo cáo.", 2025, None),
        ("Các đơn vị gửi báo cáo trước ngày 15/11 hằng năm.", None, None),
        ("", 2025, None),
    ],
)
def test_report_deadline_reads_reporting_sentences_only(
    text: str, plan_year: int | None, expected: date | None
) -> None:
    # Given a plan's text / When looking for the date units must report by
    # Then only a deadline after "báo cáo" in a sentence not about a draft counts, the latest wins
    assert report_deadline(text, plan_year=plan_year) == expected


def test_fold_same_length_keeps_every_offset() -> None:
    text = "Thường Xuyên ĐỊNH KỲ hằng Quý\u00a0IV"
    folded = fold_same_length(text)
    assert folded == "thuong xuyen dinh ky hang quy iv"
    assert len(folded) == len(text)


FRAGMENTS = st.sampled_from(
    ["Quý ", "I", "IV", "/", "-", ".", "2024", "20", "31", "02", "13", "tháng ", "năm ",
     "trước ngày ", "từ ", "đến ", "Thường xuyên", " hằng ", "quý", " và ", "đột xuất", "6 tháng ",
     "đầu ", "cuối ", "báo cáo ", "\n", "**", "ngày ", "0", "9", "–", "Đ", "\u0301", " "]
)  # fmt: skip
TEXTS = st.one_of(st.text(), st.lists(FRAGMENTS, max_size=30).map("".join))


@given(TEXTS, st.one_of(st.none(), st.integers(1900, 2099)))
def test_timeline_functions_never_raise_on_arbitrary_text(text: str, plan_year: int | None) -> None:
    result = parse_timeline(text, plan_year=plan_year)
    assert result.due is None or isinstance(result.due, date)
    assert result.recurrence in (None, "continuous", "quarterly", "monthly", "yearly")
    found = find_timeline(text)
    assert found is None or (found and found == found.strip())
    deadline = report_deadline(text, plan_year=plan_year)
    assert deadline is None or isinstance(deadline, date)

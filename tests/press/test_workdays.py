"""Working days against the official holiday calendars of 2025 and 2026.

Sources of the table (read 12/2026):
- 2025: Thông báo 6150/TB-BLĐTBXH (Tết 25/01–02/02; 30/4–04/5 with Friday 02/5 worked on Saturday
  26/4; Quốc khánh 30/8–02/9), as reported by kntb.vn and tet-amlich.com; Giỗ Tổ 10/3 âm lịch =
  Monday 07/4/2025.
- 2026: Công văn 12729/VPCP-KGVX ngày 25/12/2025 (Tết Dương lịch 01–04/01, Friday 02/01 worked on
  Saturday 10/01), the Tết plan approved by the Prime Minister (14/02–22/02/2026, congan.com.vn,
  vnanet.vn 17/10/2025), thanhnien.vn 23/02/2026 (Giỗ Tổ Sunday 26/4 → Monday 27/4 off;
  30/4–01/5 Thursday–Friday).
"""

from __future__ import annotations

import datetime as dt

import pytest

from ttdn.press.workdays import DeadlineRule, deadline_for, default_calendar, rule_in_force
from ttdn.press.workdays.calendar import (
    ANNOUNCEMENTS,
    RULE_SETS,
    WorkCalendar,
    announcements_from_json,
)
from ttdn.press.workdays.lunar import lunar_new_year, lunar_to_solar

D = dt.date
CAL = default_calendar()

# (date, is a working day of civil servants, why)
REAL_DATES = [
    (D(2025, 1, 1), False, "Tết Dương lịch 2025, thứ Tư"),
    (D(2025, 1, 2), True, "ngày thường sau Tết Dương lịch"),
    (D(2025, 1, 24), True, "thứ Sáu trước kỳ nghỉ Tết"),
    (D(2025, 1, 27), False, "28 tháng Chạp"),
    (D(2025, 1, 29), False, "mùng 1 Tết Ất Tỵ"),
    (D(2025, 1, 31), False, "mùng 3 Tết"),
    (D(2025, 2, 3), True, "đi làm lại sau Tết, thứ Hai"),
    (D(2025, 4, 7), False, "Giỗ Tổ Hùng Vương, thứ Hai"),
    (D(2025, 4, 8), True, "thứ Ba sau Giỗ Tổ"),
    (D(2025, 4, 26), True, "thứ Bảy làm bù"),
    (D(2025, 4, 29), True, "thứ Ba trước lễ"),
    (D(2025, 4, 30), False, "Ngày Chiến thắng"),
    (D(2025, 5, 1), False, "Quốc tế Lao động"),
    (D(2025, 5, 2), False, "thứ Sáu được hoán đổi"),
    (D(2025, 5, 5), True, "thứ Hai sau lễ"),
    (D(2025, 9, 1), False, "ngày liền trước Quốc khánh"),
    (D(2025, 9, 2), False, "Quốc khánh"),
    (D(2025, 9, 3), True, "thứ Tư sau Quốc khánh"),
    (D(2026, 1, 1), False, "Tết Dương lịch 2026"),
    (D(2026, 1, 2), False, "thứ Sáu hoán đổi"),
    (D(2026, 1, 5), True, "thứ Hai đi làm lại"),
    (D(2026, 1, 10), True, "thứ Bảy làm bù"),
    (D(2026, 1, 11), False, "Chủ nhật"),
    (D(2026, 2, 13), True, "thứ Sáu trước Tết"),
    (D(2026, 2, 16), False, "29 tháng Chạp"),
    (D(2026, 2, 17), False, "mùng 1 Tết Bính Ngọ"),
    (D(2026, 2, 20), False, "mùng 4 Tết"),
    (D(2026, 2, 23), True, "đi làm lại sau Tết"),
    (D(2026, 4, 27), False, "nghỉ bù Giỗ Tổ (26/4 là Chủ nhật)"),
    (D(2026, 4, 28), True, "thứ Ba"),
    (D(2026, 4, 30), False, "Ngày Chiến thắng, thứ Năm"),
    (D(2026, 5, 1), False, "Quốc tế Lao động, thứ Sáu"),
    (D(2026, 5, 4), True, "thứ Hai sau lễ"),
    (D(2026, 9, 2), False, "Quốc khánh, thứ Tư"),
]


@pytest.mark.parametrize(("day", "working", "why"), REAL_DATES)
def test_working_days_match_the_official_calendar(day: dt.date, working: bool, why: str) -> None:
    assert CAL.is_working_day(day) is working, why


def test_2025_has_the_announced_number_of_weekdays_off() -> None:
    weekdays_off = [d for d in CAL.days_off(2025) if d.weekday() < 5]
    # 1/1; Tết 27–31/1; 7/4; 30/4, 1/5, 2/5; 1/9, 2/9
    assert len(weekdays_off) == 12
    # 261 weekdays in 2025, minus 12 off, plus Saturday 26/4 worked.
    assert CAL.working_days_between(D(2025, 1, 1), D(2025, 12, 31)) == 261 - 12 + 1


def test_lunar_dates_use_the_vietnamese_meridian() -> None:
    assert lunar_new_year(2025) == D(2025, 1, 29)
    assert lunar_new_year(2026) == D(2026, 2, 17)
    assert lunar_new_year(2027) == D(2027, 2, 6)
    assert lunar_new_year(1985) == D(1985, 1, 21)  # China: 20/2/1985
    assert lunar_new_year(2007) == D(2007, 2, 17)  # China: 18/2/2007
    assert lunar_to_solar(10, 3, 2024) == D(2024, 4, 18)
    assert lunar_to_solar(10, 3, 2023) == D(2023, 4, 29)  # 2023 had a leap 2nd month
    with pytest.raises(ValueError, match="không có tháng 3 nhuận"):
        lunar_to_solar(1, 3, 2023, leap=True)


def test_add_working_days_skips_tet_and_weekends() -> None:
    # Received Thursday 12/2/2026; 5 working days: 13/2, 23/2, 24/2, 25/2, 26/2.
    assert CAL.add_working_days(D(2026, 2, 12), 5) == D(2026, 2, 26)
    # 10 working days before entry on Monday 4/5/2026: 29, 28, 24, 23, 22, 21, 20, 17, 16, 15/4
    # (1/5, 30/4 and 27/4 are off).
    assert CAL.add_working_days(D(2026, 5, 4), -10) == D(2026, 4, 15)
    # A make-up Saturday counts: after Friday 9/1/2026 the next working day is Saturday 10/1.
    assert CAL.add_working_days(D(2026, 1, 9), 1) == D(2026, 1, 10)
    assert CAL.add_working_days(D(2026, 3, 2), 0) == D(2026, 3, 2)


def test_unannounced_year_uses_the_rules_with_compensation() -> None:
    # 2027: nothing announced. 1/1 Friday; Tết 6/2 Saturday → 5/2–9/2 with Sat/Sun made good on
    # 10/2 and 11/2; Giỗ Tổ 16/4 Friday; 30/4 Friday, 1/5 Saturday → Monday 3/5; 2/9 Thursday + 3/9.
    weekdays_off = sorted(d for d in CAL.days_off(2027) if d.weekday() < 5)
    assert weekdays_off == [
        D(2027, 1, 1),
        D(2027, 2, 5),
        D(2027, 2, 8),
        D(2027, 2, 9),
        D(2027, 2, 10),
        D(2027, 2, 11),
        D(2027, 4, 16),
        D(2027, 4, 30),
        D(2027, 5, 3),
        D(2027, 9, 2),
        D(2027, 9, 3),
    ]


def test_rules_are_dated_before_2021_quoc_khanh_was_one_day() -> None:
    calendar = WorkCalendar(RULE_SETS, ANNOUNCEMENTS)
    assert calendar.occasion_of(D(2020, 9, 2)) == "Quốc khánh"
    assert calendar.is_working_day(D(2020, 9, 1)) is True  # only 2/9 under the 2012 Code
    assert calendar.is_working_day(D(2020, 9, 3)) is True
    with pytest.raises(ValueError, match="Chưa cấu hình ngày nghỉ lễ"):
        calendar.is_working_day(D(2010, 5, 3))


def test_extra_announcement_replaces_the_computed_occasion() -> None:
    extra = (
        '[{"year": 2027, "occasion": "tet", "from": "2027-02-04", "to": "2027-02-14",'
        ' "make_up": ["2027-02-20"], "source": "giả định cho kiểm thử"}]'
    )
    calendar = default_calendar(extra)
    assert calendar.is_working_day(D(2027, 2, 4)) is False
    assert calendar.is_working_day(D(2027, 2, 12)) is False
    assert calendar.is_working_day(D(2027, 2, 15)) is True
    assert calendar.is_working_day(D(2027, 2, 20)) is True
    with pytest.raises(ValueError, match="Dịp nghỉ không xác định"):
        announcements_from_json(
            '[{"year": 2027, "occasion": "x", "from": "2027-01-01", "to": "2027-01-01"}]'
        )


def test_deadline_rules_follow_the_decree_in_force() -> None:
    notice = rule_in_force("press_conference_notice", D(2026, 7, 1))
    assert isinstance(notice, DeadlineRule)
    assert notice.legal_basis == "Nghị định 262/2026/NĐ-CP"
    apply_old = rule_in_force("apply_before_entry", D(2026, 3, 1))
    assert apply_old is not None and apply_old.legal_basis == "Nghị định 88/2012/NĐ-CP"
    tz = dt.timezone(dt.timedelta(hours=7))
    start = dt.datetime(2026, 9, 10, 9, 0, tzinfo=tz)
    assert deadline_for(notice, start, CAL) == dt.datetime(2026, 9, 9, 9, 0, tzinfo=tz)
    report = rule_in_force("post_programme_report", D(2026, 4, 29))
    assert report is not None
    ended = dt.datetime(2026, 4, 29, 17, 0, tzinfo=tz)
    # 30/4 and 1/5 are off: the 3 working days are 4/5, 5/5, 6/5.
    assert deadline_for(report, ended, CAL) == dt.datetime(2026, 5, 6, 23, 59, tzinfo=tz)


def test_rules_of_decree_88_carry_their_article() -> None:
    """NĐ 88/2012 (in force 20/12/2012): Điều 4 khoản 1–2 (a non-resident reporter applies ≥ 10
    working days before entry, answered within 10), Điều 13 (a resident reporter's request to
    work in a province is answered within 5 working days), Điều 18 khoản 2 (a foreign body
    asks the province ≥ 2 working days before a press conference)."""
    on = D(2026, 3, 2)
    found = {
        code: rule_in_force(code, on)
        for code in ("apply_before_entry", "answer_non_resident", "answer_resident")
    }
    assert {code: (r.amount, r.provision) for code, r in found.items() if r} == {
        "apply_before_entry": (10, "Điều 4 khoản 1"),
        "answer_non_resident": (10, "Điều 4 khoản 2"),
        "answer_resident": (5, "Điều 13 (hoạt động tại địa phương)"),
    }
    assert rule_in_force("answer_resident", D(2012, 12, 19)) is None
    notice = rule_in_force("press_conference_notice", D(2026, 6, 30))
    assert notice is not None
    assert (notice.amount, notice.unit, notice.legal_basis, notice.provision) == (
        2,
        "working_days",
        "Nghị định 88/2012/NĐ-CP",
        "Điều 18 khoản 2",
    )
    tz = dt.timezone(dt.timedelta(hours=7))
    # A conference on Thursday 11/6/2026 at 09:00: the 2nd working day before is Tuesday 9/6.
    start = dt.datetime(2026, 6, 11, 9, 0, tzinfo=tz)
    assert deadline_for(notice, start, CAL) == dt.datetime(2026, 6, 9, 23, 59, tzinfo=tz)

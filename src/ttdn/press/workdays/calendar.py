"""Public holidays and working days of civil servants (Monday–Friday, minus the days off).

Two layers of dated configuration: `RULE_SETS` (the Labour Code's holidays and its weekend
compensation, by effective date) and `ANNOUNCEMENTS` (each year's official schedule: the days
off of an occasion as announced, bridges, and the Saturdays worked in exchange). An occasion the
year's announcement covers replaces the rule's computation; the others are computed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from ttdn.press.workdays.lunar import lunar_new_year, lunar_to_solar

DAY = dt.timedelta(days=1)

OCCASION_NAMES: Mapping[str, str] = {
    "new_year": "Tết Dương lịch",
    "tet": "Tết Nguyên đán",
    "hung_kings": "Giỗ Tổ Hùng Vương",
    "victory_labour": "Ngày Chiến thắng và Quốc tế Lao động",
    "national_day": "Quốc khánh",
}


@dataclass(frozen=True)
class RuleSet:
    """The statutory holidays of one version of the Labour Code (Điều 112)."""

    effective_from: dt.date
    legal_basis: str
    tet_days_before: int  # days off before mùng 1 when no announcement says otherwise
    tet_days_after: int  # mùng 1 included
    national_day_days: int  # 2/9 alone, or 2/9 and one adjacent day
    # weekday of 2/9 (0 = Monday) → which adjacent day is off (-1 the day before, +1 after)
    national_day_adjacent: Mapping[int, int] = field(default_factory=dict)


RULE_SETS: tuple[RuleSet, ...] = (
    RuleSet(dt.date(2013, 5, 1), "Bộ luật Lao động 2012, Điều 115", 1, 4, 1),
    RuleSet(
        dt.date(2021, 1, 1),
        "Bộ luật Lao động 2019, Điều 112",
        1,
        4,
        2,
        {0: +1, 1: -1, 2: -1, 3: +1, 4: -1, 5: -1, 6: +1},
    ),
)


@dataclass(frozen=True)
class Announcement:
    """One occasion of one year as officially announced for civil servants."""

    year: int
    occasion: str
    days_off: tuple[dt.date, ...]  # every day of the break, weekends included
    make_up_days: tuple[dt.date, ...] = ()  # weekend days worked instead of a bridge day
    source: str = ""


def _span(first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    return tuple(first + DAY * i for i in range((last - first).days + 1))


_D = dt.date
ANNOUNCEMENTS: tuple[Announcement, ...] = (
    Announcement(2025, "new_year", (_D(2025, 1, 1),), (), "Thông báo 6150/TB-BLĐTBXH"),
    Announcement(
        2025, "tet", _span(_D(2025, 1, 25), _D(2025, 2, 2)), (), "Thông báo 6150/TB-BLĐTBXH"
    ),
    Announcement(
        2025,
        "victory_labour",
        _span(_D(2025, 4, 30), _D(2025, 5, 4)),
        (_D(2025, 4, 26),),
        "Thông báo 6150/TB-BLĐTBXH: đổi thứ Sáu 02/5 lấy thứ Bảy 26/4",
    ),
    Announcement(
        2025,
        "national_day",
        _span(_D(2025, 8, 30), _D(2025, 9, 2)),
        (),
        "Thông báo 6150/TB-BLĐTBXH",
    ),
    Announcement(
        2026,
        "new_year",
        _span(_D(2026, 1, 1), _D(2026, 1, 4)),
        (_D(2026, 1, 10),),
        "Công văn 12729/VPCP-KGVX ngày 25/12/2025: đổi thứ Sáu 02/01 lấy thứ Bảy 10/01",
    ),
    Announcement(
        2026,
        "tet",
        _span(_D(2026, 2, 14), _D(2026, 2, 22)),
        (),
        "Phương án của Bộ Nội vụ được Thủ tướng Chính phủ đồng ý (10/2025)",
    ),
)


def rule_set_for(day: dt.date, rule_sets: Iterable[RuleSet] = RULE_SETS) -> RuleSet:
    in_force = [r for r in rule_sets if r.effective_from <= day]
    if not in_force:
        raise ValueError(f"Chưa cấu hình ngày nghỉ lễ cho ngày {day:%d/%m/%Y}.")
    return max(in_force, key=lambda r: r.effective_from)


def statutory_days(year: int, rules: RuleSet) -> dict[str, tuple[dt.date, ...]]:
    """The holiday dates themselves, per occasion, before any weekend compensation."""
    tet = lunar_new_year(year)
    national = dt.date(year, 9, 2)
    national_days = [national]
    if rules.national_day_days == 2:
        national_days.append(national + DAY * rules.national_day_adjacent[national.weekday()])
    return {
        "new_year": (dt.date(year, 1, 1),),
        "tet": _span(tet - DAY * rules.tet_days_before, tet + DAY * (rules.tet_days_after - 1)),
        "hung_kings": (lunar_to_solar(10, 3, year),),
        "victory_labour": (dt.date(year, 4, 30), dt.date(year, 5, 1)),
        "national_day": tuple(sorted(national_days)),
    }


def _with_compensation(days: tuple[dt.date, ...], taken: set[dt.date]) -> list[dt.date]:
    """A holiday on a Saturday or Sunday gives the next working day off (nghỉ bù)."""
    result = list(days)
    occupied = taken | set(days)
    for day in days:
        if day.weekday() >= 5:
            substitute = day + DAY
            while substitute.weekday() >= 5 or substitute in occupied:
                substitute += DAY
            occupied.add(substitute)
            result.append(substitute)
    return result


class WorkCalendar:
    """Working days of civil servants: Monday–Friday minus days off, plus make-up Saturdays."""

    def __init__(
        self,
        rule_sets: Iterable[RuleSet] = RULE_SETS,
        announcements: Iterable[Announcement] = ANNOUNCEMENTS,
    ) -> None:
        self.rule_sets = tuple(rule_sets)
        self.announcements = tuple(announcements)
        self._years: dict[int, tuple[dict[dt.date, str], frozenset[dt.date]]] = {}

    def _year(self, year: int) -> tuple[dict[dt.date, str], frozenset[dt.date]]:
        if year not in self._years:
            self._years[year] = self._compute_year(year)
        return self._years[year]

    def _compute_year(self, year: int) -> tuple[dict[dt.date, str], frozenset[dt.date]]:
        announced = {a.occasion: a for a in self.announcements if a.year == year}
        rules = rule_set_for(dt.date(year, 12, 31), self.rule_sets)
        off: dict[dt.date, str] = {}
        make_up: set[dt.date] = set()
        for occasion, days in statutory_days(year, rules).items():
            name = OCCASION_NAMES[occasion]
            if occasion in announced:
                off.update(dict.fromkeys(announced[occasion].days_off, name))
                make_up |= set(announced[occasion].make_up_days)
            else:
                off.update(dict.fromkeys(_with_compensation(days, set(off)), name))
        return off, frozenset(make_up)

    def days_off(self, year: int) -> dict[dt.date, str]:
        """Every holiday, compensation and bridge day of `year` (weekends inside a break too)."""
        return dict(sorted(self._year(year)[0].items()))

    def occasion_of(self, day: dt.date) -> str | None:
        return self._year(day.year)[0].get(day)

    def is_working_day(self, day: dt.date) -> bool:
        off, make_up = self._year(day.year)
        if day in make_up:
            return True
        return day.weekday() < 5 and day not in off

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `start` (negative: before); `start` is not counted,
        as in "trong thời hạn 05 ngày làm việc kể từ ngày nhận"."""
        step = DAY if count >= 0 else -DAY
        day, remaining = start, abs(count)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, first: dt.date, last: dt.date) -> int:
        """Working days in [first, last]; 0 when last is before first."""
        count, day = 0, first
        while day <= last:
            count += self.is_working_day(day)
            day += DAY
        return count


def announcements_from_json(text: str) -> tuple[Announcement, ...]:
    """Extra announcements, e.g. next year's as soon as it is published:
    [{"year": 2027, "occasion": "tet", "from": "2027-02-04", "to": "2027-02-12",
      "make_up": ["2027-02-20"], "source": "…"}]."""
    rows = json.loads(text)
    result = []
    for row in rows:
        if row["occasion"] not in OCCASION_NAMES:
            raise ValueError(f"Dịp nghỉ không xác định: {row['occasion']}.")
        first, last = dt.date.fromisoformat(row["from"]), dt.date.fromisoformat(row["to"])
        if last < first:
            raise ValueError(f"Dịp nghỉ {row['occasion']} {row['year']}: ngày kết thúc trước.")
        make_up = tuple(dt.date.fromisoformat(d) for d in row.get("make_up", []))
        result.append(
            Announcement(
                int(row["year"]),
                row["occasion"],
                _span(first, last),
                make_up,
                str(row.get("source", "")),
            )
        )
    return tuple(result)


@lru_cache(maxsize=4)
def default_calendar(extra_json: str = "") -> WorkCalendar:
    """The shipped rules and announcements, plus extra announcements (later ones win)."""
    extra = announcements_from_json(extra_json) if extra_json else ()
    replaced = {(a.year, a.occasion) for a in extra}
    kept = [a for a in ANNOUNCEMENTS if (a.year, a.occasion) not in replaced]
    return WorkCalendar(RULE_SETS, (*kept, *extra))

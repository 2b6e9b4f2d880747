"""Vietnamese time phrases of a plan -> due date and recurrence.

`parse_timeline` reads a phrase as printed ("Quý I/2023", "Thường xuyên trong năm", "trước ngày
15/11/2024"); `find_timeline` picks such a phrase out of a task's own words; `report_deadline`
finds the date by which units must report results. Matching runs on a same-length folded copy of
the text (`fold_same_length`) so every span maps back to the words as printed.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from ttdn.plans.parsing.model import Recurrence


@dataclass(frozen=True)
class Timeline:
    """What a time phrase means: the last day it implies (`due`), the first day of the period it
    names (`start`, None for a bare deadline) and how often the work repeats."""

    phrase: str
    due: date | None
    recurrence: Recurrence | None
    start: date | None


def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return "d" if base in "đð" else base if len(base) == 1 else ch


# Indexed by code point up to the end of the Vietnamese block: each Latin letter -> one lowercase
# bare letter, everything else itself (a list is twice as fast as a dict for str.translate;
# code points past its end raise IndexError, which translate reads as "keep").
_FOLD_TABLE = [_fold_char(chr(cp)) if chr(cp).isalpha() else chr(cp) for cp in range(0x1F00)]
_FOLD_TABLE[0xA0] = " "


def fold_same_length(text: str) -> str:
    """Lowercase `text` and strip its diacritics (đ -> d) character for character.

    Unlike `ttdn.text.normalize.fold` the result has exactly the length of `text`, so a match
    in it is a span of `text`. Give it NFC text: a decomposed mark stays a mark.
    """
    return text.translate(_FOLD_TABLE)


_Y = r"((?:19|20)\d{2})(?!\d)"


def _year(name: str) -> str:
    return rf"(?P<{name}>(?:19|20)\d{{2}})(?!\d)"


def _year_after(name: str) -> str:
    return rf"(?:\s*(?:/|-|nam)\s*{_year(name)})?"


_SEP = r"\s*[/\-.]\s*"
_ROMAN = r"(?:iv|iii|ii|i|[1-4])(?![a-z0-9])"
_QUARTERS = rf"{_ROMAN}(?:\s*(?:,|va|&|-|den)\s*(?:quy\s*)?{_ROMAN})*"
# One alternative per kind of time expression; at a given position the first that fits wins,
# so full dates are read before the bare years inside them. The look-ahead on the first letter
# only saves time: most positions of a sentence cannot start any of them.
_ITEM = re.compile(
    "(?=[\\dtqdcn])(?:"
    + "|".join(
        (
            rf"(?P<dmy>(?<!\d)(?P<d1>\d{{1,2}}){_SEP}(?P<m1>\d{{1,2}}){_SEP}{_year('y1')})",
            rf"(?P<dmy_words>(?<!\d)(?P<d2>\d{{1,2}})\s+thang\s+(?P<m2>\d{{1,2}})\s*,?\s+nam\s+"
            rf"{_year('y2')})",
            rf"(?P<half>6\s+thang\s+(?P<which>dau|cuoi)\s+nam(?:\s+{_year('y3')})?)",
            rf"(?P<year_part>\b(?P<part>dau|cuoi)\s+nam(?:\s+{_year('y4')})?)",
            rf"(?P<quarter>\bquy\s*(?P<q>{_QUARTERS}){_year_after('y5')})",
            rf"(?P<month>\bthang\s*(?P<m6>\d{{1,2}})(?!\d){_year_after('y6')})",
            rf"(?P<years>(?<![\d/])(?:nam\s+)?{_year('y7')}\s*[-–—]\s*(?:nam\s+)?{_year('y8')})",
            rf"(?P<month_year>(?<![\d/])(?P<m9>\d{{1,2}})\s*/\s*{_year('y9')})",
            r"(?P<day_month>(?<![\d/])(?P<d10>\d{1,2})\s*/\s*(?P<m10>\d{1,2})(?![\d/]))",
            rf"(?P<year>(?<![\d/]){_year('y11')})",
            r"(?P<plan_year>\b(?:trong|ca)\s+nam(?!\s*\d))",
        )
    )
    + ")"
)
_ROMAN_VALUES = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ROMAN_TOKEN = re.compile(_ROMAN)
_FROM = re.compile(r"\btu\s+(?:ngay\s+)?$")
_RECURRENCE = re.compile(
    r"(?P<continuous>thuong xuyen|lien tuc)"
    r"|(?:moi|hang|tung|dinh ky(?:\s+hang)?)\s+"
    r"(?:(?P<quarterly>quy)|(?P<monthly>thang)|(?P<yearly>nam))(?![a-z])"
)
_RECURRENCES: dict[str, Recurrence] = {
    "continuous": "continuous",
    "quarterly": "quarterly",
    "monthly": "monthly",
    "yearly": "yearly",
}


@dataclass(frozen=True)
class _Span:
    start: date | None
    end: date


def parse_timeline(phrase: str, *, plan_year: int | None) -> Timeline:
    """Read a time phrase; years left out ("Quý I", "trước 15/11") come from the phrase's last
    explicit year, else from `plan_year`. Never raises: what cannot be read gives None."""
    phrase = unicodedata.normalize("NFC", phrase or "").strip()
    folded = " ".join(fold_same_length(phrase).split())
    match = _RECURRENCE.search(folded)
    recurrence = _RECURRENCES[match.lastgroup or ""] if match else None
    default = _default_year(folded, plan_year)
    spans = list(_spans(folded, default))
    if spans:
        starts = [s.start for s in spans if s.start]
        return Timeline(phrase, max(s.end for s in spans), recurrence, min(starts, default=None))
    # A recurrence alone runs through the plan year ("Thường xuyên", "hằng quý").
    due = date(default, 12, 31) if recurrence and default else None
    return Timeline(phrase, due, recurrence, None)


def _default_year(folded: str, plan_year: int | None) -> int | None:
    years = re.findall(_Y, folded)
    return int(years[-1]) if years else plan_year


def _spans(folded: str, default: int | None) -> Iterator[_Span]:
    for match in _ITEM.finditer(folded):
        try:
            span = _READERS[match.lastgroup or ""](match, default)
        except ValueError:  # 31/02, tháng 13: an impossible date is no date
            continue
        if span and match.lastgroup in _DAYS and _FROM.search(folded, 0, match.start()):
            span = _Span(span.end, span.end)  # "từ ngày 01/3 ..." opens the period
        if span:
            yield span


def _int(m: re.Match[str], name: str, default: int | None = None) -> int | None:
    value = m.group(name)
    return int(value) if value else default


def _day(year: int | None, month: int | None, day: int | None) -> _Span | None:
    if year is None or month is None or day is None:
        return None
    return _Span(None, date(year, month, day))


def _months(year: int | None, first: int | None, last: int | None) -> _Span | None:
    if year is None or first is None or last is None:
        return None
    return _Span(date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]))


def _quarters(m: re.Match[str], default: int | None) -> _Span | None:
    quarters = [_ROMAN_VALUES[t] for t in _ROMAN_TOKEN.findall(m.group("q"))]
    return _months(_int(m, "y5", default), 3 * min(quarters) - 2, 3 * max(quarters))


def _half(m: re.Match[str], default: int | None) -> _Span | None:
    first = m.group("which") == "dau"
    return _months(_int(m, "y3", default), 1 if first else 7, 6 if first else 12)


def _year_part(m: re.Match[str], default: int | None) -> _Span | None:
    first = m.group("part") == "dau"  # đầu năm: the first quarter; cuối năm: the last
    return _months(_int(m, "y4", default), 1 if first else 10, 3 if first else 12)


def _years(m: re.Match[str], default: int | None) -> _Span | None:
    first, last = sorted((int(m.group("y7")), int(m.group("y8"))))
    return _Span(date(first, 1, 1), date(last, 12, 31))


_DAYS = frozenset({"dmy", "dmy_words", "day_month"})
_Reader = Callable[[re.Match[str], int | None], _Span | None]
_READERS: dict[str, _Reader] = {
    "dmy": lambda m, d: _day(_int(m, "y1"), _int(m, "m1"), _int(m, "d1")),
    "dmy_words": lambda m, d: _day(_int(m, "y2"), _int(m, "m2"), _int(m, "d2")),
    "day_month": lambda m, d: _day(d, _int(m, "m10"), _int(m, "d10")),
    "half": _half,
    "year_part": _year_part,
    "quarter": _quarters,
    "month": lambda m, d: _months(_int(m, "y6", d), _int(m, "m6"), _int(m, "m6")),
    "years": _years,
    "month_year": lambda m, d: _months(_int(m, "y9"), _int(m, "m9"), _int(m, "m9")),
    "year": lambda m, d: _months(_int(m, "y11"), 1, 12),
    "plan_year": lambda m, d: _months(d, 1, 12),
}


_W = r"[\s*_]+"  # a word gap; markdown emphasis ("**trước ngày …**") may sit inside it
_DATE = (
    rf"\d{{1,2}}{_SEP}\d{{1,2}}(?:{_SEP}(?:19|20)\d{{2}})?(?![\d/])"
    rf"|\d{{1,2}}{_W}thang{_W}\d{{1,2}}\s*,?{_W}nam{_W}(?:19|20)\d{{2}}"
)
_PERIOD = (
    rf"quy\s*{_QUARTERS}(?:\s*(?:/|-|nam)\s*{_Y})?"
    rf"|thang\s*\d{{1,2}}\s*(?:/|-|nam)\s*{_Y}"
    rf"|6{_W}thang{_W}(?:dau|cuoi){_W}nam(?:{_W}{_Y})?"
)
# "trước ngày 15/11/2024 [và đột xuất khi có yêu cầu]", "chậm nhất ngày …", "trước Quý II/2024".
_DEADLINE = re.compile(
    rf"\b(?:truoc|cham{_W}nhat(?:{_W}(?:la|vao))?|khong{_W}muon{_W}hon|han{_W}chot(?:{_W}la)?)"
    rf"(?:(?:{_W}ngay)?{_W}(?:{_DATE})|{_W}(?:{_PERIOD}))"
    rf"(?:{_W}(?:va|hoac){_W}dot{_W}xuat(?:{_W}khi{_W}co{_W}yeu{_W}cau)?)?"
)
# "(hoàn thành) trong quý I/2024", "vào tháng 6/2024": a period introduced by a preposition.
_IN_PERIOD = re.compile(rf"\b(?:trong|vao){_W}(?:{_PERIOD})")
# At the very start of a task: "Thường xuyên kiểm tra …", "Hằng năm, …", "Trong năm 2024, …".
_LEADING = re.compile(
    r"^[\s\-–—•+*_>#]*(?:(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+)?[\s*_]*"
    rf"(?P<v>(?:thuong{_W}xuyen|lien{_W}tuc)(?:{_W}trong{_W}nam(?:{_W}{_Y})?)?"
    rf"|(?:hang|moi|dinh{_W}ky(?:{_W}hang)?){_W}(?:quy|thang|nam)"
    rf"|trong{_W}nam{_W}{_Y}|(?:trong{_W})?(?:{_PERIOD}))(?![a-z0-9])"
)
_LABELLED = re.compile(
    rf"\bthoi{_W}gian(?:{_W}(?:thuc{_W}hien|hoan{_W}thanh|trien{_W}khai))?[\s*_]*:[\s*_]*"
    r"(?P<v>[^\n;]+)"
)
_VALUE_END = re.compile(r"\.(?:\s|$)")
_MARKUP = re.compile(r"[*_]+")
_BOUNDARY = re.compile(r"\n|[.;!?](?=\s)")
_REPORT = re.compile(r"\bbao\s+cao\b")
_DRAFT = re.compile(r"\b(?:gop\s+y|dong\s+gop|y\s+kien|du\s+thao)\b")


def find_timeline(text: str) -> str | None:
    """Return the time phrase of a task's own words as printed, or None.

    Read, in order: a labelled value ("Thời gian thực hiện: Quý I/2023"); otherwise the
    earliest of a deadline anywhere ("trước ngày 15/11/2024 và đột xuất khi có yêu cầu"), a
    period after "trong"/"vào" ("trong quý II/2024") and a recurrence or period that starts the
    task ("Thường xuyên …", "Hằng năm, …"). A recurrence word inside a sentence ("… thường xuyên
    cập nhật …"), a bare year and the dates of cited documents are not time phrases.
    """
    text = unicodedata.normalize("NFC", text or "")
    folded = fold_same_length(text)
    labelled = _LABELLED.search(folded)
    if labelled:
        start, end = labelled.span("v")
        cut = _VALUE_END.search(folded, start, end)
        return _printed(text, start, cut.start() if cut else end)
    found = [m.span() for m in (_DEADLINE.search(folded), _IN_PERIOD.search(folded)) if m]
    leading = _LEADING.match(folded)
    if leading:
        found.append(leading.span("v"))
    return _printed(text, *min(found)) if found else None


def report_deadline(text: str, *, plan_year: int | None) -> date | None:
    """Return the date by which units must report results, or None.

    A deadline counts when its sentence says "báo cáo" before it ("báo cáo kết quả … trước ngày
    15/11/2024", "gửi báo cáo về … trước ngày …") and is not about a draft ("góp ý", "ý kiến",
    "dự thảo"). When several sentences qualify the latest date wins (the yearly report comes
    after the half-year one).
    """
    text = unicodedata.normalize("NFC", text or "")
    folded = fold_same_length(text)
    dates = []
    for match in _DEADLINE.finditer(folded):
        first, last = _sentence(folded, match.start(), match.end())
        if _REPORT.search(folded, first, match.start()) and not _DRAFT.search(folded, first, last):
            due = parse_timeline(text[match.start() : match.end()], plan_year=plan_year).due
            if due:
                dates.append(due)
    return max(dates, default=None)


def _sentence(folded: str, start: int, end: int) -> tuple[int, int]:
    window = max(0, start - 600)
    before = [m.end() for m in _BOUNDARY.finditer(folded, window, start)]
    after = _BOUNDARY.search(folded, end)
    return (before[-1] if before else window), (after.start() if after else len(folded))


def _printed(text: str, start: int, end: int) -> str | None:
    phrase = " ".join(_MARKUP.sub(" ", text[start:end]).split()).strip(" .,:;-")
    return phrase or None

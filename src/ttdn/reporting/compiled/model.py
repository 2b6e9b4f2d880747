"""What a compiled report says, as frozen dataclasses (no Django here): `ReportData`'s fields are
the placeholders of the report template, the nested ones its loops (sections → tasks →
narratives, figures, issues). `data` fills them from the database."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """An indicator's total (sum of the units' UpdateValue for the period)."""

    name: str
    measure: str
    value: int

    @property
    def text(self) -> str:
        amount = f"{self.value:,}".replace(",", ".")  # 1.250 tin, bài
        return f"{self.name}: {amount} {self.measure}"


@dataclass(frozen=True)
class Narrative:
    unit: str
    text: str


@dataclass(frozen=True)
class TaskResult:
    number: str  # "1.2": section 1 of part I, its second task
    ref: str  # as printed in the plan ("II.1-2")
    text: str
    lead: str  # đơn vị chủ trì, names joined
    support: str  # đơn vị phối hợp
    due: str  # dd/mm/yyyy or ""
    status: str  # label in the period ("Hoàn thành", "Quá hạn", …)
    status_code: str
    narratives: tuple[Narrative, ...]
    figures: tuple[Figure, ...]
    budget_vnd: int | None
    spent_vnd: int

    @property
    def figures_text(self) -> str:
        return "; ".join(f.text for f in self.figures)


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    tasks: tuple[TaskResult, ...]


@dataclass(frozen=True)
class Issue:
    """An overdue or unfinished task (part II) and the units whose share is not done."""

    ref: str
    text: str
    status: str
    due: str
    units: str


@dataclass(frozen=True)
class Summary:
    tasks: int
    due: int
    done_on_time: int
    done_late: int
    overdue: int
    pending: int
    units_expected: int
    reports_submitted: int
    reports_on_time: int
    timeliness: str  # "75%" or "—"


@dataclass(frozen=True)
class Bar:
    """One bar group of a chart: a section's counts, or a unit's on-time share."""

    label: str
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0
    pending: int = 0
    share: float = 0.0


@dataclass(frozen=True)
class Activity:
    """An activity of the period from the activities registry (Hoạt động), one line of part I."""

    kind: str  # "training", "publication", … (ttdn.activities.models.ActivityKind)
    text: str  # "12/05/2026: Tập huấn … — Sở Ngoại vụ, Đông Hà; 60 người tham dự"


@dataclass(frozen=True)
class CaseLine:
    """A response case of the period (monitoring: đấu tranh, phản bác, cung cấp thông tin)."""

    story: str  # the story's title
    kind: str  # "Đấu tranh, phản bác" | "Cung cấp thông tin"
    unit: str  # the unit it is assigned to
    status: str  # "Đã phản hồi", …
    due: str  # "17:00 20/05/2026"
    answered: str  # the day of the first answer, dd/mm/yyyy, or ""
    timeliness: str  # "phản hồi đúng hạn", "phản hồi muộn", "quá hạn chưa phản hồi", …
    link: str  # the response's link, or ""

    @property
    def text(self) -> str:
        answer = f", ngày {self.answered}" if self.answered else ""
        link = f"; phản hồi: {self.link}" if self.link else ""
        return (
            f"“{self.story}” — {self.kind}; {self.unit}; {self.status} ({self.timeliness}"
            f"{answer}; hạn {self.due}){link}"
        )


@dataclass(frozen=True)
class Cases:
    """The response cases opened in the period, counted (docs/reports.md: `cases`)."""

    total: int = 0
    by_kind: str = ""  # "2 đấu tranh, phản bác; 1 cung cấp thông tin"
    by_status: str = ""  # "1 đang xử lý; 2 đã phản hồi"
    answered: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    pending: int = 0
    no_action: int = 0
    notable: tuple[CaseLine, ...] = ()  # at most 10: priority stories, then the late ones
    lines: tuple[CaseLine, ...] = ()  # every case, by due time (the appendix)

    @property
    def text(self) -> str:
        """The summary sentence of part I ("" when no case was opened)."""
        if not self.total:
            return ""
        return (
            f"Trong kỳ, {self.total} hồ sơ xử lý thông tin trên báo chí được mở ({self.by_kind}); "
            f"{self.answered} hồ sơ đã phản hồi, trong đó {self.on_time} đúng hạn và "
            f"{self.late} muộn; {self.overdue} hồ sơ quá hạn chưa phản hồi; {self.pending} hồ "
            f"sơ đang xử lý, chưa đến hạn; {self.no_action} hồ sơ không cần xử lý. Trạng thái "
            f"hiện tại: {self.by_status}."
        )


@dataclass(frozen=True)
class Signature:
    on_behalf: str  # "TM. ỦY BAN NHÂN DÂN"
    deputy: str  # "KT. CHỦ TỊCH"
    title: str  # "PHÓ CHỦ TỊCH"
    name: str


@dataclass(frozen=True)
class ReportData:
    kind: str  # "province" | "unit"
    issuer_parent: str
    issuer: str
    issuer_name: str
    number: str
    place: str
    place_date: str
    year: int
    period_name: str
    period_label: str  # "năm 2026" or "Quý III/2026"
    period_starts: str
    period_ends: str
    as_of: str
    title: str
    plan_reference: str
    summary: Summary
    sections: tuple[Section, ...]
    figures: tuple[Figure, ...]
    budget_total: str
    spent_total: str
    issues: tuple[Issue, ...]
    difficulties: tuple[str, ...]
    next_steps: tuple[str, ...]
    proposals: tuple[str, ...]
    signature: Signature
    recipients: tuple[str, ...]
    section_bars: tuple[Bar, ...]
    timeliness_bars: tuple[Bar, ...]
    timeliness_chart_title: str
    activities: tuple[Activity, ...] = ()
    activity_counts: str = ""  # "2 tập huấn, hội nghị; 1 ấn phẩm" ("" when none)
    cases: Cases = Cases()  # the press monitoring's response cases of the period

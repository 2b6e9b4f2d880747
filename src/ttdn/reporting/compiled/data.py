"""The data of a compiled report, gathered from the database in a fixed number of queries into
the frozen dataclasses of `compiled.model`: the province report of a period
(`province_report_data`) and a unit's own report (`unit_report_data`)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone, translation

from ttdn.activities.models import ActivityKind
from ttdn.activities.selectors import ActivityLine, activities_for_period
from ttdn.core.official_docx import parent_line
from ttdn.plans import lifecycle
from ttdn.plans.models import (
    AssignmentRole,
    Plan,
    Task,
    TaskAssignment,
    TaskOccurrence,
    TaskStatus,
    WorkItem,
)
from ttdn.reporting.compiled.cases import report_cases
from ttdn.reporting.compiled.model import (
    Activity,
    Bar,
    Figure,
    Issue,
    Narrative,
    ReportData,
    Section,
    Signature,
    Summary,
    TaskResult,
)
from ttdn.reporting.completeness import (
    ItemRow,
    ReportRow,
    TaskCounts,
    compute,
    percent,
    rate,
    section_counts,
)
from ttdn.reporting.models import Indicator, ReportingPeriod, TaskUpdate, UnitReport, UpdateValue
from ttdn.reporting.selectors import (
    period_completeness,
    report_lines,
    report_totals,
    unit_scorecard,
)
from ttdn.text.money import format_vnd
from ttdn.text.normalize import fold
from ttdn.units.models import Unit

_SECTION_NUMBER = re.compile(r"^\s*[IVXLC]+\s*[.)]\s*")


def _d(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _section_title(section: str) -> str:
    return _SECTION_NUMBER.sub("", section).strip() or "Nhiệm vụ khác"


def _period_label(period: ReportingPeriod) -> str:
    return f"năm {period.starts.year}" if period.kind == "year" else period.name


def _plan_reference(plan: Plan) -> str:
    number = plan.document.number
    when = f" ngày {_d(plan.document.date)}" if plan.document.date else ""
    return f"Kế hoạch số {number}{when}" if number else f"Kế hoạch “{plan.title}”"


def _place(plan: Plan) -> str:
    document = (plan.parsed or {}).get("document") or {}
    return document.get("place") or plan.province or "…"


def _summary(
    counts: TaskCounts, tasks: int, expected: int, submitted: int, on_time: int
) -> Summary:
    return Summary(
        tasks=tasks,
        due=counts.due,
        done_on_time=counts.done_on_time,
        done_late=counts.done_late,
        overdue=counts.overdue,
        pending=counts.pending,
        units_expected=expected,
        reports_submitted=submitted,
        reports_on_time=on_time,
        timeliness=percent(rate(on_time, expected)),
    )


def _section_bars(sections: dict[str, TaskCounts], order: list[str]) -> tuple[Bar, ...]:
    known = [s for s in dict.fromkeys(order) if s in sections]
    known += sorted(set(sections) - set(known))
    return tuple(
        Bar(
            _section_title(s),
            sections[s].done_on_time,
            sections[s].done_late,
            sections[s].overdue,
            sections[s].pending,
        )
        for s in known
    )


def _one_paragraph(text: str) -> str:
    """A multi-line narrative as one paragraph: a line break inside a justified paragraph
    stretches the line before it across the page."""
    joined = ""
    for line in (line.strip() for line in text.splitlines()):
        if line:
            joined += ("" if not joined else " " if joined[-1] in ".;:!?" else "; ") + line
    return joined


def _activity_text(line: ActivityLine) -> str:
    days = _d(line.starts) if line.ends == line.starts else f"{_d(line.starts)} – {_d(line.ends)}"
    where = ", ".join(part for part in (line.unit, line.place) if part)
    # "Tập huấn kỹ năng …" says its kind ("Tập huấn, bồi dưỡng") already; "Bản tin …" does not.
    said = fold(line.title).startswith(fold(line.kind_label.split(",")[0]))
    what = line.title if said else f"{line.kind_label} “{line.title}”"
    details = [f"{what} — {where}"]
    if line.participants:
        details.append(f"{line.participants} người tham dự")
    if line.print_run:
        details.append(f"số lượng {line.print_run:,} bản".replace(",", "."))
    if line.task_refs:
        details.append(f"kết quả của nhiệm vụ {', '.join(line.task_refs)}")
    return f"{days}: {'; '.join(details)}"


def _activity_fields(period: ReportingPeriod, unit: Unit | None) -> dict[str, object]:
    """ReportData's `activities` registered for the period (of `unit` and its sub-units, or
    all) and `activity_counts` per kind; in Vietnamese whatever the reader's language."""
    with translation.override("vi"):
        found = activities_for_period(period=period, unit=unit)
        labels = {kind: str(label).lower() for kind, label in ActivityKind.choices}
    entries = tuple(Activity(line.kind, _activity_text(line)) for line in found.lines)
    counts = "; ".join(f"{n} {labels[kind]}" for kind, n in found.by_kind.items() if n)
    return {"activities": entries, "activity_counts": counts}


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


# ---------------------------------------------------------------------------------------------
# The province report


@dataclass
class _Rows:
    """Rows of the period read once each, keyed by task id."""

    tasks: list[Task]
    lead: dict[int, list[str]]
    support: dict[int, list[str]]
    states: dict[int, list[lifecycle.ItemState]]
    due: dict[int, dt.date]
    open_units: dict[int, list[str]]
    narratives: dict[int, list[Narrative]]
    spent: dict[int, int]
    figures: dict[int, list[Figure]]
    totals: list[Figure]


def _read_rows(period: ReportingPeriod, today: dt.date) -> _Rows:
    plan_id = period.plan_id
    window = Q(starts__lte=period.ends, due__gte=period.starts)
    tasks = list(Task.objects.filter(plan_id=plan_id).order_by("order"))
    lead: dict[int, list[str]] = defaultdict(list)
    support: dict[int, list[str]] = defaultdict(list)
    for task_id, role, name, printed in TaskAssignment.objects.filter(
        task__plan_id=plan_id
    ).values_list("task_id", "role", "unit__name", "text"):
        (lead if role == AssignmentRole.LEAD else support)[task_id].append(name or printed)
    states: dict[int, list[lifecycle.ItemState]] = defaultdict(list)
    due: dict[int, dt.date] = {}
    for task_id, status, progress, done_at, occ_due in (
        TaskOccurrence.objects.filter(window, task__plan_id=plan_id)
        .order_by("due")
        .values_list("task_id", "status", "progress", "completed_at", "due")
    ):
        states[task_id].append(
            lifecycle.ItemState(lifecycle.settle(status, occ_due, today), progress, done_at)
        )
        due[task_id] = occ_due
    open_units: dict[int, list[str]] = defaultdict(list)
    item_window = Q(occurrence__starts__lte=period.ends, occurrence__due__gte=period.starts)
    for task_id, name in (
        WorkItem.objects.filter(item_window, occurrence__task__plan_id=plan_id)
        .exclude(status__in=(TaskStatus.DONE, TaskStatus.CANCELLED))
        .order_by("unit__name")
        .values_list("occurrence__task_id", "unit__name")
    ):
        if name not in open_units[task_id]:
            open_units[task_id].append(name)
    narratives: dict[int, list[Narrative]] = defaultdict(list)
    spent: dict[int, int] = defaultdict(int)
    for task_id, name, text, money in (
        TaskUpdate.objects.filter(period=period)
        .order_by("work_item__occurrence__task_id", "work_item__role", "work_item__unit__name")
        .values_list(
            "work_item__occurrence__task_id", "work_item__unit__name", "narrative", "spent_vnd"
        )
    ):
        if text.strip():
            narratives[task_id].append(Narrative(name, _one_paragraph(text)))
        spent[task_id] += money or 0
    figures, totals = _read_figures(period)
    return _Rows(tasks, lead, support, states, due, open_units, narratives, spent, figures, totals)


def _read_figures(period: ReportingPeriod) -> tuple[dict[int, list[Figure]], list[Figure]]:
    """Indicator sums per task and over the whole report, in the indicator list's order."""
    indicators = Indicator.objects.in_bulk()
    rows = list(
        UpdateValue.objects.filter(update__period=period)
        .values_list("update__work_item__occurrence__task_id", "indicator_id")
        .annotate(total=Sum("value"))
        .order_by("update__work_item__occurrence__task_id", "indicator_id")
    )

    def figure(pk: int, value: int) -> Figure:
        return Figure(indicators[pk].name, indicators[pk].measure, value)

    def rank(pair: tuple[int, int]) -> tuple[int, str]:
        return indicators[pair[0]].order, indicators[pair[0]].name

    per_task: dict[int, list[tuple[int, int]]] = defaultdict(list)
    overall: dict[int, int] = defaultdict(int)
    for task_id, indicator_id, total in rows:
        per_task[task_id].append((indicator_id, total))
        overall[indicator_id] += total
    return (
        {task: [figure(*p) for p in sorted(pairs, key=rank)] for task, pairs in per_task.items()},
        [figure(*p) for p in sorted(overall.items(), key=rank)],
    )


def _task_result(task: Task, number: str, rows: _Rows) -> TaskResult:
    state = lifecycle.task_roll_up(rows.states[task.pk])
    return TaskResult(
        number=number,
        ref=task.ref,
        text=task.text,
        lead=", ".join(rows.lead.get(task.pk, [])),
        support=", ".join(rows.support.get(task.pk, [])),
        due=_d(rows.due.get(task.pk)),
        status=str(TaskStatus(state.status).label),
        status_code=state.status,
        narratives=tuple(rows.narratives.get(task.pk, [])),
        figures=tuple(rows.figures.get(task.pk, [])),
        budget_vnd=task.budget_vnd,
        spent_vnd=rows.spent.get(task.pk, 0),
    )


def _body(rows: _Rows) -> tuple[tuple[Section, ...], tuple[Issue, ...]]:
    """Part I (tasks grouped by the plan's sections, numbered 1.1, 1.2, 2.1 …) and part II
    (overdue tasks first, then the unfinished ones, with the units whose share is open)."""
    grouped: dict[str, list[Task]] = {}
    for task in rows.tasks:
        if rows.states.get(task.pk):  # active in the period
            grouped.setdefault(task.section, []).append(task)
    sections, issues, late = [], [], []
    for n, (section, tasks) in enumerate(grouped.items(), start=1):
        results = tuple(_task_result(t, f"{n}.{i}", rows) for i, t in enumerate(tasks, start=1))
        sections.append(Section(n, _section_title(section), results))
        for task, result in zip(tasks, results, strict=True):
            if result.status_code in (TaskStatus.DONE, TaskStatus.CANCELLED):
                continue
            units = ", ".join(rows.open_units.get(task.pk, [])) or result.lead
            issue = Issue(result.ref, result.text, result.status, result.due, units)
            (late if result.status_code == TaskStatus.OVERDUE else issues).append(issue)
    return tuple(sections), tuple(late + issues)


PROVINCE_RECIPIENTS = (
    "Bộ Văn hóa, Thể thao và Du lịch;",
    "Thường trực Tỉnh ủy;",
    "Thường trực Hội đồng nhân dân tỉnh;",
    "Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân tỉnh;",
    "Các sở, ban, ngành, địa phương;",
    "Lưu: VT, KGVX.",
)
UNIT_RECIPIENTS = (
    "Cơ quan thường trực công tác thông tin đối ngoại tỉnh;",
    "Lãnh đạo đơn vị;",
    "Lưu: VT.",
)


def _unit_texts(reports: Iterable[UnitReport], field: str) -> list[str]:
    """A text block of the units' sent reports, one line per unit that wrote something."""
    lines = []
    for report in reports:
        text = " ".join(_lines(getattr(report, field)))
        if report.first_submitted_at is not None and text:
            lines.append(f"{report.unit.name}: {text}")
    return lines


def _money(sections: tuple[Section, ...]) -> tuple[str, str]:
    tasks = [t for s in sections for t in s.tasks]
    budget = sum(t.budget_vnd or 0 for t in tasks)
    return format_vnd(budget), format_vnd(sum(t.spent_vnd for t in tasks))


def province_report_data(*, period: ReportingPeriod, today: dt.date | None = None) -> ReportData:
    """The province's result report for the period (issued by UBND tỉnh): a fixed number of
    queries whatever the number of tasks and units."""
    today = today or timezone.localdate()
    plan = Plan.objects.select_related("document", "issuer_unit").get(pk=period.plan_id)
    board = period_completeness(period=period, today=today)
    rows = _read_rows(period, today)
    sections, issues = _body(rows)
    reports = list(UnitReport.objects.filter(period=period).select_related("unit"))
    reports.sort(key=lambda r: r.unit.name)
    counts = TaskCounts()
    for section in board.figures.sections.values():
        for name in ("due", "done_on_time", "done_late", "overdue", "pending"):
            setattr(counts, name, getattr(counts, name) + getattr(section, name))
    figures = board.figures
    issuer_province = plan.issuer_unit.province if plan.issuer_unit else ""
    province = plan.province or issuer_province or settings.TTDN_PROVINCE or "…"
    budget, spent = _money(sections)
    label = _period_label(period)
    return ReportData(
        kind="province",
        issuer_parent="ỦY BAN NHÂN DÂN",
        issuer=f"TỈNH {province.upper()}",
        issuer_name=f"Ủy ban nhân dân tỉnh {province}",
        number="…/BC-UBND",
        place=_place(plan),
        place_date=f"{_place(plan)}, ngày … tháng … năm …",
        year=period.starts.year,
        period_name=period.name,
        period_label=label,
        period_starts=_d(period.starts),
        period_ends=_d(period.ends),
        as_of=_d(today),
        title=f"Kết quả thực hiện công tác thông tin đối ngoại {label}",
        plan_reference=_plan_reference(plan),
        summary=_summary(
            counts,
            sum(len(s.tasks) for s in sections),
            figures.expected,
            figures.submitted,
            figures.on_time,
        ),
        sections=sections,
        figures=tuple(rows.totals),
        budget_total=budget,
        spent_total=spent,
        issues=issues,
        difficulties=tuple(_unit_texts(reports, "difficulties")),
        next_steps=(
            f"Tiếp tục triển khai các nhiệm vụ còn lại của {_plan_reference(plan)}; ưu tiên "
            "hoàn thành các nhiệm vụ quá hạn nêu tại Mục II.",
            "Các cơ quan, đơn vị cập nhật kết quả thực hiện trên hệ thống và gửi báo cáo đúng "
            "thời hạn quy định.",
        ),
        proposals=(
            "Đề nghị các cơ quan, đơn vị tiếp tục phối hợp chặt chẽ, bố trí nguồn lực để hoàn "
            "thành các nhiệm vụ thông tin đối ngoại được giao.",
            *_unit_texts(reports, "proposals"),
        ),
        signature=Signature("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", ""),
        recipients=PROVINCE_RECIPIENTS,
        section_bars=_section_bars(figures.sections, [t.section for t in rows.tasks]),
        timeliness_bars=tuple(
            Bar(board.units[u.unit_id].name, share=u.tasks.on_time_rate or 0.0)
            for u in figures.units
            if u.tasks.due
        ),
        timeliness_chart_title="Tỷ lệ nhiệm vụ hoàn thành đúng hạn theo đơn vị",
        **_activity_fields(period, None),
        cases=report_cases(period=period, unit=None, today=today),
    )


def _unit_rows(period: ReportingPeriod, unit: Unit, today: dt.date) -> tuple[_Rows, list[ItemRow]]:
    """The unit's work items in the period (`report_lines`) as the rows the body is built from."""
    lines = report_lines(period=period, unit=unit)
    totals, _spent = report_totals(lines)
    rows = _Rows(
        [],
        defaultdict(list),
        defaultdict(list),
        defaultdict(list),
        {},
        {},
        {},
        {},
        {},
        [Figure(i.name, i.measure, v) for i, v in totals],
    )
    items = []
    for line in lines:
        item, occurrence = line.item, line.item.occurrence
        task = occurrence.task
        if task.pk not in rows.due:
            rows.tasks.append(task)
            (rows.lead if item.role == AssignmentRole.LEAD else rows.support)[task.pk] = [unit.name]
        rows.due[task.pk] = occurrence.due
        status = lifecycle.settle(item.status, occurrence.due, today)
        rows.states[task.pk].append(lifecycle.ItemState(status, item.progress, item.completed_at))
        if status not in (TaskStatus.DONE, TaskStatus.CANCELLED):
            rows.open_units[task.pk] = [unit.name]
        items.append(
            ItemRow(
                unit.pk,
                task.section,
                item.status,
                item.completed_at,
                occurrence.starts,
                occurrence.due,
            )
        )
        if line.update is None:
            continue
        if line.update.narrative.strip():
            rows.narratives.setdefault(task.pk, []).append(
                Narrative(unit.name, _one_paragraph(line.update.narrative))
            )
        rows.spent[task.pk] = rows.spent.get(task.pk, 0) + (line.update.spent_vnd or 0)
        rows.figures.setdefault(task.pk, []).extend(
            Figure(v.indicator.name, v.indicator.measure, v.value) for v in line.update.values.all()
        )
    return rows, items


def unit_report_data(
    *, period: ReportingPeriod, unit: Unit, today: dt.date | None = None
) -> ReportData:
    """A unit's own report for the period, issued by the unit, from its updates and the texts
    of its UnitReport."""
    today = today or timezone.localdate()
    plan = Plan.objects.select_related("document").get(pk=period.plan_id)
    rows, items = _unit_rows(period, unit, today)
    sections, issues = _body(rows)
    report = UnitReport.objects.filter(period=period, unit=unit).first()
    figures = compute(
        starts=period.starts,
        ends=period.ends,
        deadline=period.deadline,
        items=items,
        reports=[ReportRow(unit.pk, report.status, report.first_submitted_at)] if report else [],
        today=today,
    )
    mine = figures.units[0] if figures.units else None
    # The governing body abbreviated as NĐ 30/2020 allows: "UBND TỈNH QUẢNG TRỊ".
    parent = parent_line(unit.parent.name) if unit.parent_id and unit.parent else ""
    budget, spent = _money(sections)
    label = _period_label(period)
    scorecard = unit_scorecard(unit=unit, plan=plan, today=today)
    return ReportData(
        kind="unit",
        issuer_parent=parent,
        issuer=unit.name.upper(),
        issuer_name=unit.name,
        number=f"…/BC-{unit.code.split('-', 1)[-1]}",
        place=_place(plan),
        place_date=f"{_place(plan)}, ngày … tháng … năm …",
        year=period.starts.year,
        period_name=period.name,
        period_label=label,
        period_starts=_d(period.starts),
        period_ends=_d(period.ends),
        as_of=_d(today),
        title=f"Kết quả thực hiện công tác thông tin đối ngoại {label}",
        plan_reference=_plan_reference(plan),
        summary=_summary(
            mine.tasks if mine else TaskCounts(),
            sum(len(s.tasks) for s in sections),
            1 if mine else 0,
            int(bool(mine and mine.submitted)),
            int(bool(mine and mine.on_time)),
        ),
        sections=sections,
        figures=tuple(rows.totals),
        budget_total=budget,
        spent_total=spent,
        issues=issues,
        difficulties=_lines(report.difficulties) if report else (),
        next_steps=(
            f"Tiếp tục thực hiện các nhiệm vụ được giao tại {_plan_reference(plan)}, hoàn thành "
            "các nhiệm vụ còn lại nêu tại Mục II.",
        ),
        proposals=_lines(report.proposals) if report else (),
        signature=Signature("", "", "THỦ TRƯỞNG ĐƠN VỊ", ""),
        recipients=UNIT_RECIPIENTS,
        section_bars=_section_bars(
            section_counts(starts=period.starts, ends=period.ends, occurrences=items, today=today),
            [t.section for t in rows.tasks],
        ),
        timeliness_bars=tuple(
            Bar(row.period.name, share=row.figures.tasks.on_time_rate or 0.0)
            for row in scorecard
            if row.figures is not None and row.figures.tasks.due
        ),
        timeliness_chart_title=f"Tỷ lệ nhiệm vụ hoàn thành đúng hạn của {unit.name} theo kỳ",
        **_activity_fields(period, unit),
        cases=report_cases(period=period, unit=unit, today=today),
    )

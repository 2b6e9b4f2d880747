"""Pages of the coordinating agency: a plan's reporting periods, the completeness dashboard with
its drill-downs, a unit's scorecard, pausing or cancelling a task and the reminder letter
(thin: forms + selectors/services; permissions are the rules' and the services')."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ttdn.core.errors import ApplicationError, NotFound
from ttdn.core.office import XLSX
from ttdn.plans.models import Plan, TaskStatus
from ttdn.plans.selectors import plan_get_for_user
from ttdn.plans.tracking import task_hold as task_hold_apply
from ttdn.reporting import reminders, selectors, selectors_coord, services
from ttdn.reporting.completeness import percent
from ttdn.reporting.dashboard_xlsx import dashboard_xlsx
from ttdn.reporting.forms_coord import (
    PeriodCreateForm,
    PeriodEditForm,
    ReminderForm,
    TaskHoldForm,
)
from ttdn.reporting.models import ReportingPeriod, ReportStatus
from ttdn.text.normalize import fold
from ttdn.units.selectors import unit_get
from ttdn.units.services import require_perm

# --- periods ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def periods(request: HttpRequest, plan_pk: int) -> HttpResponse:
    """The plan's periods; POST creates one."""
    plan = plan_get_for_user(user=request.user, pk=plan_pk)
    if request.method != "POST":
        return _periods_page(request, plan)
    require_perm(request.user, "reporting.manage_periods")
    form = PeriodCreateForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            period = services.period_create(user=request.user, plan=plan, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã tạo kỳ báo cáo “%(name)s”.") % {"name": period.name})
            return redirect("reporting:periods", plan_pk=plan.pk)
    return _periods_page(request, plan, create_form=form, status=400)


@login_required
@require_POST
def periods_defaults(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, pk=plan_pk)
    created = services.periods_create_defaults(user=request.user, plan=plan)
    if created:
        names = ", ".join(p.name for p in created)
        messages.success(
            request,
            _("Đã tạo %(n)d kỳ báo cáo: %(names)s.") % {"n": len(created), "names": names},
        )
    else:
        messages.info(request, _("Kế hoạch đã có đủ các kỳ mặc định; không tạo thêm kỳ nào."))
    return redirect("reporting:periods", plan_pk=plan.pk)


@login_required
@require_POST
def period_edit(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.period_get(pk=pk)
    require_perm(request.user, "reporting.manage_periods")
    form = PeriodEditForm.for_period(period, request.POST)
    if form.is_valid():
        try:
            services.period_update(user=request.user, period=period, changes=form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu kỳ báo cáo “%(name)s”.") % {"name": period.name})
            return redirect("reporting:periods", plan_pk=period.plan_id)
    return _periods_page(request, period.plan, edit_forms={period.pk: form}, status=400)


def _periods_page(
    request: HttpRequest,
    plan: Plan,
    *,
    create_form: PeriodCreateForm | None = None,
    edit_forms: dict[int, PeriodEditForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    can_manage = user.has_perm("reporting.manage_periods")
    rows = selectors.periods_of_plan(plan=plan)
    counts = (
        selectors_coord.report_counts_by_period(plan=plan)
        if user.has_perm("reporting.view_dashboard")
        else None
    )
    edit_forms = edit_forms or {}
    today = timezone.localdate()
    context = {
        "plan": plan,
        "rows": [
            {
                "period": period,
                "locked": period.is_locked(today),
                "counts": _status_counts(counts.get(period.pk, {})) if counts is not None else None,
                "form": (edit_forms.get(period.pk) or PeriodEditForm.for_period(period))
                if can_manage
                else None,
            }
            for period in rows
        ],
        "show_counts": counts is not None,
        "can_manage": can_manage,
        "create_form": (create_form or PeriodCreateForm(plan=plan)) if can_manage else None,
    }
    return render(request, "reporting/periods.html", context, status=status)


def _status_counts(by_status: dict[str, int]) -> list[tuple[Any, int]]:
    """(status label, number of reports) for the statuses present, in workflow order."""
    return [
        (label, by_status[value]) for value, label in ReportStatus.choices if value in by_status
    ]


# --- dashboard -------------------------------------------------------------------------------


def int_param(value: str | None) -> int | None:
    """A query parameter as a positive id, or None when it is missing or not a number."""
    return int(value) if value and value.isdigit() else None


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "reporting.view_dashboard")
    today = timezone.localdate()
    plans = selectors_coord.plans_to_choose()
    wanted_plan = int_param(request.GET.get("plan"))
    plan = next((p for p in plans if p.pk == wanted_plan), plans[0] if plans else None)
    periods_list = selectors.periods_of_plan(plan=plan) if plan else []
    wanted_period = int_param(request.GET.get("period"))
    period = next(
        (p for p in periods_list if p.pk == wanted_period),
        selectors_coord.period_nearest(periods_list, today),
    )
    sort = "name" if request.GET.get("sort") == "name" else "worst"
    context: dict[str, Any] = {
        "plans": plans,
        "plan": plan,
        "periods": periods_list,
        "period": period,
        "sort": sort,
    }
    if period is not None:
        assert plan is not None  # a period belongs to a plan
        board = selectors.period_completeness(period=period, today=today)
        context |= {
            "figures": board.figures,
            "headline": _headline(board.figures),
            "unit_rows": selectors_coord.dashboard_unit_rows(board, worst_first=sort == "worst"),
            "section_rows": selectors_coord.dashboard_section_rows(board, plan=plan),
            "can_remind": request.user.has_perm("reporting.send_reminder"),
            "locked": period.is_locked(today),
        }
    return render(request, "reporting/dashboard.html", context)


def _headline(figures: Any) -> list[tuple[str, str, str]]:
    """(label, count, rate) of the report figures, in the order officials read them."""
    return [
        (_("Đơn vị phải báo cáo"), str(figures.expected), ""),
        (_("Đã gửi báo cáo"), str(figures.submitted), percent(figures.completeness)),
        (_("Gửi đúng hạn"), str(figures.on_time), percent(figures.timeliness)),
        (_("Đã tiếp nhận"), str(figures.accepted), percent(figures.acceptance)),
        (_("Bị trả lại"), str(figures.returned), ""),
    ]


def _dashboard_url(period: ReportingPeriod) -> str:
    query = urlencode({"plan": period.plan_id, "period": period.pk})
    return f"{reverse('reporting:dashboard')}?{query}"


@login_required
def dashboard_export(request: HttpRequest, period_pk: int) -> HttpResponse:
    """The per-unit table of the period as .xlsx, in the order chosen on the page."""
    require_perm(request.user, "reporting.view_dashboard")
    period = selectors.period_get(pk=period_pk)
    board = selectors.period_completeness(period=period, today=timezone.localdate())
    worst_first = request.GET.get("sort") != "name"
    rows = selectors_coord.dashboard_unit_rows(board, worst_first=worst_first)
    name = f"bao-cao-{fold(period.name)}".replace("/", "-").replace(" ", "-")
    return HttpResponse(
        dashboard_xlsx(period=period, rows=rows),
        content_type=XLSX,
        headers={"Content-Disposition": content_disposition_header(True, f"{name}.xlsx")},
    )


@login_required
def dashboard_unit(request: HttpRequest, period_pk: int, unit_pk: int) -> HttpResponse:
    """One unit's work items active in the period, each with its update for the period."""
    require_perm(request.user, "reporting.view_dashboard")
    period = selectors.period_get(pk=period_pk)
    unit = unit_get(pk=unit_pk)
    context = {
        "period": period,
        "unit": unit,
        "lines": selectors.report_lines(period=period, unit=unit),
        "report": selectors_coord.report_of(period=period, unit=unit),
        "back": _dashboard_url(period),
        "can_remind": request.user.has_perm("reporting.send_reminder"),
    }
    return render(request, "reporting/dashboard_unit.html", context)


@login_required
def dashboard_section(request: HttpRequest, period_pk: int) -> HttpResponse:
    """A section's occurrences due in the period, with each unit's status."""
    require_perm(request.user, "reporting.view_dashboard")
    period = selectors.period_get(pk=period_pk)
    name = request.GET.get("name", "")
    context = {
        "period": period,
        "section": name,
        "occurrences": selectors_coord.section_occurrences(period=period, section=name),
        "back": _dashboard_url(period),
        "can_hold": request.user.has_perm("plans.hold_task"),
        "here": request.get_full_path(),
        "held": (TaskStatus.PAUSED, TaskStatus.CANCELLED),
    }
    return render(request, "reporting/dashboard_section.html", context)


# --- scorecard -------------------------------------------------------------------------------


@login_required
def scorecard(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = selectors_coord.unit_for_scorecard(user=request.user, pk=unit_pk)
    plans = selectors_coord.plans_to_choose()
    wanted = int_param(request.GET.get("plan"))
    plan = next((p for p in plans if p.pk == wanted), plans[0] if plans else None)
    rows = selectors.unit_scorecard(unit=unit, plan=plan) if plan else []
    context = {
        "unit": unit,
        "plans": plans,
        "plan": plan,
        "rows": [
            (row, percent(row.figures.tasks.on_time_rate) if row.figures else "—") for row in rows
        ],
        "today": timezone.localdate(),
    }
    return render(request, "reporting/scorecard.html", context)


@login_required
def my_scorecard(request: HttpRequest) -> HttpResponse:
    if request.user.unit_id is None:
        raise NotFound("Tài khoản của bạn chưa gắn với đơn vị nào.")
    url = reverse("reporting:scorecard", args=[request.user.unit_id])
    plan = selectors_coord.plan_latest()
    return redirect(f"{url}?plan={plan.pk}" if plan else url)


# --- task hold -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def task_hold(request: HttpRequest, task_pk: int) -> HttpResponse:
    """Pause, cancel or resume a whole task (GET: the confirm form)."""
    task = selectors_coord.task_get(pk=task_pk)
    require_perm(request.user, "plans.hold_task", task)
    back = _safe_next(request) or reverse("plans:detail", args=[task.plan_id])
    if request.method != "POST":
        form = TaskHoldForm(initial={"action": request.GET.get("action", "paused")})
        return _hold_page(request, task, form, back)
    form = TaskHoldForm(request.POST)
    if form.is_valid():
        try:
            changed = task_hold_apply(user=request.user, task=task, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            label = dict(TaskHoldForm.ACTIONS)[form.cleaned_data["action"]]
            messages.success(
                request,
                _("%(action)s nhiệm vụ %(ref)s: %(n)d phần việc đã chuyển trạng thái.")
                % {"action": label, "ref": task.ref or task.pk, "n": changed},
            )
            return redirect(back)
    return _hold_page(request, task, form, back, status=400)


def _hold_page(
    request: HttpRequest, task: Any, form: TaskHoldForm, back: str, status: int = 200
) -> HttpResponse:
    context = {"task": task, "form": form, "back": back}
    return render(request, "reporting/task_hold.html", context, status=status)


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""


# --- reminder --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def reminder(request: HttpRequest, period_pk: int, unit_pk: int) -> HttpResponse:
    """The official reminder (đôn đốc) to one unit for one period, editable before sending."""
    require_perm(request.user, "reporting.send_reminder")
    period = selectors.period_get(pk=period_pk)
    unit = unit_get(pk=unit_pk)
    if request.method == "POST":
        form = ReminderForm(request.POST)
        if form.is_valid():
            try:
                sent = reminders.reminder_send(
                    user=request.user,
                    period=period,
                    unit=unit,
                    subject=form.cleaned_data["subject"],
                    text=form.cleaned_data["text"],
                    token=str(form.cleaned_data["token"]),
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, _("Đã gửi nhắc đến %(n)d người.") % {"n": sent.recipients}
                )
                return redirect(_dashboard_url(period))
        status = 400
    else:
        subject, text = reminders.reminder_draft(
            period=period, unit=unit, today=timezone.localdate()
        )
        form = ReminderForm(initial={"subject": subject, "text": text})
        status = 200
    context = {"period": period, "unit": unit, "form": form, "back": _dashboard_url(period)}
    return render(request, "reporting/reminder.html", context, status=status)

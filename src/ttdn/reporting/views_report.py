"""Pages of a unit's period report: open it, edit its three text blocks, move it along its
workflow (officer → leader → coordinating agency), and the list of reports (thin: forms +
selectors/services)."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.core.errors import Conflict, NotFound, ValidationFailed
from ttdn.core.history import history_rows
from ttdn.reporting import selectors, services
from ttdn.reporting.forms import ReportActionForm, ReportFilterForm, ReportTextForm
from ttdn.reporting.models import UnitReport

MAX_LISTED = 300
# Actions on a report whose text may still change: they carry the version the user read, so
# nobody approves a text other than the one on their screen. Later steps start from states
# where the text is frozen; there the status check alone answers a double click ("đã được
# gửi lúc …") instead of a stale-version message.
VERSIONED_ACTIONS = ("send_for_approval", "approve")
NEEDS_COMMENT = ("send_back", "return")


@login_required
def report_open(request: HttpRequest, period_pk: int) -> HttpResponse:
    """The user's unit's report for the period, created as a draft on first use."""
    period = selectors.period_get(pk=period_pk)
    if request.user.unit_id is None:
        raise NotFound("Tài khoản chưa gắn với đơn vị nào nên không có báo cáo của đơn vị.")
    report = services.report_open(user=request.user, period=period, unit=request.user.unit)
    return redirect("reporting:report", pk=report.pk)


@dataclass(frozen=True)
class ActionButton:
    name: str
    label: str
    needs_comment: bool
    comment: str = ""  # what the user typed before the step was refused


def _actions(user: Any, report: UnitReport, typed: dict[str, str]) -> list[ActionButton]:
    """The workflow steps this user may take on the report now."""
    return [
        ActionButton(
            name, str(services.ACTION_LABELS[name]), name in NEEDS_COMMENT, typed.get(name, "")
        )
        for name, (sources, _target, perm) in services.REPORT_ACTIONS.items()
        if report.status in sources and user.has_perm(perm, report)
    ]


def _render_report(
    request: HttpRequest, report: UnitReport, *, status: int = 200, **extra: Any
) -> HttpResponse:
    user = request.user
    lines = selectors.report_lines(period=report.period, unit=report.unit)
    figures, spent = selectors.report_totals(lines)
    closed = selectors.period_closed_reason(report.period, report.status, timezone.localdate())
    can_prepare = user.has_perm("reporting.prepare_report", report)
    text_form = extra.pop("text_form", None) or ReportTextForm(
        initial={
            "summary": report.summary,
            "difficulties": report.difficulties,
            "proposals": report.proposals,
            "version": report.version,
        }
    )
    context = {
        "report": report,
        "period": report.period,
        "lines": lines,
        "figures": figures,
        "spent": spent,
        "late": services.report_is_late(report),
        "closed": closed,
        "can_prepare": can_prepare,
        "editable": can_prepare and not closed,
        "actions": _actions(user, report, extra.pop("typed", {})),
        "text_form": text_form,
        "history": history_rows(report),
        **extra,
    }
    return render(request, "reporting/report_detail.html", context, status=status)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    if request.method != "POST":
        return _render_report(request, report)
    form = ReportTextForm(request.POST)
    if not form.is_valid():
        return _render_report(request, report, text_form=form, status=400)
    try:
        services.report_save(user=request.user, report=report, **form.cleaned_data)
    except (ValidationFailed, Conflict) as exc:
        return _report_text_refused(request, report, exc)
    messages.success(request, _("Đã lưu nội dung báo cáo."))
    return redirect("reporting:report", pk=report.pk)


def _report_text_refused(
    request: HttpRequest, report: UnitReport, exc: ValidationFailed | Conflict
) -> HttpResponse:
    """The texts the user typed stay on the form; after a conflict the latest saved version is
    shown beside them and becomes the form's version."""
    data = request.POST.copy()
    latest = None
    if isinstance(exc, Conflict):
        report = latest = selectors.report_get_for_user(user=request.user, pk=report.pk)
        data["version"] = str(report.version)
    return _render_report(
        request,
        report,
        text_form=ReportTextForm(data),
        text_error=exc.message,
        latest=latest,
        status=exc.status_code,
    )


@login_required
@require_POST
def report_action(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    form = ReportActionForm(request.POST)
    if not form.is_valid():
        error = _("Thao tác không hợp lệ; hãy tải lại trang.")
        return _render_report(request, report, action_error=error, status=400)
    action, comment = form.cleaned_data["action"], form.cleaned_data["comment"]
    try:
        services.report_transition(
            user=request.user,
            report=report,
            action=action,
            comment=comment,
            version=form.cleaned_data["version"] if action in VERSIONED_ACTIONS else None,
        )
    except (ValidationFailed, Conflict) as exc:
        report = selectors.report_get_for_user(user=request.user, pk=pk)
        return _render_report(
            request,
            report,
            action_error=exc.message,
            typed={action: comment},
            status=exc.status_code,
        )
    label = str(services.ACTION_LABELS[action])
    messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": label})
    return redirect("reporting:report", pk=report.pk)


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    periods = list(selectors.periods_all())
    form = ReportFilterForm(request.GET or None, periods=periods)
    reports = list(selectors.reports_for_user(user=user, period=form.chosen_period())[:MAX_LISTED])
    to_open = []
    if user.unit_id and user.has_perm("reporting.prepare_report", SimpleNamespace(unit=user.unit)):
        started = timezone.localdate()
        own = set(
            selectors.reports_for_user(user=user)
            .filter(unit_id=user.unit_id)
            .values_list("period_id", flat=True)
        )
        to_open = [p for p in periods if p.pk not in own and p.starts <= started]
    late = {r.pk for r in reports if services.report_is_late(r)}
    context = {"form": form, "reports": reports, "late": late, "to_open": to_open}
    return render(request, "reporting/report_list.html", context)

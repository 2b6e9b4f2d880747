"""Pages of the press module: visits (list, new request, detail with the workflow, report and
follow-up articles), delegations and press events (thin: forms + selectors/services)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms as forms_module
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ttdn.core.errors import ApplicationError
from ttdn.core.history import history_rows
from ttdn.press import selectors, services, services_events
from ttdn.press.countries import country_name
from ttdn.press.forms import (
    DelegationForm,
    FollowUpForm,
    PressEventForm,
    ProgrammeRows,
    ReporterRows,
    VisitActionForm,
    VisitFilterForm,
    VisitForm,
    VisitReportForm,
)
from ttdn.press.services import ACTION_LABELS, TRANSITIONS, ProgrammeData, ReporterData
from ttdn.units.models import Unit

MAX_LISTED = 300


@login_required
def visits(request: HttpRequest) -> HttpResponse:
    form = VisitFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.visits_for_user(
        user=request.user, status=filters.get("status", ""), q=filters.get("q", "")
    )
    context = {
        "form": form,
        "visits": list(rows[:MAX_LISTED]),
        "can_create": bool(selectors.units_kept_by(user=request.user)),
    }
    return render(request, "press/visits.html", context)


def _rows(formset: Any, kind: str) -> list[Any]:
    result = []
    for row in formset.cleaned_data:
        if kind == "reporter" and row.get("full_name"):
            result.append(
                ReporterData(
                    row["full_name"],
                    row.get("nationality", ""),
                    row.get("outlet", ""),
                    row.get("press_card", ""),
                    row.get("permit", ""),
                    bool(row.get("resident")),
                )
            )
        if kind == "programme" and row.get("day"):
            result.append(
                ProgrammeData(
                    row["day"],
                    row["starts_at"],
                    row["ends_at"],
                    row["place"],
                    row.get("meeting", ""),
                    row.get("content", ""),
                )
            )
    return result


@login_required
@require_http_methods(["GET", "POST"])
def visit_new(request: HttpRequest) -> HttpResponse:
    units = selectors.units_kept_by(user=request.user)
    data = request.POST if request.method == "POST" else None
    form = VisitForm(data, units=units, initial={"received_on": timezone.localdate()})
    reporters = ReporterRows(data, prefix="reporter")
    programme = ProgrammeRows(data, prefix="programme")
    accompanying = request.POST.getlist("accompanying") if data else []
    if data is not None and form.is_valid() and reporters.is_valid() and programme.is_valid():
        try:
            visit = services.visit_create(
                actor=request.user,
                **form.cleaned_data,
                reporters=_rows(reporters, "reporter"),
                programme=_rows(programme, "programme"),
                accompanying_units=list(
                    Unit.objects.filter(pk__in=[int(p) for p in accompanying if p.isdigit()])
                ),
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Đã ghi nhận đề nghị của đoàn “%(title)s”.") % {"title": visit.title}
            )
            return redirect("press:visit", pk=visit.pk)
    context = {
        "form": form,
        "reporters": reporters,
        "programme": programme,
        "all_units": Unit.objects.order_by("name").only("pk", "name"),
        "accompanying": {int(p) for p in accompanying if p.isdigit()},
    }
    return render(request, "press/visit_new.html", context, status=400 if data is not None else 200)


def _visit_page(request: HttpRequest, pk: int, status: int = 200, **forms: Any) -> HttpResponse:
    visit = selectors.visit_get_for_user(user=request.user, pk=pk)
    today = timezone.localdate()
    actions = [
        (name, ACTION_LABELS[name])
        for name, (sources, _target, perm) in TRANSITIONS.items()
        if visit.status in sources and request.user.has_perm(perm, visit)
    ]
    context = {
        "visit": visit,
        "reporters": [(r, country_name(r.nationality)) for r in visit.reporters.all()],
        "actions": actions,
        "can_keep": request.user.has_perm("press.keep_record", visit),
        "action_form": forms.get("action_form") or VisitActionForm(initial={"on": today}),
        "report_form": forms.get("report_form") or VisitReportForm(initial={"on": today}),
        "follow_up_form": forms.get("follow_up_form") or FollowUpForm(),
        "late_request": bool(visit.apply_deadline and visit.received_on > visit.apply_deadline),
        "history": history_rows(visit),
    }
    return render(request, "press/visit.html", context, status=status)


@login_required
def visit(request: HttpRequest, pk: int) -> HttpResponse:
    return _visit_page(request, pk)


def _visit_form_post(
    request: HttpRequest,
    pk: int,
    form_class: type[forms_module.Form],
    key: str,
    write: Callable[..., object],
    done: str,
) -> HttpResponse:
    """One form of the visit page: the service on valid input, else the page with the form's
    errors (the service's message among them)."""
    row = selectors.visit_get_for_user(user=request.user, pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            write(row, form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, done)
            return redirect("press:visit", pk=pk)
    return _visit_page(request, pk, status=400, **{key: form})


@login_required
@require_POST
def visit_action(request: HttpRequest, pk: int) -> HttpResponse:
    return _visit_form_post(
        request, pk, VisitActionForm, "action_form",
        lambda row, data: services.visit_transition(actor=request.user, visit=row, **data),
        _("Đã cập nhật trạng thái của đoàn."),
    )  # fmt: skip


@login_required
@require_POST
def visit_report(request: HttpRequest, pk: int) -> HttpResponse:
    return _visit_form_post(
        request, pk, VisitReportForm, "report_form",
        lambda row, data: services.visit_report_submit(actor=request.user, visit=row, **data),
        _("Đã lưu báo cáo kết quả."),
    )  # fmt: skip


@login_required
@require_POST
def visit_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    return _visit_form_post(
        request, pk, FollowUpForm, "follow_up_form",
        lambda row, data: services.follow_up_add(actor=request.user, parent=row, **data),
        _("Đã ghi nhận bài đăng."),
    )  # fmt: skip


@login_required
def delegations(request: HttpRequest) -> HttpResponse:
    direction = request.GET.get("direction", "")
    rows = selectors.delegations_for_user(
        user=request.user, direction=direction if direction in ("in", "out") else ""
    )
    context = {
        "delegations": list(rows[:MAX_LISTED]),
        "direction": direction,
        "can_create": bool(selectors.units_kept_by(user=request.user)),
    }
    return render(request, "press/delegations.html", context)


@login_required
def delegation(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.delegation_get_for_user(user=request.user, pk=pk)
    context = {
        "delegation": row,
        "country": country_name(row.country),
        "history": history_rows(row),
    }
    return render(request, "press/delegation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def delegation_new(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = DelegationForm(data, units=selectors.units_kept_by(user=request.user))
    if data is not None and form.is_valid():
        fields = dict(form.cleaned_data)
        title, signed = fields.pop("agreement_title"), fields.pop("agreement_signed_on")
        agreements = [services_events.AgreementData(title, signed)] if title and signed else []
        try:
            row = services_events.delegation_create(
                actor=request.user, agreements=agreements, **fields
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã ghi nhận đoàn."))
            return redirect("press:delegation", pk=row.pk)
    return render(
        request,
        "press/form.html",
        {"form": form, "title": _("Đoàn vào, đoàn ra mới")},
        status=400 if data else 200,
    )


@login_required
def press_events(request: HttpRequest) -> HttpResponse:
    rows = selectors.press_events_for_user(user=request.user)
    context = {
        "events": list(rows[:MAX_LISTED]),
        "can_create": bool(selectors.units_kept_by(user=request.user)),
    }
    return render(request, "press/press_events.html", context)


def _press_event_page(
    request: HttpRequest, pk: int, form: FollowUpForm | None = None, status: int = 200
) -> HttpResponse:
    row = selectors.press_event_get_for_user(user=request.user, pk=pk)
    context = {
        "event": row,
        "can_keep": request.user.has_perm("press.keep_record", row),
        "follow_up_form": form or FollowUpForm(),
        "history": history_rows(row),
    }
    return render(request, "press/press_event.html", context, status=status)


@login_required
def press_event(request: HttpRequest, pk: int) -> HttpResponse:
    return _press_event_page(request, pk)


@login_required
@require_POST
def press_event_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.press_event_get_for_user(user=request.user, pk=pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.follow_up_add(actor=request.user, parent=row, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã ghi nhận bài đăng."))
            return redirect("press:press_event", pk=pk)
    return _press_event_page(request, pk, form, status=400)


def _moment(day: dt.date | None, at: dt.time | None) -> dt.datetime | None:
    if day is None or at is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, at))


@login_required
@require_http_methods(["GET", "POST"])
def press_event_new(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = PressEventForm(data, units=selectors.units_kept_by(user=request.user))
    if data is not None and form.is_valid():
        fields = dict(form.cleaned_data)
        starts_at = _moment(fields.pop("day"), fields.pop("at"))
        notified_at = _moment(fields.pop("notified_day"), fields.pop("notified_at"))
        fields["outlets"] = fields["outlets"].splitlines()
        try:
            row = services_events.press_event_create(
                actor=request.user, starts_at=starts_at, notified_at=notified_at, **fields
            )  # type: ignore[arg-type]
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã ghi nhận sự kiện."))
            return redirect("press:press_event", pk=row.pk)
    return render(
        request,
        "press/form.html",
        {"form": form, "title": _("Họp báo, giao ban báo chí mới")},
        status=400 if data else 200,
    )

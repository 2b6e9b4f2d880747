"""Pages of the press module: visits (list, new request, detail with the workflow, report and
follow-up articles), delegations and press events (thin: forms + selectors/services)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ttdn.core.errors import Conflict
from ttdn.core.history import history_rows
from ttdn.press import selectors, services, services_events
from ttdn.press.countries import country_name
from ttdn.press.forms import (
    AccompanyingForm,
    AgreementRows,
    DelegationEditForm,
    DelegationForm,
    FollowUpForm,
    PressEventForm,
    ProgrammeEditRows,
    ProgrammeRows,
    ReporterEditRows,
    ReporterRows,
    VisitActionForm,
    VisitFilterForm,
    VisitForm,
    VisitReportForm,
)
from ttdn.press.history import visit_history
from ttdn.press.models import VisitStatus
from ttdn.press.services import ACTION_LABELS, TRANSITIONS, ProgrammeData, ReporterData
from ttdn.press.submit import submit
from ttdn.units.models import Unit
from ttdn.units.services import require_perm

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


def _rows(rows: list[dict[str, Any]], kind: str) -> list[Any]:
    result = []
    for row in rows:
        if row.get("DELETE"):
            continue
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
    chosen = [int(p) for p in accompanying if p.isdigit()]
    answer = submit(
        request, [form, reporters, programme],
        lambda: services.visit_create(
            actor=request.user,
            **form.cleaned_data,
            reporters=_rows(reporters.cleaned_data, "reporter"),
            programme=_rows(programme.cleaned_data, "programme"),
            accompanying_units=list(Unit.objects.filter(pk__in=chosen)),
        ),
        lambda visit: _("Đã ghi nhận đề nghị của đoàn “%(title)s”.") % {"title": visit.title},
        lambda visit: reverse("press:visit", args=[visit.pk]),
    )  # fmt: skip
    if answer:
        return answer
    context = {
        "form": form,
        "reporters": reporters,
        "programme": programme,
        "all_units": Unit.objects.order_by("name").only("pk", "name"),
        "accompanying": set(chosen),
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
        "programme_form": _programme_form(request, visit, forms.get("programme_form")),
        "late_request": bool(visit.apply_deadline and visit.received_on > visit.apply_deadline),
        "people_editable": visit.status in services.UNITS_EDITABLE,
        "reporters_editable": visit.status in services.REPORTERS_EDITABLE,
        "history": visit_history(visit=visit),
    }
    return render(request, "press/visit.html", context, status=status)


def _programme_form(request: HttpRequest, visit: Any, bound: Any) -> Any:
    """The programme as editable rows, while the visit's unit keeps it and it has not ended."""
    if bound is not None:
        return bound
    if visit.status in (VisitStatus.FINISHED, VisitStatus.REFUSED):
        return None
    if not request.user.has_perm("press.keep_record", visit):
        return None
    names = ("day", "starts_at", "ends_at", "place", "meeting", "content")
    items = [{name: getattr(p, name) for name in names} for p in visit.programme.all()]
    return ProgrammeEditRows(initial=items, prefix="programme")


@login_required
def visit(request: HttpRequest, pk: int) -> HttpResponse:
    return _visit_page(request, pk)


def _visit_form_post(
    request: HttpRequest,
    pk: int,
    build: Callable[[Any], Any],
    key: str,
    write: Callable[..., object],
    done: str,
) -> HttpResponse:
    """One form (or formset) of the visit page: the service on valid input, else the page with
    the form's errors (the service's message among them)."""
    row = selectors.visit_get_for_user(user=request.user, pk=pk)
    form = build(request.POST)
    write_row = lambda: write(row, form.cleaned_data)  # noqa: E731
    answer = submit(request, [form], write_row, done, reverse("press:visit", args=[pk]))
    return answer or _visit_page(request, pk, status=400, **{key: form})


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
@require_POST
def visit_programme(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme edited on the visit page, replaced all or nothing by the API's service."""
    return _visit_form_post(
        request, pk, lambda data: ProgrammeEditRows(data, prefix="programme"), "programme_form",
        lambda row, rows: services.visit_programme_replace(
            actor=request.user, visit=row, programme=_rows(rows, "programme")
        ),
        _("Đã lưu chương trình tác nghiệp."),
    )  # fmt: skip


REPORTER_FIELDS = ("full_name", "nationality", "outlet", "press_card", "permit", "resident")


@login_required
@require_http_methods(["GET", "POST"])
def visit_people(request: HttpRequest, pk: int) -> HttpResponse:
    """The reporters (while requested) and the accompanying units (until the programme ends)
    corrected together through `visit_people_update`, the service of PATCH /visits/{id}."""
    row = selectors.visit_get_for_user(user=request.user, pk=pk)
    require_perm(request.user, "press.keep_record", row)
    if row.status not in services.UNITS_EDITABLE:
        raise Conflict(
            _(
                "Đoàn đang ở trạng thái “%(status)s”: không sửa phóng viên, đơn vị phối hợp được nữa."  # noqa: E501
            )
            % {"status": row.get_status_display()}
        )
    data = request.POST if request.method == "POST" else None
    units = AccompanyingForm(data, initial={"units": list(row.accompanying_units.all())})
    forms: list[Any] = [units]
    reporters = None
    # rows posted from a page opened before the approval go to the service, which refuses a change
    if row.status in services.REPORTERS_EDITABLE or (data and "reporter-TOTAL_FORMS" in data):
        initial = [{f: getattr(r, f) for f in REPORTER_FIELDS} for r in row.reporters.all()]
        reporters = ReporterEditRows(data, initial=initial, prefix="reporter")
        forms.append(reporters)
    answer = submit(
        request, forms,
        lambda: services.visit_people_update(
            actor=request.user, visit=row,
            reporters=_rows(reporters.cleaned_data, "reporter") if reporters else None,
            accompanying_units=list(units.cleaned_data["units"]),
        ),
        _("Đã lưu phóng viên, đơn vị phối hợp của đoàn."), reverse("press:visit", args=[pk]),
    )  # fmt: skip
    context = {"visit": row, "units_form": units, "reporters": reporters}
    if answer:
        return answer
    return render(request, "press/visit_people.html", context, status=400 if data else 200)


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
        "can_keep": request.user.has_perm("press.keep_record", row),
        "history": history_rows(row),
    }
    return render(request, "press/delegation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def delegation_new(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = DelegationForm(data, units=selectors.units_kept_by(user=request.user))

    def write() -> Any:
        fields = dict(form.cleaned_data)
        title, signed = fields.pop("agreement_title"), fields.pop("agreement_signed_on")
        agreements = [services_events.AgreementData(title, signed)] if title and signed else []
        return services_events.delegation_create(
            actor=request.user, agreements=agreements, **fields
        )

    answer = submit(
        request, [form], write, _("Đã ghi nhận đoàn."),
        lambda row: reverse("press:delegation", args=[row.pk]),
    )  # fmt: skip
    context = {"form": form, "title": _("Đoàn vào, đoàn ra mới")}
    return answer or render(request, "press/form.html", context, status=400 if data else 200)


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
    answer = submit(
        request, [form],
        lambda: services.follow_up_add(actor=request.user, parent=row, **form.cleaned_data),
        _("Đã ghi nhận bài đăng."), reverse("press:press_event", args=[pk]),
    )  # fmt: skip
    return answer or _press_event_page(request, pk, form, status=400)


def _moment(day: dt.date | None, at: dt.time | None) -> dt.datetime | None:
    if day is None or at is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, at))


@login_required
@require_http_methods(["GET", "POST"])
def press_event_new(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = PressEventForm(data, units=selectors.units_kept_by(user=request.user))
    answer = submit(
        request, [form],
        lambda: services_events.press_event_create(
            actor=request.user, **_press_event_fields(form.cleaned_data)
        ),
        _("Đã ghi nhận sự kiện."), lambda row: reverse("press:press_event", args=[row.pk]),
    )  # fmt: skip
    context = {"form": form, "title": _("Họp báo, giao ban báo chí mới")}
    return answer or render(request, "press/form.html", context, status=400 if data else 200)


DELEGATION_FIELDS = (
    "direction", "country", "organisation", "size", "leader", "starts", "ends", "purpose",
    "programme", "outcomes",
)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def delegation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.delegation_get_for_user(user=request.user, pk=pk)
    require_perm(request.user, "press.keep_record", row)
    data = request.POST if request.method == "POST" else None
    form = DelegationEditForm(data, initial={f: getattr(row, f) for f in DELEGATION_FIELDS})
    signed = [
        {"title": a.title, "signed_on": a.signed_on, "partner": a.partner}
        for a in row.agreements.all()
    ]
    agreements = AgreementRows(data, initial=signed, prefix="agreement")

    def write() -> object:
        kept = [
            services_events.AgreementData(a["title"], a["signed_on"], a.get("partner", ""))
            for a in agreements.kept_rows()
            if a.get("title")
        ]
        return services_events.delegation_update(
            actor=request.user, delegation=row, agreements=kept, **form.cleaned_data
        )

    answer = submit(
        request,
        [form, agreements],
        write,
        _("Đã lưu thay đổi của đoàn."),
        reverse("press:delegation", args=[pk]),
    )
    context = {
        "form": form,
        "rows": agreements,
        "record": row,
        "title": _("Sửa thông tin đoàn"),
        "back": reverse("press:delegation", args=[pk]),
        "rows_title": _("Văn bản ký kết"),
    }
    return answer or render(request, "press/edit.html", context, status=400 if data else 200)


def _press_event_initial(row: Any) -> dict[str, Any]:
    starts = timezone.localtime(row.starts_at)
    notified = timezone.localtime(row.notified_at) if row.notified_at else None
    fields = ("kind", "title", "place", "chair", "topics", "information", "foreign_organiser")
    return {name: getattr(row, name) for name in fields} | {
        "day": starts.date(),
        "at": starts.time(),
        "notified_day": notified.date() if notified else None,
        "notified_at": notified.time() if notified else None,
        "outlets": row.outlets,
    }


def _press_event_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The form's day and hour fields as the service's moments, the outlets one per line."""
    fields = dict(data)
    fields["starts_at"] = _moment(fields.pop("day"), fields.pop("at"))
    fields["notified_at"] = _moment(fields.pop("notified_day"), fields.pop("notified_at"))
    fields["outlets"] = fields["outlets"].splitlines()
    return fields


@login_required
@require_http_methods(["GET", "POST"])
def press_event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.press_event_get_for_user(user=request.user, pk=pk)
    require_perm(request.user, "press.keep_record", row)
    data = request.POST if request.method == "POST" else None
    form = PressEventForm(data, units=None, initial=_press_event_initial(row))
    answer = submit(
        request, [form],
        lambda: services_events.press_event_update(
            actor=request.user, event=row, **_press_event_fields(form.cleaned_data)
        ),
        _("Đã lưu thay đổi của sự kiện."), reverse("press:press_event", args=[pk]),
    )  # fmt: skip
    context = {
        "form": form,
        "record": row,
        "title": _("Sửa họp báo, giao ban báo chí"),
        "back": reverse("press:press_event", args=[pk]),
    }
    return answer or render(request, "press/edit.html", context, status=400 if data else 200)

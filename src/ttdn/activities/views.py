"""Pages of the activities registry (list, new, detail with tasks and photos) and the month
calendar with its iCalendar export (thin: forms + selectors/services)."""

from __future__ import annotations

import calendar as month_grid
import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ttdn.activities import calendar, selectors, services
from ttdn.activities.forms import (
    KIND_FIELDS,
    ActivityEditForm,
    ActivityForm,
    AttachTaskForm,
    CalendarFilterForm,
    PhotoForm,
)
from ttdn.activities.models import ActivityKind
from ttdn.core.errors import NotFound
from ttdn.core.history import history_rows
from ttdn.plans.models import Task
from ttdn.press.selectors import units_kept_by
from ttdn.press.submit import submit
from ttdn.units.models import Unit
from ttdn.units.selectors import unit_scope_ids, unit_subtree_ids
from ttdn.units.services import require_perm

MAX_LISTED = 300
MONTHS = [
    "",
    "Tháng 1",
    "Tháng 2",
    "Tháng 3",
    "Tháng 4",
    "Tháng 5",
    "Tháng 6",
    "Tháng 7",
    "Tháng 8",
    "Tháng 9",
    "Tháng 10",
    "Tháng 11",
    "Tháng 12",
]


@login_required
def activities(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in ActivityKind.values else ""
    rows = selectors.activities_for_user(user=request.user, kind=kind)
    year = timezone.localdate().year
    figures = selectors.indicator_figures(
        starts=dt.date(year, 1, 1),
        ends=dt.date(year, 12, 31),
        unit_ids=unit_scope_ids(request.user),
    )
    context = {
        "activities": list(rows[:MAX_LISTED]),
        "kind": kind,
        "kinds": ActivityKind.choices,
        "can_create": bool(units_kept_by(user=request.user)),
        "year": year,
        "figures": [(selectors.INDICATOR_SOURCES[code], n) for code, n in figures.items()],
    }
    return render(request, "activities/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_new(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = ActivityForm(data, units=units_kept_by(user=request.user))
    answer = submit(
        request, [form],
        lambda: services.activity_create(actor=request.user, **form.cleaned_data),
        lambda row: _("Đã ghi nhận hoạt động “%(title)s”.") % {"title": row.title},
        lambda row: reverse("activities:detail", args=[row.pk]),
    )  # fmt: skip
    context = {"form": form, "title": _("Hoạt động mới")}
    return answer or render(request, "press/form.html", context, status=400 if data else 200)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct an activity: title, dates and the fields of its kind (its unit and kind stay)."""
    row = selectors.activity_get_for_user(user=request.user, pk=pk)
    require_perm(request.user, "activities.keep_activity", row)
    data = request.POST if request.method == "POST" else None
    names = ("title", "starts", "ends", "description", *KIND_FIELDS[row.kind])
    form = ActivityEditForm(data, kind=row.kind, initial={n: getattr(row, n) for n in names})

    def write() -> Any:
        fields = dict(form.cleaned_data)
        fields["ends"] = fields["ends"] or fields["starts"]  # one day when left empty
        return services.activity_update(actor=request.user, activity=row, **fields)

    back = reverse("activities:detail", args=[pk])
    answer = submit(request, [form], write, _("Đã lưu thay đổi của hoạt động."), back)
    context = {
        "form": form,
        "record": row,
        "kind_label": row.get_kind_display(),
        "title": _("Sửa hoạt động"),
        "back": back,
    }
    return answer or render(request, "press/edit.html", context, status=400 if data else 200)


def _assignable_tasks(activity: Any) -> list[Task]:
    """Tasks the activity's unit or its sub-units are assigned to, newest plans first."""
    units = unit_subtree_ids(activity.unit_id)
    rows = Task.objects.filter(assignments__unit_id__in=units).select_related("plan").distinct()
    return list(rows.order_by("-plan__year", "plan", "order")[:300])


def _detail(request: HttpRequest, pk: int, status: int = 200, **forms: Any) -> HttpResponse:
    row = selectors.activity_get_for_user(user=request.user, pk=pk)
    can_keep = request.user.has_perm("activities.keep_activity", row)
    context = {
        "activity": row,
        "can_keep": can_keep,
        "attach_form": forms.get("attach_form")
        or (AttachTaskForm(tasks=_assignable_tasks(row)) if can_keep else None),
        "photo_form": forms.get("photo_form") or PhotoForm(),
        "history": history_rows(row),
    }
    return render(request, "activities/detail.html", context, status=status)


@login_required
def activity(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


@login_required
@require_POST
def activity_attach(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.activity_get_for_user(user=request.user, pk=pk)
    form = AttachTaskForm(request.POST, tasks=_assignable_tasks(row))
    answer = submit(
        request, [form],
        lambda: services.activity_attach_tasks(
            actor=request.user, activity=row, tasks=[form.tasks[form.cleaned_data["task"]]]
        ),
        _("Đã gắn hoạt động làm minh chứng cho nhiệm vụ."),
        reverse("activities:detail", args=[pk]),
    )  # fmt: skip
    return answer or _detail(request, pk, status=400, attach_form=form)


@login_required
@require_POST
def activity_photo(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.activity_get_for_user(user=request.user, pk=pk)
    form = PhotoForm(request.POST, request.FILES)
    answer = submit(
        request, [form],
        lambda: services.activity_photo_add(
            actor=request.user, activity=row, upload=form.cleaned_data["photo"],
            caption=form.cleaned_data["caption"],
        ),
        _("Đã thêm ảnh."), reverse("activities:detail", args=[pk]),
    )  # fmt: skip
    return answer or _detail(request, pk, status=400, photo_form=form)


@login_required
def photo_download(request: HttpRequest, pk: int, photo_pk: int) -> FileResponse:
    row = selectors.activity_get_for_user(user=request.user, pk=pk)
    photo = row.photos.filter(pk=photo_pk).first()
    if photo is None:
        raise NotFound("Không tìm thấy ảnh.")
    response = FileResponse(
        photo.file.open("rb"),
        content_type="image/png" if photo.file.name.endswith(".png") else "image/jpeg",
    )
    response["Content-Disposition"] = content_disposition_header(
        False, photo.file.name.rsplit("/", 1)[-1]
    )
    return response


def _calendar_query(
    request: HttpRequest,
) -> tuple[CalendarFilterForm, int, int, list[str], int | None]:
    scope = unit_scope_ids(request.user)
    units = (
        Unit.objects.order_by("name")
        if scope is None
        else Unit.objects.filter(pk__in=scope).order_by("name")
    )
    form = CalendarFilterForm(request.GET or None, units=list(units.only("pk", "name")))
    today = timezone.localdate()
    data = form.cleaned_data if form.is_valid() else {}
    return (
        form,
        data.get("year") or today.year,
        data.get("month") or today.month,
        data.get("kind") or [],
        data.get("unit"),
    )


@login_required
def month(request: HttpRequest) -> HttpResponse:
    form, year, number, kinds, unit_id = _calendar_query(request)
    first = dt.date(year, number, 1)
    last = dt.date(year, number, month_grid.monthrange(year, number)[1])
    events = calendar.calendar_events(
        user=request.user, first=first, last=last, kinds=kinds, unit_id=unit_id
    )
    previous = first - dt.timedelta(days=1)
    following = last + dt.timedelta(days=1)
    query = request.GET.copy()
    query.pop("year", None)
    query.pop("month", None)
    context = {
        "form": form,
        "title": f"{MONTHS[number]} năm {year}",
        "weeks": calendar.month_weeks(year, number, events),
        "events": events,
        "kinds": calendar.KINDS,
        "previous": f"year={previous.year}&month={previous.month}",
        "following": f"year={following.year}&month={following.month}",
        "filters": query.urlencode(),
        "today": timezone.localdate(),
        "year": year,
        "month": number,
    }
    return render(request, "activities/calendar.html", context)


@login_required
def month_ics(request: HttpRequest) -> HttpResponse:
    """The month shown, with its filters, as an .ics file for Outlook, Thunderbird or a phone."""
    _form, year, number, kinds, unit_id = _calendar_query(request)
    first = dt.date(year, number, 1)
    last = dt.date(year, number, month_grid.monthrange(year, number)[1])
    events = calendar.calendar_events(
        user=request.user, first=first, last=last, kinds=kinds, unit_id=unit_id
    )
    response = HttpResponse(
        calendar.icalendar_bytes(events), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"ttdn-{year}-{number:02d}.ics"
    )
    return response

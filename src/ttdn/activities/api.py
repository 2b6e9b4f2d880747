"""API routes of the activities registry and the calendar (/api/v1/activities), thin and scoped
like the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from ttdn.activities import calendar, selectors, services
from ttdn.activities.models import Activity, ActivityKind
from ttdn.core.errors import NotFound, ValidationFailed
from ttdn.plans.models import Task
from ttdn.units.models import Unit
from ttdn.units.selectors import unit_scope_ids, unit_subtree_ids

router = Router(tags=["Hoạt động và lịch"])


class ErrorOut(Schema):
    detail: str


ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class ActivityIn(Schema):
    unit_id: int
    kind: str
    title: str
    starts: dt.date
    ends: dt.date | None = None
    place: str = ""
    description: str = ""
    participants: int | None = None
    trainers: str = ""
    materials: str = ""
    languages: str = ""
    print_run: int | None = None
    distribution: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    content: str = ""
    installed_on: dt.date | None = None
    maintained_on: dt.date | None = None
    condition: str = ""
    organiser: str = ""
    results: str = ""
    task_ids: list[int] = []


class ActivityOut(Schema):
    id: int
    unit_id: int
    kind: str
    title: str
    starts: dt.date
    ends: dt.date
    place: str
    description: str
    participants: int | None
    trainers: str
    materials: str
    languages: str
    print_run: int | None
    distribution: str
    latitude: Decimal | None
    longitude: Decimal | None
    content: str
    installed_on: dt.date | None
    maintained_on: dt.date | None
    condition: str
    organiser: str
    results: str
    task_ids: list[int]

    @staticmethod
    def resolve_task_ids(obj: Activity) -> list[int]:
        return [task.pk for task in obj.tasks.all()]


class ActivityPatch(Schema):
    """What to correct: the title, the dates, the fields of the kind (a billboard's maintenance
    and condition, a print run…). The unit and the kind stay."""

    title: str | None = None
    starts: dt.date | None = None
    ends: dt.date | None = None
    place: str | None = None
    description: str | None = None
    participants: int | None = None
    print_run: int | None = None
    distribution: str | None = None
    content: str | None = None
    maintained_on: dt.date | None = None
    condition: str | None = None
    results: str | None = None


class TasksIn(Schema):
    task_ids: list[int]


class EventOut(Schema):
    uid: str
    kind: str
    title: str
    starts: dt.date
    ends: dt.date
    at: dt.datetime | None
    unit: str
    url: str
    status: str


@router.get("", response=list[ActivityOut], summary="Hoạt động được xem")
@paginate(LimitOffsetPagination)
def activities_list(request: HttpRequest, kind: str = "") -> object:
    if kind and kind not in ActivityKind.values:
        raise ValidationFailed(
            f"Loại hoạt động “{kind}” không hợp lệ ({', '.join(ActivityKind.values)})."
        )
    return selectors.activities_for_user(user=request.user, kind=kind)


def _tasks(ids: list[int]) -> list[Task]:
    tasks = list(Task.objects.filter(pk__in=ids))
    if len(tasks) != len(set(ids)):
        raise NotFound("Không tìm thấy nhiệm vụ.")
    return tasks


@router.post("", response={201: ActivityOut, **ERRORS}, summary="Ghi nhận hoạt động")
def activity_create(request: HttpRequest, payload: ActivityIn) -> object:
    data = payload.dict()
    unit = Unit.objects.filter(pk=data.pop("unit_id")).first()
    if unit is None:
        raise NotFound("Không tìm thấy đơn vị.")
    tasks = _tasks(data.pop("task_ids"))
    row = services.activity_create(actor=request.user, unit=unit, tasks=tasks, **data)
    return Status(201, selectors.activity_get_for_user(user=request.user, pk=row.pk))


@router.get(
    "/calendar", response=list[EventOut], summary="Lịch đoàn, sự kiện, hoạt động trong khoảng ngày"
)
def calendar_list(
    request: HttpRequest,
    first: dt.date,
    last: dt.date,
    kind: list[str] = Query([]),  # noqa: B008 - ninja's way to declare a repeated parameter
    unit: int | None = None,
) -> object:
    if last < first or (last - first).days > 366:
        raise ValidationFailed("Khoảng ngày không hợp lệ (từ first đến last, tối đa 366 ngày).")
    unknown = set(kind) - set(calendar.KINDS)
    if unknown:
        raise ValidationFailed(
            f"Loại không hợp lệ: {', '.join(sorted(unknown))} ({', '.join(calendar.KINDS)})."
        )
    return calendar.calendar_events(
        user=request.user, first=first, last=last, kinds=kind, unit_id=unit
    )


@router.get(
    "/indicators",
    response=dict[str, int],
    summary="Số liệu chỉ tiêu đếm từ hoạt động, đoàn, họp báo",
)
def indicators(
    request: HttpRequest, starts: dt.date, ends: dt.date, unit: int | None = None
) -> object:
    scope = unit_scope_ids(request.user)
    if unit is not None:
        wanted = unit_subtree_ids(unit)
        unit_ids: set[int] | None = wanted if scope is None else wanted & scope
    else:
        unit_ids = scope
    return selectors.indicator_figures(starts=starts, ends=ends, unit_ids=unit_ids)


@router.get("/{activity_id}", response={200: ActivityOut, 404: ErrorOut}, summary="Một hoạt động")
def activity_detail(request: HttpRequest, activity_id: int) -> object:
    return selectors.activity_get_for_user(user=request.user, pk=activity_id)


@router.patch("/{activity_id}", response={200: ActivityOut, **ERRORS}, summary="Cập nhật hoạt động")
def activity_patch(request: HttpRequest, activity_id: int, payload: ActivityPatch) -> object:
    row = selectors.activity_get_for_user(user=request.user, pk=activity_id)
    services.activity_update(actor=request.user, activity=row, **payload.dict(exclude_unset=True))
    return selectors.activity_get_for_user(user=request.user, pk=activity_id)


@router.post(
    "/{activity_id}/tasks",
    response={200: ActivityOut, **ERRORS},
    summary="Gắn hoạt động làm minh chứng cho nhiệm vụ",
)
def activity_tasks(request: HttpRequest, activity_id: int, payload: TasksIn) -> object:
    row = selectors.activity_get_for_user(user=request.user, pk=activity_id)
    services.activity_attach_tasks(actor=request.user, activity=row, tasks=_tasks(payload.task_ids))
    return selectors.activity_get_for_user(user=request.user, pk=activity_id)

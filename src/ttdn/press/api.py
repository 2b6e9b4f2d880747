"""API routes of the press module (/api/v1/press): thin schemas over the selectors and services,
scoped like the pages (another unit's record answers 404 and nothing changes)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import BaseModel, ConfigDict

from ttdn.core.errors import NotFound, ValidationFailed
from ttdn.press import selectors, services, services_events
from ttdn.press.models import Delegation, PressEvent, Visit, VisitStatus
from ttdn.units.models import Unit

router = Router(tags=["Phóng viên, đoàn nước ngoài, họp báo"])


class ErrorOut(Schema):
    detail: str


ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class ReporterIO(Schema):
    full_name: str
    nationality: str  # ISO 3166-1 alpha-2, e.g. "JP"
    outlet: str
    press_card: str = ""
    permit: str = ""
    resident: bool = False


class ProgrammeIO(Schema):
    day: dt.date
    starts_at: dt.time
    ends_at: dt.time
    place: str
    meeting: str = ""
    content: str = ""


class VisitIn(Schema):
    unit_id: int
    title: str
    received_on: dt.date
    channel: str
    purpose: str
    starts: dt.date
    ends: dt.date
    reporters: list[ReporterIO]
    programme: list[ProgrammeIO] = []
    accompanying_unit_ids: list[int] = []


class VisitOut(Schema):
    id: int
    unit_id: int
    title: str
    status: str
    received_on: dt.date
    starts: dt.date
    ends: dt.date
    apply_deadline: dt.date | None
    answer_due: dt.date | None
    report_due: dt.date | None
    legal_basis: str
    decision_document: str
    decided_on: dt.date | None


class FollowUpOut(Schema):
    id: int
    title: str
    url: str
    outlet: str
    published_on: dt.date | None
    monitoring_ref: str


class VisitDetailOut(VisitOut):
    purpose: str
    channel: str
    reporters: list[ReporterIO]
    programme: list[ProgrammeIO]
    accompanying_unit_ids: list[int]
    follow_ups: list[FollowUpOut]
    report_text: str
    reported_on: dt.date | None

    @staticmethod
    def resolve_reporters(obj: Visit) -> list[object]:
        return list(obj.reporters.all())

    @staticmethod
    def resolve_programme(obj: Visit) -> list[object]:
        return list(obj.programme.all())

    @staticmethod
    def resolve_accompanying_unit_ids(obj: Visit) -> list[int]:
        return [u.pk for u in obj.accompanying_units.all()]

    @staticmethod
    def resolve_follow_ups(obj: Visit) -> list[object]:
        return list(obj.follow_ups.all())


class ActionIn(Schema):
    action: str  # approve | refuse | start | finish
    on: dt.date
    document: str = ""
    note: str = ""


class FollowUpIn(Schema):
    title: str
    url: str = ""
    outlet: str = ""
    published_on: dt.date | None = None
    monitoring_ref: str = ""


def _unit(pk: int) -> Unit:
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None:
        raise NotFound("Không tìm thấy đơn vị.")
    return unit


def _units(pks: list[int]) -> list[Unit]:
    units = list(Unit.objects.filter(pk__in=pks))
    unknown = sorted(set(pks) - {u.pk for u in units})
    if unknown:
        raise ValidationFailed(f"Không có đơn vị mã số {', '.join(map(str, unknown))}.")
    return units


def _changes(payload: Schema, row: Any, *, nullable: tuple[str, ...] = ()) -> dict[str, Any]:
    """The fields a PATCH sent; null only where the record allows an empty value, and the unit
    only unchanged (a record stays with its unit)."""
    fields = payload.dict(exclude_unset=True)
    empty = sorted(k for k, v in fields.items() if v is None and k not in nullable)
    if empty:
        raise ValidationFailed(f"Trường {', '.join(empty)} không được để trống (null).")
    unit_id = fields.pop("unit_id", None)
    if unit_id is not None and unit_id != row.unit_id:
        raise ValidationFailed(
            "Không đổi được đơn vị của bản ghi: ghi nhận lại ở đơn vị đúng nếu nhầm đơn vị."
        )
    return fields


@router.get("/visits", response=list[VisitOut], summary="Đoàn phóng viên nước ngoài được xem")
@paginate(LimitOffsetPagination)
def visits_list(request: HttpRequest, status: str = "", q: str = "") -> object:
    if status and status not in VisitStatus.values:
        raise ValidationFailed(
            f"Trạng thái “{status}” không hợp lệ ({', '.join(VisitStatus.values)})."
        )
    return selectors.visits_for_user(user=request.user, status=status, q=q)


@router.post(
    "/visits",
    response={201: VisitDetailOut, **ERRORS},
    summary="Ghi nhận đề nghị của đoàn phóng viên",
)
def visit_create(request: HttpRequest, payload: VisitIn) -> object:
    visit = services.visit_create(
        actor=request.user,
        unit=_unit(payload.unit_id),
        title=payload.title,
        received_on=payload.received_on,
        channel=payload.channel,
        purpose=payload.purpose,
        starts=payload.starts,
        ends=payload.ends,
        reporters=[services.ReporterData(**r.dict()) for r in payload.reporters],
        programme=[services.ProgrammeData(**p.dict()) for p in payload.programme],
        accompanying_units=_units(payload.accompanying_unit_ids),
    )
    return Status(201, selectors.visit_get_for_user(user=request.user, pk=visit.pk))


@router.get(
    "/visits/{visit_id}",
    response={200: VisitDetailOut, 404: ErrorOut},
    summary="Một đoàn: phóng viên, chương trình, hạn, bài đăng",
)
def visit_detail(request: HttpRequest, visit_id: int) -> object:
    return selectors.visit_get_for_user(user=request.user, pk=visit_id)


@router.post(
    "/visits/{visit_id}/actions",
    response={200: VisitOut, **ERRORS},
    summary="Chấp thuận, từ chối, bắt đầu, kết thúc",
)
def visit_action(request: HttpRequest, visit_id: int, payload: ActionIn) -> object:
    visit = selectors.visit_get_for_user(user=request.user, pk=visit_id)
    return services.visit_transition(actor=request.user, visit=visit, **payload.dict())


@router.put(
    "/visits/{visit_id}/programme",
    response={200: VisitDetailOut, **ERRORS},
    summary="Thay đổi chương trình tác nghiệp (đến khi đoàn kết thúc)",
)
def visit_programme(request: HttpRequest, visit_id: int, payload: list[ProgrammeIO]) -> object:
    visit = selectors.visit_get_for_user(user=request.user, pk=visit_id)
    programme = [services.ProgrammeData(**p.dict()) for p in payload]
    services.visit_programme_replace(actor=request.user, visit=visit, programme=programme)
    return selectors.visit_get_for_user(user=request.user, pk=visit_id)


class VisitPeoplePatch(BaseModel):  # pydantic's own: ninja's Schema would hide the extras
    """The two lists a visit's page corrects after the request; a list left out stays as it is.
    The reporters only while the visit is requested, the units until the programme ends."""

    model_config = ConfigDict(extra="allow")  # to name, not drop, a field this cannot change

    reporters: list[ReporterIO] | None = None
    accompanying_unit_ids: list[int] | None = None


@router.patch(
    "/visits/{visit_id}",
    response={200: VisitDetailOut, **ERRORS},
    summary="Sửa phóng viên, đơn vị phối hợp của đoàn",
)
def visit_people(request: HttpRequest, visit_id: int, payload: VisitPeoplePatch) -> object:
    visit = selectors.visit_get_for_user(user=request.user, pk=visit_id)
    other = sorted(payload.model_extra or {})
    if other:
        raise ValidationFailed(
            f"Không sửa được trường: {', '.join(other)} (PATCH sửa reporters và "
            "accompanying_unit_ids; chương trình: PUT /visits/{id}/programme; trạng thái: "
            "POST /visits/{id}/actions)."
        )
    services.visit_people_update(
        actor=request.user,
        visit=visit,
        reporters=None
        if payload.reporters is None
        else [services.ReporterData(**r.model_dump()) for r in payload.reporters],
        accompanying_units=None
        if payload.accompanying_unit_ids is None
        else _units(payload.accompanying_unit_ids),
    )
    return selectors.visit_get_for_user(user=request.user, pk=visit_id)


@router.post(
    "/visits/{visit_id}/follow-ups",
    response={201: FollowUpOut, **ERRORS},
    summary="Bài phóng viên đăng sau chuyến tác nghiệp",
)
def visit_follow_up(request: HttpRequest, visit_id: int, payload: FollowUpIn) -> object:
    visit = selectors.visit_get_for_user(user=request.user, pk=visit_id)
    return Status(201, services.follow_up_add(actor=request.user, parent=visit, **payload.dict()))


class AgreementIO(Schema):
    title: str
    signed_on: dt.date
    partner: str = ""


class DelegationIn(Schema):
    unit_id: int
    direction: str  # in | out
    country: str
    organisation: str
    size: int
    leader: str
    starts: dt.date
    ends: dt.date
    purpose: str
    programme: str = ""
    outcomes: str = ""
    agreements: list[AgreementIO] = []


class DelegationOut(Schema):
    id: int
    unit_id: int
    direction: str
    country: str
    organisation: str
    size: int
    leader: str
    starts: dt.date
    ends: dt.date
    purpose: str
    programme: str
    outcomes: str
    agreements: list[AgreementIO]

    @staticmethod
    def resolve_agreements(obj: Delegation) -> list[object]:
        return list(obj.agreements.all())


@router.get("/delegations", response=list[DelegationOut], summary="Đoàn vào, đoàn ra")
@paginate(LimitOffsetPagination)
def delegations_list(request: HttpRequest, direction: str = "") -> object:
    if direction and direction not in ("in", "out"):
        raise ValidationFailed("Loại đoàn phải là in (đoàn vào) hoặc out (đoàn ra).")
    return selectors.delegations_for_user(user=request.user, direction=direction)


@router.post(
    "/delegations", response={201: DelegationOut, **ERRORS}, summary="Ghi nhận đoàn vào, đoàn ra"
)
def delegation_create(request: HttpRequest, payload: DelegationIn) -> object:
    data = payload.dict()
    agreements = [services_events.AgreementData(**a) for a in data.pop("agreements")]
    row = services_events.delegation_create(
        actor=request.user, unit=_unit(data.pop("unit_id")), agreements=agreements, **data
    )
    return Status(201, selectors.delegation_get_for_user(user=request.user, pk=row.pk))


class DelegationPatch(Schema):
    """What to correct; a field left out stays as it is. `agreements`, when sent, replace the
    agreements signed (an unchanged one is kept as it is)."""

    unit_id: int | None = None  # only the same: a delegation stays with its host unit
    direction: str | None = None
    country: str | None = None
    organisation: str | None = None
    size: int | None = None
    leader: str | None = None
    starts: dt.date | None = None
    ends: dt.date | None = None
    purpose: str | None = None
    programme: str | None = None
    outcomes: str | None = None
    agreements: list[AgreementIO] | None = None


@router.get(
    "/delegations/{delegation_id}",
    response={200: DelegationOut, 404: ErrorOut},
    summary="Một đoàn vào, đoàn ra",
)
def delegation_detail(request: HttpRequest, delegation_id: int) -> object:
    return selectors.delegation_get_for_user(user=request.user, pk=delegation_id)


@router.patch(
    "/delegations/{delegation_id}",
    response={200: DelegationOut, **ERRORS},
    summary="Sửa thông tin đoàn vào, đoàn ra (trừ đơn vị chủ trì)",
)
def delegation_patch(request: HttpRequest, delegation_id: int, payload: DelegationPatch) -> object:
    row = selectors.delegation_get_for_user(user=request.user, pk=delegation_id)
    fields = _changes(payload, row)
    agreements = fields.pop("agreements", None)
    services_events.delegation_update(
        actor=request.user,
        delegation=row,
        agreements=None
        if agreements is None
        else [services_events.AgreementData(**a) for a in agreements],
        **fields,
    )
    return selectors.delegation_get_for_user(user=request.user, pk=delegation_id)


class PressEventIn(Schema):
    unit_id: int
    kind: str  # conference | briefing
    title: str
    starts_at: dt.datetime
    place: str
    chair: str
    topics: str
    information: str = ""
    outlets: list[str] = []
    foreign_organiser: str = ""
    notified_at: dt.datetime | None = None


class PressEventOut(Schema):
    id: int
    unit_id: int
    kind: str
    title: str
    starts_at: dt.datetime
    place: str
    chair: str
    topics: str
    information: str
    outlets: list[str]
    foreign_organiser: str
    notified_at: dt.datetime | None
    notice_deadline: dt.datetime | None
    legal_basis: str
    follow_ups: list[FollowUpOut]

    @staticmethod
    def resolve_outlets(obj: PressEvent) -> list[str]:
        return obj.outlet_list

    @staticmethod
    def resolve_follow_ups(obj: PressEvent) -> list[object]:
        return list(obj.follow_ups.all())


@router.get("/press-events", response=list[PressEventOut], summary="Họp báo, giao ban báo chí")
@paginate(LimitOffsetPagination)
def press_events_list(request: HttpRequest, kind: str = "") -> object:
    if kind and kind not in ("conference", "briefing"):
        raise ValidationFailed(
            "Loại sự kiện phải là conference (họp báo) hoặc briefing (giao ban)."
        )
    return selectors.press_events_for_user(user=request.user, kind=kind)


@router.post(
    "/press-events",
    response={201: PressEventOut, **ERRORS},
    summary="Ghi nhận họp báo, giao ban báo chí",
)
def press_event_create(request: HttpRequest, payload: PressEventIn) -> object:
    data = payload.dict()
    row = services_events.press_event_create(
        actor=request.user, unit=_unit(data.pop("unit_id")), **data
    )
    return Status(201, selectors.press_event_get_for_user(user=request.user, pk=row.pk))


class PressEventPatch(Schema):
    """What to correct; a field left out stays as it is. The notice deadline is computed again
    from the (new) date and hour."""

    unit_id: int | None = None  # only the same: an event stays with its unit
    kind: str | None = None
    title: str | None = None
    starts_at: dt.datetime | None = None
    place: str | None = None
    chair: str | None = None
    topics: str | None = None
    information: str | None = None
    outlets: list[str] | None = None
    foreign_organiser: str | None = None
    notified_at: dt.datetime | None = None  # null: no notice recorded


@router.get(
    "/press-events/{event_id}",
    response={200: PressEventOut, 404: ErrorOut},
    summary="Một họp báo, giao ban báo chí",
)
def press_event_detail(request: HttpRequest, event_id: int) -> object:
    return selectors.press_event_get_for_user(user=request.user, pk=event_id)


@router.patch(
    "/press-events/{event_id}",
    response={200: PressEventOut, **ERRORS},
    summary="Sửa họp báo, giao ban báo chí (trừ đơn vị tổ chức)",
)
def press_event_patch(request: HttpRequest, event_id: int, payload: PressEventPatch) -> object:
    row = selectors.press_event_get_for_user(user=request.user, pk=event_id)
    fields = _changes(payload, row, nullable=("notified_at",))
    services_events.press_event_update(actor=request.user, event=row, **fields)
    return selectors.press_event_get_for_user(user=request.user, pk=event_id)


@router.post(
    "/press-events/{event_id}/follow-ups",
    response={201: FollowUpOut, **ERRORS},
    summary="Bài đăng sau sự kiện",
)
def press_event_follow_up(request: HttpRequest, event_id: int, payload: FollowUpIn) -> object:
    event = selectors.press_event_get_for_user(user=request.user, pk=event_id)
    return Status(201, services.follow_up_add(actor=request.user, parent=event, **payload.dict()))


@router.get("/reporters", response=list[ReporterIO], summary="Danh bạ phóng viên nước ngoài")
@paginate(LimitOffsetPagination)
def reporters_list(request: HttpRequest, q: str = "") -> object:
    return selectors.reporters_search(q=q)

"""API routes of the unit directory and the signed-in user (thin: schemas + selectors/services)."""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from ttdn.units import selectors, services
from ttdn.units.models import Unit, UnitSuccession
from ttdn.units.resolution import unit_resolve

router = Router(tags=["Đơn vị"])
me_router = Router(tags=["Người dùng"])


class UnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    province: str
    parent_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None


class SuccessionOut(Schema):
    unit_id: int
    unit_name: str
    kind: str
    effective_date: dt.date
    decision: str


class UnitDetailOut(UnitOut):
    aliases: list[str]
    predecessors: list[SuccessionOut]
    successors: list[SuccessionOut]


class MemberOut(Schema):
    id: int
    username: str
    full_name: str
    role: str
    position: str
    email: str


class AliasIn(Schema):
    text: str = Field(..., min_length=1, max_length=255)


class AliasOut(Schema):
    id: int
    text: str
    source: str


class CandidateOut(Schema):
    code: str
    name: str
    score: float
    matched: str


class ResolutionOut(Schema):
    text: str
    status: str
    candidates: list[CandidateOut]
    collective_kinds: list[str]


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    role: str
    language: str
    unit: UnitOut | None


@router.get("", response=list[UnitOut], summary="Danh mục đơn vị")
@paginate(LimitOffsetPagination)
def units_list(
    request: HttpRequest, q: str = "", kind: str = "", province: str = "", on: dt.date | None = None
) -> object:
    return selectors.units_search(q=q, kind=kind, province=province, on=on)


@router.get("/resolve", response=ResolutionOut, summary="Tìm đơn vị theo tên gọi trong văn bản")
def units_resolve(
    request: HttpRequest, text: str, province: str = "", on: dt.date | None = None
) -> object:
    resolution = unit_resolve(text=text[:1000], province=province, on=on)
    return {
        "text": resolution.text,
        "status": resolution.status,
        "candidates": list(resolution.candidates),
        "collective_kinds": list(resolution.collective_kinds),
    }


@router.get("/{unit_id}", response=UnitDetailOut, summary="Chi tiết đơn vị")
def unit_detail(request: HttpRequest, unit_id: int) -> object:
    unit = selectors.unit_get_for_user(user=request.user, pk=unit_id)
    lineage = selectors.unit_lineage(unit=unit)
    return {
        **UnitOut.from_orm(unit).dict(),
        "aliases": [alias.text for alias in unit.aliases.all()],
        "predecessors": [_link(link, link.predecessor) for link in lineage["predecessors"]],
        "successors": [_link(link, link.successor) for link in lineage["successors"]],
    }


def _link(link: UnitSuccession, unit: Unit) -> dict[str, object]:
    return {
        "unit_id": unit.pk,
        "unit_name": unit.name,
        "kind": link.kind,
        "effective_date": link.effective_date,
        "decision": link.decision,
    }


@router.get("/{unit_id}/members", response=list[MemberOut], summary="Cán bộ của đơn vị")
def unit_members(request: HttpRequest, unit_id: int) -> object:
    _unit, members = selectors.unit_members_for_user(user=request.user, pk=unit_id)
    return members


@router.post("/{unit_id}/aliases", response={201: AliasOut}, summary="Thêm tên gọi khác")
def unit_alias_add(request: HttpRequest, unit_id: int, payload: AliasIn) -> object:
    unit = selectors.unit_get_for_user(user=request.user, pk=unit_id, perm="units.change_unit")
    return Status(201, services.unit_alias_add(actor=request.user, unit=unit, text=payload.text))


@me_router.get("", response=MeOut, summary="Người dùng đang đăng nhập")
def me(request: HttpRequest) -> object:
    return request.user

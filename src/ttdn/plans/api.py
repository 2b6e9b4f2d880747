"""API routes of the plan register (thin: schemas + selectors/services)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from ttdn.plans import selectors, services
from ttdn.plans.models import Plan
from ttdn.plans.reading import plan_size_check

router = Router(tags=["Kế hoạch"])


class ErrorOut(Schema):
    detail: str


class AssignmentOut(Schema):
    role: str
    text: str
    unit_id: int | None
    unit_name: str | None
    resolution: str
    candidates: list[str]

    @staticmethod
    def resolve_unit_name(obj: object) -> str | None:
        unit = getattr(obj, "unit", None)
        return unit.name if unit else None


class TaskOut(Schema):
    id: int
    order: int
    ref: str
    section: str
    text: str
    timeline: str
    due: dt.date | None
    recurrence: str
    budget_vnd: int | None
    outputs: list[str]
    status: str
    assignments: list[AssignmentOut]

    @staticmethod
    def resolve_assignments(obj: object) -> list[object]:
        return list(obj.assignments.all())  # type: ignore[attr-defined]


class PlanOut(Schema):
    id: int
    title: str
    year: int | None
    document_id: int
    number: str
    date: dt.date | None
    issuer: str
    issuer_unit_id: int | None
    province: str
    report_deadline: dt.date | None
    source_name: str
    imported_at: dt.datetime

    @staticmethod
    def resolve_number(obj: Plan) -> str:
        return obj.document.number

    @staticmethod
    def resolve_date(obj: Plan) -> dt.date | None:
        return obj.document.date

    @staticmethod
    def resolve_issuer(obj: Plan) -> str:
        return obj.document.issuer


class PlanDetailOut(PlanOut):
    recipients: list[str]
    tasks: list[TaskOut]

    @staticmethod
    def resolve_tasks(obj: Plan) -> list[object]:
        return obj.listed_tasks  # type: ignore[attr-defined, no-any-return]


@router.get("", response=list[PlanOut], summary="Danh sách kế hoạch")
@paginate(LimitOffsetPagination)
def plans_list(request: HttpRequest, q: str = "", year: int | None = None) -> object:
    return selectors.plans_list(user=request.user, q=q[:200], year=year)


@router.post(
    "/import",
    response={201: PlanDetailOut, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut},
    summary="Nhập kế hoạch từ tệp .docx, .pdf, .txt (cán bộ đầu mối, quản trị)",
)
def plan_import(
    request: HttpRequest, file: File[UploadedFile], replace: Form[bool] = False
) -> object:
    plan_size_check(file.size or 0, file.name or "")
    plan = services.plan_import_file(
        user=request.user, data=file.read(), filename=file.name or "", replace=replace
    )
    return Status(201, _detail(plan, list(selectors.plan_tasks(plan=plan))))


@router.get(
    "/{plan_id}",
    response={200: PlanDetailOut, 400: ErrorOut, 404: ErrorOut},
    summary="Kế hoạch và các nhiệm vụ (lọc theo đơn vị, vai trò, phần, tháng đến hạn, trạng thái)",
)
def plan_detail(
    request: HttpRequest,
    plan_id: int,
    unit: int | None = None,
    role: str = "",
    section: str = "",
    due_month: str = "",
    status: str = "",
) -> object:
    plan = selectors.plan_get_for_user(user=request.user, pk=plan_id)
    tasks = selectors.plan_tasks(
        plan=plan, unit=unit, role=role, section=section, due_month=due_month, status=status
    )
    return _detail(plan, list(tasks))


def _detail(plan: Plan, tasks: list[object]) -> Plan:
    plan.listed_tasks = tasks  # type: ignore[attr-defined]  # the filtered tasks, in order
    return plan

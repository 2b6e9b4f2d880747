"""API routes of task tracking and reporting (thin: schemas + selectors/services).

Scoped like the pages: every object is fetched through a `*_for_user` selector, so another
unit's work item, update, evidence or report answers 404 and nothing changes.
"""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from ninja import File, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from ttdn.core.errors import NotFound, ValidationFailed
from ttdn.plans.models import AssignmentRole, TaskStatus
from ttdn.plans.selectors import plan_get_for_user
from ttdn.reporting import evidence as evidence_files
from ttdn.reporting import selectors, services
from ttdn.reporting.api_schemas import (
    ActionIn,
    CompletenessOut,
    ErrorOut,
    EvidenceOut,
    IndicatorOut,
    LinkIn,
    PeriodIn,
    PeriodOut,
    PeriodPatch,
    ReportDetailOut,
    ReportIn,
    ReportOut,
    UpdateIn,
    UpdateOut,
    WorkItemDetailOut,
    WorkItemOut,
)
from ttdn.reporting.models import Indicator, UnitReport
from ttdn.reporting.selectors import PeriodDashboard
from ttdn.units.services import require_perm

router = Router(tags=["Theo dõi nhiệm vụ và báo cáo"])

ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}

# --- work items and updates ------------------------------------------------------------------


@router.get("/work-items", response=list[WorkItemOut], summary="Phần việc đơn vị được xem")
@paginate(LimitOffsetPagination)
def work_items_list(
    request: HttpRequest,
    plan: int | None = None,
    status: str = "",
    role: str = "",
    mine: bool = False,
) -> object:
    """Overdue first, then by due date. `mine=true`: the user's own unit (and sub-units) only,
    like "Việc của tôi", even for those who see every unit."""
    if status and status not in TaskStatus.values:
        raise ValidationFailed(
            f"Trạng thái “{status}” không hợp lệ ({', '.join(TaskStatus.values)})."
        )
    if role and role not in AssignmentRole.values:
        raise ValidationFailed(f"Vai trò “{role}” không hợp lệ (lead hoặc support).")
    return selectors.work_items_for_user(
        user=request.user,
        own_unit=mine,
        plan=plan_get_for_user(user=request.user, pk=plan) if plan is not None else None,
        status=status,
        role=role,
    )


@router.get(
    "/work-items/{item_id}",
    response={200: WorkItemDetailOut, 404: ErrorOut},
    summary="Phần việc: các kỳ báo cáo và các bản cập nhật (số liệu, minh chứng)",
)
def work_item_detail(request: HttpRequest, item_id: int) -> object:
    item = selectors.work_item_get_for_user(user=request.user, pk=item_id)
    item.listed_periods = [  # type: ignore[attr-defined]
        {"id": p.pk, "name": p.name, "deadline": p.deadline, "closed_reason": reason}
        for p, reason in selectors.periods_for_update(item=item)
    ]
    item.listed_updates = selectors.work_item_updates(item=item)  # type: ignore[attr-defined]
    return item


@router.put(
    "/work-items/{item_id}/updates/{period_id}",
    response={200: UpdateOut, **ERRORS},
    summary="Cập nhật kết quả của phần việc trong một kỳ (period_id 0: ngoài các kỳ)",
    description=(
        "400: dữ liệu không hợp lệ (tiến độ ngoài 0–100, trạng thái không được chọn, kỳ đã "
        "khóa…), 409: bản cập nhật đã được người khác lưu (gửi lại với `version` mới), 404: "
        "phần việc của đơn vị khác. Thân yêu cầu sai kiểu (ví dụ progress là chữ) trả 422 "
        "với `detail` là danh sách lỗi của từng trường."
    ),
)
def work_item_update_save(
    request: HttpRequest, item_id: int, period_id: int, payload: UpdateIn
) -> object:
    item = selectors.work_item_get_for_user(user=request.user, pk=item_id)
    period = selectors.period_get(pk=period_id) if period_id else None
    services.task_update_save(
        user=request.user,
        item=item,
        period=period,
        narrative=payload.narrative,
        status=payload.status,
        progress=payload.progress,
        spent_vnd=payload.spent_vnd,
        values=_indicator_ids(payload.values),
        version=payload.version,
    )
    return selectors.update_get(item=item, period=period)


def _indicator_ids(values: dict[str, int]) -> dict[int, int]:
    """Indicator code → figure, as the service takes it (indicator id → figure)."""
    ids = dict(Indicator.objects.filter(code__in=list(values)).values_list("code", "pk"))
    unknown = sorted(set(values) - set(ids))
    if unknown:
        raise ValidationFailed(
            f"Chỉ tiêu không có trong danh mục: {', '.join(unknown)} (xem /api/v1/reporting/"
            "indicators)."
        )
    return {ids[code]: value for code, value in values.items()}


@router.post(
    "/updates/{update_id}/evidence",
    response={201: EvidenceOut, **ERRORS},
    summary="Đính kèm tệp minh chứng (PDF, Word, Excel, PowerPoint, ảnh JPEG/PNG)",
)
def evidence_file_add(request: HttpRequest, update_id: int, file: File[UploadedFile]) -> object:
    update = selectors.update_get_for_user(user=request.user, pk=update_id)
    evidence_files.evidence_size_check(name=file.name or "", size=file.size or 0)
    evidence = evidence_files.evidence_add_file(
        user=request.user, update=update, name=file.name or "", data=file.read()
    )
    return Status(201, evidence)


@router.post(
    "/updates/{update_id}/links",
    response={201: EvidenceOut, **ERRORS},
    summary="Thêm đường dẫn minh chứng",
)
def evidence_link_add(request: HttpRequest, update_id: int, payload: LinkIn) -> object:
    update = selectors.update_get_for_user(user=request.user, pk=update_id)
    evidence = evidence_files.evidence_add_link(
        user=request.user, update=update, url=payload.url, title=payload.title
    )
    return Status(201, evidence)


@router.get(
    "/evidence/{evidence_id}/file",
    response={200: None, 404: ErrorOut},
    url_name="reporting_evidence_file",
    summary="Tải tệp minh chứng",
)
def evidence_file(request: HttpRequest, evidence_id: int) -> object:
    evidence = selectors.evidence_get_for_user(user=request.user, pk=evidence_id)
    if not evidence.file:
        raise NotFound("Minh chứng này là đường dẫn, không có tệp để tải.")
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.title,
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.delete("/evidence/{evidence_id}", response={204: None, **ERRORS}, summary="Gỡ minh chứng")
def evidence_delete(request: HttpRequest, evidence_id: int) -> object:
    evidence = selectors.evidence_get_for_user(user=request.user, pk=evidence_id)
    evidence_files.evidence_remove(user=request.user, evidence=evidence)
    return Status(204, None)


# --- indicators and periods ------------------------------------------------------------------


@router.get("/indicators", response=list[IndicatorOut], summary="Chỉ tiêu kết quả đang dùng")
def indicators_list(request: HttpRequest) -> object:
    return selectors.indicators_active()


@router.get("/periods", response=list[PeriodOut], summary="Kỳ báo cáo (của một kế hoạch)")
@paginate(LimitOffsetPagination)
def periods_list(request: HttpRequest, plan: int | None = None) -> object:
    if plan is None:
        return selectors.periods_all()
    return selectors.periods_of_plan(plan=plan_get_for_user(user=request.user, pk=plan))


@router.post(
    "/periods",
    response={201: PeriodOut, **ERRORS},
    summary="Tạo kỳ báo cáo (cơ quan đầu mối)",
)
def period_create(request: HttpRequest, payload: PeriodIn) -> object:
    plan = plan_get_for_user(user=request.user, pk=payload.plan)
    period = services.period_create(user=request.user, **payload.dict(exclude={"plan"}), plan=plan)
    return Status(201, period)


@router.patch(
    "/periods/{period_id}",
    response={200: PeriodOut, **ERRORS},
    summary="Đổi tên, hạn gửi hoặc khóa/mở khóa kỳ báo cáo (cơ quan đầu mối)",
)
def period_change(request: HttpRequest, period_id: int, payload: PeriodPatch) -> object:
    period = selectors.period_get(pk=period_id)
    changes = payload.dict(exclude_unset=True)
    empty = sorted(field for field, value in changes.items() if value is None)
    if empty:
        raise ValidationFailed(f"Không để trống: {', '.join(empty)}.")
    services.period_update(user=request.user, period=period, changes=changes)
    return period


@router.get(
    "/periods/{period_id}/completeness",
    response={200: CompletenessOut, 403: ErrorOut, 404: ErrorOut},
    summary="Tính đầy đủ và đúng hạn của kỳ: từng đơn vị, từng phần của kế hoạch",
)
def period_completeness(request: HttpRequest, period_id: int) -> object:
    require_perm(request.user, "reporting.view_dashboard")
    period = selectors.period_get(pk=period_id)
    return _completeness(selectors.period_completeness(period=period))


def _completeness(board: PeriodDashboard) -> dict[str, object]:
    figures = board.figures
    return {
        "period": board.period,
        **{
            name: getattr(figures, name)
            for name in ("expected", "submitted", "on_time", "accepted", "returned")
        },
        "completeness": figures.completeness,
        "timeliness": figures.timeliness,
        "acceptance": figures.acceptance,
        "tasks": figures.tasks,
        "units": [
            {
                **vars(row),
                "unit_name": board.units[row.unit_id].name,
                "report_id": report.pk if (report := board.reports.get(row.unit_id)) else None,
            }
            for row in figures.units
        ],
        "sections": [
            {"section": name, "tasks": counts} for name, counts in figures.sections.items()
        ],
    }


# --- unit reports ----------------------------------------------------------------------------


@router.get("/reports", response=list[ReportOut], summary="Báo cáo của các đơn vị được xem")
@paginate(LimitOffsetPagination)
def reports_list(request: HttpRequest, period: int | None = None) -> object:
    chosen = selectors.period_get(pk=period) if period is not None else None
    return selectors.reports_for_user(user=request.user, period=chosen)


@router.get(
    "/reports/{report_id}",
    response={200: ReportDetailOut, 404: ErrorOut},
    summary="Báo cáo của đơn vị: các phần việc trong kỳ với bản cập nhật, số liệu tổng hợp",
)
def report_detail(request: HttpRequest, report_id: int) -> object:
    return _with_lines(selectors.report_get_for_user(user=request.user, pk=report_id))


def _with_lines(report: UnitReport) -> UnitReport:
    lines = selectors.report_lines(period=report.period, unit=report.unit)
    totals, spent = selectors.report_totals(lines)
    report.lines = lines  # type: ignore[attr-defined]
    report.totals = [  # type: ignore[attr-defined]
        {"code": i.code, "name": i.name, "measure": i.measure, "total": total}
        for i, total in totals
    ]
    report.spent_vnd = spent  # type: ignore[attr-defined]
    return report


@router.post(
    "/periods/{period_id}/reports",
    response={200: ReportDetailOut, **ERRORS},
    summary="Mở báo cáo kỳ của đơn vị mình (tạo bản nháp nếu chưa có)",
)
def report_open(request: HttpRequest, period_id: int) -> object:
    period = selectors.period_get(pk=period_id)
    unit = getattr(request.user, "unit", None)
    if unit is None:
        raise ValidationFailed("Tài khoản chưa thuộc đơn vị nào nên không có báo cáo kỳ.")
    return _with_lines(services.report_open(user=request.user, period=period, unit=unit))


@router.put(
    "/reports/{report_id}",
    response={200: ReportOut, **ERRORS},
    summary="Lưu đánh giá chung, khó khăn, đề xuất của báo cáo",
)
def report_save(request: HttpRequest, report_id: int, payload: ReportIn) -> object:
    report = selectors.report_get_for_user(user=request.user, pk=report_id)
    return services.report_save(user=request.user, report=report, **payload.dict())


@router.post(
    "/reports/{report_id}/actions",
    response={200: ReportOut, **ERRORS},
    summary="Trình, duyệt, gửi, tiếp nhận hoặc trả lại báo cáo",
    description="Gửi lại một báo cáo đã gửi trả 409 với thời điểm đã gửi.",
)
def report_action(request: HttpRequest, report_id: int, payload: ActionIn) -> object:
    report = selectors.report_get_for_user(user=request.user, pk=report_id)
    return services.report_transition(user=request.user, report=report, **payload.dict())

"""Pages of a unit's side of reporting: "Việc của tôi", one work item with its update form and
evidence, and the evidence download (thin: forms + selectors/services). The unit report pages
are in `views_report`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ttdn.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from ttdn.core.history import history_rows
from ttdn.plans.lifecycle import HELD
from ttdn.plans.models import TaskStatus, WorkItem
from ttdn.plans.selectors import plans_list
from ttdn.reporting import evidence as evidence_files
from ttdn.reporting import selectors, services
from ttdn.reporting.forms import (
    NO_PERIOD,
    EvidenceLinkForm,
    TaskUpdateForm,
    WorkFilterForm,
    indicator_field_name,
)
from ttdn.reporting.models import EvidenceKind, Indicator, ReportingPeriod, ReportStatus, TaskUpdate
from ttdn.text.money import format_vnd
from ttdn.units.selectors import unit_subtree_ids

MAX_LISTED = 500
NEEDS_ACTION = (ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.PENDING_APPROVAL)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Those who follow every unit land on the dashboard, the units on their own work."""
    if request.user.has_perm("reporting.view_dashboard"):
        try:
            return redirect(reverse("reporting:dashboard"))
        except NoReverseMatch:  # the coordinating side's pages are not there yet
            pass
    return redirect("reporting:my_work")


# --- Việc của tôi ----------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkRow:
    item: WorkItem
    days: int  # due date minus today: negative when past

    @property
    def late(self) -> int:
        return -self.days


@dataclass
class DueGroup:
    key: str
    title: str
    collapsed: bool = False
    rows: list[WorkRow] = field(default_factory=list)


def due_groups(items: list[WorkItem], today: dt.date) -> list[DueGroup]:
    """Overdue first, then due within 7 days, this month, later; finished and held work last
    (folded away). Empty groups are left out."""
    groups = {
        "overdue": DueGroup("overdue", _("Quá hạn")),
        "week": DueGroup("week", _("Đến hạn trong 7 ngày")),
        "month": DueGroup("month", _("Trong tháng này")),
        "later": DueGroup("later", _("Sau đó")),
        "held": DueGroup("held", _("Tạm dừng, hủy"), collapsed=True),
        "done": DueGroup("done", _("Đã hoàn thành"), collapsed=True),
    }
    for item in items:
        due = item.occurrence.due
        groups[_group_key(item.status, due, today)].rows.append(WorkRow(item, (due - today).days))
    return [group for group in groups.values() if group.rows]


def _group_key(status: str, due: dt.date, today: dt.date) -> str:
    if status == TaskStatus.DONE:
        return "done"
    if status in HELD:
        return "held"
    if status == TaskStatus.OVERDUE or due < today:
        return "overdue"
    if (due - today).days <= 7:
        return "week"
    if (due.year, due.month) == (today.year, today.month):
        return "month"
    return "later"


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = WorkFilterForm(request.GET or None, plans=plans_list(user=user))
    items = list(
        selectors.work_items_for_user(user=user, own_unit=True, **form.filters())[: MAX_LISTED + 1]
    )
    context: dict[str, Any] = {
        "form": form,
        "groups": due_groups(items[:MAX_LISTED], timezone.localdate()),
        "count": min(len(items), MAX_LISTED),
        "truncated": len(items) > MAX_LISTED,
    }
    if request.htmx:
        return render(request, "reporting/my_work.html#list", context)
    scope = unit_subtree_ids(user.unit_id) if user.unit_id else set()
    context["reports"] = list(
        selectors.reports_for_user(user=user).filter(unit_id__in=scope, status__in=NEEDS_ACTION)
    )
    return render(request, "reporting/my_work.html", context)


# --- one work item ---------------------------------------------------------------------------


@dataclass
class ItemPage:
    """What the item page shows for the chosen period, and what the user may do there."""

    item: WorkItem
    periods: list[tuple[ReportingPeriod, str]]
    period: ReportingPeriod | None
    closed: str  # why the period cannot be changed, "" if it can
    update: TaskUpdate | None
    can_update: bool
    held: bool

    @property
    def editable(self) -> bool:
        return self.can_update and not self.closed and not self.held

    @property
    def closed_periods(self) -> list[tuple[ReportingPeriod, str]]:
        return [(period, reason) for period, reason in self.periods if reason]

    @property
    def period_value(self) -> str:
        return str(self.period.pk) if self.period else NO_PERIOD


def _item_page(user: Any, item: WorkItem, wanted: str | None) -> ItemPage:
    periods = selectors.periods_for_update(item=item)
    chosen = {str(p.pk): (p, reason) for p, reason in periods}
    # periods_for_update puts the open periods first, the one the unit is writing now on top.
    period, closed = chosen.get(wanted or "") or (periods[0] if periods else (None, ""))
    return ItemPage(
        item=item,
        periods=periods,
        period=period,
        closed=closed,
        update=selectors.update_get(item=item, period=period),
        can_update=user.has_perm("reporting.update_item", item),
        held=item.status in HELD,
    )


def _indicators(update: TaskUpdate | None) -> list[Indicator]:
    """The active indicators, plus retired ones the update still has figures for (so a save
    does not silently drop them)."""
    indicators = selectors.indicators_active()
    known = {i.pk for i in indicators}
    if update is not None:
        indicators += [v.indicator for v in update.values.all() if v.indicator_id not in known]
    return indicators


def _update_form(page: ItemPage, data: Any = None) -> TaskUpdateForm:
    update, indicators = page.update, _indicators(page.update)
    values = {v.indicator_id: v.value for v in update.values.all()} if update else {}
    suggested: dict[int, int] = {}
    if update is None and page.period is not None:
        suggested = services.indicator_values_suggested(item=page.item, period=page.period)
        values = suggested
    initial = {
        "period": page.period_value,
        "narrative": update.narrative if update else "",
        "status": page.item.status,
        "progress": page.item.progress,
        "spent": format_vnd(update.spent_vnd) if update and update.spent_vnd is not None else "",
        "version": update.version if update else 0,
        **{indicator_field_name(i): values.get(i.pk) for i in indicators},
    }
    return TaskUpdateForm(
        data,
        initial=initial,
        item_status=page.item.status,
        periods=[p for p, _reason in page.periods],
        indicators=indicators,
        suggested=suggested,
    )


def _render_item(
    request: HttpRequest, page: ItemPage, *, status: int = 200, **extra: Any
) -> HttpResponse:
    item = page.item
    days = (item.occurrence.due - timezone.localdate()).days
    context = {
        "page": page,
        "item": item,
        "task": item.occurrence.task,
        "days": days,
        "late_days": -days,
        "form": extra.pop("form", None) or _update_form(page),
        "link_form": extra.pop("link_form", None) or EvidenceLinkForm(),
        "max_mb": settings.TTDN_EVIDENCE_MAX_MB,
        "allowed_types": evidence_files.ALLOWED_TYPES,
        **extra,
    }
    if request.htmx and request.method == "GET":
        return render(request, "reporting/work_item.html#update", context, status=status)
    context |= {
        "siblings": selectors.work_item_siblings(item=item, user=request.user),
        "updates": selectors.work_item_updates(item=item),
        "history": history_rows(item),
    }
    return render(request, "reporting/work_item.html", context, status=status)


def _back_to_item(page: ItemPage) -> HttpResponse:
    url = reverse("reporting:work_item", args=[page.item.pk])
    return redirect(f"{url}?period={page.period_value}" if page.period else url)


@login_required
def work_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.work_item_get_for_user(user=request.user, pk=pk)
    if request.method != "POST":
        return _render_item(request, _item_page(request.user, item, request.GET.get("period")))
    page = _item_page(request.user, item, request.POST.get("period"))
    form = _update_form(page, request.POST)
    if not form.is_valid():
        return _render_item(request, page, form=form, status=400)
    data = form.cleaned_data
    try:
        services.task_update_save(
            user=request.user,
            item=item,
            period=page.period,
            narrative=data["narrative"],
            status=data["status"],
            progress=data["progress"],
            spent_vnd=data["spent"],
            values=form.values(),
            version=data["version"],
        )
    except (ValidationFailed, Conflict) as exc:
        return _update_refused(request, page, exc)
    messages.success(request, _("Đã lưu kết quả thực hiện."))
    return _back_to_item(page)


def _update_refused(
    request: HttpRequest, page: ItemPage, exc: ValidationFailed | Conflict
) -> HttpResponse:
    """The form again with everything the user typed and the reason; after a conflict, the
    version is the latest so that saving again (after merging) goes through."""
    data = request.POST.copy()
    latest = None
    if isinstance(exc, Conflict):
        item = selectors.work_item_get_for_user(user=request.user, pk=page.item.pk)
        page = _item_page(request.user, item, page.period_value)
        latest = page.update
        data["version"] = str(latest.version if latest else 0)
    return _render_item(
        request,
        page,
        form=_update_form(page, data),
        error=exc.message,
        latest=latest,
        status=exc.status_code,
    )


def _posted_page(request: HttpRequest, pk: int) -> ItemPage:
    item = selectors.work_item_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm("reporting.update_item", item):
        raise PermissionDenied("Bạn không có quyền cập nhật phần việc này.")
    return _item_page(request.user, item, request.POST.get("period"))


NO_UPDATE = gettext_lazy("Lưu kết quả của kỳ này trước, sau đó đính kèm minh chứng.")


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    page = _posted_page(request, pk)
    files = request.FILES.getlist("files")
    if page.update is None or not files:
        error = str(NO_UPDATE) if page.update is None else _("Chọn ít nhất một tệp để tải lên.")
        return _render_item(request, page, upload_errors=[error], status=400)
    errors, added = [], 0
    for upload in files:
        try:
            evidence_files.evidence_size_check(name=upload.name or "", size=upload.size or 0)
            evidence_files.evidence_add_file(
                user=request.user, update=page.update, name=upload.name or "", data=upload.read()
            )
            added += 1
        except ValidationFailed as exc:  # each file on its own: the good ones are kept
            errors.append(exc.message)
    if added:
        messages.success(request, _("Đã đính kèm %(n)d tệp.") % {"n": added})
    if errors:
        page.update = selectors.update_get(item=page.item, period=page.period)
        return _render_item(request, page, upload_errors=errors, status=400)
    return _back_to_item(page)


@login_required
@require_POST
def evidence_link(request: HttpRequest, pk: int) -> HttpResponse:
    page = _posted_page(request, pk)
    form = EvidenceLinkForm(request.POST)
    if page.update is None:
        return _render_item(request, page, link_form=form, link_error=str(NO_UPDATE), status=400)
    if not form.is_valid():
        return _render_item(request, page, link_form=form, status=400)
    try:
        evidence_files.evidence_add_link(
            user=request.user,
            update=page.update,
            url=form.cleaned_data["url"],
            title=form.cleaned_data["title"],
        )
    except ValidationFailed as exc:
        return _render_item(request, page, link_form=form, link_error=exc.message, status=400)
    messages.success(request, _("Đã thêm đường dẫn minh chứng."))
    return _back_to_item(page)


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = selectors.evidence_get_for_user(user=request.user, pk=pk)
    item = evidence.update.work_item
    evidence_files.evidence_remove(user=request.user, evidence=evidence)
    messages.success(request, _("Đã gỡ minh chứng “%(title)s”.") % {"title": evidence.title})
    url = reverse("reporting:work_item", args=[item.pk])
    period_id = evidence.update.period_id
    return redirect(f"{url}?period={period_id}" if period_id else url)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = selectors.evidence_get_for_user(user=request.user, pk=pk)
    if evidence.kind != EvidenceKind.FILE or not evidence.file:
        raise NotFound("Minh chứng này là một đường dẫn, không có tệp để tải về.")
    try:
        handle = evidence.file.open("rb")
    except OSError as exc:
        raise NotFound("Tệp minh chứng không còn trên máy chủ.") from exc
    # The name the user gave, with the extension of the type the content was checked to be.
    name = PurePath(evidence.title).stem + PurePath(evidence.file.name or "").suffix
    response = FileResponse(
        handle, content_type=evidence.content_type or "application/octet-stream"
    )
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response

"""Pages of the plan import (nhập kế hoạch): upload a file, review the draft in an editable grid,
map printed unit names, then confirm or discard it. Coordinators and admins only.

Each grid action calls one `plans.drafts` service and answers HTMX with what it changed (the
row, or the grid after a merge/split/drop) plus the unit panel; without JavaScript every form
posts and the page reloads. Rows are addressed by position, so each form carries the row's
`key` (a digest of the task as shown): a stale or double-submitted action changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from ttdn.core.errors import ApplicationError, Conflict, PermissionDenied, ValidationFailed
from ttdn.core.office import libreoffice_path, pdf_available
from ttdn.plans import drafts, selectors
from ttdn.plans.models import Plan, PlanDraft, Recurrence, ResolutionStatus
from ttdn.plans.parsing import MAX_FILE_BYTES, ParsedPlan
from ttdn.plans.parsing import Task as ParsedTask
from ttdn.plans.reading import plan_size_check
from ttdn.plans.validation import MAX_BUDGET_VND
from ttdn.text.normalize import fold
from ttdn.units.models import Unit
from ttdn.units.services import require_perm

IMPORT_PERM = "plans.import_plan"
ACCEPT = ".docx,.pdf,.doc,.rtf,.odt,.md,.txt"
PAGE = "plans/import/draft.html"
TO_MAP = {ResolutionStatus.AMBIGUOUS, ResolutionStatus.UNRESOLVED}
MAX_UNIT_OPTIONS = 300
# What else an answer refreshes: unit names change with the rows, row markers with the names.
OUT_OF_BAND = {"row": ("mentions",), "grid": ("mentions",), "mentions": ("grid",)}
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[^\W\d_])")


# ── forms (validation only; the draft services write) ────────────────────────────────────────


class UploadForm(forms.Form):
    # Empty files pass here so the parser's own message explains what is wrong with them.
    file = forms.FileField(
        label=gettext_lazy("Tệp kế hoạch"),
        allow_empty_file=True,
        widget=forms.FileInput(attrs={"accept": ACCEPT, "aria-describedby": "id_file_help"}),
    )


def _service_checked(parse: Callable[[Any], Any], value: Any) -> Any:
    try:
        return parse(value)
    except ValidationFailed as exc:
        raise forms.ValidationError(exc.message) from None


class TaskForm(forms.Form):
    """One grid row being fixed; unit lists are typed as names separated by “;”."""

    text = forms.CharField(
        label=gettext_lazy("Nội dung nhiệm vụ"),
        widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}),  # htmx focuses it on swap
    )
    lead = forms.CharField(label=gettext_lazy("Đơn vị chủ trì"), required=False, max_length=2000)
    support = forms.CharField(
        label=gettext_lazy("Đơn vị phối hợp"), required=False, max_length=4000
    )
    timeline = forms.CharField(label=gettext_lazy("Thời gian"), required=False, max_length=255)
    due = forms.CharField(
        label=gettext_lazy("Hạn (dd/mm/yyyy)"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "30/06/2026", "inputmode": "numeric"}),
    )
    budget_vnd = forms.CharField(
        label=gettext_lazy("Kinh phí (đồng)"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "100.000.000", "inputmode": "numeric"}),
    )
    outputs = forms.CharField(
        label=gettext_lazy("Kết quả/sản phẩm"), required=False, max_length=4000
    )
    recurrence = forms.ChoiceField(
        label=gettext_lazy("Định kỳ"), required=False, choices=[("", "—"), *Recurrence.choices]
    )

    def clean_due(self) -> Any:
        return _service_checked(drafts.parse_day, self.cleaned_data["due"])

    def clean_budget_vnd(self) -> int | None:
        value = self.cleaned_data["budget_vnd"].strip()
        if value.startswith("-"):
            raise forms.ValidationError(_("Kinh phí không được là số âm."))
        budget: int | None = _service_checked(drafts.parse_budget, value)
        if budget is not None and budget >= MAX_BUDGET_VND:
            raise forms.ValidationError(_("Kinh phí quá lớn, hãy kiểm tra lại số đồng."))
        return budget

    @classmethod
    def initial_for(cls, task: ParsedTask) -> dict[str, Any]:
        return {
            "text": task.text,
            "lead": "; ".join(task.lead),
            "support": "; ".join(task.support),
            "timeline": task.timeline or "",
            "due": task.due.strftime("%d/%m/%Y") if task.due else "",
            "budget_vnd": f"{task.budget_vnd:,}".replace(",", ".") if task.budget_vnd else "",
            "outputs": "; ".join(task.outputs),
            "recurrence": task.recurrence or "",
        }


class SplitForm(forms.Form):
    parts = forms.CharField(
        label=gettext_lazy("Mỗi dòng là một nhiệm vụ"),
        help_text=gettext_lazy("Xuống dòng ở chỗ cần tách; các thông tin khác được chép sang."),
        widget=forms.Textarea(attrs={"rows": 5, "autofocus": True}),
    )

    def clean_parts(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["parts"].splitlines() if line.strip()]
        if len(lines) < 2:
            raise forms.ValidationError(_("Cần ít nhất hai dòng để tách thành hai nhiệm vụ."))
        return lines


class DocumentForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Số, ký hiệu"), required=False, max_length=100)
    kind = forms.CharField(label=gettext_lazy("Loại văn bản"), required=False, max_length=100)
    date = forms.CharField(label=gettext_lazy("Ngày ban hành (dd/mm/yyyy)"), required=False)
    issuer = forms.CharField(label=gettext_lazy("Cơ quan ban hành"), required=False, max_length=255)
    year = forms.CharField(label=gettext_lazy("Năm kế hoạch"), required=False, max_length=4)
    title = forms.CharField(label=gettext_lazy("Tên kế hoạch"), required=False, max_length=1000)

    def clean_date(self) -> Any:
        return _service_checked(drafts.parse_day, self.cleaned_data["date"])


def task_key(task: ParsedTask) -> str:
    """A digest of the task as the officer saw it (the repr of a frozen dataclass is stable)."""
    return hashlib.sha256(repr(task).encode()).hexdigest()[:16]


def sentence_lines(text: str) -> str:
    """The task text one sentence per line: the split form's starting point."""
    return "\n".join(part.strip() for part in _SENTENCE_END.split(text) if part.strip())


# ── access and errors ────────────────────────────────────────────────────────────────────────


class StaleRow(Conflict):
    """The grid the officer acted on is not the draft any more (another tab, a double click)."""

    def __init__(self, draft: PlanDraft) -> None:
        super().__init__(
            _(
                "Bản nháp đã thay đổi sau khi trang được mở (ở cửa sổ khác hoặc do bấm hai lần); "
                "bảng nhiệm vụ đã được tải lại, không có gì bị sửa. Hãy thao tác lại."
            )
        )
        self.draft = draft


def importer_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in coordinators and admins; an HTMX request gets errors as a message in place."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            if not request.user.has_perm(IMPORT_PERM):
                raise PermissionDenied(
                    _("Chỉ cán bộ cơ quan đầu mối và quản trị hệ thống được nhập kế hoạch.")
                )
            return view(request, *args, **kwargs)
        except StaleRow as exc:
            if request.htmx:
                return _htmx(request, _context(exc.draft), "grid", exc.message, "warning", 409)
            return _page(request, exc.draft, status=409, notice=exc.message, level="warning")
        except ApplicationError as exc:
            if not request.htmx:
                raise
            response = HttpResponse(_alert_html(exc.message, "error"), status=exc.status_code)
            return reswap(retarget(response, "#draft-alert"), "innerHTML")

    return login_required(wrapped)


def _draft(request: HttpRequest, pk: int) -> PlanDraft:
    return selectors.plan_draft_get_for_user(user=request.user, pk=pk)


def _task_at(draft: PlanDraft, index: int, key: str | None = None) -> ParsedTask:
    """The task at `index`, when it is still there (and still the one keyed `key`)."""
    tasks = selectors.plan_draft_parsed(draft=draft).tasks
    if not 0 <= index < len(tasks) or (key is not None and key != task_key(tasks[index])):
        raise StaleRow(draft)
    return tasks[index]


def _checked_row(request: HttpRequest, draft: PlanDraft, index: int) -> None:
    _task_at(draft, index, request.POST.get("key", ""))


@transaction.atomic
def plan_draft_discard(*, user: Any, draft: PlanDraft) -> None:
    """Delete a draft without importing it (`plans.drafts` has no service for this yet)."""
    require_perm(user, IMPORT_PERM)
    draft._history_user = user  # type: ignore[attr-defined]
    draft.delete()


# ── page context ─────────────────────────────────────────────────────────────────────────────


@dataclass
class Row:
    index: int
    task: ParsedTask
    key: str
    lead: list[tuple[str, str]]  # (printed name, resolution status)
    support: list[tuple[str, str]]
    is_last: bool
    form: TaskForm | None = None
    split_form: SplitForm | None = None

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def recurrence_label(self) -> str:
        return str(Recurrence(self.task.recurrence).label) if self.task.recurrence else ""


def _context(
    draft: PlanDraft,
    *,
    edit: dict[int, TaskForm] | None = None,
    split: dict[int, SplitForm] | None = None,
) -> dict[str, Any]:
    parsed = selectors.plan_draft_parsed(draft=draft)
    mentions = selectors.plan_draft_mentions(draft=draft)
    status = {fold(m.text): m.status for m in mentions}
    tasks = parsed.tasks
    rows = [
        Row(
            index=i,
            task=task,
            key=task_key(task),
            lead=[(name, status.get(fold(name), "")) for name in task.lead],
            support=[(name, status.get(fold(name), "")) for name in task.support],
            is_last=i == len(tasks) - 1,
            form=(edit or {}).get(i),
            split_form=(split or {}).get(i),
        )
        for i, task in enumerate(tasks)
    ]
    chosen = {fold(text) for text in draft.mappings}
    return {
        "draft": draft,
        "parsed": parsed,
        "rows": rows,
        "mentions": mentions,
        "to_map": sum(1 for m in mentions if m.status in TO_MAP),
        "mapped": {m.text for m in mentions if fold(m.text) in chosen},
        "units": list(
            Unit.objects.order_by("name", "province").only("pk", "name", "province", "valid_to")
        ),
        "pdf_available": pdf_available(),
    }


def _page(
    request: HttpRequest,
    draft: PlanDraft,
    *,
    status: int = 200,
    notice: str = "",
    level: str = "error",
    document_form: DocumentForm | None = None,
    **rows: Any,
) -> HttpResponse:
    parsed = selectors.plan_draft_parsed(draft=draft)
    context = _context(draft, **rows) | {
        "notice": notice,
        "level": level,
        "document_form": document_form or DocumentForm(initial=_document_initial(parsed)),
        "conflicts": selectors.plan_draft_conflicts(draft=draft),
        "relations": dict(draft.relations),
        "nav_current": "plans",
    }
    return render(request, PAGE, context, status=status)


def _document_initial(parsed: ParsedPlan) -> dict[str, Any]:
    doc = parsed.document
    return {
        "number": doc.number or "",
        "kind": doc.kind or "",
        "date": doc.date.strftime("%d/%m/%Y") if doc.date else "",
        "issuer": doc.issuer or "",
        "year": doc.year or "",
        "title": doc.title or "",
    }


def _alert_html(message: str, level: str) -> str:
    return render_to_string(f"{PAGE}#alert", {"notice": message, "level": level})


def _htmx(
    request: HttpRequest,
    context: dict[str, Any],
    main: str,
    notice: str = "",
    level: str = "success",
    status: int = 200,
) -> HttpResponse:
    """`main` partial (row, grid or mentions) swapped where the request aimed (or at the grid
    for a stale row), plus the other panels and the message out of band. Out-of-band parts
    travel in <template>: after a <tr> the HTML parser would otherwise pull them into a table."""
    context = context | {"notice": notice, "level": level}
    oob = context | {"oob": True}
    parts: list[str] = [render_to_string(f"{PAGE}#{main}", context, request)]
    for other in (*OUT_OF_BAND[main], "alert_oob"):
        parts.append(f"<template>{render_to_string(f'{PAGE}#{other}', oob, request)}</template>")
    response = HttpResponse("".join(parts), status=status)
    if status == 409:
        response = reswap(retarget(response, "#grid"), "outerHTML")
    return response


def _row_answer(
    request: HttpRequest, draft: PlanDraft, index: int, notice: str = ""
) -> HttpResponse:
    context = _context(draft)
    return _htmx(request, context | {"row": context["rows"][index]}, "row", notice)


# ── views ────────────────────────────────────────────────────────────────────────────────────


@importer_view
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    existing = None
    if request.method == "POST" and form.is_valid():
        try:
            existing, answer = _read_upload(request, form.cleaned_data["file"])
            if answer is not None:
                return answer
        except ApplicationError as exc:
            form.add_error("file", exc.message)
    context = {
        "form": form,
        "existing": existing,
        "drafts": list(selectors.plan_drafts_for_user(user=request.user)[:50]),
        "max_mb": MAX_FILE_BYTES // (1024 * 1024),
        "converts_older_formats": libreoffice_path() is not None,
        "nav_current": "plans",
    }
    status = 200 if request.method == "GET" else 409 if existing else 400
    return render(request, "plans/import/upload.html", context, status=status)


def _read_upload(request: HttpRequest, upload: Any) -> tuple[Plan | None, HttpResponse | None]:
    """A new draft (or the one waiting for these bytes) to open, or the plan already made
    from them; the size is checked before the file is read."""
    plan_size_check(upload.size, upload.name)
    data = upload.read()
    plan, draft = _already_uploaded(data)
    if plan is not None:
        return plan, None
    if draft is None:
        draft = drafts.plan_draft_create(user=request.user, data=data, filename=upload.name)
        messages.success(
            request,
            _("Đã đọc tệp %(name)s. Hãy xem lại và sửa trước khi xác nhận nhập.")
            % {"name": draft.source_name},
        )
    else:
        messages.info(
            request, _("Tệp này đã được tải lên và đang chờ xác nhận: đây là bản nháp đó.")
        )
    return None, redirect("plan_import:draft", pk=draft.pk)


def _already_uploaded(data: bytes) -> tuple[Plan | None, PlanDraft | None]:
    """The plan or the waiting draft made from these very bytes, if any."""
    sha256 = hashlib.sha256(data).hexdigest()
    plan = Plan.objects.filter(source_sha256=sha256).select_related("imported_by").first()
    return plan, PlanDraft.objects.filter(source_sha256=sha256).first()


@importer_view
@require_GET
def draft_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _draft(request, pk))


@importer_view
@require_POST
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    form = DocumentForm(request.POST)
    if form.is_valid():
        try:
            drafts.plan_draft_update_document(
                user=request.user, draft=draft, changes=form.cleaned_data
            )
            messages.success(request, _("Đã lưu thông tin văn bản."))
            return redirect("plan_import:draft", pk=draft.pk)
        except ValidationFailed as exc:
            form.add_error(None, exc.message)
    return _page(request, draft, status=400, document_form=form)


@importer_view
@require_GET
def task_row(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    draft = _draft(request, pk)
    if not request.htmx:
        return redirect(reverse("plan_import:draft", args=[draft.pk]) + f"#task-{index}")
    _task_at(draft, index)
    return _row_answer(request, draft, index)


@importer_view
@require_http_methods(["GET", "POST"])
def task_edit(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    draft = _draft(request, pk)
    auto_id = f"t{index}-%s"
    if request.method == "GET":
        form = TaskForm(initial=TaskForm.initial_for(_task_at(draft, index)), auto_id=auto_id)
        return _row_mode(request, draft, index, edit={index: form})
    _checked_row(request, draft, index)
    form = TaskForm(request.POST, auto_id=auto_id)
    if form.is_valid():
        try:
            drafts.plan_draft_update_task(
                user=request.user, draft=draft, index=index, changes=form.cleaned_data
            )
            return _done(request, draft, _("Đã lưu nhiệm vụ %(n)d.") % {"n": index + 1}, index)
        except ValidationFailed as exc:
            form.add_error(None, exc.message)
    return _row_mode(request, draft, index, status=400, edit={index: form})


@importer_view
@require_http_methods(["GET", "POST"])
def task_split(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    draft = _draft(request, pk)
    auto_id = f"s{index}-%s"
    if request.method == "GET":
        text = _task_at(draft, index).text
        form = SplitForm(initial={"parts": sentence_lines(text)}, auto_id=auto_id)
        return _row_mode(request, draft, index, split={index: form})
    _checked_row(request, draft, index)
    form = SplitForm(request.POST, auto_id=auto_id)
    if not form.is_valid():
        return _row_mode(request, draft, index, status=400, split={index: form})
    parts = form.cleaned_data["parts"]
    drafts.plan_draft_split_task(user=request.user, draft=draft, index=index, texts=parts)
    message = _("Đã tách nhiệm vụ %(n)d thành %(k)d nhiệm vụ.") % {"n": index + 1, "k": len(parts)}
    return _done(request, draft, message)


@importer_view
@require_POST
def task_merge(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    draft = _draft(request, pk)
    _checked_row(request, draft, index)
    drafts.plan_draft_merge_tasks(user=request.user, draft=draft, indexes=[index, index + 1])
    message = _("Đã gộp nhiệm vụ %(a)d và %(b)d.") % {"a": index + 1, "b": index + 2}
    return _done(request, draft, message)


@importer_view
@require_POST
def task_drop(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    draft = _draft(request, pk)
    _checked_row(request, draft, index)
    drafts.plan_draft_drop_task(user=request.user, draft=draft, index=index)
    return _done(request, draft, _("Đã bỏ dòng %(n)d khỏi danh sách nhiệm vụ.") % {"n": index + 1})


def _row_mode(
    request: HttpRequest, draft: PlanDraft, index: int, *, status: int = 200, **mode: Any
) -> HttpResponse:
    """A row in edit or split mode: the row alone for HTMX, else the whole page around it."""
    if not request.htmx:
        return _page(request, draft, status=status, **mode)
    context = _context(draft, **mode)
    response = render(request, f"{PAGE}#row", context | {"row": context["rows"][index]})
    response.status_code = status
    return response


def _done(
    request: HttpRequest, draft: PlanDraft, message: str, index: int | None = None
) -> HttpResponse:
    """After a change: the row (an edit) or the grid (positions moved), else back to the page."""
    if not request.htmx:
        messages.success(request, message)
        anchor = f"#task-{index}" if index is not None else "#grid"
        return redirect(reverse("plan_import:draft", args=[draft.pk]) + anchor)
    if index is not None:
        return _row_answer(request, draft, index, message)
    # The split form sits in its row, yet the answer is the whole grid.
    grid = _htmx(request, _context(draft), "grid", message)
    return reswap(retarget(grid, "#grid"), "outerHTML")


class MapUnitForm(forms.Form):
    printed = forms.CharField(max_length=500)
    unit = forms.ModelChoiceField(queryset=Unit.objects.all(), required=False)


@importer_view
@require_POST
def map_unit(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    form = MapUnitForm(request.POST)
    if not form.is_valid():
        raise ValidationFailed(_("Chọn một đơn vị trong danh sách."))
    printed, unit = form.cleaned_data["printed"], form.cleaned_data["unit"]
    drafts.plan_draft_map_unit(user=request.user, draft=draft, printed=printed, unit=unit)
    if unit is None:
        message = _("Đã bỏ lựa chọn đơn vị cho “%(text)s”.") % {"text": printed}
    else:
        message = _(
            "Đã gán “%(text)s” cho %(unit)s; khi xác nhận nhập, tên này được lưu làm tên gọi "
            "khác của đơn vị để lần nhập sau tự nhận ra."
        ) % {"text": printed, "unit": unit.name}
    if not request.htmx:
        messages.success(request, message)
        return redirect(reverse("plan_import:draft", args=[draft.pk]) + "#mentions")
    return _htmx(request, _context(draft), "mentions", message)


@importer_view
@require_GET
def unit_options(request: HttpRequest, pk: int) -> HttpResponse:
    """The options of one name's unit list narrowed by the search box (HTMX)."""
    draft = _draft(request, pk)
    printed = fold(request.GET.get("printed", ""))
    row = next(
        (m for m in selectors.plan_draft_mentions(draft=draft) if fold(m.text) == printed), None
    )
    units = Unit.objects.order_by("name", "province").only("pk", "name", "province", "valid_to")
    for token in fold(request.GET.get("q", ""))[:100].split():
        units = units.filter(search_key__contains=token)
    selected = request.GET.get("unit", "")
    context = {
        "mention": row,
        "units": list(units[:MAX_UNIT_OPTIONS]),
        "selected": int(selected)
        if selected.isdigit()
        else (row.unit.pk if row and row.unit else None),
    }
    return render(request, f"{PAGE}#unit_options", context)


@importer_view
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    replace = request.POST.get("replace") == "1"
    try:
        plan = drafts.plan_draft_confirm(user=request.user, draft=draft, replace=replace)
    except (ValidationFailed, Conflict) as exc:
        return _page(request, draft, status=exc.status_code, notice=exc.message)
    messages.success(
        request,
        _("Đã nhập kế hoạch “%(title)s” với %(n)d nhiệm vụ.")
        % {"title": plan.title, "n": plan.tasks.count()},
    )
    return redirect("plans:detail", pk=plan.pk)


@importer_view
@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    name = draft.source_name
    plan_draft_discard(user=request.user, draft=draft)
    messages.success(request, _("Đã hủy bản nháp của tệp %(name)s.") % {"name": name})
    return redirect("plan_import:upload")

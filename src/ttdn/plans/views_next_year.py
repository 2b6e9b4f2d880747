"""Next year's plan in the browser: start the draft from a plan (it opens in the import draft
editor, where tasks, units and dates are fixed) and download any draft as a KẾ HOẠCH .docx,
or as PDF when the server has LibreOffice (thin: the services and writers do the work)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.core.errors import ApplicationError
from ttdn.core.office import DOCX, PDF, docx_to_pdf
from ttdn.plans import drafts, selectors
from ttdn.plans.next_year import carried_over_counts
from ttdn.plans.plan_docx import draft_docx
from ttdn.plans.views_import import importer_view
from ttdn.text.normalize import fold


@importer_view
@require_POST
def next_year_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    try:
        draft = drafts.plan_draft_next_year(user=request.user, plan=plan)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("plans:detail", pk=plan.pk)
    parsed = selectors.plan_draft_parsed(draft=draft)
    recurring, unfinished = carried_over_counts(parsed)
    messages.success(
        request,
        _(
            "Đã lập dự thảo kế hoạch năm %(year)s: %(n)d nhiệm vụ chuyển tiếp (%(recurring)d "
            "định kỳ, thường xuyên; %(unfinished)d chưa hoàn thành). Sửa nội dung, đơn vị, thời "
            "hạn bên dưới rồi tải bản Word để trình ký."
        )
        % {
            "year": parsed.document.year,
            "n": len(parsed.tasks),
            "recurring": recurring,
            "unfinished": unfinished,
        },
    )
    return redirect("plan_import:draft", pk=draft.pk)


@login_required
def draft_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The draft as it stands, as .docx or .pdf (a page with the reason when PDF cannot be made)."""
    draft = selectors.plan_draft_get_for_user(user=request.user, pk=pk)
    parsed = selectors.plan_draft_parsed(draft=draft)
    data = draft_docx(parsed, province=parsed.document.place or settings.TTDN_PROVINCE)
    content_type = DOCX
    if fmt == "pdf":
        data, content_type = docx_to_pdf(data), PDF
    name = f"du-thao-ke-hoach-{parsed.document.year or draft.pk}.{fmt}"
    return HttpResponse(
        data,
        content_type=content_type,
        headers={"Content-Disposition": content_disposition_header(True, fold(name))},
    )

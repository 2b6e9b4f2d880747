"""The compiled report in the browser (báo cáo tổng hợp): choose the plan, the period and the
issuer (the province or a unit), word parts II–IV, preview the report as it will print, and
download it as Word, its Excel appendix, or PDF when the server has LibreOffice (thin: the
data, the texts and the writers live in `reporting.compiled`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ttdn.core.errors import NotFound, ValidationFailed
from ttdn.core.office import DOCX, PDF, XLSX, docx_to_pdf, pdf_available
from ttdn.plans.models import Plan
from ttdn.plans.selectors import plan_units
from ttdn.reporting import selectors, selectors_coord
from ttdn.reporting.compiled.access import report_can_edit, report_require_view
from ttdn.reporting.compiled.appendix import appendix_xlsx
from ttdn.reporting.compiled.preview import docx_html
from ttdn.reporting.compiled.render import report_data, report_document
from ttdn.reporting.compiled.texts import (
    MAX_PART,
    PARTS,
    compiled_text_apply,
    compiled_text_get,
    compiled_text_save,
)
from ttdn.reporting.models import PeriodKind, ReportingPeriod
from ttdn.reporting.views_coord import int_param
from ttdn.text.normalize import fold
from ttdn.units.models import Unit
from ttdn.units.rules import sees_every_unit
from ttdn.units.selectors import unit_subtree_ids

PARAGRAPHS_HELP = gettext_lazy(
    "Mỗi dòng là một đoạn. Để trống: dùng nội dung hệ thống gợi ý (chữ mờ trong ô), nội dung "
    "này tự cập nhật theo báo cáo của các đơn vị."
)


def _part_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_PART,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=PARAGRAPHS_HELP,
    )


class CompiledTextForm(forms.Form):
    difficulties = _part_field(gettext_lazy("II. Tồn tại, hạn chế, khó khăn"))
    next_steps = _part_field(gettext_lazy("III. Phương hướng, nhiệm vụ kỳ tới"))
    proposals = _part_field(gettext_lazy("IV. Đề xuất, kiến nghị"))


@dataclass(frozen=True)
class Choice:
    """The plan, period and issuer the page shows, and what the user may choose from."""

    plans: list[Plan]
    plan: Plan | None
    periods: list[ReportingPeriod]
    period: ReportingPeriod | None
    units: list[Unit]
    unit: Unit | None  # None: the province report
    province_allowed: bool

    @property
    def query(self) -> str:
        values = {
            "plan": self.plan.pk if self.plan else "",
            "period": self.period.pk if self.period else "",
        }
        return urlencode(values | {"unit": self.unit.pk if self.unit else ""})


def _units_for(user: Any, plan: Plan | None) -> list[Unit]:
    """Units whose report the user may compile or read: every unit the plan assigns for those
    who see every unit, otherwise the user's own unit and its sub-units among them."""
    units = plan_units(plan=plan) if plan else []
    if sees_every_unit(user):
        return units
    own = unit_subtree_ids(user.unit_id) if user.unit_id else set()
    return [u for u in units if u.pk in own]


def _choice(request: HttpRequest, params: Any) -> Choice:
    user = request.user
    plans = selectors_coord.plans_to_choose()
    wanted_plan = int_param(params.get("plan"))
    plan = next((p for p in plans if p.pk == wanted_plan), plans[0] if plans else None)
    periods = selectors.periods_of_plan(plan=plan) if plan else []
    wanted_period = int_param(params.get("period"))
    year_period = next((p for p in reversed(periods) if p.kind == PeriodKind.YEAR), None)
    period = next(
        (p for p in periods if p.pk == wanted_period),
        year_period or selectors_coord.period_nearest(periods, timezone.localdate()),
    )
    units = _units_for(user, plan)
    province_allowed = bool(user.has_perm("reporting.view_dashboard"))
    wanted_unit = int_param(params.get("unit"))
    unit = next((u for u in units if u.pk == wanted_unit), None)
    if wanted_unit is not None and unit is None:
        raise NotFound(_("Không tìm thấy đơn vị này trong kế hoạch."))
    if unit is None and not province_allowed:
        if not units:
            report_require_view(user, None)  # neither the province nor a unit of the plan
        unit = units[0]
    return Choice(plans, plan, periods, period, units, unit, province_allowed)


@login_required
def compiled(request: HttpRequest) -> HttpResponse:
    choice = _choice(request, request.GET)
    context: dict[str, Any] = {"choice": choice, "pdf_available": pdf_available()}
    if choice.period is not None:
        context |= _report_context(request, choice)
    return render(request, "reporting/compiled.html", context)


def _report_context(
    request: HttpRequest, choice: Choice, form: CompiledTextForm | None = None
) -> dict[str, Any]:
    assert choice.period is not None
    suggested = report_data(
        user=request.user, period=choice.period, unit=choice.unit, suggested=True
    )
    saved = compiled_text_get(period=choice.period, unit=choice.unit)
    data = compiled_text_apply(suggested, saved)
    if form is None:
        form = CompiledTextForm(
            initial={part: getattr(saved, part) for part in PARTS} if saved else {}
        )
    for part in PARTS:  # the suggestion shows in an empty box, greyed
        form.fields[part].widget.attrs["placeholder"] = "\n".join(getattr(suggested, part))
    return {
        "data": data,
        "preview": docx_html(report_document(data)),  # escaped by docx_html
        "saved": saved,
        "form": form,
        "can_edit": report_can_edit(request.user, choice.unit),
    }


@login_required
@require_POST
def compiled_texts(request: HttpRequest) -> HttpResponse:
    choice = _choice(request, request.POST)
    if choice.period is None:
        raise NotFound(_("Không tìm thấy kỳ báo cáo."))
    form = CompiledTextForm(request.POST)
    if form.is_valid():
        try:
            compiled_text_save(
                user=request.user, period=choice.period, unit=choice.unit, **form.cleaned_data
            )
        except ValidationFailed as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu nội dung các phần II, III, IV của báo cáo."))
            return redirect(f"{reverse('reporting:compiled')}?{choice.query}#texts")
    context = {"choice": choice, "pdf_available": pdf_available()}
    context |= _report_context(request, choice, form)
    return render(request, "reporting/compiled.html", context, status=400)


@login_required
def compiled_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The report as .docx or .pdf, or its appendix as .xlsx."""
    choice = _choice(request, request.GET)
    if choice.period is None:
        raise NotFound(_("Không tìm thấy kỳ báo cáo."))
    data = report_data(user=request.user, period=choice.period, unit=choice.unit)
    issuer = choice.unit.code if choice.unit else "tinh"
    stem = fold(f"bao-cao-{issuer}-{choice.period.name}").replace("/", "-").replace(" ", "-")
    # Only the file asked for is rendered: the appendix alone, or the report alone.
    if fmt == "xlsx":
        content, content_type, name = appendix_xlsx(data), XLSX, f"phu-luc-{stem}.xlsx"
    elif fmt == "pdf":
        content, content_type, name = docx_to_pdf(report_document(data)), PDF, f"{stem}.pdf"
    else:
        content, content_type, name = report_document(data), DOCX, f"{stem}.docx"
    return HttpResponse(
        content,
        content_type=content_type,
        headers={"Content-Disposition": content_disposition_header(True, name)},
    )

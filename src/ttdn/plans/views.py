"""Pages of the plan register: the list, a plan with its filtered tasks, the Excel export and
mapping a printed unit name (thin: forms + selectors/services)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.core.errors import ApplicationError
from ttdn.core.office import XLSX
from ttdn.plans import selectors, services
from ttdn.plans.excel import plan_xlsx
from ttdn.plans.forms import MapUnitForm, PlanSearchForm, TaskFilterForm
from ttdn.plans.models import Plan
from ttdn.text.normalize import fold
from ttdn.units.models import Unit
from ttdn.units.selectors import units_search

MAX_LISTED = 200


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    form = PlanSearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    plans = list(selectors.plans_list(user=request.user, q=q)[:MAX_LISTED])
    return render(request, "plans/plan_list.html", {"form": form, "plans": plans})


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    form = TaskFilterForm(
        request.GET or None,
        units=selectors.plan_units(plan=plan),
        sections=selectors.plan_sections(plan=plan),
    )
    context = {"plan": plan, "form": form, "tasks": [], "filter_error": ""}
    try:
        context["tasks"] = list(selectors.plan_tasks(plan=plan, **form.filters()))
    except ApplicationError as exc:  # a filter value the form let through, e.g. month 13
        context["filter_error"] = exc.message
    if request.htmx:
        return render(request, "plans/plan_detail.html#tasks", context)
    can_map = request.user.has_perm("plans.import_plan")
    context |= {
        "totals": selectors.plan_totals(plan=plan),
        "mentions": selectors.plan_mentions(plan=plan),
        "can_map": can_map,
        "map_units": list(_map_choices(plan)) if can_map else [],
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    name = fold(plan.document.number or f"ke hoach {plan.pk}").replace("/", "-").replace(" ", "-")
    return HttpResponse(
        plan_xlsx(selectors.plan_schema_json(plan=plan)),
        content_type=XLSX,
        headers={"Content-Disposition": content_disposition_header(True, f"{name}.xlsx")},
    )


@login_required
@require_POST
def plan_map_unit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    form = MapUnitForm(request.POST, units=Unit.objects.all())  # the list, or a candidate
    if not form.is_valid():
        messages.error(request, _("Chọn một đơn vị trong danh sách."))
        return redirect("plans:detail", pk=plan.pk)
    changed = services.plan_map_unit(
        user=request.user,
        plan=plan,
        printed=form.cleaned_data["printed"],
        unit=form.cleaned_data["unit"],
    )
    messages.success(
        request,
        _("Đã gán “%(text)s” cho %(unit)s ở %(n)d lượt; lần nhập sau sẽ tự nhận ra.")
        % {"text": form.cleaned_data["printed"], "unit": form.cleaned_data["unit"], "n": changed},
    )
    return redirect("plans:detail", pk=plan.pk)


def _map_choices(plan: Plan) -> QuerySet[Unit]:
    """Units a printed name of this plan may be mapped to: its province's and central ones,
    as they were on the plan's date."""
    on = plan.document.date or (dt.date(plan.year, 1, 1) if plan.year else None)
    return units_search(on=on).filter(Q(province=plan.province) | Q(province=""))

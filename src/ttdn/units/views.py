"""Pages of the unit directory and of the signed-in user's account (thin: forms + services)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ttdn.core.errors import ApplicationError
from ttdn.core.history import history_rows
from ttdn.units import selectors, services
from ttdn.units.forms import AliasForm, ApiTokenForm, LanguageForm, UnitSearchForm
from ttdn.units.models import ApiToken, Role


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "units/home.html", {"roles": Role})


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    form = UnitSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    searching = any(filters.get(key) for key in ("q", "kind"))
    context = {"form": form, "searching": searching}
    if searching:
        context["units"] = list(
            selectors.units_search(q=filters["q"], kind=filters["kind"], on=filters.get("on"))[:200]
        )
    else:
        context["tree"] = selectors.unit_tree(on=filters.get("on"))
    template = "units/directory.html#results" if request.htmx else "units/directory.html"
    return render(request, template, context)


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "units/unit_detail.html",
        {
            "unit": unit,
            "lineage": selectors.unit_lineage(unit=unit),
            "alias_form": AliasForm(),
            "can_change": request.user.has_perm("units.change_unit", unit),
            "can_see_members": request.user.has_perm("units.view_unit_members", unit),
        },
    )


@login_required
@require_POST
def unit_alias_add(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get_for_user(user=request.user, pk=pk, perm="units.change_unit")
    form = AliasForm(request.POST)
    if form.is_valid():
        try:
            services.unit_alias_add(actor=request.user, unit=unit, text=form.cleaned_data["text"])
            messages.success(request, _("Đã thêm tên gọi khác."))
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Tên gọi khác không hợp lệ."))
    return redirect("units:detail", pk=unit.pk)


@login_required
def unit_members(request: HttpRequest, pk: int) -> HttpResponse:
    unit, members = selectors.unit_members_for_user(user=request.user, pk=pk)
    return render(request, "units/unit_members.html", {"unit": unit, "members": members})


@login_required
def unit_history(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get_for_user(user=request.user, pk=pk, perm="units.view_unit_history")
    return render(request, "core/history.html", {"object": unit, "rows": history_rows(unit)})


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    language_form = LanguageForm(request.POST or None, initial={"language": request.user.language})
    if request.method == "POST" and language_form.is_valid():
        services.user_set_language(
            actor=request.user, user=request.user, language=language_form.cleaned_data["language"]
        )
        messages.success(request, _("Đã lưu ngôn ngữ giao diện."))
        return redirect("account")
    tokens = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True).order_by(
        "-created_at"
    )
    return render(
        request,
        "units/account.html",
        {"language_form": language_form, "token_form": ApiTokenForm(), "tokens": tokens},
    )


@never_cache
@login_required
@require_POST
def api_token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tên hoặc thời hạn mã truy cập không hợp lệ."))
        return redirect("account")
    token, key = services.api_token_create(
        actor=request.user,
        name=form.cleaned_data["name"],
        expires_in_days=form.cleaned_data["expires_in_days"],
    )
    return render(request, "units/token_created.html", {"token": token, "key": key})


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=pk, user=request.user, revoked_at__isnull=True).first()
    if token is not None:
        services.api_token_revoke(actor=request.user, token=token)
        messages.success(request, _("Đã thu hồi mã truy cập."))
    return redirect("account")

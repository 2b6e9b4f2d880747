"""Staff pages that set monitoring up: sources (add, edit, pause, "Kiểm tra ngay"), alert rules and
the topic taxonomy (with a box that tries a rule on recent articles). Thin: forms shape the
input, the services check and write, a refusal shows on the form with nothing stored."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.core.errors import ApplicationError, NotFound, PermissionDenied
from ttdn.monitoring import alerts, services, taxonomy
from ttdn.monitoring.analysis import current_analyzer
from ttdn.monitoring.forms import AlertRuleForm, SourceForm, TopicForm
from ttdn.monitoring.models import AlertRule, Source
from ttdn.monitoring.selectors import require_view


def _require(user: Any, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied(_("Bạn không có quyền thiết lập giám sát báo chí."))


def _source(pk: int) -> Source:
    found = Source.objects.filter(pk=pk).first()
    if found is None:
        raise NotFound(_("Không tìm thấy nguồn tin"))
    return found


def _refused(form: Any, exc: ApplicationError) -> None:
    """The service's message beside the field it names (`details["field"]`), else on top."""
    field = exc.details.get("field")
    form.add_error(field if field in form.fields else None, exc.message)


def _form_page(
    request: HttpRequest, template: str, context: dict[str, Any], bound: bool
) -> HttpResponse:
    return render(request, template, context, status=400 if bound else 200)


# Sources ------------------------------------------------------------------------------------


@login_required
def source_new(request: HttpRequest) -> HttpResponse:
    return _source_form(request, None)


@login_required
def source_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _source_form(request, _source(pk))


def _source_form(request: HttpRequest, source: Source | None) -> HttpResponse:
    _require(request.user, "monitoring.manage_sources")
    data = request.POST if request.method == "POST" else None
    initial = SourceForm.initial_of(source) if source else None
    form = SourceForm(data, initial=initial)
    if data is not None and form.is_valid():
        try:
            if source is None:
                saved = services.source_create(actor=request.user, **form.cleaned_data)
            else:
                saved = services.source_update(
                    actor=request.user, source=source, **form.cleaned_data
                )
        except ApplicationError as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Đã lưu nguồn “%(name)s”.") % {"name": saved.name})
            return redirect("monitoring:sources")
    title = _("Sửa nguồn tin") if source else _("Thêm nguồn tin")
    context = {"form": form, "source": source, "title": title}
    return _form_page(request, "monitoring/source_form.html", context, data is not None)


@login_required
@require_POST
def source_active(request: HttpRequest, pk: int) -> HttpResponse:
    active = request.POST.get("active") == "1"
    source = services.source_set_active(actor=request.user, source=_source(pk), active=active)
    messages.success(
        request,
        (_("Đã bật lại nguồn “%(name)s”.") if active else _("Đã tạm dừng nguồn “%(name)s”."))
        % {"name": source.name},
    )
    return redirect("monitoring:sources")


@login_required
@require_POST
def source_check(request: HttpRequest, pk: int) -> HttpResponse:
    source = services.source_check_now(actor=request.user, source=_source(pk))
    text = _("Đã đưa việc kiểm tra nguồn “%(name)s” vào hàng đợi.") % {"name": source.name}
    messages.success(request, text + " " + _("Tải lại trang sau ít phút để xem kết quả."))
    return redirect("monitoring:sources")


# Alert rules --------------------------------------------------------------------------------


def _topic_choices() -> list[tuple[str, str]]:
    return [(t.code, t.name) for t in current_analyzer().taxonomy]


@login_required
def alert_rules(request: HttpRequest) -> HttpResponse:
    require_view(request.user)
    rows = AlertRule.objects.select_related("source").prefetch_related("recipients")
    context = {
        "rules": rows,
        "topic_names": dict(_topic_choices()),
        "can_manage": request.user.has_perm("monitoring.manage_rules"),
        "spike_factor": alerts.SPIKE_FACTOR,
        "spike_minimum": alerts.SPIKE_MINIMUM,
    }
    return render(request, "monitoring/alert_rules.html", context)


@login_required
def alert_rule_new(request: HttpRequest) -> HttpResponse:
    return _alert_rule_form(request, None)


@login_required
def alert_rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rule = AlertRule.objects.filter(pk=pk).first()
    if rule is None:
        raise NotFound(_("Không tìm thấy quy tắc cảnh báo"))
    return _alert_rule_form(request, rule)


def _alert_rule_form(request: HttpRequest, rule: AlertRule | None) -> HttpResponse:
    _require(request.user, "monitoring.manage_rules")
    data = request.POST if request.method == "POST" else None
    initial = None
    if rule is not None:
        initial = {
            "name": rule.name,
            "topics": rule.topics,
            "sentiment": rule.sentiment,
            "source": rule.source_id,
            "keywords": rule.keywords,
            "priority_only": rule.priority_only,
            "recipients": list(rule.recipients.values_list("pk", flat=True)),
            "active": rule.active,
        }
    form = AlertRuleForm(data, initial=initial, topics=_topic_choices())
    if data is not None and form.is_valid():
        fields = dict(form.cleaned_data)
        fields["recipients"] = list(fields["recipients"])
        try:
            services.alert_rule_save(actor=request.user, rule=rule, **fields)
        except ApplicationError as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Đã lưu quy tắc cảnh báo."))
            return redirect("monitoring:alert_rules")
    title = _("Sửa quy tắc cảnh báo") if rule else _("Thêm quy tắc cảnh báo")
    context = {"form": form, "rule": rule, "title": title}
    return _form_page(request, "monitoring/alert_rule_form.html", context, data is not None)


@login_required
@require_POST
def alert_rule_active(request: HttpRequest, pk: int) -> HttpResponse:
    rule = AlertRule.objects.filter(pk=pk).first()
    if rule is None:
        raise NotFound(_("Không tìm thấy quy tắc cảnh báo"))
    active = request.POST.get("active") == "1"
    services.alert_rule_set_active(actor=request.user, rule=rule, active=active)
    messages.success(request, _("Đã bật quy tắc.") if active else _("Đã tắt quy tắc."))
    return redirect("monitoring:alert_rules")


# Taxonomy -----------------------------------------------------------------------------------


@login_required
def topics(request: HttpRequest) -> HttpResponse:
    require_view(request.user)
    state = taxonomy.taxonomy_current()
    context = {
        "topics": state.topics(),
        "version": state.version,
        "can_manage": request.user.has_perm("monitoring.manage_rules"),
    }
    return render(request, "monitoring/topics.html", context)


@login_required
def topic_new(request: HttpRequest) -> HttpResponse:
    return _topic_form(request, None)


@login_required
def topic_edit(request: HttpRequest, code: str) -> HttpResponse:
    return _topic_form(request, code)


def _topic_form(request: HttpRequest, code: str | None) -> HttpResponse:
    _require(request.user, "monitoring.manage_rules")
    state = taxonomy.taxonomy_current()
    topic = state.topic(code) if code else None
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None and topic is not None:
        data["code"] = topic.code  # the code is fixed once saved
    initial = (
        TopicForm.initial_of(topic, state.version) if topic else {"base_version": state.version}
    )
    form = TopicForm(data, initial=initial)
    if topic is not None:
        form.fields["code"].disabled = True
    if data is not None and form.is_valid():
        fields = form.cleaned_data
        try:
            taxonomy.topic_save(
                actor=request.user,
                base_version=fields["base_version"],
                code=fields["code"],
                name=fields["name"],
                rules=fields["rules"],
                sensitive=fields["sensitive"],
                min_score=fields["min_score"],
                new=topic is None,
            )
        except ApplicationError as exc:
            _refused(form, exc)
        else:
            messages.success(
                request,
                _("Đã lưu chủ đề “%(code)s”; tin phân tích từ nay dùng bảng chủ đề mới.")
                % {"code": fields["code"]},
            )
            return redirect("monitoring:topics")
    title = _("Sửa chủ đề") if topic else _("Thêm chủ đề")
    context = {"form": form, "topic": topic, "title": title}
    return _form_page(request, "monitoring/topic_form.html", context, data is not None)


@login_required
@require_POST
def topic_enable(request: HttpRequest, code: str) -> HttpResponse:
    enabled = request.POST.get("enabled") == "1"
    base = request.POST.get("base_version", "")
    taxonomy.topic_set_enabled(
        actor=request.user,
        base_version=int(base) if base.isdigit() else None,
        code=code,
        enabled=enabled,
    )
    messages.success(
        request,
        (_("Đã bật chủ đề “%(code)s”.") if enabled else _("Đã tắt chủ đề “%(code)s”."))
        % {"code": code},
    )
    return redirect("monitoring:topics")


@login_required
def rule_try(request: HttpRequest) -> HttpResponse:
    """The "thử" box: which recent stored articles an expression matches."""
    require_view(request.user)
    expression = request.GET.get("expression", "").strip()
    trial, error = None, ""
    if expression:
        try:
            trial = taxonomy.rule_try(user=request.user, expression=expression)
        except ApplicationError as exc:
            error = exc.message
    template = "monitoring/_rule_try.html" if request.htmx else "monitoring/rule_try.html"
    context = {"expression": expression, "trial": trial, "error": error}
    return render(request, template, context)

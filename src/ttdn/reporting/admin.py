"""Admin for reporting: the indicator list is configured here; periods, updates and reports are
read here (their writes go through the pages and the API so the workflow rules hold); report
templates are uploaded and chosen here, through the services of `compiled.templates_store`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from ttdn.core.errors import ApplicationError
from ttdn.core.office import DOCX
from ttdn.reporting.compiled.templates_store import (
    DEFAULT_FILE_NAMES,
    MAX_TEMPLATE_BYTES,
    report_template_activate,
    report_template_default,
    report_template_default_bytes,
    report_template_upload,
)
from ttdn.reporting.models import (
    Indicator,
    Reminder,
    ReportingPeriod,
    ReportTemplate,
    TaskUpdate,
    UnitReport,
)


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ("name", "measure", "code", "order", "active")
    list_editable = ("order", "active")
    search_fields = ("name", "code")


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReadOnlyAdmin):
    list_display = ("name", "plan", "kind", "starts", "ends", "deadline", "lock_after_deadline")
    list_filter = ("kind", "plan")


@admin.register(TaskUpdate)
class TaskUpdateAdmin(ReadOnlyAdmin):
    list_display = ("work_item", "period", "status", "progress", "author", "updated_at")
    list_filter = ("period", "status")


@admin.register(UnitReport)
class UnitReportAdmin(ReadOnlyAdmin):
    list_display = ("unit", "period", "status", "first_submitted_at", "reviewed_at")
    list_filter = ("status", "period")
    search_fields = ("unit__name",)


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ("subject", "unit", "period", "sent_by", "sent_at", "recipients")


def _default_links() -> str:
    return format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        (
            (reverse("admin:reporting_reporttemplate_default", args=[kind]), label.lower())
            for kind, label in ReportTemplate.Kind.choices
        ),
    )


class ReportTemplateUploadForm(forms.ModelForm):
    """Kind, name and the .docx; `clean` stores it through `report_template_upload`, so a file
    the check refuses comes back as an error of the form and nothing is stored."""

    upload = forms.FileField(label="Tệp mẫu (.docx)")
    request: HttpRequest

    class Meta:
        model = ReportTemplate
        fields = ("kind", "name")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = format_html(
            "Tệp Word có các trường dữ liệu như mẫu mặc định (xem docs/reports.md). Tải mẫu mặc "
            "định về để sửa: {}.",
            _default_links(),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("upload")
        if upload is None or self.errors:
            return cleaned
        if upload.size > MAX_TEMPLATE_BYTES:
            self.add_error("upload", "Tệp mẫu báo cáo lớn quá 10 MB.")
            return cleaned
        try:
            self.instance = report_template_upload(
                user=self.request.user,
                kind=cleaned["kind"],
                name=cleaned["name"],
                data=upload.read(),
            )
        except ApplicationError as exc:
            self.add_error("upload", exc.message)
        return cleaned


@admin.register(ReportTemplate)
class ReportTemplateAdmin(SimpleHistoryAdmin):
    """Uploaded templates; none active for a kind means the built-in template."""

    list_display = ("name", "kind", "active", "uploaded_by", "uploaded_at", "download")
    list_filter = ("kind", "active")
    actions = ("activate", "use_default")
    readonly_fields = ("kind", "name", "download", "active", "uploaded_by", "uploaded_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.has_perm("reporting.manage_templates"))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a stored file is never changed: upload a new one

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # kept for the history; an unused one is simply inactive

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.has_perm("reporting.manage_templates"))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or self.has_view_permission(request)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):  # type: ignore[no-untyped-def]
        if obj is not None:
            return super().get_form(request, obj, change, **kwargs)
        form = super().get_form(request, obj, change, form=ReportTemplateUploadForm, **kwargs)
        form.request = request
        return form

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields if obj is not None else ()

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields if obj is not None else ("kind", "name", "upload")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """The form's `clean` already stored it through the service."""

    @admin.display(description="Tệp")
    def download(self, obj: ReportTemplate) -> str:
        url = reverse("admin:reporting_reporttemplate_file", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.file.name.rsplit("/", 1)[-1])

    def get_urls(self) -> list[URLPattern]:
        default = path(
            "default/<str:kind>/",
            self.admin_site.admin_view(self.default_view),
            name="reporting_reporttemplate_default",
        )
        stored = path(
            "<int:pk>/file/",
            self.admin_site.admin_view(self.file_view),
            name="reporting_reporttemplate_file",
        )
        return [default, stored, *super().get_urls()]

    def file_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """A stored template as a .docx download (media files are not served directly)."""
        template = ReportTemplate.objects.filter(pk=pk).first()
        if template is None or not self.has_view_permission(request, template):
            raise Http404
        try:
            with template.file.open("rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise Http404 from exc
        response = HttpResponse(data, content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="mau-bao-cao-{template.pk}.docx"'
        return response

    def default_view(self, request: HttpRequest, kind: str) -> HttpResponse:
        """The built-in template as a .docx download, to start editing in Word."""
        if not self.has_view_permission(request):
            raise Http404
        if kind not in ReportTemplate.Kind.values:
            raise Http404
        response = HttpResponse(report_template_default_bytes(kind), content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="{DEFAULT_FILE_NAMES[kind]}"'
        return response

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        if request.method == "GET" and not request.GET:
            self.message_user(
                request,
                format_html(
                    "Loại báo cáo không có mẫu nào đang dùng thì dùng mẫu mặc định. Tải mẫu mặc "
                    "định về để sửa: {}.",
                    _default_links(),
                ),
                messages.INFO,
            )
        return super().changelist_view(request, extra_context)

    @admin.action(description="Dùng mẫu này")
    def activate(self, request: HttpRequest, queryset: QuerySet[ReportTemplate]) -> None:
        chosen = list(queryset)
        if len({t.kind for t in chosen}) != len(chosen):
            self.message_user(request, "Chọn một mẫu cho mỗi loại báo cáo.", messages.ERROR)
            return
        for template in chosen:
            try:
                report_template_activate(user=request.user, template=template)
            except ApplicationError as exc:
                self.message_user(request, f"{template.name}: {exc.message}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"Đã dùng mẫu “{template.name}” cho {template.get_kind_display().lower()}.",
                )

    @admin.action(description="Quay về mẫu mặc định cho loại báo cáo này")
    def use_default(self, request: HttpRequest, queryset: QuerySet[ReportTemplate]) -> None:
        for kind in sorted({t.kind for t in queryset}):
            try:
                report_template_default(user=request.user, kind=kind)
            except ApplicationError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                label = ReportTemplate.Kind(kind).label
                self.message_user(request, f"{label}: đã quay về mẫu mặc định.")

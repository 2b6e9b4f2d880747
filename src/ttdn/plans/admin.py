"""Admin for plans, tasks and drafts, with the audit trail (read mostly: imports go through
`ttdn plan import`, the API or the web draft)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ttdn.plans.models import Plan, PlanDraft, Task, TaskAssignment


class TaskAssignmentInline(admin.TabularInline):
    model = TaskAssignment
    extra = 0
    fields = ("role", "text", "unit", "resolution")
    autocomplete_fields = ("unit",)


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ("title", "document", "year", "province", "imported_at", "imported_by")
    list_filter = ("year", "province")
    search_fields = ("title", "document__number", "source_name")
    readonly_fields = ("document", "source_sha256", "parsed", "imported_by", "imported_at")


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ("ref", "plan", "section", "due", "status")
    list_filter = ("status", "plan")
    search_fields = ("text", "ref")
    readonly_fields = ("plan",)
    inlines = [TaskAssignmentInline]


@admin.register(PlanDraft)
class PlanDraftAdmin(SimpleHistoryAdmin):
    list_display = ("source_name", "uploaded_by", "created_at", "updated_at")
    readonly_fields = ("source_sha256", "data", "mappings", "relations")

"""Admin for reporting: the indicator list is configured here; periods, updates and reports are
read here (their writes go through the pages and the API so the workflow rules hold)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from ttdn.reporting.models import Indicator, Reminder, ReportingPeriod, TaskUpdate, UnitReport


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

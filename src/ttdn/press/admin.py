"""Admin of the press module: read-only lists with the audit trail; writes go through the pages
and the API so the workflow and the deadline rules hold."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from ttdn.press.models import Delegation, PressEvent, Reporter, Visit


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Reporter)
class ReporterAdmin(ReadOnlyAdmin):
    list_display = ("full_name", "nationality", "outlet", "press_card", "resident")
    search_fields = ("full_name", "outlet", "press_card")


@admin.register(Visit)
class VisitAdmin(ReadOnlyAdmin):
    list_display = ("title", "unit", "starts", "ends", "status", "answer_due", "report_due")
    list_filter = ("status",)
    search_fields = ("title",)


@admin.register(Delegation)
class DelegationAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "direction", "country", "starts", "ends", "unit")
    list_filter = ("direction",)


@admin.register(PressEvent)
class PressEventAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "starts_at", "unit")
    list_filter = ("kind",)

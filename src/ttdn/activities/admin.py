"""Admin of the activities registry: read-only, with the audit trail (writes go through the
pages and the API, where each kind's rules are checked)."""

from __future__ import annotations

from django.contrib import admin

from ttdn.activities.models import Activity
from ttdn.press.admin import ReadOnlyAdmin


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "unit", "starts", "ends")
    list_filter = ("kind",)
    search_fields = ("title",)

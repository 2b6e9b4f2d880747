"""Admin for press monitoring: sources and their health, articles, alert rules, cases, models."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ttdn.monitoring.models import (
    AlertRule,
    Article,
    FetchAttempt,
    ModelVersion,
    ResponseCase,
    Source,
    Story,
    Taxonomy,
)


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = (
        "name", "kind", "outlet", "foreign", "active", "last_success_at", "consecutive_failures",
        "last_error",
    )  # fmt: skip
    list_filter = ("kind", "foreign", "active")
    search_fields = ("name", "outlet", "url")
    readonly_fields = (
        "etag", "last_modified", "last_checked_at", "last_success_at", "last_error",
        "last_error_at", "consecutive_failures", "next_poll_at",
    )  # fmt: skip


@admin.register(FetchAttempt)
class FetchAttemptAdmin(admin.ModelAdmin):
    list_display = ("source", "started_at", "ok", "status", "items_seen", "items_new", "error")
    list_filter = ("ok",)


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ("title", "source", "fetched_at", "language", "sentiment", "priority", "status")
    list_filter = ("language", "sentiment", "priority", "foreign", "status")
    search_fields = ("title", "canonical_url")
    exclude = ("signature",)
    raw_id_fields = ("story", "labelled_by")


@admin.register(Story)
class StoryAdmin(SimpleHistoryAdmin):
    list_display = ("title", "first_seen_at", "appearances", "priority")


@admin.register(AlertRule)
class AlertRuleAdmin(SimpleHistoryAdmin):
    list_display = ("name", "sentiment", "priority_only", "active")
    filter_horizontal = ("recipients",)


@admin.register(ResponseCase)
class ResponseCaseAdmin(SimpleHistoryAdmin):
    list_display = ("story", "kind", "unit", "status", "due_at")
    list_filter = ("kind", "status")
    raw_id_fields = ("story",)


@admin.register(ModelVersion)
class ModelVersionAdmin(SimpleHistoryAdmin):
    list_display = ("pk", "created_at", "trained_on", "held_out", "active")
    exclude = ("data",)
    readonly_fields = ("trained_on", "held_out", "metrics", "active")


@admin.register(Taxonomy)
class TaxonomyAdmin(SimpleHistoryAdmin):
    """Officials edit the topic rules here; saving an active one deactivates the others."""

    list_display = ("__str__", "created_at", "active")

    def get_changeform_initial_data(self, request):  # type: ignore[no-untyped-def]
        from ttdn.monitoring.nlp.topics import DEFAULT_TAXONOMY

        return {"text": DEFAULT_TAXONOMY.read_text(encoding="utf-8")}

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        if obj.active:
            Taxonomy.objects.exclude(pk=obj.pk).filter(active=True).update(active=False)

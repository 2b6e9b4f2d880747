"""Admin of the CSDL: the taxonomy (lĩnh vực, từ khóa) is configured here; items are shown with
their translations and history, but their workflow state only changes through the services."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ttdn.library.models import Category, Item, Media, Revision, Tag, Translation, WorkflowEvent
from ttdn.library.services import item_reindex


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name", "slug")


@admin.register(Tag)
class TagAdmin(SimpleHistoryAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")


class TranslationInline(admin.StackedInline):
    model = Translation
    extra = 0
    fields = ("language", "title", "slug", "summary", "revision", "source_revision")
    readonly_fields = ("revision", "source_revision")


class MediaInline(admin.TabularInline):
    model = Media
    extra = 0
    fields = ("image", "alt_text", "caption", "content_type", "gps_stripped")
    readonly_fields = ("image", "content_type", "gps_stripped")


class EventInline(admin.TabularInline):
    model = WorkflowEvent
    extra = 0
    can_delete = False
    fields = ("at", "from_state", "to_state", "actor", "comment")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Item)
class ItemAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "kind", "unit", "security_level", "state", "published_at")
    list_filter = ("state", "security_level", "kind", "categories")
    search_fields = ("translations__title",)
    filter_horizontal = ("categories", "tags")
    readonly_fields = ("state", "published_at", "created_by", "review_comment")
    raw_id_fields = ("unit",)
    inlines = [TranslationInline, MediaInline, EventInline]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).select_related("unit").prefetch_related("translations")

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        item_reindex(form.instance)


@admin.register(Revision)
class RevisionAdmin(SimpleHistoryAdmin):
    list_display = ("translation", "number", "created_by", "created_at")
    readonly_fields = ("translation", "number", "title", "summary", "body", "created_by")

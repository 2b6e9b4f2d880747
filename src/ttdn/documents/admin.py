"""Admin for documents and citations, with the audit trail."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ttdn.documents.models import Citation, Document
from ttdn.documents.numbers import document_number_key
from ttdn.documents.services import document_search_key


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ("number", "kind", "date", "issuer", "year")
    search_fields = ("number", "title", "search_key")
    readonly_fields = ("number_key",)
    autocomplete_fields = ("issuer_unit",)

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        obj.number_key = document_number_key(obj.number)
        obj.search_key = document_search_key(obj)
        super().save_model(request, obj, form, change)


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    list_display = ("from_document", "relation", "to_document")
    list_filter = ("relation",)
    autocomplete_fields = ("from_document", "to_document")

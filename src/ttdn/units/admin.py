"""Admin for units, reorganisations and users, with the audit trail (SimpleHistoryAdmin)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from ttdn.text.normalize import fold
from ttdn.units.models import ApiToken, Unit, UnitAlias, UnitSuccession, User
from ttdn.units.services import unit_refresh_search_key


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 0
    fields = ("text", "source")


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "kind", "province", "parent", "valid_from", "valid_to")
    list_filter = ("kind", "province")
    search_fields = ("name", "code", "short_name", "search_key")
    autocomplete_fields = ("parent",)
    inlines = [UnitAliasInline]

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        for alias in form.instance.aliases.all():
            if alias.folded != fold(alias.text):
                UnitAlias.objects.filter(pk=alias.pk).update(folded=fold(alias.text))
        unit_refresh_search_key(unit=form.instance)


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(SimpleHistoryAdmin):
    list_display = ("predecessor", "successor", "kind", "effective_date", "decision")
    list_filter = ("kind",)
    autocomplete_fields = ("predecessor", "successor")


@admin.register(User)
class TtdnUserAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = ("username", "full_name", "unit", "role", "is_active")
    list_filter = ("role", "is_active", "unit__kind")
    search_fields = ("username", "full_name", "email")
    autocomplete_fields = ("unit",)
    fieldsets = (
        *UserAdmin.fieldsets,
        ("TTĐN", {"fields": ("full_name", "unit", "role", "position", "language")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")

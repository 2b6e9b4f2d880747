"""Forms of the plan pages (validation only, no writes)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.plans.models import AssignmentRole, TaskStatus
from ttdn.units.models import Unit


class PlanSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm kế hoạch"), required=False, max_length=200)


class TaskFilterForm(forms.Form):
    """Filters of a plan's task list; the choices come from the plan itself."""

    unit = forms.TypedChoiceField(label=_("Đơn vị"), required=False, coerce=int, empty_value=None)
    role = forms.ChoiceField(
        label=_("Vai trò"),
        required=False,
        choices=[("", _("Chủ trì hoặc phối hợp")), *AssignmentRole.choices],
    )
    section = forms.ChoiceField(label=_("Phần"), required=False)
    due_month = forms.CharField(
        label=_("Hạn trong tháng"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-06"}),
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *TaskStatus.choices]
    )

    def __init__(self, *args: Any, units: list[Unit], sections: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Tất cả")), *((u.pk, u.name) for u in units)]
        self.fields["section"].choices = [("", _("Tất cả")), *((s, s) for s in sections)]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}


class MapUnitForm(forms.Form):
    printed = forms.CharField(max_length=500, widget=forms.HiddenInput)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

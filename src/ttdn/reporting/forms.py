"""Forms of the unit's reporting pages: they read and type what the user typed (money in words,
figures per indicator) and leave every rule to the services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.plans.lifecycle import unit_choices
from ttdn.plans.models import AssignmentRole, Plan, TaskStatus
from ttdn.reporting.models import Indicator, ReportingPeriod
from ttdn.reporting.services import ACTION_LABELS, REPORT_ACTIONS
from ttdn.text.money import parse_money

NO_PERIOD = ""  # an update noted before the coordinating agency opened any period


class WorkFilterForm(forms.Form):
    """Filters of "Việc của tôi"; invalid values are ignored (the list stays whole)."""

    plan = forms.TypedChoiceField(label=_("Kế hoạch"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *TaskStatus.choices]
    )
    role = forms.ChoiceField(
        label=_("Vai trò"),
        required=False,
        choices=[("", _("Chủ trì hoặc phối hợp")), *AssignmentRole.choices],
    )

    def __init__(self, *args: Any, plans: Iterable[Plan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plans = {plan.pk: plan for plan in plans}
        self.fields["plan"].choices = [
            ("", _("Tất cả")),
            *((pk, plan.title) for pk, plan in self.plans.items()),
        ]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "plan": self.plans.get(data["plan"]) if data["plan"] else None,
            "status": data["status"],
            "role": data["role"],
        }


class MoneyField(forms.CharField):
    """Đồng written the way officials write them: "12.500.000", "12,5 triệu", "2 tỷ 500 triệu"."""

    def clean(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().clean(value).strip()
        if not text:
            return None
        amount = parse_money(text)
        if amount is None:
            raise forms.ValidationError(
                _("Không đọc được số tiền “%(text)s” (ví dụ: 12.500.000 hoặc 12,5 triệu).")
                % {"text": text[:50]}
            )
        return amount


def indicator_field_name(indicator: Indicator) -> str:
    return f"indicator_{indicator.pk}"


class TaskUpdateForm(forms.Form):
    """A unit's update of one work item for one period."""

    period = forms.ChoiceField(
        widget=forms.HiddenInput,
        required=False,
        error_messages={
            "invalid_choice": _("Kỳ báo cáo không hợp lệ; hãy mở lại trang."),
            "required": _("Chưa chọn kỳ báo cáo; hãy mở lại trang."),
        },
    )
    narrative = forms.CharField(
        label=_("Kết quả thực hiện"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Việc đã làm trong kỳ, sản phẩm, địa chỉ đăng tải…"),
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        error_messages={
            "invalid_choice": _(
                "Không chọn được trạng thái “%(value)s” cho phần việc này; “quá hạn” do hệ "
                "thống tự xác định, tạm dừng hoặc hủy do cơ quan đầu mối quyết định."
            )
        },
    )
    progress = forms.IntegerField(
        label=_("Tiến độ (%)"),
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1}),
        error_messages={"invalid": _("Tiến độ là một số nguyên từ 0 đến 100.")},
    )
    spent = MoneyField(
        label=_("Kinh phí đã chi (đồng)"),
        required=False,
        max_length=60,
        help_text=_("Ví dụ: 12.500.000 hoặc 12,5 triệu; để trống nếu không chi."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self,
        *args: Any,
        item_status: str,
        periods: Iterable[ReportingPeriod],
        indicators: Iterable[Indicator],
        suggested: Iterable[int] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        periods = list(periods)
        # Once the plan has periods, every update belongs to one of them.
        self.fields["period"].required = bool(periods)
        self.fields["period"].choices = [(str(p.pk), p.name) for p in periods] or [(NO_PERIOD, "—")]
        self.fields["status"].choices = [
            (s, TaskStatus(s).label) for s in unit_choices(item_status)
        ]
        self.indicators = list(indicators)
        suggested = set(suggested)
        for indicator in self.indicators:
            self.fields[indicator_field_name(indicator)] = forms.IntegerField(
                label=f"{indicator.name} ({indicator.measure})",
                required=False,
                min_value=0,
                widget=forms.NumberInput(attrs={"min": 0, "step": 1}),
                help_text=_("Gợi ý: cộng từ các kỳ ngắn hơn; sửa nếu cần.")
                if indicator.pk in suggested
                else "",
                error_messages={"invalid": _("Nhập một số nguyên không âm.")},
            )

    def indicator_fields(self) -> list[forms.BoundField]:
        return [self[indicator_field_name(i)] for i in self.indicators]

    def values(self) -> dict[int, int]:
        return {i.pk: self.cleaned_data.get(indicator_field_name(i)) or 0 for i in self.indicators}


class ReportTextForm(forms.Form):
    summary = forms.CharField(
        label=_("Đánh giá chung"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    difficulties = forms.CharField(
        label=_("Tồn tại, khó khăn"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    proposals = forms.CharField(
        label=_("Đề xuất, kiến nghị"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ReportActionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, ACTION_LABELS[a]) for a in REPORT_ACTIONS])
    comment = forms.CharField(
        label=_("Nội dung cần sửa"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(min_value=0)


class EvidenceLinkForm(forms.Form):
    url = forms.CharField(label=_("Đường dẫn"), max_length=2000)
    title = forms.CharField(label=_("Tên minh chứng"), required=False, max_length=255)


class ReportFilterForm(forms.Form):
    period = forms.TypedChoiceField(
        label=_("Kỳ báo cáo"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, periods: Iterable[ReportingPeriod], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.periods = {p.pk: p for p in periods}
        self.fields["period"].choices = [
            ("", _("Tất cả")),
            *((pk, f"{p.name} · {p.plan.title[:60]}") for pk, p in self.periods.items()),
        ]

    def chosen_period(self) -> ReportingPeriod | None:
        if not self.is_valid() or not self.cleaned_data["period"]:
            return None
        return self.periods.get(self.cleaned_data["period"])

"""Forms of the coordinating agency's pages (parsing and required fields only; the rules —
dates in order, names unique, who may act — live in the services)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.plans.models import Plan
from ttdn.reporting.models import PeriodKind, ReportingPeriod
from ttdn.reporting.services import default_deadline


def _date_field(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
        ),
        error_messages={"invalid": _("Ngày không hợp lệ; ghi theo dạng dd/mm/yyyy.")},
    )


class PeriodCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại kỳ"), choices=PeriodKind.choices)
    name = forms.CharField(label=_("Tên kỳ báo cáo"), max_length=150)
    starts = _date_field(_("Từ ngày"))
    ends = _date_field(_("Đến ngày"))
    deadline = _date_field(_("Hạn gửi báo cáo"), required=False)
    lock_after_deadline = forms.BooleanField(
        label=_("Khóa sau hạn"),
        required=False,
        help_text=_("Sau hạn, đơn vị không sửa được số liệu của kỳ (trừ báo cáo bị trả lại)."),
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["placeholder"] = _("ví dụ: Quý I/2026")
        self.fields["kind"].initial = PeriodKind.QUARTER
        shown = self._default_deadline(plan)
        self.fields["deadline"].widget.attrs["placeholder"] = f"{shown:%d/%m/%Y}"
        self.fields["deadline"].help_text = _(
            "Để trống để dùng hạn mặc định: kỳ năm theo hạn báo cáo của kế hoạch, kỳ ngắn hơn "
            "vào cùng ngày đó của tháng cuối kỳ (ví dụ %(day)s)."
        ) % {"day": f"{shown:%d/%m/%Y}"}

    def _default_deadline(self, plan: Plan) -> dt.date:
        """The default for what the user typed (a re-shown form), else for the plan's year."""
        kind, ends = PeriodKind.YEAR, dt.date(plan.year or dt.date.today().year, 12, 31)
        if self.is_bound and self.is_valid():
            kind, ends = self.cleaned_data["kind"], self.cleaned_data["ends"]
        return default_deadline(plan=plan, kind=kind, ends=ends)


class PeriodEditForm(forms.Form):
    """Name, deadline and lock of one period (its dates stay: reports refer to them)."""

    name = forms.CharField(label=_("Tên kỳ báo cáo"), max_length=150)
    deadline = _date_field(_("Hạn gửi báo cáo"))
    lock_after_deadline = forms.BooleanField(label=_("Khóa sau hạn"), required=False)

    @classmethod
    def for_period(cls, period: ReportingPeriod, data: Any = None) -> PeriodEditForm:
        return cls(
            data,
            prefix=f"p{period.pk}",
            initial={
                "name": period.name,
                "deadline": period.deadline,
                "lock_after_deadline": period.lock_after_deadline,
            },
        )


class TaskHoldForm(forms.Form):
    ACTIONS = (
        ("paused", _("Tạm dừng")),
        ("cancelled", _("Hủy")),
        ("resume", _("Cho thực hiện lại")),
    )
    action = forms.ChoiceField(label=_("Thao tác"), choices=ACTIONS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Lý do"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bắt buộc khi tạm dừng hoặc hủy; các đơn vị sẽ thấy lý do này."),
    )


class ReminderForm(forms.Form):
    subject = forms.CharField(label=_("Trích yếu"), max_length=255)
    text = forms.CharField(
        label=_("Nội dung đôn đốc"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 18}),
    )
    # Made when the form is shown: a double click or a resent form sends the reminder once.
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["token"].initial = uuid.uuid4()

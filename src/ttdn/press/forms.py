"""Forms of the press pages: they read and type what the user typed (dates dd/mm/yyyy, rows of
reporters and programme items) and leave every rule to the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.press.countries import country_choices
from ttdn.press.models import Channel, Direction, PressEventKind, VisitStatus
from ttdn.units.models import Unit

DATE_INPUT = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
DATE_ERROR = {"invalid": _("Ngày không hợp lệ; ghi theo dạng dd/mm/yyyy.")}


def date_field(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(format="%d/%m/%Y", attrs=DATE_INPUT),
        error_messages=DATE_ERROR,
    )


def time_field(label: Any, *, required: bool = True) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=required,
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm"}),
        error_messages={"invalid": _("Giờ không hợp lệ; ghi theo dạng hh:mm.")},
    )


class UnitChoiceForm(forms.Form):
    """A form with the host unit, offered among the units the user keeps records for; without
    `units` (a record being corrected) the unit is not asked: a record keeps its unit."""

    def __init__(self, *args: Any, units: list[Unit] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            return
        self.units = {u.pk: u for u in units}
        self.fields["unit"] = forms.TypedChoiceField(
            label=_("Đơn vị chủ trì, hướng dẫn"),
            coerce=int,
            choices=[(u.pk, u.name) for u in units],
        )
        self.order_fields(["unit"])

    def clean_unit(self) -> Unit:
        return self.units[self.cleaned_data["unit"]]


class VisitForm(UnitChoiceForm):
    title = forms.CharField(label=_("Tên đoàn"), max_length=255)
    received_on = date_field(_("Ngày nhận đề nghị"))
    channel = forms.ChoiceField(label=_("Kênh tiếp nhận"), choices=Channel.choices)
    starts = date_field(_("Từ ngày"))
    ends = date_field(_("Đến ngày"))
    purpose = forms.CharField(
        label=_("Mục đích, nội dung tác nghiệp"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ReporterRowForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200, required=False)
    nationality = forms.ChoiceField(label=_("Quốc tịch"), required=False)
    outlet = forms.CharField(label=_("Cơ quan báo chí"), max_length=200, required=False)
    press_card = forms.CharField(label=_("Số thẻ nhà báo"), max_length=50, required=False)
    permit = forms.CharField(label=_("Số giấy phép"), max_length=50, required=False)
    resident = forms.BooleanField(label=_("Thường trú"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = [("", "—"), *country_choices()]


class ProgrammeRowForm(forms.Form):
    day = date_field(_("Ngày"), required=False)
    starts_at = time_field(_("Từ giờ"), required=False)
    ends_at = time_field(_("Đến giờ"), required=False)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    meeting = forms.CharField(label=_("Làm việc với"), max_length=255, required=False)
    content = forms.CharField(label=_("Nội dung"), max_length=5000, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = any(data.get(k) for k in ("day", "starts_at", "ends_at", "place"))
        if filled:
            for name in ("day", "starts_at", "ends_at", "place"):
                if not data.get(name):
                    self.add_error(
                        name, _("Cần nhập đủ ngày, giờ và địa điểm của mục chương trình.")
                    )
        return data


class RowsWithMessage(forms.BaseFormSet):
    """Rows saved together: the service's message shows above them, as on a form."""

    def add_error(self, field: str | None, error: str) -> None:
        self.non_form_errors().append(error)

    def kept_rows(self) -> list[dict[str, Any]]:
        """The rows typed in and not ticked "Xóa"."""
        return [row for row in self.cleaned_data if row and not row.get("DELETE")]


ReporterRows = forms.formset_factory(ReporterRowForm, extra=3, max_num=30)
ReporterEditRows = forms.formset_factory(
    ReporterRowForm, formset=RowsWithMessage, extra=2, max_num=30, can_delete=True
)


class AccompanyingForm(forms.Form):
    """The units that accompany a visit (they read it, they do not change it)."""

    units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp, tháp tùng"),
        queryset=Unit.objects.order_by("name").only("pk", "name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Giữ Ctrl để chọn nhiều đơn vị; bỏ chọn hết nếu không có đơn vị nào."),
    )


ProgrammeRows = forms.formset_factory(ProgrammeRowForm, extra=5, max_num=60)
ProgrammeEditRows = forms.formset_factory(
    ProgrammeRowForm, formset=RowsWithMessage, extra=3, max_num=60, can_delete=True
)


class VisitActionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in ("approve", "refuse", "start", "finish")])
    on = date_field(_("Ngày"))
    document = forms.CharField(label=_("Số văn bản"), max_length=100, required=False)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class VisitReportForm(forms.Form):
    text = forms.CharField(label=_("Báo cáo kết quả"), widget=forms.Textarea(attrs={"rows": 5}))
    on = date_field(_("Ngày báo cáo"))


class FollowUpForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề bài"), max_length=500)
    url = forms.URLField(
        label=_("Đường dẫn"), max_length=1000, required=False, assume_scheme="https"
    )
    outlet = forms.CharField(label=_("Cơ quan báo chí"), max_length=200, required=False)
    published_on = date_field(_("Ngày đăng"), required=False)
    monitoring_ref = forms.CharField(
        label=_("Mục giám sát báo chí"), max_length=100, required=False
    )


class VisitFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *VisitStatus.choices]
    )
    q = forms.CharField(
        label=_("Tìm theo tên đoàn, cơ quan báo chí"), required=False, max_length=100
    )


class DelegationForm(UnitChoiceForm):
    direction = forms.ChoiceField(label=_("Loại đoàn"), choices=Direction.choices)
    country = forms.ChoiceField(label=_("Quốc gia"))
    organisation = forms.CharField(label=_("Cơ quan, tổ chức"), max_length=255)
    size = forms.IntegerField(label=_("Số thành viên"), min_value=1, max_value=10000)
    leader = forms.CharField(label=_("Trưởng đoàn"), max_length=255)
    starts = date_field(_("Từ ngày"))
    ends = date_field(_("Đến ngày"))
    purpose = forms.CharField(label=_("Mục đích"), widget=forms.Textarea(attrs={"rows": 3}))
    programme = forms.CharField(
        label=_("Chương trình"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    outcomes = forms.CharField(
        label=_("Kết quả"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    agreement_title = forms.CharField(
        label=_("Văn bản ký kết (nếu có)"), max_length=500, required=False
    )
    agreement_signed_on = date_field(_("Ngày ký"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()


class DelegationEditForm(DelegationForm):
    """A delegation corrected: its unit stays, the agreements are rows of their own."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, units=None, **kwargs)
        del self.fields["agreement_title"], self.fields["agreement_signed_on"]


class AgreementRowForm(forms.Form):
    title = forms.CharField(label=_("Tên văn bản ký kết"), max_length=500, required=False)
    signed_on = date_field(_("Ngày ký"), required=False)
    partner = forms.CharField(label=_("Đối tác"), max_length=255, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("title") and not data.get("signed_on"):
            self.add_error("signed_on", _("Cần nhập ngày ký của văn bản."))
        if data.get("signed_on") and not data.get("title"):
            self.add_error("title", _("Cần nhập tên văn bản đã ký."))
        return data


AgreementRows = forms.formset_factory(
    AgreementRowForm, formset=RowsWithMessage, extra=2, max_num=50, can_delete=True
)


class PressEventForm(UnitChoiceForm):
    kind = forms.ChoiceField(label=_("Loại"), choices=PressEventKind.choices)
    title = forms.CharField(label=_("Tên sự kiện"), max_length=255)
    day = date_field(_("Ngày"))
    at = time_field(_("Giờ"))
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    chair = forms.CharField(label=_("Chủ trì"), max_length=255)
    topics = forms.CharField(label=_("Chủ đề"), widget=forms.Textarea(attrs={"rows": 2}))
    information = forms.CharField(
        label=_("Thông tin cung cấp"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    outlets = forms.CharField(
        label=_("Cơ quan báo chí tham dự (mỗi dòng một cơ quan)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    foreign_organiser = forms.CharField(
        label=_("Cơ quan, tổ chức nước ngoài tổ chức (nếu có)"), max_length=255, required=False
    )
    notified_day = date_field(_("Ngày thông báo"), required=False)
    notified_at = time_field(_("Giờ thông báo"), required=False)

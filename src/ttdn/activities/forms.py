"""Forms of the activities pages and the calendar filters; the rules stay in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.activities.calendar import KINDS
from ttdn.activities.models import ActivityKind, Condition
from ttdn.activities.services import REQUIRED
from ttdn.press.forms import UnitChoiceForm, date_field


class ActivityForm(UnitChoiceForm):
    kind = forms.ChoiceField(label=_("Loại hoạt động"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Tên hoạt động"), max_length=255)
    starts = date_field(_("Từ ngày"))
    ends = date_field(_("Đến ngày"), required=False)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    description = forms.CharField(
        label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    participants = forms.IntegerField(
        label=_("Số người tham dự (tập huấn, hội nghị, sự kiện)"), min_value=0, required=False
    )
    trainers = forms.CharField(label=_("Báo cáo viên, giảng viên"), required=False)
    materials = forms.CharField(label=_("Tài liệu"), required=False)
    languages = forms.CharField(
        label=_("Ngôn ngữ (ấn phẩm), ví dụ: Việt, Anh, Lào"), max_length=100, required=False
    )
    print_run = forms.IntegerField(label=_("Số lượng in (bản)"), min_value=0, required=False)
    distribution = forms.CharField(label=_("Nơi phát hành"), required=False)
    latitude = forms.CharField(
        label=_("Vĩ độ (pa-nô), ví dụ 16.623456"), required=False, max_length=20
    )
    longitude = forms.CharField(
        label=_("Kinh độ (pa-nô), ví dụ 106.601234"), required=False, max_length=20
    )
    content = forms.CharField(
        label=_("Nội dung pa-nô"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    installed_on = date_field(_("Ngày lắp đặt"), required=False)
    maintained_on = date_field(_("Ngày bảo trì gần nhất"), required=False)
    condition = forms.ChoiceField(
        label=_("Tình trạng"), required=False, choices=[("", "—"), *Condition.choices]
    )
    organiser = forms.CharField(
        label=_("Cơ quan tổ chức (cuộc thi, giải thưởng)"), max_length=255, required=False
    )
    results = forms.CharField(
        label=_("Kết quả, giải thưởng"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


K = ActivityKind
PEOPLE = ("place", "participants", "trainers", "materials")
# what the edit page shows for each kind (the fields of other kinds stay empty)
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    K.TRAINING: PEOPLE,
    K.CONFERENCE: PEOPLE,
    K.PUBLICATION: ("languages", "print_run", "distribution"),
    K.BILLBOARD: (
        "place", "latitude", "longitude", "content", "installed_on", "maintained_on", "condition",
    ),
    K.EXHIBITION: PEOPLE,
    K.COMPETITION: ("place", "organiser", "results"),
    K.AWARD: ("organiser", "results"),
    K.CULTURAL: PEOPLE,
}  # fmt: skip
ALWAYS = ("title", "starts", "ends", "description")


class ActivityEditForm(ActivityForm):
    """An activity corrected: its unit and kind stay; the fields of its kind are shown, those
    the kind requires marked so."""

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, units=None, **kwargs)
        shown = (*ALWAYS, *KIND_FIELDS[kind])
        for name in list(self.fields):
            if name not in shown:
                del self.fields[name]
        for name in REQUIRED[kind]:
            self.fields[name].required = True
        self.order_fields(shown)


class AttachTaskForm(forms.Form):
    task = forms.TypedChoiceField(label=_("Nhiệm vụ trong kế hoạch"), coerce=int)

    def __init__(self, *args: Any, tasks: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tasks = {t.pk: t for t in tasks}
        self.fields["task"].choices = [(t.pk, f"{t.ref or t.order} · {t.text[:90]}") for t in tasks]


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Ảnh (JPEG, PNG)"))
    caption = forms.CharField(label=_("Chú thích"), max_length=255, required=False)


class CalendarFilterForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)
    month = forms.IntegerField(min_value=1, max_value=12, required=False)
    kind = forms.MultipleChoiceField(
        label=_("Loại"),
        required=False,
        choices=list(KINDS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    unit = forms.TypedChoiceField(label=_("Đơn vị"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, units: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [
            ("", _("Tất cả đơn vị được xem")),
            *((u.pk, u.name) for u in units),
        ]

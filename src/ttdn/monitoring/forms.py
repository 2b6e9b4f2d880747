"""Forms of press monitoring: a social-media export upload and a manual clipping."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.monitoring.models import Source, SourceKind

MAX_UPLOAD = 20 * 1024 * 1024


class ExportUploadForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Nguồn (tệp xuất mạng xã hội)"),
        queryset=Source.objects.filter(kind=SourceKind.SOCIAL, active=True),
    )
    file = forms.FileField(label=_("Tệp CSV hoặc JSON"))

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Tệp lớn hơn 20 MB."))
        if not upload.name.lower().endswith((".csv", ".json")):
            raise forms.ValidationError(_("Chỉ nhận tệp .csv hoặc .json."))
        return upload


class ClippingForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Nguồn (tin nhập tay)"),
        queryset=Source.objects.filter(kind=SourceKind.MANUAL, active=True),
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=500)
    url = forms.URLField(label=_("Địa chỉ (nếu có)"), required=False, assume_scheme="https")
    text = forms.CharField(
        label=_("Nội dung (dán văn bản; báo in, truyền hình: tóm tắt)"),
        widget=forms.Textarea(attrs={"rows": 8}),
    )

"""Forms of the CSDL's staff pages: they only shape input; rules live in the services."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ttdn.library.languages import content_languages, language_name
from ttdn.library.models import Category, ItemKind, ItemState, SecurityLevel

BODY_HELP = _(
    "Định dạng bằng thanh công cụ (đậm, nghiêng, tiêu đề, danh sách, trích dẫn, liên kết). "
    "Khi trình duyệt tắt JavaScript, ô này nhận HTML đơn giản. Mã script, thuộc tính sự kiện và "
    "thẻ không được phép bị loại bỏ khi lưu."
)


def toolbar_labels() -> dict[str, Any]:
    """The editor's words, in the reader's language: (visible label, accessible name) per button."""
    return {
        "toolbar": gettext("Định dạng nội dung"),
        "bold": [gettext("Đậm"), gettext("Đậm (Ctrl+B)")],
        "italic": [gettext("Nghiêng"), gettext("Nghiêng (Ctrl+I)")],
        "heading": [gettext("Tiêu đề"), gettext("Tiêu đề mục")],
        "list": [gettext("Danh sách"), gettext("Danh sách gạch đầu dòng")],
        "numbered": [gettext("Danh sách số"), gettext("Danh sách số thứ tự")],
        "quote": [gettext("Trích dẫn"), gettext("Trích dẫn một đoạn")],
        "link": [gettext("Liên kết"), gettext("Liên kết: chèn, sửa hoặc bỏ (Ctrl+K)")],
        "clear": [gettext("Bỏ định dạng"), gettext("Bỏ định dạng đoạn đã chọn")],
        "keys": gettext(
            "Bàn phím: Alt+F10 đến thanh công cụ, phím mũi tên chọn nút, Esc trở lại ô soạn thảo."
        ),
        "link_prompt": gettext(
            "Địa chỉ liên kết (https://…, http://… hoặc mailto:…). Để trống để bỏ liên kết."
        ),
        "link_invalid": gettext(
            "Địa chỉ liên kết phải bắt đầu bằng https://, http:// hoặc mailto:."
        ),
    }


class RichTextArea(forms.Textarea):
    """A textarea that `library/richtext.js` turns into a small editor (a toolbar over an
    editable area that writes clean HTML back into the textarea). Without JavaScript it stays a
    textarea of simple HTML; the services sanitise the body (nh3) either way."""

    class Media:
        css = {"all": ["library/richtext.css"]}
        js = ["library/richtext.js"]

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"rows": 12, "data-richtext": "", **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        labels = json.dumps(toolbar_labels(), ensure_ascii=False)
        context["widget"]["attrs"]["data-richtext-labels"] = labels
        return context


class ItemFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm (có dấu hoặc không dấu)"), required=False, max_length=200)
    state = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *ItemState.choices]
    )
    kind = forms.ChoiceField(
        label=_("Loại"), required=False, choices=[("", _("Tất cả")), *ItemKind.choices]
    )


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=ItemKind.choices)
    security_level = forms.ChoiceField(
        label=_("Độ mật"),
        choices=SecurityLevel.choices,
        help_text=_("Chỉ tin, bài công khai mới được đăng lên cổng thông tin."),
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    summary = forms.CharField(
        label=_("Tóm tắt"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(
        label=_("Nội dung"), required=False, widget=RichTextArea(), help_text=BODY_HELP
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Lĩnh vực"),
        queryset=Category.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = forms.CharField(
        label=_("Từ khóa"), required=False, help_text=_("Cách nhau bởi dấu phẩy.")
    )
    places = forms.CharField(label=_("Địa danh"), required=False, max_length=500)
    event_start = forms.DateField(label=_("Ngày sự kiện"), required=False)
    event_end = forms.DateField(label=_("Đến ngày"), required=False)
    source = forms.CharField(label=_("Nguồn"), required=False, max_length=300)
    author = forms.CharField(label=_("Tác giả"), required=False, max_length=200)
    licence = forms.CharField(label=_("Bản quyền, giấy phép"), required=False, max_length=200)
    video_url = forms.URLField(label=_("Đường dẫn video"), required=False, assume_scheme="https")

    def tag_names(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data.get("tags", "").split(",") if t.strip()]


class TranslationForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    summary = forms.CharField(
        label=_("Tóm tắt"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(
        label=_("Nội dung"), required=False, widget=RichTextArea(), help_text=BODY_HELP
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến trả lại"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class PublishForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Hẹn giờ xuất bản (để trống: xuất bản ngay)"),
        required=False,
        input_formats=["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class MediaForm(forms.Form):
    image = forms.FileField(label=_("Ảnh (JPEG, PNG, WebP, GIF)"))
    alt_text = forms.CharField(
        label=_("Mô tả ảnh cho người khiếm thị (alt)"), required=False, max_length=300
    )
    caption = forms.CharField(label=_("Chú thích"), required=False, max_length=500)


class AltTextForm(forms.Form):
    alt_text = forms.CharField(label=_("Mô tả ảnh (alt)"), max_length=300)
    caption = forms.CharField(label=_("Chú thích"), required=False, max_length=500)


def language_options() -> list[tuple[str, str]]:
    return [(code, language_name(code)) for code in content_languages()]

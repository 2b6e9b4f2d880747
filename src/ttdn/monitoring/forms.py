"""Forms of press monitoring: a social-media export upload, a manual clipping, a source, an alert
rule, a topic of the taxonomy. They only shape input; the services check the rules."""

from __future__ import annotations

import json
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.monitoring.models import Sentiment, Source, SourceKind
from ttdn.monitoring.nlp.language import LANGUAGES
from ttdn.monitoring.taxonomy import TopicEntry, TopicRule
from ttdn.press.countries import country_choices
from ttdn.units.models import Role, User

MAX_UPLOAD = 20 * 1024 * 1024
LANGUAGE_NAMES = {
    "vi": _("Tiếng Việt"),
    "en": _("Tiếng Anh"),
    "fr": _("Tiếng Pháp"),
    "zh": _("Tiếng Trung"),
    "lo": _("Tiếng Lào"),
    "km": _("Tiếng Khmer"),
}
_WEIGHTED = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*\|\s*(.*)$")


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
    title = forms.CharField(
        label=_("Tiêu đề"),
        max_length=500,
        required=False,
        help_text=_("Để trống khi chỉ nhập địa chỉ: máy lấy tiêu đề từ trang."),
    )
    url = forms.URLField(
        label=_("Địa chỉ (nếu có)"),
        required=False,
        assume_scheme="https",
        max_length=1000,
        help_text=_(
            "Chỉ nhập địa chỉ (không dán nội dung) thì máy tự lấy bài về: nội dung, tiêu đề, "
            "ngày đăng, tác giả."
        ),
    )
    text = forms.CharField(
        label=_("Nội dung (dán văn bản; báo in, truyền hình: tóm tắt)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("url"):
            raise forms.ValidationError(
                _("Cần dán nội dung tin, hoặc nhập địa chỉ để máy tự lấy nội dung.")
            )
        return data


def _language_choices() -> list[tuple[str, str]]:
    return [
        ("", _("Tự nhận theo nội dung")),
        *((code, f"{LANGUAGE_NAMES.get(code, code)} ({code})") for code in LANGUAGES),
    ]


class SourceForm(forms.Form):
    name = forms.CharField(label=_("Tên nguồn"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=SourceKind.choices,
        help_text=_(
            "RSS/Atom, trang web và sitemap được máy lấy tin theo chu kỳ; tệp xuất mạng xã "
            "hội được tải lên; tin nhập tay do cán bộ nhập."
        ),
    )
    url = forms.URLField(
        label=_("Địa chỉ"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=_("Bắt buộc với RSS/Atom, trang web, sitemap."),
    )
    outlet = forms.CharField(
        label=_("Cơ quan báo chí"),
        max_length=200,
        required=False,
        help_text=_("Ví dụ: Báo Nhân Dân, Đài Truyền hình Việt Nam, Reuters."),
    )
    country = forms.ChoiceField(label=_("Quốc gia"), initial="VN")
    language = forms.ChoiceField(
        label=_("Ngôn ngữ"),
        required=False,
        help_text=_("Để trống: máy tự nhận ngôn ngữ của từng tin."),
    )
    foreign = forms.BooleanField(
        label=_("Nguồn nước ngoài"),
        required=False,
        help_text=_("Tin tiêu cực từ nguồn nước ngoài được gắn cờ ưu tiên."),
    )
    poll_minutes = forms.IntegerField(
        label=_("Chu kỳ lấy tin (phút)"),
        initial=60,
        min_value=5,
        max_value=7 * 24 * 60,
        help_text=_("Từ 5 phút đến 7 ngày (10080 phút). Nguồn lỗi được thử lại thưa dần."),
    )
    active = forms.BooleanField(label=_("Đang theo dõi"), required=False, initial=True)
    fetch_pages = forms.BooleanField(
        label=_("Lấy toàn văn từng bài"),
        required=False,
        help_text=_("Với RSS/Atom: tóm tắt ngắn hơn 200 ký tự thì máy lấy cả trang bài viết."),
    )
    site_rules = forms.CharField(
        label=_("Quy tắc riêng của trang (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            'Để trống nếu không cần. Ví dụ: {"text_xpath": "//div[@class=\'noidung\']//p"} '
            'cho trang có bố cục đặc biệt; {"columns": {"text": "Nội dung"}} cho tệp xuất.'
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()
        self.fields["language"].choices = _language_choices()

    def clean_site_rules(self) -> dict[str, Any]:
        raw = (self.cleaned_data.get("site_rules") or "").strip()
        if not raw:
            return {}
        try:
            value = json.loads(raw)
        except ValueError as exc:
            raise forms.ValidationError(
                _("JSON không hợp lệ (dòng %(line)s, cột %(col)s)."),
                params={"line": getattr(exc, "lineno", "?"), "col": getattr(exc, "colno", "?")},
            ) from exc
        return value  # type: ignore[no-any-return]

    @classmethod
    def initial_of(cls, source: Source) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(source, name) for name in cls.base_fields}
        initial["site_rules"] = (
            json.dumps(source.site_rules, ensure_ascii=False) if source.site_rules else ""
        )
        return initial


def recipient_queryset() -> Any:
    """Who may receive alerts: active users who read the monitoring inbox."""
    return User.objects.filter(
        is_active=True, role__in=(Role.ADMIN, Role.COORDINATOR, Role.VIEWER)
    ).order_by("username")


class AlertRuleForm(forms.Form):
    name = forms.CharField(label=_("Tên cảnh báo"), max_length=200)
    topics = forms.MultipleChoiceField(
        label=_("Chủ đề"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Không chọn: mọi chủ đề. Chọn nhiều: tin thuộc một trong các chủ đề đó."),
    )
    sentiment = forms.ChoiceField(
        label=_("Sắc thái"),
        required=False,
        choices=[("", _("Mọi sắc thái")), *Sentiment.choices],
    )
    source = forms.ModelChoiceField(
        label=_("Nguồn"),
        required=False,
        queryset=Source.objects.order_by("name"),
        empty_label=_("Mọi nguồn"),
    )
    keywords = forms.CharField(
        label=_("Từ khóa (biểu thức)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            'Như quy tắc chủ đề: "cụm từ" trong ngoặc kép, từ đơn, * ở cuối để khớp tiền tố, '
            'AND, OR, NOT, ngoặc đơn. Ví dụ: ("ngư dân" OR fishermen) AND "trung quốc".'
        ),
    )
    priority_only = forms.BooleanField(
        label=_("Chỉ tin ưu tiên"),
        required=False,
        help_text=_("Tin tiêu cực về chủ đề nhạy cảm hoặc từ báo nước ngoài."),
    )
    recipients = forms.ModelMultipleChoiceField(
        label=_("Người nhận"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nhận thông báo trong phần mềm và thư điện tử, một lần cho mỗi câu chuyện."),
    )
    active = forms.BooleanField(label=_("Đang bật"), required=False, initial=True)

    def __init__(self, *args: Any, topics: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = topics
        self.fields["recipients"].queryset = recipient_queryset()


class TopicForm(forms.Form):
    code = forms.SlugField(
        label=_("Mã chủ đề"),
        max_length=50,
        help_text=_(
            "Chữ thường không dấu, số và dấu gạch nối, ví dụ: cang-bien. Không đổi được sau "
            "khi lưu (nhãn và quy tắc cảnh báo dùng mã này)."
        ),
    )
    name = forms.CharField(label=_("Tên chủ đề"), max_length=200)
    sensitive = forms.BooleanField(
        label=_("Chủ đề nhạy cảm"),
        required=False,
        help_text=_("Tin tiêu cực thuộc chủ đề nhạy cảm được gắn cờ ưu tiên."),
    )
    min_score = forms.FloatField(
        label=_("Điểm tối thiểu"),
        initial=2,
        min_value=0.1,
        max_value=100,
        help_text=_("Chủ đề được chọn khi tổng trọng số các quy tắc đúng đạt mức này."),
    )
    rules = forms.CharField(
        label=_("Quy tắc (mỗi dòng một quy tắc)"),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_(
            'Mỗi dòng: trọng số | biểu thức, ví dụ: 2 | "cảng biển" OR port*. Không ghi '
            'trọng số thì tính 1. Biểu thức: "cụm từ", từ đơn, * ở cuối để khớp tiền tố, AND, '
            "OR, NOT, ngoặc đơn; khớp cả từ, không phân biệt hoa thường."
        ),
    )
    base_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_rules(self) -> list[TopicRule]:
        rules = []
        for line in (self.cleaned_data.get("rules") or "").splitlines():
            if not line.strip():
                continue
            m = _WEIGHTED.match(line)
            if m:
                rules.append(TopicRule(m.group(2).strip(), float(m.group(1).replace(",", "."))))
            else:
                rules.append(TopicRule(line.strip(), 1.0))
        if not rules:
            raise forms.ValidationError(_("Cần ít nhất một quy tắc."))
        return rules

    @staticmethod
    def initial_of(topic: TopicEntry, version: int | None) -> dict[str, Any]:
        return {
            "code": topic.code,
            "name": topic.name,
            "sensitive": topic.sensitive,
            "min_score": topic.min_score,
            "rules": "\n".join(f"{r.weight:g} | {r.expression}" for r in topic.rules),
            "base_version": version,
        }

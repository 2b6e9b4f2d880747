"""Forms of the unit directory and the user's own settings (validation only, no writes)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from ttdn.units.models import Language, UnitKind


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm đơn vị"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Loại"), required=False, choices=[("", _("Tất cả")), *UnitKind.choices]
    )
    on = forms.DateField(
        label=_("Còn hiệu lực ngày"),
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )


class AliasForm(forms.Form):
    text = forms.CharField(label=_("Tên gọi khác"), max_length=255)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Ngôn ngữ giao diện"), choices=Language.choices)


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Tên mã truy cập"), max_length=100)
    expires_in_days = forms.IntegerField(
        label=_("Hiệu lực (ngày)"), min_value=1, max_value=730, initial=365
    )


class LoginForm(AuthenticationForm):
    """Django's sign-in form with our messages (Django's vi catalogue lacks these)."""

    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khóa. Hãy liên hệ quản trị hệ thống."),
    }

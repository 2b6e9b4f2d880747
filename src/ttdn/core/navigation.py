"""The main menu: one entry per module, in the order officials meet them in their year."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url_name: str | None  # None: the module is planned but not yet delivered


MODULES: tuple[NavItem, ...] = (
    NavItem("home", _("Tổng quan"), "home"),
    NavItem("plans", _("Kế hoạch và nhiệm vụ"), "plans:list"),
    NavItem("reporting", _("Báo cáo tiến độ"), "reporting:home"),
    NavItem("library", _("CSDL thông tin đối ngoại"), "library:items"),
    NavItem("monitoring", _("Giám sát báo chí"), "monitoring:inbox"),
    NavItem("press", _("Phóng viên và đoàn nước ngoài"), "press:visits"),
    NavItem("activities", _("Hoạt động"), "activities:list"),
    NavItem("units", _("Đơn vị"), "units:directory"),
)

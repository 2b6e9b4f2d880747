"""The main menu: one entry per module, in the order officials meet them in their year."""

from __future__ import annotations

from dataclasses import dataclass

import rules
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url_name: str | None  # None: the module is planned but not yet delivered
    perm: str = ""  # shown only to users with this permission ("" for everyone signed in)


MODULES: tuple[NavItem, ...] = (
    NavItem("home", _("Tổng quan"), "home"),
    NavItem("plans", _("Kế hoạch và nhiệm vụ"), "plans:list"),
    NavItem("reporting", _("Báo cáo tiến độ"), "reporting:home"),
    NavItem("library", _("CSDL thông tin đối ngoại"), "library:items"),
    NavItem("monitoring", _("Giám sát báo chí"), "monitoring:inbox", "monitoring.view"),
    NavItem("press", _("Phóng viên và đoàn nước ngoài"), "press:visits"),
    NavItem("activities", _("Hoạt động"), "activities:list"),
    NavItem("units", _("Đơn vị"), "units:directory"),
)


def modules_for(user: object) -> tuple[NavItem, ...]:
    """The menu of `user`: an entry whose module the user may not open is left out, rather than
    leading to a refusal. The rules' predicates are asked directly (they read the user's role),
    so the menu costs no query, where `user.has_perm` would also read Django's permission tables."""
    if not getattr(user, "is_authenticated", False):
        return tuple(m for m in MODULES if not m.perm)
    return tuple(m for m in MODULES if not m.perm or rules.has_perm(m.perm, user))

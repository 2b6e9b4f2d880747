"""Template context shared by every page: the navigation and the active module."""

from __future__ import annotations

from django.http import HttpRequest

from ttdn.core.navigation import MODULES


def navigation(request: HttpRequest) -> dict[str, object]:
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    current = namespace or (match.url_name if match else "")
    return {"nav_modules": MODULES, "nav_current": current}

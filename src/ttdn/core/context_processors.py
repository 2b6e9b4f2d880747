"""Template context shared by every page: the navigation, the active module and, for a
signed-in person, how many notifications they have not read."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from ttdn.core.navigation import modules_for
from ttdn.notifications.selectors import unread_count


def navigation(request: HttpRequest) -> dict[str, object]:
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    current = namespace or (match.url_name if match else "")
    user = getattr(request, "user", None)
    context: dict[str, object] = {"nav_modules": modules_for(user), "nav_current": current}
    if user is not None and user.is_authenticated:
        # Lazy: one query, only when a page shows the count (not for HTMX fragments).
        context["unread_notifications"] = SimpleLazyObject(lambda: unread_count(user=user))
    return context

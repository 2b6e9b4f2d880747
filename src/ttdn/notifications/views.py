"""Pages of a person's notifications: the list, opening one (marks it read, then goes to its
page) and marking all read. Thin: selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ttdn.notifications import selectors, services

PER_PAGE = 50


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for_user(user=request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    for notification in page:
        notification.kind_label = selectors.KIND_LABELS.get(notification.kind, notification.kind)
    return render(request, "notifications/list.html", {"page": page})


def local_url(url: str, request: HttpRequest) -> bool:
    """Only a path on this site ("/reporting/…"): never another host, never a scheme."""
    return (
        url.startswith("/")
        and not url.startswith("//")
        and "\\" not in url
        and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})
    )


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    notification = selectors.notification_get_for_user(user=request.user, pk=pk)
    services.notification_mark_read(user=request.user, ids=[notification.pk])
    if notification.url and local_url(notification.url, request):
        return redirect(notification.url)
    return redirect(reverse("notifications:list"))


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "Đã đánh dấu %(count)d thông báo là đã đọc.",
            "Đã đánh dấu %(count)d thông báo là đã đọc.",
            count,
        )
        % {"count": count},
    )
    return redirect("notifications:list")

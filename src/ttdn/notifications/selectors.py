"""Reads of notifications: a person sees their own, and nobody else's."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ttdn.core.errors import NotFound
from ttdn.notifications.models import Notification

KIND_LABELS = {
    "due_soon": _("Sắp đến hạn"),
    "overdue": _("Quá hạn"),
    "deadline": _("Hạn báo cáo"),
    "digest": _("Tổng hợp tuần"),
    "report": _("Báo cáo"),
    "reminder": _("Văn bản đôn đốc"),
}


def notifications_for_user(*, user: Any) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def notification_get_for_user(*, user: Any, pk: int) -> Notification:
    notification = Notification.objects.filter(user=user, pk=pk).first()
    if notification is None:
        raise NotFound("Không tìm thấy thông báo.")
    return notification


def unread_count(*, user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()

"""Send notifications: in-app rows plus one e-mail per person per call, each event at most once.

`notify` is idempotent by `key`: calling it again for the same event and person does nothing,
so a job that runs twice, a worker retried after a crash or a double click never sends twice.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from ttdn.notifications.models import Notification
from ttdn.units.models import Role, Unit, User

logger = logging.getLogger(__name__)

UNIT_WORKERS = (Role.UNIT_OFFICER, Role.UNIT_LEADER)


@dataclass(frozen=True)
class Message:
    key: str  # the event, e.g. "due:812:2026-09-30:7"
    kind: str  # "due_soon" | "overdue" | "deadline" | "digest" | "report" | "reminder"
    title: str
    body: str = ""
    url: str = ""


def unit_recipients(unit_ids: Iterable[int], roles: Sequence[str] = UNIT_WORKERS) -> QuerySet[User]:
    """Active accounts of the units (not their sub-units: each unit answers for its own work)."""
    return User.objects.filter(unit_id__in=set(unit_ids), role__in=roles, is_active=True)


def unit_members(
    unit_ids: Iterable[int], roles: Sequence[str] = UNIT_WORKERS, *, max_up: int = 3
) -> dict[int, list[User]]:
    """Who answers for each unit: its own active officers and leaders; for a unit without
    accounts (a centre under a department), those of the nearest unit above it that has some,
    so a sub-unit's reminders reach the people who report for it. One query per level."""
    people: dict[int, list[User]] = {unit_id: [] for unit_id in set(unit_ids)}
    # unit whose members we look for → the units asked about that it answers for
    asking: dict[int, set[int]] = {unit_id: {unit_id} for unit_id in people}
    for _level in range(max_up + 1):
        if not asking:
            break
        found: dict[int, list[User]] = defaultdict(list)
        for user in unit_recipients(asking, roles).order_by("pk"):
            found[user.unit_id].append(user)
        missing = {unit_id: origins for unit_id, origins in asking.items() if unit_id not in found}
        for unit_id, origins in asking.items():
            for origin in origins if unit_id in found else ():
                people[origin] = found[unit_id]
        parents = Unit.objects.filter(pk__in=missing, parent__isnull=False).values_list(
            "pk", "parent_id"
        )
        asking = defaultdict(set)
        for unit_id, parent_id in parents:
            asking[parent_id] |= missing[unit_id]
    return people


def role_recipients(roles: Sequence[str]) -> QuerySet[User]:
    return User.objects.filter(role__in=roles, is_active=True)


def notify(*, users: Iterable[Any], messages: Sequence[Message], email: bool = True) -> int:
    """Create the notifications not sent before and e-mail each person what is new for them.

    Returns how many notifications were created. The e-mail goes after the transaction commits,
    so a rolled-back action sends nothing.
    """
    created: dict[int, list[Notification]] = {}
    for user in users:
        for message in messages:
            try:
                with transaction.atomic():
                    row = Notification.objects.create(
                        user=user,
                        key=message.key[:200],
                        kind=message.kind,
                        title=message.title[:255],
                        body=message.body,
                        url=message.url[:500],
                    )
            except IntegrityError:
                continue  # already sent for this event
            created.setdefault(user.pk, []).append(row)
    if email and created:
        people = {u.pk: u for u in User.objects.filter(pk__in=created, is_active=True)}
        transaction.on_commit(lambda: _email(people, created))
    return sum(len(rows) for rows in created.values())


def _email(people: dict[int, User], created: dict[int, list[Notification]]) -> None:
    batch = []
    sent: list[int] = []
    for user_id, rows in created.items():
        user = people.get(user_id)
        if user is None or not user.email:
            continue
        subject = rows[0].title if len(rows) == 1 else f"[TTĐN] {len(rows)} thông báo mới"
        parts = [f"Kính gửi {user.display_name},", ""]
        for row in rows:
            parts.append(f"- {row.title}")
            if row.body:
                parts.extend(f"  {line}" for line in row.body.splitlines())
            if row.url:
                parts.append(f"  {settings.TTDN_SITE_URL.rstrip('/')}{row.url}")
        parts += ["", "Thư này do hệ thống TTĐN gửi tự động; vui lòng không trả lời."]
        batch.append((subject, "\n".join(parts), settings.DEFAULT_FROM_EMAIL, [user.email]))
        sent.extend(row.pk for row in rows)
    if not batch:
        return
    try:
        send_mass_mail(batch, fail_silently=False)
    except Exception:  # the mail server is down: the action itself has already committed
        # The in-app notifications stand; `emailed_at` stays empty, so what was not mailed
        # can be told from the database.
        logger.exception("Không gửi được %d thư thông báo", len(batch))
        return
    Notification.objects.filter(pk__in=sent).update(emailed_at=timezone.now())


def notification_mark_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the user's own notifications read (all when `ids` is None)."""
    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())

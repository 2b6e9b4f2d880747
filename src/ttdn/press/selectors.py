"""Reads of the press module, scoped to the units the user may see; a record of another unit
answers "not found"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from ttdn.core.errors import NotFound
from ttdn.press.models import (
    Delegation,
    FollowUp,
    PressEvent,
    ProgrammeItem,
    Reporter,
    Visit,
)
from ttdn.units.models import Unit
from ttdn.units.selectors import unit_scope_ids


def _scoped(queryset: QuerySet[Any], user: Any, *, accompanying: bool = False) -> QuerySet[Any]:
    scope = unit_scope_ids(user)
    if scope is None:
        return queryset
    condition = Q(unit_id__in=scope)
    if accompanying:
        condition |= Q(accompanying_units__in=scope)
    return queryset.filter(condition).distinct()


def visits_for_user(
    *,
    user: Any,
    status: str = "",
    q: str = "",
    starts_from: dt.date | None = None,
    starts_to: dt.date | None = None,
) -> QuerySet[Visit]:
    visits = _scoped(Visit.objects.select_related("unit"), user, accompanying=True)
    if status:
        visits = visits.filter(status=status)
    if q:
        visits = visits.filter(Q(title__icontains=q) | Q(reporters__outlet__icontains=q)).distinct()
    if starts_from:
        visits = visits.filter(ends__gte=starts_from)
    if starts_to:
        visits = visits.filter(starts__lte=starts_to)
    return visits.prefetch_related("reporters").order_by("-starts", "-pk")


def visit_get_for_user(*, user: Any, pk: int) -> Visit:
    visit = (
        _scoped(Visit.objects.select_related("unit", "created_by"), user, accompanying=True)
        .prefetch_related(
            "reporters",
            "accompanying_units",
            Prefetch("programme", ProgrammeItem.objects.order_by("day", "starts_at", "pk")),
            Prefetch("follow_ups", FollowUp.objects.order_by("-published_on", "-pk")),
        )
        .filter(pk=pk)
        .first()
    )
    if visit is None:
        raise NotFound("Không tìm thấy đoàn phóng viên.")
    return visit


def reporters_search(*, q: str = "") -> QuerySet[Reporter]:
    """The reporter register is read by every signed-in official (it holds no unit's work)."""
    reporters = Reporter.objects.all()
    if q:
        reporters = reporters.filter(Q(full_name__icontains=q) | Q(outlet__icontains=q))
    return reporters.order_by("full_name", "pk")


def delegations_for_user(*, user: Any, direction: str = "") -> QuerySet[Delegation]:
    rows = _scoped(Delegation.objects.select_related("unit"), user)
    if direction:
        rows = rows.filter(direction=direction)
    return rows.prefetch_related("agreements").order_by("-starts", "-pk")


def delegation_get_for_user(*, user: Any, pk: int) -> Delegation:
    row = delegations_for_user(user=user).filter(pk=pk).first()
    if row is None:
        raise NotFound("Không tìm thấy đoàn công tác.")
    return row


def press_events_for_user(*, user: Any, kind: str = "") -> QuerySet[PressEvent]:
    rows = _scoped(PressEvent.objects.select_related("unit"), user)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.prefetch_related("follow_ups").order_by("-starts_at", "-pk")


def press_event_get_for_user(*, user: Any, pk: int) -> PressEvent:
    row = press_events_for_user(user=user).filter(pk=pk).first()
    if row is None:
        raise NotFound("Không tìm thấy sự kiện báo chí.")
    return row


def units_kept_by(*, user: Any) -> list[Unit]:
    """The units a user may record visits, delegations, events and activities for."""
    from ttdn.press.rules import WORKERS
    from ttdn.units.rules import is_admin
    from ttdn.units.selectors import unit_subtree_ids

    units = Unit.objects.order_by("name")
    if is_admin(user):
        return list(units)
    if not user.is_authenticated or user.unit_id is None or user.role not in WORKERS:
        return []
    return list(units.filter(pk__in=unit_subtree_ids(user.unit_id)))

"""Reads of units and users, scoped to what the asking user's unit may see."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from ttdn.core.errors import NotFound
from ttdn.text.normalize import fold
from ttdn.units.models import Unit, UnitSuccession, User


def unit_subtree_ids(unit_id: int) -> set[int]:
    """The unit and all units below it; one query per level of depth."""
    found = {unit_id}
    frontier = {unit_id}
    while frontier:
        frontier = set(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        frontier -= found
        found |= frontier
    return found


def unit_scope_ids(user: Any) -> set[int] | None:
    """Units whose unit-scoped rows the user may read; None means every unit."""
    from ttdn.units.rules import sees_every_unit

    if sees_every_unit(user):
        return None
    if not user.is_authenticated or user.unit_id is None:
        return set()
    return unit_subtree_ids(user.unit_id)


def units_search(
    *, q: str = "", kind: str = "", on: dt.date | None = None, province: str = ""
) -> QuerySet[Unit]:
    """The unit directory: any signed-in official may read it (names are public facts)."""
    units = Unit.objects.select_related("parent").order_by("name")
    for token in fold(q).split():
        units = units.filter(search_key__contains=token)
    if kind:
        units = units.filter(kind=kind)
    if province:
        units = units.filter(province=province)
    if on is not None:
        units = units.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        units = units.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    return units


def unit_get(*, pk: int) -> Unit:
    unit = (
        Unit.objects.select_related("parent")
        .prefetch_related(
            "aliases",
            "children",
            Prefetch("successions_in", UnitSuccession.objects.select_related("predecessor")),
            Prefetch("successions_out", UnitSuccession.objects.select_related("successor")),
        )
        .filter(pk=pk)
        .first()
    )
    if unit is None:
        raise NotFound("Không tìm thấy đơn vị.")
    return unit


def unit_get_for_user(*, user: Any, pk: int, perm: str = "") -> Unit:
    """The unit if `user` holds `perm` on it; "not found" otherwise, so ids leak nothing."""
    unit = unit_get(pk=pk)
    if perm and not user.has_perm(perm, unit):
        raise NotFound("Không tìm thấy đơn vị.")
    return unit


def unit_members_for_user(*, user: Any, pk: int) -> tuple[Unit, QuerySet[User]]:
    unit = unit_get_for_user(user=user, pk=pk, perm="units.view_unit_members")
    members = User.objects.filter(unit=unit, is_active=True).order_by("full_name", "username")
    return unit, members


def unit_tree(*, on: dt.date | None = None) -> list[tuple[Unit, int]]:
    """Units in depth-first order with their depth, for the directory tree (one query)."""
    units = list(units_search(on=on))
    children: dict[int | None, list[Unit]] = {}
    ids = {unit.pk for unit in units}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in ids else None
        children.setdefault(parent, []).append(unit)
    ordered: list[tuple[Unit, int]] = []
    stack = [(unit, 0) for unit in reversed(children.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        ordered.append((unit, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(unit.pk, [])))
    return ordered


def unit_lineage(*, unit: Unit) -> dict[str, list[UnitSuccession]]:
    """Direct predecessors and successors of a unit with the kind and date of each change."""
    return {
        "predecessors": list(unit.successions_in.all()),
        "successors": list(unit.successions_out.all()),
    }


def unit_current_successors(*, unit: Unit, on: dt.date) -> list[Unit]:
    """Follow succession links until units valid on `on`: who does this unit's work today."""
    seen: set[int] = set()
    frontier = [unit]
    current: list[Unit] = []
    while frontier:
        item = frontier.pop()
        if item.pk in seen:
            continue
        seen.add(item.pk)
        if item.is_valid_on(on):
            current.append(item)
            continue
        frontier.extend(link.successor for link in item.successions_out.select_related("successor"))
    return sorted(current, key=lambda u: u.name)

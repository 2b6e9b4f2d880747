"""Permissions of the press module (django-rules).

A record belongs to its host unit: that unit's officers and leader (sub-units included) keep it,
the leader records the decision on a visit, the units that accompany a visit read it; those who
follow every unit (administrators, the coordinating agency, leadership) read everything, and
administrators may correct anything.
"""

from __future__ import annotations

from typing import Any

import rules

from ttdn.units.models import Role, Unit
from ttdn.units.rules import is_admin, is_own_unit, sees_every_unit

WORKERS = (Role.UNIT_OFFICER, Role.UNIT_LEADER, Role.COORDINATOR, Role.ADMIN)


def unit_of(obj: Any) -> Unit | None:
    return obj if isinstance(obj, Unit) else getattr(obj, "unit", None)


@rules.predicate
def owns(user: Any, obj: Any) -> bool:
    return bool(user.is_authenticated and is_own_unit(user, unit_of(obj)))


@rules.predicate
def works_for_owner(user: Any, obj: Any) -> bool:
    return bool(user.is_authenticated and user.role in WORKERS and owns(user, obj))


@rules.predicate
def leads_owner(user: Any, obj: Any) -> bool:
    return bool(user.is_authenticated and user.role == Role.UNIT_LEADER and owns(user, obj))


@rules.predicate
def accompanies(user: Any, obj: Any) -> bool:
    units = getattr(obj, "accompanying_units", None)
    if units is None or not user.is_authenticated:
        return False
    return any(is_own_unit(user, unit) for unit in units.all())


rules.add_perm("press.view_record", sees_every_unit | owns | accompanies)
rules.add_perm("press.keep_record", is_admin | works_for_owner)  # obj: a record or its unit
rules.add_perm("press.decide_visit", is_admin | leads_owner)

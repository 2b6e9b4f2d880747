"""Permission predicates (django-rules): who may do what to which unit.

Object permissions are checked inside services and selectors; views never decide access.
"""

from __future__ import annotations

from typing import Any

import rules

from ttdn.units.models import Role, Unit


@rules.predicate
def is_admin(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role == Role.ADMIN))


@rules.predicate
def is_coordinator(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == Role.COORDINATOR)


@rules.predicate
def is_viewer(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == Role.VIEWER)


@rules.predicate
def is_unit_leader(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == Role.UNIT_LEADER)


@rules.predicate
def is_own_unit(user: Any, unit: Unit | None) -> bool:
    """The unit is the user's own unit or one of its sub-units."""
    if unit is None or not user.is_authenticated or user.unit_id is None:
        return False
    from ttdn.units.selectors import unit_subtree_ids

    return unit.pk in unit_subtree_ids(user.unit_id)


sees_every_unit = is_admin | is_coordinator | is_viewer
manages_directory = is_admin | is_coordinator

rules.add_perm("units.view_unit_members", sees_every_unit | is_own_unit)
rules.add_perm("units.change_unit", manages_directory | (is_unit_leader & is_own_unit))
rules.add_perm("units.view_unit_history", manages_directory | (is_unit_leader & is_own_unit))
rules.add_perm("units.reorganise_units", manages_directory)
rules.add_perm("units.load_units", manages_directory)

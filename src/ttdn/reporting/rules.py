"""Permissions of task tracking and reporting (django-rules).

A unit's officers and leader work on their unit's items and reports (sub-units included, as
everywhere); the leader alone approves; the coordinating agency (and administrators) define
periods, accept or return reports, send reminders and see the dashboard; the province's
leaders (viewer) read everything and change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rules

from ttdn.units.models import Role, Unit
from ttdn.units.rules import is_admin, is_coordinator, is_own_unit, sees_every_unit


@dataclass(frozen=True)
class UnitRef:
    """A unit seen as an object it owns, for the `unit`-based predicates below."""

    unit: Unit


@rules.predicate
def works_for_unit(user: Any, obj: Any) -> bool:
    """Officer, leader or coordinator of the unit that owns `obj` (a work item, an update's
    work item, a unit report)."""
    if not user.is_authenticated or user.role not in (
        Role.UNIT_OFFICER,
        Role.UNIT_LEADER,
        Role.COORDINATOR,
        Role.ADMIN,
    ):
        return False
    return bool(is_own_unit(user, getattr(obj, "unit", None)))


@rules.predicate
def leads_unit(user: Any, obj: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.role == Role.UNIT_LEADER
        and is_own_unit(user, getattr(obj, "unit", None))
    )


@rules.predicate
def sees_unit(user: Any, obj: Any) -> bool:
    return bool(sees_every_unit(user) or is_own_unit(user, getattr(obj, "unit", None)))


coordinates = is_admin | is_coordinator

rules.add_perm("reporting.view_item", sees_unit)  # a work item, its updates, a unit report
rules.add_perm("reporting.update_item", works_for_unit)
rules.add_perm("reporting.prepare_report", works_for_unit)
rules.add_perm("reporting.approve_report", leads_unit)
rules.add_perm("reporting.review_report", coordinates)
rules.add_perm("reporting.manage_periods", coordinates)
rules.add_perm("reporting.view_dashboard", sees_every_unit)
rules.add_perm("reporting.send_reminder", coordinates)
rules.add_perm("reporting.manage_templates", coordinates)
rules.add_perm("reporting.compile_province_report", coordinates)

"""Who may read and who may write a compiled report: the province report is the coordinating
agency's (read by everyone who sees every unit), a unit's report is that unit's (read by whoever
may see the unit's reports)."""

from __future__ import annotations

from typing import Any

from ttdn.reporting.rules import UnitRef
from ttdn.units.models import Unit
from ttdn.units.services import require_perm


def report_require_view(user: Any, unit: Unit | None) -> None:
    """Raise PermissionDenied unless `user` may read the province report (`unit` None) or
    `unit`'s report."""
    if unit is None:
        require_perm(user, "reporting.view_dashboard")
    else:
        require_perm(user, "reporting.view_item", UnitRef(unit))


def report_require_edit(user: Any, unit: Unit | None) -> None:
    """Raise PermissionDenied unless `user` may word the province report (the coordinating
    agency) or `unit`'s report (its officers and leader)."""
    if unit is None:
        require_perm(user, "reporting.compile_province_report")
    else:
        require_perm(user, "reporting.prepare_report", UnitRef(unit))


def report_can_edit(user: Any, unit: Unit | None) -> bool:
    if unit is None:
        return bool(user.has_perm("reporting.compile_province_report"))
    return bool(user.has_perm("reporting.prepare_report", UnitRef(unit)))

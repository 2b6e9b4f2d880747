"""Permissions of press monitoring: the coordinating agency (and administrators) run it; the
province's leaders read it."""

from __future__ import annotations

import rules

from ttdn.units.rules import is_admin, is_coordinator, sees_every_unit

monitors = is_admin | is_coordinator

rules.add_perm("monitoring.view", sees_every_unit)
rules.add_perm("monitoring.manage_sources", monitors)
# Alert rules and the topic taxonomy: the same officers as the sources.
rules.add_perm("monitoring.manage_rules", monitors)
rules.add_perm("monitoring.label", monitors)
rules.add_perm("monitoring.train", monitors)


@rules.predicate
def works_on_case(user: object, case: object) -> bool:
    """An officer or leader of the unit a response case is assigned to (sub-units included)."""
    from ttdn.units.models import Role
    from ttdn.units.rules import is_own_unit

    role = getattr(user, "role", None)
    return role in (Role.UNIT_OFFICER, Role.UNIT_LEADER) and bool(
        is_own_unit(user, getattr(case, "unit", None))
    )


rules.add_perm("monitoring.open_case", monitors)
rules.add_perm("monitoring.work_case", monitors | works_on_case)
rules.add_perm("monitoring.view_case", sees_every_unit | works_on_case)

"""Permissions of press monitoring: the coordinating agency (and administrators) run it; the
province's leaders read it."""

from __future__ import annotations

import rules

from ttdn.units.rules import is_admin, is_coordinator, sees_every_unit

monitors = is_admin | is_coordinator

rules.add_perm("monitoring.view", sees_every_unit)
rules.add_perm("monitoring.manage_sources", monitors)
rules.add_perm("monitoring.label", monitors)
rules.add_perm("monitoring.train", monitors)

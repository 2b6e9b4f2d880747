"""Permissions of the activities registry: the unit that carried an activity out keeps it (its
officers and leader, sub-units included), administrators correct anything, those who follow
every unit read everything. The press module's predicates say the same for its records."""

from __future__ import annotations

import rules

from ttdn.press.rules import owns, works_for_owner
from ttdn.units.rules import is_admin, sees_every_unit

rules.add_perm("activities.view_activity", sees_every_unit | owns)
rules.add_perm("activities.keep_activity", is_admin | works_for_owner)  # obj: activity or unit

"""Permissions of the plan register: coordinators and admins import; every official reads.

Every unit works from the register (its own tasks and the tasks it supports), so plans and
tasks are readable by any signed-in user; writes are scoped here.
"""

from __future__ import annotations

import rules

from ttdn.units.rules import is_admin, is_coordinator

rules.add_perm("plans.import_plan", is_admin | is_coordinator)
rules.add_perm("plans.view_plan", rules.is_authenticated)
rules.add_perm("plans.hold_task", is_admin | is_coordinator)

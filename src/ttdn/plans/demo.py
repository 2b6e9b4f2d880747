"""The demo plan (`ttdn demo`): Quảng Trị's 2026 foreign-information plan, written for the demo.

Idempotent: the same file is not imported twice; an edited file replaces the earlier import.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ttdn.plans.models import Plan
from ttdn.plans.services import plan_import_file

DEMO_PLAN_FILE = Path(__file__).parent / "fixtures" / "demo_plan.txt"


def demo_plan_load() -> tuple[Plan, bool]:
    """The demo plan and whether this call imported it."""
    data = DEMO_PLAN_FILE.read_bytes()
    existing = Plan.objects.filter(source_sha256=hashlib.sha256(data).hexdigest()).first()
    if existing is not None:
        return existing, False
    plan = plan_import_file(user=None, data=data, filename=DEMO_PLAN_FILE.name, replace=True)
    return plan, True

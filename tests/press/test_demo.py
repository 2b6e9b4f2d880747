"""`ttdn demo`'s press and activities part loads through the services, once."""

from __future__ import annotations

from ttdn.activities.demo import demo_activities_load
from ttdn.activities.models import Activity
from ttdn.press.demo import demo_press_load
from ttdn.press.models import Delegation, PressEvent, Visit, VisitStatus
from ttdn.units.demo import demo_load


def test_demo_loads_once(db: None) -> None:
    demo_load()
    assert demo_press_load() == (True, 9)
    assert demo_activities_load() == (True, 8)
    assert demo_press_load() == (False, 9)
    assert demo_activities_load() == (False, 8)
    assert sorted(Visit.objects.values_list("status", flat=True)) == sorted(
        [VisitStatus.FINISHED, VisitStatus.APPROVED, VisitStatus.PROPOSED]
    )
    assert (Delegation.objects.count(), PressEvent.objects.count(), Activity.objects.count()) == (
        2,
        4,
        8,
    )
    nhk = Visit.objects.get(title__startswith="Phóng viên NHK")
    assert (nhk.decision_document, nhk.reported_on.isoformat()) == ("3120/UBND-NC", "2026-09-18")

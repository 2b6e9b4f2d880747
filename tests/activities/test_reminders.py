"""Calendar reminders: the host unit hears of a visit, an answer due, a press event before the
date, at each threshold once."""

from __future__ import annotations

import datetime as dt

from tests.conftest import World
from tests.press.conftest import visit_args
from ttdn.activities.reminders import calendar_reminders
from ttdn.notifications.models import Notification
from ttdn.press.services import visit_create
from ttdn.units.models import Role


def test_reminders_before_dates_are_sent_once(world: World, settings: object) -> None:
    settings.TTDN_REMINDER_DAYS = [7, 1]  # type: ignore[attr-defined]
    visit = visit_create(**visit_args(world))  # starts 11/5/2026, answer due 7/5/2026
    assert calendar_reminders(today=dt.date(2026, 5, 4)) == 4  # officer + leader × 2 events
    titles = sorted(
        Notification.objects.filter(user=world.users[Role.UNIT_OFFICER]).values_list(
            "title", flat=True
        )
    )
    assert titles == [
        f"Hạn trả lời đề nghị của đoàn “{visit.title}”: còn 3 ngày (07/05/2026)",
        f"Đoàn phóng viên “{visit.title}” bắt đầu: còn 7 ngày (11/05/2026)",
    ]
    assert calendar_reminders(today=dt.date(2026, 5, 4)) == 0  # the same day again: nothing
    assert calendar_reminders(today=dt.date(2026, 5, 5)) == 0  # still within the 7-day threshold
    assert calendar_reminders(today=dt.date(2026, 5, 10)) == 2  # the 1-day reminder of the start
    assert Notification.objects.filter(user=world.users[Role.VIEWER]).count() == 0

"""Who answers for a unit (its own officers and leaders, or those of the nearest unit above),
and what happens when the mail server is down."""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.factories import UnitFactory, UserFactory
from ttdn.notifications.models import Notification
from ttdn.notifications.services import Message, notify, unit_members
from ttdn.units.models import Role


def test_units_without_accounts_are_answered_for_by_the_unit_above(world: World) -> None:
    second_centre = UnitFactory(code="T-SNGV-TT2", name="Trung tâm thứ hai", parent=world.fa_centre)
    police_officer = UserFactory(username="ca1", role=Role.UNIT_OFFICER, unit=world.police)
    UserFactory(username="ca-viewer", role=Role.VIEWER, unit=world.police)  # not a reporter
    fa_people = {world.users["unit_officer"].pk, world.users["unit_leader"].pk}
    members = unit_members([world.fa_centre.pk, second_centre.pk, world.police.pk])
    assert {u.pk for u in members[world.fa_centre.pk]} == fa_people
    assert {u.pk for u in members[second_centre.pk]} == fa_people  # two levels up
    assert [u.pk for u in members[world.police.pk]] == [police_officer.pk]
    leaders = unit_members([world.fa_centre.pk], roles=(Role.UNIT_LEADER,))
    assert [u.username for u in leaders[world.fa_centre.pk]] == ["leader"]


def test_a_unit_with_nobody_up_the_line_has_no_one(world: World) -> None:
    lone = UnitFactory(code="T-LE", name="Đơn vị chưa có tài khoản")
    assert unit_members([lone.pk]) == {lone.pk: []}


def test_a_mail_server_down_keeps_the_notification_and_the_action(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any, caplog: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    officer = world.users["unit_officer"]
    officer.email = "canbo@songv.example"
    officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        created = notify(users=[officer], messages=[Message("k:1", "report", "Thử")])
    assert created == 1
    row = Notification.objects.get(user=officer)
    assert (row.title, row.emailed_at) == ("Thử", None)
    assert "Không gửi được 1 thư thông báo" in caplog.text

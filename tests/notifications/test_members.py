"""Who answers for a unit: its own officers and leaders, or those of the nearest unit above."""

from __future__ import annotations

from tests.conftest import World
from tests.factories import UnitFactory, UserFactory
from ttdn.notifications.services import unit_members
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

"""The 2025 reorganisation as data: merged provinces, the Sở TTTT split of duties, dated lookups."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings

from ttdn.units.demo import DEMO_ACCOUNTS, demo_load
from ttdn.units.models import Unit, UnitSuccession, User
from ttdn.units.resolution import unit_resolve
from ttdn.units.selectors import unit_current_successors
from ttdn.units.services import unit_succession_add


@pytest.fixture
def demo(db) -> None:  # type: ignore[no-untyped-def]
    demo_load()


def _codes(units: list[Unit]) -> list[str]:
    return [unit.code for unit in units]


def test_province_merge_links_both_old_provinces(demo) -> None:  # type: ignore[no-untyped-def]
    new = Unit.objects.get(code="QT-UBND")
    links = UnitSuccession.objects.filter(successor=new).order_by("predecessor__code")
    assert [(link.predecessor.code, link.kind, link.effective_date) for link in links] == [
        ("QB-UBND", "merge", dt.date(2025, 7, 1)),
        ("QT0-UBND", "merge", dt.date(2025, 7, 1)),
    ]
    assert Unit.objects.get(code="QB-UBND").valid_to == dt.date(2025, 6, 30)


def test_old_department_leads_to_its_successors_today(demo) -> None:  # type: ignore[no-untyped-def]
    old = Unit.objects.get(code="QB-STTTT")
    assert _codes(unit_current_successors(unit=old, on=dt.date(2026, 1, 1))) == [
        "QT-SKHCN",
        "QT-SVHTTDL",
    ]
    assert _codes(unit_current_successors(unit=old, on=dt.date(2024, 1, 1))) == ["QB-STTTT"]
    assert _codes(unit_current_successors(unit=old, on=dt.date(2025, 4, 1))) == [
        "QB-SKHCN",
        "QB-SVHTTDL",
    ]


def test_press_merge_of_four_bodies(demo) -> None:  # type: ignore[no-untyped-def]
    merged = Unit.objects.get(code="QT-BPTTH")
    assert sorted(merged.successions_in.values_list("predecessor__code", flat=True)) == [
        "QB-BAO",
        "QB-DAI",
        "QT0-BAO",
        "QT0-DAI",
    ]


def test_dated_resolution_of_old_and_new_units(demo) -> None:  # type: ignore[no-untyped-def]
    old = unit_resolve(text="Sở TT&TT", province="Quảng Bình", on=dt.date(2023, 12, 27))
    assert (old.status, old.best.code if old.best else None) == ("resolved", "QB-STTTT")
    before = unit_resolve(text="Sở Ngoại vụ", province="Quảng Trị", on=dt.date(2024, 5, 1))
    assert before.best is not None and before.best.code == "QT0-SNGV"
    after = unit_resolve(text="Sở Ngoại vụ", province="Quảng Trị", on=dt.date(2026, 5, 1))
    assert after.best is not None and after.best.code == "QT-SNGV"


def test_demo_is_idempotent(demo) -> None:  # type: ignore[no-untyped-def]
    counts = (Unit.objects.count(), UnitSuccession.objects.count(), User.objects.count())
    demo_load()
    assert (Unit.objects.count(), UnitSuccession.objects.count(), User.objects.count()) == counts
    assert counts[2] == len(DEMO_ACCOUNTS)
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(username=account.username)
        assert (user.role, user.unit.code) == (account.role, account.unit_code)


@override_settings(DEBUG=False)
def test_demo_command_refuses_production(db, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        call_command("demo")
    assert "chỉ nạp khi TTDN_DEBUG=1" in capsys.readouterr().err
    assert Unit.objects.count() == 0


def test_succession_service_ends_predecessor_and_is_audited(world) -> None:  # type: ignore[no-untyped-def]
    coordinator = world.users["coordinator"]
    [link] = unit_succession_add(
        actor=coordinator,
        predecessors=[world.fa_centre],
        successor=world.foreign_affairs,
        kind="merge",
        effective_date=dt.date(2026, 7, 1),
        decision="QĐ 12/QĐ-UBND",
    )
    world.fa_centre.refresh_from_db()
    assert world.fa_centre.valid_to == dt.date(2026, 6, 30)
    assert link.history.first().history_user == coordinator
    assert world.fa_centre.history.first().history_user == coordinator


def test_succession_service_refuses_unit_officer(world) -> None:  # type: ignore[no-untyped-def]
    from ttdn.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        unit_succession_add(
            actor=world.users["unit_officer"],
            predecessors=[world.fa_centre],
            successor=world.foreign_affairs,
            kind="merge",
            effective_date=dt.date(2026, 7, 1),
        )
    assert UnitSuccession.objects.count() == 0
    world.fa_centre.refresh_from_db()
    assert world.fa_centre.valid_to is None

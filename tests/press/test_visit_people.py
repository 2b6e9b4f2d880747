"""A visit's reporters and accompanying units corrected after the request: checked like the
request, all or nothing, audited with names, the answer deadline recomputed when residency
changes; reporters only while requested, units until the programme ends; the page on the visit
("Sửa phóng viên, đơn vị phối hợp") scoped like the rest."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories import UnitFactory, UserFactory
from tests.press.conftest import D, visit_args
from ttdn.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from ttdn.press.history import visit_history
from ttdn.press.models import Reporter, Visit
from ttdn.press.services import ReporterData, visit_create, visit_people_update, visit_transition
from ttdn.units.models import Role


def names(visit: Visit) -> list[str]:
    return sorted(Visit.objects.get(pk=visit.pk).reporters.values_list("full_name", flat=True))


def unchanged(visit: Visit, reporters: int) -> None:
    """The visit as the fixture stored it: its two reporters, the police, one audit record."""
    assert names(visit) == ["Sato Kenji", "Tanaka Yumi"]
    units = Visit.objects.get(pk=visit.pk).accompanying_units.values_list("code", flat=True)
    assert list(units) == ["T-CA"]
    assert Reporter.objects.count() == reporters
    assert visit.history.count() == 1


def test_reporters_and_units_corrected_and_audited_by_name(world: World, visit: Visit) -> None:
    officer = world.users[Role.UNIT_OFFICER]
    visit_people_update(
        actor=officer,
        visit=visit,
        reporters=[
            ReporterData("Sato Kenji", "JP", "NHK", press_card="NHK-0417", permit="GP-12"),
            ReporterData("Suzuki Ichiro", "jp", "NHK World"),
        ],
        accompanying_units=[world.police, world.fa_centre, world.foreign_affairs],  # host: left out
    )
    visit.refresh_from_db()
    assert names(visit) == ["Sato Kenji", "Suzuki Ichiro"]
    assert Reporter.objects.get(press_card="NHK-0417").permit == "GP-12"  # the same row, corrected
    assert set(visit.accompanying_units.all()) == {world.police, world.fa_centre}
    assert visit.answer_due == D(2026, 5, 7)  # still non-resident: unchanged
    latest = visit_history(visit=visit)
    changed = {c.field: (c.old, c.new) for row in latest for c in row.changes}
    assert changed == {
        "phóng viên": (
            "Sato Kenji (NHK), Tanaka Yumi (NHK)",
            "Sato Kenji (NHK), Suzuki Ichiro (NHK World)",
        ),
        "đơn vị phối hợp, tháp tùng": (
            "Công an tỉnh Quảng Trị",
            "Công an tỉnh Quảng Trị, Trung tâm Dịch vụ đối ngoại",
        ),
    }
    assert [(row.who, row.action) for row in latest] == [
        (str(officer), "Sửa"),
        (str(officer), "Tạo mới"),
    ]


def test_a_resident_reporter_moves_the_answer_deadline(world: World, visit: Visit) -> None:
    assert visit.answer_due == D(2026, 5, 7)  # received Monday 20/4: 10 working days
    visit_people_update(
        actor=world.users[Role.UNIT_OFFICER],
        visit=visit,
        reporters=[ReporterData("Sato Kenji", "JP", "NHK", press_card="NHK-0417", resident=True)],
    )
    visit.refresh_from_db()
    # 5 working days (NĐ 88/2012, in force on 20/4): 21, 22, 23, 24, 28/4 (27/4 is Giỗ Tổ).
    assert visit.answer_due == D(2026, 4, 28)
    assert visit.legal_basis == "Nghị định 88/2012/NĐ-CP"
    assert (visit.apply_deadline, visit.report_due) == (D(2026, 4, 22), D(2026, 5, 18))


def test_unknown_country_refused_and_nothing_stored(world: World, visit: Visit) -> None:
    before = Reporter.objects.count()
    with pytest.raises(ValidationFailed) as error:
        visit_people_update(
            actor=world.users[Role.UNIT_OFFICER],
            visit=visit,
            reporters=[
                ReporterData("Suzuki Ichiro", "JP", "NHK"),
                ReporterData("John Roe", "XX", "AP"),
            ],
            accompanying_units=[],
        )
    assert error.value.message == (
        "Phóng viên John Roe: Mã quốc gia “XX” không có trong danh mục ISO 3166 (ví dụ: JP, KR, LA, US)."
    )
    unchanged(visit, before)


def test_a_reporter_in_another_live_visit_refused_and_nothing_stored(
    world: World, visit: Visit
) -> None:
    other = visit_create(
        **visit_args(
            world, title="Phóng viên Kyodo", starts=D(2026, 5, 12), ends=D(2026, 5, 14),
            reporters=[ReporterData("Ito Hana", "JP", "Kyodo")], programme=[],
        )
    )  # fmt: skip
    before = Reporter.objects.count()
    with pytest.raises(Conflict) as error:
        visit_people_update(
            actor=world.users[Role.UNIT_OFFICER],
            visit=other,
            reporters=[
                ReporterData("Ito Hana", "JP", "Kyodo"),
                ReporterData("Tanaka Yumi", "JP", "NHK"),
            ],
        )
    assert error.value.message == (
        "Phóng viên Tanaka Yumi đã có trong đoàn “Phóng viên NHK tìm hiểu kinh tế cửa khẩu” "
        "(11/05/2026 – 13/05/2026), trùng thời gian với đoàn này."
    )
    assert names(other) == ["Ito Hana"]
    assert Reporter.objects.count() == before
    assert other.history.count() == 1


def test_reporters_refused_after_approval_units_until_the_end(world: World, visit: Visit) -> None:
    officer = world.users[Role.UNIT_OFFICER]
    visit_transition(
        actor=world.users[Role.UNIT_LEADER], visit=visit, action="approve", on=D(2026, 4, 24),
        document="512/UBND-NC",
    )  # fmt: skip
    with pytest.raises(Conflict) as error:
        visit_people_update(
            actor=officer, visit=visit, reporters=[ReporterData("Sato Kenji", "JP", "NHK")],
            accompanying_units=[world.police, world.fa_centre],
        )  # fmt: skip
    assert "chỉ sửa được phóng viên khi đoàn còn là đề nghị" in error.value.message
    assert list(Visit.objects.get().accompanying_units.all()) == [world.police]  # all or nothing
    visit_transition(actor=officer, visit=visit, action="start", on=D(2026, 5, 11))
    visit_people_update(actor=officer, visit=visit, accompanying_units=[world.fa_centre])
    assert list(Visit.objects.get().accompanying_units.all()) == [world.fa_centre]
    visit_transition(actor=officer, visit=visit, action="finish", on=D(2026, 5, 13))
    with pytest.raises(Conflict):
        visit_people_update(actor=officer, visit=visit, accompanying_units=[])
    assert list(Visit.objects.get().accompanying_units.all()) == [world.fa_centre]


def test_other_unit_not_found_accompanying_unit_denied(world: World, visit: Visit) -> None:
    from ttdn.press.selectors import visit_get_for_user

    stranger = UserFactory(username="stc", role=Role.UNIT_LEADER, unit=UnitFactory(code="T-X"))
    with pytest.raises(NotFound):
        visit_get_for_user(user=stranger, pk=visit.pk)
    police = UserFactory(username="ca", role=Role.UNIT_OFFICER, unit=world.police)
    with pytest.raises(PermissionDenied):
        visit_people_update(actor=police, visit=visit, accompanying_units=[])
    assert list(Visit.objects.get().accompanying_units.all()) == [world.police]


# --- the page ----------------------------------------------------------------------------------


def client_for(user: Any, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def people_form(world: World, **changes: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "units": [str(world.police.pk), str(world.fa_centre.pk)],
        "reporter-TOTAL_FORMS": "4",
        "reporter-INITIAL_FORMS": "2",
        "reporter-0-full_name": "Sato Kenji",
        "reporter-0-nationality": "JP",
        "reporter-0-outlet": "NHK",
        "reporter-0-press_card": "NHK-0417",
        "reporter-1-full_name": "Tanaka Yumi",
        "reporter-1-nationality": "JP",
        "reporter-1-outlet": "NHK",
        "reporter-1-DELETE": "on",
        "reporter-2-full_name": "Park Ji-woo",
        "reporter-2-nationality": "KR",
        "reporter-2-outlet": "KBS",
    }
    data.update(changes)
    return data


def test_page_corrects_reporters_and_units(world: World, visit: Visit) -> None:
    client = client_for(world.users[Role.UNIT_OFFICER])
    url = f"/press/visits/{visit.pk}/people/"
    page = client.get(f"/press/visits/{visit.pk}/").content.decode()
    assert f'href="{url}"' in page and "Sửa phóng viên, đơn vị phối hợp" in page
    form = client.get(url)
    assert form.status_code == 200
    assert 'value="Tanaka Yumi"' in form.content.decode()
    response = client.post(url, people_form(world))
    assert (response.status_code, response["Location"]) == (302, f"/press/visits/{visit.pk}/")
    assert names(visit) == ["Park Ji-woo", "Sato Kenji"]
    assert set(Visit.objects.get().accompanying_units.all()) == {world.police, world.fa_centre}
    history = client.get(f"/press/visits/{visit.pk}/").content.decode()
    assert "Sato Kenji (NHK), Tanaka Yumi (NHK) → Park Ji-woo (KBS), Sato Kenji (NHK)" in history


def test_page_shows_the_refusal_and_changes_nothing(world: World, visit: Visit) -> None:
    visit_create(
        **visit_args(
            world, title="Phóng viên KBS", reporters=[ReporterData("Park Ji-woo", "KR", "KBS")],
            programme=[],
        )
    )  # fmt: skip
    before = Reporter.objects.count()
    client = client_for(world.users[Role.UNIT_OFFICER])
    response = client.post(f"/press/visits/{visit.pk}/people/", people_form(world))
    assert response.status_code == 400
    assert (
        "Phóng viên Park Ji-woo đã có trong đoàn “Phóng viên KBS” (11/05/2026 – 13/05/2026), "
        "trùng thời gian với đoàn này." in response.content.decode()
    )
    assert 'value="Park Ji-woo"' in response.content.decode()  # the rows stay as typed
    unchanged(visit, before)


def test_page_after_approval_offers_the_units_only(world: World, visit: Visit) -> None:
    visit_transition(
        actor=world.users[Role.UNIT_LEADER], visit=visit, action="approve", on=D(2026, 4, 24),
        document="512/UBND-NC",
    )  # fmt: skip
    client = client_for(world.users[Role.UNIT_OFFICER])
    url = f"/press/visits/{visit.pk}/people/"
    assert (
        "Sửa đơn vị phối hợp, tháp tùng"
        in client.get(f"/press/visits/{visit.pk}/").content.decode()
    )
    page = client.get(url).content.decode()
    assert 'name="reporter-TOTAL_FORMS"' not in page
    stale = client.post(url, people_form(world))  # rows from a page opened before the approval
    assert stale.status_code == 400
    assert "chỉ sửa được phóng viên khi đoàn còn là đề nghị" in stale.content.decode()
    assert Visit.objects.get().accompanying_units.count() == 1  # all or nothing
    response = client.post(url, {"units": [str(world.police.pk), str(world.fa_centre.pk)]})
    assert response.status_code == 302
    assert names(visit) == ["Sato Kenji", "Tanaka Yumi"]
    assert set(Visit.objects.get().accompanying_units.all()) == {world.police, world.fa_centre}
    officer = world.users[Role.UNIT_OFFICER]
    for action in ("start", "finish"):
        visit_transition(actor=officer, visit=visit, action=action, on=D(2026, 5, 11))
    assert url not in client.get(f"/press/visits/{visit.pk}/").content.decode()
    closed = client.get(url)
    assert closed.status_code == 409
    assert "không sửa phóng viên, đơn vị phối hợp được nữa" in closed.content.decode()


def test_page_scoped_and_csrf_protected(world: World, visit: Visit) -> None:
    url = f"/press/visits/{visit.pk}/people/"
    stranger = UserFactory(username="stc", role=Role.UNIT_OFFICER, unit=UnitFactory(code="T-X"))
    assert client_for(stranger).get(url).status_code == 404
    assert client_for(stranger).post(url, people_form(world)).status_code == 404
    police = client_for(UserFactory(username="ca", role=Role.UNIT_OFFICER, unit=world.police))
    assert url not in police.get(f"/press/visits/{visit.pk}/").content.decode()
    assert police.post(url, people_form(world)).status_code == 403
    no_token = client_for(world.users[Role.UNIT_OFFICER], csrf=True)
    assert no_token.post(url, people_form(world)).status_code == 403
    unchanged(visit, 2)

"""Press pages: a request typed in the form (reporters and programme rows) is stored, a bad one
shows the service's message and stores nothing; the workflow buttons; other units get 404."""

from __future__ import annotations

from typing import Any

from django.test import Client

from tests.conftest import World
from tests.factories import UnitFactory, UserFactory
from ttdn.press.models import Reporter, Visit, VisitStatus
from ttdn.units.models import Role


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(world: World, **changes: str) -> dict[str, str]:
    data = {
        "unit": str(world.foreign_affairs.pk),
        "title": "Đài KBS khảo sát du lịch biển",
        "received_on": "20/04/2026",
        "channel": "email",
        "starts": "11/05/2026",
        "ends": "12/05/2026",
        "purpose": "Ghi hình biển Cửa Tùng.",
        "accompanying": str(world.police.pk),
        "reporter-TOTAL_FORMS": "3",
        "reporter-INITIAL_FORMS": "0",
        "reporter-0-full_name": "Park Ji-hoon",
        "reporter-0-nationality": "KR",
        "reporter-0-outlet": "KBS",
        "programme-TOTAL_FORMS": "5",
        "programme-INITIAL_FORMS": "0",
        "programme-0-day": "11/05/2026",
        "programme-0-starts_at": "08:00",
        "programme-0-ends_at": "10:00",
        "programme-0-place": "Bãi biển Cửa Tùng",
    }
    data.update(changes)
    return data


def test_visit_created_from_the_form(world: World) -> None:
    client = client_for(world.users[Role.UNIT_OFFICER])
    assert client.get("/press/visits/new/").status_code == 200
    response = client.post("/press/visits/new/", form_data(world))
    visit = Visit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/press/visits/{visit.pk}/"
    assert [r.full_name for r in visit.reporters.all()] == ["Park Ji-hoon"]
    assert list(visit.accompanying_units.all()) == [world.police]
    assert visit.programme.get().place == "Bãi biển Cửa Tùng"
    page = client.get(f"/press/visits/{visit.pk}/").content.decode()
    assert "Đài KBS khảo sát du lịch biển" in page
    assert "Hàn Quốc" in page


def test_programme_outside_the_dates_shows_the_message_and_stores_nothing(world: World) -> None:
    client = client_for(world.users[Role.UNIT_OFFICER])
    response = client.post(
        "/press/visits/new/", form_data(world, **{"programme-0-day": "13/05/2026"})
    )
    assert response.status_code == 400
    assert "nằm ngoài thời gian của đoàn (11/05/2026 – 12/05/2026)" in response.content.decode()
    assert Visit.objects.count() == 0
    assert Reporter.objects.count() == 0


def test_leader_approves_from_the_page(world: World) -> None:
    client_for(world.users[Role.UNIT_OFFICER]).post("/press/visits/new/", form_data(world))
    visit = Visit.objects.get()
    leader = client_for(world.users[Role.UNIT_LEADER])
    response = leader.post(
        f"/press/visits/{visit.pk}/action/",
        {"action": "approve", "on": "24/04/2026", "document": "77/UBND-KGVX"},
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.status, visit.decision_document) == (VisitStatus.APPROVED, "77/UBND-KGVX")


def test_another_unit_gets_not_found(world: World) -> None:
    client_for(world.users[Role.UNIT_OFFICER]).post("/press/visits/new/", form_data(world))
    visit = Visit.objects.get()
    stranger = UserFactory(username="stc", role=Role.UNIT_LEADER, unit=UnitFactory(code="T-STC"))
    client = client_for(stranger)
    assert client.get(f"/press/visits/{visit.pk}/").status_code == 404
    response = client.post(
        f"/press/visits/{visit.pk}/action/",
        {"action": "approve", "on": "24/04/2026", "document": "1"},
    )
    assert response.status_code == 404
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PROPOSED
    assert client.get("/press/").status_code == 200


def test_visit_list_query_count_does_not_grow(
    world: World, django_assert_max_num_queries: Any
) -> None:
    from tests.press.conftest import visit_args
    from ttdn.press.services import ReporterData, visit_create

    client = client_for(world.users[Role.VIEWER])

    def add(first: int, n: int) -> None:
        for i in range(first, first + n):
            visit_create(
                **visit_args(
                    world,
                    title=f"Đoàn {i}",
                    reporters=[ReporterData(f"R {i}", "FR", "AFP")],
                    programme=[],
                )
            )

    add(0, 2)
    with django_assert_max_num_queries(20) as few:
        assert client.get("/press/").status_code == 200
    add(2, 25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/press/").content.decode()
    assert page.count("/press/visits/") == 27


def test_pages_in_english_for_an_english_user(world: World) -> None:
    user = world.users[Role.UNIT_OFFICER]
    user.language = "en"
    user.save()
    page = client_for(user).get("/press/").content.decode()
    assert "<h1>Foreign reporters' visits</h1>" in page  # {% translate %} does not escape
    assert "Record a new request" in page


def test_article_after_a_press_event_from_the_page(world: World) -> None:
    import datetime as dt

    from ttdn.press.services_events import press_event_create

    event = press_event_create(
        actor=world.users[Role.UNIT_OFFICER],
        unit=world.foreign_affairs,
        kind="briefing",
        title="Giao ban tháng 11",
        starts_at=dt.datetime(2026, 11, 26, 14, 0),
        place="UBND tỉnh",
        chair="Phó Chủ tịch",
        topics="Biên giới",
    )
    client = client_for(world.users[Role.UNIT_OFFICER])
    response = client.post(
        f"/press/press-events/{event.pk}/follow-up/", {"title": "Tin giao ban", "url": "ftp://x"}
    )
    assert response.status_code == 400
    assert event.follow_ups.count() == 0
    response = client.post(
        f"/press/press-events/{event.pk}/follow-up/",
        {
            "title": "Quảng Trị thông tin tình hình biên giới",
            "url": "https://baoquangtri.vn/tin-1",
            "published_on": "27/11/2026",
        },
    )
    assert response.status_code == 302
    assert list(event.follow_ups.values_list("title", "published_on")) == [
        ("Quảng Trị thông tin tình hình biên giới", dt.date(2026, 11, 27))
    ]

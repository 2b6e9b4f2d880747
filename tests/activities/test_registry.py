"""The activities registry: fields checked per kind, evidence for plan tasks the unit is
assigned to, photos checked by content, and the figures for the reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import World
from tests.press.conftest import visit_args
from tests.reporting.conftest import Tracked
from ttdn.activities.models import Activity, ActivityEvidence, ActivityPhoto
from ttdn.activities.selectors import activities_for_period, indicator_figures
from ttdn.activities.services import activity_attach_tasks, activity_create, activity_photo_add
from ttdn.core.errors import PermissionDenied, ValidationFailed
from ttdn.plans.models import Task
from ttdn.press.models import VisitStatus
from ttdn.press.services import visit_create
from ttdn.press.services_events import delegation_create, press_event_create
from ttdn.units.models import Role

D = dt.date


def training(world: World, **changes: object) -> Activity:
    args: dict[str, object] = {
        "actor": world.users[Role.UNIT_OFFICER],
        "unit": world.foreign_affairs,
        "kind": "training",
        "title": "Tập huấn kỹ năng trả lời phỏng vấn báo chí nước ngoài",
        "starts": D(2026, 7, 14),
        "ends": D(2026, 7, 15),
        "place": "Hội trường Sở Ngoại vụ",
        "participants": 85,
        "trainers": "Vụ Thông tin Báo chí, Bộ Ngoại giao",
    }
    args.update(changes)
    return activity_create(**args)  # type: ignore[arg-type]


def test_each_kind_must_say_what_it_needs(world: World) -> None:
    officer = world.users[Role.UNIT_OFFICER]
    with pytest.raises(ValidationFailed) as error:
        activity_create(
            actor=officer,
            unit=world.foreign_affairs,
            kind="billboard",
            title="Cụm pa-nô Lao Bảo",
            starts=D(2026, 3, 1),
            place="Cửa khẩu Lao Bảo",
        )
    assert error.value.message == "Cụm pa-nô cần có: vĩ độ, kinh độ, nội dung pa-nô, ngày lắp đặt."
    with pytest.raises(ValidationFailed, match="Vĩ độ phải trong khoảng −90 đến 90"):
        activity_create(
            actor=officer,
            unit=world.foreign_affairs,
            kind="billboard",
            title="X",
            starts=D(2026, 3, 1),
            place="Lao Bảo",
            latitude="116.6",
            longitude="106.6",
            content="Chủ quyền",
            installed_on=D(2026, 3, 1),
        )
    assert Activity.objects.count() == 0
    board = activity_create(
        actor=officer,
        unit=world.foreign_affairs,
        kind="billboard",
        title="Cụm pa-nô Lao Bảo",
        starts=D(2026, 3, 1),
        place="Cửa khẩu Lao Bảo",
        latitude="16,623451",
        longitude="106.594321",
        content="Quảng Trị – điểm đến của hòa bình",
        installed_on=D(2026, 3, 1),
        condition="good",
    )
    assert (board.latitude, board.longitude, board.ends) == (
        Decimal("16.623451"),
        Decimal("106.594321"),
        D(2026, 3, 1),
    )


def test_evidence_only_for_tasks_of_the_unit(tracked: Tracked) -> None:
    world = tracked.world
    activity = training(world)
    own = Task.objects.get(plan=tracked.plan, ref="II.1")  # Sở Ngoại vụ leads it
    other = Task.objects.get(plan=tracked.plan, ref="II.2")  # VHTTDL and police only
    with pytest.raises(ValidationFailed) as error:
        activity_attach_tasks(
            actor=world.users[Role.UNIT_OFFICER], activity=activity, tasks=[other]
        )
    assert (
        error.value.message
        == "Nhiệm vụ II.2 không giao cho Sở Ngoại vụ: không gắn hoạt động làm minh chứng được."
    )
    activity_attach_tasks(actor=world.users[Role.UNIT_OFFICER], activity=activity, tasks=[own, own])
    assert list(activity.tasks.all()) == [own]
    evidence = ActivityEvidence.objects.get()
    assert evidence.history.get().history_user == world.users[Role.UNIT_OFFICER]
    with pytest.raises(PermissionDenied):
        activity_attach_tasks(actor=world.users[Role.VIEWER], activity=activity, tasks=[own])


def test_photo_checked_by_content(world: World, settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    activity = training(world)
    officer = world.users[Role.UNIT_OFFICER]
    fake = SimpleUploadedFile("anh.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    with pytest.raises(ValidationFailed, match="Chỉ nhận ảnh JPEG hoặc PNG"):
        activity_photo_add(actor=officer, activity=activity, upload=fake)
    assert ActivityPhoto.objects.count() == 0
    png = SimpleUploadedFile(
        "x.exe", b"\x89PNG\r\n\x1a\n" + b"\0" * 32, content_type="application/octet-stream"
    )
    photo = activity_photo_add(actor=officer, activity=activity, upload=png, caption="Lớp tập huấn")
    assert photo.file.name.endswith(f"hoat-dong-{activity.pk}.png")


def test_activities_for_period_and_the_indicator_figures(world: World) -> None:
    officer = world.users[Role.UNIT_OFFICER]
    training(world)
    activity_create(
        actor=officer,
        unit=world.fa_centre,
        kind="conference",
        title="Hội nghị báo chí quý III",
        starts=D(2026, 9, 20),
        place="Đông Hà",
        participants=40,
    )
    activity_create(
        actor=officer,
        unit=world.foreign_affairs,
        kind="publication",
        title="Bản tin đối ngoại số 3",
        starts=D(2026, 8, 1),
        languages="Việt, Anh, Lào",
        print_run=2000,
    )
    training(world, title="Tập huấn quý IV", starts=D(2026, 10, 2), ends=D(2026, 10, 2))
    visit_create(**visit_args(world, starts=D(2026, 8, 10), ends=D(2026, 8, 11), programme=[]))
    delegation_create(
        actor=officer,
        unit=world.foreign_affairs,
        direction="in",
        country="KR",
        organisation="Tỉnh Gyeonggi",
        size=6,
        leader="Ông Kim",
        starts=D(2026, 9, 1),
        ends=D(2026, 9, 3),
        purpose="Hợp tác",
    )
    press_event_create(
        actor=officer,
        unit=world.foreign_affairs,
        kind="briefing",
        title="Giao ban báo chí tháng 9",
        starts_at=dt.datetime(2026, 9, 28, 8, 0),
        place="UBND tỉnh",
        chair="Phó Chủ tịch",
        topics="Tình hình biên giới",
    )
    quarter = SimpleNamespace(starts=D(2026, 7, 1), ends=D(2026, 9, 30))  # like a ReportingPeriod
    result = activities_for_period(period=quarter, unit=world.foreign_affairs)
    assert [(line.kind, line.title, line.unit) for line in result.lines] == [
        ("training", "Tập huấn kỹ năng trả lời phỏng vấn báo chí nước ngoài", "Sở Ngoại vụ"),
        ("publication", "Bản tin đối ngoại số 3", "Sở Ngoại vụ"),
        ("conference", "Hội nghị báo chí quý III", "Trung tâm Dịch vụ đối ngoại"),
    ]
    assert result.by_kind["training"] == 1 and result.by_kind["award"] == 0
    assert result.indicators == {
        "lop-tap-huan": 2,
        "luot-tham-du": 125,
        "an-pham": 1,
        "ban-an-pham": 2000,
        "cum-pa-no": 0,
        "doan": 2,
        "hop-bao": 1,
    }
    assert activities_for_period(period=quarter, unit=world.police).lines == ()
    assert indicator_figures(starts=D(2026, 10, 1), ends=D(2026, 12, 31))["lop-tap-huan"] == 1


def test_refused_visits_do_not_count(world: World) -> None:
    visit = visit_create(
        **visit_args(world, starts=D(2026, 8, 10), ends=D(2026, 8, 11), programme=[])
    )
    type(visit).objects.filter(pk=visit.pk).update(status=VisitStatus.REFUSED)
    assert indicator_figures(starts=D(2026, 7, 1), ends=D(2026, 9, 30))["doan"] == 0


def test_period_query_count_does_not_grow(world: World, django_assert_num_queries: object) -> None:
    for i in range(3):
        training(world, title=f"Lớp {i}")
    quarter = SimpleNamespace(starts=D(2026, 7, 1), ends=D(2026, 9, 30))
    # activities, their tasks, the activity aggregate, visits, delegations, press events
    with django_assert_num_queries(6):  # type: ignore[operator]
        activities_for_period(period=quarter)
    for i in range(3, 30):
        training(world, title=f"Lớp {i}")
    with django_assert_num_queries(6):  # type: ignore[operator]
        assert len(activities_for_period(period=quarter).lines) == 30


def test_api_patch_and_scoping(world: World) -> None:
    import json

    from django.test import Client

    from tests.factories import UnitFactory, UserFactory

    board = activity_create(
        actor=world.users[Role.UNIT_OFFICER],
        unit=world.foreign_affairs,
        kind="billboard",
        title="Cụm pa-nô Cửa Việt",
        starts=D(2026, 2, 1),
        place="Cửa Việt",
        latitude="16.9",
        longitude="107.18",
        content="Biển đảo quê hương",
        installed_on=D(2026, 2, 1),
    )
    officer = Client()
    officer.force_login(world.users[Role.UNIT_OFFICER])
    body = json.dumps({"maintained_on": "2026-01-15", "condition": "worn"})
    response = officer.patch(
        f"/api/v1/activities/{board.pk}", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Ngày bảo trì không thể trước ngày lắp đặt."}
    board.refresh_from_db()
    assert (board.maintained_on, board.condition) == (None, "")
    body = json.dumps({"maintained_on": "2026-10-15", "condition": "worn"})
    response = officer.patch(
        f"/api/v1/activities/{board.pk}", body, content_type="application/json"
    )
    assert response.status_code == 200
    assert (response.json()["maintained_on"], response.json()["condition"]) == (
        "2026-10-15",
        "worn",
    )
    body = json.dumps({"title": "Cụm pa-nô Cửa Việt – Cồn Cỏ", "starts": "2026-02-03"})
    response = officer.patch(
        f"/api/v1/activities/{board.pk}", body, content_type="application/json"
    )
    assert response.status_code == 400  # would start after it ends (1/2)
    assert response.json() == {"detail": "Ngày kết thúc phải từ ngày bắt đầu trở đi."}
    body = json.dumps({"title": "Cụm pa-nô Cửa Việt – Cồn Cỏ", "ends": "2026-02-03"})
    response = officer.patch(
        f"/api/v1/activities/{board.pk}", body, content_type="application/json"
    )
    assert (response.json()["title"], response.json()["ends"]) == (
        "Cụm pa-nô Cửa Việt – Cồn Cỏ",
        "2026-02-03",
    )
    stranger = Client()
    stranger.force_login(
        UserFactory(username="z", role=Role.UNIT_OFFICER, unit=UnitFactory(code="T-Z"))
    )
    assert stranger.get(f"/api/v1/activities/{board.pk}").status_code == 404
    assert (
        stranger.patch(
            f"/api/v1/activities/{board.pk}", body, content_type="application/json"
        ).status_code
        == 404
    )

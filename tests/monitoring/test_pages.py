"""Inbox, story, labels, bulk actions, response cases in "Việc của tôi", alerts, dashboard, digest."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from docx import Document as Docx
from openpyxl import load_workbook

from tests.conftest import World
from ttdn.monitoring.alerts import alerts_for, spike_alerts
from ttdn.monitoring.analysis import analyze_pending
from ttdn.monitoring.cases import case_move, case_open
from ttdn.monitoring.ingestion import Item, store_item
from ttdn.monitoring.models import AlertRule, Article, CaseKind, ResponseCase, Source, SourceKind
from ttdn.notifications.models import Notification
from ttdn.units.models import Role

pytestmark = pytest.mark.django_db

SEA = "Tàu Trung Quốc tấn công tàu cá của ngư dân Quảng Trị gần quần đảo Hoàng Sa, nhiều ngư dân bị thương."
FEST = "Lễ hội biển Quảng Trị thu hút hàng vạn du khách, du lịch tỉnh tăng trưởng mạnh."


def _client(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def _articles(n_extra: int = 0) -> Source:
    source = Source.objects.create(name="Báo Quảng Trị", kind=SourceKind.MANUAL)
    store_item(
        source, Item(url="https://bao.vn/bien", title="Ngư dân Quảng Trị bị tấn công", text=SEA)
    )
    store_item(
        source,
        Item(url="https://bao2.vn/bien", title="Ngư dân bị tấn công", text=SEA + " Ảnh: TTXVN."),
    )
    store_item(source, Item(url="https://bao.vn/le-hoi", title="Lễ hội biển", text=FEST))
    for i in range(n_extra):
        store_item(
            source,
            Item(
                url=f"https://bao.vn/{i}",
                title=f"Tin {i}",
                text=f"Nội dung riêng số {i} về đầu tư.",
            ),
        )
    analyze_pending()
    return source


def test_inbox_lists_priority_first_with_a_fixed_query_count(
    world: World, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    source = _articles(n_extra=5)
    client = _client(world, Role.COORDINATOR)
    client.get("/monitoring/")  # session and content types warmed up
    with CaptureQueriesContext(connection) as few:
        client.get("/monitoring/")
    for i in range(20):
        store_item(
            source,
            Item(url=f"https://bao.vn/more{i}", title=f"Thêm {i}", text=f"Nội dung thêm số {i}."),
        )
    analyze_pending()
    # Session, user, active model and taxonomy, sources, count, page: the same for 8 or 28 items.
    with django_assert_max_num_queries(9), CaptureQueriesContext(connection) as many:
        response = client.get("/monitoring/")
    assert len(many) == len(few)
    assert response.status_code == 200
    titles = [a.title for a in response.context["page"]]
    assert titles[:2] == ["Ngư dân bị tấn công", "Ngư dân Quảng Trị bị tấn công"]
    assert len(titles) == 28
    filtered = client.get("/monitoring/", {"topic": "du-lich", "sentiment": "positive"})
    assert [a.title for a in filtered.context["page"]] == ["Lễ hội biển"]
    by_province = client.get("/monitoring/", {"province": "Quảng Trị", "origin": "domestic"})
    assert len(by_province.context["page"]) == 3


def test_unit_officers_do_not_see_the_inbox(world: World) -> None:
    _articles()
    assert _client(world, Role.UNIT_OFFICER).get("/monitoring/").status_code == 403
    assert _client(world, Role.VIEWER).get("/monitoring/").status_code == 200


def test_labels_and_bulk_actions(world: World) -> None:
    _articles()
    coord = _client(world, Role.COORDINATOR)
    fest = Article.objects.get(title="Lễ hội biển")
    coord.post(
        f"/monitoring/articles/{fest.pk}/label/",
        {"topics": ["du-lich", "van-hoa-di-san"], "sentiment": "positive", "status": "relevant"},
    )
    fest.refresh_from_db()
    assert (fest.label_topics, fest.label_sentiment, fest.status) == (
        ["du-lich", "van-hoa-di-san"],
        "positive",
        "relevant",
    )
    ids = list(Article.objects.exclude(pk=fest.pk).values_list("pk", flat=True))
    coord.post("/monitoring/bulk/", {"ids": ids, "status": "irrelevant"})
    assert sorted(Article.objects.values_list("status", flat=True)) == [
        "irrelevant",
        "irrelevant",
        "relevant",
    ]
    officer = _client(world, Role.UNIT_OFFICER)
    assert officer.post("/monitoring/bulk/", {"ids": ids, "status": "relevant"}).status_code == 403
    assert Article.objects.filter(status="irrelevant").count() == 2


def test_a_case_from_a_story_reaches_the_units_my_work(world: World) -> None:
    _articles()
    story = Article.objects.get(title="Ngư dân Quảng Trị bị tấn công").story
    assert story is not None and story.appearances == 2
    coord = _client(world, Role.COORDINATOR)
    page = coord.get(f"/monitoring/stories/{story.pk}/")
    assert [a.url for a in page.context["appearances"]] == [
        "https://bao.vn/bien",
        "https://bao2.vn/bien",
    ]
    coord.post(
        f"/monitoring/stories/{story.pk}/case/",
        {"kind": "rebut", "unit": world.foreign_affairs.pk, "due_at": "2026-12-31T17:00"},
    )
    case = ResponseCase.objects.get()
    assert (case.unit, case.status, case.kind) == (world.foreign_affairs, "new", "rebut")
    assert (
        Notification.objects.filter(
            user=world.users[Role.UNIT_OFFICER], kind="monitoring_case"
        ).count()
        == 1
    )
    officer = _client(world, Role.UNIT_OFFICER)
    assert 'hx-get="/monitoring/cases/mine/"' in officer.get("/reporting/my-work/").content.decode()
    fragment = officer.get("/monitoring/cases/mine/", headers={"HX-Request": "true"})
    assert [c.pk for c in fragment.context["monitoring_cases"]] == [case.pk]
    assert "Ngư dân Quảng Trị bị tấn công" in fragment.content.decode()
    coordinator = _client(world, Role.COORDINATOR)  # the coordinating agency has no case
    assert coordinator.get("/monitoring/cases/mine/").context["monitoring_cases"] == []
    officer.post(f"/monitoring/cases/{case.pk}/move/", {"status": "in_progress"})
    officer.post(
        f"/monitoring/cases/{case.pk}/move/",
        {"status": "responded", "response_text": "Đã đăng bài phản bác."},
    )
    case.refresh_from_db()
    assert (case.status, case.response_text) == ("responded", "Đã đăng bài phản bác.")
    assert [h.status for h in case.history.order_by("history_date")] == [
        "new",
        "in_progress",
        "responded",
    ]
    police = world.users[Role.UNIT_OFFICER].__class__.objects.create(
        username="ca", role=Role.UNIT_OFFICER, unit=world.police
    )
    from ttdn.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        case_move(actor=police, case=case, status="closed")


def test_a_case_refuses_a_wrong_step(world: World) -> None:
    _articles()
    story = Article.objects.first().story  # type: ignore[union-attr]
    coord = world.users[Role.COORDINATOR]
    case = case_open(
        actor=coord,
        story=story,
        unit=world.foreign_affairs,
        kind=CaseKind.INFORM,
        due_at=timezone.now(),
    )
    from ttdn.core.errors import ValidationFailed

    with pytest.raises(
        ValidationFailed, match="Không chuyển được từ “Mới” sang “Đã cung cấp thông tin”"
    ):
        case_move(actor=coord, case=case, status="informed", response_text="x")
    with pytest.raises(ValidationFailed, match="Cần nhập nội dung hoặc đường dẫn phản hồi"):
        case_move(
            actor=coord,
            case=case_move(actor=coord, case=case, status="in_progress"),
            status="informed",
        )


def test_alert_rules_fire_once_per_story(world: World, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    coord = world.users[Role.COORDINATOR]
    coord.email = "dau-moi@tinh.gov.vn"
    coord.save()
    rule = AlertRule.objects.create(
        name="Biển đảo tiêu cực", topics=["chu-quyen-bien-dao"], sentiment="negative"
    )
    rule.recipients.add(coord)
    keyword = AlertRule.objects.create(name="Lễ hội", keywords='"lễ hội" AND "du khách"')
    keyword.recipients.add(coord)
    with django_capture_on_commit_callbacks(execute=True):
        _articles()
    titles = sorted(Notification.objects.filter(user=coord).values_list("title", flat=True))
    # Two copies of the sea story, one alert; the festival matches the keyword rule.
    assert titles == ["[Biển đảo tiêu cực] Ngư dân Quảng Trị bị tấn công", "[Lễ hội] Lễ hội biển"]
    assert sorted(m.subject for m in mail.outbox) == titles
    assert {tuple(m.to) for m in mail.outbox} == {("dau-moi@tinh.gov.vn",)}
    assert alerts_for(Article.objects.all()) == 0


def test_volume_spike_is_reported_once_per_hour(world: World) -> None:
    source = Source.objects.create(name="Báo", kind=SourceKind.MANUAL)
    for i in range(6):
        store_item(source, Item(url=f"https://bao.vn/s{i}", title=f"Tin {i}", text=f"Nội dung {i}"))
    now = timezone.now()
    assert spike_alerts(now) == 2  # the coordinator and the administrator
    assert spike_alerts(now) == 0
    message = Notification.objects.get(kind="monitoring_spike", user=world.users[Role.COORDINATOR])
    assert message.title == "Số tin tăng đột biến: 6 tin trong 1 giờ qua (thường 0.0)"


def test_dashboard_and_digest(world: World) -> None:
    _articles()
    coord = _client(world, Role.COORDINATOR)
    today = timezone.localdate()
    page = coord.get("/monitoring/dashboard/")
    assert page.context["totals"]["total"] == 3
    assert page.context["totals"]["negative"] == 2
    query = {"since": (today - dt.timedelta(days=1)).isoformat(), "until": today.isoformat()}
    docx = coord.get("/monitoring/digest.docx", query)
    text = "\n".join(p.text for p in Docx(io.BytesIO(docx.content)).paragraphs)
    assert "BÁO CÁO\nTổng hợp dư luận báo chí\n" in text
    assert "- Tổng số tin: 3." in text
    assert "- Tiêu cực: 2 (66,7%)." in text
    sheet = load_workbook(io.BytesIO(coord.get("/monitoring/digest.xlsx", query).content))[
        "Tổng hợp"
    ]
    assert [sheet.cell(row=3, column=c).value for c in (1, 2)] == ["Tổng số tin", "3"]

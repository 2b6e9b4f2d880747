"""The set-up pages: sources, alert rules, topics and the rule trial box, through the browser's
forms with CSRF checks on; refusals show on the form and store nothing."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.conftest import World
from tests.monitoring.conftest import queued_jobs
from ttdn.monitoring.ingestion import Item, store_item
from ttdn.monitoring.models import AlertRule, Source, SourceKind, Taxonomy
from ttdn.monitoring.taxonomy import taxonomy_current
from ttdn.units.models import Role

pytestmark = pytest.mark.django_db


def _browser(world: World, role: str) -> Client:
    """A client that checks CSRF like a browser session does."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[role])
    return client


def _post(client: Client, form_page: str, path: str, data: dict[str, object]) -> object:
    """GET the page that holds the form (it sets the CSRF cookie), then POST with its token."""
    page = client.get(form_page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert token is not None, "the form page carries a CSRF token"
    return client.post(path, {**data, "csrfmiddlewaretoken": token.group(1)})


SOURCE = {
    "name": "Báo Quảng Trị điện tử",
    "kind": "rss",
    "url": "https://baoquangtri.vn/rss",
    "outlet": "Báo Quảng Trị",
    "country": "VN",
    "language": "vi",
    "poll_minutes": "30",
    "active": "on",
    "site_rules": "",
}


def test_a_source_is_added_edited_paused_and_checked_from_the_pages(
    world: World, queued: list, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client = _browser(world, Role.COORDINATOR)
    form = client.get("/monitoring/sources/new/")
    assert form.status_code == 200
    assert "Chu kỳ lấy tin (phút)" in form.content.decode()
    # Without the CSRF token the write is refused and nothing stored.
    assert client.post("/monitoring/sources/new/", SOURCE).status_code == 403
    assert Source.objects.count() == 0
    created = _post(client, "/monitoring/sources/new/", "/monitoring/sources/new/", SOURCE)
    assert created.status_code == 302  # type: ignore[attr-defined]
    source = Source.objects.get()
    assert (source.name, source.poll_minutes, source.language) == (
        "Báo Quảng Trị điện tử",
        30,
        "vi",
    )
    edit = f"/monitoring/sources/{source.pk}/edit/"
    assert "Tình trạng lấy tin" in client.get(edit).content.decode()
    _post(
        client, edit, edit, {**SOURCE, "poll_minutes": "120", "site_rules": '{"text_xpath": "//p"}'}
    )
    source.refresh_from_db()
    assert (source.poll_minutes, source.site_rules) == (120, {"text_xpath": "//p"})
    listing = client.get("/monitoring/sources/").content.decode()
    assert "Kiểm tra ngay" in listing and "Tạm dừng" in listing
    _post(
        client, "/monitoring/sources/", f"/monitoring/sources/{source.pk}/active/", {"active": "0"}
    )
    source.refresh_from_db()
    assert source.active is False
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, "/monitoring/sources/", f"/monitoring/sources/{source.pk}/check/", {})
    assert queued_jobs(queued) == [("ttdn.monitoring.tasks.poll_one_source", [source.pk])]


def test_bad_source_input_shows_on_the_form_and_stores_nothing(world: World) -> None:
    client = _browser(world, Role.COORDINATOR)
    bad_json = _post(
        client,
        "/monitoring/sources/new/",
        "/monitoring/sources/new/",
        {**SOURCE, "site_rules": "{x"},
    )
    assert bad_json.status_code == 400  # type: ignore[attr-defined]
    assert "JSON không hợp lệ (dòng 1, cột 2)." in bad_json.content.decode()  # type: ignore[attr-defined]
    no_url = _post(
        client, "/monitoring/sources/new/", "/monitoring/sources/new/", {**SOURCE, "url": ""}
    )
    assert "Nguồn tự động cần có địa chỉ" in no_url.content.decode()  # type: ignore[attr-defined]
    assert Source.objects.count() == 0


def test_viewers_read_the_lists_but_may_not_open_the_forms(world: World) -> None:
    source = Source.objects.create(name="Báo in", kind=SourceKind.MANUAL)
    client = _browser(world, Role.VIEWER)
    for path in ("/monitoring/sources/", "/monitoring/alerts/", "/monitoring/topics/"):
        page = client.get(path)
        assert page.status_code == 200
        assert "Thêm" not in page.content.decode().split("<main", 1)[1].split("<table", 1)[0]
    for path in (
        "/monitoring/sources/new/",
        f"/monitoring/sources/{source.pk}/edit/",
        "/monitoring/alerts/new/",
        "/monitoring/topics/new/",
        "/monitoring/topics/du-lich/edit/",
    ):
        assert client.get(path).status_code == 403, path
    refused = _post(
        client, "/monitoring/sources/", f"/monitoring/sources/{source.pk}/active/", {"active": "0"}
    )
    assert refused.status_code == 403  # type: ignore[attr-defined]
    source.refresh_from_db()
    assert source.active is True
    assert _browser(world, Role.UNIT_OFFICER).get("/monitoring/topics/").status_code == 403


def test_an_alert_rule_from_the_page_with_a_keyword_error_then_fixed(world: World) -> None:
    coord, viewer = world.users[Role.COORDINATOR], world.users[Role.VIEWER]
    client = _browser(world, Role.COORDINATOR)
    data = {
        "name": "Biển đảo",
        "topics": ["chu-quyen-bien-dao"],
        "sentiment": "negative",
        "keywords": '("ngư dân" OR fishermen AND',
        "recipients": [coord.pk, viewer.pk],
        "active": "on",
    }
    bad = _post(client, "/monitoring/alerts/new/", "/monitoring/alerts/new/", data)
    assert bad.status_code == 400  # type: ignore[attr-defined]
    assert "Từ khóa: Biểu thức kết thúc giữa chừng (ở cuối biểu thức)" in bad.content.decode()  # type: ignore[attr-defined]
    assert AlertRule.objects.count() == 0
    data["keywords"] = '("ngư dân" OR fishermen) AND china'
    _post(client, "/monitoring/alerts/new/", "/monitoring/alerts/new/", data)
    rule = AlertRule.objects.get()
    assert (rule.keywords, set(rule.recipients.all())) == (data["keywords"], {coord, viewer})
    listing = client.get("/monitoring/alerts/").content.decode()
    assert "Biển đảo" in listing and "Chủ quyền biển, đảo" in listing
    _post(client, "/monitoring/alerts/", f"/monitoring/alerts/{rule.pk}/active/", {"active": "0"})
    rule.refresh_from_db()
    assert rule.active is False


def test_a_topic_is_added_from_the_page_and_a_rule_error_is_placed(world: World) -> None:
    client = _browser(world, Role.COORDINATOR)
    data = {
        "code": "cang-bien",
        "name": "Cảng biển",
        "min_score": "2",
        "rules": '2 | "cảng biển" OR port*\ncảng AND AND tàu',
        "base_version": "",
    }
    bad = _post(client, "/monitoring/topics/new/", "/monitoring/topics/new/", data)
    assert bad.status_code == 400  # type: ignore[attr-defined]
    # Shown under the rules field, where the official types.
    assert (
        '<p class="error" role="alert">Quy tắc 2: Không chờ “AND” ở đây (ký tự thứ 10: “AND”)</p>'
        in bad.content.decode()  # type: ignore[attr-defined]
    )
    assert Taxonomy.objects.count() == 0
    data["rules"] = '2 | "cảng biển" OR port*\n1 | tàu'
    _post(client, "/monitoring/topics/new/", "/monitoring/topics/new/", data)
    state = taxonomy_current()
    assert [(r.weight, r.expression) for r in state.topic("cang-bien").rules] == [
        (2.0, '"cảng biển" OR port*'),
        (1.0, "tàu"),
    ]
    edit = "/monitoring/topics/cang-bien/edit/"
    assert "2 | &quot;cảng biển&quot; OR port*" in client.get(edit).content.decode()
    _post(
        client,
        "/monitoring/topics/",
        "/monitoring/topics/cang-bien/enable/",
        {"enabled": "0", "base_version": str(state.version)},
    )
    assert taxonomy_current().topic("cang-bien").enabled is False
    page = client.get("/monitoring/topics/").content.decode()
    assert "Đã tắt" in page


def test_the_trial_box_answers_inline_for_htmx(world: World) -> None:
    source = Source.objects.create(name="Báo", kind=SourceKind.MANUAL)
    store_item(source, Item(url="https://a.vn/1", title="Cảng", text="Khởi công cảng Mỹ Thủy."))
    client = _browser(world, Role.VIEWER)
    fragment = client.get(
        "/monitoring/topics/try/", {"expression": "cảng OR port*"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Khớp 1 trong 1 tin gần đây nhất." in fragment
    assert "<html" not in fragment
    page = client.get("/monitoring/topics/try/", {"expression": "cảng AND"}).content.decode()
    assert "Biểu thức kết thúc giữa chừng (ở cuối biểu thức)" in page


def test_the_alert_rules_list_costs_the_same_queries_for_1_or_6_rules(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ttdn.monitoring.services import alert_rule_save

    coord, viewer = world.users[Role.COORDINATOR], world.users[Role.VIEWER]
    source = Source.objects.create(name="Báo", kind=SourceKind.MANUAL)

    def add(n: int) -> None:
        for i in range(n):
            alert_rule_save(
                actor=coord, name=f"Quy tắc {i}", source=source, recipients=[coord, viewer]
            )

    client = _browser(world, Role.COORDINATOR)
    add(1)
    client.get("/monitoring/alerts/")  # session, content types and the analyzer warmed up
    with CaptureQueriesContext(connection) as one:
        assert client.get("/monitoring/alerts/").status_code == 200
    add(5)
    with CaptureQueriesContext(connection) as six:
        page = client.get("/monitoring/alerts/").content.decode()
    assert page.count("Quy tắc ") >= 6
    assert len(six) == len(one)

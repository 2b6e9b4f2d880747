"""The plan pages as officials see them, query counts, mapping from the page, and the demo."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from tests.plans.plan_data import parsed_plan, sha, task
from ttdn.plans.models import Plan, TaskAssignment
from ttdn.plans.services import plan_import
from ttdn.units.models import UnitAlias

STRANGER = "Trung tâm Thông tin Không Có Thật"


def _plan(world, tasks=None, label="ke-hoach"):  # type: ignore[no-untyped-def]
    return plan_import(
        user=world.users["coordinator"],
        parsed=parsed_plan(tasks=tasks),
        source_name=f"{label}.docx",
        source_sha256=sha(label),
    )


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_navigation_leads_to_the_plan_list(world) -> None:  # type: ignore[no-untyped-def]
    _plan(world)
    page = _client(world.users["unit_officer"]).get("/plans/").content.decode()
    assert '<a href="/plans/" aria-current="page">Kế hoạch và nhiệm vụ</a>' in page
    assert "Công tác thông tin đối ngoại tỉnh Quảng Trị năm 2026" in page
    assert "15/KH-UBND" in page


def test_plan_page_lists_tasks_units_and_names_to_map(world) -> None:  # type: ignore[no-untyped-def]
    plan = _plan(world)
    officer = _client(world.users["unit_officer"]).get(f"/plans/{plan.pk}/").content.decode()
    assert "Xuất bản bản tin đối ngoại song ngữ hằng quý." in officer
    assert (
        f'<a href="/units/{world.foreign_affairs.pk}/" title="Sở Ngoại vụ">Sở Ngoại vụ</a>'
        in officer
    )
    assert "120.000.000" in officer
    assert "200.000.000 đ" in officer
    assert STRANGER in officer
    assert 'action="/plans/' not in officer  # officers see the names to map, not the form
    coordinator = _client(world.users["coordinator"]).get(f"/plans/{plan.pk}/").content.decode()
    assert f'action="/plans/{plan.pk}/map-unit/"' in coordinator


def test_filters_and_htmx_partial(world) -> None:  # type: ignore[no-untyped-def]
    plan = _plan(world)
    client = _client(world.users["unit_officer"])
    page = client.get(f"/plans/{plan.pk}/", {"unit": world.police.pk}).content.decode()
    assert "Theo dõi dư luận báo chí nước ngoài về tỉnh." in page
    assert "Xuất bản bản tin đối ngoại" not in page
    partial = client.get(
        f"/plans/{plan.pk}/",
        {"role": "lead", "unit": world.foreign_affairs.pk},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "<html" not in partial
    assert "Xuất bản bản tin đối ngoại" in partial
    assert "Đón tiếp phóng viên nước ngoài" in partial  # led by a sub-unit
    assert "Theo dõi dư luận" not in partial
    bad = client.get(f"/plans/{plan.pk}/", {"due_month": "2026-13"}).content.decode()
    assert "Tháng “2026-13” không hợp lệ (dạng 2026-06 hoặc 06/2026)." in bad


def test_mapping_from_the_page(world) -> None:  # type: ignore[no-untyped-def]
    plan = _plan(world)
    data = {"printed": STRANGER, "unit": world.police.pk}
    officer = _client(world.users["unit_officer"]).post(f"/plans/{plan.pk}/map-unit/", data)
    assert officer.status_code == 403
    assert TaskAssignment.objects.get(text=STRANGER).unit is None
    assert not UnitAlias.objects.exists()
    response = _client(world.users["coordinator"]).post(
        f"/plans/{plan.pk}/map-unit/", data, follow=True
    )
    assert (
        "Đã gán “Trung tâm Thông tin Không Có Thật” cho Công an tỉnh Quảng Trị ở 1 lượt"
        in response.content.decode()
    )
    assert TaskAssignment.objects.get(text=STRANGER).unit == world.police
    assert UnitAlias.objects.get().text == STRANGER


def test_page_query_counts_do_not_grow_with_tasks(world, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    small = _plan(world, label="nho")
    many = tuple(
        task(
            f"II.{n}",
            f"Nhiệm vụ số {n}.",
            lead=("Sở Ngoại vụ",),
            support=("Công an tỉnh", STRANGER),
        )
        for n in range(60)
    )
    large = plan_import(
        user=world.users["coordinator"],
        parsed=parsed_plan(number="16/KH-UBND", tasks=many),
        source_name="lon.docx",
        source_sha256=sha("lon"),
    )
    client = _client(world.users["coordinator"])
    for plan in (small, large):
        with django_assert_max_num_queries(14):
            assert client.get(f"/plans/{plan.pk}/").status_code == 200
    with django_assert_max_num_queries(5):  # session, user, plans, unread notices, user's unit
        assert client.get("/plans/").status_code == 200
    assert Plan.objects.count() == 2


def test_demo_loads_the_plan_once(db) -> None:  # type: ignore[no-untyped-def]
    call_command("demo", allow_production=True, stdout=None)
    plan = Plan.objects.get()
    tasks = plan.tasks.count()
    assert tasks >= 20
    assert plan.document.number == "15/KH-UBND"
    assert plan.issuer_unit.code == "QT-UBND"
    assert sorted(plan.document.cites.values_list("to_document__number", "relation")) == [
        ("38-KH/TU", "implements"),
        ("5120/BVHTTDL-TTĐN", "implements"),
        ("57-KL/TW", "implements"),
        ("72/2015/NĐ-CP", "based_on"),
    ]
    call_command("demo", allow_production=True)
    assert list(Plan.objects.values_list("pk", flat=True)) == [plan.pk]
    assert plan.tasks.count() == tasks
    resolved = TaskAssignment.objects.filter(resolution="resolved").count()
    assert resolved >= 30
    assert list(
        TaskAssignment.objects.filter(resolution="unresolved").values_list("text", flat=True)
    ) == ["Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh"]


@pytest.mark.parametrize("path", ["/plans/999999/", "/plans/999999/export.xlsx"])
def test_unknown_plan_is_not_found(world, path: str) -> None:  # type: ignore[no-untyped-def]
    assert _client(world.users["unit_officer"]).get(path).status_code == 404


def test_plan_page_in_english(world) -> None:  # type: ignore[no-untyped-def]
    plan = _plan(world)
    officer = world.users["unit_officer"]
    officer.language = "en"
    officer.save()
    page = _client(officer).get(f"/plans/{plan.pk}/").content.decode()
    assert "Supporting units" in page
    assert "Download Excel" in page
    assert "Unit names to map" in page

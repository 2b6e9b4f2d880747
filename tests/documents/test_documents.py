"""Documents: one record per (normalised number, year), citation relations from the lead-in, and
the two chains of the plan cascade (57-KL/TW ← province plan ← city plan)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tests.plans.plan_data import KL57, ND72, parsed_plan, sha, task
from ttdn.documents.citations import citation_relations
from ttdn.documents.models import Citation, Document
from ttdn.documents.numbers import document_number_key, document_number_year
from ttdn.documents.selectors import (
    chain_flat,
    document_implemented_by,
    document_implements,
)
from ttdn.documents.services import document_cite, document_upsert
from ttdn.plans.parsing import Reference
from ttdn.plans.services import plan_import


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("72/2015/NĐ-CP", "72/2015/ND-CP"),
        ("72 / 2015 / nđ-cp", "72/2015/ND-CP"),
        ("72/2015/ND-CP", "72/2015/ND-CP"),
        ("57-KL/TW", "57-KL/TW"),
        ("3155/STTTT- TTBCXB", "3155/STTTT-TTBCXB"),
        ("1079/QĐ-TTg", "1079/QD-TTG"),
        ("/KH-UBND", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_number_key_unifies_printed_variants(printed: str | None, key: str) -> None:
    assert document_number_key(printed) == key


def test_number_year() -> None:
    assert document_number_year("72/2015/NĐ-CP") == 2015
    assert document_number_year("57-KL/TW") is None


def test_upsert_reuses_by_number_and_fills_only_empty_fields(db) -> None:  # type: ignore[no-untyped-def]
    first = document_upsert(actor=None, number="72/2015/NĐ-CP", kind="Nghị định")
    again = document_upsert(
        actor=None,
        number="72/2015/ND-CP",
        kind="Quyết định",
        date=dt.date(2015, 9, 7),
        issuer="Chính phủ",
    )
    assert again.pk == first.pk
    again.refresh_from_db()
    assert (again.number, again.kind, again.date, again.issuer, again.year) == (
        "72/2015/NĐ-CP",
        "Nghị định",
        dt.date(2015, 9, 7),
        "Chính phủ",
        2015,
    )
    assert Document.objects.count() == 1


def test_blank_numbers_and_other_years_are_other_documents(db) -> None:  # type: ignore[no-untyped-def]
    a = document_upsert(actor=None, number=None, title="Kế hoạch chưa có số")
    b = document_upsert(actor=None, number="/KH-UBND", title="Kế hoạch chưa có số")
    assert a.pk != b.pk
    assert (a.number, a.number_key, b.number, b.number_key) == ("", "", "", "")
    in_2024 = document_upsert(actor=None, number="15/KH-UBND", date=dt.date(2024, 1, 5))
    in_2026 = document_upsert(actor=None, number="15/KH-UBND", date=dt.date(2026, 1, 20))
    assert in_2024.pk != in_2026.pk
    # cited without a date: the only record with that number and an unknown year is reused
    undated = document_upsert(actor=None, number="38-KH/TU")
    assert (
        document_upsert(actor=None, number="38-KH/TU", date=dt.date(2025, 11, 5)).pk == undated.pk
    )


def test_citation_is_recorded_once_and_never_to_itself(db) -> None:  # type: ignore[no-untyped-def]
    plan = document_upsert(actor=None, number="15/KH-UBND", date=dt.date(2026, 1, 20))
    kl = document_upsert(actor=None, number="57-KL/TW", date=dt.date(2023, 6, 15))
    assert document_cite(actor=None, source=plan, target=plan) is None
    first = document_cite(actor=None, source=plan, target=kl)
    assert document_cite(actor=None, source=plan, target=kl) == first
    assert Citation.objects.count() == 1


LEAD_IN = """ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ

**KẾ HOẠCH**

**Triển khai thực hiện Kế hoạch số 38-KH/TU ngày 05/11/2025 của Ban Thường vụ Tỉnh ủy**

Căn cứ Nghị định số 72 / 2015 / NĐ-CP ngày 07/9/2015 của Chính phủ;

Căn cứ Quyết định số 40/2018/QĐ-UBND ngày 19/12/2018 của UBND tỉnh;

Thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị và Quyết định số 40/2018/QĐ-UBND;

**I. MỤC ĐÍCH, YÊU CẦU**

- Thực hiện Công văn số 968/STTTT-TTBCXB trong phần nhiệm vụ.
"""


def test_citation_relations_read_from_the_lead_in() -> None:
    numbers = [
        "38-KH/TU",
        "72/2015/NĐ-CP",
        "40/2018/QĐ-UBND",
        "57-KL/TW",
        "968/STTTT-TTBCXB",
        "7-KL/TW",
    ]
    assert citation_relations(LEAD_IN, numbers) == {
        "38-KH/TU": "implements",  # the title: "Triển khai thực hiện …"
        "72/2015/NĐ-CP": "based_on",
        "40/2018/QĐ-UBND": "implements",  # introduced both ways: implements
        "57-KL/TW": "implements",
    }  # 968/… is only in the body; 7-KL/TW must not match inside 57-KL/TW


def _cascade(world) -> tuple[Document, Document, Document]:  # type: ignore[no-untyped-def]
    """Kết luận 57-KL/TW ← the province plan 15/KH-UBND ← a city plan 30/KH-UBND."""
    coordinator = world.users["coordinator"]
    province = plan_import(
        user=coordinator,
        parsed=parsed_plan(references=(KL57, ND72)),
        source_name="tinh.docx",
        source_sha256=sha("tinh"),
        relations={"72/2015/NĐ-CP": "based_on"},
    )
    city = plan_import(
        user=coordinator,
        parsed=parsed_plan(
            number="30/KH-UBND",
            date=dt.date(2026, 2, 10),
            issuer="UBND thành phố Đông Hà",
            title="Công tác thông tin đối ngoại thành phố năm 2026",
            references=(
                Reference("15/KH-UBND", "Kế hoạch", dt.date(2026, 1, 20), "UBND tỉnh Quảng Trị"),
                Reference("57-KL/TW", "Kết luận", dt.date(2023, 6, 15), "Bộ Chính trị"),
            ),
            tasks=(task("II.1", "Tuyên truyền về thành phố.", lead=("Sở Ngoại vụ",)),),
        ),
        source_name="thanhpho.docx",
        source_sha256=sha("thanhpho"),
    )
    return Document.objects.get(number="57-KL/TW"), province.document, city.document


def test_three_level_chain_both_ways(world, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    kl57, province, city = _cascade(world)
    assert Document.objects.filter(number_key="57-KL/TW").count() == 1  # cited twice, one record
    with django_assert_max_num_queries(2):  # one query per level of the cascade
        down = document_implemented_by(document=kl57)
    # the city plan cites 57-KL/TW directly too, yet appears once: under the province plan
    assert [(n.document.pk, n.depth, n.via_id) for n in chain_flat(down)] == [
        (province.pk, 1, kl57.pk),
        (city.pk, 2, province.pk),
    ]
    assert [n.document.pk for n in down[0].children] == [city.pk]
    up = document_implements(document=city)
    assert [(n.document.number, n.depth, n.relation) for n in chain_flat(up)] == [
        ("15/KH-UBND", 1, "implements"),
        ("72/2015/NĐ-CP", 2, "based_on"),
        ("57-KL/TW", 2, "implements"),
    ]


def test_chain_walk_survives_a_citation_cycle(db) -> None:  # type: ignore[no-untyped-def]
    a = document_upsert(actor=None, number="1/KH-A", date=dt.date(2026, 1, 1))
    b = document_upsert(actor=None, number="2/KH-B", date=dt.date(2026, 1, 2))
    c = document_upsert(actor=None, number="3/KH-C", date=dt.date(2026, 1, 3))
    document_cite(actor=None, source=a, target=b)
    document_cite(actor=None, source=b, target=a)
    document_cite(actor=None, source=b, target=c)
    document_cite(actor=None, source=c, target=b)
    chain = chain_flat(document_implements(document=a))
    assert [(n.document.pk, n.depth, n.via_id) for n in chain] == [(b.pk, 1, a.pk), (c.pk, 2, b.pk)]


def test_document_pages_search_and_chains(world) -> None:  # type: ignore[no-untyped-def]
    kl57, province, city = _cascade(world)
    client = Client()
    client.force_login(world.users["unit_officer"])
    found = client.get("/documents/", {"q": "ket luan 57"}).content.decode()
    assert "57-KL/TW" in found
    assert "15/KH-UBND" not in found
    partial = client.get("/documents/", {"q": "NGHI DINH"}, HTTP_HX_REQUEST="true").content.decode()
    assert "72/2015/NĐ-CP" in partial
    assert "<html" not in partial
    page = client.get(f"/documents/{kl57.pk}/").content.decode()
    down = page[page.index('id="implemented-by-title"') :]
    assert down.index(f'href="/documents/{province.pk}/"') < down.index(
        f'href="/documents/{city.pk}/"'
    )
    assert down.count('<ul class="chain">') == 2  # the city plan is nested under the province plan
    plan_page = client.get(f"/documents/{province.pk}/").content.decode()
    assert f'href="/plans/{province.plan.pk}/"' in plan_page
    assert client.get("/documents/999999/").status_code == 404


def test_document_list_query_count_is_flat(world, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    _cascade(world)
    for n in range(30):
        document_upsert(actor=None, number=f"{n + 100}/QĐ-UBND", date=dt.date(2025, 1, 1))
    client = Client()
    client.force_login(world.users["unit_officer"])
    # session, user, unread notifications, documents (+ savepoint headroom)
    with django_assert_max_num_queries(5):
        assert client.get("/documents/").status_code == 200


def test_document_api(world) -> None:  # type: ignore[no-untyped-def]
    kl57, province, city = _cascade(world)
    client = Client()
    assert client.get("/api/v1/documents").status_code == 401
    client.force_login(world.users["unit_officer"])
    listed = client.get("/api/v1/documents", {"q": "57-kl"}).json()
    assert [item["number"] for item in listed["items"]] == ["57-KL/TW"]
    body = client.get(f"/api/v1/documents/{kl57.pk}").json()
    assert (body["number"], body["kind"], body["date"], body["plan_id"]) == (
        "57-KL/TW",
        "Kết luận",
        "2023-06-15",
        None,
    )
    assert body["implements"] == []
    assert [(d["id"], d["depth"], d["via_id"], d["relation"]) for d in body["implemented_by"]] == [
        (province.pk, 1, kl57.pk, "implements"),
        (city.pk, 2, province.pk, "implements"),
    ]
    assert client.get(f"/api/v1/documents/{city.pk}").json()["plan_id"] == city.plan.pk
    assert client.get("/api/v1/documents/999999").json() == {"detail": "Không tìm thấy văn bản."}

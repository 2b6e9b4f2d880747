"""The sources page: health of every source, the upload of a social export, a manual clipping."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.conftest import World
from ttdn.monitoring.models import Article, Source, SourceKind
from ttdn.units.models import Role

pytestmark = pytest.mark.django_db


def _client(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def test_upload_and_clipping_from_the_page(world: World) -> None:
    social = Source.objects.create(name="Fanpage tỉnh", kind=SourceKind.SOCIAL)
    manual = Source.objects.create(
        name="Báo in",
        kind=SourceKind.MANUAL,
        last_error="Máy chủ trả lỗi HTTP 404",
        consecutive_failures=2,
    )
    client = _client(world, Role.COORDINATOR)
    page = client.get("/monitoring/sources/")
    assert "Máy chủ trả lỗi HTTP 404" in page.content.decode()
    data = json.dumps(
        [{"post_id": "1", "message": "Bài đăng về lễ hội"}], ensure_ascii=False
    ).encode()
    client.post(
        "/monitoring/sources/",
        {"up-source": social.pk, "up-file": SimpleUploadedFile("fb.json", data)},
    )
    client.post(
        "/monitoring/sources/",
        {
            "cl-source": manual.pk,
            "cl-title": "Báo Nhân Dân số 123",
            "cl-text": "Bài viết trên báo in về tỉnh.",
            "cl-url": "",
        },
    )
    assert sorted(Article.objects.values_list("source__name", "text")) == [
        ("Báo in", "Bài viết trên báo in về tỉnh."),
        ("Fanpage tỉnh", "Bài đăng về lễ hội"),
    ]
    bad = client.post(
        "/monitoring/sources/",
        {
            "up-source": social.pk,
            "up-file": SimpleUploadedFile("a.csv", b"message,date\n,2026-01-01\n"),
        },
    )
    assert bad.status_code == 200
    assert "Dòng 2: nội dung trống" in bad.content.decode()
    assert Article.objects.count() == 2


def test_officers_may_not_add_clippings(world: World) -> None:
    manual = Source.objects.create(name="Báo in", kind=SourceKind.MANUAL)
    response = _client(world, Role.VIEWER).post(
        "/monitoring/sources/", {"cl-source": manual.pk, "cl-title": "x", "cl-text": "y"}
    )
    assert response.status_code == 403
    assert Article.objects.count() == 0

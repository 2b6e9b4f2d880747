"""Staff pages of the CSDL: scoped list (fixed query count), create, submit, return with a
comment, publish, revisions with a diff, the translation-status table."""

from __future__ import annotations

from ttdn.library import services
from ttdn.library.models import Item, ItemState
from ttdn.units.models import Role


def test_list_is_unit_scoped_with_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    editor = world.users[Role.CONTENT_EDITOR]
    for n in range(15):
        services.item_create(actor=editor, kind="news", title=f"Tin Công an {n}", unit=world.police)
    services.item_create(actor=world.users[Role.UNIT_OFFICER], kind="news", title="Tin Sở Ngoại vụ")
    client.force_login(world.users[Role.UNIT_OFFICER])

    with django_assert_max_num_queries(10):
        html = client.get("/library/").content.decode()

    assert "Tin Sở Ngoại vụ" in html and "Tin Công an" not in html
    client.force_login(editor)
    with django_assert_max_num_queries(10):
        html = client.get("/library/").content.decode()
    assert html.count('">Tin Công an ') == 15


def test_another_units_item_page_is_not_found(client, world) -> None:  # type: ignore[no-untyped-def]
    item = services.item_create(
        actor=world.users[Role.CONTENT_EDITOR], kind="news", title="Tin Công an", unit=world.police
    )
    client.force_login(world.users[Role.UNIT_OFFICER])

    assert client.get(f"/library/{item.pk}/").status_code == 404
    assert client.post(f"/library/{item.pk}/action/submit/").status_code == 404
    item.refresh_from_db()
    assert item.state == ItemState.DRAFT


def test_create_submit_return_fix_publish_through_the_pages(client, world) -> None:  # type: ignore[no-untyped-def]
    officer, editor = world.users[Role.UNIT_OFFICER], world.users[Role.CONTENT_EDITOR]
    client.force_login(officer)
    response = client.post(
        "/library/new/",
        {
            "kind": "news",
            "security_level": "public",
            "title": "Lễ hội Cửa Tùng",
            "body": "<p onclick='x()'>Nội dung</p>",
            "tags": "lễ hội, biển",
        },
    )
    item = Item.objects.get()
    assert response.headers["Location"] == f"/library/{item.pk}/"
    client.post(f"/library/{item.pk}/action/submit/")
    client.force_login(editor)
    client.post(f"/library/{item.pk}/action/return/", {"comment": "Thêm nguồn."})
    client.force_login(officer)
    page = client.get(f"/library/{item.pk}/edit/").content.decode()
    assert "Thêm nguồn." in page
    client.post(
        f"/library/{item.pk}/edit/",
        {
            "kind": "news",
            "security_level": "public",
            "title": "Lễ hội Cửa Tùng 2026",
            "body": "<p>Nội dung</p>",
            "source": "Sở Ngoại vụ",
        },
    )
    client.post(f"/library/{item.pk}/action/submit/")
    client.force_login(editor)
    client.post(f"/library/{item.pk}/action/approve/")
    response = client.post(f"/library/{item.pk}/action/publish/", {"at": ""})

    item.refresh_from_db()
    assert (item.state, item.source) == (ItemState.PUBLISHED, "Sở Ngoại vụ")
    assert item.translations.get().body == "<p>Nội dung</p>"
    assert "Lễ hội Cửa Tùng 2026" in client.get("/portal/vi/").content.decode()
    assert list(item.events.values_list("to_state", flat=True)) == [
        "submitted",
        "returned",
        "submitted",
        "approved",
        "published",
    ]


def test_a_refused_action_shows_the_reason_and_changes_nothing(client, world) -> None:  # type: ignore[no-untyped-def]
    officer, editor = world.users[Role.UNIT_OFFICER], world.users[Role.CONTENT_EDITOR]
    item = services.item_create(
        actor=officer, kind="news", title="Tin mật", security_level="secret"
    )
    services.item_submit(actor=officer, item=item)
    services.item_approve(actor=editor, item=item)
    client.force_login(editor)

    response = client.post(f"/library/{item.pk}/action/publish/", {"at": ""}, follow=True)

    assert (
        "Tin, bài có độ mật “Mật” không được đăng lên cổng thông tin công khai."
        in response.content.decode()
    )
    item.refresh_from_db()
    assert item.state == ItemState.APPROVED


def test_revisions_page_shows_a_word_diff(client, world) -> None:  # type: ignore[no-untyped-def]
    officer = world.users[Role.UNIT_OFFICER]
    item = services.item_create(
        actor=officer, kind="news", title="Đoàn Lào thăm tỉnh", body="<p>Ngày 5/3 đoàn tới.</p>"
    )
    services.translation_save(
        actor=officer,
        item=item,
        language="vi",
        title="Đoàn Lào thăm Quảng Trị",
        body="<p>Ngày 6/3 đoàn tới.</p>",
    )
    client.force_login(officer)

    html = client.get(f"/library/{item.pk}/lang/vi/revisions/").content.decode()

    assert "Đoàn Lào thăm <del>tỉnh</del> <ins>Quảng Trị</ins>" in html
    assert "Ngày <del>5/3</del> <ins>6/3</ins> đoàn tới." in html


def test_translation_status_names_missing_and_stale_languages(client, world, settings) -> None:  # type: ignore[no-untyped-def]
    settings.TTDN_LIBRARY_LANGUAGES = ["vi", "en", "fr"]
    officer = world.users[Role.UNIT_OFFICER]
    item = services.item_create(actor=officer, kind="news", title="Bản gốc")
    services.translation_save(actor=officer, item=item, language="en", title="Original")
    services.translation_save(actor=officer, item=item, language="vi", title="Bản gốc đã sửa")
    complete = services.item_create(actor=officer, kind="news", title="Đủ bản")
    services.translation_save(actor=officer, item=complete, language="en", title="Complete")
    services.translation_save(actor=officer, item=complete, language="fr", title="Complet")
    client.force_login(officer)

    from ttdn.library.selectors import translation_status

    rows = {row.item.pk: (row.missing, row.stale) for row in translation_status(user=officer)}
    assert rows == {item.pk: (("fr",), ("en",)), complete.pk: ((), ())}
    html = client.get("/library/translations/?incomplete=1").content.decode()
    assert "Bản gốc đã sửa" in html and "Đủ bản" not in html
    assert "cũ hơn bản gốc" in html


def test_translation_status_page_has_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    officer = world.users[Role.UNIT_OFFICER]
    for n in range(12):
        item = services.item_create(actor=officer, kind="news", title=f"Tin {n}")
        services.translation_save(actor=officer, item=item, language="en", title=f"News {n}")
    client.force_login(officer)

    with django_assert_max_num_queries(8):
        html = client.get("/library/translations/").content.decode()

    assert html.count('class="tr-missing"') == 12 * 4  # fr, zh, lo, km
    assert html.count('class="tr-current"') == 12


def test_item_and_translation_forms_load_the_editor_from_a_static_file(client, world) -> None:  # type: ignore[no-untyped-def]
    import re

    officer = world.users[Role.UNIT_OFFICER]
    item = services.item_create(actor=officer, kind="news", title="Tin Sở Ngoại vụ")
    client.force_login(officer)

    for url in ("/library/new/", f"/library/{item.pk}/edit/", f"/library/{item.pk}/lang/en/"):
        html = client.get(url).content.decode()
        body = re.search(r"<textarea [^>]*name=\"body\"[^>]*>", html)
        assert body is not None and "data-richtext" in body.group()
        assert "&quot;bold&quot;: [&quot;Đậm&quot;, &quot;Đậm (Ctrl+B)&quot;]" in body.group()
        assert '<script src="/static/library/richtext.js"></script>' in html
        assert 'href="/static/library/richtext.css"' in html
        # Every script is a file (none inline): a Content-Security-Policy may forbid inline code.
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []


def test_a_body_posted_without_the_editor_is_still_sanitised(client, world) -> None:  # type: ignore[no-untyped-def]
    officer = world.users[Role.UNIT_OFFICER]
    client.force_login(officer)

    response = client.post(
        "/library/new/",
        {
            "kind": "news",
            "security_level": "public",
            "title": "Tin có mã độc",
            "body": '<p onclick="x()">An <b>toàn</b></p><img src=x onerror="alert(1)"><script>1</script>',
        },
    )

    item = Item.objects.get()
    assert response.status_code == 302
    assert item.translations.get().body == "<p>An <b>toàn</b></p>"

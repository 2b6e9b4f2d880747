"""Workflow of the CSDL: draft → submitted → approved or returned (with comment) → published
(now or scheduled) → archived; every transition guarded, permission-checked and recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ttdn.core.errors import Conflict, PermissionDenied, ValidationFailed
from ttdn.library import services
from ttdn.library.models import Item, ItemState, Revision, SecurityLevel, WorkflowEvent
from ttdn.library.visibility import public_items
from ttdn.units.models import Role


def draft(world, **fields) -> Item:  # type: ignore[no-untyped-def]
    return services.item_create(
        actor=world.users[Role.UNIT_OFFICER],
        kind="news",
        title="Quảng Trị đón đoàn doanh nghiệp Lào",
        body="<p>Đoàn <b>doanh nghiệp</b></p><script>alert(1)</script>",
        tags=["Lào", "đầu tư"],
        **fields,
    )


def test_contributor_creates_a_draft_of_its_unit_with_sanitised_body(world) -> None:  # type: ignore[no-untyped-def]
    item = draft(world, places="Lao Bảo")

    assert (item.state, item.unit, item.source_language) == (
        ItemState.DRAFT,
        world.foreign_affairs,
        "vi",
    )
    translation = item.translations.get()
    assert translation.body == "<p>Đoàn <b>doanh nghiệp</b></p>"
    assert (
        translation.search_document
        == "Quảng Trị đón đoàn doanh nghiệp Lào Đoàn doanh nghiệp Lao Bảo Lào đầu tư"
    )
    assert sorted(item.tags.values_list("slug", flat=True)) == ["dau-tu", "lao"]
    assert list(Revision.objects.values_list("number", "title")) == [
        (1, "Quảng Trị đón đoàn doanh nghiệp Lào")
    ]


def test_the_whole_workflow_with_a_return_and_a_fix(world) -> None:  # type: ignore[no-untyped-def]
    officer, editor = world.users[Role.UNIT_OFFICER], world.users[Role.CONTENT_EDITOR]
    item = draft(world)

    services.item_submit(actor=officer, item=item)
    services.item_return(actor=editor, item=item, comment="Bổ sung nguồn tin.")
    item.refresh_from_db()
    assert (item.state, item.review_comment) == (ItemState.RETURNED, "Bổ sung nguồn tin.")
    services.item_update(actor=officer, item=item, changes={"source": "Sở Ngoại vụ"})
    services.item_submit(actor=officer, item=item)
    services.item_approve(actor=editor, item=item)
    services.item_publish(actor=editor, item=item)
    item.refresh_from_db()

    assert item.state == ItemState.PUBLISHED and item.review_comment == ""
    assert list(public_items()) == [item]
    assert list(
        WorkflowEvent.objects.values_list("from_state", "to_state", "actor__username", "comment")
    )[:4] == [
        ("draft", "submitted", "officer", ""),
        ("submitted", "returned", "editor", "Bổ sung nguồn tin."),
        ("returned", "submitted", "officer", ""),
        ("submitted", "approved", "editor", ""),
    ]
    assert item.history.first().history_user == editor


def test_a_scheduled_item_stays_off_the_portal_until_its_time(world) -> None:  # type: ignore[no-untyped-def]
    editor = world.users[Role.CONTENT_EDITOR]
    item = draft(world)
    services.item_submit(actor=world.users[Role.UNIT_OFFICER], item=item)
    services.item_approve(actor=editor, item=item)
    at = timezone.now() + dt.timedelta(days=2)

    services.item_publish(actor=editor, item=item, at=at)

    assert list(public_items()) == []
    assert list(public_items(now=at + dt.timedelta(seconds=1))) == [item]


def test_a_restricted_item_cannot_be_published(world) -> None:  # type: ignore[no-untyped-def]
    editor = world.users[Role.CONTENT_EDITOR]
    item = draft(world, security_level=SecurityLevel.RESTRICTED)
    services.item_submit(actor=world.users[Role.UNIT_OFFICER], item=item)
    services.item_approve(actor=editor, item=item)

    with pytest.raises(ValidationFailed, match="độ mật “Hạn chế” không được đăng"):
        services.item_publish(actor=editor, item=item)

    item.refresh_from_db()
    assert (item.state, item.published_at) == (ItemState.APPROVED, None)


def test_return_needs_a_comment_and_guards_refuse_wrong_steps(world) -> None:  # type: ignore[no-untyped-def]
    editor = world.users[Role.CONTENT_EDITOR]
    item = draft(world)
    with pytest.raises(Conflict, match="“Bản nháp”"):
        services.item_publish(actor=editor, item=item)
    services.item_submit(actor=world.users[Role.UNIT_OFFICER], item=item)
    with pytest.raises(ValidationFailed, match="Cần ghi ý kiến"):
        services.item_return(actor=editor, item=item, comment="  ")
    item.refresh_from_db()
    assert item.state == ItemState.SUBMITTED
    assert WorkflowEvent.objects.count() == 1


def test_units_cannot_review_nor_edit_other_units_items(world) -> None:  # type: ignore[no-untyped-def]
    officer = world.users[Role.UNIT_OFFICER]
    item = services.item_create(
        actor=world.users[Role.CONTENT_EDITOR],
        kind="news",
        title="Tin của Công an",
        unit=world.police,
    )
    services.item_submit(actor=world.users[Role.CONTENT_EDITOR], item=item)

    with pytest.raises(PermissionDenied):
        services.item_approve(actor=officer, item=item)
    with pytest.raises(PermissionDenied):
        services.translation_save(actor=officer, item=item, language="vi", title="Đổi tiêu đề")

    item.refresh_from_db()
    assert item.state == ItemState.SUBMITTED
    assert item.translations.get().title == "Tin của Công an"


def test_a_submitted_item_is_locked_for_its_unit(world) -> None:  # type: ignore[no-untyped-def]
    officer = world.users[Role.UNIT_OFFICER]
    item = draft(world)
    services.item_submit(actor=officer, item=item)

    with pytest.raises(PermissionDenied):
        services.translation_save(actor=officer, item=item, language="vi", title="Sửa sau khi gửi")
    assert item.translations.get().revision == 1


def test_translations_record_the_source_revision_they_follow(world) -> None:  # type: ignore[no-untyped-def]
    officer = world.users[Role.UNIT_OFFICER]
    item = draft(world)
    english = services.translation_save(
        actor=officer, item=item, language="en", title="Quang Tri welcomes Lao businesses"
    )
    services.translation_save(
        actor=officer, item=item, language="vi", title="Quảng Trị đón doanh nghiệp Lào"
    )
    source = item.translations.get(language="vi")

    assert (source.revision, english.source_revision) == (2, 1)
    with pytest.raises(ValidationFailed, match="không có trong danh sách"):
        services.translation_save(actor=officer, item=item, language="ja", title="x")


def test_the_publication_event_names_the_time_in_vietnam_time(world) -> None:  # type: ignore[no-untyped-def]
    editor = world.users[Role.CONTENT_EDITOR]
    item = draft(world)
    services.item_submit(actor=world.users[Role.UNIT_OFFICER], item=item)
    services.item_approve(actor=editor, item=item)
    at = dt.datetime(2030, 1, 2, 1, 30, tzinfo=dt.UTC)

    services.item_publish(actor=editor, item=item, at=at)

    assert item.events.last().comment == "Xuất bản lúc 08:30 02/01/2030"

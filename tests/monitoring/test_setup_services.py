"""The services behind the set-up pages: sources, alert rules, the topic taxonomy. Each refuses
the wrong people and bad input with a Vietnamese message and stores nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.conftest import World
from tests.monitoring.conftest import queued_jobs
from ttdn.core.errors import Conflict, PermissionDenied, ValidationFailed
from ttdn.monitoring import services, taxonomy
from ttdn.monitoring.analysis import analyze_pending, current_analyzer
from ttdn.monitoring.ingestion import Item, store_item
from ttdn.monitoring.models import AlertRule, Article, Source, SourceKind, Taxonomy
from ttdn.monitoring.taxonomy import TopicRule, expression_problem
from ttdn.units.models import Role

pytestmark = pytest.mark.django_db


def _rss(world: World, **changes: object) -> Source:
    fields: dict[str, object] = {
        "name": "Báo Quảng Trị",
        "kind": SourceKind.RSS,
        "url": "https://baoquangtri.vn/rss",
    }
    fields.update(changes)
    return services.source_create(actor=world.users[Role.COORDINATOR], **fields)


# Sources ------------------------------------------------------------------------------------


def test_a_source_is_created_edited_paused_and_audited(world: World) -> None:
    coord = world.users[Role.COORDINATOR]
    source = _rss(world, country="jp", language="en", foreign=True, poll_minutes=30)
    assert (source.country, source.language, source.foreign) == ("JP", "en", True)
    Source.objects.filter(pk=source.pk).update(etag='"v1"', consecutive_failures=3)
    changed = services.source_update(
        actor=coord, source=source, url="https://baoquangtri.vn/feed", outlet="Báo Quảng Trị"
    )
    # A new address starts without the old conditional-GET validator; the health is kept.
    assert (changed.url, changed.etag, changed.consecutive_failures) == (
        "https://baoquangtri.vn/feed",
        "",
        3,
    )
    paused = services.source_set_active(actor=coord, source=changed, active=False)
    assert paused.active is False
    assert [h.history_user for h in paused.history.all()] == [coord, coord, coord]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "  "}, "Cần nhập tên nguồn"),
        ({"url": ""}, "Nguồn tự động cần có địa chỉ"),
        ({"url": "ftp://a.vn/rss"}, "Địa chỉ nguồn phải bắt đầu bằng http:// hoặc https://"),
        ({"country": "XX"}, "Mã quốc gia “XX” không có trong danh mục ISO 3166"),
        ({"language": "de"}, "Ngôn ngữ “de” không hợp lệ"),
        ({"poll_minutes": 1}, "Chu kỳ lấy tin phải từ 5 đến 10080 phút"),
        ({"site_rules": {"text_xpath": "//div[@"}}, "Biểu thức XPath không hợp lệ"),
        ({"site_rules": {"colour": "red"}}, "Quy tắc riêng không biết khóa: colour"),
        ({"site_rules": []}, "Quy tắc riêng của trang phải là một đối tượng JSON"),
    ],
)
def test_bad_source_settings_are_refused_and_nothing_is_stored(
    world: World, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationFailed, match=message):
        _rss(world, **changes)
    assert Source.objects.count() == 0


def test_a_refused_edit_leaves_the_source_as_it_was(world: World) -> None:
    source = _rss(world)
    with pytest.raises(ValidationFailed, match="Chu kỳ lấy tin"):
        services.source_update(
            actor=world.users[Role.COORDINATOR], source=source, name="Tên mới", poll_minutes=0
        )
    source.refresh_from_db()
    assert (source.name, source.poll_minutes, source.history.count()) == ("Báo Quảng Trị", 60, 1)


@pytest.mark.parametrize("role", [Role.VIEWER, Role.UNIT_OFFICER, Role.CONTENT_EDITOR])
def test_only_monitoring_officers_manage_sources(
    world: World, role: str, queued: list, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    source = _rss(world)
    user = world.users[role]
    with pytest.raises(PermissionDenied):
        services.source_create(actor=user, name="X", kind=SourceKind.MANUAL)
    with pytest.raises(PermissionDenied):
        services.source_update(actor=user, source=source, name="Đổi tên")
    with pytest.raises(PermissionDenied):
        services.source_set_active(actor=user, source=source, active=False)
    with pytest.raises(PermissionDenied), django_capture_on_commit_callbacks(execute=True):
        services.source_check_now(actor=user, source=source)
    source.refresh_from_db()
    assert (Source.objects.count(), source.name, source.active) == (1, "Báo Quảng Trị", True)
    assert queued == []


def test_check_now_enqueues_one_poll_and_holds_the_scheduler_off(
    world: World, queued: list, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from ttdn.monitoring.tasks import claim_due_sources

    source = _rss(world)
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        services.source_check_now(actor=world.users[Role.COORDINATOR], source=source)
    assert queued_jobs(queued) == [("ttdn.monitoring.tasks.poll_one_source", [source.pk])]
    source.refresh_from_db()
    assert source.next_poll_at > before + services.CHECK_CLAIM - timezone.timedelta(seconds=5)
    assert claim_due_sources() == []  # the round of due sources leaves it to that poll
    manual = services.source_create(
        actor=world.users[Role.COORDINATOR], name="Báo in", kind=SourceKind.MANUAL
    )
    with pytest.raises(ValidationFailed, match="Chỉ kiểm tra được nguồn lấy tin tự động"):
        services.source_check_now(actor=world.users[Role.COORDINATOR], source=manual)


# Alert rules --------------------------------------------------------------------------------


def test_an_alert_rule_is_saved_with_its_recipients_and_edited(world: World) -> None:
    coord, viewer = world.users[Role.COORDINATOR], world.users[Role.VIEWER]
    source = _rss(world)
    rule = services.alert_rule_save(
        actor=coord,
        name="Biển đảo tiêu cực",
        topics=["chu-quyen-bien-dao"],
        sentiment="negative",
        source=source,
        keywords='"ngư dân" AND (trung OR china)',
        recipients=[coord, viewer],
    )
    assert (rule.topics, rule.topic_key, rule.sentiment, rule.source) == (
        ["chu-quyen-bien-dao"],
        "|chu-quyen-bien-dao|",
        "negative",
        source,
    )
    assert set(rule.recipients.all()) == {coord, viewer}
    edited = services.alert_rule_save(
        actor=coord, rule=rule, name="Mọi tin ưu tiên", priority_only=True, recipients=[coord]
    )
    assert (edited.pk, edited.topics, edited.keywords, edited.priority_only) == (
        rule.pk,
        [],
        "",
        True,
    )
    assert list(edited.recipients.all()) == [coord]
    off = services.alert_rule_set_active(actor=coord, rule=edited, active=False)
    assert AlertRule.objects.get(pk=off.pk).active is False


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Cần đặt tên cho quy tắc cảnh báo"),
        ({"topics": ["khong-co"]}, "Chủ đề không hợp lệ: khong-co"),
        ({"sentiment": "angry"}, "Sắc thái “angry” không hợp lệ"),
        (
            {"keywords": '"ngư dân" AND AND biển'},
            "Từ khóa: Không chờ “AND” ở đây \\(ký tự thứ 15: “AND”\\)",
        ),
        ({"recipients": []}, "Cần chọn ít nhất một người nhận"),
        ({"recipients": "officer"}, "Người nhận không được xem tin giám sát báo chí: officer"),
    ],
)
def test_bad_alert_rules_are_refused_and_nothing_is_stored(
    world: World, changes: dict[str, object], message: str
) -> None:
    fields: dict[str, object] = {"name": "Cảnh báo", "recipients": [world.users[Role.COORDINATOR]]}
    fields.update(changes)
    if fields["recipients"] == "officer":
        fields["recipients"] = [world.users[Role.UNIT_OFFICER]]
    with pytest.raises(ValidationFailed, match=message):
        services.alert_rule_save(actor=world.users[Role.COORDINATOR], **fields)  # type: ignore[arg-type]
    assert AlertRule.objects.count() == 0


def test_viewers_may_not_write_alert_rules(world: World) -> None:
    viewer = world.users[Role.VIEWER]
    with pytest.raises(PermissionDenied):
        services.alert_rule_save(actor=viewer, name="X", recipients=[viewer])
    assert AlertRule.objects.count() == 0


# Rule expressions and the taxonomy ----------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "shown"),
    [
        ('cảng OR "cảng biển" OR port*', None),
        ("cảng AND AND port", "Không chờ “AND” ở đây (ký tự thứ 10: “AND”)"),
        ("cảng biển", "Thừa “biển” trong biểu thức (ký tự thứ 6: “biển”)"),
        ("(a OR b)) OR c", "Thừa “)” trong biểu thức (ký tự thứ 9: “)”)"),
        ('a OR "ngư dân', 'Dấu ngoặc kép chưa đóng (ký tự thứ 6: “"”)'),
        ("(cảng OR port", "Thiếu dấu “)” (ở cuối biểu thức)"),
        ("cảng OR", "Biểu thức kết thúc giữa chừng (ở cuối biểu thức)"),
        ("- OR cảng", "Từ khóa “-” không có chữ (ký tự thứ 1: “-”)"),
    ],
)
def test_expression_errors_name_the_place(expression: str, shown: str | None) -> None:
    problem = expression_problem(expression)
    assert (str(problem) if problem else None) == shown


def _rules(*lines: tuple[float, str]) -> list[TopicRule]:
    return [TopicRule(expression, weight) for weight, expression in lines]


def test_a_new_topic_drives_the_analysis_and_keeps_the_old_version(world: World) -> None:
    coord = world.users[Role.COORDINATOR]
    assert taxonomy.taxonomy_current().version is None  # the default file
    first = taxonomy.topic_save(
        actor=coord,
        base_version=None,
        code="cang-bien",
        name="Cảng biển",
        rules=_rules((2, '"cảng biển" OR port*'), (1, "tàu")),
        new=True,
    )
    state = taxonomy.taxonomy_current()
    assert state.version == first.pk
    topic = state.topic("cang-bien")
    assert (topic.name, topic.min_score, topic.enabled) == ("Cảng biển", 2.0, True)
    assert topic.rules == (TopicRule('"cảng biển" OR port*', 2.0), TopicRule("tàu", 1.0))
    assert len(state.entries) == 13  # the 12 default topics and the new one
    source = _rss(world)
    store_item(
        source, Item(url="https://a.vn/1", title="Cảng biển mới", text="Khởi công cảng biển.")
    )
    analyze_pending()
    assert "cang-bien" in Article.objects.get().topics  # beside the default topics it meets
    second = taxonomy.topic_set_enabled(
        actor=coord, base_version=first.pk, code="cang-bien", enabled=False
    )
    assert list(Taxonomy.objects.values_list("pk", "active")) == [
        (second.pk, True),
        (first.pk, False),
    ]
    assert "cang-bien" not in {t.code for t in current_analyzer().taxonomy}
    back = taxonomy.taxonomy_current()
    assert back.topic("cang-bien").enabled is False
    assert back.topic("cang-bien").rules == topic.rules  # kept while switched off
    taxonomy.topic_set_enabled(actor=coord, base_version=second.pk, code="cang-bien", enabled=True)
    assert "cang-bien" in {t.code for t in current_analyzer().taxonomy}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": "Cảng Biển"}, "Mã chủ đề chỉ gồm chữ thường không dấu"),
        ({"code": "du-lich"}, "Mã chủ đề “du-lich” đã có"),
        ({"name": " "}, "Cần nhập tên chủ đề"),
        ({"min_score": 0}, "Điểm tối thiểu phải lớn hơn 0"),
        ({"rules": []}, "Chủ đề cần ít nhất một quy tắc"),
        (
            {"rules": _rules((1, "cảng"), (2, "(cảng OR port"))},
            "Quy tắc 2: Thiếu dấu “\\)” \\(ở cuối biểu thức\\)",
        ),
        ({"rules": _rules((11, "cảng"))}, "Quy tắc 1: trọng số phải lớn hơn 0 và không quá 10"),
    ],
)
def test_bad_topics_are_refused_and_no_version_is_stored(
    world: World, changes: dict[str, object], message: str
) -> None:
    fields: dict[str, object] = {
        "code": "cang-bien",
        "name": "Cảng biển",
        "rules": _rules((2, "cảng")),
        "new": True,
    }
    fields.update(changes)
    with pytest.raises(ValidationFailed, match=message):
        taxonomy.topic_save(actor=world.users[Role.COORDINATOR], base_version=None, **fields)  # type: ignore[arg-type]
    assert Taxonomy.objects.count() == 0


def test_topic_writes_are_refused_to_viewers_and_to_a_stale_page(world: World) -> None:
    coord = world.users[Role.COORDINATOR]
    with pytest.raises(PermissionDenied):
        taxonomy.topic_set_enabled(
            actor=world.users[Role.VIEWER], base_version=None, code="du-lich", enabled=False
        )
    assert Taxonomy.objects.count() == 0
    taxonomy.topic_set_enabled(actor=coord, base_version=None, code="du-lich", enabled=False)
    # A second page opened on the default table may not undo that change.
    with pytest.raises(Conflict, match="vừa được người khác sửa"):
        taxonomy.topic_save(
            actor=coord,
            base_version=None,
            code="xa-hoi",
            name="Xã hội",
            rules=_rules((2, "y tế")),
        )
    assert Taxonomy.objects.count() == 1
    with pytest.raises(ValidationFailed, match="Chủ đề “du-lich” đã tắt từ trước"):
        taxonomy.topic_set_enabled(
            actor=coord,
            base_version=Taxonomy.objects.get().pk,
            code="du-lich",
            enabled=False,
        )


def test_the_last_live_topic_cannot_be_switched_off(world: World) -> None:
    coord = world.users[Role.COORDINATOR]
    version = None
    codes = [t.code for t in taxonomy.taxonomy_current().topics()]
    for code in codes[:-1]:
        version = taxonomy.topic_set_enabled(
            actor=coord, base_version=version, code=code, enabled=False
        ).pk
    with pytest.raises(ValidationFailed, match="Phải còn ít nhất một chủ đề đang dùng"):
        taxonomy.topic_set_enabled(actor=coord, base_version=version, code=codes[-1], enabled=False)
    assert Taxonomy.objects.filter(active=True).get().pk == version


def test_trying_a_rule_lists_the_recent_articles_it_matches(world: World) -> None:
    source = _rss(world)
    store_item(
        source, Item(url="https://a.vn/1", title="Cảng biển", text="Khởi công cảng Mỹ Thủy.")
    )
    store_item(
        source, Item(url="https://a.vn/2", title="Du lịch", text="Du khách tới biển Cửa Tùng.")
    )
    store_item(
        source, Item(url="https://a.vn/3", title="Port", text="A new deep-water port opens.")
    )
    trial = taxonomy.rule_try(user=world.users[Role.VIEWER], expression="cảng OR port*")
    assert trial.scanned == 3
    assert [(a.url, hits) for a, hits in trial.matches] == [
        ("https://a.vn/3", ("port*",)),
        ("https://a.vn/1", ("cảng",)),
    ]
    with pytest.raises(ValidationFailed, match="ở cuối biểu thức"):
        taxonomy.rule_try(user=world.users[Role.VIEWER], expression="cảng AND")
    with pytest.raises(PermissionDenied):
        taxonomy.rule_try(user=world.users[Role.UNIT_OFFICER], expression="cảng")

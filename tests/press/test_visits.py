"""Visits: the request stored all or nothing, deadlines in working days, the guarded workflow,
unit scoping and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import World
from tests.press.conftest import D, T, programme, visit_args
from ttdn.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from ttdn.press.models import ProgrammeItem, Reporter, Visit, VisitStatus
from ttdn.press.selectors import visit_get_for_user, visits_for_user
from ttdn.press.services import (
    ProgrammeData,
    ReporterData,
    follow_up_add,
    visit_create,
    visit_programme_replace,
    visit_report_submit,
    visit_transition,
)
from ttdn.units.models import Role


def nothing_stored() -> None:
    assert Visit.objects.count() == 0
    assert Reporter.objects.count() == 0
    assert ProgrammeItem.objects.count() == 0


def test_create_stores_reporters_programme_and_working_day_deadlines(world: World) -> None:
    visit = visit_create(**visit_args(world))
    assert visit.status == VisitStatus.PROPOSED
    assert [r.full_name for r in visit.reporters.order_by("full_name")] == [
        "Sato Kenji",
        "Tanaka Yumi",
    ]
    assert set(visit.reporters.values_list("nationality", flat=True)) == {"JP"}
    assert [(p.day, p.place) for p in visit.programme.all()] == [
        (D(2026, 5, 11), "Cửa khẩu Lao Bảo"),
        (D(2026, 5, 12), "Thành cổ Quảng Trị"),
    ]
    assert list(visit.accompanying_units.all()) == [world.police]
    # 10 working days before Monday 11/5/2026: 8, 7, 6, 5, 4/5, 29, 28, 24, 23, 22/4 (27/4,
    # 30/4 and 1/5 are holidays).
    assert visit.apply_deadline == D(2026, 4, 22)
    # Received Monday 20/4; 10 working days (non-resident, NĐ 88/2012 in force on 20/4):
    # 21, 22, 23, 24, 28, 29/4, 4, 5, 6, 7/5.
    assert visit.answer_due == D(2026, 5, 7)
    # Ends Wednesday 13/5; 3 working days: 14, 15, 18/5.
    assert visit.report_due == D(2026, 5, 18)
    assert visit.legal_basis == "Nghị định 88/2012/NĐ-CP"
    assert list(visit.history.values_list("history_type", "history_user__username")) == [
        ("+", "officer")
    ]


def test_resident_reporter_after_the_new_decree_gets_five_working_days(world: World) -> None:
    visit = visit_create(
        **visit_args(
            world,
            received_on=D(2026, 8, 27),
            starts=D(2026, 9, 14),
            ends=D(2026, 9, 15),
            reporters=[ReporterData("Kim Min-jun", "KR", "Yonhap", resident=True)],
            programme=[],
        )
    )
    # Thursday 27/8/2026 + 5 working days: 28/8, 31/8, 3/9, 4/9, 7/9 (Quốc khánh 2/9 and,
    # by the rule's default for a Wednesday, 1/9 are off).
    assert visit.answer_due == D(2026, 9, 7)
    assert visit.legal_basis == "Nghị định 262/2026/NĐ-CP"


def test_resident_reporter_under_decree_88_gets_five_working_days(world: World) -> None:
    visit = visit_create(
        **visit_args(
            world,
            reporters=[ReporterData("Kim Min-jun", "KR", "Yonhap", resident=True)],
            programme=[],
        )
    )
    # NĐ 88/2012 Điều 13: received Monday 20/4/2026, 5 working days: 21, 22, 23, 24, 28/4
    # (27/4 is the Giỗ Tổ day off).
    assert visit.answer_due == D(2026, 4, 28)
    assert visit.legal_basis == "Nghị định 88/2012/NĐ-CP"


def test_programme_item_outside_the_visit_dates_is_refused(world: World) -> None:
    late = ProgrammeData(D(2026, 5, 14), T(9, 0), T(10, 0), "Cồn Cỏ")
    with pytest.raises(ValidationFailed) as error:
        visit_create(**visit_args(world, programme=[*programme(), late]))
    assert error.value.message == (
        "Mục chương trình ngày 14/05/2026 (Cồn Cỏ) nằm ngoài thời gian của đoàn "
        "(11/05/2026 – 13/05/2026)."
    )
    nothing_stored()


def test_unknown_country_code_is_refused(world: World) -> None:
    with pytest.raises(ValidationFailed) as error:
        visit_create(**visit_args(world, reporters=[ReporterData("John Roe", "XX", "CNN")]))
    assert error.value.message == (
        "Phóng viên John Roe: Mã quốc gia “XX” không có trong danh mục ISO 3166 "
        "(ví dụ: JP, KR, LA, US)."
    )
    nothing_stored()


def test_overlapping_programme_items_are_refused(world: World) -> None:
    clash = ProgrammeData(D(2026, 5, 11), T(10, 30), T(12, 0), "UBND huyện Hướng Hóa")
    with pytest.raises(ValidationFailed, match="trùng giờ: 08:30–11:00"):
        visit_create(**visit_args(world, programme=[*programme(), clash]))
    nothing_stored()


def test_the_same_visit_entered_twice_is_refused(world: World, visit: Visit) -> None:
    with pytest.raises(Conflict) as error:
        visit_create(**visit_args(world, starts=D(2026, 5, 12), ends=D(2026, 5, 14), programme=[]))
    assert error.value.message == (
        "Phóng viên Sato Kenji, Tanaka Yumi đã có trong đoàn “Phóng viên NHK tìm hiểu kinh tế "
        "cửa khẩu” (11/05/2026 – 13/05/2026), trùng thời gian với đoàn này."
    )
    assert Visit.objects.count() == 1
    assert Reporter.objects.count() == 2  # the same people, not copies
    assert ProgrammeItem.objects.count() == 2


def test_workflow_is_guarded_and_audited(world: World, visit: Visit) -> None:
    officer, leader = world.users[Role.UNIT_OFFICER], world.users[Role.UNIT_LEADER]
    with pytest.raises(PermissionDenied, match="Chỉ lãnh đạo đơn vị hướng dẫn"):
        visit_transition(
            actor=officer, visit=visit, action="approve", on=D(2026, 4, 24), document="1"
        )
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PROPOSED
    with pytest.raises(Conflict, match="đang ở trạng thái “Đề nghị”"):
        visit_transition(actor=officer, visit=visit, action="finish", on=D(2026, 5, 13))
    with pytest.raises(ValidationFailed, match="Cần nhập số văn bản"):
        visit_transition(actor=leader, visit=visit, action="approve", on=D(2026, 4, 24))
    visit = visit_transition(
        actor=leader, visit=visit, action="approve", on=D(2026, 4, 24), document="512/UBND-NC"
    )
    visit = visit_transition(actor=officer, visit=visit, action="start", on=D(2026, 5, 11))
    visit = visit_transition(actor=officer, visit=visit, action="finish", on=D(2026, 5, 13))
    assert (visit.status, visit.decision_document, visit.decided_on) == (
        VisitStatus.FINISHED,
        "512/UBND-NC",
        D(2026, 4, 24),
    )
    rows = list(
        visit.history.order_by("history_id").values_list("status", "history_user__username")
    )
    statuses = [row for i, row in enumerate(rows) if i == 0 or rows[i - 1] != row]
    assert statuses == [
        ("proposed", "officer"),
        ("approved", "leader"),
        ("in_progress", "officer"),
        ("finished", "officer"),
    ]
    visit_report_submit(actor=officer, visit=visit, text="Đã đưa 3 phóng sự.", on=D(2026, 5, 15))
    article = follow_up_add(
        actor=officer,
        parent=visit,
        title="Lao Bao border economic zone",
        url="https://www3.nhk.or.jp/nhkworld/lao-bao",
        outlet="NHK World",
        published_on=D(2026, 5, 20),
    )
    assert list(visit.follow_ups.all()) == [article]


def test_programme_change_refused_after_the_end(world: World, visit: Visit) -> None:
    officer = world.users[Role.UNIT_OFFICER]
    visit_programme_replace(actor=officer, visit=visit, programme=programme()[:1])
    assert visit.programme.count() == 1
    Visit.objects.filter(pk=visit.pk).update(status=VisitStatus.FINISHED)
    visit.refresh_from_db()
    with pytest.raises(Conflict):
        visit_programme_replace(actor=officer, visit=visit, programme=programme())
    assert visit.programme.count() == 1


def test_other_units_see_nothing_and_change_nothing(world: World, visit: Visit) -> None:
    from tests.factories import UnitFactory, UserFactory

    stranger = UserFactory(username="la", role=Role.UNIT_LEADER, unit=UnitFactory(code="T-STC"))
    with pytest.raises(NotFound):
        visit_get_for_user(user=stranger, pk=visit.pk)
    assert list(visits_for_user(user=stranger)) == []
    with pytest.raises(PermissionDenied):
        visit_transition(
            actor=stranger, visit=visit, action="approve", on=D(2026, 4, 24), document="1"
        )
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PROPOSED
    # the accompanying police unit reads it; the leadership viewer reads everything
    police_officer = UserFactory(username="ca", role=Role.UNIT_OFFICER, unit=world.police)
    assert visit_get_for_user(user=police_officer, pk=visit.pk) == visit
    assert list(visits_for_user(user=world.users[Role.VIEWER])) == [visit]
    with pytest.raises(PermissionDenied):
        visit_programme_replace(actor=police_officer, visit=visit, programme=[])
    assert visit.programme.count() == 2


def test_new_request_from_a_sub_unit_officer_is_scoped(world: World) -> None:
    from tests.factories import UserFactory

    centre_officer = UserFactory(username="tt", role=Role.UNIT_OFFICER, unit=world.fa_centre)
    with pytest.raises(PermissionDenied):
        visit_create(**visit_args(world, actor=centre_officer))
    nothing_stored()
    visit = visit_create(**visit_args(world, actor=centre_officer, unit=world.fa_centre))
    # the parent department's officer sees the sub-unit's visit
    assert visit_get_for_user(user=world.users[Role.UNIT_OFFICER], pk=visit.pk) == visit
    assert isinstance(visit.created_at, dt.datetime)


def test_foreign_press_conference_before_july_2026_needs_two_working_days(world: World) -> None:
    from ttdn.press.models import PressEvent
    from ttdn.press.services_events import press_event_create

    tz = dt.timezone(dt.timedelta(hours=7))
    args = {
        "actor": world.users[Role.UNIT_OFFICER],
        "unit": world.foreign_affairs,
        "kind": "conference",
        "title": "Họp báo của Tổ chức Plan International",
        "starts_at": dt.datetime(2026, 6, 11, 9, 0, tzinfo=tz),
        "place": "Đông Hà",
        "chair": "Giám đốc quốc gia",
        "topics": "Dự án nước sạch",
        "foreign_organiser": "Plan International",
    }
    with pytest.raises(ValidationFailed) as error:
        press_event_create(**args, notified_at=dt.datetime(2026, 6, 10, 8, 0, tzinfo=tz))
    assert error.value.message == (
        "Nghị định 88/2012/NĐ-CP: cơ quan, tổ chức nước ngoài phải thông báo trước 23:59 ngày "
        "09/06/2026."
    )
    assert PressEvent.objects.count() == 0
    row = press_event_create(**args, notified_at=dt.datetime(2026, 6, 9, 16, 0, tzinfo=tz))
    assert row.legal_basis == "Nghị định 88/2012/NĐ-CP"

"""Response cases (đấu tranh, phản bác, cung cấp thông tin): opening from a story, the status
flow, and what a unit sees in its "Việc của tôi".

mới → đang xử lý → đã phản hồi / đã cung cấp thông tin / không cần xử lý → đóng.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ttdn.core.errors import ValidationFailed
from ttdn.monitoring.models import CaseKind, CaseStatus, ResponseCase, Story
from ttdn.notifications.services import Message, notify
from ttdn.units.models import Role, Unit, User
from ttdn.units.selectors import unit_subtree_ids
from ttdn.units.services import require_perm, save_audited

S = CaseStatus
NEXT: dict[str, tuple[str, ...]] = {
    S.NEW: (S.IN_PROGRESS, S.NO_ACTION),
    S.IN_PROGRESS: (S.RESPONDED, S.INFORMED, S.NO_ACTION),
    S.RESPONDED: (S.CLOSED, S.IN_PROGRESS),
    S.INFORMED: (S.CLOSED, S.IN_PROGRESS),
    S.NO_ACTION: (S.CLOSED, S.IN_PROGRESS),
    S.CLOSED: (),
}
OPEN = (S.NEW, S.IN_PROGRESS)


@transaction.atomic
def case_open(
    *, actor: Any, story: Story, unit: Unit, kind: str, due_at: dt.datetime, instructions: str = ""
) -> ResponseCase:
    require_perm(actor, "monitoring.open_case")
    if kind not in CaseKind.values:
        raise ValidationFailed(f"Loại hồ sơ “{kind}” không hợp lệ")
    if timezone.is_naive(due_at):  # a time without an offset is Vietnam time (page and API)
        due_at = timezone.make_aware(due_at)
    case = ResponseCase(
        story=story, unit=unit, kind=kind, due_at=due_at, instructions=instructions,
        created_by=actor,
    )  # fmt: skip
    save_audited(case, actor)
    people = User.objects.filter(
        unit=unit, is_active=True, role__in=(Role.UNIT_OFFICER, Role.UNIT_LEADER)
    )
    notify(
        users=people,
        messages=[
            Message(
                key=f"monitoring-case:{case.pk}",
                kind="monitoring_case",
                title=f"Hồ sơ xử lý thông tin mới: {story.title[:150]}",
                body=f"{case.get_kind_display()}, hạn {due_at:%H:%M %d/%m/%Y}. {instructions}",
                url=f"/monitoring/cases/{case.pk}/",
            )
        ],
    )
    return case


@transaction.atomic
def case_move(
    *, actor: Any, case: ResponseCase, status: str, response_text: str = "", response_url: str = ""
) -> ResponseCase:
    require_perm(actor, "monitoring.work_case", case)
    if status not in NEXT.get(case.status, ()):
        raise ValidationFailed(
            f"Không chuyển được từ “{case.get_status_display()}” sang “{CaseStatus(status).label}”"
            if status in CaseStatus.values
            else f"Trạng thái “{status}” không hợp lệ"
        )
    if status in (S.RESPONDED, S.INFORMED) and not (response_text.strip() or response_url.strip()):
        raise ValidationFailed("Cần nhập nội dung hoặc đường dẫn phản hồi")
    case.status = status
    if response_text:
        case.response_text = response_text
    if response_url:
        case.response_url = response_url
    save_audited(case, actor)
    return case


def cases_for_unit_work(*, user: Any) -> QuerySet[ResponseCase]:
    """The open cases of the user's unit and sub-units ("Việc của tôi")."""
    if not user.is_authenticated or user.unit_id is None:
        return ResponseCase.objects.none()
    return (
        ResponseCase.objects.filter(unit_id__in=unit_subtree_ids(user.unit_id), status__in=OPEN)
        .select_related("story", "unit")
        .order_by("due_at", "pk")
    )


MY_CASES_SHOWN = 50


def case_get_for_user(*, user: Any, pk: int) -> ResponseCase:
    from ttdn.core.errors import NotFound

    case = ResponseCase.objects.select_related("story", "unit").filter(pk=pk).first()
    if case is None or not user.has_perm("monitoring.view_case", case):
        raise NotFound("Không tìm thấy hồ sơ")
    return case

"""Writes of delegations in and out (with the agreements signed) and of press events (press
conferences, periodic briefings). Keyword-only, permission inside, one transaction, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from ttdn.core.errors import ValidationFailed
from ttdn.press.countries import country_normalize
from ttdn.press.deadlines import press_notice_deadline
from ttdn.press.models import Agreement, Delegation, Direction, PressEvent, PressEventKind
from ttdn.press.services import _text
from ttdn.units.models import Unit
from ttdn.units.services import require_perm, save_audited


@dataclass(frozen=True)
class AgreementData:
    title: str
    signed_on: dt.date
    partner: str = ""


@transaction.atomic
def delegation_create(
    *,
    actor: Any,
    unit: Unit,
    direction: str,
    country: str,
    organisation: str,
    size: int,
    leader: str,
    starts: dt.date,
    ends: dt.date,
    purpose: str,
    programme: str = "",
    outcomes: str = "",
    agreements: Sequence[AgreementData] = (),
) -> Delegation:
    require_perm(actor, "press.keep_record", unit)
    if direction not in Direction.values:
        raise ValidationFailed("Loại đoàn phải là đoàn vào (in) hoặc đoàn ra (out).")
    if ends < starts:
        raise ValidationFailed("Ngày kết thúc phải từ ngày bắt đầu trở đi.")
    if size < 1:
        raise ValidationFailed("Số thành viên của đoàn phải từ 1 trở lên.")
    row = Delegation(
        unit=unit,
        direction=direction,
        country=country_normalize(country),
        organisation=_text(organisation, "cơ quan, tổ chức"),
        size=size,
        leader=_text(leader, "trưởng đoàn"),
        starts=starts,
        ends=ends,
        purpose=_text(purpose, "mục đích", limit=5000),
        programme=_text(programme, "chương trình", required=False, limit=20000),
        outcomes=_text(outcomes, "kết quả", required=False, limit=20000),
    )
    save_audited(row, actor)
    for agreement in agreements:
        if not starts <= agreement.signed_on <= ends:
            raise ValidationFailed(
                f"Văn bản “{agreement.title}” ký ngày {agreement.signed_on:%d/%m/%Y}, ngoài thời "
                f"gian của đoàn ({starts:%d/%m/%Y} – {ends:%d/%m/%Y})."
            )
        save_audited(
            Agreement(
                delegation=row,
                title=_text(agreement.title, "tên văn bản ký kết", limit=500),
                signed_on=agreement.signed_on,
                partner=_text(agreement.partner, "đối tác", required=False),
            ),
            actor,
        )
    return row


@transaction.atomic
def delegation_outcomes_update(*, actor: Any, delegation: Delegation, outcomes: str) -> Delegation:
    require_perm(actor, "press.keep_record", delegation)
    delegation.outcomes = _text(outcomes, "kết quả", limit=20000)
    save_audited(delegation, actor)
    return delegation


@transaction.atomic
def press_event_create(
    *,
    actor: Any,
    unit: Unit,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    place: str,
    chair: str,
    topics: str,
    information: str = "",
    outlets: Sequence[str] = (),
    foreign_organiser: str = "",
    notified_at: dt.datetime | None = None,
) -> PressEvent:
    """A foreign body's press conference gets its notice deadline from the rule in force;
    a notice later than that is refused, since it would record an unlawful event as normal."""
    require_perm(actor, "press.keep_record", unit)
    if kind not in PressEventKind.values:
        raise ValidationFailed(
            "Loại sự kiện phải là họp báo (conference) hoặc giao ban (briefing)."
        )
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    foreign_organiser = _text(foreign_organiser, "tổ chức nước ngoài", required=False)
    deadline, basis = (None, "")
    if foreign_organiser and kind == PressEventKind.CONFERENCE:
        deadline, basis = press_notice_deadline(starts_at)
        if deadline is not None and (notified_at is None or notified_at > deadline):
            raise ValidationFailed(
                f"{basis}: cơ quan, tổ chức nước ngoài phải thông báo trước "
                f"{timezone.localtime(deadline):%H:%M ngày %d/%m/%Y}."
            )
    row = PressEvent(
        unit=unit,
        kind=kind,
        title=_text(title, "tên sự kiện"),
        starts_at=starts_at,
        place=_text(place, "địa điểm"),
        chair=_text(chair, "người chủ trì"),
        topics=_text(topics, "chủ đề", limit=5000),
        information=_text(information, "thông tin cung cấp", required=False, limit=20000),
        outlets="\n".join(o.strip() for o in outlets if o and o.strip()),
        foreign_organiser=foreign_organiser,
        notified_at=notified_at,
        notice_deadline=deadline,
        legal_basis=basis,
    )
    save_audited(row, actor)
    return row

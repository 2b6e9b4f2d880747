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


def _delegation_apply(
    row: Delegation,
    *,
    direction: str,
    country: str,
    organisation: str,
    size: int,
    leader: str,
    starts: dt.date,
    ends: dt.date,
    purpose: str,
    programme: str,
    outcomes: str,
) -> None:
    """The checks of a delegation, the same when it is recorded and when it is corrected."""
    if direction not in Direction.values:
        raise ValidationFailed("Loại đoàn phải là đoàn vào (in) hoặc đoàn ra (out).")
    if ends < starts:
        raise ValidationFailed("Ngày kết thúc phải từ ngày bắt đầu trở đi.")
    if size < 1:
        raise ValidationFailed("Số thành viên của đoàn phải từ 1 trở lên.")
    row.direction = direction
    row.country = country_normalize(country)
    row.organisation = _text(organisation, "cơ quan, tổ chức")
    row.size = size
    row.leader = _text(leader, "trưởng đoàn")
    row.starts, row.ends = starts, ends
    row.purpose = _text(purpose, "mục đích", limit=5000)
    row.programme = _text(programme, "chương trình", required=False, limit=20000)
    row.outcomes = _text(outcomes, "kết quả", required=False, limit=20000)


def _agreement_clean(row: Delegation, agreement: AgreementData) -> AgreementData:
    title = _text(agreement.title, "tên văn bản ký kết", limit=500)
    if not row.starts <= agreement.signed_on <= row.ends:
        raise ValidationFailed(
            f"Văn bản “{title}” ký ngày {agreement.signed_on:%d/%m/%Y}, ngoài thời gian của "
            f"đoàn ({row.starts:%d/%m/%Y} – {row.ends:%d/%m/%Y})."
        )
    return AgreementData(
        title, agreement.signed_on, _text(agreement.partner, "đối tác", required=False)
    )


def _agreements_replace(actor: Any, row: Delegation, agreements: Sequence[AgreementData]) -> None:
    """The agreements become `agreements`: unchanged rows stay, the others go or come (each
    change in the audit trail)."""
    wanted = [_agreement_clean(row, a) for a in agreements]
    for old in row.agreements.all():
        same = AgreementData(old.title, old.signed_on, old.partner)
        if same in wanted:
            wanted.remove(same)
        else:
            old._history_user = actor  # type: ignore[attr-defined]
            old.delete()
    for agreement in wanted:
        save_audited(
            Agreement(
                delegation=row,
                title=agreement.title,
                signed_on=agreement.signed_on,
                partner=agreement.partner,
            ),
            actor,
        )


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
    row = Delegation(unit=unit)
    _delegation_apply(
        row, direction=direction, country=country, organisation=organisation, size=size,
        leader=leader, starts=starts, ends=ends, purpose=purpose, programme=programme,
        outcomes=outcomes,
    )  # fmt: skip
    save_audited(row, actor)
    _agreements_replace(actor, row, agreements)
    return row


@transaction.atomic
def delegation_update(
    *,
    actor: Any,
    delegation: Delegation,
    agreements: Sequence[AgreementData] | None = None,
    **fields: Any,
) -> Delegation:
    """Correct a delegation (every field but its host unit) with the checks of its creation;
    `agreements`, when given, replace the agreements signed. All or nothing."""
    require_perm(actor, "press.keep_record", delegation)
    row = Delegation.objects.select_for_update().get(pk=delegation.pk)
    current = {
        name: getattr(row, name)
        for name in ("direction", "country", "organisation", "size", "leader", "starts",
                     "ends", "purpose", "programme", "outcomes")
    }  # fmt: skip
    unknown = set(fields) - set(current)
    if unknown:
        raise ValidationFailed(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    _delegation_apply(row, **(current | fields))
    save_audited(row, actor)
    if agreements is None:  # the dates changed perhaps: the agreements must still fit them
        agreements = [AgreementData(a.title, a.signed_on, a.partner) for a in row.agreements.all()]
    _agreements_replace(actor, row, agreements)
    return row


@transaction.atomic
def delegation_outcomes_update(*, actor: Any, delegation: Delegation, outcomes: str) -> Delegation:
    require_perm(actor, "press.keep_record", delegation)
    delegation.outcomes = _text(outcomes, "kết quả", limit=20000)
    save_audited(delegation, actor)
    return delegation


PRESS_EVENT_FIELDS = (
    "kind", "title", "starts_at", "place", "chair", "topics", "information", "outlets",
    "foreign_organiser", "notified_at",
)  # fmt: skip


def _press_event_apply(
    row: PressEvent,
    *,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    place: str,
    chair: str,
    topics: str,
    information: str,
    outlets: Sequence[str],
    foreign_organiser: str,
    notified_at: dt.datetime | None,
) -> None:
    """A foreign body's press conference gets its notice deadline from the rule in force;
    a notice later than that is refused, since it would record an unlawful event as normal."""
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
    row.kind = kind
    row.title = _text(title, "tên sự kiện")
    row.starts_at = starts_at
    row.place = _text(place, "địa điểm")
    row.chair = _text(chair, "người chủ trì")
    row.topics = _text(topics, "chủ đề", limit=5000)
    row.information = _text(information, "thông tin cung cấp", required=False, limit=20000)
    row.outlets = "\n".join(o.strip() for o in outlets if o and o.strip())
    row.foreign_organiser = foreign_organiser
    row.notified_at = notified_at
    row.notice_deadline = deadline
    row.legal_basis = basis


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
    require_perm(actor, "press.keep_record", unit)
    row = PressEvent(unit=unit)
    _press_event_apply(
        row, kind=kind, title=title, starts_at=starts_at, place=place, chair=chair,
        topics=topics, information=information, outlets=outlets,
        foreign_organiser=foreign_organiser, notified_at=notified_at,
    )  # fmt: skip
    save_audited(row, actor)
    return row


@transaction.atomic
def press_event_update(*, actor: Any, event: PressEvent, **fields: Any) -> PressEvent:
    """Correct a press event (every field but its unit), checked as when it was recorded,
    the notice deadline recomputed from the new date."""
    require_perm(actor, "press.keep_record", event)
    unknown = set(fields) - set(PRESS_EVENT_FIELDS)
    if unknown:
        raise ValidationFailed(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    row = PressEvent.objects.select_for_update().get(pk=event.pk)
    current = {name: getattr(row, name) for name in PRESS_EVENT_FIELDS}
    current["outlets"] = row.outlet_list
    _press_event_apply(row, **(current | fields))
    save_audited(row, actor)
    return row

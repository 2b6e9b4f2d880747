"""Writes of foreign reporters' visits: the request with its reporters and programme (all or
nothing), the guarded workflow đề nghị → chấp thuận / từ chối → đang tác nghiệp → kết thúc, the
report after the programme and what the reporters published afterwards.

Every function is keyword-only, checks permission, runs in one transaction and is audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from itertools import pairwise
from typing import Any

from django.db import transaction

from ttdn.core.errors import Conflict, PermissionDenied, ValidationFailed
from ttdn.press.countries import country_normalize
from ttdn.press.deadlines import visit_deadlines
from ttdn.press.models import (
    VISIT_HISTORY,
    Channel,
    FollowUp,
    ProgrammeItem,
    Reporter,
    Visit,
    VisitStatus,
)
from ttdn.text.normalize import fold, nfc
from ttdn.units.models import Unit
from ttdn.units.services import audit_actor, require_perm, save_audited

S = VisitStatus
# transition → (from, to, permission)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "approve": ((S.PROPOSED,), S.APPROVED, "press.decide_visit"),
    "refuse": ((S.PROPOSED,), S.REFUSED, "press.decide_visit"),
    "start": ((S.APPROVED,), S.IN_PROGRESS, "press.keep_record"),
    "finish": ((S.IN_PROGRESS,), S.FINISHED, "press.keep_record"),
}
ACTION_LABELS = {
    "approve": "Chấp thuận",
    "refuse": "Từ chối",
    "start": "Bắt đầu tác nghiệp",
    "finish": "Kết thúc chương trình",
}


@dataclass(frozen=True)
class ReporterData:
    full_name: str
    nationality: str
    outlet: str
    press_card: str = ""
    permit: str = ""
    resident: bool = False


@dataclass(frozen=True)
class ProgrammeData:
    day: dt.date
    starts_at: dt.time
    ends_at: dt.time
    place: str
    meeting: str = ""
    content: str = ""


def _text(value: str, label: str, *, required: bool = True, limit: int = 255) -> str:
    cleaned = nfc(value or "").strip()
    if required and not cleaned:
        raise ValidationFailed(f"Cần nhập {label}.")
    if len(cleaned) > limit:
        raise ValidationFailed(f"{label[:1].upper()}{label[1:]} dài quá {limit} ký tự.")
    return cleaned


def _d(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _check_programme(items: Sequence[ProgrammeData], starts: dt.date, ends: dt.date) -> None:
    for item in items:
        if not starts <= item.day <= ends:
            raise ValidationFailed(
                f"Mục chương trình ngày {_d(item.day)} ({item.place}) nằm ngoài thời gian của "
                f"đoàn ({_d(starts)} – {_d(ends)})."
            )
        if item.ends_at <= item.starts_at:
            raise ValidationFailed(
                f"Mục chương trình ngày {_d(item.day)} ({item.place}): giờ kết thúc phải sau giờ "
                "bắt đầu."
            )
        _text(item.place, "địa điểm của mục chương trình")
    ordered = sorted(items, key=lambda i: (i.day, i.starts_at))
    for first, second in pairwise(ordered):
        if first.day == second.day and second.starts_at < first.ends_at:
            raise ValidationFailed(
                f"Hai mục chương trình ngày {_d(first.day)} trùng giờ: {first.starts_at:%H:%M}–"
                f"{first.ends_at:%H:%M} ({first.place}) và {second.starts_at:%H:%M}–"
                f"{second.ends_at:%H:%M} ({second.place})."
            )


def _clean_reporter(data: ReporterData) -> ReporterData:
    name = _text(data.full_name, "họ tên phóng viên", limit=200)
    try:
        country = country_normalize(data.nationality)
    except ValidationFailed as exc:
        raise ValidationFailed(f"Phóng viên {name}: {exc.message}") from exc
    return ReporterData(
        full_name=name,
        nationality=country,
        outlet=_text(data.outlet, f"cơ quan báo chí của phóng viên {name}", limit=200),
        press_card=_text(data.press_card, "số thẻ nhà báo", required=False, limit=50),
        permit=_text(data.permit, "số giấy phép", required=False, limit=50),
        resident=data.resident,
    )


def _reporter_save(actor: Any, data: ReporterData, *, exact: bool = False) -> Reporter:
    """The same person (same press card, or same name, outlet and nationality) is one row. A
    new request without numbers keeps those on file; a correction (`exact`) may clear them."""
    found = None
    if data.press_card:
        found = Reporter.objects.filter(press_card=data.press_card).first()
    if found is None:
        for candidate in Reporter.objects.filter(nationality=data.nationality):
            same_name = fold(candidate.full_name) == fold(data.full_name)
            if same_name and fold(candidate.outlet) == fold(data.outlet):
                found = candidate
                break
    reporter = found or Reporter()
    for field in ("full_name", "nationality", "outlet", "resident"):
        setattr(reporter, field, getattr(data, field))
    reporter.press_card = data.press_card if exact else data.press_card or reporter.press_card
    reporter.permit = data.permit if exact else data.permit or reporter.permit
    save_audited(reporter, actor)
    return reporter


def _check_overlap(
    reporters: Sequence[Reporter], starts: dt.date, ends: dt.date, exclude: int | None
) -> None:
    """A reporter cannot be in two live visits at the same time: the same request entered
    twice, or a second programme overlapping the first."""
    clash = (
        Visit.objects.filter(reporters__in=[r.pk for r in reporters if r.pk])
        .exclude(status=S.REFUSED)
        .filter(starts__lte=ends, ends__gte=starts)
        .exclude(pk=exclude)
        .prefetch_related("reporters")
        .first()
    )
    if clash is not None:
        names = ", ".join(r.full_name for r in clash.reporters.all() if r in reporters)
        raise Conflict(
            f"Phóng viên {names} đã có trong đoàn “{clash.title}” ({_d(clash.starts)} – "
            f"{_d(clash.ends)}), trùng thời gian với đoàn này."
        )


def _programme_save(actor: Any, visit: Visit, items: Sequence[ProgrammeData]) -> None:
    for item in items:
        row = ProgrammeItem(
            visit=visit,
            day=item.day,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            place=_text(item.place, "địa điểm"),
            meeting=_text(item.meeting, "người làm việc", required=False),
            content=_text(item.content, "nội dung", required=False, limit=5000),
        )
        save_audited(row, actor)


@transaction.atomic
def visit_create(
    *,
    actor: Any,
    unit: Unit,
    title: str,
    received_on: dt.date,
    channel: str,
    purpose: str,
    starts: dt.date,
    ends: dt.date,
    reporters: Sequence[ReporterData],
    programme: Sequence[ProgrammeData] = (),
    accompanying_units: Sequence[Unit] = (),
) -> Visit:
    """Store a request with its reporters and programme, or nothing with a clear message."""
    require_perm(actor, "press.keep_record", unit)
    title = _text(title, "tên đoàn")
    purpose = _text(purpose, "mục đích tác nghiệp", limit=5000)
    if channel not in Channel.values:
        raise ValidationFailed(f"Kênh tiếp nhận “{channel}” không hợp lệ.")
    if ends < starts:
        raise ValidationFailed("Ngày kết thúc phải từ ngày bắt đầu trở đi.")
    if received_on > ends:
        raise ValidationFailed("Ngày nhận đề nghị không thể sau ngày kết thúc chương trình.")
    if not reporters:
        raise ValidationFailed("Cần ít nhất một phóng viên.")
    cleaned = [_clean_reporter(r) for r in reporters]
    _check_programme(programme, starts, ends)
    saved = [_reporter_save(actor, r) for r in cleaned]
    _check_overlap(saved, starts, ends, exclude=None)
    deadlines = visit_deadlines(
        received_on=received_on, starts=starts, ends=ends, resident=all(r.resident for r in cleaned)
    )
    visit = Visit(
        unit=unit,
        title=title,
        received_on=received_on,
        channel=channel,
        purpose=purpose,
        starts=starts,
        ends=ends,
        apply_deadline=deadlines.apply_deadline,
        answer_due=deadlines.answer_due,
        report_due=deadlines.report_due,
        legal_basis=deadlines.legal_basis,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    visit.skip_history_when_saving = True  # type: ignore[attr-defined]
    save_audited(visit, actor)
    visit.reporters.set(saved)
    visit.accompanying_units.set([u for u in accompanying_units if u.pk != unit.pk])
    del visit.skip_history_when_saving  # type: ignore[attr-defined]
    VISIT_HISTORY.create_historical_record(visit, "+")  # one record: the request with its lists
    _programme_save(actor, visit, programme)
    return visit


@transaction.atomic
def visit_programme_replace(
    *, actor: Any, visit: Visit, programme: Sequence[ProgrammeData]
) -> Visit:
    """Replace the programme (a change of programme); refused once the visit has ended."""
    require_perm(actor, "press.keep_record", visit)
    if visit.status in (S.FINISHED, S.REFUSED):
        raise Conflict("Đoàn đã kết thúc hoặc bị từ chối: không sửa chương trình được nữa.")
    _check_programme(programme, visit.starts, visit.ends)
    for row in visit.programme.all():
        row._history_user = actor  # type: ignore[attr-defined]
        row.delete()
    _programme_save(actor, visit, programme)
    return visit


# Reporters are named one by one in the approving document: after it, another reporter is another
# request. The units that go along may change until the programme ends (a unit joins on day 2).
REPORTERS_EDITABLE = (S.PROPOSED,)
UNITS_EDITABLE = (S.PROPOSED, S.APPROVED, S.IN_PROGRESS)


def _as_data(reporter: Reporter) -> ReporterData:
    return ReporterData(
        reporter.full_name, reporter.nationality, reporter.outlet, reporter.press_card,
        reporter.permit, reporter.resident,
    )  # fmt: skip


def _reporters_replace(actor: Any, visit: Visit, reporters: Sequence[ReporterData]) -> None:
    """The visit's reporters become `reporters`, checked as in the request; a residency change
    moves the answer deadline (5 or 10 working days)."""
    if not reporters:
        raise ValidationFailed("Cần ít nhất một phóng viên.")
    cleaned = [_clean_reporter(r) for r in reporters]
    current = list(visit.reporters.all())
    if visit.status not in REPORTERS_EDITABLE:
        if sorted(map(astuple, cleaned)) == sorted(astuple(_as_data(r)) for r in current):
            return  # the same list sent back with the units: nothing to refuse
        raise Conflict(
            f"Đoàn đang ở trạng thái “{visit.get_status_display()}”: chỉ sửa được phóng viên "
            "khi đoàn còn là đề nghị (văn bản chấp thuận ghi tên từng phóng viên; phóng viên "
            "khác cần một đề nghị mới)."
        )
    saved = [_reporter_save(actor, r, exact=True) for r in cleaned]
    _check_overlap(saved, visit.starts, visit.ends, exclude=visit.pk)
    visit.reporters.set(saved)  # a row corrected away stays in the register: the trail names it
    if all(r.resident for r in cleaned) != all(r.resident for r in current):
        deadlines = visit_deadlines(
            received_on=visit.received_on, starts=visit.starts, ends=visit.ends,
            resident=all(r.resident for r in cleaned),
        )  # fmt: skip
        visit.answer_due, visit.legal_basis = deadlines.answer_due, deadlines.legal_basis
        save_audited(visit, actor)


def _audited_state(visit: Visit) -> tuple[object, ...]:
    return (
        sorted(visit.reporters.values_list("pk", flat=True)),
        sorted(visit.accompanying_units.values_list("pk", flat=True)),
        visit.answer_due,
        visit.legal_basis,
    )


@transaction.atomic
def visit_people_update(
    *,
    actor: Any,
    visit: Visit,
    reporters: Sequence[ReporterData] | None = None,
    accompanying_units: Sequence[Unit] | None = None,
) -> Visit:
    """Correct the reporters (while the visit is requested) and the accompanying units (until
    the programme ends), with the checks of the request; None leaves a list as it is. All or
    nothing; each change of either list is a record of the visit's audit trail."""
    require_perm(actor, "press.keep_record", visit)
    locked = Visit.objects.select_for_update().get(pk=visit.pk)
    locked._history_user = audit_actor(actor)  # type: ignore[attr-defined]
    if accompanying_units is not None and locked.status not in UNITS_EDITABLE:
        raise Conflict(
            f"Đoàn đang ở trạng thái “{locked.get_status_display()}”: không sửa đơn vị phối "
            "hợp, tháp tùng được nữa."
        )
    before = _audited_state(locked)
    locked.skip_history_when_saving = True  # type: ignore[attr-defined]
    if reporters is not None:
        _reporters_replace(actor, locked, reporters)
    if accompanying_units is not None:
        locked.accompanying_units.set([u for u in accompanying_units if u.pk != locked.unit_id])
    del locked.skip_history_when_saving  # type: ignore[attr-defined]
    if _audited_state(locked) != before:  # one record per correction, not one per list step
        VISIT_HISTORY.create_historical_record(locked, "~")
    return locked


@transaction.atomic
def visit_transition(
    *,
    actor: Any,
    visit: Visit,
    action: str,
    on: dt.date,
    document: str = "",
    note: str = "",
) -> Visit:
    """One guarded step of the workflow; who and when go to the audit trail."""
    if action not in TRANSITIONS:
        raise ValidationFailed(f"Thao tác “{action}” không hợp lệ.")
    sources, target, perm = TRANSITIONS[action]
    try:
        require_perm(actor, perm, visit)
    except PermissionDenied as exc:
        if action in ("approve", "refuse"):
            raise PermissionDenied(
                "Chỉ lãnh đạo đơn vị hướng dẫn ghi nhận việc chấp thuận hoặc từ chối."
            ) from exc
        raise
    locked = Visit.objects.select_for_update().get(pk=visit.pk)
    if locked.status not in sources:
        raise Conflict(
            f"Không thể “{ACTION_LABELS[action]}” khi đoàn đang ở trạng thái "
            f"“{locked.get_status_display()}”."
        )
    if action in ("approve", "refuse"):
        locked.decision_document = _text(document, "số văn bản chấp thuận / từ chối", limit=100)
        locked.decided_on = on
        locked.decision_note = _text(note, "ghi chú", required=False, limit=5000)
    locked.status = target
    save_audited(locked, actor)
    return locked


@transaction.atomic
def visit_report_submit(*, actor: Any, visit: Visit, text: str, on: dt.date) -> Visit:
    require_perm(actor, "press.keep_record", visit)
    if visit.status != S.FINISHED:
        raise Conflict("Chỉ báo cáo kết quả sau khi đoàn kết thúc chương trình.")
    visit.report_text = _text(text, "nội dung báo cáo", limit=20000)
    visit.reported_on = on
    save_audited(visit, actor)
    return visit


@transaction.atomic
def follow_up_add(
    *,
    actor: Any,
    parent: Any,
    title: str,
    url: str = "",
    outlet: str = "",
    published_on: dt.date | None = None,
    monitoring_ref: str = "",
) -> FollowUp:
    """An article published after a visit or a press event (a visit: once it has started)."""
    require_perm(actor, "press.keep_record", parent)
    if isinstance(parent, Visit) and parent.status in (S.PROPOSED, S.REFUSED, S.APPROVED):
        raise Conflict("Chỉ ghi nhận bài đăng khi đoàn đã tác nghiệp.")
    url = _text(url, "đường dẫn", required=False, limit=1000)
    if url and not url.lower().startswith(("http://", "https://")):
        raise ValidationFailed("Đường dẫn phải bắt đầu bằng http:// hoặc https://.")
    row = FollowUp(
        title=_text(title, "tiêu đề bài đăng", limit=500),
        url=url,
        outlet=_text(outlet, "cơ quan báo chí", required=False, limit=200),
        published_on=published_on,
        monitoring_ref=_text(monitoring_ref, "mục giám sát", required=False, limit=100),
    )
    if isinstance(parent, Visit):
        row.visit = parent
    else:
        row.press_event = parent
    save_audited(row, actor)
    return row

"""Writes of the activities registry: an activity with the fields of its kind (checked per
kind), attaching it to plan tasks as evidence, photos. Keyword-only, permission inside, one
transaction, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from ttdn.activities.models import (
    Activity,
    ActivityEvidence,
    ActivityKind,
    ActivityPhoto,
    Condition,
)
from ttdn.core.errors import ValidationFailed
from ttdn.plans.models import Task
from ttdn.press.services import _text
from ttdn.units.models import Unit
from ttdn.units.services import require_perm, save_audited

K = ActivityKind
TEXT_FIELDS = (
    "place",
    "description",
    "trainers",
    "materials",
    "languages",
    "distribution",
    "content",
    "organiser",
    "results",
)
# what each kind must say, beyond the title and the dates
REQUIRED: dict[str, tuple[str, ...]] = {
    K.TRAINING: ("place", "participants"),
    K.CONFERENCE: ("place", "participants"),
    K.PUBLICATION: ("languages", "print_run"),
    K.BILLBOARD: ("place", "latitude", "longitude", "content", "installed_on"),
    K.EXHIBITION: ("place",),
    K.COMPETITION: ("organiser",),
    K.AWARD: ("organiser", "results"),
    K.CULTURAL: ("place",),
}
LABELS = {
    "place": "địa điểm",
    "participants": "số người tham dự",
    "languages": "ngôn ngữ",
    "print_run": "số lượng in",
    "latitude": "vĩ độ",
    "longitude": "kinh độ",
    "content": "nội dung pa-nô",
    "installed_on": "ngày lắp đặt",
    "organiser": "cơ quan tổ chức",
    "results": "kết quả, giải thưởng",
}
PHOTO_SIGNATURES = ((b"\xff\xd8\xff", "jpg"), (b"\x89PNG\r\n\x1a\n", "png"))


def _coordinate(value: Any, label: str, limit: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", ".")).quantize(Decimal("0.000001"))
    except InvalidOperation as exc:
        raise ValidationFailed(
            f"{label[:1].upper()}{label[1:]} “{value}” không phải là số."
        ) from exc
    if not -limit <= number <= limit:
        raise ValidationFailed(
            f"{label[:1].upper()}{label[1:]} phải trong khoảng −{limit} đến {limit}."
        )
    return number


def _apply(activity: Activity, fields: dict[str, Any]) -> None:
    unknown = set(fields) - {
        *TEXT_FIELDS,
        "participants",
        "print_run",
        "latitude",
        "longitude",
        "installed_on",
        "maintained_on",
        "condition",
    }
    if unknown:
        raise ValidationFailed(f"Trường không hợp lệ: {', '.join(sorted(unknown))}.")
    for name in TEXT_FIELDS:
        if name in fields:
            setattr(
                activity,
                name,
                _text(fields[name] or "", LABELS.get(name, name), required=False, limit=20000),
            )
    for name in ("participants", "print_run"):
        if name in fields:
            value = fields[name]
            if value is not None and (not isinstance(value, int) or value < 0):
                raise ValidationFailed(
                    f"{LABELS[name][:1].upper()}{LABELS[name][1:]} phải là số không âm."
                )
            setattr(activity, name, value)
    if "latitude" in fields:
        activity.latitude = _coordinate(fields["latitude"], "vĩ độ", 90)
    if "longitude" in fields:
        activity.longitude = _coordinate(fields["longitude"], "kinh độ", 180)
    for name in ("installed_on", "maintained_on"):
        if name in fields:
            setattr(activity, name, fields[name])
    if "condition" in fields:
        if fields["condition"] not in ("", *Condition.values):
            raise ValidationFailed(f"Tình trạng “{fields['condition']}” không hợp lệ.")
        activity.condition = fields["condition"]


def _check_kind(activity: Activity) -> None:
    missing = [
        LABELS[name] for name in REQUIRED[activity.kind] if getattr(activity, name) in (None, "")
    ]
    if missing:
        raise ValidationFailed(f"{activity.get_kind_display()} cần có: {', '.join(missing)}.")
    if (
        activity.maintained_on
        and activity.installed_on
        and activity.maintained_on < activity.installed_on
    ):
        raise ValidationFailed("Ngày bảo trì không thể trước ngày lắp đặt.")


@transaction.atomic
def activity_create(
    *,
    actor: Any,
    unit: Unit,
    kind: str,
    title: str,
    starts: dt.date,
    ends: dt.date | None = None,
    tasks: Sequence[Task] = (),
    **fields: Any,
) -> Activity:
    require_perm(actor, "activities.keep_activity", unit)
    if kind not in K.values:
        raise ValidationFailed(f"Loại hoạt động “{kind}” không hợp lệ.")
    ends = ends or starts
    if ends < starts:
        raise ValidationFailed("Ngày kết thúc phải từ ngày bắt đầu trở đi.")
    activity = Activity(
        unit=unit, kind=kind, title=_text(title, "tên hoạt động"), starts=starts, ends=ends
    )
    activity.created_by = actor if getattr(actor, "is_authenticated", False) else None
    _apply(activity, fields)
    _check_kind(activity)
    save_audited(activity, actor)
    if tasks:
        activity_attach_tasks(actor=actor, activity=activity, tasks=tasks)
    return activity


@transaction.atomic
def activity_update(
    *,
    actor: Any,
    activity: Activity,
    title: str | None = None,
    starts: dt.date | None = None,
    ends: dt.date | None = None,
    **fields: Any,
) -> Activity:
    """Correct the title, the dates or the kind's fields (a billboard's maintenance and
    condition, a print run, …), with the checks of its creation. The unit and the kind stay:
    another kind is another activity (its required fields differ)."""
    require_perm(actor, "activities.keep_activity", activity)
    if title is not None:
        activity.title = _text(title, "tên hoạt động")
    if starts is not None:
        activity.starts = starts
    if ends is not None:
        activity.ends = ends
    if activity.ends < activity.starts:
        raise ValidationFailed("Ngày kết thúc phải từ ngày bắt đầu trở đi.")
    _apply(activity, fields)
    _check_kind(activity)
    save_audited(activity, actor)
    return activity


def _task_units(task: Task) -> set[int]:
    return set(task.assignments.exclude(unit__isnull=True).values_list("unit_id", flat=True))


@transaction.atomic
def activity_attach_tasks(*, actor: Any, activity: Activity, tasks: Sequence[Task]) -> Activity:
    """Attach the activity as evidence of plan tasks its unit is assigned to (lead or support);
    an administrator may attach it to any task."""
    require_perm(actor, "activities.keep_activity", activity)
    from ttdn.units.rules import is_admin
    from ttdn.units.selectors import unit_subtree_ids

    if not is_admin(actor):
        own = unit_subtree_ids(activity.unit_id)
        for task in tasks:
            if not (_task_units(task) & own):
                raise ValidationFailed(
                    f"Nhiệm vụ {task.ref or task.order} không giao cho {activity.unit}: không gắn "
                    "hoạt động làm minh chứng được."
                )
    attached = set(activity.evidence.values_list("task_id", flat=True))
    for task in tasks:
        if task.pk not in attached:
            save_audited(ActivityEvidence(activity=activity, task=task), actor)
            attached.add(task.pk)
    return activity


def _photo_kind(head: bytes) -> str | None:
    return next((ext for sig, ext in PHOTO_SIGNATURES if head.startswith(sig)), None)


@transaction.atomic
def activity_photo_add(
    *, actor: Any, activity: Activity, upload: UploadedFile, caption: str = ""
) -> ActivityPhoto:
    """A JPEG or PNG photo (checked by content, not by name), at most TTDN_EVIDENCE_MAX_MB."""
    require_perm(actor, "activities.keep_activity", activity)
    limit = settings.TTDN_EVIDENCE_MAX_MB * 1024 * 1024
    if upload.size is None or upload.size > limit:
        raise ValidationFailed(f"Ảnh lớn hơn {settings.TTDN_EVIDENCE_MAX_MB} MB.")
    head = upload.read(16)
    upload.seek(0)
    ext = _photo_kind(head)
    if ext is None:
        raise ValidationFailed("Chỉ nhận ảnh JPEG hoặc PNG.")
    upload.name = f"hoat-dong-{activity.pk}.{ext}"
    photo = ActivityPhoto(
        activity=activity,
        file=upload,
        caption=_text(caption, "chú thích", required=False),
        size=upload.size,
    )
    save_audited(photo, actor)
    return photo

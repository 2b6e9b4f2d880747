"""Read an object's audit trail (django-simple-history) as rows a person can follow."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Fields that change with every save and tell a reader nothing (the optimistic-lock counter).
BOOKKEEPING = frozenset({"version"})
ACTIONS = {"+": _("Tạo mới"), "~": _("Sửa"), "-": _("Xóa")}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryRow:
    when: dt.datetime
    who: str
    action: str
    changes: tuple[FieldChange, ...]


def field_label(model: Any, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a field removed since the record was written
        return name


def value_shown(
    value: object, model: Any = None, name: str = "", names: dict[Any, str] | None = None
) -> str:
    """The value as people read it: a choice's label ("Đang thực hiện") not its code, a
    person's or unit's name not its id, a time in Vietnam time as dd/mm/yyyy."""
    if value in (None, ""):
        return "—"
    try:
        field = model._meta.get_field(name) if model is not None else None
    except Exception:  # a field removed since the record was written
        field = None
    if field is not None and field.is_relation and field.many_to_one:
        key = (field.related_model, value)
        if names is not None and key not in names:
            names[key] = str(field.related_model._default_manager.filter(pk=value).first() or value)
        return names[key] if names is not None else str(value)
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%H:%M %d/%m/%Y}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, bool):
        return str(_("có") if value else _("không"))
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    return str(choices.get(value, value))


def history_rows(instance: Any, *, limit: int = 200) -> list[HistoryRow]:
    """Newest first; each row lists the fields that changed against the previous record."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_id")[: limit + 1]
    )
    rows = []
    names: dict[Any, str] = {}  # related rows already named, so each is read once
    for record, older in zip(records, [*records[1:], None], strict=False):
        if len(rows) == limit:
            break
        changes: tuple[FieldChange, ...] = ()
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older)
            changes = tuple(
                FieldChange(
                    field_label(type(instance), c.field),
                    value_shown(c.old, type(instance), c.field, names),
                    value_shown(c.new, type(instance), c.field, names),
                )
                for c in delta.changes
                if c.field not in BOOKKEEPING
            )
        user = record.history_user
        rows.append(
            HistoryRow(
                when=record.history_date,
                who=str(user) if user else str(_("Hệ thống")),
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                changes=changes,
            )
        )
    return rows

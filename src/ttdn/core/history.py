"""Read an object's audit trail (django-simple-history) as rows a person can follow."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

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


def _label(model: Any, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a field removed since the record was written
        return name


def _show(value: object, model: Any = None, name: str = "") -> str:
    """The value as people read it: a choice's label ("Đang thực hiện"), not its code."""
    if value in (None, ""):
        return "—"
    try:
        choices = dict(model._meta.get_field(name).flatchoices) if model is not None else {}
    except Exception:  # a field removed since the record was written
        choices = {}
    return str(choices.get(value, value))


def history_rows(instance: Any, *, limit: int = 200) -> list[HistoryRow]:
    """Newest first; each row lists the fields that changed against the previous record."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_id")[: limit + 1]
    )
    rows = []
    for record, older in zip(records, [*records[1:], None], strict=False):
        if len(rows) == limit:
            break
        changes: tuple[FieldChange, ...] = ()
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older)
            changes = tuple(
                FieldChange(
                    _label(type(instance), c.field),
                    _show(c.old, type(instance), c.field),
                    _show(c.new, type(instance), c.field),
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

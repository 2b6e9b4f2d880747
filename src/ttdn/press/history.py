"""A visit's audit trail as people read it: the fields that changed, as `core.history` shows
them, plus who was added to or removed from its reporters and accompanying units, by name (the
generic reader knows only the rows of those lists)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils.translation import gettext as _

from ttdn.core.history import (
    ACTIONS,
    BOOKKEEPING,
    FieldChange,
    HistoryRow,
    field_label,
    value_shown,
)
from ttdn.press.models import Visit

MEMBERS = {"reporters": "reporter", "accompanying_units": "unit"}  # list → its row's target


def _members(records: list[Any], field: str) -> dict[int, str]:
    """Each audit record's reporters (or units) by name, for all the records in one query."""
    target = MEMBERS[field]
    through = apps.get_model("press", f"HistoricalVisit_{field}")
    rows = through.objects.filter(history__in=records).select_related(target)
    names: dict[int, list[str]] = {}
    for row in rows:
        names.setdefault(row.history_id, []).append(str(getattr(row, target)))
    return {key: ", ".join(sorted(value)) for key, value in names.items()}


def _changes(
    record: Any, older: Any, members: dict[str, dict[int, str]], names: dict[Any, str]
) -> tuple[FieldChange, ...]:
    delta = record.diff_against(older, excluded_fields=list(MEMBERS))
    changes = [
        FieldChange(
            field_label(Visit, c.field),
            value_shown(c.old, Visit, c.field, names),
            value_shown(c.new, Visit, c.field, names),
        )
        for c in delta.changes
        if c.field not in BOOKKEEPING
    ]
    for field, by_record in members.items():
        old, new = by_record.get(older.history_id, "—"), by_record.get(record.history_id, "—")
        if old != new:
            changes.append(FieldChange(field_label(Visit, field), old, new))
    return tuple(changes)


def visit_history(*, visit: Visit, limit: int = 200) -> list[HistoryRow]:
    """Newest first, like `core.history.history_rows`; a fixed number of queries."""
    records = list(
        visit.history.select_related("history_user").order_by("-history_id")[: limit + 1]
    )
    members = {field: _members(records, field) for field in MEMBERS}
    names: dict[Any, str] = {}
    rows = []
    for record, older in zip(records[:limit], [*records[1:], None], strict=False):
        changes: tuple[FieldChange, ...] = ()
        if older is not None and record.history_type == "~":
            changes = _changes(record, older, members, names)
        user = record.history_user
        rows.append(
            HistoryRow(
                when=record.history_date,
                who=str(user) if user else _("Hệ thống"),
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                changes=changes,
            )
        )
    return rows

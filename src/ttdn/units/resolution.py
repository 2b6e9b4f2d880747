"""The pure UnitResolver fed from the database: unit mentions in documents → Unit rows.

The resolver index is rebuilt only when the unit list or its aliases changed (checked through
the audit trail's latest ids), so resolving a plan's hundred mentions costs one cheap query.
"""

from __future__ import annotations

import datetime as dt
import threading

from django.conf import settings
from django.db.models import Max

from ttdn.text.unit_resolver import Resolution, UnitRecord, UnitResolver
from ttdn.units.models import Unit, UnitAlias

_lock = threading.Lock()
_cache: dict[str, object] = {}


def _version() -> tuple[object, ...]:
    units = Unit.history.aggregate(last=Max("history_id"))["last"]
    aliases = UnitAlias.history.aggregate(last=Max("history_id"))["last"]
    return (units, aliases)


def unit_records() -> list[UnitRecord]:
    aliases: dict[int, list[str]] = {}
    for unit_id, text in UnitAlias.objects.values_list("unit_id", "text"):
        aliases.setdefault(unit_id, []).append(text)
    return [
        UnitRecord(
            code=unit.code,
            name=unit.name,
            aliases=tuple([unit.short_name] if unit.short_name else [])
            + tuple(aliases.get(unit.pk, [])),
            kind=unit.kind,
            province=unit.province or None,
            valid_from=unit.valid_from,
            valid_to=unit.valid_to,
        )
        for unit in Unit.objects.only(
            "pk", "code", "name", "short_name", "kind", "province", "valid_from", "valid_to"
        )
    ]


def unit_resolver() -> UnitResolver:
    version = _version()
    with _lock:
        if _cache.get("version") != version:
            _cache["resolver"] = UnitResolver(
                unit_records(), province=settings.TTDN_PROVINCE or None
            )
            _cache["version"] = version
        resolver = _cache["resolver"]
    assert isinstance(resolver, UnitResolver)
    return resolver


def unit_resolve(*, text: str, province: str = "", on: dt.date | None = None) -> Resolution:
    return unit_resolver().resolve(text, on=on, province=province or None)

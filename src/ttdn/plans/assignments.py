"""Unit mentions of one plan → units: the officer's choices first, then the aliases officers
saved before, then the resolver with the plan's province and date.

A city plan's "UBND tỉnh" must mean its own province's UBND, and a 2023 plan's "Sở Thông tin
và Truyền thông" the department as it was then: the province comes from the issuer (its unit
when it resolves, else the province it names, else the place of the date line, else
TTDN_PROVINCE) and the date from the plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import takewhile

from django.conf import settings

from ttdn.plans.models import ResolutionStatus
from ttdn.plans.parsing import ParsedPlan
from ttdn.text.normalize import fold, nfc
from ttdn.text.unit_resolver import UnitResolver
from ttdn.units.models import AliasSource, Unit, UnitAlias
from ttdn.units.resolution import unit_resolver


@dataclass(frozen=True)
class PlanContext:
    """Where and when a plan speaks: what its unit mentions are resolved against."""

    issuer_unit: Unit | None
    province: str
    on: dt.date | None


@dataclass(frozen=True)
class Mention:
    text: str
    status: str
    unit_id: int | None
    candidates: tuple[str, ...] = ()  # unit codes, best first


def plan_context(parsed: ParsedPlan) -> PlanContext:
    document = parsed.document
    on = document.date or (dt.date(document.year, 1, 1) if document.year else None)
    resolver = unit_resolver()
    issuer_unit = None
    if document.issuer:
        best = resolver.resolve(document.issuer, on=on).best
        issuer_unit = Unit.objects.filter(code=best.code).first() if best else None
    province = (
        (issuer_unit.province if issuer_unit else "")
        or resolver.province_in(document.issuer or "")
        or named_province(document.issuer or "")
        or resolver.province_in(document.place or "")
        or settings.TTDN_PROVINCE
    )
    return PlanContext(issuer_unit, province, on)


def named_province(issuer: str) -> str | None:
    """The province an issuer names even when no unit of it is registered ("UBND tỉnh Thừa
    Thiên Huế"): its units must not be read as the home province's."""
    words = [word.strip(",;.()") for word in nfc(issuer).split()]
    for i, word in enumerate(words):
        if word == "tỉnh":  # lower case: "Tỉnh ủy" is a body, not a locality
            name = list(takewhile(lambda w: w[:1].isupper(), words[i + 1 : i + 5]))
            if name:
                return " ".join(name)
    return None


class PlanMentions:
    """Resolves every mention of a plan with a fixed number of queries, whatever its size."""

    def __init__(self, context: PlanContext, mappings: dict[str, int] | None = None) -> None:
        self.context = context
        self.mappings = {fold(text): unit_id for text, unit_id in (mappings or {}).items()}
        self._resolver: UnitResolver = unit_resolver()

    def resolve_all(self, texts: Iterable[str]) -> dict[str, Mention]:
        shown = {nfc(text).strip() for text in texts if text and text.strip()}
        aliases = self._officer_aliases({fold(text) for text in shown})
        found: dict[str, Mention] = {}
        pending: dict[str, tuple[str, tuple[str, ...]]] = {}  # text → (status, codes)
        for text in shown:
            unit_id = self.mappings.get(fold(text)) or aliases.get(fold(text))
            if unit_id is not None:
                found[text] = Mention(text, ResolutionStatus.RESOLVED, unit_id)
                continue
            resolution = self._resolver.resolve(
                text, on=self.context.on, province=self.context.province
            )
            pending[text] = (resolution.status, tuple(c.code for c in resolution.candidates))
        ids = dict(
            Unit.objects.filter(
                code__in={code for _, codes in pending.values() for code in codes}
            ).values_list("code", "pk")
        )
        for text, (status, codes) in pending.items():
            unit_id = ids.get(codes[0]) if status == ResolutionStatus.RESOLVED else None
            found[text] = Mention(text, status, unit_id, codes)
        return found

    def _officer_aliases(self, folded: set[str]) -> dict[str, int]:
        """Names an officer mapped before, when they mean one unit of this plan's province."""
        units: dict[str, set[int]] = {}
        rows = UnitAlias.objects.filter(source=AliasSource.OFFICER, folded__in=folded).values_list(
            "folded", "unit_id", "unit__province"
        )
        province = fold(self.context.province)
        for key, unit_id, unit_province in rows:
            if not unit_province or fold(unit_province) == province:
                units.setdefault(key, set()).add(unit_id)
        return {key: ids.pop() for key, ids in units.items() if len(ids) == 1}

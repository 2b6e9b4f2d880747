"""The officer's wording of a compiled report's free-text parts (II tồn tại, khó khăn; III
phương hướng; IV đề xuất, kiến nghị), saved per period and issuer and laid over the suggested
text by `report_build`, so the browser, the command line and the appendix agree."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db import transaction

from ttdn.core.errors import ValidationFailed
from ttdn.reporting.compiled.access import report_require_edit
from ttdn.reporting.compiled.model import ReportData
from ttdn.reporting.models import CompiledReportText, ReportingPeriod
from ttdn.text.normalize import nfc
from ttdn.units.models import Unit
from ttdn.units.services import save_audited

PARTS = {
    "difficulties": "Tồn tại, hạn chế, khó khăn",
    "next_steps": "Phương hướng, nhiệm vụ kỳ tới",
    "proposals": "Đề xuất, kiến nghị",
}
MAX_PART = 20_000


def paragraphs(text: str) -> tuple[str, ...]:
    """One paragraph per non-empty line, spaces tidied."""
    return tuple(" ".join(line.split()) for line in text.splitlines() if line.strip())


def compiled_text_get(*, period: ReportingPeriod, unit: Unit | None) -> CompiledReportText | None:
    return CompiledReportText.objects.filter(period=period, unit=unit).first()


def compiled_text_apply(data: ReportData, text: CompiledReportText | None) -> ReportData:
    """`data` with each part the officer wrote in place of the suggested one."""
    if text is None:
        return data
    changes = {part: paragraphs(getattr(text, part)) for part in PARTS if getattr(text, part)}
    return dataclasses.replace(data, **changes) if changes else data


@transaction.atomic
def compiled_text_save(
    *,
    user: Any,
    period: ReportingPeriod,
    unit: Unit | None,
    difficulties: str,
    next_steps: str,
    proposals: str,
) -> CompiledReportText:
    """Save the three parts (an empty one goes back to the suggested text); audited."""
    report_require_edit(user, unit)
    values = {"difficulties": difficulties, "next_steps": next_steps, "proposals": proposals}
    for part, value in values.items():
        if len(value) > MAX_PART:
            limit = f"{MAX_PART:,}".replace(",", ".")
            raise ValidationFailed(
                f"Phần “{PARTS[part]}” dài quá {limit} ký tự.", details={"field": part}
            )
    text = CompiledReportText.objects.select_for_update().filter(
        period=period, unit=unit
    ).first() or CompiledReportText(period=period, unit=unit)
    for part, value in values.items():
        setattr(text, part, "\n".join(paragraphs(nfc(value))))
    text.updated_by = user if getattr(user, "is_authenticated", False) else None
    save_audited(text, user)
    return text

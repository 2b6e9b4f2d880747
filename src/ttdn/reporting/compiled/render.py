"""Rendering a report: the data into a docxtpl template (the default one or a province's own),
the two charts inserted as inline images, the result as .docx bytes; and the whole build
(data, charts, document, appendix) that the command and the benchmark run."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from ttdn.reporting.compiled.access import report_require_view
from ttdn.reporting.compiled.appendix import appendix_xlsx
from ttdn.reporting.compiled.charts import section_chart, timeliness_chart
from ttdn.reporting.compiled.data import province_report_data, unit_report_data
from ttdn.reporting.compiled.model import ReportData
from ttdn.reporting.compiled.template import default_template, template_validate
from ttdn.reporting.compiled.templates_store import report_template_active
from ttdn.reporting.compiled.texts import compiled_text_apply, compiled_text_get
from ttdn.reporting.models import ReportingPeriod
from ttdn.units.models import Unit

CHART_WIDTH = Mm(150)


def report_context(data: ReportData, template: DocxTemplate) -> dict[str, Any]:
    """The template's context: every field of ReportData by name, plus the charts."""
    context = {field.name: getattr(data, field.name) for field in dataclasses.fields(data)}
    sections = section_chart(data.section_bars, title="Tình hình thực hiện nhiệm vụ theo lĩnh vực")
    timeliness = timeliness_chart(data.timeliness_bars, title=data.timeliness_chart_title)
    context["chart_sections"] = InlineImage(template, io.BytesIO(sections), width=CHART_WIDTH)
    context["chart_timeliness"] = InlineImage(template, io.BytesIO(timeliness), width=CHART_WIDTH)
    return context


def report_docx(data: ReportData, *, template: bytes | None = None) -> bytes:
    """The report as .docx bytes; a province's own `template` is checked first."""
    if template is not None:
        template_validate(template)
    document = DocxTemplate(io.BytesIO(template or default_template()))
    document.render(report_context(data, document), autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class BuiltReport:
    data: ReportData
    docx: bytes
    xlsx: bytes


def report_data(
    *,
    user: Any | None,
    period: ReportingPeriod,
    unit: Unit | None = None,
    today: dt.date | None = None,
    suggested: bool = False,
) -> ReportData:
    """What the province report of the period (or `unit`'s own report) says, with the
    free-text parts the officer saved (`compiled.texts`) in place of the suggested ones
    (`suggested`: the suggested ones only).

    `user` None is the server console (`ttdn report build`); a user needs the dashboard's
    right for the province report, and the right to see the unit's reports for a unit's.
    """
    if user is not None:
        report_require_view(user, unit)
    if unit is None:
        data = province_report_data(period=period, today=today)
    else:
        data = unit_report_data(period=period, unit=unit, today=today)
    if suggested:
        return data
    return compiled_text_apply(data, compiled_text_get(period=period, unit=unit))


def report_build(
    *,
    user: Any | None,
    period: ReportingPeriod,
    unit: Unit | None = None,
    today: dt.date | None = None,
    template: bytes | None = None,
) -> BuiltReport:
    """`report_data` as .docx (the active template of its kind unless `template` is given)
    and its .xlsx appendix."""
    data = report_data(user=user, period=period, unit=unit, today=today)
    return BuiltReport(data, report_document(data, template=template), appendix_xlsx(data))


def report_document(data: ReportData, *, template: bytes | None = None) -> bytes:
    """`data` as .docx with `template`, else the active template of the report's kind."""
    if template is None:
        template = report_template_active(kind=data.kind)
    return report_docx(data, template=template)

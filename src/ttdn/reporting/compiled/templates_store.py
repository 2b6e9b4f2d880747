"""The report templates administrators upload in place of the built-in one: upload (checked with
`template_validate` first, so a refused file is never stored and the active one stays), reuse of
an older upload, return to the built-in template; and the selectors `render` reads.

At most one template of each kind ("province", "unit") is active; none active means the built-in
template (`template.default_template`), which is also what an administrator downloads to start
editing in Word.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from ttdn.core.errors import ValidationFailed
from ttdn.reporting.compiled.template import default_template, template_validate
from ttdn.reporting.models import ReportTemplate
from ttdn.units.services import require_perm, save_audited

logger = logging.getLogger(__name__)

MAX_TEMPLATE_BYTES = 10 * 1024 * 1024
PERM = "reporting.manage_templates"
DEFAULT_FILE_NAMES = {
    ReportTemplate.Kind.PROVINCE: "mau-bao-cao-cua-tinh.docx",
    ReportTemplate.Kind.UNIT: "mau-bao-cao-cua-don-vi.docx",
}


def _kind(kind: str) -> str:
    if kind not in ReportTemplate.Kind.values:
        raise ValidationFailed(
            f"Loại báo cáo “{kind}” không hợp lệ; chọn “province” (báo cáo của tỉnh) hoặc "
            "“unit” (báo cáo của đơn vị)."
        )
    return kind


def _deactivate(kind: str, actor: Any, *, keep: ReportTemplate | None = None) -> None:
    """Deactivate the active template of `kind` (one save each, so the history records it)."""
    active = ReportTemplate.objects.select_for_update().filter(kind=kind, active=True)
    for template in active.exclude(pk=keep.pk) if keep is not None else active:
        template.active = False
        save_audited(template, actor)


def report_template_upload(*, user: Any, kind: str, name: str, data: bytes) -> ReportTemplate:
    """Store `data` as the active template of `kind` (the previous one stays, inactive).

    A file `template_validate` refuses (not a .docx, broken XML, a malformed tag, an unknown
    placeholder) raises ValidationFailed; nothing is stored and the active template is kept."""
    require_perm(user, PERM)
    kind = _kind(kind)
    name = " ".join(name.split())
    if not name:
        raise ValidationFailed("Nhập tên của mẫu báo cáo.")
    if len(name) > 200:
        raise ValidationFailed("Tên mẫu báo cáo dài quá 200 ký tự.")
    if not data:
        raise ValidationFailed("Tệp mẫu báo cáo rỗng.")
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ValidationFailed(
            f"Tệp mẫu báo cáo lớn quá {MAX_TEMPLATE_BYTES // (1024 * 1024)} MB; hãy bỏ bớt hình "
            "ảnh trong mẫu."
        )
    template_validate(data)
    template = ReportTemplate(kind=kind, name=name, uploaded_by=user, active=True)
    template.file.save(f"{kind}.docx", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            _deactivate(kind, user)
            save_audited(template, user)
    except Exception:
        template.file.delete(save=False)
        raise
    return template


def report_template_activate(*, user: Any, template: ReportTemplate) -> ReportTemplate:
    """Make an earlier upload the active template of its kind again (checked again first, as the
    placeholders the data offers may have changed since it was uploaded)."""
    require_perm(user, PERM)
    template_validate(_read(template))
    with transaction.atomic():
        _deactivate(template.kind, user, keep=template)
        template.active = True
        save_audited(template, user)
    return template


def report_template_default(*, user: Any, kind: str) -> None:
    """Go back to the built-in template for `kind`: no stored template of that kind is active."""
    require_perm(user, PERM)
    kind = _kind(kind)
    with transaction.atomic():
        _deactivate(kind, user)


def _read(template: ReportTemplate) -> bytes:
    try:
        with template.file.open("rb") as handle:
            return bytes(handle.read())
    except OSError as exc:
        raise ValidationFailed(
            f"Không đọc được tệp của mẫu báo cáo “{template.name}” ({template.file.name})."
        ) from exc


def report_template_active(*, kind: str) -> bytes | None:
    """The active stored template of `kind` as .docx bytes, or None for the built-in one."""
    template = ReportTemplate.objects.filter(kind=_kind(kind), active=True).first()
    if template is None:
        return None
    try:
        return _read(template)
    except ValidationFailed:
        # A file removed from the server must not stop every report: the built-in one is used.
        logger.error("report template %s: file %s is missing", template.pk, template.file.name)
        return None


def report_template_default_bytes(kind: str) -> bytes:
    """The built-in template (the same file for both kinds: it branches on `kind`), for an
    administrator to download and edit in Word."""
    _kind(kind)
    return default_template()

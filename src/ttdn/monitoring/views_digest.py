"""The "Báo cáo tổng hợp dư luận báo chí" downloads of the dashboard's period: Word in the
official format, the figures in Excel, and PDF when the server has LibreOffice (thin: the
digest module reads and writes)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from ttdn.core.errors import NotFound, ValidationFailed
from ttdn.core.office import DOCX, PDF, XLSX, docx_to_pdf
from ttdn.monitoring.digest import digest_data, digest_xlsx
from ttdn.monitoring.digest_docx import digest_docx
from ttdn.monitoring.views import _period

FORMATS = ("docx", "xlsx", "pdf")
MAX_DAYS = 3 * 366


@login_required
def digest_download(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in FORMATS:
        raise NotFound("Không có bản tổng hợp ở định dạng này.")
    since, until = _period(request)
    if since > until:
        raise ValidationFailed("Ngày bắt đầu của bản tổng hợp phải trước hoặc bằng ngày kết thúc.")
    if (until - since).days >= MAX_DAYS:
        raise ValidationFailed("Bản tổng hợp lập cho một khoảng thời gian tối đa 3 năm.")
    digest = digest_data(user=request.user, since=since, until=until)
    if kind == "xlsx":
        content, mime = digest_xlsx(digest), XLSX
    elif kind == "pdf":
        content, mime = docx_to_pdf(digest_docx(digest)), PDF
    else:
        content, mime = digest_docx(digest), DOCX
    response = HttpResponse(content, content_type=mime)
    name = f"tong-hop-du-luan-{since:%Y%m%d}-{until:%Y%m%d}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

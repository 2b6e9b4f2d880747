"""Staff pages for bulk work: import an .xlsx sheet plus a .zip of images (preview, then all or
nothing) and export a selection as .xlsx or .zip. The uploads wait between the two steps in a
private folder under MEDIA_ROOT named in the session, and are checked again on confirmation."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ttdn.core.errors import ApplicationError
from ttdn.core.office import XLSX
from ttdn.library import bulk
from ttdn.units.services import require_perm

SESSION_KEY = "library_import"
MAX_SHEET_MB = 20


class ImportForm(forms.Form):
    sheet = forms.FileField(label=gettext_lazy("Bảng tính (.xlsx)"))
    files = forms.FileField(label=gettext_lazy("Tệp ảnh kèm theo (.zip, nếu có)"), required=False)


def _folder(token: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "library" / "imports" / token


def _preview(request: HttpRequest, token: str) -> bulk.ImportPreview:
    folder = _folder(token)
    sheet = (folder / "sheet.xlsx").read_bytes()
    archive = folder / "files.zip"
    files = bulk.files_from_zip(archive.read_bytes()) if archive.exists() else {}
    return bulk.import_preview(actor=request.user, sheet=sheet, files=files)


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "library.bulk_items")
    form = ImportForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        sheet, archive = form.cleaned_data["sheet"], form.cleaned_data["files"]
        try:
            if sheet.size > MAX_SHEET_MB * 1024 * 1024:
                raise ApplicationError(_("Bảng tính quá %(mb)s MB.") % {"mb": MAX_SHEET_MB})
            if archive and archive.size > bulk.MAX_ARCHIVE_MB * 1024 * 1024:
                raise ApplicationError(_("Tệp nén quá %(mb)s MB.") % {"mb": bulk.MAX_ARCHIVE_MB})
            token = uuid.uuid4().hex
            folder = _folder(token)
            folder.mkdir(parents=True)
            (folder / "sheet.xlsx").write_bytes(sheet.read())
            if archive:
                (folder / "files.zip").write_bytes(archive.read())
            preview = _preview(request, token)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            request.session[SESSION_KEY] = token
    return render(request, "library/import.html", {"form": form, "preview": preview})


@require_POST
@login_required
def import_confirm(request: HttpRequest) -> HttpResponse:
    token = request.session.get(SESSION_KEY, "")
    if not token or not _folder(token).exists():
        messages.error(request, _("Phiên nhập đã hết; hãy tải bảng tính lên lại."))
        return redirect("library:import")
    try:
        items = bulk.import_commit(actor=request.user, preview=_preview(request, token))
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("library:import")
    shutil.rmtree(_folder(token), ignore_errors=True)
    del request.session[SESSION_KEY]
    messages.success(request, _("Đã nhập %(n)s tin, bài (bản nháp).") % {"n": len(items)})
    return redirect("library:items")


@require_POST
@login_required
def export(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    items = bulk.items_for_export(actor=request.user, ids=ids)
    if not items:
        messages.error(request, _("Hãy chọn ít nhất một tin, bài để xuất."))
        return redirect("library:items")
    if request.POST.get("format") == "zip":
        response = HttpResponse(bulk.export_zip(items), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="csdl-ttdn.zip"'
        return response
    response = HttpResponse(
        bulk.export_xlsx(items),
        content_type=XLSX,
    )
    response["Content-Disposition"] = 'attachment; filename="csdl-ttdn.xlsx"'
    return response

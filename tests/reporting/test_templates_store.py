"""Stored report templates: an upload the check accepts becomes the one `report_build` uses, a
refused one is not stored and leaves the active one in use, an older one can be reused, the
built-in one restored; only administrators and the coordinating agency manage them; the admin
upload form and actions."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from tests.reporting.conftest import Tracked
from ttdn.core.errors import PermissionDenied, ValidationFailed
from ttdn.reporting.compiled.render import report_build
from ttdn.reporting.compiled.template import default_template
from ttdn.reporting.compiled.templates_store import (
    report_template_activate,
    report_template_active,
    report_template_default,
    report_template_default_bytes,
    report_template_upload,
)
from ttdn.reporting.models import ReportTemplate

YEAR = "Năm 2026"
HEADING = "II. TỒN TẠI, HẠN CHẾ"


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _edited(old: str, new: str, source: bytes | None = None) -> bytes:
    """The default template with `old` replaced by `new` in word/document.xml."""
    source = source or default_template()
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(output, "w") as zout:
        for entry in zin.infolist():
            data = zin.read(entry.filename)
            if entry.filename == "word/document.xml":
                text = data.decode()
                assert old in text
                data = text.replace(old, new).encode()
            zout.writestr(entry, data)
    return output.getvalue()


def _headings(tracked: Tracked, unit=None) -> list[str]:  # type: ignore[no-untyped-def]
    built = report_build(user=None, period=tracked.periods[YEAR], unit=unit)
    texts = [p.text for p in Document(io.BytesIO(built.docx)).paragraphs]
    return [t for t in texts if t[:3] in ("I. ", "II.", "III", "IV.")]


def _upload(tracked: Tracked, wording: str, kind: str = "province", user: str = "coordinator"):  # type: ignore[no-untyped-def]
    return report_template_upload(
        user=tracked.world.users[user],
        kind=kind,
        name=f"Mẫu {wording}",
        data=_edited(HEADING, f"II. {wording}"),
    )


def test_an_uploaded_template_is_the_one_report_build_uses(tracked: Tracked) -> None:
    assert HEADING in _headings(tracked)  # the built-in template
    template = _upload(tracked, "HẠN CHẾ VÀ NGUYÊN NHÂN")
    assert (template.kind, template.active, template.name) == (
        "province",
        True,
        "Mẫu HẠN CHẾ VÀ NGUYÊN NHÂN",
    )
    assert template.uploaded_by == tracked.world.users["coordinator"]
    assert template.file.name.startswith("report-templates/")
    assert report_template_active(kind="province") == _edited(HEADING, "II. HẠN CHẾ VÀ NGUYÊN NHÂN")
    assert _headings(tracked) == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. HẠN CHẾ VÀ NGUYÊN NHÂN",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    # A unit's report keeps the built-in template: the kinds are separate.
    assert report_template_active(kind="unit") is None
    assert HEADING in _headings(tracked, unit=tracked.world.foreign_affairs)


def test_a_new_upload_replaces_the_active_one_and_an_older_one_can_be_reused(
    tracked: Tracked,
) -> None:
    first = _upload(tracked, "HẠN CHẾ")
    second = _upload(tracked, "KHÓ KHĂN, VƯỚNG MẮC")
    first.refresh_from_db()
    assert (first.active, second.active) == (False, True)
    assert "II. KHÓ KHĂN, VƯỚNG MẮC" in _headings(tracked)
    report_template_activate(user=tracked.world.users["admin"], template=first)
    second.refresh_from_db()
    assert list(ReportTemplate.objects.filter(active=True)) == [first]
    assert not second.active
    assert "II. HẠN CHẾ" in _headings(tracked)
    # Every change of `active` is in the history, with its author.
    assert [h.active for h in first.history.order_by("history_id")] == [True, False, True]
    assert first.history.latest().history_user == tracked.world.users["admin"]


def test_an_unknown_placeholder_is_refused_and_the_active_template_stays(tracked: Tracked) -> None:
    kept = _upload(tracked, "HẠN CHẾ VÀ NGUYÊN NHÂN")
    files = sorted(p.name for p in Path(kept.file.path).parent.iterdir())
    with pytest.raises(ValidationFailed) as caught:
        report_template_upload(
            user=tracked.world.users["coordinator"],
            kind="province",
            name="Mẫu sai",
            data=_edited("{{ title }}", "{{ khong_ton_tai }}"),
        )
    assert "“khong_ton_tai”" in caught.value.message
    assert caught.value.details["unknown"] == ["khong_ton_tai"]
    assert list(ReportTemplate.objects.all()) == [kept]
    kept.refresh_from_db()
    assert kept.active
    assert sorted(p.name for p in Path(kept.file.path).parent.iterdir()) == files
    assert "II. HẠN CHẾ VÀ NGUYÊN NHÂN" in _headings(tracked)


def test_broken_xml_or_not_a_docx_is_refused_and_nothing_is_stored(
    tracked: Tracked, media: Path
) -> None:
    coordinator = tracked.world.users["coordinator"]
    broken = _edited("</w:body>", "<w:p></w:body>")
    for data in (broken, b"%PDF-1.7 not a word file"):
        with pytest.raises(ValidationFailed) as caught:
            report_template_upload(user=coordinator, kind="province", name="Mẫu hỏng", data=data)
        assert caught.value.message.startswith(
            "Tệp mẫu không phải tệp Word (.docx) hợp lệ hoặc có nội dung XML hỏng"
        )
    assert not ReportTemplate.objects.exists()
    assert not any(media.rglob("*.docx"))
    assert report_template_active(kind="province") is None


def test_bad_kind_empty_name_or_empty_file_are_refused(tracked: Tracked) -> None:
    coordinator = tracked.world.users["coordinator"]
    cases = [
        ("year", "Mẫu", default_template(), "Loại báo cáo “year” không hợp lệ"),
        ("unit", "   ", default_template(), "Nhập tên của mẫu báo cáo."),
        ("unit", "Mẫu", b"", "Tệp mẫu báo cáo rỗng."),
    ]
    for kind, name, data, message in cases:
        with pytest.raises(ValidationFailed) as caught:
            report_template_upload(user=coordinator, kind=kind, name=name, data=data)
        assert caught.value.message.startswith(message)
    assert not ReportTemplate.objects.exists()


@pytest.mark.parametrize("role", ["unit_officer", "unit_leader", "viewer", "content_editor"])
def test_only_administrators_and_the_coordinating_agency_manage_templates(
    tracked: Tracked, role: str
) -> None:
    user = tracked.world.users[role]
    with pytest.raises(PermissionDenied):
        _upload(tracked, "HẠN CHẾ", user=role)
    assert not ReportTemplate.objects.exists()
    stored = _upload(tracked, "HẠN CHẾ", user="admin")
    stored.active = False
    stored.save()
    with pytest.raises(PermissionDenied):
        report_template_activate(user=user, template=stored)
    with pytest.raises(PermissionDenied):
        report_template_default(user=user, kind="province")
    stored.refresh_from_db()
    assert not stored.active


def test_default_restores_the_built_in_template(tracked: Tracked) -> None:
    _upload(tracked, "HẠN CHẾ VÀ NGUYÊN NHÂN")
    unit_template = _upload(tracked, "KHÓ KHĂN", kind="unit")
    report_template_default(user=tracked.world.users["coordinator"], kind="province")
    assert report_template_active(kind="province") is None
    assert HEADING in _headings(tracked)
    # The other kind is untouched.
    unit_template.refresh_from_db()
    assert unit_template.active
    assert "II. KHÓ KHĂN" in _headings(tracked, unit=tracked.world.foreign_affairs)
    assert report_template_default_bytes("unit") == default_template()
    with pytest.raises(ValidationFailed):
        report_template_default_bytes("year")


def test_a_template_whose_file_is_gone_falls_back_to_the_built_in_one(tracked: Tracked) -> None:
    template = _upload(tracked, "HẠN CHẾ VÀ NGUYÊN NHÂN")
    Path(template.file.path).unlink()
    assert report_template_active(kind="province") is None
    assert HEADING in _headings(tracked)


# The admin pages.


def _admin_client(tracked: Tracked) -> Client:
    admin = tracked.world.users["admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    return client


def _post_upload(client: Client, data: bytes, name: str = "Mẫu của tỉnh"):  # type: ignore[no-untyped-def]
    upload = io.BytesIO(data)
    upload.name = "mau.docx"
    return client.post(
        reverse("admin:reporting_reporttemplate_add"),
        {"kind": "province", "name": name, "upload": upload},
    )


def test_admin_upload_form_calls_the_service_and_shows_its_errors(tracked: Tracked) -> None:
    client = _admin_client(tracked)
    page = client.get(reverse("admin:reporting_reporttemplate_add"))
    assert page.status_code == 200
    default_url = reverse("admin:reporting_reporttemplate_default", args=["province"])
    assert default_url in page.content.decode()
    refused = _post_upload(client, _edited("{{ title }}", "{{ khong_ton_tai }}"))
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.errors["upload"]
    assert "“khong_ton_tai”" in errors[0]
    assert not ReportTemplate.objects.exists()
    accepted = _post_upload(client, _edited(HEADING, "II. HẠN CHẾ VÀ NGUYÊN NHÂN"))
    assert accepted.status_code == 302
    stored = ReportTemplate.objects.get()
    assert (stored.name, stored.kind, stored.active) == ("Mẫu của tỉnh", "province", True)
    assert stored.uploaded_by == tracked.world.users["admin"]
    assert "II. HẠN CHẾ VÀ NGUYÊN NHÂN" in _headings(tracked)
    file_url = reverse("admin:reporting_reporttemplate_file", args=[stored.pk])
    assert file_url in client.get(reverse("admin:reporting_reporttemplate_changelist")).text
    download = client.get(file_url)
    assert download["Content-Disposition"] == (
        f'attachment; filename="mau-bao-cao-{stored.pk}.docx"'
    )
    assert download.content == _edited(HEADING, "II. HẠN CHẾ VÀ NGUYÊN NHÂN")


def test_admin_download_of_the_default_and_the_actions(tracked: Tracked) -> None:
    client = _admin_client(tracked)
    download = client.get(reverse("admin:reporting_reporttemplate_default", args=["unit"]))
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="mau-bao-cao-cua-don-vi.docx"'
    assert download.content == default_template()
    wrong = reverse("admin:reporting_reporttemplate_default", args=["year"])
    assert client.get(wrong).status_code == 404
    first = _upload(tracked, "HẠN CHẾ")
    second = _upload(tracked, "KHÓ KHĂN")
    changelist = reverse("admin:reporting_reporttemplate_changelist")

    def act(action: str, *pks: int) -> list[str]:
        response = client.post(
            changelist, {"action": action, "_selected_action": list(pks)}, follow=True
        )
        return [str(m) for m in response.context["messages"]]

    assert "Đã dùng mẫu “Mẫu HẠN CHẾ” cho báo cáo của tỉnh." in act("activate", first.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.active, second.active) == (True, False)
    shown = act("use_default", first.pk)
    assert "Báo cáo của tỉnh: đã quay về mẫu mặc định." in shown
    assert not ReportTemplate.objects.filter(active=True).exists()
    # Two of one kind at once: refused with a message, nothing changes.
    shown = act("activate", first.pk, second.pk)
    assert "Chọn một mẫu cho mỗi loại báo cáo." in shown
    assert not any(m.startswith("Đã dùng mẫu") for m in shown)
    assert not ReportTemplate.objects.filter(active=True).exists()

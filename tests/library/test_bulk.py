"""Bulk import (.xlsx + images, preview then all or nothing) and export (.xlsx / .zip)."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook
from PIL import Image

from ttdn.core.errors import PermissionDenied, ValidationFailed
from ttdn.library import bulk
from ttdn.library.models import Item, Media
from ttdn.units.models import Role

HEADER = [
    "Loại",
    "Tiêu đề",
    "Tóm tắt",
    "Nội dung",
    "Lĩnh vực",
    "Từ khóa",
    "Ngày sự kiện",
    "Độ mật",
    "Mã đơn vị",
    "Tệp ảnh",
    "Mô tả ảnh",
    "Tiêu đề (en)",
]


def sheet(*rows: list[object]) -> bytes:
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (40, 30), "green").save(out, "PNG")
    return out.getvalue()


GOOD = [
    "Tin",
    "Cửa khẩu Lao Bảo",
    "Tóm tắt",
    "<p>Nội dung</p><script>x</script>",
    "Du lịch; Kinh tế – xã hội",
    "Lào, cửa khẩu",
    "05/03/2026",
    "Công khai",
    "T-SNGV",
    "a.png",
    "Cổng cửa khẩu",
    "Lao Bao border gate",
]


def test_preview_then_commit_writes_every_row(world, media_root) -> None:  # type: ignore[no-untyped-def]
    editor = world.users[Role.CONTENT_EDITOR]
    second = [
        "Bài viết",
        "Di sản Thành cổ",
        "",
        "",
        "Văn hóa – di sản",
        "",
        None,
        "Hạn chế",
        "",
        "",
        "",
        "",
    ]
    preview = bulk.import_preview(actor=editor, sheet=sheet(GOOD, second), files={"a.png": png()})

    assert preview.errors == [] and Item.objects.count() == 0
    items = bulk.import_commit(actor=editor, preview=preview)

    first, other = items
    assert (first.unit.code, first.kind, first.event_start.isoformat(), first.security_level) == (
        "T-SNGV",
        "news",
        "2026-03-05",
        "public",
    )
    assert sorted(first.categories.values_list("slug", flat=True)) == ["du-lich", "kinh-te-xa-hoi"]
    assert {t.language: t.title for t in first.translations.all()} == {
        "vi": "Cửa khẩu Lao Bảo",
        "en": "Lao Bao border gate",
    }
    assert first.translations.get(language="vi").body == "<p>Nội dung</p>"
    assert first.media.get().alt_text == "Cổng cửa khẩu"
    assert (other.kind, other.security_level, other.unit_id, other.state) == (
        "article",
        "restricted",
        editor.unit_id,
        "draft",
    )


def test_one_bad_row_lists_every_problem_and_writes_nothing(world, media_root) -> None:  # type: ignore[no-untyped-def]
    editor = world.users[Role.CONTENT_EDITOR]
    bad = ["Phim", "", "", "", "Thể thao", "", "31/02/2026", "Tối mật", "KHONG-CO", "b.png", "", ""]
    svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"
    preview = bulk.import_preview(
        actor=editor, sheet=sheet(GOOD, bad), files={"a.png": png(), "b.png": svg}
    )

    assert preview.errors == [
        "Dòng 3: thiếu tiêu đề.",
        "Dòng 3: loại “Phim” không có trong danh mục.",
        "Dòng 3: độ mật “Tối mật” không hợp lệ.",
        "Dòng 3: lĩnh vực “Thể thao” không có trong danh mục.",
        "Dòng 3: ngày sự kiện “31/02/2026” phải viết dạng dd/mm/yyyy.",
        "Dòng 3: không có đơn vị mã “KHONG-CO”.",
        "Dòng 3: Không nhận ảnh SVG “b.png” (tệp chứa mã script): SVG có thể chứa mã chạy trong trình duyệt. Hãy dùng JPEG, PNG, WebP hoặc GIF.",
    ]
    with pytest.raises(ValidationFailed):
        bulk.import_commit(actor=editor, preview=preview)
    assert (Item.objects.count(), Media.objects.count()) == (0, 0)


def test_a_failure_while_writing_rolls_everything_back(world, media_root) -> None:  # type: ignore[no-untyped-def]
    editor = world.users[Role.CONTENT_EDITOR]
    preview = bulk.import_preview(actor=editor, sheet=sheet(GOOD, GOOD), files={"a.png": png()})
    preview.rows[1].translations["en"]["title"] = "x" * 400  # passes the preview, refused on write

    with pytest.raises(ValidationFailed, match="Tiêu đề dài quá 300 ký tự"):
        bulk.import_commit(actor=editor, preview=preview)
    assert Item.objects.count() == 0


def test_not_a_workbook_and_units_without_the_right(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed, match="không phải là bảng tính Excel"):
        bulk.import_preview(
            actor=world.users[Role.CONTENT_EDITOR], sheet=b"not a workbook", files={}
        )
    with pytest.raises(PermissionDenied):
        bulk.import_preview(actor=world.users[Role.UNIT_OFFICER], sheet=sheet(GOOD), files={})


def test_export_imports_back(world, media_root) -> None:  # type: ignore[no-untyped-def]
    editor = world.users[Role.CONTENT_EDITOR]
    items = bulk.import_commit(
        actor=editor,
        preview=bulk.import_preview(actor=editor, sheet=sheet(GOOD), files={"a.png": png()}),
    )

    archive = zipfile.ZipFile(
        BytesIO(bulk.export_zip(bulk.items_for_export(actor=editor, ids=[items[0].pk])))
    )
    names = archive.namelist()
    assert names[0] == "csdl-ttdn.xlsx" and len(names) == 2 and names[1].startswith("files/item-")
    rows = list(
        load_workbook(BytesIO(archive.read("csdl-ttdn.xlsx"))).active.iter_rows(values_only=True)
    )
    assert rows[1][:4] == ("Tin", "Cửa khẩu Lao Bảo", "Tóm tắt", "<p>Nội dung</p>")
    files = {name.split("/")[-1]: archive.read(name) for name in names[1:]}
    again = bulk.import_preview(actor=editor, sheet=archive.read("csdl-ttdn.xlsx"), files=files)
    assert again.errors == []
    assert again.rows[0].translations == {"en": {"title": "Lao Bao border gate"}}


def test_export_and_import_pages(client, world, media_root) -> None:  # type: ignore[no-untyped-def]
    editor = world.users[Role.CONTENT_EDITOR]
    client.force_login(editor)
    from django.core.files.uploadedfile import SimpleUploadedFile

    archive = BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("anh/a.png", png())
    response = client.post(
        "/library/import/",
        {
            "sheet": SimpleUploadedFile("s.xlsx", sheet(GOOD)),
            "files": SimpleUploadedFile("f.zip", archive.getvalue()),
        },
    )
    assert "Nhập 1 tin, bài" in response.content.decode() and Item.objects.count() == 0
    response = client.post("/library/import/confirm/")
    assert response.headers["Location"] == "/library/" and Item.objects.count() == 1

    response = client.post("/library/export/", {"ids": [Item.objects.get().pk], "format": "xlsx"})
    assert response.headers["Content-Disposition"] == 'attachment; filename="csdl-ttdn.xlsx"'
    assert load_workbook(BytesIO(response.content)).active["B2"].value == "Cửa khẩu Lao Bảo"


def test_cli_import_from_a_folder_and_its_errors(world, media_root, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    (tmp_path / "anh").mkdir()
    (tmp_path / "anh" / "a.png").write_bytes(png())
    (tmp_path / "ok.xlsx").write_bytes(sheet(GOOD))
    (tmp_path / "bad.xlsx").write_bytes(sheet(["Tin", ""]))

    with pytest.raises(SystemExit) as exit_info:
        call_command("library", "import", str(tmp_path / "bad.xlsx"), "--user", "editor")
    assert exit_info.value.code == 1
    assert capsys.readouterr().err.splitlines() == [
        "Dòng 2: thiếu tiêu đề.",
        "Lỗi: 1 lỗi: chưa nhập tin, bài nào.",
    ]
    call_command(
        "library",
        "import",
        str(tmp_path / "ok.xlsx"),
        "--files",
        str(tmp_path / "anh"),
        "--user",
        "editor",
    )
    assert capsys.readouterr().out == "Đã nhập 1 tin, bài (bản nháp).\n"
    assert Item.objects.get().media.count() == 1
    call_command("library", "export", "--output", str(tmp_path / "out.zip"), "--user", "editor")
    assert zipfile.ZipFile(tmp_path / "out.zip").namelist()[0] == "csdl-ttdn.xlsx"

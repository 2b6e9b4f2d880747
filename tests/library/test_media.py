"""Images: accepted by content, capped before reading, thumbnailed, alt text required for
publication, EXIF GPS stripped when the item is published."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image

from ttdn.core.errors import ValidationFailed
from ttdn.library import services
from ttdn.library.media import media_add, media_update
from ttdn.library.models import ItemState, Media
from ttdn.units.models import Role

GPS_IFD = 0x8825


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (1200, 800), "navy")
    exif = Image.Exif()
    exif[0x010F] = "TTDN test camera"  # Make
    exif[GPS_IFD] = {1: "N", 2: (16.0, 49.0, 0.0), 3: "E", 4: (107.0, 5.0, 0.0)}
    out = BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def item(world, media_root):  # type: ignore[no-untyped-def]
    return services.item_create(
        actor=world.users[Role.UNIT_OFFICER], kind="photo", title="Ảnh Cửa Việt"
    )


def test_an_image_gets_a_thumbnail_and_its_measures(world, item) -> None:  # type: ignore[no-untyped-def]
    data = jpeg_with_gps()
    media = media_add(
        actor=world.users[Role.UNIT_OFFICER],
        item=item,
        name="anh.JPG",
        size=len(data),
        data=data,
        alt_text="Cửa biển",
    )

    assert (media.content_type, media.width, media.height, media.size) == (
        "image/jpeg",
        1200,
        800,
        len(data),
    )
    with Image.open(media.thumbnail.open("rb")) as thumb:
        assert thumb.size == (480, 320)


def test_a_200_mb_upload_is_refused_before_it_is_read(world, item) -> None:  # type: ignore[no-untyped-def]
    def read() -> bytes:
        raise AssertionError("must not be read")

    with pytest.raises(ValidationFailed, match=r"nặng 200\.0 MB, quá giới hạn 20 MB"):
        media_add(
            actor=world.users[Role.UNIT_OFFICER],
            item=item,
            name="lon.jpg",
            size=200 * 1024 * 1024,
            read=read,
        )
    assert Media.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            r"Không nhận ảnh SVG “x.png” \(tệp chứa mã script\)",
        ),
        (b"%PDF-1.7 not an image", "không phải là ảnh đọc được"),
        (b"\x89PNG\r\n\x1a\n truncated", "không phải là ảnh đọc được"),
    ],
)
def test_svg_with_script_and_files_that_are_not_images_are_refused(
    world, item, data, message
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed, match=message):
        media_add(
            actor=world.users[Role.UNIT_OFFICER], item=item, name="x.png", size=len(data), data=data
        )
    assert Media.objects.count() == 0


def _approved(world, item):  # type: ignore[no-untyped-def]
    services.item_submit(actor=world.users[Role.UNIT_OFFICER], item=item)
    return services.item_approve(actor=world.users[Role.CONTENT_EDITOR], item=item)


def test_publication_needs_alt_text_and_strips_gps(world, item) -> None:  # type: ignore[no-untyped-def]
    editor = world.users[Role.CONTENT_EDITOR]
    data = jpeg_with_gps()
    media = media_add(
        actor=world.users[Role.UNIT_OFFICER], item=item, name="a.jpg", size=len(data), data=data
    )
    _approved(world, item)

    with pytest.raises(ValidationFailed, match="Còn 1 ảnh chưa có mô tả"):
        services.item_publish(actor=editor, item=item)
    item.refresh_from_db()
    assert item.state == ItemState.APPROVED
    media_update(actor=editor, media=media, alt_text="Cảng Cửa Việt lúc bình minh")
    services.item_publish(actor=editor, item=item)

    media.refresh_from_db()
    assert media.gps_stripped is True
    with Image.open(media.image.open("rb")) as image:
        exif = image.getexif()
        assert GPS_IFD not in exif
        assert exif[0x010F] == "TTDN test camera"


def test_a_publication_file_is_checked_by_content_and_served_only_when_public(
    world, item, client
) -> None:  # type: ignore[no-untyped-def]
    from ttdn.library.media import attachment_set

    officer = world.users[Role.UNIT_OFFICER]
    with pytest.raises(ValidationFailed, match=r"Không nhận tệp “an-pham\.pdf”"):
        attachment_set(
            actor=officer,
            item=item,
            name="an-pham.pdf",
            size=10,
            read=lambda: b"MZ\x90\x00 program",
        )
    item.refresh_from_db()
    assert not item.attachment
    attachment_set(
        actor=officer, item=item, name="an-pham.pdf", size=20, read=lambda: b"%PDF-1.7 an pham"
    )
    item.refresh_from_db()
    assert item.attachment_type == "application/pdf"
    assert client.get(f"/portal/vi/i/{item.pk}/file/").status_code == 404

    item.media.all().delete()
    services.item_submit(actor=officer, item=item)
    services.item_approve(actor=world.users[Role.CONTENT_EDITOR], item=item)
    services.item_publish(actor=world.users[Role.CONTENT_EDITOR], item=item)
    response = client.get(f"/portal/vi/i/{item.pk}/file/")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"%PDF-1.7 an pham"

"""The default indicator list (from the results provincial TTĐN reports count); administrators
edit it in the admin. Running it again changes nothing."""

from django.db import migrations

DEFAULT_INDICATORS = (
    ("tin-bai", "Số tin, bài", "tin, bài"),
    ("chuong-trinh-pt-th", "Số chương trình phát thanh, truyền hình", "chương trình"),
    ("lop-tap-huan", "Số lớp tập huấn, hội nghị", "lớp"),
    ("luot-tham-du", "Số lượt người tham dự", "lượt người"),
    ("an-pham", "Số ấn phẩm", "ấn phẩm"),
    ("ban-an-pham", "Số bản ấn phẩm phát hành", "bản"),
    ("cum-pa-no", "Số cụm pa-nô", "cụm"),
    ("doan", "Số đoàn (phóng viên, khách nước ngoài)", "đoàn"),
    ("hop-bao", "Số cuộc họp báo, giao ban báo chí", "cuộc"),
    ("video-anh", "Số video, phóng sự ảnh", "sản phẩm"),
)


def add_defaults(apps, schema_editor):
    Indicator = apps.get_model("reporting", "Indicator")
    for order, (code, name, measure) in enumerate(DEFAULT_INDICATORS, start=1):
        Indicator.objects.get_or_create(
            code=code, defaults={"name": name, "measure": measure, "order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]

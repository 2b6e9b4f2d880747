from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "ttdn.units"
    label = "units"
    verbose_name = "Đơn vị và người dùng"

from django.apps import AppConfig


class PressConfig(AppConfig):
    name = "ttdn.press"
    label = "press"
    verbose_name = "Phóng viên và đoàn nước ngoài"

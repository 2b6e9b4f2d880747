from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "ttdn.reporting"
    label = "reporting"
    verbose_name = "Báo cáo tiến độ"

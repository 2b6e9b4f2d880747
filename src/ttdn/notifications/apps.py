from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ttdn.notifications"
    label = "notifications"
    verbose_name = "Thông báo và lịch chạy"

from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "ttdn.activities"
    label = "activities"
    verbose_name = "Hoạt động thông tin đối ngoại"

from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "ttdn.plans"
    label = "plans"
    verbose_name = "Kế hoạch và nhiệm vụ"

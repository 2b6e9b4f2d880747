"""Django app configuration of press monitoring."""

from __future__ import annotations

from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "ttdn.monitoring"
    label = "monitoring"
    verbose_name = "Giám sát báo chí"
    default_auto_field = "django.db.models.BigAutoField"

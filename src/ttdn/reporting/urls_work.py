"""URLs of a unit's side of reporting: its work, updates, evidence and period reports."""

from django.urls import path

from ttdn.reporting import views_report, views_work

urlpatterns = [
    path("", views_work.home, name="home"),
    path("my-work/", views_work.my_work, name="my_work"),
    path("work/<int:pk>/", views_work.work_item, name="work_item"),
    path("work/<int:pk>/evidence/files/", views_work.evidence_upload, name="evidence_upload"),
    path("work/<int:pk>/evidence/link/", views_work.evidence_link, name="evidence_link"),
    path("evidence/<int:pk>/", views_work.evidence_download, name="evidence"),
    path("evidence/<int:pk>/remove/", views_work.evidence_remove, name="evidence_remove"),
    path("reports/", views_report.report_list, name="reports"),
    path("reports/<int:pk>/", views_report.report_detail, name="report"),
    path("reports/<int:pk>/action/", views_report.report_action, name="report_action"),
    path("periods/<int:period_pk>/my-report/", views_report.report_open, name="report_open"),
]

from django.urls import path

from ttdn.reporting import views_work

urlpatterns = [
    path("reports/<int:pk>/", views_work.report_detail, name="report"),
]

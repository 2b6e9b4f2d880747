from django.urls import path

from ttdn.reporting import views

app_name = "reporting"

urlpatterns = [
    path("reports/<int:pk>/", views.report_detail, name="report"),
]

from django.urls import path

from ttdn.units import views

app_name = "units"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/aliases/", views.unit_alias_add, name="alias_add"),
    path("<int:pk>/members/", views.unit_members, name="members"),
    path("<int:pk>/history/", views.unit_history, name="history"),
]

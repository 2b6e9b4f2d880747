from django.urls import path

from ttdn.plans import views, views_next_year

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/export.xlsx", views.plan_export, name="export"),
    path("<int:pk>/map-unit/", views.plan_map_unit, name="map_unit"),
    path("<int:pk>/next-year/", views_next_year.next_year_create, name="next_year"),
]

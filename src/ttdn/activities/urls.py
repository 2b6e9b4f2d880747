"""URLs of the activities registry and the calendar (namespace "activities")."""

from django.urls import path

from ttdn.activities import views

app_name = "activities"

urlpatterns = [
    path("", views.activities, name="list"),
    path("new/", views.activity_new, name="new"),
    path("calendar/", views.month, name="calendar"),
    path("calendar.ics", views.month_ics, name="calendar_ics"),
    path("<int:pk>/", views.activity, name="detail"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("<int:pk>/tasks/", views.activity_attach, name="attach"),
    path("<int:pk>/photos/", views.activity_photo, name="photo_add"),
    path("<int:pk>/photos/<int:photo_pk>/", views.photo_download, name="photo"),
]

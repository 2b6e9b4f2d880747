"""URLs of the press module (namespace "press")."""

from django.urls import path

from ttdn.press import views

app_name = "press"

urlpatterns = [
    path("", views.visits, name="visits"),
    path("visits/new/", views.visit_new, name="visit_new"),
    path("visits/<int:pk>/", views.visit, name="visit"),
    path("visits/<int:pk>/action/", views.visit_action, name="visit_action"),
    path("visits/<int:pk>/report/", views.visit_report, name="visit_report"),
    path("visits/<int:pk>/follow-up/", views.visit_follow_up, name="visit_follow_up"),
    path("visits/<int:pk>/programme/", views.visit_programme, name="visit_programme"),
    path("visits/<int:pk>/people/", views.visit_people, name="visit_people"),
    path("delegations/", views.delegations, name="delegations"),
    path("delegations/new/", views.delegation_new, name="delegation_new"),
    path("delegations/<int:pk>/", views.delegation, name="delegation"),
    path("delegations/<int:pk>/edit/", views.delegation_edit, name="delegation_edit"),
    path("press-events/", views.press_events, name="press_events"),
    path("press-events/new/", views.press_event_new, name="press_event_new"),
    path("press-events/<int:pk>/", views.press_event, name="press_event"),
    path("press-events/<int:pk>/edit/", views.press_event_edit, name="press_event_edit"),
    path(
        "press-events/<int:pk>/follow-up/",
        views.press_event_follow_up,
        name="press_event_follow_up",
    ),
]

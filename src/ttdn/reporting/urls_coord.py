"""URLs of the coordinating agency's side of reporting (included by `reporting.urls`)."""

from django.urls import path

from ttdn.reporting import views_compiled, views_coord

urlpatterns = [
    path("plans/<int:plan_pk>/periods/", views_coord.periods, name="periods"),
    path(
        "plans/<int:plan_pk>/periods/defaults/",
        views_coord.periods_defaults,
        name="periods_defaults",
    ),
    path("periods/<int:pk>/edit/", views_coord.period_edit, name="period_edit"),
    path("dashboard/", views_coord.dashboard, name="dashboard"),
    path(
        "dashboard/periods/<int:period_pk>/units/<int:unit_pk>/",
        views_coord.dashboard_unit,
        name="dashboard_unit",
    ),
    path(
        "dashboard/periods/<int:period_pk>/export.xlsx",
        views_coord.dashboard_export,
        name="dashboard_export",
    ),
    path(
        "dashboard/periods/<int:period_pk>/section/",
        views_coord.dashboard_section,
        name="dashboard_section",
    ),
    path(
        "dashboard/periods/<int:period_pk>/units/<int:unit_pk>/remind/",
        views_coord.reminder,
        name="reminder",
    ),
    path("units/<int:unit_pk>/scorecard/", views_coord.scorecard, name="scorecard"),
    path("my-scorecard/", views_coord.my_scorecard, name="my_scorecard"),
    path("tasks/<int:task_pk>/hold/", views_coord.task_hold, name="task_hold"),
    path("compiled/", views_compiled.compiled, name="compiled"),
    path("compiled/texts/", views_compiled.compiled_texts, name="compiled_texts"),
    path(
        "compiled/report.docx",
        views_compiled.compiled_download,
        {"fmt": "docx"},
        name="compiled_docx",
    ),
    path(
        "compiled/report.pdf", views_compiled.compiled_download, {"fmt": "pdf"}, name="compiled_pdf"
    ),
    path(
        "compiled/appendix.xlsx",
        views_compiled.compiled_download,
        {"fmt": "xlsx"},
        name="compiled_xlsx",
    ),
]

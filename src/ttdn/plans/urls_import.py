"""URLs of the plan import pages (mounted at /plans/import/)."""

from django.urls import path

from ttdn.plans import views_import as views
from ttdn.plans import views_next_year

app_name = "plan_import"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.draft_detail, name="draft"),
    path("<int:pk>/document/", views.document_edit, name="document"),
    path("<int:pk>/tasks/<int:index>/", views.task_row, name="task"),
    path("<int:pk>/tasks/<int:index>/edit/", views.task_edit, name="task_edit"),
    path("<int:pk>/tasks/<int:index>/split/", views.task_split, name="task_split"),
    path("<int:pk>/tasks/<int:index>/merge/", views.task_merge, name="task_merge"),
    path("<int:pk>/tasks/<int:index>/drop/", views.task_drop, name="task_drop"),
    path("<int:pk>/units/", views.map_unit, name="map_unit"),
    path("<int:pk>/units/options/", views.unit_options, name="unit_options"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/discard/", views.discard, name="discard"),
    path("<int:pk>/draft.docx", views_next_year.draft_export, {"fmt": "docx"}, name="draft_docx"),
    path("<int:pk>/draft.pdf", views_next_year.draft_export, {"fmt": "pdf"}, name="draft_pdf"),
]

from django.urls import path

from ttdn.monitoring import views, views_digest

app_name = "monitoring"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("articles/<int:pk>/label/", views.article_label, name="label"),
    path("bulk/", views.inbox_bulk, name="bulk"),
    path("stories/<int:pk>/", views.story, name="story"),
    path("stories/<int:pk>/case/", views.case_open, name="case_open"),
    path("cases/mine/", views.my_cases, name="my_cases"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/move/", views.case_move, name="case_move"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("sources/", views.sources, name="sources"),
    path("models/", views.models_page, name="models"),
    path("models/retrain/", views.model_retrain, name="model_retrain"),
    path("models/activate/", views.model_activate, name="model_activate"),
    path("digest.<str:kind>", views_digest.digest_download, name="digest"),
]

from django.urls import path

from ttdn.monitoring import views, views_digest, views_setup

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
    path("sources/new/", views_setup.source_new, name="source_new"),
    path("sources/<int:pk>/edit/", views_setup.source_edit, name="source_edit"),
    path("sources/<int:pk>/active/", views_setup.source_active, name="source_active"),
    path("sources/<int:pk>/check/", views_setup.source_check, name="source_check"),
    path("alerts/", views_setup.alert_rules, name="alert_rules"),
    path("alerts/new/", views_setup.alert_rule_new, name="alert_rule_new"),
    path("alerts/<int:pk>/edit/", views_setup.alert_rule_edit, name="alert_rule_edit"),
    path("alerts/<int:pk>/active/", views_setup.alert_rule_active, name="alert_rule_active"),
    path("topics/", views_setup.topics, name="topics"),
    path("topics/new/", views_setup.topic_new, name="topic_new"),
    path("topics/try/", views_setup.rule_try, name="rule_try"),
    path("topics/<slug:code>/edit/", views_setup.topic_edit, name="topic_edit"),
    path("topics/<slug:code>/enable/", views_setup.topic_enable, name="topic_enable"),
    path("models/", views.models_page, name="models"),
    path("models/retrain/", views.model_retrain, name="model_retrain"),
    path("models/activate/", views.model_activate, name="model_activate"),
    path("digest.<str:kind>", views_digest.digest_download, name="digest"),
]

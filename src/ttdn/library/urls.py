"""URLs of the CSDL: the public portal under /portal/, sitemap.xml, staff pages under /library/."""

from django.urls import path

from ttdn.library import views, views_bulk
from ttdn.library import views_portal as portal

app_name = "library"

urlpatterns = [
    path("sitemap.xml", portal.sitemap, name="sitemap"),
    path("portal/", portal.portal_root, name="portal_root"),
    path("portal/media/<int:pk>/<str:size>/", portal.portal_media, name="portal_media"),
    path("portal/<str:lang>/", portal.portal_home, name="portal_home"),
    path("portal/<str:lang>/rss.xml", portal.portal_rss, name="portal_rss"),
    path("portal/<str:lang>/search/", portal.portal_search, name="portal_search"),
    path("portal/<str:lang>/c/<slug:slug>/", portal.portal_category, name="portal_category"),
    path(
        "portal/<str:lang>/c/<slug:slug>/rss.xml",
        portal.portal_category_rss,
        name="portal_category_rss",
    ),
    path("portal/<str:lang>/t/<slug:slug>/", portal.portal_tag, name="portal_tag"),
    path("portal/<str:lang>/i/<int:pk>/file/", portal.portal_attachment, name="portal_attachment"),
    path("portal/<str:lang>/i/<int:pk>/<slug:slug>/", portal.portal_item, name="portal_item"),
    path("library/", views.item_list, name="items"),
    path("library/new/", views.item_create, name="item_create"),
    path("library/translations/", views.translation_status, name="translation_status"),
    path("library/import/", views_bulk.import_start, name="import"),
    path("library/import/confirm/", views_bulk.import_confirm, name="import_confirm"),
    path("library/export/", views_bulk.export, name="export"),
    path("library/<int:pk>/", views.item_detail, name="item"),
    path("library/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("library/<int:pk>/action/<str:action>/", views.item_action, name="item_action"),
    path("library/<int:pk>/lang/<str:lang>/", views.translation_edit, name="translation_edit"),
    path("library/<int:pk>/lang/<str:lang>/revisions/", views.revisions, name="revisions"),
    path("library/<int:pk>/media/", views.media_upload, name="media_upload"),
    path("library/<int:pk>/attachment/", views.attachment_upload, name="attachment_upload"),
    path("library/<int:pk>/attachment/file/", views.attachment_file, name="attachment_file"),
    path("library/media/<int:pk>/alt/", views.media_alt, name="media_alt"),
    path("library/media/<int:pk>/<str:size>/", views.media_file, name="media_file"),
]

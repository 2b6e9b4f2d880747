"""URL map: pages per module, the JSON API at /api/v1, admin, health check."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ttdn.api.api import api
from ttdn.core.health import healthz
from ttdn.units import views as unit_views
from ttdn.units.forms import LoginForm

admin.site.site_header = "Quản trị TTĐN"
admin.site.site_title = "TTĐN"

urlpatterns = [
    path("", unit_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("units/", include("ttdn.units.urls")),
    path("plans/import/", include("ttdn.plans.urls_import")),
    path("plans/", include("ttdn.plans.urls")),
    path("documents/", include("ttdn.documents.urls")),
    path("reporting/", include("ttdn.reporting.urls")),
    path("notifications/", include("ttdn.notifications.urls")),
    path("press/", include("ttdn.press.urls")),
    path("activities/", include("ttdn.activities.urls")),
    path("monitoring/", include("ttdn.monitoring.urls")),
    path("", include("ttdn.library.urls")),
    path("account/", unit_views.account, name="account"),
    path("account/tokens/", unit_views.api_token_create, name="api_token_create"),
    path("account/tokens/<int:pk>/revoke/", unit_views.api_token_revoke, name="api_token_revoke"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "account/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

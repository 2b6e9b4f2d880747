"""Assemble the NinjaAPI: routers of every module, one ApplicationError → JSON mapping."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from ttdn.activities.api import router as activities_router
from ttdn.api.auth import AUTH
from ttdn.core.errors import ApplicationError
from ttdn.documents.api import router as documents_router
from ttdn.library.api import public_router as library_public_router
from ttdn.library.api import router as library_router
from ttdn.monitoring.api import router as monitoring_router
from ttdn.plans.api import router as plans_router
from ttdn.press.api import router as press_router
from ttdn.reporting.api import router as reporting_router
from ttdn.units.api import me_router
from ttdn.units.api import router as units_router

api = NinjaAPI(
    title="TTĐN API",
    version="1",
    description="API của hệ thống quản lý công tác thông tin đối ngoại (TTĐN).",
    auth=AUTH,
    docs_url="/docs",
    openapi_url="/openapi.json",
    urls_namespace="api",
)
api.add_router("/v1/units", units_router)
api.add_router("/v1/me", me_router)
api.add_router("/v1/plans", plans_router)
api.add_router("/v1/documents", documents_router)
api.add_router("/v1/reporting", reporting_router)
api.add_router("/v1/press", press_router)
api.add_router("/v1/activities", activities_router)
api.add_router("/v1/library", library_router)
api.add_router("/v1/public", library_public_router)
api.add_router("/v1/monitoring", monitoring_router)


@api.exception_handler(ApplicationError)
def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)

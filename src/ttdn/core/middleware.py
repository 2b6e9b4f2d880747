"""Request middleware: the user's own language, and ApplicationError mapped to a page once."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from ttdn.core.errors import ApplicationError


class UserLanguageMiddleware:
    """Vietnamese unless the user chose otherwise: profile language, else the language cookie.

    The browser's Accept-Language is ignored on purpose: government machines often run English
    browsers, and officials expect the system in Vietnamese.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = _chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def _chosen_language(request: HttpRequest) -> str:
    supported = {code for code, _name in settings.LANGUAGES}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.language in supported:
        return str(user.language)
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return cookie if cookie in supported else settings.LANGUAGE_CODE


class ApplicationErrorMiddleware:
    """Turn an ApplicationError escaping a view into a page with its Vietnamese message."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ApplicationError):
            return None
        return render(
            request,
            "core/error.html",
            {"message": exception.message},
            status=exception.status_code,
        )

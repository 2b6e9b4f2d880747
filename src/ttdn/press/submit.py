"""The one step every form of the press and activities pages repeats: valid input → the service
→ a message and a redirect; the service's refusal of the input → its Vietnamese message on the
form, and the page shown again with nothing stored. A denial (403) or a record out of reach
(404) is not a matter of input: it goes to the error page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from ttdn.core.errors import ApplicationError, NotFound, PermissionDenied


def submit(
    request: HttpRequest,
    forms: Sequence[Any],
    write: Callable[[], Any],
    done: str | Callable[[Any], str],
    to: str | Callable[[Any], str],
) -> HttpResponse | None:
    """Run `write` when the request is a POST and every form (or formset) is valid. None when
    the page must be shown again with its errors (the caller answers 400)."""
    if request.method != "POST" or not all([form.is_valid() for form in forms]):
        return None
    try:
        result = write()
    except (PermissionDenied, NotFound):
        raise
    except ApplicationError as exc:
        forms[0].add_error(None, exc.message)
        return None
    messages.success(request, done(result) if callable(done) else done)
    return redirect(to(result) if callable(to) else to)

"""API authentication: the browser session (with CSRF) or a personal bearer token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from ttdn.units.models import ApiToken
from ttdn.units.services import api_token_hash


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ttdn_…`; expired, revoked or inactive-user tokens are refused."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        record = (
            ApiToken.objects.select_related("user", "user__unit")
            .filter(key_hash=api_token_hash(token), revoked_at__isnull=True)
            .first()
        )
        now = timezone.now()
        if record is None or not record.user.is_active:
            return None
        if record.expires_at is not None and record.expires_at <= now:
            return None
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
        request.user = record.user
        return record.user


# The token first: a request carrying a bearer token is not a browser riding on its cookies, so it
# needs no CSRF token; without one, the session is checked, CSRF included.
AUTH = [TokenAuth(), SessionAuth()]

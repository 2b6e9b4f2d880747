"""The ApplicationError hierarchy: services raise these with a Vietnamese message for the user.

Views, the API and management commands map them in one place each (middleware, the ninja
exception handler, `run_command`) so no caller formats errors by hand.
"""

from __future__ import annotations


class ApplicationError(Exception):
    """A failure the user can understand and act on; `message` is shown as is."""

    status_code = 400

    def __init__(self, message: str, *, details: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class ValidationFailed(ApplicationError):
    """Input does not satisfy a rule; nothing was written."""


class NotFound(ApplicationError):
    """The object does not exist, or the user's unit may not see it (same answer on purpose)."""

    status_code = 404


class PermissionDenied(ApplicationError):
    """The user may see the object but not perform this action on it."""

    status_code = 403


class Conflict(ApplicationError):
    """The object changed meanwhile or the action was already done."""

    status_code = 409

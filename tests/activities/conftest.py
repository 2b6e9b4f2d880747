"""The tracked plan of the reporting tests, for attaching activities to its tasks."""

from tests.reporting.conftest import tracked  # noqa: F401

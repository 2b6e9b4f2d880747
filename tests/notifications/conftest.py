"""The reporting tests' tracked plan, for the scheduler's end-to-end run."""

from tests.reporting.conftest import tracked

__all__ = ["tracked"]

"""The JSON API: one NinjaAPI at /api with each module's router under /api/v1."""

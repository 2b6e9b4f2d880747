"""Settings for the test suite: the production settings with a throwaway key and fast hashing.

Security settings stay as in production (secure cookies, HSTS, nosniff); only the HTTPS redirect
is off because the test client and the browser tests speak plain HTTP on 127.0.0.1.
"""

import os

os.environ.setdefault("TTDN_SECRET_KEY", "tests-only-not-a-secret-" + "k" * 40)
os.environ.setdefault("TTDN_SSL_REDIRECT", "0")
os.environ.setdefault("TTDN_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from ttdn.config.settings import *  # noqa: F403
from ttdn.config.settings import STATIC_ROOT, STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
# Persistent connections from the live-server thread would block dropping the PostgreSQL test DB.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

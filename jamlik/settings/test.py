"""Settings for the test suite: real PostgreSQL (DATABASE_URL set by make test), fast hashing."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env("SECRET_KEY") or "django-insecure-test-only"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests assert throttling explicitly; everywhere else it would only make tests flaky.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "10000/min", "user": "10000/min"}}  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from the source folders (no collectstatic needed for tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Login lock-out is tested explicitly (tests/test_security.py); elsewhere tests log in freely.
AXES_ENABLED = False
LOGIN_IP_FAILURE_LIMIT = 0
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405

# Whole-response caching is switched on by the tests that test it (tests/test_public_cache.py):
# elsewhere a second request would be a hit and say nothing about the page (queries, context).
PUBLIC_CACHE_ENABLED = False
# Plan-data fragments likewise (tests/test_fragments.py): elsewhere pages are rendered in full.
PLAN_FRAGMENT_CACHE = False

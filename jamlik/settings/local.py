"""Settings for a developer's machine (make run): SQLite, DEBUG on, a throwaway key."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY") or "django-insecure-local-development-only-not-for-production"

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# E-mail notifications are printed on the console unless an SMTP server is configured.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

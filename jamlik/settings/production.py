"""Production settings: refuse to start without a real secret key; HTTPS everywhere."""

from .base import *  # noqa: F403
from .base import OIDC_ENABLED, env, env_bool, env_list, require_secret_key

DEBUG = False
SECRET_KEY = require_secret_key(env("SECRET_KEY"))
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Keep database connections between requests (health-checked before reuse): opening one costs a
# few milliseconds, more than rendering a cached page.
DATABASES["default"]["CONN_MAX_AGE"] = int(env("DB_CONN_MAX_AGE", "60"))  # noqa: F405

# Static files fingerprinted (portal.<hash>.css, from a manifest) and compressed (gzip, Brotli) by
# collectstatic (a release step); WhiteNoise serves fingerprinted names with
# `Cache-Control: max-age=315360000, public, immutable`, since a changed file gets a new name.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Local passwords are off once single sign-on is configured (unless LOCAL_LOGIN_ENABLED=true).
LOCAL_LOGIN_ENABLED = env_bool("LOCAL_LOGIN_ENABLED", not OIDC_ENABLED)
